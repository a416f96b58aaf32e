"""MkDocs hook (thin): report content findings so that `mkdocs build --strict` fails on any of them.

All logic lives in kb.checks (source checks) and kb.sitecheck (built-HTML check); run them without MkDocs with
`python -m kb.checks` and `python -m kb.sitecheck site`.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _kb  # noqa: E402

from mkdocs.plugins import event_priority  # noqa: E402

from kb.checks import check_front_matter, check_site  # noqa: E402
from kb.sitecheck import check_built_site  # noqa: E402

log = logging.getLogger("mkdocs.hooks.validate")
_reported: set[int] = set()


_pending = None  # (pool, async result) of the content checks running beside the build


def _check_sources(config):
    """Start the content checks. On Linux they run in a forked process on the other core while MkDocs renders
    (the build itself is single-threaded), and are reported in on_post_build; elsewhere they run inline.

    Front matter is checked first, synchronously: the rendering hook reads it, so a value the content model rejects
    stops a strict build here, before anything renders, with every finding listed (never a traceback)."""
    global _pending
    site, changed = _kb.site(config["docs_dir"], refresh=True)
    key = id(site)
    if key in _reported:  # the i18n plugin runs every hook once per language: check once per docs tree
        return
    _reported.add(key)
    if config.get("strict") and any(check_front_matter(p) for p in site.pages.values()):
        findings = check_site(site)
        _report(findings)
        from mkdocs.exceptions import Abort
        raise Abort(f"Aborted: {len(findings)} content finding(s), listed above as file:line — fix them, then build "
                    f"again (`make check` lists them without building)")
    if sys.platform == "linux" and os.environ.get("KB_CHECKS_INLINE") != "1":
        try:
            import multiprocessing
            pool = multiprocessing.get_context("fork").Pool(1)
            _pending = (pool, pool.apply_async(check_site, (site,)))
            return
        except (OSError, ValueError):
            _pending = None
    _report(check_site(site))


def _collect():
    global _pending
    if _pending is None:
        return
    pool, result = _pending
    _pending = None
    try:
        findings = result.get(timeout=600)
    finally:
        pool.terminate()
    _report(findings)


def _report(findings):
    for f in findings:
        log.warning(str(f))
    if findings:
        log.warning(f"{len(findings)} content finding(s): fix them (CONTRIBUTING.md, section 'Reading build errors')")


_depth = 0  # nesting of builds: mkdocs-static-i18n builds the other languages inside the default one


@event_priority(100)
def on_pre_build(config, **kwargs):
    global _depth
    _depth += 1
    if _depth > 1:
        # A nested per-language build: report the findings now (the checks ran meanwhile), so they appear even
        # if MkDocs' own validation aborts this inner build.
        _collect()
        return
    _check_sources(config)


def on_build_error(error, **kwargs):
    global _depth, _pending
    _depth = 0
    if _pending is not None:
        _pending[0].terminate()
        _pending = None


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config, **kwargs):
    global _depth
    _depth = max(_depth - 1, 0)
    if _depth:  # an inner (per-language) build: the outer build checks the finished site
        return
    _collect()
    from urllib.parse import urlsplit
    base = urlsplit(config.get("site_url") or "/").path or "/"
    problems = check_built_site(Path(config["site_dir"]), base_path=base if base.endswith("/") else base + "/",
                                workers=min(4, os.cpu_count() or 1))
    for p in problems:
        log.warning(f"built site: {p}")
