// New fact from selected words: show only the chosen kind's fields, and the person fields
// only for a fact about a person. Without JavaScript every kind's fields are shown.
(function () {
  "use strict";
  const form = document.querySelector(".new-fact-form");
  if (!form) return;
  const kinds = form.querySelectorAll("input[name=kind]");
  const sections = form.querySelectorAll(".new-fact-fields");
  const personRows = form.querySelectorAll(".new-fact-person");

  function show() {
    const chosen = form.querySelector("input[name=kind]:checked");
    let aboutPerson = true;
    sections.forEach(function (section) {
      const on = chosen !== null && section.dataset.kind === chosen.value;
      section.hidden = !on;
      if (on) aboutPerson = section.dataset.aboutPerson === "yes";
    });
    personRows.forEach(function (row) { row.hidden = !aboutPerson; });
  }

  kinds.forEach(function (input) { input.addEventListener("change", show); });
  show();
})();
