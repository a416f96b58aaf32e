#!/usr/bin/env python3
"""Copy the front-end assets the site serves itself from node_modules into docs/assets/vendor/ (git-ignored).

Run after `npm ci` (the Makefile's setup does both). Only what a reader's browser loads is copied: KaTeX's CSS
and its WOFF2 fonts (every browser that runs the site supports WOFF2). Formulas are rendered to HTML at build
time (kb/mathrender.py), so no math JavaScript is served.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "node_modules" / "katex" / "dist"
DEST = ROOT / "docs" / "assets" / "vendor" / "katex"


def main() -> int:
    if not (SRC / "katex.min.js").exists():
        print("node_modules/katex is missing: run `npm ci` first (or `make setup`)", file=sys.stderr)
        return 1
    version = json.loads((SRC.parent / "package.json").read_text())["version"]
    if DEST.exists():
        shutil.rmtree(DEST)
    (DEST / "fonts").mkdir(parents=True)
    shutil.copy2(SRC / "katex.min.css", DEST / "katex.min.css")
    for font in sorted((SRC / "fonts").glob("*.woff2")):
        shutil.copy2(font, DEST / "fonts" / font.name)
    (DEST / "VERSION").write_text(version + "\n")
    print(f"vendored KaTeX {version} into {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
