"""One version table (data/versions.yml): every framework code block names the versions it was written for, and
they are the table's (or a documented exception of its page)."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from kb import markdown as md
from kb.checks import load_site

TABLE = yaml.safe_load((ROOT / "data" / "versions.yml").read_text(encoding="utf-8"))
SITE = load_site(ROOT / "docs", display_root=ROOT)
PIN_RE = re.compile(r"(?<![\w.-])([A-Za-z][\w.-]*)==([0-9][\w.+-]*)")


def _norm(name: str) -> str:
    return name.lower().replace("_", "-")


PACKAGES = {_norm(k): str(v) for k, v in TABLE["packages"].items()}
EXCEPTIONS = {page: {_norm(k): str(v) for k, v in spec["packages"].items()}
              for page, spec in (TABLE.get("exceptions") or {}).items()}


def pins_of(page):
    """(line, package, version) for each `pkg==ver` in the first comment line of a code block, and in
    `pip install` lines of shell blocks."""
    out = []
    for b in md.code_blocks(page.doc):
        lines = b.code.strip().splitlines()
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith(("#", "//")):
            out += [(b.line, _norm(p), v) for p, v in PIN_RE.findall(first)]
        if b.lang in ("bash", "sh", "shell", "console"):
            for l in lines:
                if "pip install" in l:
                    out += [(b.line, _norm(p), v) for p, v in PIN_RE.findall(l)]
    return out


PAGES = [p for p in SITE.pages.values() if pins_of(p)]


def test_the_table_is_dated_and_complete():
    assert re.fullmatch(r"\d{4}-\d{2}", str(TABLE["checked"]))
    for page, spec in (TABLE.get("exceptions") or {}).items():
        assert spec.get("why"), f"exception for {page} must say why"
        assert (ROOT / "docs" / "zh" / page).exists(), f"exception for a page that does not exist: {page}"


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_code_blocks_use_the_version_table(page):
    allowed_extra = EXCEPTIONS.get(page.rel, {})
    bad = []
    for line, pkg, ver in pins_of(page):
        if allowed_extra.get(pkg) == ver:
            continue
        if pkg not in PACKAGES:
            bad.append(f"{page.path}:{line}: {pkg}=={ver} is not in data/versions.yml — add the package (with its "
                       f"current release) or use one that is there")
        elif PACKAGES[pkg] != ver:
            bad.append(f"{page.path}:{line}: {pkg}=={ver} but data/versions.yml says {PACKAGES[pkg]} — check the "
                       f"block against {PACKAGES[pkg]} and update the comment (or document an exception)")
    assert not bad, "\n".join(bad)
