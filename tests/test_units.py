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
    good = {"title": "T", "term": {"zh": "甲", "en": "A"}, "summary": "s", "tags": ["peft"], "sources": ["x"],
            "reviewed": "2026-12"}
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
    assert proc.returncode == 1 and "make index" in proc.stderr and "interview/index.md" in proc.stderr
    assert subprocess.run(gen, capture_output=True).returncode == 0
    assert subprocess.run(gen + ["--check"], capture_output=True).returncode == 0


def _graph_site():
    """Three topic pages: a and b share a rare term, c links a explicitly, d shares only a common term."""
    from types import SimpleNamespace
    pages = {
        "interview/g/a.md": "## A1 {#a1}\n\n[x](../../glossary/alibi.md) [c](../../glossary/common.md)\n",
        "interview/g/b.md": "## B1 {#b1}\n\n[x](../../glossary/alibi.md) [c](../../glossary/common.md)\n\n## B2 {#b2}\n\nno links\n",
        "interview/g/c.md": "## C1 {#c1}\n\nsee [A1](a.md#a1)\n\n## C2 {#c2}\n\n[A](#c1) ![img](x.png) [ext](https://e.org)\n",
    }
    for i in range(20):  # many questions that use 'common' make it uninformative
        pages[f"interview/g/f{i}.md"] = f"## F {{#f{i}}}\n\n[c](../../glossary/common.md)\n"
    out = []
    for rel, body in pages.items():
        doc = md.parse("---\ntitle: T\n---\n" + body)
        heads = md.headings(doc)
        meta = {"title": rel, "questions": [{"id": h.id} for h in heads if h.level == 2]}
        out.append(SimpleNamespace(rel=rel, kind="topic", doc=doc, heads=heads, meta=meta))
    return SimpleNamespace(of_lang=lambda lang: out)


def test_link_graph_backlinks_and_related_questions():
    from kb import graph
    g = graph.build(_graph_site(), "zh")
    assert g.questions[("interview/g/a.md", "a1")].terms == {"alibi", "common"}
    assert g.questions[("interview/g/c.md", "c1")].links == {("interview/g/a.md", "a1")}
    assert g.questions[("interview/g/c.md", "c2")].links == {("interview/g/c.md", "c1")}  # same-page link; image/URL ignored
    back = g.term_backlinks()
    assert back["alibi"] == [("interview/g/a.md", "a1"), ("interview/g/b.md", "b1")]
    rel = g.related()
    # explicit links count in both directions and come first; then the rare shared term
    assert rel[("interview/g/a.md", "a1")][:2] == [("interview/g/c.md", "c1"), ("interview/g/b.md", "b1")]
    # a term shared by nearly every question does not make questions related
    assert ("interview/g/f1.md", "f1") not in rel[("interview/g/f0.md", "f0")]
    assert rel[("interview/g/b.md", "b2")] == []
    assert all(len(v) <= 5 and k not in v for k, v in rel.items())


def test_render_topic_adds_related_block_at_the_end_of_each_question_and_tags_on_top():
    meta = {"title": "P", "questions": [{"id": "q1", "difficulty": "basic", "source": []},
                                        {"id": "q2", "difficulty": "basic", "source": []}]}
    related = {"q1": [("Other [x]", "../o/p.md#z", "Other page")], "q2": [("Q1", "#q1", "P")]}
    tags = render.tags_line(["lora", "not-a-tag"], "en", "interview/peft/lora.md")
    assert tags.count("](") == 1 and "(../tags.md#tag-lora)" in tags
    out = render.render_topic("## Q1 {#q1}\n\nA\n\n```\n## fake {#q2}\n```\n\n### Sub\n\nx\n\n## Q2 {#q2}\n\nB\n",
                              meta, "en", "https://e.org/p/", related, tags)
    assert out.startswith('<p class="kb-tags"')
    first, second = out.split("## Q2 {#q2}")
    assert first.count('class="kb-related"') == 1 and "[Other \\[x\\]](../o/p.md#z) <small>Other page</small>" in first
    assert first.index("### Sub") < first.index("kb-related")  # at the end of the section, after its subsections
    assert second.count('class="kb-related"') == 1 and "- [Q1](#q1)\n" in second  # same page: no page name
    assert "data-search-exclude" in out


def test_tag_index_lists_every_tagged_page_and_every_question_by_difficulty(tmp_path):
    root = make_site(tmp_path / "s")
    out = index.generate(root)
    for lang in ("zh", "en"):
        text = out[root / "docs" / lang / "interview" / "tags.md"]
        assert "{#tag-peft}" in text and "{#tag-lora}" in text and "{#by-difficulty}" in text
        assert "(peft/lora-family.md)" in text and "(../glossary/lora.md)" in text
        assert "(peft/lora-family.md#what-is-lora)" in text and "(peft/lora-family.md#lora-idea)" in text
        assert "exclude: true" in text
    assert "interview/tags.md" in out[root / "mkdocs.yml"]


def test_page_alternates_dropped_and_sitemap_gets_x_default():
    html = ('<head><link rel="alternate" href="./" hreflang="zh">\n<link rel="alternate" '
            'href="../../en/glossary/rope/" hreflang="en">\n<link rel="canonical" href="x"></head>')
    assert render.drop_page_alternates(html) == '<head><link rel="canonical" href="x"></head>'
    xml = ('<url>\n  <loc>https://e.org/kb/a/</loc>\n  <xhtml:link rel="alternate" hreflang="zh" href="https://e.org/kb/a/"/>\n'
           '  <xhtml:link rel="alternate" hreflang="en" href="https://e.org/kb/en/a/"/>\n</url>\n')
    out = render.sitemap_with_x_default(xml, "zh")
    assert out.count('hreflang="x-default" href="https://e.org/kb/a/"') == 1
    assert render.sitemap_with_x_default(out, "zh") == out  # idempotent


def test_site_javascript_parses():
    """Our scripts load before Material's bundle: a syntax error would silently disable search fixes, tap cards
    and the language switch (node is installed by `make setup` for KaTeX)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed")
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js")) + sorted((ROOT / "overrides").rglob("*.js"))
    assert any(p.name == "search-lang.js" for p in scripts)
    for js in scripts:
        proc = subprocess.run([node, "--check", str(js)], capture_output=True, text=True)
        assert proc.returncode == 0, f"{js.relative_to(ROOT)}: {proc.stderr}"


SEARCH_JS = ROOT / "overrides" / "partials" / "search-lang.js"
QUERY_CASES = [
    # (typed, sent to the worker, OR fallback if nothing is found)
    ("model parallelism", "+model* +parallelism*", "model parallelism"),
    ("catastrophic forgetting model", "+catastrophic* +forgetting* +model*", "catastrophic forgetting model"),
    ("top-p", "+top* +p", "top-p"),
    ("LoRA:", "LoRA", None),
    ("LoRA", "LoRA", None),
    ("大模型幻觉", "大模型幻觉\u3400", None),
    ("Multi-Query Attention 有什么好处", "+Multi* +Query* +Attention* 有什么好处\u3400",
     "Multi-Query Attention 有什么好处\u3400"),
    ("title:lora", "title:lora", None),
    ('"exact phrase"', '"exact phrase"', None),
    ("+lora -qlora", "+lora -qlora", None),
    ("KV cache", "+KV +cache*", "KV cache"),
    ("pre-LN vs post-LN", "+pre* +LN +post* +LN", "pre-LN vs post-LN"),
    ("time to first token", "+time* +first* +token*", "time to first token"),
]


def test_search_query_transform_in_node():
    """The query logic the browser runs (overrides/partials/search-lang.js), run by Node on the cases above."""
    import json
    import shutil
    import subprocess
    node = shutil.which("node")
    if not node:
        pytest.fail("node is needed (make setup installs the front-end packages with it)")
    script = SEARCH_JS.read_text(encoding="utf-8") + (
        "\nconst cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "\nconsole.log(JSON.stringify(cases.map(c => kbSearchQuery(c))));"
        "\nconst groups = [[{title: 'Baichuan models', location: 'a/'}], [{title: 'Embedding', location: 'e/'}],"
        " [{title: 'LLM basics', location: 'b/'}, {title: 'Which <mark>embedding</mark> model?', location: 'b/#x'}],"
        " [{title: 'Model families', location: 'f/'}], [{title: 'Model sizes', location: 's/'}]];"
        "\nconsole.log(JSON.stringify(kbRerank(groups, ['embedding', 'model'], 'embedding model').map(g => g[0].location)));"
        "\nconst g2 = [[{title: 'Tokenizers', location: 't/', text: ''}], [{title: 'Latency metrics', location: 'l/#m',"
        " text: 'the <mark>time</mark> to <mark>first</mark> token (TTFT)'}, {title: 'LLM inference', location: 'l/', text: ''}]];"
        "\nconsole.log(JSON.stringify(kbRerank(g2, ['time', 'first', 'token'], 'time to first token').map(g => g[1] ? g[1].location : g[0].location)));" + (
        "\nconst g3 = [[{title: 'NVIDIA \u200b容器\u200b工具包', location: 'n/', text: ''}],"
        " [{title: '函数调用', location: 'f/', text: '函数调用 · \u200b又称\u200b：\u200b工具\u200b调用\u200b、tool use'}]];"
        "\nconsole.log(JSON.stringify(kbRerank(g3, ['工具调用'], '工具调用').map(g => g[0].location)));"))
    out = subprocess.run([node, "-e", script], input=json.dumps([c[0] for c in QUERY_CASES]), capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    got = json.loads(lines[0])
    # the page with both words in a heading, then the one whose title names the rarer word, then the common one
    assert json.loads(lines[1]) == ["b/", "e/", "a/", "f/", "s/"]
    assert json.loads(lines[2]) == ["l/", "t/"]  # the exact phrase in a section's text beats one word in a title
    # a Chinese alias split into two index words (工具 + 调用) still counts as the whole query word in a names line
    assert json.loads(lines[3]) == ["f/", "n/"]
    for (typed, query, fallback), g in zip(QUERY_CASES, got):
        assert (g["query"], g["fallback"]) == (query, fallback), typed


def test_tables_with_an_empty_corner_get_row_headers():
    html = ("<table>\n<thead>\n<tr>\n<th></th>\n<th>PPO</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>RM</td>\n<td>yes</td>\n"
            "</tr>\n</tbody>\n</table>")
    out = render.accessible_tables(html, "zh")
    assert '<th scope="row">RM</th>' in out and "<td>yes</td>" in out and "项目" in out
    assert out.startswith('<table tabindex="0">')
    plain = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    # every table can take focus, so a keyboard user can scroll a wide one sideways on a phone
    assert render.accessible_tables(plain, "en") == plain.replace("<table>", '<table tabindex="0">', 1)


def test_searchable_text_drops_code_and_markup_but_keeps_escapes():
    html = ('<p>LoRA trains <code>B</code> and <strong>A</strong>: \\(\\alpha / r\\)</p><pre><code>x = 1\n</code></pre>'
            '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    out = render.searchable_text(html)
    assert "x = 1" not in out and "<p>" not in out and "<code>" not in out
    assert "LoRA trains B and A" in out and "α / r" in out
    assert "&lt;script&gt;" in out and "<script>" not in out  # snippets are HTML: escapes must stay escaped
