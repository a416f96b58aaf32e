"""Every fault class a contributor can make is reported as `docs/path.md:LINE: …` and fails the strict build.

Each case breaks a copy of a small valid fixture site (tests/fixture_site.py) in one way. The check functions are
called directly for every case (fast); a selection of cases also runs the real `mkdocs build --strict`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import mkdocs_build
from fixture_site import edit, line_of, make_site
from kb.checks import check_site, load_site
from kb.model import PLACEHOLDERS

T = "zh/interview/peft/lora-family.md"
TE = "en/interview/peft/lora-family.md"
G = "zh/glossary/lora.md"


def _append(root, rel, text):
    p = root / "docs" / rel
    p.write_text(p.read_text(encoding="utf-8") + text, encoding="utf-8")


# name -> (mutation(root) , file, needle for the expected line (None: line 1), expected message fragment)
CASES = {
    "missing-page": (lambda r: edit(r, T, "训练低秩增量。", "训练低秩增量，见[不存在](../missing.md)。"),
                     T, "不存在", "does not exist"),
    "missing-anchor-other-page": (lambda r: edit(r, T, "一种参数高效微调方法。", "见 [LoRA](../../glossary/lora.md#nope)。"),
                                  T, "glossary/lora.md#nope", "anchor '#nope' does not exist"),
    "missing-anchor-same-page": (lambda r: edit(r, T, "(#what-is-lora)", "(#no-such-question)"),
                                 T, "#no-such-question", "anchor '#no-such-question' does not exist on this page"),
    "missing-anchor-en-page": (lambda r: edit(r, TE, "A PEFT method.", "See [QLoRA](../../glossary/qlora.md#formula)."),
                               TE, "qlora.md#formula", "anchor '#formula' does not exist"),
    "missing-image": (lambda r: _append(r, T, "\n![图](img/arch.png)\n"), T, "img/arch.png", "image"),
    "unknown-term-link": (lambda r: edit(r, T, "[LoRA](../../glossary/lora.md)", "[LoRA](../../glossary/lorra.md)"),
                          T, "lorra.md", "unknown glossary term 'lorra'"),
    "unknown-related-term": (lambda r: edit(r, G, "related: [qlora]", "related: [qlora, lorra]"),
                             G, "related:", "related term 'lorra' does not exist"),
    "missing-required-field": (lambda r: edit(r, G, "summary: 冻结预训练权重并训练低秩增量的微调方法。\n", ""),
                               G, None, "missing required front-matter field 'summary'"),
    "unknown-seed-term": (lambda r: edit(r, G, "seeds: []", "seeds: [nope]"), G, "seeds:",
                          "seed term 'nope' is not in"),
    "unknown-field": (lambda r: edit(r, G, "seeds: []", "seeds: []\nauthor: me"), G, "author:", "unknown front-matter field 'author'"),
    "wrong-type": (lambda r: edit(r, G, "tags: [peft]", "tags: peft"), G, "tags:", "'tags' must be a list"),
    "wrong-value": (lambda r: edit(r, T, "difficulty: basic", "difficulty: hard"), T, "questions:", "difficulty 'hard'"),
    "unknown-tag": (lambda r: edit(r, G, "tags: [peft]", "tags: [peft, lorra]"), G, "tags:", "unknown tag 'lorra'"),
    "yaml-does-not-parse": (lambda r: edit(r, G, "tags: [peft]", "tags: [peft"), G, "related:", "not valid YAML"),
    "duplicate-question-id": (lambda r: edit(r, T, "  - id: lora-idea", "  - id: what-is-lora"), T, "- id: what-is-lora",
                              "listed 2 times"),
    "ids-differ-between-languages": (lambda r: edit(r, TE, "{#lora-idea}", "{#the-lora-idea}"), TE, "{#the-lora-idea}",
                                     "differs from"),
    "zh-page-without-en-twin": (lambda r: (r / "docs" / "en/about/index.md").unlink(), "zh/about/index.md", None,
                                "no en twin"),
    "en-page-without-zh-twin": (lambda r: (r / "docs" / "zh/about/index.md").unlink(), "en/about/index.md", None,
                                "no zh twin"),
    "script-tag": (lambda r: _append(r, T, "\n<script>alert(1)</script>\n"), T, "<script>", "<script>"),
    "iframe": (lambda r: _append(r, T, '\n<iframe src="https://example.com"></iframe>\n'), T, "<iframe", "<iframe>"),
    "event-handler": (lambda r: _append(r, T, '\n<img src="x.png" onerror="alert(1)">\n'), T, "onerror", "event-handler"),
    "javascript-url": (lambda r: _append(r, T, "\n[点我](javascript:alert(1))\n"), T, "javascript:", "javascript: URL"),
    "kangxi-radical": (lambda r: edit(r, T, "一种参数高效微调方法。", "一种⼤模型微调方法。"), T, "⼤模型", "radical U+2F24"),
    "stray-aside": (lambda r: _append(r, T, "\n</aside>\n"), T, "</aside>", "stray '</aside>'"),
    "html-entity": (lambda r: edit(r, T, "训练低秩增量。", "训练低秩增量&#xff08;BA&#xff09;。"), T, "&#xff08;",
                    "HTML entity"),
    "question-without-answer": (lambda r: edit(r, T, "**简答**： 训练低秩增量。 [上一题](#what-is-lora)", ""), T, "{#lora-idea}", "has no answer"),
    "answer-without-short-answer": (lambda r: edit(r, T, "**简答**： 训练低秩增量。", "训练低秩增量。"), T, "训练低秩增量。",
                                    "must start with a short answer"),
    "undefined-footnote": (lambda r: edit(r, T, "训练低秩增量。", "训练低秩增量。[^ghost]"), T, "[^ghost]",
                           "[^ghost] is used but never defined"),
    "unused-footnote": (lambda r: _append(r, T, "\n[^unused]: never cited.\n"), T, "[^unused]:", "never used"),
    "heading-without-id": (lambda r: _append(r, G, "\n## 小结\n\n内容。\n"), G, "## 小结", "has no explicit id"),
    "unknown-source-question": (lambda r: edit(r, T, "lora-family/2]", "lora-family/99]"), T, "questions:",
                                "'lora-family/99' is not a question"),
    "source-question-covered-twice": (lambda r: edit(r, T, "lora-family/2]", "lora-family/1]"), T, "- id: lora-idea",
                                      "already covered"),
    "chinese-inside-math": (lambda r: edit(r, T, "训练低秩增量。", "训练 $W=BA，其中$ 低秩增量。"), T, "$W=BA", "inside math"),
    "mermaid-fence": (lambda r: _append(r, T, "\n```mermaid\nflowchart LR\n  A --> B\n```\n"), T, "```mermaid",
                      "Mermaid is not enabled"),
    "absolute-link": (lambda r: edit(r, T, "训练低秩增量。", "见 [首页](/index.md)。"), T, "/index.md", "absolute link"),
    "figure-from-another-host": (lambda r: edit(r, T, "](../../assets/figures/mha-gqa-mqa.svg)",
                                                "](https://cdn.example.com/mha.svg)"), T, "cdn.example.com",
                                 "loaded from another host"),
    "figure-without-alt-text": (lambda r: edit(r, T, "![示意图：查询头与 K/V 头的共享方式]", "![]"), T, "![](",
                                "without alt text"),
    "figure-without-caption": (lambda r: edit(r, T, "/// caption\n图注。\n///\n", ""), T, "mha-gqa-mqa.svg",
                               "without caption"),
    "figure-file-missing": (lambda r: edit(r, T, "figures/mha-gqa-mqa.svg", "figures/mha-gqa.svg"), T,
                            "figures/mha-gqa.svg", "does not exist"),
    "figure-in-one-language-only": (lambda r: edit(r, TE, "![Diagram: how query heads share K/V heads]"
                                                   "(../../assets/figures/mha-gqa-mqa.svg)\n/// caption\nA caption."
                                                   "\n///\n", ""), TE, None, "figures differ"),
    "figure-outside-language-folder": (lambda r: edit(r, T, "](../../assets/figures/mha-gqa-mqa.svg)",
                                                      "](../../../assets/figures/mha-gqa-mqa.svg)"), T,
                                       "../../../assets", "outside docs/zh/"),
    "unfilled-scaffold-placeholder": (lambda r: _append(r, T, "\n" + PLACEHOLDERS["question-body"]["zh"] + "\n"), T,
                                      PLACEHOLDERS["question-body"]["zh"], "unfilled scaffold placeholder"),
    "hand-written-question-list": (lambda r: _append(r, G, "\n## 相关面试题 {#questions}\n\n- [LoRA 的思路]"
                                                        "(../interview/peft/lora-family.md#lora-idea)\n"), G,
                                   "## 相关面试题", "hand-written list of interview questions"),
    "british-spelling": (lambda r: edit(r, TE, "A PEFT method.", "A PEFT method that optimises memory."), TE,
                         "optimises", "British spelling 'optimises'"),
    "ascii-quotes-in-chinese": (lambda r: edit(r, T, "一种参数高效微调方法。", '一种"参数高效"微调方法。'), T,
                                '"参数高效"', "ASCII quotes around Chinese text"),
    "bad-reviewed-month": (lambda r: edit(r, G, "reviewed: 2026-12", "reviewed: 2026-13"), G, "reviewed:",
                           "must be a month written YYYY-MM"),
    "missing-review-date": (lambda r: edit(r, T, "reviewed: 2026-12\n", ""), T, None,
                            "missing required front-matter field 'reviewed'"),
}

# Every fault class also goes through the real `mkdocs build --strict`: it must fail, name file:line, and never
# show a traceback (a contributor sees the same message as `make check`).
BUILD_CASES = sorted(CASES)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("fixture") / "site")


def _copy(pristine: Path, dest: Path) -> Path:
    shutil.copytree(pristine, dest, symlinks=True)
    return dest


def test_fixture_is_clean(pristine):
    assert check_site(load_site(pristine / "docs")) == []


@pytest.mark.build
def test_fixture_builds(pristine, tmp_path):
    proc = mkdocs_build(pristine / "mkdocs.yml", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.mark.parametrize("name", sorted(CASES))
def test_fault_is_reported_with_file_and_line(name, pristine, tmp_path):
    mutate, rel, needle, fragment = CASES[name]
    root = _copy(pristine, tmp_path / "s")
    mutate(root)
    findings = check_site(load_site(root / "docs"))
    line = line_of(root, rel, needle) if needle else 1
    matching = [f for f in findings if f.path == f"docs/{rel}" and fragment in f.message]
    assert matching, f"expected a finding in docs/{rel} containing {fragment!r}, got:\n" + "\n".join(map(str, findings))
    assert any(f.line == line for f in matching), f"expected line {line}, got {[str(f) for f in matching]}"
    assert all(" — " in f.message for f in matching), "findings must say how to fix"


@pytest.mark.build
@pytest.mark.parametrize("name", BUILD_CASES)
def test_fault_fails_the_strict_build(name, pristine, tmp_path):
    mutate, rel, needle, fragment = CASES[name]
    root = _copy(pristine, tmp_path / "s")
    mutate(root)
    proc = mkdocs_build(root / "mkdocs.yml", tmp_path / "out")
    assert proc.returncode != 0, "the strict build must fail"
    line = line_of(root, rel, needle) if needle else 1
    assert f"docs/{rel}:{line}:" in proc.stderr, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr + proc.stdout, f"a fault must not crash the build:\n{proc.stderr[-3000:]}"


def test_all_findings_reported_not_just_the_first(pristine, tmp_path):
    root = _copy(pristine, tmp_path / "s")
    for name in ("missing-page", "script-tag", "unknown-tag", "kangxi-radical"):
        CASES[name][0](root)
    messages = "\n".join(map(str, check_site(load_site(root / "docs"))))
    for name in ("missing-page", "script-tag", "unknown-tag", "kangxi-radical"):
        assert CASES[name][3] in messages


def test_code_is_not_content(pristine, tmp_path):
    """Examples of bad input inside code blocks or inline code are not findings (contributors document them)."""
    root = _copy(pristine, tmp_path / "s")
    _append(root, G, "\n```html\n<script>alert(1)</script> [x](missing.md) ⼤ </aside>\n```\n\n`<iframe>` and `[^x]`\n")
    assert check_site(load_site(root / "docs")) == []


@pytest.mark.build
def test_a_failed_build_leaves_the_previous_site_in_place(pristine, tmp_path):
    """`make build` builds into <site>.tmp and swaps it in only on success: a broken page fails the build and the
    last good site stays whole (a half-written site's search never initialises)."""
    import subprocess
    from conftest import ROOT
    root = _copy(pristine, tmp_path / "s")
    out = tmp_path / "out"
    make = ["make", "-s", "-C", str(ROOT), "site-build", f"CONFIG={root / 'mkdocs.yml'}", f"SITE={out}"]
    ok = subprocess.run(make, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr[-2000:]
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    CASES["missing-page"][0](root)
    bad = subprocess.run(make, capture_output=True, text=True)
    assert bad.returncode != 0
    assert not (tmp_path / "out.tmp").exists(), "the half-written build must be removed"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before, "the last good site must stay"
