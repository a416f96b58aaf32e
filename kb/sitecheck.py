"""Post-build check of the generated HTML: every internal href/src resolves to a file (and #anchor) in the site.

Standard library only and fast (regex, no DOM): run after `mkdocs build` on the whole site_dir, both languages.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTR_RE = re.compile(r"""<(?P<tag>a|link|script|img|source|iframe)\b[^>]*?\s(?P<attr>href|src)\s*=\s*(?P<q>["'])(?P<url>.*?)(?P=q)""", re.I | re.S)
ID_RE = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")


def _target(site: str, page_dir: str, url: str) -> tuple[str, str]:
    """(absolute file path, fragment) that a relative or site-absolute URL points to."""
    path, _, frag = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    target = os.path.normpath(os.path.join(site, path.lstrip("/")) if path.startswith("/") else
                              os.path.join(page_dir, path))
    if path.endswith("/") or path == "" or os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return target, unquote(frag)


def check_built_site(site_dir: Path, base_path: str = "/", workers: int = 1) -> list[str]:
    """Return problems like 'en/glossary/lora/index.html: href "../x/" does not resolve'.

    workers > 1 splits the pages over forked processes (Linux); the result is the same, sorted."""
    site_dir = Path(site_dir).resolve()
    pages = sorted(site_dir.rglob("*.html"))
    if workers > 1 and sys.platform == "linux" and len(pages) > 50:
        import multiprocessing
        chunks = [pages[i::workers] for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.starmap(_check_pages, [(site_dir, c, base_path) for c in chunks])
        return sorted(p for part in parts for p in part)
    return sorted(_check_pages(site_dir, pages, base_path))


def _check_pages(site_dir: Path, pages: list[Path], base_path: str) -> list[str]:
    problems: list[str] = []
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(f: Path) -> set[str]:
        if f not in ids_cache:
            ids_cache[f] = set(ID_RE.findall(f.read_text(encoding="utf-8", errors="replace")))
        return ids_cache[f]

    root = str(site_dir)
    exists: dict[str, bool] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        rel = page.relative_to(site_dir).as_posix()
        page_dir = str(page.parent)
        for m in ATTR_RE.finditer(html):
            url = m.group("url").strip()
            if not url or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # external link: not requested when reading; checked by the offline browser test for assets
            if url.startswith("#"):
                frag = unquote(url[1:])
                if frag and frag not in ids_of(page) and not frag.startswith(("__", "fn:", "fnref:")):
                    problems.append(f"{rel}: {m.group('attr')}=\"{url}\": no element with id '{frag}' on this page")
                continue
            if url.startswith("/"):
                if not url.startswith(base_path):
                    problems.append(f"{rel}: {m.group('attr')}=\"{url}\" is absolute outside the site's base path")
                    continue
                url = url[len(base_path) - 1:]
            target, frag = _target(root, page_dir, url)
            if target not in exists:
                exists[target] = os.path.exists(target)
            if not exists[target]:
                problems.append(f"{rel}: {m.group('attr')}=\"{m.group('url')}\" does not resolve "
                                f"(no {os.path.relpath(target, root)})")
            elif frag and target.endswith(".html") and frag not in ids_of(Path(target)):
                problems.append(f"{rel}: {m.group('attr')}=\"{m.group('url')}\": no element with id '{frag}' in "
                                f"{os.path.relpath(target, root)}")
    return problems


if __name__ == "__main__":
    found = check_built_site(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print("\n".join(found))
    print(f"{len(found)} problem(s)", file=sys.stderr)
    sys.exit(1 if found else 0)
