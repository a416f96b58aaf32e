/* Language switch that keeps your place. Question and heading ids are identical in both languages, so the
   other language's page is the link mkdocs-static-i18n generates plus the current #anchor. Material's own
   "stay on page" handler would navigate to the alternate page without the anchor (it expects language roots
   with their own sitemap), so clicks on language links are handled here and not passed on to it. */
(function () {
  function target(a) {
    return a.href.split("#")[0] + location.hash;
  }
  window.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[hreflang]");
    if (!a || a.hostname !== location.hostname || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    a.href = target(a);
    ev.stopPropagation();  // the default action (following the link) still happens
  }, true);
})();
