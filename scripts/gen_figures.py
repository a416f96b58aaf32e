#!/usr/bin/env python3
"""Generate the site's figures: figures/*.py -> docs/<zh|en>/assets/figures/<id>.svg.

    python scripts/gen_figures.py            # (re)write every figure       (= make figures)
    python scripts/gen_figures.py ID ...     # only these figures
    python scripts/gen_figures.py --check    # fail if a figure is stale, missing or has no source (CI)
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kb import figures  # noqa: E402
from kb.model import DOCS  # noqa: E402,F401


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*", help="figure ids to generate (default: all)")
    ap.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        figs = figures.discover()
        unknown = set(args.ids) - set(figs)
        if unknown:
            print(f"unknown figure id(s): {', '.join(sorted(unknown))} — known: {', '.join(sorted(figs))}",
                  file=sys.stderr)
            return 2
        rendered = figures.render_all(figs, set(args.ids) or None)
    except figures.FigureError as e:
        print(f"{e}", file=sys.stderr)
        return 1
    if args.check:
        problems = figures.stale(rendered)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print("run: make figures   (then commit the result)", file=sys.stderr)
            return 1
        print(f"{len(rendered)} figure file(s) up to date ({time.perf_counter() - t0:.2f} s)")
        return 0
    written = 0
    for fname, text in rendered.items():
        p = figures.DOCS / fname
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
            written += 1
    print(f"{len(rendered)} figure file(s), {written} written ({time.perf_counter() - t0:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
