"""The figure registry: figure sources (figures/*.py) -> SVG files (docs/<lang>/assets/figures/<name>.svg).

Each language has its own copy, labelled in that language, at the same relative path, so a page and its twin link
the same `../../assets/figures/<name>.svg` and each shows its own language.

Each module in figures/ defines FIGURES = {"figure-id": draw}, where draw(lang) returns a kb.svg.Figure whose
labels are in that language. scripts/gen_figures.py writes the files; `--check` (CI) fails when a file is stale,
missing or has no source. Pure functions apart from reading the sources.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Callable

from .model import DOCS, ID_RE, LANGS, ROOT

SOURCES = ROOT / "figures"
REL_OUT = "assets/figures"  # inside docs/<lang>/


def out_dir(lang: str, docs: Path = DOCS) -> Path:
    return docs / lang / REL_OUT


class FigureError(Exception):
    pass


def discover(sources: Path = SOURCES) -> dict[str, tuple[Path, Callable]]:
    """figure id -> (source file, draw function), from every figures/*.py module."""
    found: dict[str, tuple[Path, Callable]] = {}
    for path in sorted(sources.glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"kb_figure_src_{path.stem}", path)
        mod = importlib.util.module_from_spec(spec)
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        figs = getattr(mod, "FIGURES", None)
        if not isinstance(figs, dict) or not figs:
            raise FigureError(f"{path.relative_to(ROOT)}: define FIGURES = {{'figure-id': draw}} (draw(lang) -> Figure)")
        for name, fn in figs.items():
            if not ID_RE.match(name):
                raise FigureError(f"{path.relative_to(ROOT)}: figure id '{name}' must be lowercase ASCII words "
                                  f"joined by '-'")
            if name in found:
                raise FigureError(f"{path.relative_to(ROOT)}: figure id '{name}' is also defined in "
                                  f"{found[name][0].relative_to(ROOT)} — ids are unique")
            found[name] = (path, fn)
    return found


def filename(name: str, lang: str) -> str:
    """Path of a figure file inside docs/."""
    return f"{lang}/{REL_OUT}/{name}.svg"


def render_all(figs: dict[str, tuple[Path, Callable]], only: set[str] | None = None) -> dict[str, str]:
    """file name -> SVG text, for every figure and language."""
    out = {}
    for name, (path, fn) in sorted(figs.items()):
        if only and name not in only:
            continue
        for lang in LANGS:
            try:
                out[filename(name, lang)] = fn(lang).svg()
            except Exception as e:  # a contributor's drawing error: say where
                raise FigureError(f"{path.relative_to(ROOT)}: figure '{name}' ({lang}) failed: {e}") from e
    return out


def stale(rendered: dict[str, str], docs: Path = DOCS) -> list[str]:
    """Problems that `--check` reports: files that differ from their source, are missing, or have no source."""
    problems = []
    for fname, text in sorted(rendered.items()):
        p = docs / fname
        if not p.exists():
            problems.append(f"docs/{fname}: missing")
        elif p.read_text(encoding="utf-8") != text:
            problems.append(f"docs/{fname}: stale (its source changed)")
    for lang in LANGS:
        folder = out_dir(lang, docs)
        for p in sorted(folder.glob("*")) if folder.exists() else []:
            if f"{lang}/{REL_OUT}/{p.name}" not in rendered:
                problems.append(f"docs/{lang}/{REL_OUT}/{p.name}: no source in figures/*.py — delete it or add its "
                                f"source")
    return problems


def svg_size(text: str) -> tuple[str, str] | None:
    """(width, height) from an SVG's root element, for the <img> width/height attributes."""
    import re
    m = re.search(r'<svg\b[^>]*\bviewBox="0 0 ([\d.]+) ([\d.]+)"', text[:2000])
    return (m.group(1), m.group(2)) if m else None
