"""The content model, defined once: languages, page kinds, front-matter schemas, ids, groups, tags.

Everything that validates, renders or indexes content (hooks/, scripts/, tests/) imports from here.
Pure data and pure functions; no MkDocs imports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA = ROOT / "data"

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# Every id (question id, heading id, glossary term id, group id, tag) is lowercase ASCII words joined by "-".
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DIFFICULTY = {
    "basic": {"zh": "基础", "en": "Basic"},
    "intermediate": {"zh": "进阶", "en": "Intermediate"},
    "advanced": {"zh": "深入", "en": "Advanced"},
}

# Topic groups of the interview questions, in reading order (see data/README.md for the section mapping).
GROUPS = {
    "basics": {"zh": "大模型基础", "en": "LLM basics"},
    "architecture": {"zh": "模型结构组件", "en": "Architecture components"},
    "model-families": {"zh": "模型家族", "en": "Model families"},
    "pretraining-data": {"zh": "预训练与数据", "en": "Pre-training and data"},
    "fine-tuning": {"zh": "微调", "en": "Fine-tuning"},
    "peft": {"zh": "参数高效微调", "en": "Parameter-efficient fine-tuning"},
    "alignment": {"zh": "对齐与 RLHF", "en": "Alignment and RLHF"},
    "training-infra": {"zh": "训练基础设施", "en": "Training infrastructure"},
    "inference": {"zh": "推理与部署", "en": "Inference and deployment"},
    "rag-agents": {"zh": "RAG 与智能体", "en": "RAG and agents"},
    "evaluation": {"zh": "评测与幻觉", "en": "Evaluation and hallucination"},
    "reasoning": {"zh": "思维链与推理能力", "en": "Chain of thought and reasoning"},
    "multimodal": {"zh": "多模态大模型", "en": "Multimodal LLMs"},
}

# Top-level sections, in navigation order, with their labels.
SECTIONS = {
    "interview": {"zh": "面试题", "en": "Interview questions"},
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "guides": {"zh": "指南", "en": "Guides"},
    "about": {"zh": "关于", "en": "About"},
}

# Conventions that the checks enforce and the renderers use.
ERRATA_TITLE = {"zh": "勘误", "en": "Erratum"}
SHORT_ANSWER = {"zh": "**简答**：", "en": "**Short answer:**"}
ALSO_ASKED = {"zh": "*也作：", "en": "*Also asked as:"}

# Text the scaffold (scripts/new_entry.py) writes for the contributor to replace. Left in a page, it is a finding:
# a pull request that only ran the scaffold is not green.
PLACEHOLDERS = {
    "term-body": {"zh": "展开说明：它解决什么问题、怎么做、关键数字和常见误解。",
                  "en": "What problem it solves, how it works, the key numbers and common misconceptions."},
    "topic-intro": {"zh": "本页导语：覆盖哪些问题、建议阅读顺序。",
                    "en": "What this page covers and in which order to read it."},
    "question-body": {"zh": "展开：为什么、怎么做、公式或代码、出处。",
                      "en": "Then: why and how, a formula or code, and the sources."},
}


@lru_cache(maxsize=None)
def tags() -> dict[str, dict[str, str]]:
    """The controlled tag vocabulary (data/tags.yml): tag -> {zh, en} labels."""
    return yaml.safe_load((DATA / "tags.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def inventory_questions() -> dict[str, dict[str, str]]:
    """Every question of the compendium: key 'section/seq' -> row of data/sources/questions.tsv."""
    lines = (DATA / "sources" / "questions.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    out = {}
    for line in lines[1:]:
        if line.strip():
            row = dict(zip(head, line.split("\t")))
            out[f"{row['section_slug']}/{row['seq']}"] = row
    return out


@lru_cache(maxsize=None)
def inventory_terms() -> dict[str, dict[str, str]]:
    """Every term the seed glossaries define: id -> row of data/sources/glossary_terms.tsv."""
    out = {}
    for line in (DATA / "sources" / "glossary_terms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            out[cols[0]] = {"term": cols[1], "aliases": cols[2], "note": cols[3] if len(cols) > 3 else ""}
    return out


# ---------------------------------------------------------------------------------------------------------------
# Page kinds: decided by the path inside a language folder (e.g. "glossary/lora.md").

def page_kind(rel: str) -> str:
    """Kind of a page from its path relative to docs/<lang>/."""
    parts = rel.split("/")
    if parts[0] == "glossary":
        return "glossary-index" if parts[-1] == "index.md" else "term"
    if parts[0] == "interview":
        if len(parts) == 3 and parts[-1] != "index.md":
            return "topic"
        return "interview-index"
    if parts[0] == "guides":
        return "guide"
    return "page"


@dataclass(frozen=True)
class Field:
    kind: str  # "str", "list", "map", "questions", "term"
    required: bool = False
    neutral: bool = False  # language-neutral: must be identical in the zh page and its en twin
    help: str = ""


COMMON = {
    "title": Field("str", True, help="the page title, in the page's language"),
    "description": Field("str", help="one plain-text sentence for search engines and link previews"),
    "tags": Field("list", neutral=True, help="tags from data/tags.yml"),
    "search": Field("map", neutral=True, help="search options, e.g. {boost: 2}"),
    "hide": Field("list", neutral=True, help="Material options: navigation, toc, footer"),
    "reviewed": Field("month", neutral=True, help="when the page's facts were last checked, YYYY-MM (e.g. 2026-12)"),
}

REVIEWED = Field("month", True, neutral=True, help="when the page's facts were last checked, YYYY-MM (e.g. 2026-12); "
                                                 "`make review-report` lists pages not reviewed for 6 months")

SCHEMAS: dict[str, dict[str, Field]] = {
    "page": dict(COMMON),
    "guide": {**COMMON, "reviewed": REVIEWED},
    "glossary-index": dict(COMMON),
    "interview-index": dict(COMMON),
    "term": {
        **COMMON,
        "term": Field("term", True, neutral=True, help="{zh: 中文名, en: English name, abbr: ABBR (optional)}"),
        "aliases": Field("list", neutral=True, help="true synonyms and other spellings of the term, both languages "
                                                     "(shown as 'also called')"),
        "keywords": Field("list", neutral=True, help="search-only words that are not names of the term (found by "
                                                      "search, never shown as 'also called')"),
        "mistranslations": Field("list", neutral=True, help="wrong names the sources use (shown as mistranslations; "
                                                             "the body's erratum explains)"),
        "summary": Field("str", True, help="one plain-text sentence, shown in hover cards"),
        "tags": Field("list", True, neutral=True, help="tags from data/tags.yml"),
        "related": Field("list", neutral=True, help="ids of related glossary entries"),
        "sources": Field("list", True, neutral=True, help="papers (with arXiv id) or official documentation"),
        "seeds": Field("list", neutral=True, help="ids from data/sources/glossary_terms.tsv covered by this entry"),
        "reviewed": REVIEWED,
    },
    "topic": {
        **COMMON,
        "group": Field("str", True, neutral=True, help="one of: " + ", ".join(GROUPS)),
        "tags": Field("list", True, neutral=True, help="tags from data/tags.yml"),
        "questions": Field("questions", True, neutral=True,
                           help="list of {id, difficulty, source: [section/seq, ...]}, one per question heading"),
        "reviewed": REVIEWED,
    },
}

QUESTION_KEYS = {"id": True, "difficulty": True, "source": True}
TERM_KEYS = {"zh": True, "en": True, "abbr": False}


def validate_meta(kind: str, meta: Any) -> list[tuple[str | None, str]]:
    """Check front matter against the schema of its page kind.

    Returns (key, message) pairs: key is the offending top-level key (to locate the line) or None.
    Only checks what can be known from the page alone; references (related terms, groups' pages) are checked elsewhere.
    """
    schema = SCHEMAS[kind]
    problems: list[tuple[str | None, str]] = []
    if not isinstance(meta, dict):
        return [(None, "front matter must be a YAML mapping (key: value lines between '---' lines)")]
    for key, field in schema.items():
        if field.required and key not in meta:
            problems.append((None, f"missing required front-matter field '{key}' — add it: {field.help}"))
    for key, value in meta.items():
        if key not in schema:
            allowed = ", ".join(schema)
            problems.append((key, f"unknown front-matter field '{key}' for a {kind} page — allowed: {allowed}"))
            continue
        problems += [(key, m) for m in _check_value(key, schema[key], value)]
    return problems


def _check_value(key: str, field: Field, value: Any) -> list[str]:
    if field.kind == "str":
        if not isinstance(value, str) or not value.strip():
            return [f"'{key}' must be a non-empty string"]
        return []
    if field.kind == "month":
        v = str(value) if isinstance(value, (str, int)) else None
        if not v or not re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", v):
            return [f"'{key}' must be a month written YYYY-MM, e.g. {key}: 2026-12 (not {value!r})"]
        return []
    if field.kind == "map":
        return [] if isinstance(value, dict) else [f"'{key}' must be a mapping"]
    if field.kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return [f"'{key}' must be a list of non-empty strings, e.g. {key}: [a, b]"]
        out = []
        if len(set(value)) != len(value):
            out.append(f"'{key}' lists the same value twice")
        if key == "tags":
            known = tags()
            out += [f"unknown tag '{t}' — use one of data/tags.yml or add it there with zh/en labels"
                    for t in value if t not in known]
        if key in ("aliases", "keywords", "mistranslations"):
            pass
        if key in ("related", "seeds"):
            out += [f"'{key}' entry '{v}' is not a valid id (lowercase ASCII words joined by '-')"
                    for v in value if not ID_RE.match(v)]
        if key == "hide":
            out += [f"'hide' entry '{v}' must be one of navigation, toc, footer"
                    for v in value if v not in ("navigation", "toc", "footer")]
        return out
    if field.kind == "term":
        if not isinstance(value, dict):
            return [f"'{key}' must be a mapping {{zh: …, en: …, abbr: …}}"]
        out = [f"'term' is missing '{k}'" for k, req in TERM_KEYS.items() if req and k not in value]
        out += [f"'term' has unknown key '{k}' (allowed: zh, en, abbr)" for k in value if k not in TERM_KEYS]
        out += [f"'term.{k}' must be a non-empty string" for k, v in value.items()
                if k in TERM_KEYS and (not isinstance(v, str) or not v.strip())]
        return out
    if field.kind == "questions":
        if not isinstance(value, list) or not value:
            return ["'questions' must be a non-empty list of {id, difficulty, source}"]
        out = []
        for i, q in enumerate(value, 1):
            where = f"questions[{i}]"
            if not isinstance(q, dict):
                out.append(f"{where} must be a mapping {{id: …, difficulty: …, source: […]}}")
                continue
            out += [f"{where} is missing '{k}'" for k, req in QUESTION_KEYS.items() if req and k not in q]
            out += [f"{where} has unknown key '{k}' (allowed: id, difficulty, source)"
                    for k in q if k not in QUESTION_KEYS]
            qid = q.get("id")
            if "id" in q and (not isinstance(qid, str) or not ID_RE.match(qid)):
                out.append(f"{where}.id '{qid}' is not a valid id (lowercase ASCII words joined by '-')")
            if "difficulty" in q and q["difficulty"] not in DIFFICULTY:
                out.append(f"{where}.difficulty '{q['difficulty']}' must be one of: {', '.join(DIFFICULTY)}")
            src = q.get("source")
            if "source" in q:
                if not isinstance(src, list) or not all(isinstance(s, str) for s in src):
                    out.append(f"{where}.source must be a list of inventory keys like [lora-family/1] (or [])")
                else:
                    inv = inventory_questions()
                    out += [f"{where}.source '{s}' is not a question of data/sources/questions.tsv "
                            f"(format: section_slug/seq)" for s in src if s not in inv]
        return out
    raise AssertionError(field.kind)
