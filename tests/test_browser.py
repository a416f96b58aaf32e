"""The built site in a real headless Chromium, as a reader uses it: no request leaves the site, formulas render,
search finds Chinese and English, the language switch keeps the page, a phone-width viewport does not scroll
sideways."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT
from kb import browser as browser_search

pytestmark = [pytest.mark.browser, pytest.mark.build]

OFFLINE_PAGES = ["", "interview/peft/lora-family/", "glossary/lora/", "glossary/", "interview/",
                 "en/", "en/interview/peft/lora-family/", "en/glossary/qlora/", "en/about/terminology/"]


@pytest.fixture()
def page(browser, site_server):
    ctx = browser.new_context()
    external: list[str] = []
    host = urlsplit(site_server).netloc

    def route(r):
        if urlsplit(r.request.url).netloc != host:
            external.append(r.request.url)
            return r.abort()
        return r.continue_()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.external = external
    pg.errors = errors
    yield pg
    ctx.close()


@pytest.mark.parametrize("path", OFFLINE_PAGES)
def test_page_makes_no_request_off_the_site_and_renders_math(page, site_server, path):
    page.goto(site_server + path, wait_until="networkidle")
    assert page.external == [], f"requests left the site: {page.external}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"
    stats = page.evaluate("""() => {
        const all = [...document.querySelectorAll('.arithmatex')];
        return {total: all.length,
                rendered: all.filter(e => e.querySelector('.katex')).length,
                errors: document.querySelectorAll('.katex-error, .kb-math-error').length};
    }""")
    assert stats["rendered"] == stats["total"] and stats["errors"] == 0, stats


def test_lora_page_has_formulas_rendered_by_katex(page, site_server):
    page.goto(site_server + "interview/peft/lora-family/", wait_until="networkidle")
    n = page.evaluate("document.querySelectorAll('.arithmatex .katex').length")
    assert n >= 10, f"expected the LoRA page's formulas to render, found {n}"
    # KaTeX's fonts come from the site and actually load.
    fonts = page.evaluate("""() => document.fonts.check('16px KaTeX_Main') &&
        [...document.fonts].filter(f => f.family.includes('KaTeX') && f.status === 'loaded').length""")
    assert fonts, "KaTeX fonts did not load from the site"


QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))


def test_search_quality(page, site_server):
    """recall@5 over the query suite (tests/search_queries.yml), typed into the real search box."""
    result = browser_search.run_suite(page, site_server, QUERIES)
    print(f"search recall@5 = {result['recall']:.1%} {result['recall_by_lang']}, MRR {result['mrr']:.2f} over {result['n']} queries; "
          f"misses: {result['misses']}")
    assert not result["wrong_lang"], f"search returned other-language results: {result['wrong_lang'][:3]}"
    assert result["n"] >= 40
    assert result["recall"] >= 0.95, "\n".join(result["misses"])


def test_last_word_of_a_chinese_query_counts(page, site_server):
    """Material's worker drops the last word of a multi-word Chinese query (模型蒸馏 searched only 模型);
    search-lang.js fixes that. Both queries below fail without the fix."""
    browser_search.open_search(page, site_server, "zh")
    for query, expect in (("模型蒸馏", "glossary/knowledge-distillation/"), ("大模型幻觉", "glossary/hallucination/")):
        top = list(dict.fromkeys(h.split("#")[0].split("?")[0] for h in browser_search.search(page, query)))[:5]
        assert site_server + expect in top, f"{query}: {expect} not in the top 5: {top}"


SWITCHES = [("interview/peft/lora-family/#qlora-idea", "en/interview/peft/lora-family/#qlora-idea"),
            ("en/interview/fine-tuning/llm-fine-tuning/", "interview/fine-tuning/llm-fine-tuning/"),
            ("glossary/lora/", "en/glossary/lora/"),
            ("en/glossary/qlora/#formula", "glossary/qlora/#formula"),
            ("", "en/"), ("en/interview/", "interview/")]


@pytest.mark.parametrize("src,dst", SWITCHES)
def test_language_switch_keeps_the_page_and_question(page, site_server, src, dst):
    """Clicking the other language in the header's language menu lands on the same page, same question."""
    page.goto(site_server + src, wait_until="networkidle")
    target_lang = "en" if not src.startswith("en/") else "zh"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f".md-select__link[hreflang='{target_lang}']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_server + dst

@pytest.mark.parametrize("path", ["", "interview/peft/lora-family/", "en/interview/peft/lora-family/", "glossary/lora/"])
def test_phone_width_has_no_horizontal_scroll(browser, site_server, path):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                              has_touch=True)
    pg = ctx.new_page()
    pg.goto(site_server + path, wait_until="networkidle")
    pg.wait_for_function("[...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))")
    pg.evaluate("document.fonts.ready.then(() => true)")
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    ctx.close()
    assert overflow <= 1, f"{path}: page scrolls sideways by {overflow}px at 390px width"


def test_dark_mode_and_copy_buttons(page, site_server):
    page.goto(site_server + "interview/peft/lora-family/", wait_until="networkidle")
    assert page.locator("[data-md-color-scheme]").count() > 0
    assert page.locator("form[data-md-component=palette] input").count() >= 2, "no light/dark toggle"
    assert page.locator(".md-code__button[data-md-type=copy], button.md-clipboard").count() > 0, "no copy buttons"
    edit = page.locator("a.md-content__button[href*='/edit/']").first.get_attribute("href")
    assert edit.endswith("docs/zh/interview/peft/lora-family.md"), edit


def test_term_cards_inside_chinese_text_on_hover_and_tap(browser, site_server):
    """Glossary references carry a card (zh/en names + one-sentence definition): as a tooltip on hover, and
    opened by a tap on a 390-px touch screen (a second tap follows the link)."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    pg.goto(site_server + "interview/peft/lora-family/", wait_until="networkidle")
    link = pg.locator("article a.kb-term[data-kb-term='peft']").first
    title = link.get_attribute("title")
    assert "参数高效微调" in title and "Parameter-Efficient Fine-Tuning" in title and "—" in title, title
    # The link sits inside Chinese prose (no spaces around it), which Markdown's abbr could not match.
    assert pg.evaluate("document.querySelectorAll('article a.kb-term').length") >= 5
    link.scroll_into_view_if_needed()
    link.tap()
    card = pg.locator(".kb-term-card")
    card.wait_for(state="visible", timeout=5000)
    assert "参数高效微调" in card.inner_text()
    assert pg.url.endswith("interview/peft/lora-family/"), "the first tap must not navigate"
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    link.tap()
    pg.wait_for_url("**/glossary/peft/", timeout=5000)
    ctx.close()


A11Y_PAGES = ["", "interview/", "interview/tags/", "interview/architecture/attention-variants/", "glossary/",
              "glossary/lora/", "en/", "en/interview/architecture/positional-encoding/", "en/glossary/rope/",
              "en/interview/peft/lora-family/"]
SCROLL_THROUGH = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    window.scrollTo(0, 0);
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations(page, site_server, scheme):
    """axe-core (axe-playwright-python) on sample pages of both languages, light and dark: no serious or critical
    violations. Each page is scrolled through first: long pages use content-visibility, and blocks that were never
    rendered have no real geometry for axe's contrast checks."""
    problems = []
    for path in A11Y_PAGES:
        page.goto(site_server + path, wait_until="networkidle")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.evaluate(SCROLL_THROUGH)
        page.wait_for_timeout(800)  # the header tabs fade back in after scrolling up
        problems += serious_violations(page, path)
    assert not problems, "\n".join(problems)


def serious_violations(page, path: str) -> list[str]:
    """axe-core on the page as it is now: its serious and critical violations, one line each."""
    from axe_playwright_python.sync_playwright import Axe
    out = []
    for v in Axe().run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            node = v["nodes"][0]
            out.append(f"{path or '/'}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes), e.g. "
                       f"{node['target']}: {node.get('failureSummary', '')[:200]}")
    return out


UNSCROLLED_A11Y_PAGES = ["interview/inference/efficient-inference/", "en/interview/inference/llm-inference/",
                         "interview/training-infra/deepspeed-zero/", "en/interview/inference/vllm-paged-attention/",
                         "interview/basics/llm-basics/", "en/interview/architecture/attention-variants/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_before_the_reader_scrolls(browser, site_server, scheme):
    """axe as Lighthouse runs it: a phone viewport, the system colour scheme, no scrolling, so most blocks of a long
    page are still skipped (content-visibility). Geometry of skipped blocks and transitions that never ran there
    gave false and real contrast failures (a link over a table's code span, light link colours in dark mode, links
    in table headers without an underline); extra.css explains each fix."""
    ctx = browser.new_context(viewport={"width": 412, "height": 823}, color_scheme=scheme, is_mobile=True)
    pg = ctx.new_page()
    problems = []
    for path in UNSCROLLED_A11Y_PAGES:
        pg.goto(site_server + path, wait_until="load")
        pg.wait_for_timeout(1000)
        problems += serious_violations(pg, path)
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["en/interview/training-infra/parallelism/", "interview/inference/efficient-inference/"])
def test_wide_tables_scroll_sideways_on_a_phone_and_nothing_is_clipped(browser, site_server, path):
    """extra.css clips a table's wrapper (overflow: hidden, for axe) on the premise that Material's table scrolls
    itself: at 390 px no wrapper may be wider than what it shows, and a wide table must scroll and take focus."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(site_server + path, wait_until="load")
    r = pg.evaluate("""() => {
        const wraps = [...document.querySelectorAll('.md-content__inner > .md-typeset__scrollwrap')];
        wraps.forEach(w => { w.style.contentVisibility = 'visible'; });
        return {clipped: wraps.filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.textContent.slice(0, 60)),
                scrolling: wraps.map(w => w.querySelector('table'))
                    .filter(t => t.scrollWidth > t.clientWidth + 1 && t.tabIndex === 0).length,
                tables: wraps.length};
    }""")
    ctx.close()
    assert r["tables"] > 0 and not r["clipped"], r
    assert r["scrolling"] > 0, f"expected at least one wide table that scrolls and takes focus: {r}"


def test_a_pasted_query_searches(page, site_server):
    """A query pasted with the mouse (no key pressed) starts a search, as a typed one does."""
    browser_search.open_search(page, site_server, "en")
    page.evaluate("""() => {
        const box = document.querySelector('input.md-search__input');
        box.value = 'QLoRA';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: 'QLoRA'}));
    }""")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=20000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert any("qlora" in h for h in hrefs[:5]), hrefs[:5]


@pytest.mark.parametrize("path", ["interview/architecture/attention-variants/",
                                  "en/interview/architecture/attention-variants/"])
def test_figures_load_from_the_site_with_alt_text_and_caption(page, site_server, path):
    page.goto(site_server + path, wait_until="networkidle")
    figs = page.evaluate("""async () => {
        const imgs = [...document.querySelectorAll('figure img.kb-figure')];
        for (const i of imgs) { i.loading = 'eager'; i.scrollIntoView(); await i.decode().catch(() => {}); }
        return imgs.map(i => ({src: i.src, w: i.naturalWidth, alt: i.alt,
                               cap: i.closest('figure').querySelector('figcaption')?.textContent.trim() || '',
                               width: i.getAttribute('width')}));
    }""")
    assert len(figs) >= 2, figs
    lang_prefix = site_server + ("en/" if path.startswith("en/") else "") + "assets/figures/"
    for f in figs:
        assert f["src"].startswith(lang_prefix) and f["w"] > 0, f  # served by the site, in the page's language
        assert len(f["alt"]) > 20 and len(f["cap"]) > 20 and f["width"], f
    assert page.external == []
    # In dark mode the figures are inverted so that their dark text stays readable.
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    flt = page.evaluate("getComputedStyle(document.querySelector('img.kb-figure')).filter")
    assert "invert" in flt, flt


def test_titles_edit_links_and_report_links(page, site_server):
    page.goto(site_server, wait_until="networkidle")
    assert page.title() == "LLM 知识库"
    page.goto(site_server + "en/", wait_until="networkidle")
    assert page.title() == "LLM Knowledge Base"
    page.goto(site_server + "interview/tags/", wait_until="networkidle")  # generated: editing it would be lost
    assert page.locator("a.md-content__button[href*='/edit/']").count() == 0
    page.goto(site_server + "en/glossary/lora/", wait_until="networkidle")
    report = page.locator("a.kb-report").first.get_attribute("href")
    assert "template=correction.yml" in report and "glossary%2Flora" in report, report


def test_search_index_loads_only_when_the_reader_searches(browser, site_server):
    """A reader who does not search does not download the index; one who does gets results."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url) if "search_index" in r.url else None)
    pg.goto(site_server + "en/interview/peft/lora-family/", wait_until="networkidle")
    pg.wait_for_timeout(500)
    assert requested == [], f"the index was downloaded without a search: {requested}"
    pg.locator("label.md-search__icon, .md-search__input").first.click()
    pg.locator("input.md-search__input").fill("model parallelism")
    pg.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=20000)
    assert [u for u in requested if u.endswith("search_index.en.json")], requested
    top = pg.eval_on_selector_all(".md-search-result__item > a", "els => els.slice(0, 5).map(e => e.href)")
    ctx.close()
    assert any("parallel" in h for h in top), top  # all words count: not the pages that only say "model"


def test_a_typo_in_a_multi_word_query_still_finds_something(page, site_server):
    """The AND form of a multi-word query falls back to OR when it finds nothing."""
    browser_search.open_search(page, site_server, "en")
    hits = browser_search.search(page, "lora zzqxv")
    assert any("lora" in h for h in hits[:5]), hits[:5]
