/* Render the formulas that pymdownx.arithmatex (generic mode) leaves as \( … \) / \[ … \] in
   <span|div class="arithmatex">, with the KaTeX copy this site serves itself (no CDN). */
(function () {
  function renderMath(root) {
    if (!window.katex) return;
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      if (el.dataset.kbRendered) return;
      var display = el.tagName === "DIV";
      var tex = el.textContent.trim();
      tex = display ? tex.replace(/^\\\[/, "").replace(/\\\]$/, "") : tex.replace(/^\\\(/, "").replace(/\\\)$/, "");
      try {
        katex.render(tex, el, { displayMode: display, throwOnError: false, strict: "ignore", output: "htmlAndMathml" });
        el.dataset.kbRendered = "1";
      } catch (e) {
        el.classList.add("kb-math-error");
      }
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { renderMath(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { renderMath(document); });
  }
})();
