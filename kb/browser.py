"""Driving the built site's search box in a real browser (Playwright page), shared by tests/test_browser.py and
scripts/bench_search.py so that the test and the benchmark measure exactly the same thing."""
from __future__ import annotations

import time


def open_search(page, base_url: str, lang: str, default_lang: str = "zh") -> None:
    page.goto(base_url + ("" if lang == default_lang else f"{lang}/"), wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()


def search(page, query: str) -> list[str]:
    """Type a query into the open search box; return the result links in order."""
    return search_timed(page, query)[0]


def search_timed(page, query: str) -> tuple[list[str], float]:
    """search(), plus the seconds from typing the query to the first results (or "no results") on screen."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    t0 = time.perf_counter()
    box.fill(query)
    box.press("End")
    # Results (or the "no results" message) for this query.
    page.wait_for_function("""() => document.querySelectorAll('.md-search-result__item').length > 0 ||
        /没有|No matching/.test(document.querySelector('.md-search-result__meta')?.textContent || '')""",
                           timeout=20000, polling="raf")
    elapsed = time.perf_counter() - t0
    page.wait_for_timeout(200)  # let the result list settle (Material renders it in batches)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)"), elapsed


def run_suite(page, base_url: str, queries: list[dict], default_lang: str = "zh", k: int = 5,
              canonical=lambda path: path) -> dict:
    """recall@k and MRR over queries [{lang, q, expect}]; also the results that came from the wrong language.

    `expect` is a page path under the language root. Material lists one result per page (with its matching
    sections under it): the rank is the page's position among the distinct pages, as a reader sees them.
    canonical(path) maps a result path to the page it stands for (the synthetic scale run counts copies of a page
    as that page)."""
    misses, wrong_lang, rr, latencies = [], [], [], []
    per_lang: dict[str, list[int]] = {}  # lang -> [hits, queries]
    by_lang: dict[str, list[dict]] = {}
    for q in queries:
        by_lang.setdefault(q["lang"], []).append(q)
    for lang, qs in by_lang.items():
        open_search(page, base_url, lang, default_lang)
        prefix = base_url + ("" if lang == default_lang else f"{lang}/")
        for q in qs:
            hrefs, seconds = search_timed(page, q["q"])
            latencies.append(seconds)
            pages = [canonical(h.split("#")[0].split("?")[0]) for h in hrefs]
            dedup = list(dict.fromkeys(pages))
            target = prefix + q["expect"]
            rank = dedup.index(target) + 1 if target in dedup else None
            rr.append(1 / rank if rank else 0.0)
            counts = per_lang.setdefault(lang, [0, 0])
            counts[1] += 1
            counts[0] += int(rank is not None and rank <= k)
            if rank is None or rank > k:
                misses.append(f"{lang} {q['q']!r}: expected {q['expect']} in top {k}, got "
                              f"{[p[len(prefix):] for p in dedup[:k]]}")
            other = [h for h in hrefs if (lang == default_lang) == h.startswith(base_url + "en/")]
            wrong_lang += other
    n = len(queries)
    return {"n": n, "recall": 1 - len(misses) / n if n else 0.0, "mrr": sum(rr) / n if n else 0.0,
            "misses": misses, "wrong_lang": wrong_lang, "latencies": latencies,
            "recall_by_lang": {lang: (h / n if n else 0.0, n) for lang, (h, n) in per_lang.items()}}
