"""Render front-matter facts into Markdown at build time (pure functions: text in, text out).

What they add is ordinary Markdown (links are relative `.md` links, so MkDocs validates them too):
- topic pages: under each question heading, a line with its difficulty, its source reference and a
  "report an error" link;
- glossary entries: a names line (zh/en/abbreviation/aliases — also what search finds), related terms, the
  questions that link to the term (backlinks computed from the link graph) and the references.
"""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote

from . import markdown as md
from .model import DIFFICULTY, inventory_questions

ISSUE_URL = "https://github.com/llm-kb/llm-knowledge-base/issues/new"

LABELS = {
    "zh": {
        "difficulty": "难度", "source": "原题", "added": "本站补充", "report": "报告错误",
        "names": "名称", "abbr": "缩写", "aliases": "又称", "related": "相关术语",
        "backlinks": "用到该术语的面试题", "references": "参考文献",
    },
    "en": {
        "difficulty": "Difficulty", "source": "Source", "added": "added by this site", "report": "Report an error",
        "names": "Names", "abbr": "Abbreviation", "aliases": "Also called", "related": "Related terms",
        "backlinks": "Questions that use this term", "references": "References",
    },
}

ARXIV_RE = re.compile(r"arXiv:(\d{4}\.\d{4,5})(v\d+)?", re.I)
URL_RE = re.compile(r"(?<![(<\[])\bhttps?://[^\s)>\]]+")


def question_meta_line(q: dict, lang: str, page_url: str) -> str:
    """The line rendered under a question heading."""
    lab = LABELS[lang]
    diff = q.get("difficulty", "basic")
    parts = [f'<span class="kb-difficulty kb-{diff}" title="{lab["difficulty"]}">{DIFFICULTY[diff][lang]}</span>']
    src = q.get("source") or []
    inv = inventory_questions()
    if src:
        refs = []
        for key in src:
            row = inv.get(key)
            label = row["source_label"] if row else key.rsplit("/", 1)[-1]
            refs.append(f"{key.split('/')[0]} {label}")
        parts.append(f'<span class="kb-source">{lab["source"]}：{html.escape(", ".join(refs))}</span>' if lang == "zh"
                     else f'<span class="kb-source">{lab["source"]}: {html.escape(", ".join(refs))}</span>')
    else:
        parts.append(f'<span class="kb-source">{lab["added"]}</span>')
    title = quote(f"[勘误 / Correction] {q['id']}")
    # GitHub issue forms prefill fields from query parameters named by the field ids (.github/ISSUE_TEMPLATE).
    report = f"{ISSUE_URL}?template=correction.yml&title={title}&page={quote(page_url, safe='')}&question={q['id']}"
    parts.append(f'<a class="kb-report" href="{report}">{lab["report"]}</a>')
    return '<p class="kb-qmeta">' + " · ".join(parts) + "</p>"


def render_topic(markdown: str, meta: dict, lang: str, page_url: str) -> str:
    """Insert the meta line after each question heading (H2 with an id listed in front matter)."""
    questions = {q["id"]: q for q in meta.get("questions") or [] if isinstance(q, dict) and "id" in q}
    lines = markdown.split("\n")
    out: list[str] = []
    fence = None
    for line in lines:
        out.append(line)
        m = md.FENCE_RE.match(line)
        if fence is None and m:
            fence = m.group("fence")
            continue
        if fence is not None:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence) and not m.group("info").strip():
                fence = None
            continue
        h = md.HEADING_RE.match(line)
        if h and len(h.group("hashes")) == 2:
            a = md.ATTR_RE.search(h.group("text"))
            idm = md.ID_IN_ATTRS_RE.search(a.group("attrs")) if a else None
            if idm and idm.group("id") in questions:
                out += ["", question_meta_line(questions[idm.group("id")], lang, page_url), ""]
    return "\n".join(out)


def linkify_source(source: str) -> str:
    """Turn arXiv ids and bare URLs in a citation into links."""
    s = URL_RE.sub(lambda m: f"<{m.group(0)}>", source)
    return ARXIV_RE.sub(lambda m: f"[arXiv:{m.group(1)}{m.group(2) or ''}](https://arxiv.org/abs/{m.group(1)})", s)


def names_line(meta: dict, lang: str) -> str:
    lab = LABELS[lang]
    term = meta.get("term") or {}
    bits = [f"**{term.get('zh', '')}** · **{term.get('en', '')}**"]
    if term.get("abbr"):
        bits.append(f"{lab['abbr']}{'：' if lang == 'zh' else ': '}**{term['abbr']}**")
    aliases = meta.get("aliases") or []
    if aliases:
        bits.append(f"{lab['aliases']}{'：' if lang == 'zh' else ': '}" + ("、" if lang == "zh" else ", ").join(aliases))
    return '<p class="kb-names" markdown>' + " · ".join(bits) + "</p>"


def render_term(markdown: str, meta: dict, lang: str, titles: dict[str, str],
                backlinks: list[tuple[str, str, str]]) -> str:
    """Glossary entry: names line on top; related terms, backlinks and references at the bottom.

    titles: term id -> title (same language); backlinks: (question title, relative link from this page, page title).
    """
    lab = LABELS[lang]
    parts = [names_line(meta, lang), "", markdown.rstrip(), ""]
    related = [r for r in meta.get("related") or [] if r in titles]
    if related:
        parts += [f"## {lab['related']} {{#related-terms}}", ""]
        parts += [f"- [{titles[r]}]({r}.md)" for r in related]
        parts.append("")
    if backlinks:
        parts += [f"## {lab['backlinks']} {{#used-in}}", ""]
        parts += [f"- [{q}]({link}) <small>{html.escape(pt)}</small>" for q, link, pt in backlinks]
        parts.append("")
    sources = meta.get("sources") or []
    if sources:
        parts += [f"## {lab['references']} {{#references}}", ""]
        parts += [f"{i}. {linkify_source(s)}" for i, s in enumerate(sources, 1)]
        parts.append("")
    return "\n".join(parts)


def strip_heading_attrs(text: str) -> str:
    a = md.ATTR_RE.search(text)
    return text[: a.start()].rstrip() if a else text


def glossary_backlinks(site, lang: str) -> dict[str, list[tuple[str, str, str]]]:
    """term id -> [(question heading text, link relative to glossary/, page title)] from links in topic pages."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for page in site.of_lang(lang):
        if page.kind != "topic":
            continue
        here = posixpath.dirname(page.rel)
        sections = md.sections_under(page.doc, page.heads, 2)
        heads = {h.id: h.text for h in page.heads if h.level == 2 and h.id}
        for qid, lines in sections.items():
            seen = set()
            for link in md.links(md.Document(text="", body=[l for _, l in lines], body_start=1)):
                path = link.target.split("#")[0]
                if not path.endswith(".md"):
                    continue
                resolved = posixpath.normpath(posixpath.join(here, path))
                if resolved.startswith("glossary/") and resolved.count("/") == 1 and resolved not in seen:
                    seen.add(resolved)
                    term = resolved[len("glossary/"):-3]
                    rel_link = posixpath.relpath(page.rel, "glossary") + f"#{qid}"
                    out.setdefault(term, []).append((heads.get(qid, qid), rel_link, page.meta.get("title", "")))
    return out


TERM_HREF_RE = re.compile(r'<a (?P<attrs>[^>]*?)href="(?P<href>(?:\.\./|\./)*(?:glossary/)?(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)/(?:#[^"]*)?)"(?P<rest>[^>]*)>')


def term_card(meta: dict, lang: str) -> str:
    """One line for a hover card: names, then the one-sentence summary."""
    term = meta.get("term") or {}
    names = term.get("abbr") or ""
    full = f"{term.get('zh', '')} / {term.get('en', '')}" if lang == "zh" else f"{term.get('en', '')} / {term.get('zh', '')}"
    head = f"{names} · {full}" if names else full
    return f"{head} — {meta.get('summary', '')}"


def annotate_term_links(html_text: str, page_url: str, cards: dict[str, str]) -> str:
    """Mark every link to a glossary entry (in rendered page HTML) as a term reference with a hover card.

    page_url: the page's URL relative to the language root (e.g. 'interview/peft/lora-family/'); cards: term id ->
    card text. Material's content.tooltips shows the title on hover; assets/javascripts/terms.js shows the same card
    on tap (touch screens).
    """
    def repl(m: re.Match) -> str:
        href = m.group("href")
        resolved = posixpath.normpath(posixpath.join(page_url, href.split("#")[0]))
        if not resolved.startswith("glossary/") or resolved.count("/") != 1:
            return m.group(0)
        tid = resolved[len("glossary/"):]
        if tid not in cards or 'class="' in m.group("attrs") + m.group("rest"):
            return m.group(0)
        card = html.escape(cards[tid], quote=True)
        return (f'<a {m.group("attrs")}href="{href}" class="kb-term" data-kb-term="{tid}" data-kb-card="{card}" '
                f'title="{card}"{m.group("rest")}>')
    return TERM_HREF_RE.sub(repl, html_text)


def split_search_index(index: dict, langs: tuple[str, ...], default: str) -> dict[str, dict]:
    """One search index per language from the merged one: entries under '<lang>/' belong to that language,
    the rest to the default language. Same config, so tokenisation is unchanged."""
    out = {lang: {**index, "docs": []} for lang in langs}
    prefixes = {lang: f"{lang}/" for lang in langs if lang != default}
    for doc in index.get("docs", []):
        lang = next((l for l, p in prefixes.items() if doc.get("location", "").startswith(p)), default)
        out[lang]["docs"].append(doc)
    return out
