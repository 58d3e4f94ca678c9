// Reading and citing facts; the pages work without it.
// 1. On an article page, the passage linked to (#p-<id>) is outlined whole: a passage that
//    overlaps another is cut into several <mark>s, each listing in data-passages every
//    passage it belongs to. (Without JavaScript, CSS outlines the first of them.)
// 2. "Copy citation" buttons (hidden until this runs) put a plain-text citation of a fact
//    on the clipboard: what the fact says, then each quote (with what it supports, when
//    only some of the fact's values) with its source and date, its translation when it has
//    one (labelled, after the original words), the article's address and
//    the address of the quote in context here. The wording comes from the button's data-*
//    attributes, which the template translates.
(function () {
  "use strict";

  function outlineTarget() {
    const marks = document.querySelectorAll(".article-text mark[data-passages]");
    if (!marks.length) return;
    // Passage anchors are "p-<number>": nothing in them needs decoding, and a malformed
    // escape ("#%E0") would make decodeURIComponent throw.
    const id = location.hash.slice(1);
    marks.forEach(function (mark) {
      const ids = mark.dataset.passages.split(" ");
      mark.classList.toggle("is-target", /^p-\d+$/.test(id) && ids.indexOf(id) !== -1);
    });
  }

  function fill(format, values) {
    return format.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  }

  function citationText(button) {
    const cites = button.closest(".cites");
    const blocks = [];
    cites.querySelectorAll("details.cite").forEach(function (marker) {
      marker.querySelectorAll(".cite-body .quote").forEach(function (item) {
        const lines = [fill(button.dataset.quoteLine, {
          quote: item.querySelector("q").textContent,
          source: marker.dataset.source,
          date: marker.dataset.date,
        })];
        // A translation follows the original words it translates, labelled.
        const translation = item.querySelector(".translation");
        if (translation) {
          lines.push(fill(button.dataset.translationLine, {
            label: translation.dataset.label,
            translation: translation.querySelector("q").textContent,
          }));
        }
        // A quote that supports only some of the fact's values says which, first.
        const supports = item.querySelector(".supports");
        if (supports) lines.unshift(supports.textContent.trim());
        if (marker.dataset.articleUrl) {
          lines.push(fill(button.dataset.articleLine, { url: marker.dataset.articleUrl }));
        }
        const here = item.querySelector("a.in-context");
        lines.push(fill(button.dataset.contextLine, { url: here.dataset.url || here.href }));
        blocks.push(lines.join("\n"));
      });
    });
    return [button.dataset.fact].concat(blocks).join("\n\n");
  }

  let status = null;
  function announce(message) {
    statusRegion().textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function statusRegion() {
    // One polite live region for the page, created before it is first needed.
    if (!status) {
      status = document.createElement("p");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      (document.querySelector("main") || document.body).appendChild(status);
    }
    return status;
  }

  // Buttons are shown only where copying can work, including in content htmx swaps in.
  function reveal(root) {
    if (!navigator.clipboard) return;
    const buttons = root.querySelectorAll("button.copy-citation");
    if (buttons.length) statusRegion();
    buttons.forEach(function (button) { button.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button.copy-citation");
    if (!button) return;
    navigator.clipboard.writeText(citationText(button)).then(
      function () { announce(button.dataset.copied); },
      function () { announce(button.dataset.failed); }
    );
  });
  document.addEventListener("htmx:afterSettle", function (event) { reveal(event.target); });
  window.addEventListener("hashchange", outlineTarget);
  outlineTarget();
  reveal(document);
})();
