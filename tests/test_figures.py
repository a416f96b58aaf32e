"""Figures: generated from their sources, up to date, legible on a phone, in the page's language, used by pages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from kb import figures, svg
from kb.checks import figures_of, load_site

FIGS = figures.discover()
RENDERED = figures.render_all(FIGS)
SITE = load_site(ROOT / "docs", display_root=ROOT)


def test_generated_figures_are_up_to_date():
    problems = figures.stale(RENDERED)
    assert not problems, "\n".join(problems) + "\nrun: make figures   (then commit the result)"


def test_stale_missing_and_orphan_files_are_reported(tmp_path):
    name = sorted(FIGS)[0]
    one = {k: v for k, v in RENDERED.items() if f"/{name}.svg" in k}
    for rel, text in one.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    assert figures.stale(one, tmp_path) == []
    zh = tmp_path / "zh" / figures.REL_OUT / f"{name}.svg"
    zh.write_text(zh.read_text(encoding="utf-8").replace("</svg>", "<!-- edited --></svg>"), encoding="utf-8")
    (tmp_path / "en" / figures.REL_OUT / "hand-made.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "en" / figures.REL_OUT / f"{name}.svg").unlink()
    problems = "\n".join(figures.stale(one, tmp_path))
    assert "stale" in problems and "missing" in problems and "hand-made.svg: no source" in problems


def test_rendering_is_deterministic():
    assert figures.render_all(FIGS) == RENDERED


@pytest.mark.parametrize("fname", sorted(RENDERED))
def test_figure_is_accessible_text_and_legible(fname):
    text = RENDERED[fname]
    assert re.search(r'<svg[^>]*role="img"', text) and "<title" in text, f"{fname}: needs role=img and a <title>"
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', text).group(1))
    assert width <= svg.MAX_WIDTH
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', text)]
    assert sizes, f"{fname}: a figure's labels are real text (<text>), not outlines"
    assert min(sizes) * svg.PHONE_WIDTH / max(width, svg.PHONE_WIDTH) >= svg.MIN_PX - 1e-9
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", ""), f"{fname}: no external references"
    assert "https://" not in text and "<image" not in text and "<script" not in text


def test_figure_labels_are_in_the_page_language():
    for name in FIGS:
        zh = RENDERED[f"zh/{figures.REL_OUT}/{name}.svg"]
        en = RENDERED[f"en/{figures.REL_OUT}/{name}.svg"]
        en_text = "".join(re.findall(r">([^<>]+)<", en))
        assert not re.search(r"[\u4e00-\u9fff]", en_text), f"{name}: Chinese text in the English figure"
        zh_text = "".join(re.findall(r">([^<>]+)<", zh))
        if zh != en:
            assert re.search(r"[\u4e00-\u9fff]", zh_text), f"{name}: the Chinese figure has no Chinese label"


def test_builder_refuses_illegible_figures():
    with pytest.raises(ValueError, match="maximum"):
        svg.Figure(900, 100, "too wide").svg()
    f = svg.Figure(640, 100, "tiny text")
    f.text(10, 50, "x", size=10)
    with pytest.raises(ValueError, match="legible"):
        f.svg()
    g = svg.Figure(400, 100, "narrow figures may use smaller text")
    g.text(10, 50, "x", size=10)
    assert "<text" in g.svg()


def test_every_figure_is_shown_on_a_page():
    used = {name for p in SITE.pages.values() for _, name, _ in figures_of(p)}
    unused = sorted(set(FIGS) - used)
    assert not unused, f"figures drawn but shown on no page: {unused} — link them or delete their source"


def test_every_shown_figure_has_a_source():
    for p in SITE.pages.values():
        for line, name, _ in figures_of(p):
            assert name in FIGS, f"{p.path}:{line}: figure '{name}' has no source in figures/*.py"


def test_every_interview_topic_page_shows_a_figure():
    """Readers remember the picture: each topic page, in both languages, shows at least one figure."""
    missing = [p.path for p in SITE.pages.values() if p.kind == "topic" and not figures_of(p)]
    assert not missing, "topic pages without a figure: " + ", ".join(sorted(missing))
