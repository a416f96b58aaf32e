/* Term cards on touch screens. Links to glossary entries carry class "kb-term" and a title (names + one-sentence
   definition), which Material shows as a tooltip on hover. A finger cannot hover: the first tap on a term opens
   the same card with a link to the entry, a tap elsewhere closes it, a second tap on the term follows it. */
(function () {
  var card = null, current = null;
  function close() {
    if (card) { card.remove(); card = null; }
    current = null;
  }
  function open(link) {
    close();
    var text = link.getAttribute("data-kb-card") || link.getAttribute("title") || "";
    link.setAttribute("data-kb-card", text);
    var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
    card = document.createElement("div");
    card.className = "kb-term-card";
    card.setAttribute("role", "dialog");
    var p = document.createElement("p");
    p.textContent = text;
    var a = document.createElement("a");
    a.href = link.href;
    a.textContent = zh ? "查看词条 →" : "Open the entry →";
    card.appendChild(p);
    card.appendChild(a);
    document.body.appendChild(card);
    var r = link.getBoundingClientRect();
    var width = Math.min(320, window.innerWidth - 16);
    card.style.width = width + "px";
    card.style.left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - width - 8)) + "px";
    card.style.top = (r.bottom + window.scrollY + 6) + "px";
    current = link;
  }
  function coarse() {
    return window.matchMedia && window.matchMedia("(hover: none)").matches;
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.kb-term");
    if (card && !(ev.target.closest && ev.target.closest(".kb-term-card")) && link !== current) close();
    if (!link || !coarse()) return;
    if (link === current) { close(); return; }  // second tap: follow the link
    ev.preventDefault();
    open(link);
  }, true);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });
  window.addEventListener("resize", close);
  // Material's search overlay is a dialog without a name: give it one (accessibility).
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.getAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (document.documentElement.lang || "").indexOf("zh") === 0 ? "搜索" : "Search");
  }
})();
