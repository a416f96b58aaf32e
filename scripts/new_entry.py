#!/usr/bin/env python3
"""Scaffold a new glossary term or interview question in both languages, with valid front matter and ids.

    python scripts/new_entry.py term rope --zh 旋转位置编码 --en "Rotary Position Embedding" --abbr RoPE \
        --summary-zh "一种用旋转矩阵编码位置的方法，使注意力分数只依赖相对位置。" \
        --summary-en "A position encoding that rotates queries and keys so attention depends on relative position." \
        --tag position-encoding --source "Su et al. (2021). RoFormer. arXiv:2104.09864"

    python scripts/new_entry.py question architecture/attention-variants what-is-gqa \
        --zh "什么是 GQA？" --en "What is GQA?" --difficulty intermediate \
        --answer-zh "GQA 让多个查询头共享一组键值头……" --answer-en "GQA lets groups of query heads share one key/value head…"

Refuses to overwrite: an existing term id, or a question id used anywhere on the site. Regenerates the indexes
afterwards. Then write the explanation, formula and example, and run `make test`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from kb.checks import load_site  # noqa: E402
from kb.model import DIFFICULTY, GROUPS, ID_RE, LANGS, PLACEHOLDERS, SHORT_ANSWER, tags  # noqa: E402


class ScaffoldError(Exception):
    pass


def this_month() -> str:
    """The review date a new entry starts with: the month it is written in (front matter `reviewed`)."""
    import datetime
    return datetime.date.today().strftime("%Y-%m")


def _dump(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000).strip()


def term_files(docs: Path, tid: str, zh: str, en: str, abbr: str | None, summary: dict[str, str],
               tag_list: list[str], sources: list[str], aliases: list[str]) -> dict[Path, str]:
    if not ID_RE.match(tid):
        raise ScaffoldError(f"term id '{tid}' must be lowercase ASCII words joined by '-'")
    for lang in LANGS:
        if (docs / lang / "glossary" / f"{tid}.md").exists():
            raise ScaffoldError(f"docs/{lang}/glossary/{tid}.md already exists — edit it instead")
    unknown = [t for t in tag_list if t not in tags()]
    if unknown:
        raise ScaffoldError(f"unknown tag(s) {unknown} — use data/tags.yml or add them there")
    if not sources:
        raise ScaffoldError("give at least one --source (paper with arXiv id, or official documentation)")
    term = {"zh": zh, "en": en, **({"abbr": abbr} if abbr else {})}
    out = {}
    for lang in LANGS:
        name = abbr or (zh if lang == "zh" else en)
        # Site convention: "中文（English）" / "English", or with an abbreviation "ABBR（中文）" / "ABBR (English)".
        title = (f"{abbr}（{zh}）" if abbr else f"{zh}（{en}）") if lang == "zh" else (f"{abbr} ({en})" if abbr else en)
        meta = {"title": title, "term": term, "aliases": aliases, "summary": summary[lang], "tags": tag_list,
                "related": [], "sources": sources, "seeds": [], "reviewed": this_month()}
        head = "详解" if lang == "zh" else "Explanation"
        lead = f"**{name}**{'：' if lang == 'zh' else ': '}{summary[lang]}"
        body = PLACEHOLDERS["term-body"][lang]
        out[docs / lang / "glossary" / f"{tid}.md"] = f"---\n{_dump(meta)}\n---\n\n{lead}\n\n## {head} {{#explanation}}\n\n{body}\n"
    return out


def question_edit(docs: Path, topic: str, qid: str, text: dict[str, str], difficulty: str,
                  answer: dict[str, str], site=None) -> dict[Path, str]:
    group, _, name = topic.partition("/")
    if group not in GROUPS or not ID_RE.match(name or "-"):
        raise ScaffoldError(f"topic must be <group>/<topic-id> with group one of {', '.join(GROUPS)}")
    if not ID_RE.match(qid):
        raise ScaffoldError(f"question id '{qid}' must be lowercase ASCII words joined by '-'")
    if difficulty not in DIFFICULTY:
        raise ScaffoldError(f"difficulty must be one of {', '.join(DIFFICULTY)}")
    site = site or load_site(docs)
    for page in site.pages.values():
        if page.kind == "topic" and any(isinstance(q, dict) and q.get("id") == qid
                                        for q in page.meta.get("questions") or []):
            raise ScaffoldError(f"question id '{qid}' is already used in {page.path} — ids are unique site-wide")
    out = {}
    for lang in LANGS:
        path = docs / lang / "interview" / group / f"{name}.md"
        section = (f"## {text[lang]} {{#{qid}}}\n\n{SHORT_ANSWER[lang]}{'' if lang == 'zh' else ' '}{answer[lang]}\n\n"
                   f"{PLACEHOLDERS['question-body'][lang]}\n")
        if path.exists():
            raw = path.read_text(encoding="utf-8")
            out[path] = f"{add_question_entry(raw, qid, difficulty).rstrip()}\n\n{section}"
        else:
            title = name.replace("-", " ")
            meta = {"title": title, "group": group, "tags": ["llm"],
                    "questions": [{"id": qid, "difficulty": difficulty, "source": []}], "reviewed": this_month()}
            out[path] = f"---\n{_dump(meta)}\n---\n\n{PLACEHOLDERS['topic-intro'][lang]}\n\n{section}"
    return out


def add_question_entry(raw: str, qid: str, difficulty: str) -> str:
    """Append one entry to the front matter's `questions:` list, in the style the file already uses (flow
    `- {id: …}` or block `- id: …`), without rewriting anything else: a new question is a small diff."""
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ScaffoldError("the topic page has no front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    start = next((i for i in range(1, end or 0) if lines[i].startswith("questions:")), None)
    if end is None or start is None:
        raise ScaffoldError("the topic page's front matter has no 'questions:' list")
    last = start
    for i in range(start + 1, end):
        if lines[i].strip() and not lines[i].startswith((" ", "-")):
            break  # the next top-level key
        if lines[i].strip():
            last = i
    items = [l for l in lines[start + 1:last + 1] if l.lstrip().startswith("- ")]
    indent = items[0][: len(items[0]) - len(items[0].lstrip())] if items else "  "
    if items and items[0].lstrip().startswith("- {"):
        new = [f"{indent}- {{id: {qid}, difficulty: {difficulty}, source: []}}"]
    else:
        new = [f"{indent}- id: {qid}", f"{indent}  difficulty: {difficulty}", f"{indent}  source: []"]
    return "\n".join(lines[:last + 1] + new + lines[last + 1:])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="kind", required=True)
    t = sub.add_parser("term", help="a new glossary entry")
    t.add_argument("id")
    t.add_argument("--zh", required=True)
    t.add_argument("--en", required=True)
    t.add_argument("--abbr")
    t.add_argument("--summary-zh", required=True)
    t.add_argument("--summary-en", required=True)
    t.add_argument("--tag", action="append", default=[], required=True,
                   help="a tag from data/tags.yml (repeat the option for several tags)")
    t.add_argument("--source", action="append", default=[], required=True,
                   help="a paper with arXiv id or an official doc (repeat the option for several sources)")
    t.add_argument("--alias", action="append", default=[],
                   help="another name people search for (repeat the option for several aliases)")
    q = sub.add_parser("question", help="a new question on a topic page (created if missing)")
    q.add_argument("topic", help="<group>/<topic>, e.g. peft/lora-family")
    q.add_argument("id")
    q.add_argument("--zh", required=True, help="the question in Chinese")
    q.add_argument("--en", required=True, help="the question in English")
    q.add_argument("--difficulty", default="basic", choices=list(DIFFICULTY))
    q.add_argument("--answer-zh", required=True, help="the short answer (1-3 sentences)")
    q.add_argument("--answer-en", required=True)
    ap.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    ap.add_argument("--no-index", action="store_true", help="do not regenerate the indexes")
    args = ap.parse_args(argv)
    try:
        if args.kind == "term":
            files = term_files(args.docs, args.id, args.zh, args.en, args.abbr,
                               {"zh": args.summary_zh, "en": args.summary_en}, args.tag, args.source,
                               args.alias)
        else:
            files = question_edit(args.docs, args.topic, args.id, {"zh": args.zh, "en": args.en},
                                  args.difficulty, {"zh": args.answer_zh, "en": args.answer_en})
    except ScaffoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(args.docs.parent) if path.is_relative_to(args.docs.parent) else path}")
    if not args.no_index:
        from kb import index
        root = args.docs.parent
        for path, content in index.generate(root).items():
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    print("next: write the explanation in both languages, then run `make test`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
