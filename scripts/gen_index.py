#!/usr/bin/env python3
"""Generate the index pages and the navigation from the content (deterministic: same content, same bytes).

Writes, for each language:
  docs/<lang>/interview/index.md            topic index: groups -> pages -> questions (difficulty, counts)
  docs/<lang>/interview/<group>/index.md    one page per group that has topics
  docs/<lang>/glossary/index.md             A–Z glossary index (Chinese by pinyin, English by letter)
  docs/<lang>/about/terminology.md          zh<->en terminology table (data/terminology.yml + glossary names)
and the `nav:` block of mkdocs.yml (between the BEGIN/END markers).

Usage:  python scripts/gen_index.py          # write
        python scripts/gen_index.py --check  # exit 1 if anything committed is stale (CI and tests run this)
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb import index  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="do not write; fail if the generated files are stale")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    outputs = index.generate(args.root)
    stale = []
    for path, content in sorted(outputs.items()):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(path.relative_to(args.root).as_posix())
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    if args.check:
        if stale:
            print("generated files are stale (content changed since they were generated):", file=sys.stderr)
            for s in stale:
                print(f"  {s}", file=sys.stderr)
            print("run: make index   (then commit the result)", file=sys.stderr)
            return 1
        print(f"generated files are up to date ({len(outputs)} files)")
        return 0
    print(f"wrote {len(stale)} of {len(outputs)} generated files" + (": " + ", ".join(stale) if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
