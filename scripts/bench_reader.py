#!/usr/bin/env python3
"""Benchmark (not a test) of what a reader experiences: Lighthouse scores, page weight, search index size and
search latency, on the built site served on loopback.

    python scripts/bench_reader.py [--site site] [--lighthouse]

Needs the built site (`make build`) and Debian's chromium. With --lighthouse it installs the npm `lighthouse`
package (12.x, Node 18+) into .cache/bench/ on first use and runs it against chromium on three pages: the home
page, the most formula-heavy page and an English page.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "/llm-knowledge-base/"
CHROMIUM = os.environ.get("KB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under BASE, gzip-compressed like GitHub Pages does for text types."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0])
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        gz_types = (".html", ".css", ".js", ".json", ".xml", ".svg")
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.endswith(gz_types) and os.path.isfile(path):
            data = gzip.compress(Path(path).read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()

    def translate_path(self, path):
        path = "/" + path[len(BASE):] if path.startswith(BASE) else "/__outside__"
        return super().translate_path(path)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}{BASE}", httpd


def formula_heaviest(site: Path) -> str:
    best = max(site.rglob("index.html"), key=lambda p: p.read_text(encoding="utf-8").count('class="arithmatex'))
    return best.parent.relative_to(site).as_posix() + "/"


def page_weight(site: Path, rel: str) -> dict[str, int]:
    """Bytes (raw and gzip) of a page's HTML plus the CSS/JS it links (fonts and the search index excluded)."""
    html_path = site / rel / "index.html"
    html = html_path.read_text(encoding="utf-8")
    total_raw = total_gz = 0
    files = [html_path]
    for url in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))', html):
        f = (html_path.parent / url).resolve()
        if f.exists():
            files.append(f)
    for f in files:
        data = f.read_bytes()
        total_raw += len(data)
        total_gz += len(gzip.compress(data, 6))
    return {"raw": total_raw, "gzip": total_gz, "files": len(files)}


def search_latency(base: str, queries: list[tuple[str, str]], warm: bool = False, throttle: int = 1) -> list[float]:
    """Seconds from typing to results, each query on a fresh page (the index is fetched and built first). With
    warm=True a first query is run and not counted (the index is loaded); throttle slows the CPU like a phone."""
    from playwright.sync_api import sync_playwright
    sys.path.insert(0, str(ROOT))
    from kb import browser as search_driver
    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for lang, q in queries:
            pg = b.new_page()
            if throttle > 1:
                cdp = pg.context.new_cdp_session(pg)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            search_driver.open_search(pg, base, lang)
            if warm:
                search_driver.search_timed(pg, "LoRA")
            out.append(search_driver.search_timed(pg, q)[1])
            pg.close()
        b.close()
    return out


def lighthouse(url: str, scheme: str = "light", categories: str = "performance,accessibility,best-practices,seo"
               ) -> dict[str, int]:
    cache = ROOT / ".cache" / "bench"
    exe = cache / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "package.json").write_text('{"name": "kb-bench", "private": true}\n')  # keep npm out of ours
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "lighthouse@12.8.2"],
                       cwd=cache, check=True)
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    if scheme == "dark":  # the site follows the system scheme by default (palette toggle "auto")
        flags += " --force-dark-mode --blink-settings=preferredColorScheme=0"
    proc = subprocess.run([str(exe), url, f"--chrome-path={CHROMIUM}", "--output=json", "--quiet",
                           f"--chrome-flags={flags}", f"--only-categories={categories}"],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode:
        return {"error": proc.stderr[-300:]}
    report = json.loads(proc.stdout)
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    if "total-byte-weight" in report["audits"] and report["audits"]["total-byte-weight"].get("numericValue"):
        scores["transfer_kb"] = round(report["audits"]["total-byte-weight"]["numericValue"] / 1024)
    failed = [a for a, r in report["audits"].items()
              if r.get("score") == 0 and r.get("scoreDisplayMode") == "binary" and a in ACCESSIBILITY_AUDITS]
    if failed:
        scores["a11y_failed"] = ",".join(sorted(failed))
    return scores


ACCESSIBILITY_AUDITS = {
    "color-contrast", "td-has-header", "th-has-data-cells", "empty-table-header", "image-alt", "link-name",
    "button-name", "heading-order", "list", "listitem", "label", "document-title", "html-has-lang", "aria-allowed-attr",
    "aria-hidden-focus", "frame-title", "duplicate-id-aria", "meta-viewport", "link-in-text-block", "target-size",
}


def plain_material_site(tmp: Path) -> Path:
    """A plain Material site (no hooks, no plugins but search, system fonts) with one page of ordinary text: the
    baseline the performance scores are reported beside."""
    src = tmp / "plain"
    (src / "docs").mkdir(parents=True, exist_ok=True)
    text = "\n\n".join(f"## Section {i}\n\n" + "A paragraph of ordinary text about language models. " * 12
                        for i in range(1, 13))
    (src / "docs" / "index.md").write_text(f"# Plain page\n\n{text}\n", encoding="utf-8")
    (src / "mkdocs.yml").write_text("site_name: Plain\nsite_url: https://example.org/llm-knowledge-base/\n"
                                    "theme: {name: material, font: false}\n", encoding="utf-8")
    out = tmp / "plain-site"
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-f", str(src / "mkdocs.yml"), "-d", str(out)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--lighthouse", action="store_true")
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    args = ap.parse_args()
    site = args.site
    if not (site / "index.html").exists():
        sys.exit(f"no built site at {site}: run `make build` first")
    base, httpd = serve(site)
    heavy = formula_heaviest(site)
    print(f"most formula-heavy page: {heavy}")
    for lang in ("zh", "en"):
        f = site / "search" / f"search_index.{lang}.json"
        if f.exists():
            data = f.read_bytes()
            print(f"search index {lang}: {len(data) / 1024:.0f} KiB raw, {len(gzip.compress(data, 6)) / 1024:.0f} KiB gzip, "
                  f"{len(json.loads(data)['docs'])} sections")
    for rel in ("", "interview/peft/lora-family/", heavy, "en/glossary/lora/"):
        w = page_weight(site, rel)
        print(f"page weight {rel or '/'}: {w['raw'] / 1024:.0f} KiB raw, {w['gzip'] / 1024:.0f} KiB gzip "
              f"(HTML + {w['files'] - 1} CSS/JS files; KaTeX fonts and search index load on demand)")
    lat = search_latency(base, [("zh", "注意力"), ("zh", "LoRA"), ("en", "attention"), ("en", "quantization")])
    print(f"search latency (type -> first results, fresh page: the index is fetched on the first search): "
          f"median {statistics.median(lat):.2f} s, max {max(lat):.2f} s")
    warm = search_latency(base, [("en", "model parallelism"), ("zh", "大模型幻觉")], warm=True, throttle=4)
    print(f"search latency after the first query (4x CPU slowdown, a mid-range phone): "
          f"median {statistics.median(warm):.2f} s, max {max(warm):.2f} s")
    if args.lighthouse:
        import tempfile
        plain_base, plain_httpd = serve(plain_material_site(Path(tempfile.mkdtemp())))
        glossary = "glossary/rope/"
        perf_pages = [("plain Material page", plain_base), ("heaviest topic page " + heavy, base + heavy),
                      ("glossary entry " + glossary, base + glossary)]
        for name, url in perf_pages:
            runs = [lighthouse(url, categories="performance") for _ in range(args.runs)]
            ok = [r["performance"] for r in runs if "performance" in r]
            print(f"lighthouse performance, {name}: median {statistics.median(ok) if ok else '-'} of {len(ok)} "
                  f"(runs {ok})")
        kinds = {"home": "", "topic page": "interview/peft/lora-family/", "heaviest topic page": heavy,
                 "glossary entry": glossary, "tag index": "interview/tags/", "glossary index": "glossary/",
                 "interview index": "interview/"}
        for kind, rel in kinds.items():
            for lang_prefix in ("", "en/"):
                rel_l = rel if rel.startswith("en/") or not lang_prefix else lang_prefix + rel
                for scheme in ("light", "dark"):
                    r = lighthouse(base + rel_l, scheme, categories="accessibility,best-practices,seo")
                    print(f"lighthouse {kind} ({rel_l or '/'}, {scheme}): {r}")
        plain_httpd.shutdown()
    httpd.shutdown()


if __name__ == "__main__":
    main()
