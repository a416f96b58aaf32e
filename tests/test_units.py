"""Unit tests of the pure functions in kb/ (parsers, schema, renderers, built-HTML checker, index generator)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from fixture_site import make_site
from kb import index, markdown as md, render
from kb.model import page_kind, validate_meta
from kb.sitecheck import check_built_site


def test_parse_front_matter_and_lines():
    doc = md.parse("---\ntitle: X\ntags: [a]\n---\n\n## H {#h}\n\ntext\n")
    assert doc.meta == {"title": "X", "tags": ["a"]}
    assert doc.meta_lines == {"title": 2, "tags": 3}
    assert [(h.line, h.level, h.text, h.id) for h in md.headings(doc)] == [(6, 2, "H", "h")]


def test_yaml_error_line():
    doc = md.parse("---\ntitle: X\ntags: [a\nother: 1\n---\nbody\n")
    assert doc.meta_error and "not valid YAML" in doc.meta_error
    assert doc.meta_error_line in (3, 4, 5)


def test_fences_hide_headings_links_and_footnotes():
    doc = md.parse("---\ntitle: t\n---\n```python\n# not a heading\n[x](y.md) [^1]\n```\n\n## Real {#real}\n")
    assert [h.id for h in md.headings(doc)] == ["real"]
    assert md.links(doc) == []
    assert md.footnotes(doc) == ({}, {})


def test_nested_fence_inside_admonition():
    text = "---\ntitle: t\n---\n!!! note\n    ```bash\n    # comment\n    ```\n\n## After {#after}\n"
    doc = md.parse(text)
    assert [h.id for h in md.headings(doc)] == ["after"]
    blocks = md.code_blocks(doc)
    assert blocks[0].lang == "bash" and blocks[0].code == "# comment"


def test_links_and_images():
    doc = md.parse("---\ntitle: t\n---\nSee [a](x.md#y), ![b](img.png \"t\") and `[c](z.md)`.\n")
    assert [(l.target, l.image) for l in md.links(doc)] == [("x.md#y", False), ("img.png", True)]


def test_math_spans():
    doc = md.parse("---\ntitle: t\n---\nInline $a+b$ and \\$5 money.\n\n$$\nx^2\n$$\n")
    spans = md.math_spans(doc)
    assert (4, "a+b", False) in spans and any(d and t == "x^2" for _, t, d in spans)
    assert all("5" not in t for _, t, _ in spans)


@pytest.mark.parametrize("rel,kind", [("glossary/lora.md", "term"), ("glossary/index.md", "glossary-index"),
                                      ("interview/peft/lora-family.md", "topic"), ("interview/peft/index.md",
                                      "interview-index"), ("guides/x.md", "guide"), ("index.md", "page")])
def test_page_kind(rel, kind):
    assert page_kind(rel) == kind


def test_schema_accepts_a_valid_term_and_rejects_bad_ones():
    good = {"title": "T", "term": {"zh": "甲", "en": "A"}, "summary": "s", "tags": ["peft"], "sources": ["x"]}
    assert validate_meta("term", good) == []
    assert validate_meta("term", {**good, "summary": None}) == [("summary", "'summary' must be a non-empty string")]
    bad = dict(good)
    del bad["summary"]
    assert [m for _, m in validate_meta("term", bad)] == [
        "missing required front-matter field 'summary' — add it: one plain-text sentence, shown in hover cards"]
    assert validate_meta("term", {**good, "term": {"zh": "甲"}})[0][1] == "'term' is missing 'en'"
    assert validate_meta("term", "just a string")[0][1].startswith("front matter must be a YAML mapping")


def test_render_topic_adds_meta_line_after_question_headings_only():
    meta = {"questions": [{"id": "q1", "difficulty": "advanced", "source": ["lora-family/1"]}]}
    out = render.render_topic("## Q {#q1}\n\nA\n\n## Other {#x}\n\n```\n## Q {#q1}\n```\n", meta, "en",
                              "https://e.org/p/")
    assert out.count('class="kb-qmeta"') == 1
    assert "Advanced" in out and "lora-family 1.1" in out and "question=q1" in out


def test_linkify_source():
    s = render.linkify_source("Hu et al. LoRA. arXiv:2106.09685; docs https://huggingface.co/docs/peft")
    assert "[arXiv:2106.09685](https://arxiv.org/abs/2106.09685)" in s and "<https://huggingface.co/docs/peft>" in s


def test_sitecheck_finds_broken_href_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">bad</a><a href="a/#x">anchor</a>'
                                         '<a href="#top">self</a><h1 id="top">t</h1>')
    (tmp_path / "a" / "index.html").write_text('<p id="y"></p><script src="../missing.js"></script>')
    problems = check_built_site(tmp_path)
    assert len(problems) == 3, problems
    assert any("b/" in p for p in problems) and any("'x'" in p for p in problems) and any("missing.js" in p for p in problems)


def test_glossary_sort_key_pinyin():
    assert index.sort_key("灾难性遗忘", "zh").startswith("zai")
    assert index.sort_key("LoRA（低秩适配）", "zh").startswith("lora")


def test_generation_is_deterministic_and_check_detects_staleness(tmp_path):
    root = make_site(tmp_path / "s")
    first = index.generate(root)
    second = index.generate(root)
    assert first == second
    gen = [sys.executable, str(ROOT / "scripts" / "gen_index.py"), "--root", str(root)]
    assert subprocess.run(gen + ["--check"], capture_output=True).returncode == 0
    # Add a question without regenerating: --check fails and says what to run.
    p = root / "docs" / "zh" / "interview" / "peft" / "lora-family.md"
    p.write_text(p.read_text().replace("source: [lora-family/2]", "source: [lora-family/2]\n  - id: extra\n"
                                       "    difficulty: basic\n    source: []") + "\n## 额外 {#extra}\n\n**简答**：x\n")
    proc = subprocess.run(gen + ["--check"], capture_output=True, text=True)
    assert proc.returncode == 1 and "gen_index.py" in proc.stderr and "interview/index.md" in proc.stderr
    assert subprocess.run(gen, capture_output=True).returncode == 0
    assert subprocess.run(gen + ["--check"], capture_output=True).returncode == 0
