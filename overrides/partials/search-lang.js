/* Search: the reader's language, an index loaded only when the reader searches, queries ranked like a reader
   expects. Inlined in <head> before Material's bundle by overrides/main.html (it patches the requests and worker
   messages the bundle makes). The pure query logic is kbSearchQuery below; tests/test_units.py runs it in Node.

   1. One index per language: mkdocs-static-i18n writes one search index for both languages; our build
      (hooks/render.py) also writes search/search_index.<lang>.json with only that language's pages. Material's
      bundle loads search/search_index.json with XMLHttpRequest: send that request to the reader's language file.

   2. Loaded on first use: Material requests the index as soon as a page loads, so every page view paid for it
      (~600 KiB gzip). The request is held back until the reader shows the intent to search (focus, click or tap
      on the search box, or a search shortcut key), then sent. A reader who never searches never downloads it.

   3. Multi-word queries: Material's default is an OR of the terms with a 1000x title boost, so a page whose title
      has only the most common word ("model", "training") outranked the pages that hold every word. A query with
      two or more Latin words becomes an AND query (+term, prefix-matched from three letters on; each section also
      carries its page's title, see kb/render.py); if that finds nothing, the original OR query runs instead, so a
      typo still finds something. Results are then ordered by how many query words the page's title or one of its
      headings holds (kbRerank), keeping the engine's order among equals. Hyphenated terms ("top-p")
      are searched as their parts, all required; a colon that is not field syntax ("LoRA:") is dropped (Lunr read
      it as a field name and found nothing). Queries with explicit operators, quotes or fields are left alone.

   4. Material's search worker splits a run of Chinese characters in the query into index words by longest match,
      but never lets a word end at the last character of the run, so the last word of a multi-word query is
      dropped: 大模型幻觉 searches 大 + 模型, 位置编码 searches only 位置. Appending one character that no word
      contains to each run makes the real last word matchable (the extra character itself matches nothing and is
      dropped). The query reaches the worker as a {type: 2, data: query} message (Material 9.x); results come back
      as {type: 3, data: {items}}; anything else is passed through unchanged.

   5. Material reads the query on keyup, so a query pasted with the mouse (or dropped, or filled in by an IME
      commit without a key) started no search: any other change of the box's value sends a keyup too. */
var KB_STOP = ("a an and are as at be by can do does for from how i if in into is it its of on or the their them "
  + "then there these this to vs versus was what when where which who why will with you your").split(" ");

function kbSearchQuery(query) {
  /* -> {query: what the worker gets, fallback: the OR form to run if the first finds nothing, or null,
         words: the query's content words (Latin words and Chinese runs), phrase: the query as typed} */
  var END = "\u3400";  // a rare CJK character: the end marker of a run (see 4)
  var q = String(query).replace(/[:：](?=\s|$)/g, " ").trim();
  var mark = function (s) { return s.replace(/[\u3400-\u9fff]+/g, function (run) { return run + END; }); };
  var plain = mark(q);
  var phrase = q.toLowerCase().replace(/\s+/g, " ");
  var cjk = (q.match(/[\u3400-\u9fff]{2,}/g) || []);
  if (/["+~^*]|(^|\s)-|[A-Za-z0-9_]:[A-Za-z0-9_]/.test(q)) {
    return {query: mark(String(query)), fallback: null, words: [], phrase: ""};
  }
  var latin = [];
  var rest = [];
  q.split(/\s+/).forEach(function (tok) {
    if (/^[A-Za-z0-9][A-Za-z0-9.\-_]*$/.test(tok)) {
      tok.split(/[-_.]+/).forEach(function (p) { if (p) latin.push(p); });
    } else if (tok) {
      rest.push(tok);
    }
  });
  var content = latin.filter(function (p) { return KB_STOP.indexOf(p.toLowerCase()) < 0; });
  var words = content.map(function (p) { return p.toLowerCase(); }).concat(cjk);
  if (content.length < 2) return {query: plain, fallback: null, words: words, phrase: phrase};
  var terms = content.map(function (p) { return "+" + p + (p.length >= 3 ? "*" : ""); });
  return {query: mark(terms.concat(rest).join(" ")), fallback: plain, words: words, phrase: phrase};
}

function kbRerank(groups, words, phrase) {
  /* Order the pages of a result list as a reader expects, keeping the engine's order among equals:
     1. a page whose title or one of whose headings holds every word of the query;
     2. then one whose text holds the query as typed (a multi-word phrase);
     3. then by how many query words its best title holds, rarer words counting more (a word's rarity is
        measured over the titles of this result list).
     Lunr's scores let one common word in a title ("model") outweigh every rarer word elsewhere. A page's own
     title includes the names line at the top of a glossary entry (its aliases). groups: Material's result
     items, one array of {title, text, location} per page, the page itself among them. */
  if (!words || !words.length || !groups || groups.length < 2) return groups;
  var plain = function (html) { return String(html || "").replace(/<[^>]*>/g, "").toLowerCase(); };
  /* Each item's head (its title, plus the start of the text for the page itself: a glossary entry's names line),
     read once: its Latin tokens, and the head without the zero-width spaces that jieba puts between Chinese words
     in the index (工具\u200b调用), so that a Chinese query word spanning two segments is still found. */
  var view = function (item) {
    var isPage = String(item.location).indexOf("#") < 0;
    var t = plain(item.title) + (isPage ? " " + plain(item.text).slice(0, 300) : "");
    return {toks: t.split(/[^a-z0-9\u3400-\u9fff]+/), han: t.replace(/\u200b/g, ""), item: item};
  };
  var hit = function (v, w) {
    if (/[\u3400-\u9fff]/.test(w)) return v.han.indexOf(w) >= 0;
    return v.toks.some(function (tok) { return w.length >= 3 ? tok.indexOf(w) === 0 : tok === w; });
  };
  var multi = phrase && phrase.split(" ").length > 1 ? phrase : "";
  var views = groups.map(function (g) { return g.map(view); });
  var heads = [].concat.apply([], views);
  var weight = {};
  words.forEach(function (w) {
    var df = heads.filter(function (v) { return hit(v, w); }).length;
    weight[w] = Math.log(1 + heads.length / (1 + df));
  });
  var key = function (group) {
    var best = [0, 0], phraseHit = 0;
    group.forEach(function (v) {
      var found = words.filter(function (w) { return hit(v, w); });
      var k = [found.length, found.reduce(function (a, w) { return a + weight[w]; }, 0)];
      if (k[0] > best[0] || (k[0] === best[0] && k[1] > best[1])) best = k;
      if (multi && plain(v.item.text).replace(/\s+/g, " ").indexOf(multi) >= 0) phraseHit = 1;
    });
    return [best[0] === words.length ? 1 : 0, phraseHit, best[0], best[1]];
  };
  return groups.map(function (g, i) { return [key(views[i]), i, g]; })
    .sort(function (a, b) {
      for (var k = 0; k < 4; k++) if (b[0][k] !== a[0][k]) return b[0][k] - a[0][k];
      return a[1] - b[1];
    })
    .map(function (x) { return x[2]; });
}

(function () {
  if (typeof window === "undefined") return;  // loaded in Node by the unit tests
  var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase().indexOf("en") === 0 ? "en" : "zh";

  /* 1 + 2: the index request goes to this language's file, and waits until the reader wants to search. */
  var wanted = false;
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (typeof url === "string" || url instanceof URL) {
      var u = String(url);
      if (/\/search\/search_index\.json(?:[?#]|$)/.test(u)) {
        args[1] = u.replace("search_index.json", "search_index." + lang + ".json");
        this.__kbIndex = true;
      }
    }
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__kbIndex && !wanted) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (h) { send.apply(h[0], h[1]); });
  }
  window.kbLoadSearchIndex = want;  // for benchmarks and tests
  var isBox = function (el) {
    return el && el.closest && el.closest(".md-search, label[for='__search'], [data-md-component=search]");
  };
  ["focusin", "pointerdown", "touchstart", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (e) { if (isBox(e.target)) want(); }, {capture: true, passive: true});
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && (e.key === "/" || e.key === "s" || e.key === "S" || e.key === "f" || e.key === "F")) want();
  }, true);
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) want();
  }, true);

  /* 3 + 4: queries, and the OR fallback when the AND form finds nothing. */
  var SEARCH_QUERY = 2;
  var SEARCH_RESULT = 3;
  var post = Worker.prototype.postMessage;
  var pending = [];  // per query posted, in order: {fallback: its OR form or null, words: its Latin words}
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      var t = kbSearchQuery(message.data);
      pending.push(t);
      args[0] = Object.assign({}, message, {data: t.query});
    }
    return post.apply(this, args);
  };
  var add = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, fn, opts) {
    if (type !== "message" || typeof fn !== "function") return add.apply(this, arguments);
    var worker = this;
    return add.call(this, type, function (ev) {
      if (ev.__kbSwallow === undefined) {
        ev.__kbSwallow = false;
        var d = ev.data;
        if (d && d.type === SEARCH_RESULT) {
          var t = pending.shift() || {};
          var empty = d.data && d.data.items && d.data.items.length === 0;
          if (t.fallback && empty && pending.length === 0) {
            ev.__kbSwallow = true;  // no newer query is waiting: run the OR form instead of showing nothing
            pending.push({fallback: null, words: t.words, phrase: t.phrase});
            post.call(worker, {type: SEARCH_QUERY, data: t.fallback});
          } else if (d.data && d.data.items) {
            d.data.items = kbRerank(d.data.items, t.words, t.phrase);
          }
        }
      }
      if (!ev.__kbSwallow) return fn.call(this, ev);
    }, opts);
  };

  /* 5: a pasted query searches too. */
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (el && el.matches && el.matches("input[data-md-component=search-query]") &&
        e.inputType !== "insertText" && e.inputType !== "deleteContentBackward") {
      el.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
    }
  }, true);
})();
