"""A small, valid bilingual site (real config, real hooks) that tests copy and break on purpose."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TERM = """---
title: {title}
term:
  zh: {zh}
  en: {en}
  abbr: {abbr}
aliases: [{abbr}]
summary: {summary}
tags: [peft]
related: [{related}]
sources:
  - "Hu et al. (2021). LoRA. arXiv:2106.09685"
seeds: []
reviewed: 2026-12
---

**{abbr}** {summary}

## {h_expl} {{#explanation}}

{body} [{other}]({related}.md).

$$ h = W_0 x + \\frac{{\\alpha}}{{r}} B A x $$
"""

TOPIC = """---
title: {title}
group: peft
tags: [peft, lora]
questions:
  - id: what-is-lora
    difficulty: basic
    source: [lora-family/1]
  - id: lora-idea
    difficulty: intermediate
    source: [lora-family/2]
reviewed: 2026-12
---

{intro} [LoRA](../../glossary/lora.md).

## {q1} {{#what-is-lora}}

{short} {a1}[^hu]

![{alt}](../../assets/figures/mha-gqa-mqa.svg)
/// caption
{caption}
///

## {q2} {{#lora-idea}}

{short} {a2} [{link}](#what-is-lora)

[^hu]: Hu et al. 2021, arXiv:2106.09685.
"""

PAGES = {
    "zh/index.md": "---\ntitle: 首页\n---\n\n见 [LoRA](interview/peft/lora-family.md#what-is-lora)。\n",
    "en/index.md": "---\ntitle: Home\n---\n\nSee [LoRA](interview/peft/lora-family.md#what-is-lora).\n",
    "zh/glossary/lora.md": TERM.format(title="LoRA（低秩适配）", zh="低秩适配", en="Low-Rank Adaptation", abbr="LoRA",
                                      summary="冻结预训练权重并训练低秩增量的微调方法。", related="qlora",
                                      h_expl="详解", body="详见", other="QLoRA"),
    "en/glossary/lora.md": TERM.format(title="LoRA (Low-Rank Adaptation)", zh="低秩适配", en="Low-Rank Adaptation",
                                      abbr="LoRA", summary="A fine-tuning method that trains a low-rank update.",
                                      related="qlora", h_expl="Explanation", body="See", other="QLoRA"),
    "zh/glossary/qlora.md": TERM.format(title="QLoRA（量化低秩适配）", zh="量化低秩适配", en="Quantized Low-Rank Adaptation",
                                       abbr="QLoRA", summary="在 4 位量化的冻结模型上训练 LoRA。", related="lora",
                                       h_expl="详解", body="详见", other="LoRA"),
    "en/glossary/qlora.md": TERM.format(title="QLoRA (Quantized Low-Rank Adaptation)", zh="量化低秩适配",
                                       en="Quantized Low-Rank Adaptation", abbr="QLoRA",
                                       summary="LoRA on top of a 4-bit quantized frozen model.", related="lora",
                                       h_expl="Explanation", body="See", other="LoRA"),
    "zh/interview/peft/lora-family.md": TOPIC.format(title="LoRA 系列", intro="本页介绍", q1="什么是 LoRA？",
                                                     short="**简答**：", a1="一种参数高效微调方法。",
                                                     q2="LoRA 的思路是什么？", a2="训练低秩增量。", link="上一题",
                                                     alt="示意图：查询头与 K/V 头的共享方式", caption="图注。"),
    "en/interview/peft/lora-family.md": TOPIC.format(title="LoRA family", intro="This page covers", q1="What is LoRA?",
                                                     short="**Short answer:**", a1="A PEFT method.",
                                                     q2="What is the idea of LoRA?", a2="Train a low-rank update.",
                                                     link="previous question",
                                                     alt="Diagram: how query heads share K/V heads",
                                                     caption="A caption."),
    "zh/about/index.md": "---\ntitle: 关于\n---\n\n关于本站。\n",
    "en/about/index.md": "---\ntitle: About\n---\n\nAbout this site.\n",
}


def make_site(dest: Path) -> Path:
    """Create the fixture project in `dest` (config + hooks + data shared with the real project)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("hooks", "overrides", "data", "kb", "node_modules"):
        (dest / name).symlink_to(ROOT / name)
    (dest / "docs").mkdir()
    (dest / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    for rel, text in PAGES.items():
        p = dest / "docs" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for lang in ("zh", "en"):  # one generated figure per language, as the real site has them
        fig = dest / "docs" / lang / "assets" / "figures"
        fig.mkdir(parents=True)
        shutil.copy(ROOT / "docs" / lang / "assets" / "figures" / "mha-gqa-mqa.svg", fig)
    cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(cfg, encoding="utf-8")
    import sys
    sys.path.insert(0, str(ROOT))
    from kb import index
    for path, content in index.generate(dest).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return dest


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    p = root / "docs" / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    p.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((root / "docs" / rel).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {rel}")
