"""The scaffold creates entries that pass every check and build, and refuses duplicates."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, mkdocs_build
from fixture_site import make_site
from kb.checks import check_site, load_site

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
