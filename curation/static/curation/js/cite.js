// Cite by selection: keep the hidden start/end fields in step with the selection in the
// read-only article text. Offsets are counted in Unicode code points, as Python counts
// them, not in the UTF-16 units the browser uses.
(function () {
  "use strict";
  const text = document.getElementById("cite-text");
  if (!text) return;
  const start = document.getElementById("id_start");
  const end = document.getElementById("id_end");
  const quote = document.getElementById("id_quote");
  const preview = document.getElementById("cite-preview");

  function codePoints(s) { return Array.from(s).length; }

  function update() {
    const a = text.selectionStart, b = text.selectionEnd;
    if (a === b) return;
    const selected = text.value.slice(a, b);
    start.value = codePoints(text.value.slice(0, a));
    end.value = start.value * 1 + codePoints(selected);
    quote.value = selected;
    preview.textContent = selected;
  }

  // Where n code points end, in the UTF-16 units the browser counts.
  function utf16Index(s, n) {
    let index = 0;
    for (let seen = 0; seen < n && index < s.length; seen++) {
      index += s.codePointAt(index) > 0xffff ? 2 : 1;
    }
    return index;
  }

  // A selection already made (sent back with an error, or kept to add another fact from
  // the same words) is shown selected again.
  if (start.value !== "" && end.value !== "") {
    const a = utf16Index(text.value, Number(start.value));
    const b = utf16Index(text.value, Number(end.value));
    if (a < b) {
      text.setSelectionRange(a, b);
      quote.value = text.value.slice(a, b);
      preview.textContent = quote.value;
    }
  }

  ["select", "mouseup", "keyup"].forEach(function (name) { text.addEventListener(name, update); });
  // The text is not "readonly" (browsers then refuse keyboard selection) but must not
  // change: refuse every edit. (It has no name, so it is never submitted either.)
  ["beforeinput", "paste", "drop", "cut"].forEach(function (name) {
    text.addEventListener(name, function (event) { event.preventDefault(); });
  });
  // Typing a quote by hand means "find it": forget any earlier selection's offsets.
  quote.addEventListener("input", function () { start.value = ""; end.value = ""; });
})();
