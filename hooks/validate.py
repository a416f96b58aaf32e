"""MkDocs hook (thin): report content findings so that `mkdocs build --strict` fails on any of them.

All logic lives in kb.checks (source checks) and kb.sitecheck (built-HTML check); run them without MkDocs with
`python -m kb.checks` and `python -m kb.sitecheck site`.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _kb  # noqa: E402

from mkdocs.plugins import event_priority  # noqa: E402

from kb.checks import check_site  # noqa: E402
from kb.sitecheck import check_built_site  # noqa: E402

log = logging.getLogger("mkdocs.hooks.validate")
_reported: set[tuple] = set()


def _check_sources(config):
    site, changed = _kb.site(config["docs_dir"])
    key = (_kb.fingerprint(Path(config["docs_dir"])),)
    if key in _reported:  # the i18n plugin runs every hook once per language: report once
        return
    _reported.add(key)
    findings = check_site(site)
    for f in findings:
        log.warning(str(f))
    if findings:
        log.warning(f"{len(findings)} content finding(s): fix them (see CONTRIBUTING.md, 'Reading build errors')")


_depth = 0  # nesting of builds: mkdocs-static-i18n builds the other languages inside the default one


@event_priority(100)
def on_pre_build(config, **kwargs):
    global _depth
    _depth += 1
    _check_sources(config)


def on_build_error(error, **kwargs):
    global _depth
    _depth = 0


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config, **kwargs):
    global _depth
    _depth = max(_depth - 1, 0)
    if _depth:  # an inner (per-language) build: the outer build checks the finished site
        return
    from urllib.parse import urlsplit
    base = urlsplit(config.get("site_url") or "/").path or "/"
    problems = check_built_site(Path(config["site_dir"]), base_path=base if base.endswith("/") else base + "/")
    for p in problems:
        log.warning(f"built site: {p}")
