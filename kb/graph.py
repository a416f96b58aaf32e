"""The link graph of the content, computed once from the pages (never hand-maintained).

Nodes are questions (a topic page and a question id) and glossary terms. Edges come from the Markdown links inside
each question's section: question -> term (the answer links a glossary entry) and question -> question (the answer
links another question's anchor, on this page or another). From it:

- term backlinks: for each glossary entry, the questions that use it;
- related questions: for each question, the questions it links or that link it, then the questions that share the
  most (and the rarest) glossary terms with it.

Pure functions over kb.checks.Site; the hooks render the results, the tests check them.
"""
from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass, field

from . import markdown as md

QKey = tuple[str, str]  # (page rel path, question id)


@dataclass
class QuestionNode:
    rel: str
    qid: str
    title: str
    page_title: str
    order: int  # position in the site (page order, then question order): a stable tie-breaker
    terms: set[str] = field(default_factory=set)
    links: set[QKey] = field(default_factory=set)


@dataclass
class Graph:
    questions: dict[QKey, QuestionNode]

    def term_backlinks(self) -> dict[str, list[QKey]]:
        """term id -> questions whose answer links the term, in site order."""
        out: dict[str, list[QKey]] = {}
        for key, node in sorted(self.questions.items(), key=lambda kv: kv[1].order):
            for term in sorted(node.terms):
                out.setdefault(term, []).append(key)
        return out

    def related(self, k: int = 5) -> dict[QKey, list[QKey]]:
        """For each question, up to k related questions.

        Explicit links count in both directions and come first; after them, questions on other pages ranked by the
        shared glossary terms, each weighted by its rarity (idf), so that sharing 'LLM' counts for little and
        sharing 'ALiBi' for a lot. A shared-term candidate needs at least the weight of one rare term (used by ~2%
        of the questions, at least 2): one shared mid-frequency term, such as 'attention', is not enough."""
        n = max(len(self.questions), 1)
        df: dict[str, int] = {}
        for node in self.questions.values():
            for t in node.terms:
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log(n / c) for t, c in df.items()}
        linked: dict[QKey, set[QKey]] = {key: set() for key in self.questions}
        for key, node in self.questions.items():
            for other in node.links:
                if other in self.questions and other != key:
                    linked[key].add(other)
                    linked[other].add(key)
        threshold = math.log(n / max(2, n // 50))
        out: dict[QKey, list[QKey]] = {}
        for key, node in self.questions.items():
            explicit = sorted(linked[key], key=lambda o: self.questions[o].order)
            scored = []
            for other, onode in self.questions.items():
                if other == key or other in linked[key] or onode.rel == node.rel:
                    continue
                score = sum(idf[t] for t in node.terms & onode.terms)
                if score >= threshold:
                    scored.append((-score, onode.order, other))
            scored.sort()
            out[key] = (explicit + [o for _, _, o in scored])[:k]
        return out

    def related_by_page(self, k: int = 5) -> dict[str, dict[str, list[QKey]]]:
        """related(), grouped by page: page rel -> question id -> related questions."""
        out: dict[str, dict[str, list[QKey]]] = {}
        for (rel, qid), others in self.related(k).items():
            out.setdefault(rel, {})[qid] = others
        return out


def build(site, lang: str, topic_order=None) -> Graph:
    """The graph of one language. topic_order: optional sort key for topic pages (default: path)."""
    pages = [p for p in site.of_lang(lang) if p.kind == "topic"]
    pages.sort(key=topic_order or (lambda p: p.rel))
    questions: dict[QKey, QuestionNode] = {}
    raw_links: dict[QKey, list[str]] = {}
    order = 0
    for page in pages:
        here = posixpath.dirname(page.rel)
        heads = {h.id: h.text for h in page.heads if h.level == 2 and h.id}
        sections = md.sections_under(page.doc, page.heads, 2)
        for q in page.meta.get("questions") or []:
            qid = q.get("id") if isinstance(q, dict) else None
            if qid not in heads:
                continue
            node = QuestionNode(page.rel, qid, heads[qid], page.meta.get("title", ""), order)
            order += 1
            questions[(page.rel, qid)] = node
            body = md.Document(text="", body=[line for _, line in sections.get(qid, [])], body_start=1)
            for link in md.links(body):
                if link.image or "://" in link.target or link.target.startswith("mailto:"):
                    continue
                path, _, anchor = link.target.partition("#")
                if path and not path.endswith(".md"):
                    continue
                resolved = posixpath.normpath(posixpath.join(here, path)) if path else page.rel
                if resolved.startswith("glossary/") and resolved.count("/") == 1 and resolved != "glossary/index.md":
                    node.terms.add(resolved[len("glossary/"):-3])
                elif anchor and resolved.startswith("interview/"):
                    node.links.add((resolved, anchor))
    return Graph(questions)
