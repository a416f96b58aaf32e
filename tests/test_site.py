"""The real site: zero content findings, a clean strict build, and checks on what the build produced."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BIN, ENV, ROOT
from kb.checks import check_site, coverage, load_site
from kb.model import LANGS, inventory_questions
from kb.sitecheck import check_built_site

SITE = load_site(ROOT / "docs", display_root=ROOT)


def test_real_content_has_zero_findings():
    findings = check_site(SITE)
    assert not findings, "\n".join(map(str, findings))


def test_every_page_has_both_languages():
    zh = {rel for (lang, rel) in SITE.pages if lang == "zh"}
    en = {rel for (lang, rel) in SITE.pages if lang == "en"}
    assert zh == en and zh


def test_topic_pages_cover_their_source_sections_completely():
    """A section that has a topic page is covered entirely: no question of it is silently dropped."""
    inv = inventory_questions()
    covered = {s for p in SITE.of_lang("zh") if p.kind == "topic" for q in p.meta["questions"] for s in q["source"]}
    sections = {k.split("/")[0] for k in covered}
    missing = sorted(k for k, row in inv.items() if row["section_slug"] in sections and k not in covered)
    assert not missing, f"questions of covered sections missing from the site: {missing}"


def test_generated_files_are_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_index.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.build
def test_strict_build_is_clean(built_site):
    log = (built_site / ".build-log").read_text()
    assert "WARNING" not in log, log


@pytest.mark.build
def test_built_html_links_resolve(built_site):
    assert check_built_site(built_site, base_path="/llm-knowledge-base/") == []


@pytest.mark.build
def test_every_page_is_built_in_both_languages(built_site):
    for (lang, rel) in SITE.pages:
        out = rel[:-3] + "/index.html" if not rel.endswith("index.md") else rel[:-8] + "index.html"
        prefix = "" if lang == "zh" else "en/"
        assert (built_site / prefix / out).exists(), f"{lang}/{rel} was not built"


@pytest.mark.build
def test_no_third_party_hosts_in_html(built_site):
    """Nothing a page loads (script, stylesheet, font, image) comes from another host."""
    bad = []
    for f in built_site.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        for m in re.finditer(r"<(script|link|img|source|iframe)\b[^>]*?(?:src|href)=\"(https?:)?//([^/\"]+)", html):
            if m.group(1) == "link" and re.search(r'rel="(?:alternate|canonical)"', m.group(0) + html[m.end():m.end() + 80]):
                continue
            bad.append(f"{f.relative_to(built_site)}: {m.group(0)[:120]}")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, f
    css = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in built_site.rglob("*.css"))
    assert not re.search(r"url\((['\"]?)(https?:)?//", css), "a stylesheet loads a remote URL"
    assert not bad, "\n".join(bad[:20])


@pytest.mark.build
def test_math_assets_are_served_by_the_site(built_site):
    vendor = built_site / "assets" / "vendor" / "katex"
    css = (vendor / "katex.min.css").read_text()
    fonts = set(re.findall(r"url\(fonts/([^)]+\.woff2)\)", css))
    assert fonts and all((vendor / "fonts" / f).exists() for f in fonts)


@pytest.mark.build
def test_formulas_are_rendered_at_build_time(built_site):
    """Readers get KaTeX HTML (and MathML), not TeX for a script to typeset: no math JavaScript is served."""
    page = (built_site / "interview" / "peft" / "lora-family" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="arithmatex kb-math"') >= 10 and 'class="katex' in page and "<math" in page
    # display formulas can take focus (a wide one scrolls sideways on a phone); inline ones need not
    assert '<div class="arithmatex kb-math" tabindex="0">' in page
    assert '<span class="arithmatex kb-math" tabindex' not in page
    for f in built_site.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        assert '<span class="arithmatex">' not in text and '<div class="arithmatex">' not in text, \
            f"{f.relative_to(built_site)}: a formula was left for the browser"
        assert "katex.min.js" not in text


@pytest.mark.build
def test_search_index_is_configured_for_chinese_and_english(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    cfg = index["config"]
    assert cfg["pipeline"] == [], "a stemmer breaks English prefix search in a merged zh+en index"
    assert set(cfg["lang"]) >= {"zh", "en"}
    assert "\\u200b" in cfg["separator"] or "\u200b" in cfg["separator"]
    docs = index["docs"]
    # jieba ran (it is imported silently): Chinese text is cut with zero-width spaces.
    assert any("\u200b" in d["text"] for d in docs), "jieba did not segment Chinese text: is it installed?"
    locations = {d["location"] for d in docs}
    assert any(l.startswith("en/") for l in locations) and any(not l.startswith("en/") for l in locations)


def test_coverage_report_is_consistent():
    c = coverage(SITE)
    assert c["questions"][1] == 470
    assert 0 < c["questions"][0] <= 470


@pytest.mark.build
def test_fallback_runtime_properdocs_builds_the_site(tmp_path):
    """Material for MkDocs reaches end of life in May 2027: ProperDocs (the maintained MkDocs 1.x fork) must
    build the same site, strictly."""
    from conftest import mkdocs_build
    proc = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", tool="properdocs")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "site" / "en" / "interview" / "peft" / "lora-family" / "index.html").exists()


def test_workflows_are_valid_and_actions_pinned_by_commit():
    import yaml
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    for wf in workflows:
        data = yaml.safe_load(wf.read_text(encoding="utf-8"))
        assert "permissions" in data, f"{wf.name}: set least-privilege top-level permissions"
        assert data.get(True) or data.get("on"), f"{wf.name}: no trigger"  # YAML 1.1 reads 'on' as True
        for job, spec in data["jobs"].items():
            for step in spec.get("steps", []):
                uses = step.get("uses")
                if uses:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{wf.name}/{job}: '{uses}' is not pinned by commit"
        for job, spec in data["jobs"].items():
            for step in spec.get("steps", []):
                node = str((step.get("with") or {}).get("node-version", ""))
                assert not node or int(node.split(".")[0]) >= 22, f"{wf.name}: Node {node} is past end of life"
                assert "chromium-browser" not in str(step.get("run", "")), f"{wf.name}: a snap shim on Ubuntu"
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    trigger = pages.get(True) or pages.get("on")
    assert "push" not in trigger and trigger["workflow_run"]["workflows"] == ["CI"], \
        "deploy only what CI has passed: trigger pages.yml by the CI workflow_run, not by push"
    bot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {"github-actions", "pip", "npm"} <= {u["package-ecosystem"] for u in bot["updates"]}
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    ids = {f.name: [b.get("id") for b in (yaml.safe_load(f.read_text(encoding="utf-8")).get("body") or [])] for f in forms}
    assert {"page", "question"} <= set(ids["correction.yml"]), "the report-an-error link prefills these fields"


@pytest.mark.parametrize("lang", LANGS)
def test_topic_index_counts_and_links_every_question(lang):
    """The generated index's overall count is the number of questions in the content, and every question is
    linked from it (and from the tag index's by-difficulty list)."""
    topics = [p for p in SITE.of_lang(lang) if p.kind == "topic"]
    qs = [(p.rel[len("interview/"):], q["id"]) for p in topics for q in p.meta["questions"]]
    text = (ROOT / "docs" / lang / "interview" / "index.md").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r"(\d+) (?:道题|questions)", text)]
    intro = re.search(r"(?:共 |^)(\d+)(?: 道题| questions on)", text, re.M)
    assert intro and int(intro.group(1)) == len(qs), (intro and intro.group(1), len(qs))
    tags = (ROOT / "docs" / lang / "interview" / "tags.md").read_text(encoding="utf-8")
    for rel, qid in qs:
        assert f"({rel}#{qid})" in text, f"{rel}#{qid} is not linked from interview/index.md"
        assert f"({rel}#{qid})" in tags, f"{rel}#{qid} is not linked from interview/tags.md"
    assert counts, "no counts in the index"


@pytest.mark.build
def test_questions_show_related_questions_and_pages_show_tags(built_site):
    html = (built_site / "interview" / "architecture" / "positional-encoding" / "index.html").read_text()
    assert html.count('class="kb-related"') >= 5 and 'class="kb-tags"' in html
    en = (built_site / "en" / "interview" / "architecture" / "positional-encoding" / "index.html").read_text()
    assert "Related questions" in en and 'href="../../tags/#tag-position-encoding"' in en
    zh_index = json.loads((built_site / "search" / "search_index.zh.json").read_text())
    assert not any("相关问题" in d["text"] for d in zh_index["docs"]), "related-question boxes must not be indexed"
    assert not any(d["location"].startswith("interview/tags/") for d in zh_index["docs"])


@pytest.mark.build
def test_hreflang_alternates_are_in_the_sitemap_not_relative_in_pages(built_site):
    """Search engines need absolute hreflang URLs: the sitemap has them (with x-default); pages carry none of the
    relative ones mkdocs-static-i18n writes."""
    for rel in ("index.html", "en/glossary/rope/index.html", "interview/peft/lora-family/index.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', html), rel
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>([^<]*/glossary/rope/)</loc>(.*?)</url>", xml, re.S)
    assert entry, "glossary/rope missing from sitemap.xml"
    alts = dict((lang, href) for lang, href in re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry.group(2)))
    assert set(alts) == {"zh", "en", "x-default"} and alts["x-default"] == alts["zh"] == entry.group(1)
    assert alts["en"].startswith("https://") and alts["en"].endswith("/en/glossary/rope/")
