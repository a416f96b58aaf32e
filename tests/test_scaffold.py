"""The scaffold creates entries that pass every check and build, and refuses duplicates."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, mkdocs_build
from fixture_site import make_site
from kb.checks import check_site, load_site
from kb.model import PLACEHOLDERS

NEW = [sys.executable, str(ROOT / "scripts" / "new_entry.py")]


def run(root, *args):
    return subprocess.run(NEW + ["--docs", str(root / "docs"), *args], capture_output=True, text=True)


@pytest.mark.build
def test_scaffolded_term_and_question_build(tmp_path):
    root = make_site(tmp_path / "s")
    r = run(root, "term", "rope", "--zh", "旋转位置编码", "--en", "Rotary Position Embedding", "--abbr", "RoPE",
            "--summary-zh", "用旋转矩阵编码位置，使注意力只依赖相对位置。",
            "--summary-en", "Rotates queries and keys so attention depends on relative position.",
            "--tag", "position-encoding", "--source", "Su et al. (2021). RoFormer. arXiv:2104.09864",
            "--alias", "旋转位置嵌入")
    assert r.returncode == 0, r.stderr
    r = run(root, "question", "peft/lora-family", "why-rank-matters", "--zh", "秩 r 怎么选？", "--en",
            "How do you choose the rank r?", "--difficulty", "intermediate", "--answer-zh", "从 8 或 16 开始。",
            "--answer-en", "Start with 8 or 16.")
    assert r.returncode == 0, r.stderr
    r = run(root, "question", "architecture/attention-variants", "what-is-gqa", "--zh", "什么是 GQA？", "--en",
            "What is GQA?", "--answer-zh", "多个查询头共享一组键值头。", "--answer-en",
            "Groups of query heads share one key/value head.")
    assert r.returncode == 0, r.stderr
    # A pull request that only ran the scaffold is not green: every unfilled placeholder is a finding ...
    findings = check_site(load_site(root / "docs"))
    assert findings and all("unfilled scaffold placeholder" in f.message for f in findings), findings
    assert {f.path for f in findings} >= {"docs/zh/glossary/rope.md", "docs/en/glossary/rope.md",
                                         "docs/zh/interview/peft/lora-family.md",
                                         "docs/en/interview/architecture/attention-variants.md"}
    # ... and once the contributor has written the text, the site is clean and builds.
    for p in (root / "docs").rglob("*.md"):
        text = p.read_text(encoding="utf-8")
        for t in PLACEHOLDERS.values():
            text = text.replace(t["zh"], "这里是正文。").replace(t["en"], "The explanation goes here.")
        p.write_text(text, encoding="utf-8")
    assert check_site(load_site(root / "docs")) == []
    proc = mkdocs_build(root / "mkdocs.yml", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "out" / "en" / "glossary" / "rope" / "index.html").exists()


def test_scaffold_refuses_duplicates_and_bad_ids(tmp_path):
    root = make_site(tmp_path / "s")
    r = run(root, "term", "lora", "--zh", "x", "--en", "x", "--summary-zh", "x", "--summary-en", "x",
            "--tag", "peft", "--source", "arXiv:2106.09685")
    assert r.returncode == 2 and "already exists" in r.stderr
    r = run(root, "question", "peft/lora-family", "what-is-lora", "--zh", "x", "--en", "x",
            "--answer-zh", "x", "--answer-en", "x")
    assert r.returncode == 2 and "already used" in r.stderr
    r = run(root, "term", "Bad_Id", "--zh", "x", "--en", "x", "--summary-zh", "x", "--summary-en", "x",
            "--tag", "peft", "--source", "x")
    assert r.returncode == 2 and "lowercase ASCII" in r.stderr


def test_new_question_is_a_small_diff_in_the_file_style(tmp_path):
    """The scaffold edits the front matter in place: one new entry in the list's own style, nothing rewritten."""
    import difflib
    root = make_site(tmp_path / "s")
    page = root / "docs" / "zh" / "interview" / "peft" / "lora-family.md"
    flow = page.read_text(encoding="utf-8").replace(
        "  - id: lora-idea\n    difficulty: intermediate\n    source: [lora-family/2]",
        "  - {id: lora-idea, difficulty: intermediate, source: [lora-family/2]}")
    page.write_text(flow, encoding="utf-8")
    before = {lang: (root / "docs" / lang / "interview" / "peft" / "lora-family.md").read_text(encoding="utf-8")
              for lang in ("zh", "en")}
    r = run(root, "--no-index", "question", "peft/lora-family", "lora-rank", "--zh", "秩怎么选？", "--en",
            "How to choose the rank?", "--answer-zh", "从 8 开始。", "--answer-en", "Start with 8.")
    assert r.returncode == 0, r.stderr
    for lang, old in before.items():
        new = (root / "docs" / lang / "interview" / "peft" / "lora-family.md").read_text(encoding="utf-8")
        changed = [l for l in difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=0)
                   if l[:1] in "+-" and not l.startswith(("+++", "---"))]
        assert all(l.startswith("+") for l in changed), f"{lang}: the scaffold rewrote existing lines: {changed}"
        assert len(changed) <= 10, f"{lang}: {len(changed)} changed lines for one question"
    zh = (root / "docs" / "zh" / "interview" / "peft" / "lora-family.md").read_text(encoding="utf-8")
    assert "  - {id: lora-idea, difficulty: intermediate, source: [lora-family/2]}" in zh
    en = (root / "docs" / "en" / "interview" / "peft" / "lora-family.md").read_text(encoding="utf-8")
    assert "  - id: lora-rank\n    difficulty: basic\n    source: []" in en  # block style kept in the en file


def test_scaffold_titles_follow_the_site_convention(tmp_path):
    root = make_site(tmp_path / "s")
    r = run(root, "--no-index", "term", "speculative-decoding", "--zh", "投机解码", "--en", "Speculative Decoding",
            "--summary-zh", "x。", "--summary-en", "x.", "--tag", "inference", "--source", "arXiv:2211.17192")
    assert r.returncode == 0, r.stderr
    zh = (root / "docs" / "zh" / "glossary" / "speculative-decoding.md").read_text(encoding="utf-8")
    assert "title: 投机解码（Speculative Decoding）" in zh
    help_text = subprocess.run(NEW + ["term", "--help"], capture_output=True, text=True).stdout
    assert " ".join(help_text.split()).count("repeat the option") == 3
