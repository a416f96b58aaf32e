#!/usr/bin/env python3
"""Benchmark (not a test) of search and of how the site scales.

    python scripts/bench_search.py --site site              recall@5 / MRR / latency of the query suite
    python scripts/bench_search.py --compare-userdict       the same, built without and with a jieba user
                                                            dictionary generated from the glossary (#4)
    python scripts/bench_search.py --scale 10               the content multiplied ×10 synthetically: build time,
                                                            search-index size, search latency (#8)
    python scripts/bench_search.py --plain-material         build time of our site vs the same docs built by
                                                            plain Material (no hooks, no i18n plugin extras)

Queries: tests/search_queries.yml (the same suite the browser test runs). Needs Debian's chromium.
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
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from kb import browser as search_driver  # noqa: E402

BASE = "/llm-knowledge-base/"
CHROMIUM = os.environ.get("KB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def translate_path(self, path):
        return super().translate_path("/" + path[len(BASE):] if path.startswith(BASE) else "/__outside__")


def serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}{BASE}", httpd


def measure(site: Path, queries: list[dict], canonical=lambda path: path) -> dict:
    from playwright.sync_api import sync_playwright
    base, httpd = serve(site)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            result = search_driver.run_suite(b.new_page(), base, queries, canonical=canonical)
            b.close()
    finally:
        httpd.shutdown()
    return result


def index_sizes(site: Path) -> str:
    out = []
    for lang in ("zh", "en"):
        f = site / "search" / f"search_index.{lang}.json"
        if f.exists():
            data = f.read_bytes()
            out.append(f"{lang} {len(data) / 1024:.0f} KiB raw / {len(gzip.compress(data, 6)) / 1024:.0f} KiB gzip "
                       f"({len(json.loads(data)['docs'])} sections)")
    return "; ".join(out)


def report(name: str, r: dict) -> None:
    lat = r["latencies"]
    by_lang = ", ".join(f"{lang} {rec:.1%} of {n}" for lang, (rec, n) in r["recall_by_lang"].items())
    print(f"{name}: recall@5 {r['recall']:.1%} ({by_lang}), MRR {r['mrr']:.3f} over {r['n']} queries; "
          f"type-to-results median {statistics.median(lat):.2f} s, p90 {sorted(lat)[int(0.9 * (len(lat) - 1))]:.2f} s")
    for m in r["misses"]:
        print("   miss:", m)


def copy_repo(dst: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", "__pycache__", ".pytest_cache")
    shutil.copytree(ROOT, dst, ignore=ignore)
    (dst / "node_modules").symlink_to(ROOT / "node_modules")
    return dst


def build(root: Path, site: Path, config: str = "mkdocs.yml", strict: bool = True) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([str(BIN / "mkdocs"), "build", *(["--strict"] if strict else []), "-f", config,
                           "-d", str(site)], cwd=root, env=ENV, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"build failed ({root / config}):\n{proc.stderr[-3000:]}")
    return time.perf_counter() - t0


def with_search_option(root: Path, option: str) -> str:
    """A copy of mkdocs.yml with one more option for the search plugin; returns its file name."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text, n = re.subn(r"(\n  - search:\n)", r"\1      " + option.replace("\\", "\\\\") + "\n", text, count=1)
    assert n == 1, "search plugin not found in mkdocs.yml"
    (root / "mkdocs.variant.yml").write_text(text, encoding="utf-8")
    return "mkdocs.variant.yml"


def compare_userdict(queries: list[dict]) -> None:
    from kb import index
    from kb.checks import load_site
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_repo(Path(tmp) / "repo")
        words = index.jieba_user_dict(load_site(root / "docs", display_root=root))
        (root / "userdict.txt").write_text(words, encoding="utf-8")
        print(f"user dictionary: {len(words.splitlines())} Chinese glossary names")
        build(root, Path(tmp) / "base")
        report("without user dictionary", measure(Path(tmp) / "base", queries))
        cfg = with_search_option(root, f"jieba_dict_user: {root / 'userdict.txt'}")
        build(root, Path(tmp) / "dict", cfg)
        report("with user dictionary   ", measure(Path(tmp) / "dict", queries))


def _split(text: str) -> tuple[dict, str]:
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(m.group(1)), text[m.end():]


def _join(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10**6) + "---\n" + body


def multiply(root: Path, factor: int) -> None:
    """Make the content `factor` times larger: copies of every topic page and glossary entry, in both languages,
    under new ids (questions and terms suffixed -xN, source references dropped so coverage stays unique)."""
    for lang in ("zh", "en"):
        docs = root / "docs" / lang
        topics = [p for p in (docs / "interview").glob("*/*.md") if p.name != "index.md"]
        terms = [p for p in (docs / "glossary").glob("*.md") if p.name != "index.md"]
        for i in range(2, factor + 1):
            sfx = f"-x{i}"
            for p in topics:
                meta, body = _split(p.read_text(encoding="utf-8"))
                ids = [q["id"] for q in meta["questions"]]
                meta["title"] = f"{meta['title']} ({i})"
                meta["questions"] = [{**q, "id": q["id"] + sfx, "source": []} for q in meta["questions"]]
                for qid in sorted(ids, key=len, reverse=True):
                    body = re.sub(rf"(\{{#|\(#){re.escape(qid)}(?=[}})])", rf"\g<1>{qid}{sfx}", body)
                p.with_name(p.stem + sfx + ".md").write_text(_join(meta, body), encoding="utf-8")
            for p in terms:
                meta, body = _split(p.read_text(encoding="utf-8"))
                meta["title"] = f"{meta['title']} ({i})"
                meta["seeds"] = []
                p.with_name(p.stem + sfx + ".md").write_text(_join(meta, body), encoding="utf-8")


def scale(factor: int, queries: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_repo(Path(tmp) / "repo")
        t1 = build(root, Path(tmp) / "x1")
        print(f"x1: {sum(1 for _ in (Path(tmp) / 'x1').rglob('index.html'))} pages, build {t1:.1f} s; "
              f"search index {index_sizes(Path(tmp) / 'x1')}")
        report("x1 search", measure(Path(tmp) / "x1", queries))
        multiply(root, factor)
        subprocess.run([sys.executable, "scripts/gen_index.py"], cwd=root, check=True, capture_output=True)
        tn = build(root, Path(tmp) / "xn", strict=False)
        print(f"x{factor}: {sum(1 for _ in (Path(tmp) / 'xn').rglob('index.html'))} pages, build {tn:.1f} s "
              f"({tn / t1:.1f}x); search index {index_sizes(Path(tmp) / 'xn')}")
        # The copies are as relevant as the page they copy: a copy in the top 5 counts as the expected page.
        report(f"x{factor} search", measure(Path(tmp) / "xn", queries,
                                            canonical=lambda path: re.sub(r"-x\d+/$", "/", path)))


def plain_material() -> None:
    """Our build vs plain Material on the same docs: no hooks, no extra JS/CSS, same i18n (needed for the folder
    layout)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_repo(Path(tmp) / "repo")
        ours = [build(root, Path(tmp) / f"ours{i}") for i in range(2)]
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        text = re.sub(r"(?ms)^hooks:\n(  - .*?\n)+", "", text)
        (root / "mkdocs.plain.yml").write_text(text, encoding="utf-8")
        plain = [build(root, Path(tmp) / f"plain{i}", "mkdocs.plain.yml", strict=False) for i in range(2)]
        print(f"our build (hooks: validation, rendering, build-time KaTeX): {min(ours):.1f} s; "
              f"plain Material + i18n on the same docs: {min(plain):.1f} s; ratio {min(ours) / min(plain):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path)
    ap.add_argument("--compare-userdict", action="store_true")
    ap.add_argument("--scale", type=int)
    ap.add_argument("--plain-material", action="store_true")
    ap.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    args = ap.parse_args()
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    if args.site:
        print(f"search index {index_sizes(args.site)}")
        report(str(args.site), measure(args.site, queries))
    if args.compare_userdict:
        compare_userdict(queries)
    if args.scale:
        scale(args.scale, queries)
    if args.plain_material:
        plain_material()
    if not (args.site or args.compare_userdict or args.scale or args.plain_material):
        ap.print_help()


if __name__ == "__main__":
    main()
