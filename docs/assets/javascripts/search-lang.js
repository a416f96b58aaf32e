/* Search in the reader's language. mkdocs-static-i18n writes one search index for both languages; our build
   (hooks/render.py) also writes search/search_index.<lang>.json with only that language's pages. Material's
   bundle loads search/search_index.json with XMLHttpRequest: send that request to the reader's language file.
   Loaded before the bundle (overrides/main.html). */
(function () {
  var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase().indexOf("en") === 0 ? "en" : "zh";
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (typeof url === "string" || url instanceof URL) {
      var u = String(url);
      if (/\/search\/search_index\.json(?:[?#]|$)/.test(u)) {
        args[1] = u.replace("search_index.json", "search_index." + lang + ".json");
      }
    }
    return open.apply(this, args);
  };
})();
