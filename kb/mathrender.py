"""Render the site's formulas to HTML at build time with KaTeX (the npm package make setup installs).

Readers then download no math JavaScript and their phones do no typesetting work; only KaTeX's CSS and fonts,
served by the site, are needed. One Node.js process renders every distinct formula once per build; the hook
starts it with all formulas of the docs tree at the beginning of the build (it renders on the other core while
MkDocs converts Markdown) and looks results up per page.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

SERVER_JS = r"""
const katex = require(process.env.KATEX_PATH);
const rl = require('readline').createInterface({input: process.stdin, crlfDelay: Infinity});
rl.on('line', (line) => {
  const items = JSON.parse(line);
  const out = items.map(([tex, display]) => {
    try {
      return katex.renderToString(tex, {displayMode: display, throwOnError: true, strict: 'ignore',
                                        output: 'htmlAndMathml'});
    } catch (e) {
      return {error: String(e.message || e).split('\n')[0]};
    }
  });
  process.stdout.write(JSON.stringify(out) + '\n');
});
"""

# pymdownx.arithmatex (generic mode) output: <span class="arithmatex">\(…\)</span> and
# <div class="arithmatex">\[…\]</div>, with the TeX HTML-escaped.
ARITHMATEX_RE = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S)


class KatexError(RuntimeError):
    pass


class Katex:
    """A KaTeX renderer process with a cache: render(items) -> list of HTML strings (or error dicts)."""

    def __init__(self, katex_dir: Path):
        node = shutil.which("node")
        if node is None or not (katex_dir / "package.json").exists():
            raise KatexError("math is rendered at build time with KaTeX: Node.js and node_modules/katex are needed "
                             "— run `make setup` (it runs `npm ci`)")
        self.proc = subprocess.Popen([node, "-e", SERVER_JS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1,
                                     env={"KATEX_PATH": str(Path(katex_dir).resolve()), "PATH": ""})
        self.cache: dict[tuple[str, bool], object] = {}
        self.lock = threading.Lock()
        self.prefetching: threading.Thread | None = None
        try:  # fail early and clearly if KaTeX cannot be loaded
            self._request([("x", False)])
        except (OSError, ValueError) as e:
            err = self.proc.stderr.read()[-500:] if self.proc.poll() is not None else str(e)
            raise KatexError(f"could not start KaTeX ({err.strip()}) — run `make setup`") from None

    def _request(self, items: list[tuple[str, bool]]) -> None:
        with self.lock:
            self.proc.stdin.write(json.dumps(items, ensure_ascii=False) + "\n")
            self.proc.stdin.flush()
            out = json.loads(self.proc.stdout.readline())
        for key, value in zip(items, out):
            self.cache[key] = value

    def prefetch(self, items) -> None:
        """Start rendering these formulas in the background."""
        todo = sorted({(t, bool(d)) for t, d in items} - set(self.cache))
        if todo:
            self.prefetching = threading.Thread(target=self._request, args=(todo,), daemon=True)
            self.prefetching.start()

    def render(self, items: list[tuple[str, bool]]) -> list[object]:
        if self.prefetching is not None:
            self.prefetching.join()
            self.prefetching = None
        missing = sorted({k for k in items if k not in self.cache})
        if missing:
            self._request(missing)
        return [self.cache[k] for k in items]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)


def _strip_delimiters(tex: str, display: bool) -> str:
    tex = tex.strip()
    if display and tex.startswith("\\[") and tex.endswith("\\]"):
        return tex[2:-2].strip()
    if not display and tex.startswith("\\(") and tex.endswith("\\)"):
        return tex[2:-2].strip()
    return tex


def render_page_math(page_html: str, katex: Katex) -> tuple[str, list[str]]:
    """Replace arithmatex placeholders by KaTeX HTML. Returns (html, errors)."""
    matches = list(ARITHMATEX_RE.finditer(page_html))
    if not matches:
        return page_html, []
    keys = [(_strip_delimiters(html.unescape(m.group("tex")), m.group("tag") == "div"), m.group("tag") == "div")
            for m in matches]
    rendered = katex.render(keys)
    out, pos, errors = [], 0, []
    for m, key, result in zip(matches, keys, rendered):
        out.append(page_html[pos:m.start()])
        if isinstance(result, str):
            # A display formula wider than a phone scrolls sideways; tabindex lets a keyboard user scroll it
            # (axe: scrollable-region-focusable).
            focus = ' tabindex="0"' if m.group("tag") == "div" else ""
            out.append(f'<{m.group("tag")} class="arithmatex kb-math"{focus}>{result}</{m.group("tag")}>')
        else:
            errors.append(f"formula '{key[0][:60]}' does not render: {result.get('error')}")
            out.append(m.group(0))
        pos = m.end()
    out.append(page_html[pos:])
    return "".join(out), errors
