// The language switcher links this page in the other language, filters included. When
// htmx filters a list in place and changes the address, carry the new query over to it.
(function () {
  function follow() {
    document.querySelectorAll("nav.languages a[hreflang]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.search = location.search;
      link.href = url.pathname + url.search;
    });
  }
  document.addEventListener("htmx:pushedIntoHistory", follow);
  document.addEventListener("htmx:replacedInHistory", follow);
  window.addEventListener("popstate", follow);
})();
