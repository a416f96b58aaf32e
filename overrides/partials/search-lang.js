/* Search in the reader's language, and Chinese queries whose last word counts.
   Inlined in <head> before Material's bundle by overrides/main.html.

   1. mkdocs-static-i18n writes one search index for both languages; our build (hooks/render.py) also writes
      search/search_index.<lang>.json with only that language's pages. Material's bundle loads
      search/search_index.json with XMLHttpRequest: send that request to the reader's language file.

   2. Material's search worker splits a run of Chinese characters in the query into index words by longest match,
      but never lets a word end at the last character of the run, so the last word of a multi-word query is
      dropped: 大模型幻觉 searches 大 + 模型, 位置编码 searches only 位置. Appending one character that no word
      contains to each run makes the real last word matchable (the extra character itself matches nothing and is
      dropped). The query reaches the worker as a {type: 2, data: query} message (Material 9.x); anything else is
      passed through unchanged. tests/search_queries.yml has queries that need the last word.

   3. Material reads the query on keyup, so a query pasted with the mouse (or dropped, or filled in by an IME
      commit without a key) started no search: any other change of the box's value sends a keyup too. */
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

  var SEARCH_QUERY = 2;
  var END = "\u3400";  // a rare CJK character: the end marker of a run
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      args[0] = Object.assign({}, message, {data: message.data.replace(/[\u3400-\u9fff]+/g, function (run) {
        return run + END;
      })});
    }
    return post.apply(this, args);
  };

  document.addEventListener("input", function (e) {
    var el = e.target;
    if (el && el.matches && el.matches("input[data-md-component=search-query]") &&
        e.inputType !== "insertText" && e.inputType !== "deleteContentBackward") {
      el.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
    }
  }, true);
})();
