#!/usr/bin/env python3
"""Benchmark (not a test): full build time with and without the project's hooks, measured in one run.

Builds the real site N times each way, alternating, and prints the medians and the ratio. "Without hooks" is the
same mkdocs.yml with the `hooks:` list emptied (so MkDocs' own validation still runs).

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
    assert bare != text, "could not remove hooks from mkdocs.yml"
    with tempfile.TemporaryDirectory() as tmp:
        no_hooks = ROOT / ".bench-nohooks.yml"
        no_hooks.write_text(bare, encoding="utf-8")
        try:
            with_h, without_h = [], []
            build(ROOT / "mkdocs.yml", Path(tmp) / "warm")  # warm caches (jieba, bytecode)
            for _ in range(args.n):
                with_h.append(build(ROOT / "mkdocs.yml", Path(tmp) / "a"))
                without_h.append(build(no_hooks, Path(tmp) / "b"))
        finally:
            no_hooks.unlink()
    a, b = statistics.median(with_h), statistics.median(without_h)
    pages = len(list((ROOT / "docs").rglob("*.md"))) - len(list((ROOT / "docs" / "assets").rglob("*.md")))
    print(f"pages (both languages): {pages}")
    print(f"build with hooks:    median {a:.2f} s  ({', '.join(f'{x:.2f}' for x in with_h)})")
    print(f"build without hooks: median {b:.2f} s  ({', '.join(f'{x:.2f}' for x in without_h)})")
    print(f"hook overhead: {a / b - 1:+.1%} (ratio {a / b:.3f}; target <= 15%)")


if __name__ == "__main__":
    main()
