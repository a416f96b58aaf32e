"""Content checks. Each check is a pure function returning Findings (`docs/path.md:LINE: what is wrong — how to fix`).

`check_site(load_site(docs_dir))` runs them all; hooks/validate.py reports the findings during `mkdocs build`, and
`python -m kb.checks` runs them without MkDocs (pre-commit, CI, a future non-MkDocs build).
"""
from __future__ import annotations

import posixpath
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urlsplit

from . import markdown as md
from .model import (ALSO_ASKED, DEFAULT_LANG, DIFFICULTY, ERRATA_TITLE, GROUPS, ID_RE, LANGS, PLACEHOLDERS, SCHEMAS,
                    SHORT_ANSWER, inventory_questions, inventory_terms, page_kind, validate_meta)


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # e.g. "docs/zh/glossary/lora.md"
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Page:
    lang: str
    rel: str  # path inside docs/<lang>/, e.g. "glossary/lora.md"
    path: str  # display path, e.g. "docs/zh/glossary/lora.md"
    doc: md.Document
    kind: str
    _heads: list | None = field(default=None, repr=False)

    @property
    def meta(self) -> dict:
        return self.doc.meta if isinstance(self.doc.meta, dict) else {}

    @property
    def heads(self) -> list[md.Heading]:
        if self._heads is None:
            self._heads = md.headings(self.doc)
        return self._heads

    def line_of(self, key: str | None) -> int:
        return self.doc.meta_lines.get(key, 1) if key else 1

    def line_of_question(self, qid: str) -> int:
        for i, line in enumerate(self.doc.text.split("\n")[: self.doc.body_start], 1):
            if re.match(rf"^\s*-?\s*id:\s*['\"]?{re.escape(qid)}['\"]?\s*$", line):
                return i
        return self.line_of("questions")


@dataclass
class Site:
    docs_dir: Path
    pages: dict[tuple[str, str], Page]  # (lang, rel) -> Page
    stray: list[str]  # Markdown files outside docs/<lang>/

    def get(self, lang: str, rel: str) -> Page | None:
        return self.pages.get((lang, rel))

    def of_lang(self, lang: str) -> list[Page]:
        return [p for (l, _), p in sorted(self.pages.items()) if l == lang]


def load_site(docs_dir: Path, display_root: Path | None = None) -> Site:
    docs_dir = Path(docs_dir)
    root = display_root or docs_dir.parent
    pages: dict[tuple[str, str], Page] = {}
    stray = []
    for f in sorted(docs_dir.rglob("*.md")):
        rel_all = f.relative_to(docs_dir).as_posix()
        if rel_all.startswith("assets/"):
            continue
        lang, _, rel = rel_all.partition("/")
        display = f.relative_to(root).as_posix() if f.is_relative_to(root) else str(f)
        if lang not in LANGS or not rel:
            stray.append(display)
            continue
        text = f.read_text(encoding="utf-8")
        pages[(lang, rel)] = Page(lang, rel, display, md.parse(text), page_kind(rel))
    return Site(docs_dir, pages, stray)


# --------------------------------------------------------------------------------------------- per-page checks

def check_front_matter(page: Page) -> list[Finding]:
    doc = page.doc
    if doc.meta_error:
        return [Finding(page.path, doc.meta_error_line, f"{doc.meta_error} — fix the YAML syntax (quote values "
                                                        f"that contain ': ' or start with special characters)")]
    if doc.meta is None:
        return [Finding(page.path, 1, "page has no front matter — start the file with '---', 'title: …', '---' "
                                      "(see CONTRIBUTING.md for the fields of this kind of page)")]
    return [Finding(page.path, page.line_of(key), msg if " — " in msg else
                    f"{msg} — fix the front matter (fields of a {page.kind} page: CONTRIBUTING.md, kb/model.py)")
            for key, msg in validate_meta(page.kind, doc.meta)]


def check_headings(page: Page) -> list[Finding]:
    out = []
    seen: dict[str, int] = {}
    for h in page.heads:
        if h.level == 1:
            out.append(Finding(page.path, h.line, "H1 heading in the body — the page title comes from front matter "
                                                  "'title'; use '##' for sections"))
            continue
        if not h.id:
            out.append(Finding(page.path, h.line, f"heading '{h.text}' has no explicit id — append "
                                                  f"'{{#some-ascii-id}}' (the same id in the zh and en page)"))
            continue
        if not ID_RE.match(h.id):
            out.append(Finding(page.path, h.line, f"heading id '{h.id}' is not lowercase ASCII words joined by '-'"))
        if h.id in seen:
            out.append(Finding(page.path, h.line, f"duplicate heading id '{h.id}' (also on line {seen[h.id]}) — "
                                                  f"ids must be unique on a page"))
        seen.setdefault(h.id, h.line)
    return out


def check_questions(page: Page) -> list[Finding]:
    """Topic pages: the H2 headings are exactly the front-matter questions, in order, each with an answer."""
    if page.kind != "topic" or not isinstance(page.meta.get("questions"), list):
        return []
    out = []
    listed = [q.get("id") for q in page.meta["questions"] if isinstance(q, dict)]
    h2 = [h for h in page.heads if h.level == 2]
    h2_ids = [h.id for h in h2]
    for h in h2:
        if h.id and h.id not in listed:
            out.append(Finding(page.path, h.line, f"question heading '{h.id}' is not listed in front matter "
                                                  f"'questions' — add '- id: {h.id}' with difficulty and source"))
    for qid in listed:
        if qid and qid not in h2_ids:
            out.append(Finding(page.path, page.line_of_question(qid), f"question '{qid}' is listed in front matter "
                                                                       f"but has no '## … {{#{qid}}}' heading"))
    common = [q for q in listed if q in h2_ids]
    if [h for h in h2_ids if h in listed] != common and not out:
        out.append(Finding(page.path, page.line_of("questions"), "the order of front matter 'questions' differs from "
                                                                 "the order of the question headings — make them match"))
    counts = Counter(listed)
    for qid, n in counts.items():
        if n > 1:
            out.append(Finding(page.path, page.line_of_question(qid), f"question id '{qid}' is listed {n} times — "
                                                                       f"give each question its own id"))
    marker = SHORT_ANSWER[page.lang]
    sections = md.sections_under(page.doc, page.heads, 2)
    for h in h2:
        body = [(n, l) for n, l in sections.get(h.id or "", []) if l.strip()]
        # Sub-headings alone are not an answer.
        prose = [(n, l) for n, l in body if not md.HEADING_RE.match(l) and not md.FOOTNOTE_DEF_RE.match(l)]
        if not prose:
            out.append(Finding(page.path, h.line, f"question '{h.text}' has no answer under it — write the answer "
                                                  f"(starting with '{marker}') or remove the question"))
            continue
        first = [(n, l) for n, l in prose if not l.lstrip().startswith(ALSO_ASKED[page.lang])]
        if first and not first[0][1].lstrip().startswith(marker):
            out.append(Finding(page.path, first[0][0], f"the answer to '{h.text}' must start with a short answer "
                                                       f"— begin its first paragraph with '{marker}' and 1–3 "
                                                       f"sentences that answer directly"))
    return out


UNSAFE_HTML = [
    (re.compile(r"<\s*script\b", re.I), "<script> element"),
    (re.compile(r"<\s*iframe\b", re.I), "<iframe> element"),
    (re.compile(r"<\s*(?:object|embed|form|meta|link|base|style)\b", re.I), "active/embedded HTML element"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "event-handler attribute (on…=)"),
    (re.compile(r"javascript\s*:", re.I), "javascript: URL"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']?\s*data:text/html", re.I), "data:text/html URL"),
]


def check_unsafe_html(page: Page) -> list[Finding]:
    out = []
    for n, line in md.prose_lines(page.doc):
        text = md.strip_inline_code(line)
        for rx, what in UNSAFE_HTML:
            if rx.search(text):
                out.append(Finding(page.path, n, f"unsafe HTML: {what} — content may not contain scripts, frames or "
                                                 f"event handlers; use Markdown (show code in a fenced block)"))
    for n, line in enumerate(page.doc.text.split("\n")[: page.doc.body_start - 1], 1):
        for rx, what in UNSAFE_HTML:
            if rx.search(line):
                out.append(Finding(page.path, n, f"unsafe HTML in front matter: {what} — remove it"))
    return out


RADICALS_RE = re.compile(r"[\u2e80-\u2fdf]")
ENTITY_RE = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]{1,31});")


def check_scrape_leftovers(page: Page) -> list[Finding]:
    out = []
    front = list(enumerate(page.doc.text.split("\n")[: page.doc.body_start - 1], 1))
    for n, line in front + list(md.prose_lines(page.doc)):
        for m in RADICALS_RE.finditer(line):
            ch = m.group(0)
            fixed = unicodedata.normalize("NFKC", ch)
            hint = f"'{fixed}'" if fixed != ch else "the ordinary CJK character"
            out.append(Finding(page.path, n, f"PDF-scrape leftover: radical U+{ord(ch):04X} '{ch}' — replace it with "
                                             f"{hint} (NFKC-normalise the text)"))
    for n, line in md.prose_lines(page.doc):
        text = md.strip_inline_code(line)
        if re.search(r"</\s*aside\s*>", text, re.I):
            out.append(Finding(page.path, n, "PDF-scrape leftover: stray '</aside>' — delete it"))
        for m in ENTITY_RE.finditer(text):
            out.append(Finding(page.path, n, f"HTML entity '{m.group(0)}' — write the character itself "
                                             f"(e.g. '（' instead of '&#xff08;')"))
    return out


def check_footnotes(page: Page) -> list[Finding]:
    defs, refs = md.footnotes(page.doc)
    out = [Finding(page.path, line, f"footnote [^{name}] is used but never defined — add '[^{name}]: …'")
           for name, line in refs.items() if name not in defs]
    out += [Finding(page.path, line, f"footnote [^{name}] is defined but never used — cite it or delete it")
            for name, line in defs.items() if name not in refs]
    return out


def check_admonitions(page: Page) -> list[Finding]:
    out = []
    other = {l: t for l, t in ERRATA_TITLE.items() if l != page.lang}
    for line, typ, title in md.admonitions(page.doc):
        if title in other.values():
            out.append(Finding(page.path, line, f"errata note titled '{title}' on a {page.lang} page — use "
                                                f"'!!! warning \"{ERRATA_TITLE[page.lang]}\"'"))
        elif title == ERRATA_TITLE[page.lang] and typ != "warning":
            out.append(Finding(page.path, line, f"errata notes use the 'warning' type: "
                                                f"'!!! warning \"{ERRATA_TITLE[page.lang]}\"'"))
    return out


CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def check_math(page: Page) -> list[Finding]:
    out = []
    for line, tex, display in md.math_spans(page.doc):
        bare = re.sub(r"\\(?:text|mathrm|textrm|textbf|operatorname|mbox)\s*\{[^{}]*\}", "", tex)
        if CJK_RE.search(bare):
            out.append(Finding(page.path, line, f"Chinese text or full-width punctuation inside math '${tex[:40]}$' "
                                                f"— move it out of the formula, or wrap it in \\text{{…}}; a literal "
                                                f"dollar sign is written \\$"))
    return out


def check_glossary_meta(page: Page, site: Site) -> list[Finding]:
    if page.kind != "term":
        return []
    out = []
    for rid in page.meta.get("related") or []:
        if isinstance(rid, str) and not site.get(page.lang, f"glossary/{rid}.md"):
            out.append(Finding(page.path, page.line_of("related"), f"related term '{rid}' does not exist — create "
                                                                   f"docs/{page.lang}/glossary/{rid}.md or fix the id"))
        if rid == page.rel[len("glossary/"):-3]:
            out.append(Finding(page.path, page.line_of("related"), "an entry cannot be related to itself"))
    seeds = inventory_terms()
    for sid in page.meta.get("seeds") or []:
        if isinstance(sid, str) and sid not in seeds:
            out.append(Finding(page.path, page.line_of("seeds"), f"seed term '{sid}' is not in "
                                                                 f"data/sources/glossary_terms.tsv — use an id from "
                                                                 f"its first column, or remove it"))
    summary = page.meta.get("summary")
    if isinstance(summary, str) and re.search(r"[$*`\[\]<>]", summary):
        out.append(Finding(page.path, page.line_of("summary"), "'summary' must be plain text (no Markdown, HTML or "
                                                               "$math$): it is shown in hover cards"))
    stem = page.rel.rsplit("/", 1)[-1][:-3]
    if not ID_RE.match(stem):
        out.append(Finding(page.path, 1, f"glossary file name '{stem}.md' is not a valid term id (lowercase ASCII "
                                         f"words joined by '-')"))
    return out


def check_topic_meta(page: Page, site: Site) -> list[Finding]:
    if page.kind != "topic":
        return []
    out = []
    group = page.meta.get("group")
    folder = page.rel.split("/")[1]
    if isinstance(group, str):
        if group not in GROUPS:
            out.append(Finding(page.path, page.line_of("group"), f"unknown group '{group}' — one of: "
                                                                 f"{', '.join(GROUPS)}"))
        elif group != folder:
            out.append(Finding(page.path, page.line_of("group"), f"group '{group}' does not match the folder "
                                                                 f"'interview/{folder}/' — move the file or fix 'group'"))
    return out


def check_links(page: Page, site: Site) -> list[Finding]:
    out = []
    here = posixpath.dirname(page.rel)
    own_ids = md.anchor_ids(page.doc)
    for link in md.links(page.doc):
        target = link.target
        if not target:
            out.append(Finding(page.path, link.line, f"empty link target for '[{link.text}]()'"))
            continue
        parts = urlsplit(target)
        if parts.scheme or target.startswith("//"):
            if parts.scheme not in ("http", "https", "mailto"):
                out.append(Finding(page.path, link.line, f"link scheme '{parts.scheme}:' is not allowed — use an "
                                                         f"https:// URL or a relative .md link"))
            continue
        path, anchor = unquote(parts.path), unquote(parts.fragment)
        if not path:
            if anchor and anchor not in own_ids:
                out.append(Finding(page.path, link.line, f"anchor '#{anchor}' does not exist on this page — use one "
                                                         f"of the explicit heading ids {{#…}} of this page"))
            continue
        if path.startswith("/"):
            out.append(Finding(page.path, link.line, f"absolute link '{target}' — use a relative path to the .md "
                                                     f"file (it works in both languages and is validated)"))
            continue
        resolved = posixpath.normpath(posixpath.join(here, path))
        if resolved.startswith("../"):
            # Shared asset outside the language folder (docs/assets/...).
            asset = site.docs_dir / posixpath.normpath(posixpath.join(page.lang, resolved))
            if not asset.exists():
                out.append(Finding(page.path, link.line, f"{'image' if link.image else 'file'} '{target}' does not "
                                                         f"exist — add it under docs/ or fix the path"))
            continue
        if path.endswith("/") or not posixpath.splitext(path)[1]:
            out.append(Finding(page.path, link.line, f"link '{target}' points to a folder or URL — link the Markdown "
                                                     f"file instead, e.g. '{path.rstrip('/') or '.'}/index.md' or "
                                                     f"'{path.rstrip('/')}.md'"))
            continue
        if resolved.endswith(".md"):
            tp = site.get(page.lang, resolved)
            if tp is None:
                if resolved.startswith("glossary/") and resolved.count("/") == 1:
                    term = resolved[len("glossary/"):-3]
                    out.append(Finding(page.path, link.line, f"unknown glossary term '{term}' — create "
                                                             f"docs/{page.lang}/glossary/{term}.md or link an existing "
                                                             f"term"))
                else:
                    out.append(Finding(page.path, link.line, f"link to '{target}': page docs/{page.lang}/{resolved} "
                                                             f"does not exist — fix the relative path"))
                continue
            if anchor and anchor not in md.anchor_ids(tp.doc):
                out.append(Finding(page.path, link.line, f"anchor '#{anchor}' does not exist in {tp.path} — use one "
                                                         f"of its heading ids ({_sample_ids(tp)})"))
            continue
        asset = site.docs_dir / page.lang / resolved
        if not asset.exists():
            out.append(Finding(page.path, link.line, f"{'image' if link.image else 'file'} '{target}' does not exist "
                                                     f"— add docs/{page.lang}/{resolved} or fix the path"))
    return out


def _sample_ids(page: Page) -> str:
    ids = [h.id for h in page.heads if h.id]
    return ", ".join(ids[:6]) + (", …" if len(ids) > 6 else "") if ids else "it has none"


UNSUPPORTED_FENCES = {
    "mermaid": "Mermaid is not enabled (Material would load it from a CDN, which many readers cannot reach) — draw "
               "the diagram as a list or table, or as an SVG file under docs/assets/",
}


def check_code_fences(page: Page) -> list[Finding]:
    return [Finding(page.path, b.line, f"```{b.lang} block: {UNSUPPORTED_FENCES[b.lang]}")
            for b in md.code_blocks(page.doc) if b.lang in UNSUPPORTED_FENCES]


FIGURE_DIR = "assets/figures/"
CAPTION_OPEN = "/// caption"
FIGURE_NAME_RE = re.compile(r"(?:^|/)assets/figures/(?P<name>[a-z0-9-]+)\.svg$")


def figures_of(page: Page) -> list[tuple[int, str, str]]:
    """(line, figure id, path as written) of every generated figure the page shows, in order."""
    out = []
    for link in md.links(page.doc):
        if link.image:
            m = FIGURE_NAME_RE.search(urlsplit(link.target).path)
            if m:
                out.append((link.line, m.group("name"), link.target))
    return out


def check_figures(page: Page) -> list[Finding]:
    """Images are figures: served by the site, with alt text, a caption, and labels in the page's language."""
    out = []
    lines = page.doc.text.split("\n")
    for link in md.links(page.doc):
        if not link.image:
            continue
        where = link.line
        parts = urlsplit(link.target)
        if parts.scheme or link.target.startswith("//"):
            out.append(Finding(page.path, where, f"image '{link.target}' is loaded from another host — figures are "
                                                 f"served by the site: draw it in figures/*.py, run 'make figures' "
                                                 f"and link it as ../../{FIGURE_DIR}<id>.svg (docs/{page.lang}/{FIGURE_DIR}<id>.svg)"))
            continue
        if not link.text.strip():
            out.append(Finding(page.path, where, "image without alt text — describe what the figure shows for screen "
                                                 "readers: ![what it shows](…)"))
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), unquote(parts.path)))
        if resolved.startswith("../") and "figures/" in resolved:
            out.append(Finding(page.path, where, f"figure '{link.target}' is outside docs/{page.lang}/ — figures live "
                                                 f"in docs/<lang>/{FIGURE_DIR} (one per language, same name): link "
                                                 f"'{posixpath.relpath(FIGURE_DIR, posixpath.dirname(page.rel) or '.')}"
                                                 f"<id>.svg'"))
        # The caption block must follow the image: the next non-blank line is '/// caption'.
        nxt = next((l.strip() for l in lines[where:] if l.strip()), "")
        if nxt != CAPTION_OPEN:
            out.append(Finding(page.path, where, "figure without caption — add a caption block right after the "
                                                 "image: '/// caption' / one sentence stating the point / '///'"))
    return out


def check_placeholders(page: Page) -> list[Finding]:
    """Scaffold text that was never replaced (kb.model.PLACEHOLDERS)."""
    texts = {t[page.lang]: k for k, t in PLACEHOLDERS.items()}
    return [Finding(page.path, n, f"unfilled scaffold placeholder '{line.strip()[:40]}…' — replace it with the real "
                                  f"text (scripts/new_entry.py writes it for you to fill in)")
            for n, line in md.prose_lines(page.doc) if any(t in line for t in texts)]


GENERATED_LIST_HEADS = {"zh": ("相关面试题", "用到该术语的面试题"), "en": ("Related questions", "Related interview questions",
                                                                 "Questions that use this term")}


def check_hand_written_backlinks(page: Page) -> list[Finding]:
    """Glossary entries get their list of interview questions from the link graph; a hand-written one drifts."""
    if page.kind != "term":
        return []
    heads = GENERATED_LIST_HEADS[page.lang]
    out = []
    for n, line in md.prose_lines(page.doc):
        text = line.strip().lstrip("#").strip().strip("*").strip()
        if any(text.startswith(h) for h in heads):
            out.append(Finding(page.path, n, f"hand-written list of interview questions ('{text[:30]}') — delete it: "
                                             f"the build lists the questions that link to this term"))
    return out


# British spellings common in ML writing -> the US spelling the site uses (CONTRIBUTING.md, "Style").
_UK_VERB_STEMS = ("optimi", "normali", "regulari", "initiali", "tokeni", "generali", "summari", "minimi", "maximi",
                  "parameteri", "recogni", "organi", "utili", "visuali", "speciali", "standardi", "characteri",
                  "emphasi", "reali", "prioriti", "categori", "quanti", "vectori", "seriali", "synchroni",
                  "randomi", "customi", "finali", "stabili", "memori", "discretis", "amortis", "penalis", "digitis")
UK_VERB_RE = re.compile(r"\b(" + "|".join(s.rstrip("s") for s in _UK_VERB_STEMS) +
                        r")s(e|ed|es|ing|er|ers|ation|ations|able)\b", re.I)
UK_WORDS = {
    "behaviour": "behavior", "behaviours": "behaviors", "colour": "color", "colours": "colors", "favour": "favor",
    "favourite": "favorite", "neighbour": "neighbor", "neighbours": "neighbors", "neighbouring": "neighboring",
    "labour": "labor", "honour": "honor", "flavour": "flavor", "centre": "center", "centres": "centers",
    "centred": "centered", "fibre": "fiber", "modelling": "modeling", "modelled": "modeled", "labelled": "labeled",
    "labelling": "labeling", "travelled": "traveled", "cancelled": "canceled", "signalling": "signaling",
    "catalogue": "catalog", "programme": "program", "licence": "license", "licences": "licenses",
    "defence": "defense", "grey": "gray", "whilst": "while", "amongst": "among", "artefact": "artifact",
    "artefacts": "artifacts", "judgement": "judgment", "analyse": "analyze", "analysed": "analyzed",
    "analysing": "analyzing", "recognise": "recognize", "tonne": "ton", "aluminium": "aluminum",
}
UK_WORD_RE = re.compile(r"\b(" + "|".join(UK_WORDS) + r")\b", re.I)
QUOTED_RE = re.compile(r'"[^"]*"|“[^”]*”|\[[^\]]*\]\([^)]*\)|\$[^$]*\$|<[^>]+>|https?://\S+')


def check_spelling(page: Page) -> list[Finding]:
    """English pages use US spelling; Chinese pages use “ ” rather than ASCII quotes around Chinese text.
    Quoted text, link text, math, URLs and code are not checked (paper titles keep their own spelling)."""
    out = []
    for n, line in md.prose_lines(page.doc):
        text = md.strip_inline_code(line)
        if page.lang == "en":
            bare = QUOTED_RE.sub(" ", text)
            for m in list(UK_VERB_RE.finditer(bare)) + list(UK_WORD_RE.finditer(bare)):
                word = m.group(0)
                us = UK_WORDS.get(word.lower()) or (m.group(1) + "z" + m.group(2)).lower()
                out.append(Finding(page.path, n, f"British spelling '{word}' — the site uses US spelling: '{us}' "
                                                 f"(CONTRIBUTING.md, Style)"))
        elif page.lang == "zh" and not re.match(r"\s*(!!!|\?\?\?)", text):
            bare = re.sub(r"\$[^$]*\$|<[^>]+>|\]\([^)]*\)", " ", text)
            for m in re.finditer(r'"([^"]*)"', bare):
                if CJK_RE.search(m.group(1)):
                    out.append(Finding(page.path, n, f"ASCII quotes around Chinese text {m.group(0)[:20]} — use "
                                                     f"full-width “…” on Chinese pages"))
    return out


PAGE_CHECKS: list[Callable[[Page], list[Finding]]] = [
    check_front_matter, check_headings, check_questions, check_unsafe_html, check_scrape_leftovers,
    check_footnotes, check_admonitions, check_math, check_code_fences, check_figures, check_placeholders,
    check_hand_written_backlinks, check_spelling,
]
SITE_PAGE_CHECKS: list[Callable[[Page, Site], list[Finding]]] = [check_glossary_meta, check_topic_meta, check_links]


# --------------------------------------------------------------------------------------------- whole-site checks

def check_parity(site: Site) -> list[Finding]:
    """Every page exists in both languages, with the same heading ids (same levels, same order) and the same
    language-neutral front matter (FastAPI-style translation parity)."""
    out = []
    other = {"zh": "en", "en": "zh"}
    for (lang, rel), page in sorted(site.pages.items()):
        twin = site.get(other[lang], rel)
        if twin is None:
            out.append(Finding(page.path, 1, f"no {other[lang]} twin — create docs/{other[lang]}/{rel} (every page "
                                             f"exists in both languages, with the same heading ids)"))
            continue
        if lang != DEFAULT_LANG:
            continue
        a = [(h.level, h.id) for h in page.heads]
        b = [(h.level, h.id) for h in twin.heads]
        if a != b:
            out.append(_heading_diff(page, twin))
        fa = [name for _, name, _ in figures_of(page)]
        fb = [name for _, name, _ in figures_of(twin)]
        if fa != fb:
            line = next((l for (l, n, _), m in zip(figures_of(twin), fa) if n != m), None) or 1
            out.append(Finding(twin.path, line, f"figures differ from {page.path} ({', '.join(fa) or 'none'} vs "
                                                f"{', '.join(fb) or 'none'}) — both languages show the same figures, "
                                                f"in the same order, each in its own language"))
        schema = SCHEMAS.get(page.kind, {})
        for key, fld in schema.items():
            if fld.neutral and page.meta.get(key) != twin.meta.get(key) and page.doc.meta is not None \
                    and twin.doc.meta is not None:
                out.append(Finding(twin.path, twin.line_of(key) if key in twin.meta else 1,
                                   f"front matter '{key}' differs from {page.path} — language-neutral fields must be "
                                   f"identical in both languages"))
    for s in site.stray:
        out.append(Finding(s, 1, "Markdown file outside docs/zh/ and docs/en/ — move it into a language folder"))
    return out


def _heading_diff(page: Page, twin: Page) -> Finding:
    a, b = page.heads, twin.heads
    for i in range(max(len(a), len(b))):
        ha = a[i] if i < len(a) else None
        hb = b[i] if i < len(b) else None
        if ha is None:
            return Finding(twin.path, hb.line, f"heading {{#{hb.id}}} has no counterpart in {page.path} — the zh and "
                                               f"en pages must have the same headings with the same ids")
        if hb is None:
            return Finding(twin.path, twin.heads[-1].line if twin.heads else 1,
                           f"missing heading {'#' * ha.level} … {{#{ha.id}}} (line {ha.line} of {page.path}) — "
                           f"translate it with the same id")
        if (ha.level, ha.id) != (hb.level, hb.id):
            return Finding(twin.path, hb.line, f"heading {'#' * hb.level} {{#{hb.id}}} differs from "
                                               f"{'#' * ha.level} {{#{ha.id}}} at line {ha.line} of {page.path} — "
                                               f"same headings, same levels, same ids, same order in both languages")
    raise AssertionError("no difference")


def check_unique_ids(site: Site) -> list[Finding]:
    """Question ids are unique across the whole site (they are stable public ids); each compendium question and
    seed term is covered at most once."""
    out = []
    for lang in LANGS:
        seen_q: dict[str, Page] = {}
        for page in site.of_lang(lang):
            if page.kind != "topic" or not isinstance(page.meta.get("questions"), list):
                continue
            for q in page.meta["questions"]:
                qid = q.get("id") if isinstance(q, dict) else None
                if not isinstance(qid, str):
                    continue
                if qid in seen_q and seen_q[qid] is not page:
                    out.append(Finding(page.path, page.line_of_question(qid), f"duplicate question id '{qid}' (also in "
                                                                              f"{seen_q[qid].path}) — question ids are "
                                                                              f"unique across the site"))
                seen_q.setdefault(qid, page)
    src_seen: dict[str, str] = {}
    for page in site.of_lang(DEFAULT_LANG):
        if page.kind == "topic" and isinstance(page.meta.get("questions"), list):
            for q in page.meta["questions"]:
                if not isinstance(q, dict) or not isinstance(q.get("source"), list):
                    continue
                for key in q["source"]:
                    if key in src_seen:
                        out.append(Finding(page.path, page.line_of_question(q.get("id", "")),
                                           f"source question '{key}' is already covered by {src_seen[key]} — merge "
                                           f"the duplicates into one question"))
                    src_seen.setdefault(key, f"{page.path}#{q.get('id')}")
    seed_seen: dict[str, str] = {}
    for page in site.of_lang(DEFAULT_LANG):
        if page.kind == "term":
            for sid in page.meta.get("seeds") or []:
                if sid in seed_seen:
                    out.append(Finding(page.path, page.line_of("seeds"), f"seed term '{sid}' is already covered by "
                                                                         f"{seed_seen[sid]} — one entry per term"))
                seed_seen.setdefault(sid, page.path)
    return out


SITE_CHECKS: list[Callable[[Site], list[Finding]]] = [check_parity, check_unique_ids]


def check_site(site: Site) -> list[Finding]:
    findings: list[Finding] = []
    for page in site.pages.values():
        for check in PAGE_CHECKS:
            findings += check(page)
        for check2 in SITE_PAGE_CHECKS:
            findings += check2(page, site)
    for check3 in SITE_CHECKS:
        findings += check3(site)
    return sorted(set(findings))


def coverage(site: Site) -> dict[str, Any]:
    """How much of the source material the content covers (for progress reports and tests)."""
    inv = inventory_questions()
    covered = set()
    for page in site.of_lang(DEFAULT_LANG):
        if page.kind == "topic":
            for q in page.meta.get("questions") or []:
                if isinstance(q, dict):
                    covered.update(q.get("source") or [])
    seeds = set()
    for page in site.of_lang(DEFAULT_LANG):
        if page.kind == "term":
            seeds.update(page.meta.get("seeds") or [])
    sections = defaultdict(lambda: [0, 0])
    for key, row in inv.items():
        sections[row["section_slug"]][1] += 1
        sections[row["section_slug"]][0] += key in covered
    return {
        "questions": (len(covered & set(inv)), len(inv)),
        "seed_terms": (len(seeds & set(inventory_terms())), len(inventory_terms())),
        "sections": dict(sections),
        "terms": sum(1 for p in site.of_lang(DEFAULT_LANG) if p.kind == "term"),
    }


def review_report(site: Site, today, months: int = 6) -> list[tuple[str, str | None]]:
    """Topic pages, glossary entries and guides (zh; the twin shares the date) whose `reviewed` month is more than
    `months` months before `today`, or missing: what maintainers should refresh next."""
    out = []
    limit = today.year * 12 + today.month - 1 - months
    for page in site.of_lang(DEFAULT_LANG):
        if page.kind not in ("topic", "term", "guide"):
            continue
        when = page.meta.get("reviewed")
        m = re.fullmatch(r"(\d{4})-(\d{2})", str(when)) if when else None
        if not m or int(m.group(1)) * 12 + int(m.group(2)) - 1 < limit:
            out.append((page.path, str(when) if when else None))
    return sorted(out)


def main(argv: Iterable[str] | None = None) -> int:
    import argparse
    from .model import DOCS
    ap = argparse.ArgumentParser(description="Check the knowledge base content (no build needed).")
    ap.add_argument("--docs", type=Path, default=DOCS)
    ap.add_argument("--coverage", action="store_true", help="also print coverage of the source material")
    ap.add_argument("--review-report", action="store_true",
                    help="only list the pages whose facts were not reviewed in the last 6 months (never fails)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    site = load_site(args.docs)
    if args.review_report:
        import datetime
        stale = review_report(site, datetime.date.today())
        for path, when in stale:
            print(f"{path}: last reviewed {when or 'never'} — re-check its facts and set 'reviewed: YYYY-MM'")
        print(f"{len(stale)} page(s) not reviewed in the last 6 months", file=sys.stderr)
        return 0
    findings = check_site(site)
    for f in findings:
        print(f)
    if args.coverage:
        c = coverage(site)
        print(f"coverage: questions {c['questions'][0]}/{c['questions'][1]}, seed terms "
              f"{c['seed_terms'][0]}/{c['seed_terms'][1]}, glossary entries {c['terms']}")
    print(f"{len(findings)} finding(s) in {len(site.pages)} page(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
