"""Shared plumbing for the thin hook files: make `kb` importable and cache the parsed docs tree per build."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kb.checks import Site, load_site  # noqa: E402

_cache: dict[str, tuple[tuple, Site]] = {}


def fingerprint(docs_dir: Path) -> tuple:
    """Changes whenever a Markdown file is added, removed or edited (cheap: stat only)."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in Path(docs_dir).rglob("*.md")))


def site(docs_dir: str | Path, refresh: bool = False) -> tuple[Site, bool]:
    """The parsed docs tree and whether it changed since it was last loaded.

    refresh=True (once per build, in on_pre_build) re-reads the tree if any Markdown file changed; page hooks use
    the tree loaded for the current build (refresh=False)."""
    key = str(Path(docs_dir).resolve())
    hit = _cache.get(key)
    if hit and not refresh:
        return hit[1], False
    fp = fingerprint(Path(docs_dir))
    if hit and hit[0] == fp:
        return hit[1], False
    s = load_site(Path(docs_dir), display_root=ROOT)
    _cache[key] = (fp, s)
    return s, True


def split_src(src_uri: str) -> tuple[str, str]:
    """'zh/glossary/lora.md' -> ('zh', 'glossary/lora.md')."""
    lang, _, rel = src_uri.partition("/")
    return lang, rel
