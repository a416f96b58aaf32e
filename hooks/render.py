"""MkDocs hook (thin): render front-matter facts into the page Markdown (logic in kb.render)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _kb  # noqa: E402

from kb import markdown as md, mathrender, render  # noqa: E402
from kb.model import DEFAULT_LANG, LANGS  # noqa: E402

log = logging.getLogger("mkdocs.hooks.render")
from mkdocs.plugins import event_priority  # noqa: E402


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Render front-matter facts; a page whose front matter the content model rejects is shown as written (its
    findings are reported by hooks/validate.py), never a traceback."""
    try:
        out = _render_markdown(markdown, page, config)
        reviewed = (page.meta or {}).get("reviewed")
        if reviewed:
            out = out.rstrip() + "\n\n" + render.reviewed_line(reviewed, _kb.split_src(page.file.src_uri)[0]) + "\n"
        return out
    except Exception as e:  # noqa: BLE001 — invalid input must not crash a preview; the findings say what to fix
        log.warning(f"docs/{page.file.src_uri}: front-matter facts not rendered ({type(e).__name__}: {e}) — fix the "
                    f"content findings of this page (`make check`)")
        return markdown


def _render_markdown(markdown, page, config):
    lang, rel = _kb.split_src(page.file.src_uri)
    meta = page.meta or {}
    site, _ = _kb.site(config["docs_dir"])
    this = site.get(lang, rel)
    if this is None:
        return markdown
    tags = render.tags_line(meta.get("tags") or [], lang, rel)
    if this.kind == "topic":
        url = (config.get("site_url") or "/") + page.url
        graph, related = _graph(site, lang), _related(site, lang)
        related = render.related_questions(graph, related.get(rel, {}), rel)
        return render.render_topic(markdown, meta, lang, url, related, tags)
    if this.kind == "term":
        titles = _titles(site, lang)
        term_id = rel[len("glossary/"):-3]
        backlinks = _backlinks(site, lang).get(term_id, [])
        url = (config.get("site_url") or "/") + page.url
        return render.render_term(markdown, meta, lang, titles, backlinks, tags, url, term_id)
    return markdown


_katex = None


def _math(config):
    global _katex
    if _katex is None:
        try:
            _katex = mathrender.Katex(Path(config["config_file_path"]).resolve().parent / "node_modules" / "katex")
        except mathrender.KatexError as e:
            from mkdocs.exceptions import PluginError
            raise PluginError(str(e))
    return _katex


def on_shutdown(**kwargs):
    if _katex is not None:
        _katex.close()


@event_priority(-50)  # after the search plugin (0) has indexed the page: it indexes the TeX, not KaTeX's HTML
def on_page_context(context, page, config, nav, **kwargs):
    """Formulas are rendered to HTML at build time with KaTeX: readers' browsers run no math JavaScript.
    Generated pages (scripts/gen_index.py) get no edit link: an edit there would be overwritten."""
    from kb.index import GENERATED_NOTE
    if GENERATED_NOTE in (page.markdown or ""):
        page.edit_url = None
    page.content, errors = mathrender.render_page_math(page.content, _math(config))
    for e in errors:
        log.warning(f"docs/{page.file.src_uri}: {e} — fix the LaTeX (KaTeX syntax)")
    return context


def on_page_content(html, page, config, files, **kwargs):
    """Term links become hover/tap cards (names + one-sentence definition), in any language and inside CJK
    text."""
    lang, rel = _kb.split_src(page.file.src_uri)
    site, _ = _kb.site(config["docs_dir"])
    cards = _cards(site, lang)
    url = page.url[len(lang) + 1:] if page.url.startswith(lang + "/") else page.url
    html = render.figure_img_attrs(html, _figure_sizes(config["docs_dir"], lang))
    html = render.accessible_tables(html, lang)
    from kb.index import GENERATED_NOTE
    if GENERATED_NOTE in (page.markdown or ""):
        html = f'<div class="kb-generated">{html}</div>'  # no content-visibility on generated lists (extra.css)
    return render.annotate_term_links(html, url, cards)


_sizes: dict = {}


def _figure_sizes(docs_dir, lang):
    """figure file name -> (width, height) of this language's figures, re-read when a file changes."""
    from kb.figures import out_dir, svg_size
    folder = out_dir(lang, Path(docs_dir))
    key = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.svg"))) if folder.exists() else ()
    if _sizes.get(lang, (None,))[0] != key:
        _sizes[lang] = (key, {n: s for n, _ in key if (s := svg_size((folder / n).read_text(encoding="utf-8")))})
    return _sizes[lang][1]


_memo: dict = {}


def _per_tree(name, site, lang, compute):
    """compute(site, lang), once per parsed docs tree and language (the tree is re-read when a file changes)."""
    key = (name, id(site), lang)
    if key not in _memo:
        if len(_memo) > 32:
            _memo.clear()
        _memo[key] = compute(site, lang)
    return _memo[key]


def _terms(site, lang):
    return [p for p in site.of_lang(lang) if p.kind == "term"]


def _titles(site, lang):
    return _per_tree("titles", site, lang, lambda s, l: {p.rel[len("glossary/"):-3]: p.meta.get("title", "")
                                                         for p in _terms(s, l)})


def _cards(site, lang):
    return _per_tree("cards", site, lang, lambda s, l: {p.rel[len("glossary/"):-3]: render.term_card(p.meta, l)
                                                        for p in _terms(s, l)})


def _graph(site, lang):
    from kb import graph, index
    return _per_tree("graph", site, lang, lambda s, l: graph.build(s, l, index.topic_order))


def _related(site, lang):
    return _per_tree("related", site, lang, lambda s, l: _graph(s, l).related_by_page())


def _backlinks(site, lang):
    return _per_tree("backlinks", site, lang, lambda s, l: render.glossary_backlinks(s, l, _graph(s, l)))


_depth = 0  # mkdocs-static-i18n builds the other languages inside the default language's build


@event_priority(100)
def on_pre_build(config, **kwargs):
    global _depth
    _depth += 1
    if _depth == 1:  # start rendering every formula of the docs tree on the other core
        site, _ = _kb.site(config["docs_dir"], refresh=True)
        _math(config).prefetch([(tex.strip(), display) for p in site.pages.values()
                                for _, tex, display in md.math_spans(p.doc)])


@event_priority(-150)  # after mkdocs-static-i18n (-100) has merged the search index; before validation (-200)
def on_post_build(config, **kwargs):
    """Write search/search_index.<lang>.json (overrides/partials/search-lang.js makes each language use its own)."""
    import json
    global _depth
    _depth = max(_depth - 1, 0)
    if _depth:
        return
    site_dir = Path(config["site_dir"])
    # Material's language switch looks for <language root>/sitemap.xml to stay on the same page; the i18n plugin
    # writes one sitemap for all languages at the root: serve it under every language root too.
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        sitemap.write_text(render.sitemap_with_x_default(sitemap.read_text(encoding="utf-8"), DEFAULT_LANG),
                           encoding="utf-8")
    for lang in LANGS:
        if lang != DEFAULT_LANG and sitemap.exists() and (site_dir / lang).is_dir():
            (site_dir / lang / "sitemap.xml").write_bytes(sitemap.read_bytes())
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for lang, part in render.split_search_index(index, LANGS, DEFAULT_LANG).items():
        (path.parent / f"search_index.{lang}.json").write_text(
            json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_post_page(output, page, config, **kwargs):
    """hreflang alternates live in sitemap.xml (absolute), not in each page: see kb.render.drop_page_alternates."""
    return render.drop_page_alternates(output)
