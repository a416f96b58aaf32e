"""Small, pure parsers for our Markdown: front matter, headings, links, footnotes, code fences, math.

They read the source text line by line (1-based line numbers of the file) and skip fenced code, so every finding
can name `file:line`. They understand exactly the Markdown subset our content uses (see CONTRIBUTING.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster

FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
ATTR_RE = re.compile(r"\s*\{(?P<attrs>[^{}]*)\}\s*$")
ID_IN_ATTRS_RE = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")
INLINE_CODE_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
# [text](target "title") and ![alt](src); the target has no spaces (we never need them) or is <...>.
LINK_RE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target><[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^(?P<name>[^\]\s]+)\]:")
FOOTNOTE_REF_RE = re.compile(r"\[\^(?P<name>[^\]\s]+)\](?!:)")
ADMONITION_RE = re.compile(r"^(?P<indent>\s*)(?P<marker>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?:\s+\"(?P<title>[^\"]*)\")?\s*$")


@dataclass
class Document:
    """A Markdown source split into front matter and body, with line bookkeeping."""

    text: str
    meta: Any = None
    meta_error: str | None = None
    meta_error_line: int = 1
    meta_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> line
    body_start: int = 1  # line number of the first body line
    body: list[str] = field(default_factory=list)
    _prose: list | None = field(default=None, repr=False)  # cache of prose_lines()
    _anchors: set | None = field(default=None, repr=False)  # cache of anchor_ids()

    def numbered_body(self) -> Iterator[tuple[int, str]]:
        for i, line in enumerate(self.body):
            yield self.body_start + i, line


def parse(text: str) -> Document:
    """Split front matter (between leading '---' lines) from the body and parse the YAML."""
    doc = Document(text=text)
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            doc.meta_error = "front matter starts with '---' but has no closing '---' line"
            doc.body_start, doc.body = 1, lines
            return doc
        raw = "\n".join(lines[1:end])
        for i in range(1, end):
            m = re.match(r"^([A-Za-z_][\w-]*)\s*:", lines[i])
            if m:
                doc.meta_lines.setdefault(m.group(1), i + 1)
        try:
            doc.meta = yaml.load(raw, Loader=_Loader) if raw.strip() else {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            doc.meta_error_line = (mark.line + 2) if mark is not None else 1
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            doc.meta_error = f"front matter is not valid YAML ({problem})"
        doc.body_start, doc.body = end + 2, lines[end + 1:]
    else:
        doc.meta, doc.body_start, doc.body = None, 1, lines
    return doc


def prose_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Body lines outside fenced code blocks (fence lines themselves excluded). Computed once per document."""
    if doc._prose is None:
        doc._prose = list(_prose_lines(doc))
    return iter(doc._prose)


def _prose_lines(doc: Document) -> Iterator[tuple[int, str]]:
    fence: tuple[str, int] | None = None
    for n, line in doc.numbered_body():
        m = FENCE_RE.match(line)
        if fence is None:
            if m:
                fence = (m.group("fence")[0], len(m.group("fence")))
                continue
            yield n, line
        else:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= fence[1] and not m.group("info").strip():
                fence = None


@dataclass
class CodeBlock:
    line: int  # line of the opening fence
    lang: str
    info: str
    code: str


def code_blocks(doc: Document) -> list[CodeBlock]:
    """Fenced code blocks with their language (first word of the info string, lowercased)."""
    out: list[CodeBlock] = []
    fence = None
    for n, line in doc.numbered_body():
        m = FENCE_RE.match(line)
        if fence is None:
            if m:
                info = m.group("info").strip()
                lang = info.split()[0].lstrip(".").lower() if info else ""
                lang = lang.strip("{}").lstrip(".")
                fence = (m.group("fence")[0], len(m.group("fence")), len(m.group("indent")), n, lang, info, [])
        else:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= fence[1] and not m.group("info").strip():
                indent = fence[2]
                code = "\n".join(l[indent:] if l[:indent].strip() == "" else l for l in fence[6])
                out.append(CodeBlock(fence[3], fence[4], fence[5], code))
                fence = None
            else:
                fence[6].append(line)
    return out


def strip_inline_code(line: str) -> str:
    """Replace inline code spans by spaces (same length, so columns stay put)."""
    return INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), line)


@dataclass
class Heading:
    line: int
    level: int
    text: str  # without the attribute list
    id: str | None  # explicit id from {#id}, if any


def headings(doc: Document) -> list[Heading]:
    out = []
    for n, line in prose_lines(doc):
        m = HEADING_RE.match(line)
        if not m:
            continue
        text, hid = m.group("text"), None
        a = ATTR_RE.search(text)
        if a:
            idm = ID_IN_ATTRS_RE.search(a.group("attrs"))
            hid = idm.group("id") if idm else None
            text = text[: a.start()].rstrip()
        out.append(Heading(n, len(m.group("hashes")), text.rstrip("#").rstrip(), hid))
    return out


def anchor_ids(doc: Document) -> set[str]:
    """Every id an anchor can point to: explicit heading ids and other attr_list ids ({#id} / {: #id})."""
    if doc._anchors is not None:
        return doc._anchors
    ids = {h.id for h in headings(doc) if h.id}
    for _, line in prose_lines(doc):
        for a in re.finditer(r"\{:?\s*([^{}]*)\}", strip_inline_code(line)):
            for idm in ID_IN_ATTRS_RE.finditer(a.group(1)):
                ids.add(idm.group("id"))
    doc._anchors = ids
    return ids


@dataclass
class Link:
    line: int
    text: str
    target: str
    image: bool


def escape_link_text(text: str) -> str:
    """Text that is safe inside [...] of a Markdown link (titles may contain brackets)."""
    return text.replace("[", "\\[").replace("]", "\\]")


def links(doc: Document) -> list[Link]:
    out = []
    for n, line in prose_lines(doc):
        for m in LINK_RE.finditer(strip_inline_code(line)):
            target = m.group("target").strip("<>")
            if m.group("text").startswith("^"):  # footnote-like, not a link
                continue
            out.append(Link(n, m.group("text"), target, bool(m.group("bang"))))
    return out


def footnotes(doc: Document) -> tuple[dict[str, int], dict[str, int]]:
    """(definitions name->line, references name->first line)."""
    defs: dict[str, int] = {}
    refs: dict[str, int] = {}
    for n, line in prose_lines(doc):
        code_free = strip_inline_code(line)
        d = FOOTNOTE_DEF_RE.match(code_free)
        if d:
            defs.setdefault(d.group("name"), n)
            code_free = code_free[d.end():]
        for r in FOOTNOTE_REF_RE.finditer(code_free):
            refs.setdefault(r.group("name"), n)
    return defs, refs


def admonitions(doc: Document) -> list[tuple[int, str, str | None]]:
    """(line, type, title) of each admonition / collapsible block."""
    out = []
    for n, line in prose_lines(doc):
        m = ADMONITION_RE.match(line)
        if m:
            out.append((n, m.group("type"), m.group("title")))
    return out


MATH_RE = re.compile(r"(?<!\\)\$\$(?P<block>.+?)(?<!\\)\$\$|(?<![\\$])\$(?!\s)(?P<inline>[^$\n]+?)(?<![\s\\])\$(?!\$)", re.S)


def math_spans(doc: Document) -> list[tuple[int, str, bool]]:
    """(line, tex, display) for $...$ and $$...$$ in prose (the syntax pymdownx.arithmatex reads)."""
    lines = list(prose_lines(doc))
    text = "\n".join(strip_inline_code(l) for _, l in lines)
    starts = []
    pos = 0
    for n, l in lines:
        starts.append((pos, n))
        pos += len(l) + 1
    out = []
    import bisect
    offsets = [s for s, _ in starts]
    for m in MATH_RE.finditer(text):
        idx = bisect.bisect_right(offsets, m.start()) - 1
        line = starts[idx][1]
        if m.group("block") is not None:
            out.append((line, m.group("block").strip(), True))
        else:
            out.append((line, m.group("inline"), False))
    return out


def sections_under(doc: Document, heads: list[Heading], level: int) -> dict[str, list[tuple[int, str]]]:
    """For each heading of `level` with an id: the body lines until the next heading of level <= `level`."""
    body = list(doc.numbered_body())
    by_line = {n: i for i, (n, _) in enumerate(body)}
    out: dict[str, list[tuple[int, str]]] = {}
    relevant = [h for h in heads if h.level <= level]
    for k, h in enumerate(relevant):
        if h.level != level or not h.id:
            continue
        start = by_line[h.line] + 1
        end = by_line[relevant[k + 1].line] if k + 1 < len(relevant) else len(body)
        out[h.id] = body[start:end]
    return out
