#!/usr/bin/env python3
"""Benchmark (not a test): full build time with and without the project's hooks, measured in one run.

Builds the real site N times each way, alternating, and prints the medians and the ratios:
  all hooks          hooks/validate.py + hooks/render.py (the real build)
  render hook only   without the validation hook: what the content checks and the built-HTML check cost
  no hooks           the `hooks:` list emptied (MkDocs' own validation still runs). Note that this build
                     renders less: no formulas (hooks/render.py typesets them with KaTeX at build time), no
                     term cards, backlinks or question meta lines.

    python scripts/bench_build.py [-n 3]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def build(config: Path, out: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([str(MKDOCS), "build", "-q", "-f", str(config), "-d", str(out)], cwd=ROOT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if proc.returncode:
        sys.exit(proc.stderr[-3000:])
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=3)
    args = ap.parse_args()
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    bare = re.sub(r"(?m)^hooks:\n(?:  - .*\n)+", "hooks: []\n", text)
    render_only = re.sub(r"(?m)^  - hooks/validate\.py.*\n", "", text)
    assert bare != text and render_only != text, "could not remove hooks from mkdocs.yml"
    with tempfile.TemporaryDirectory() as tmp:
        no_hooks = ROOT / ".bench-nohooks.yml"
        no_validate = ROOT / ".bench-novalidate.yml"
        no_hooks.write_text(bare, encoding="utf-8")
        no_validate.write_text(render_only, encoding="utf-8")
        try:
            with_h, render_h, without_h = [], [], []
            build(ROOT / "mkdocs.yml", Path(tmp) / "warm")  # warm caches (jieba, bytecode)
            for _ in range(args.n):
                with_h.append(build(ROOT / "mkdocs.yml", Path(tmp) / "a"))
                render_h.append(build(no_validate, Path(tmp) / "c"))
                without_h.append(build(no_hooks, Path(tmp) / "b"))
        finally:
            no_hooks.unlink()
            no_validate.unlink()
    a, b, c = statistics.median(with_h), statistics.median(without_h), statistics.median(render_h)
    pages = len(list((ROOT / "docs").rglob("*.md"))) - len(list((ROOT / "docs" / "assets").rglob("*.md")))
    print(f"pages (both languages): {pages}")
    print(f"all hooks:        median {a:.2f} s  ({', '.join(f'{x:.2f}' for x in with_h)})")
    print(f"render hook only: median {c:.2f} s  ({', '.join(f'{x:.2f}' for x in render_h)})")
    print(f"no hooks:         median {b:.2f} s  ({', '.join(f'{x:.2f}' for x in without_h)})")
    print(f"validation hooks cost: {a / c - 1:+.1%} of the build (ratio {a / c:.3f}; target <= 15%)")
    print(f"all hooks (validation + build-time math, cards, backlinks): {a / b - 1:+.1%} (ratio {a / b:.3f})")


if __name__ == "__main__":
    main()
