// Search that can't lie: once a key is typed in the filter form's search box, the answer
// still on its way is for an old query, so it is dropped at once (the box's own trigger
// asks again for what it now reads). Without this, the old answer could be shown for
// up to the trigger's delay while the box reads something else.
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    const form = event.target.form;
    if (form && form.id === "filters" && event.target.type === "search" && window.htmx) {
      window.htmx.trigger(form, "htmx:abort");
    }
  });
})();
