// Suggestion review by keyboard: j/k move between rows, x ticks the current row, a/r accept
// or reject the ticked rows (the current row when none is ticked). The page works without it.
(function () {
  "use strict";
  const form = document.getElementById("review-form");
  if (!form) return;
  const boxes = Array.from(form.querySelectorAll("input[name=selected]"));
  const all = document.getElementById("review-all");
  let current = -1;

  function focusRow(index) {
    if (!boxes.length) return;
    current = Math.max(0, Math.min(boxes.length - 1, index));
    boxes[current].focus();
    boxes[current].closest("tr").scrollIntoView({ block: "nearest" });
  }

  function submit(verdict) {
    if (!boxes.some(function (box) { return box.checked; }) && current >= 0) {
      boxes[current].checked = true;
    }
    const button = document.getElementById(verdict === "accept" ? "review-accept" : "review-reject");
    if (button) button.click();
  }

  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  }
  boxes.forEach(function (box, index) {
    box.addEventListener("focus", function () { current = index; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = event.target.tagName;
    if (tag === "TEXTAREA" || (tag === "INPUT" && event.target.type !== "checkbox")) return;
    const actions = {
      j: function () { focusRow(current + 1); },
      k: function () { focusRow(current - 1); },
      x: function () { if (current >= 0) boxes[current].checked = !boxes[current].checked; },
      a: function () { submit("accept"); },
      r: function () { submit("reject"); },
    };
    const action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });
})();
