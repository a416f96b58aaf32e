"""Pre-training data, Chinese adaptation and agents.

- the ReAct / tool-calling loop (Yao et al. 2022, arXiv:2210.03629: Thought, Action, Observation interleaved until a
  finish action) as LangChain 1.x's create_agent runs it (docs/*/interview/rag-agents/langchain.md: model node ->
  tool calls? -> tools node appends ToolMessages -> back to the model; no tool call ends the run; a step budget such
  as ModelCallLimitMiddleware stops endless loops);
- LangChain's 2023 concepts and their 1.x equivalents, exactly as the core-concepts table of langchain.md states
  them (LangChain v1 migration guide, docs.langchain.com/oss/python/migrate/langchain-v1: legacy chains, memory and
  AgentExecutor live in langchain-classic; create_agent replaces the agent constructors);
- the pre-training data pipeline of docs/*/interview/pretraining-data/pretraining-data.md, with the FineWeb numbers
  (Penedo et al. 2024, arXiv:2406.17557: trafilatura on WARC, fastText English score >= 0.65, C4 / Gopher rules,
  MinHash on 5-grams with 112 hashes = 14 bands x 8 rows, ~15T tokens; FineWeb-Edu: classifier score >= 3 ->
  1.3T tokens), GPT-3's 13-gram decontamination (Brown et al. 2020, arXiv:2005.14165) and Llama 3's final mix
  (arXiv:2407.21783: ~50% general, 25% math and reasoning, 17% code, 8% multilingual);
- tokens against parameters on log axes with the Chinchilla line D = 20 N (Hoffmann et al. 2022, arXiv:2203.15556;
  Chinchilla 70B / 1.4T, Gopher 280B / 300B), LLaMA-7B 6.7B / 1T (arXiv:2302.13971), Llama 3 8B / 15T and 405B /
  15.6T (arXiv:2407.21783), the values of the page's token-budget table;
- the MinHash-LSH banding S-curve P(s) = 1 - (1 - s^r)^b with FineWeb's b = 14, r = 8, threshold ~ (1/b)^(1/r)
  (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3.4; Broder 1997);
- Chinese-LLaMA's vocabulary extension (Cui et al. 2023, arXiv:2304.08177): a 20K Chinese SentencePiece BPE merged
  into LLaMA's 32,000 pieces -> 49,953, embeddings and lm_head resized, continued pre-training (20 GB / Plus 120 GB),
  instruction tuning to Chinese-Alpaca (one extra pad token: 49,954);
- tokens per Chinese character: the runnable byte-level BPE experiment of
  docs/*/interview/pretraining-data/chinese-adaptation.md, recomputed here (bytes only: 3 tokens per character,
  since common CJK characters are 3 UTF-8 bytes; with merges learned on the page's small corpus: 25 tokens for the
  43-character test sentence); the English version names the example characters by code point (U+4E2D, U+6587).
"""
import math
from collections import Counter

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=12)  # every label must fit its box (kb.svg.fits)



def _round2(v: float) -> str:
    """Two significant figures, halves rounded up (38.5 -> 39), with thousands separators."""
    if v <= 0:
        return "0"
    e = math.floor(math.log10(v)) - 1
    r = math.floor(v / 10 ** e + 0.5) * 10 ** e
    return f"{r:,.0f}" if r >= 10 else f"{r:.1f}".rstrip("0").rstrip(".")


# --- 1. ReAct / tool-calling loop --------------------------------------------------------------------------------

def react_tool_loop(lang: str) -> Figure:
    f = Figure(640, 420, tr(lang, "ReAct 工具调用循环：模型决定是否调用工具，工具结果作为观察写回，直到没有工具调用",
                            "The ReAct tool-calling loop: the model decides whether to call tools, tool results are "
                            "written back as observations, until a reply has no tool call"))
    bx, bw = 24, 256
    # user question
    f.box(bx, 16, bw, 44, _fits(tr(lang, "用户问题（HumanMessage）", "User question (HumanMessage)"), 16, bw),
          fill="gray", size=16)
    # the loop, inside the step budget
    f.rect(12, 84, 616, 226, fill="none", stroke="orange", dash=True, rx=10)
    f.text(620, 300, tr(lang, "步数上限：超出即停止（防死循环）", "step budget: stop when exceeded (no endless loops)"),
           size=16, anchor="end", color="orange")
    f.box(bx, 100, bw, 60, _fits(tr(lang, "模型（绑定了工具）\nThought：想下一步做什么",
                                    "Model (tools bound)\nThought: what to do next"), 16, bw), fill="blue", size=16)
    # decision diamond
    cx, cy, hw, hh = bx + bw / 2, 222, 104, 34
    f.polygon([(cx, cy - hh), (cx + hw, cy), (cx, cy + hh), (cx - hw, cy)], fill="yellow")
    f.text(cx, cy, _fits(tr(lang, "有工具调用？", "Tool calls?"), 16, 2 * hw - 50), size=16, middle=True, weight="bold")
    # tools
    tx, tw = 344, 280
    f.box(tx, 190, tw, 64, _fits(tr(lang, "执行工具\nAction：tool_calls（JSON 参数）", "Run the tools\nAction: tool_calls "
                                    "(JSON args)"), 16, tw), fill="green", size=16)
    # final answer
    f.box(bx, 344, bw, 60, _fits(tr(lang, "最终答案（无工具调用）\n论文中为 finish[答案]", "Final answer (no tool call)\n"
                                    "in the paper: finish[answer]"), 16, bw), fill="purple", size=16)
    # arrows
    f.arrow(cx, 60, cx, 98, sw=2)
    f.arrow(cx, 160, cx, cy - hh - 2, sw=2)
    f.arrow(cx + hw, cy, tx - 2, cy, sw=2, color="green")
    f.text((cx + hw + tx) / 2, cy - 10, tr(lang, "是", "yes"), size=16, weight="bold", color="green")
    f.arrow(cx, cy + hh, cx, 342, sw=2, color="purple")
    f.text(cx + 10, 334, tr(lang, "否", "no"), size=16, anchor="start", weight="bold", color="purple")
    # observation back to the model
    ox = tx + tw - 36
    f.path(f"M {ox} 190 L {ox} 130 L {bx + bw + 2} 130", color="blue", sw=2, arrow=True)
    for text_, y_ in ((tr(lang, "Observation：结果作为 ToolMessage", "Observation: results as ToolMessage"), 120),
                      (tr(lang, "追加到消息，回到模型", "appended, back to the model"), 152)):
        assert bx + bw + 12 + text_width(text_, 16) < ox - 8
        f.text(bx + bw + 12, y_, text_, size=16, anchor="start", color="blue")
    return f


# --- 2. LangChain 2023 -> 1.x ------------------------------------------------------------------------------------

LC_ROWS = [  # (concept zh, concept en, 2023 code, 1.x code, note zh, note en) — the page's core-concepts table
    ("模型", "Models", "langchain.llms.OpenAI", 'init_chat_model("openai:…")', "以对话模型为主", "chat models first"),
    ("链", "Chains", "LLMChain, SequentialChain", "prompt | model | parser", "LCEL 的 Runnable（langchain-core）",
     "LCEL Runnables (langchain-core)"),
    ("输出解析", "Output parsers", "PydanticOutputParser", "with_structured_output()", "智能体里用 response_format=",
     "response_format= in agents"),
    ("记忆", "Memory", "ConversationBufferMemory", "checkpointer + Store", "LangGraph：短期 + 长期记忆",
     "LangGraph: short- + long-term"),
    ("代理", "Agents", "initialize_agent(...)", "create_agent(model, tools)", "运行在 LangGraph 上，可加中间件",
     "runs on LangGraph, with middleware"),
    ("回调", "Callbacks", "verbose=True", "LangSmith", "设环境变量即可追踪", "tracing via environment variables"),
]


def langchain_2023_to_1x(lang: str) -> Figure:
    row_h, gap, top = 52, 10, 62
    h = top + len(LC_ROWS) * (row_h + gap) + 66
    f = Figure(640, h, tr(lang, "LangChain 2023 年的概念与 LangChain 1.x 中的对应物",
                          "LangChain's 2023 concepts and their equivalents in LangChain 1.x"))
    lx, lw = 12, 262
    rx, rw = 314, 314
    f.text(lx + lw / 2, 28, tr(lang, "2023 年（0.0.x）", "2023 (0.0.x)"), size=18, weight="bold")
    f.text(rx + rw / 2, 28, tr(lang, "LangChain 1.x（2025 年 10 月起）", "LangChain 1.x (since Oct 2025)"), size=18,
           weight="bold")
    for i, (czh, cen, old, new, nzh, nen) in enumerate(LC_ROWS):
        y = top + i * (row_h + gap)
        f.rect(lx, y, lw, row_h, fill="gray")
        f.text(lx + 10, y + 20, _fits(tr(lang, czh, cen), 16, lw), size=16, anchor="start", color="gray")
        f.text(lx + 10, y + 42, _fits(old, 16, lw, mono=True), size=16, anchor="start", mono=True)
        f.rect(rx, y, rw, row_h, fill="green")
        f.text(rx + 10, y + 21, _fits(new, 16, rw, mono=True), size=16, anchor="start", mono=True)
        f.text(rx + 10, y + 43, _fits(tr(lang, nzh, nen), 16, rw), size=16, anchor="start", color="gray")
        f.arrow(lx + lw + 4, y + row_h / 2, rx - 4, y + row_h / 2, sw=2)
    y = top + len(LC_ROWS) * (row_h + gap) + 4
    f.text(lx, y + 18, tr(lang, "旧的链、AgentExecutor、记忆类 → langchain-classic（仅为兼容）",
                          "old chains, AgentExecutor, memory classes → langchain-classic (compat only)"),
           size=16, anchor="start", color="orange")
    f.text(lx, y + 46, tr(lang, "基本不变：提示模板、示例选择器、检索器接口（langchain-core）",
                          "mostly unchanged: prompt templates, example selectors, retrievers (core)"),
           size=16, anchor="start", color="gray")
    assert text_width(tr(lang, "旧的链、AgentExecutor、记忆类 → langchain-classic（仅为兼容）",
                         "old chains, AgentExecutor, memory classes → langchain-classic (compat only)"), 16) < 616
    return f


# --- 3. pre-training data pipeline -------------------------------------------------------------------------------

PIPELINE = [  # (stage zh, stage en, note zh, note en) — the page's table, FineWeb / GPT-3 / Llama 3 numbers
    ("正文抽取", "Text extraction", "trafilatura 从 WARC 抽取正文", "trafilatura on raw WARC"),
    ("语言识别", "Language ID", "fastText，英文得分 ≥ 0.65", "fastText, English score ≥ 0.65"),
    ("启发式过滤", "Heuristic filters", "C4、Gopher 规则", "C4 and Gopher rules"),
    ("模型质量过滤", "Quality classifiers", "困惑度；分类器（FineWeb-Edu ≥ 3）", "perplexity; classifier (Edu ≥ 3)"),
    ("去重（精确 + MinHash）", "Dedup (exact + MinHash)", "5-gram，112 个哈希 = 14 段 × 8 行", "5-grams; 112 hashes = 14 bands × 8 rows"),
    ("隐私与安全", "PII and toxicity", "邮箱、电话、IP；有害内容", "emails, phones, IPs; toxicity"),
    ("去污染", "Decontamination", "与评测集的 13-gram 重叠（GPT-3）", "13-gram overlap with test sets"),
    ("配比与打包", "Mixing and packing", "Llama 3：通用 50%，数学推理 25%，\n代码 17%，多语言 8%",
     "Llama 3: 50% general, 25% math &\nreasoning, 17% code, 8% multilingual"),
]


def pretraining_data_pipeline(lang: str) -> Figure:
    n = len(PIPELINE)
    top, row_h, gap = 56, 38, 5
    cx, w_top, w_bot = 150, 284, 212
    note_x = 306
    last_h = 48
    bottom = top + (n - 1) * (row_h + gap) + last_h
    f = Figure(640, bottom + 104, tr(lang, "预训练数据处理流水线：从原始网页逐级过滤到训练用的 token",
                                     "The pre-training data pipeline: raw web pages filtered stage by stage into "
                                     "training tokens"))
    f.text(cx, 24, tr(lang, "原始网页（Common Crawl）", "Raw web pages (Common Crawl)"), size=17, weight="bold")
    f.text(628, 24, tr(lang, "宽度示意，非比例", "widths schematic, not to scale"), size=16, anchor="end",
           color="gray")
    f.arrow(cx, 32, cx, top - 2, sw=2)
    fills = ["blue", "blue", "teal", "teal", "orange", "red", "purple", "green"]

    def width_at(y):
        return w_top + (w_bot - w_top) * (y - top) / (bottom - top)

    for i, (szh, sen, nzh, nen) in enumerate(PIPELINE):
        y0 = top + i * (row_h + gap)
        y1 = y0 + (last_h if i == n - 1 else row_h)
        a, b = width_at(y0) / 2, width_at(y1) / 2
        f.polygon([(cx - a, y0), (cx + a, y0), (cx + b, y1), (cx - b, y1)], fill=fills[i])
        f.text(cx, (y0 + y1) / 2, _fits(tr(lang, szh, sen), 16, 2 * b), size=16, middle=True)
        note = tr(lang, nzh, nen)
        _fits(note, 16, 640 - note_x)
        f.text(note_x, (y0 + y1) / 2, note, size=16, anchor="start", middle=True, color="gray",
               line_gap=1.15)
    ob = bottom + 28
    out = tr(lang, "规模参考：FineWeb（过滤、去重后）约 15T token；\n其中教育分 ≥ 3 的 FineWeb-Edu 为 1.3T token",
             "For scale: FineWeb (filtered, deduplicated) ~15T tokens;\nFineWeb-Edu (edu score ≥ 3) keeps 1.3T of them")
    f.box(12, ob, 616, 62, _fits(out, 16, 616), fill="yellow", size=16)
    return f


# --- 4. tokens vs parameters (Chinchilla) ------------------------------------------------------------------------

MODELS = [  # (label, N, D) — the page's token-budget table and its Chinchilla/Gopher comparison
    ("Chinchilla 70B", 70e9, 1.4e12),
    ("Gopher 280B", 280e9, 300e9),
    ("LLaMA-7B", 6.7e9, 1.0e12),
    ("Llama 3 8B", 8e9, 15e12),
    ("Llama 3 405B", 405e9, 15.6e12),
]


def compute_data_scaling(lang: str) -> Figure:
    f = Figure(640, 414, tr(lang, "训练 token 数与参数量（对数坐标）：Chinchilla 的每参数 20 个 token 线与几个模型的实际配比",
                            "Training tokens against parameters (log-log): Chinchilla's 20 tokens per parameter line "
                            "and where several models sit"))
    L, R, T, B = 84, 624, 20, 334
    xlo, xhi, ylo, yhi = 9.0, 12.0, 10.0, 14.0

    def px(n):
        return L + (math.log10(n) - xlo) / (xhi - xlo) * (R - L)

    def py(d):
        return B - (math.log10(d) - ylo) / (yhi - ylo) * (B - T)

    names = {9: "1B", 10: "10B", 11: "100B", 12: "1T", 13: "10T", 14: "100T"}
    for e in range(int(xlo), int(xhi) + 1):
        x = px(10 ** e)
        f.line(x, T, x, B, color="#d0d6da", sw=1)
        f.line(x, B, x, B + 7, sw=1.5)
        f.text(x, B + 26, names[e], size=16)
        if e < xhi:
            for k in range(2, 10):                       # log minor ticks
                xm = px(k * 10 ** e)
                f.line(xm, B, xm, B + 4, sw=1)
    for e in range(int(ylo), int(yhi) + 1):
        y = py(10 ** e)
        f.line(L, y, R, y, color="#d0d6da", sw=1)
        f.line(L - 7, y, L, y, sw=1.5)
        f.text(L - 11, y + 6, {10: "10B", 11: "100B", 12: "1T", 13: "10T", 14: "100T"}[e], size=16, anchor="end")
        if e < yhi:
            for k in range(2, 10):
                ym = py(k * 10 ** e)
                f.line(L - 4, ym, L, ym, sw=1)
    f.line(L, B, R, B, sw=1.5)
    f.line(L, T, L, B, sw=1.5)
    f.text((L + R) / 2, B + 58, tr(lang, "参数量 N（对数坐标）", "parameters N (log scale)"), size=16)
    f.group(f"rotate(-90 18 {(T + B) / 2})",
            lambda g: g.text(18, (T + B) / 2 + 6, tr(lang, "训练 token 数 D（对数坐标）", "training tokens D (log scale)"),
                             size=16))
    # D = 20 N, computed
    ns = [10 ** (xlo + k * (xhi - xlo) / 60) for k in range(61)]
    f.polyline([(px(n), py(20 * n)) for n in ns], color="orange", sw=3)
    ang = math.degrees(math.atan2(py(20e9) - py(20e12), px(1e12) - px(1e9)))
    lx = px(2.2e9)
    ly = py(20 * 2.2e9) - 10
    label = tr(lang, "D = 20N（Chinchilla 最优）", "D = 20N (Chinchilla-optimal)")
    f.group(f"rotate({-ang:.2f} {lx:.1f} {ly:.1f})",
            lambda g: g.text(lx, ly, label, size=16, anchor="start", color="orange"))
    f.text(L + 12, T + 24, tr(lang, "↑ 线以上：每参数更多 token", "↑ above the line: more tokens per parameter"),
           size=16, anchor="start", color="gray")
    # points, with their tokens/parameter computed
    place = {  # label offset (dx, dy, anchor)
        "Chinchilla 70B": (12, 24, "start"),
        "Gopher 280B": (-12, 28, "end"),
        "LLaMA-7B": (0, -16, "middle"),
        "Llama 3 8B": (10, 26, "start"),
        "Llama 3 405B": (8, -14, "end"),
    }
    for name, n, d in MODELS:
        x, y = px(n), py(d)
        on_line = abs(d / n - 20) < 1e-9
        f.circle(x, y, 7, fill="orange" if on_line else "blue", stroke="black")
        dx, dy, anchor = place[name]
        ratio = _round2(d / n) if lang == "en" else _round2(d / n).replace(",", "")   # as each page writes it
        tokens = f"{d / 1e12:g}T" if d >= 1e12 else f"{d / 1e9:g}B"
        s = tr(lang, f"{name}，{tokens}（{ratio}）", f"{name}, {tokens} ({ratio})")
        wdt = text_width(s, 16)
        x0 = x + dx - {"end": wdt, "middle": wdt / 2}.get(anchor, 0)
        assert L < x0 and x0 + wdt < 640, (name, x0, wdt)
        f.text(x + dx, y + dy, s, size=16, anchor=anchor)
    f.text(R, B - 14, tr(lang, "括号内：token / 参数", "in brackets: tokens / parameter"), size=16, anchor="end",
           color="gray")
    assert abs(70e9 * 20 - 1.4e12) < 1 and 1800 < 15e12 / 8e9 < 1900 and 38 < 15.6e12 / 405e9 < 39
    return f


# --- 5. MinHash LSH S-curve --------------------------------------------------------------------------------------

def p_candidate(s: float, bands: int = 14, rows: int = 8) -> float:
    """Probability that a pair with Jaccard similarity s shares at least one of b bands of r rows."""
    return 1 - (1 - s ** rows) ** bands


def minhash_lsh_s_curve(lang: str) -> Figure:
    b, r = 14, 8
    thr = (1 / b) ** (1 / r)
    assert abs(thr - 0.719) < 0.001 and 0.77 < p_candidate(0.75) < 0.775 and 0.92 < p_candidate(0.8) < 0.93
    f = Figure(640, 384, tr(lang, "MinHash-LSH 分段的 S 形曲线：b = 14、r = 8 时，相似度约 0.72 以上的文档对大多成为候选",
                            "The MinHash-LSH banding S-curve: with b = 14 and r = 8, pairs above a similarity of "
                            "about 0.72 mostly become candidates"))
    L, R, T, B = 76, 596, 46, 300

    def px(s):
        return L + s * (R - L)

    def py(p):
        return B - p * (B - T)

    f.text((L + R) / 2, 24, tr(lang, "P(s) = 1 − (1 − s⁸)¹⁴（b = 14 段 × r = 8 行）",
                               "P(s) = 1 − (1 − s⁸)¹⁴ (b = 14 bands × r = 8 rows)"), size=17, weight="bold")
    for k in range(6):
        s = k / 5
        f.line(px(s), T, px(s), B, color="#d0d6da", sw=1)
        f.line(px(s), B, px(s), B + 6, sw=1.5)
        f.text(px(s), B + 24, f"{s:.1f}", size=16)
    for k in range(5):
        p = k / 4
        f.line(L, py(p), R, py(p), color="#d0d6da", sw=1)
        f.line(L - 6, py(p), L, py(p), sw=1.5)
        f.text(L - 10, py(p) + 6, f"{round(p * 100)}%", size=16, anchor="end")
    f.line(L, B, R, B, sw=1.5)
    f.line(L, T, L, B, sw=1.5)
    f.text((L + R) / 2, B + 52, tr(lang, "两篇文档的 Jaccard 相似度 s", "Jaccard similarity s of a pair of documents"),
           size=16)
    f.group(f"rotate(-90 18 {(T + B) / 2})",
            lambda g: g.text(18, (T + B) / 2 + 6, tr(lang, "成为候选对的概率", "P(candidate pair)"), size=16))
    # the curve, computed
    f.polyline([(px(k / 200), py(p_candidate(k / 200, b, r))) for k in range(201)], color="blue", sw=3)
    # threshold
    xt = px(thr)
    f.line(xt, T, xt, B, color="red", sw=2, dash=True)
    f.text(xt - 10, py(0.92), tr(lang, f"阈值 ≈ (1/b)^(1/r) ≈ {thr:.2f}", f"threshold ≈ (1/b)^(1/r) ≈ {thr:.2f}"),
           size=16, anchor="end", color="red")
    # the page's two points (and s = 0.5 for contrast), labelled below the curve with vertical leaders
    for s, ly in ((0.75, 0.2), (0.8, 0.42), (0.5, 0.2)):
        p = p_candidate(s, b, r)
        x, y = px(s), py(p)
        f.circle(x, y, 6, fill="orange", stroke="black")
        if s == 0.5:
            f.text(x - 12, y - 8, f"s = 0.5 → {p:.0%}", size=16, anchor="end", color="gray")
            continue
        f.line(x, y + 6, x, py(ly) - 4, color="gray", sw=1.2)
        label = f"s = {s:g} → {p:.0%}"
        assert x + 6 + text_width(label, 16) < 640
        f.text(x + 6, py(ly) + 12, label, size=16, anchor="start")
    return f


# --- 6. vocabulary extension flow --------------------------------------------------------------------------------

V_OLD, V_ZH, V_NEW = 32_000, 20_000, 49_953   # Cui et al. 2023: LLaMA, the Chinese SentencePiece model, merged


def vocab_extension_flow(lang: str) -> Figure:
    added = V_NEW - V_OLD
    assert added == 17_953 and added < V_ZH          # the Chinese pieces LLaMA already had are skipped
    steps = [
        (tr(lang, "先测量：中文字符 / 词元\n效率够高就不扩词表", "Measure chars / token first;\nefficient enough: do not extend"),
         "gray"),
        (tr(lang, "中文语料：清洗、去重、按句切分", "Chinese corpus: clean, dedup, split"), "blue"),
        (tr(lang, f"训练中文 SentencePiece BPE\n（{V_ZH:,} 个词元）", f"Train a Chinese SentencePiece BPE\n"
                                                             f"({V_ZH:,} pieces)"), "blue"),
        (tr(lang, f"合并进 LLaMA 分词器（只追加）\n{V_OLD:,} → {V_NEW:,}", f"Merge into LLaMA's tokenizer (append)\n"
                                                                   f"{V_OLD:,} → {V_NEW:,}"), "teal"),
        (tr(lang, f"扩大嵌入与 lm_head：+{added:,} 行\n新行用子词嵌入均值初始化", f"Resize embeddings + lm_head:\n"
                                                                      f"+{added:,} rows, sub-word-mean init"),
         "orange"),
        (tr(lang, "中文继续预训练\n20 GB（Plus：120 GB）", "Chinese continued pre-training\n20 GB (Plus: 120 GB)"),
         "green"),
        (tr(lang, "中文指令微调 → Chinese-Alpaca\n（加一个 pad：49,954）", "Instruction tuning → Chinese-Alpaca\n"
                                                                 "(one extra pad: 49,954)"), "purple"),
    ]
    bx, bw, bh, gap, top = 12, 340, 48, 18, 12
    h = top + len(steps) * (bh + gap) - gap + 14
    f = Figure(640, h, tr(lang, "Chinese-LLaMA 的词表扩充流程：训练中文 SentencePiece、合并词表、扩大嵌入、继续预训练、指令微调",
                          "Chinese-LLaMA's vocabulary extension: train a Chinese SentencePiece model, merge the "
                          "vocabularies, resize the embeddings, continue pre-training, instruction-tune"))
    ys = []
    for i, (label, fill) in enumerate(steps):
        y = top + i * (bh + gap)
        ys.append(y)
        f.box(bx, y, bw, bh, _fits(label, 16, bw), fill=fill, size=16, dash=(i == 0))
        if i:
            f.arrow(bx + bw / 2, y - gap, bx + bw / 2, y - 1, sw=2)
    # the embedding matrix: old rows kept, new rows appended (proportions computed)
    mx, mw = 404, 64
    m_top, m_h = ys[2] + 8, ys[6] - ys[2] - 4
    old_h = m_h * V_OLD / V_NEW
    f.text(mx + mw / 2 + 62, ys[2] - 2, _fits(tr(lang, "LLaMA-7B 嵌入（d = 4096）", "LLaMA-7B embeddings (d = 4096)"),
                                              16, 2 * (640 - (mx + mw / 2 + 62))),
           size=16, weight="bold")
    f.rect(mx, m_top, mw, old_h, fill="blue", rx=0)
    f.rect(mx, m_top + old_h, mw, m_h - old_h, fill="orange", rx=0)
    lab_x = mx + mw + 10
    f.text(lab_x, m_top + old_h / 2 - 12, tr(lang, f"{V_OLD:,} 行", f"{V_OLD:,} rows"), size=16, anchor="start",
           weight="bold")
    f.text(lab_x, m_top + old_h / 2 + 12, tr(lang, "原词表，id 不变", "original, ids kept"), size=16, anchor="start")
    f.text(lab_x, m_top + old_h + (m_h - old_h) / 2 - 12, tr(lang, f"+{added:,} 行", f"+{added:,} rows"), size=16,
           anchor="start", weight="bold")
    f.text(lab_x, m_top + old_h + (m_h - old_h) / 2 + 12, tr(lang, "新中文词元", "new Chinese pieces"), size=16,
           anchor="start")
    f.line(bx + bw + 2, ys[4] + bh / 2, mx - 4, m_top + old_h + (m_h - old_h) / 2, color="orange", sw=1.5, dash=True)
    return f


# --- 7. tokens per Chinese character: the page's byte-level BPE experiment ---------------------------------------

CORPUS = (
    "分词器决定了模型看到的基本单位。英文模型的词表主要由英文子词组成，中文字符很少，"
    "于是一个汉字常常被拆成三个字节，每个字节占用一个词元。同样一段中文，词元数变成原来的好几倍，"
    "上下文窗口能装下的文字变少，训练和推理的成本都随之上升。为了解决这个问题，"
    "可以在中文语料上训练一个新的分词模型，把常用汉字和常用词加入词表，再与原来的词表合并。"
    "合并以后，模型的输入嵌入和输出层都要扩大，新加入的词元需要通过继续预训练来学习。"
    "评价分词器的效率，最直接的办法是统计每个词元平均对应多少个字符：数值越大，编码越紧凑。"
    "中文语料在训练分词模型之前要先清洗，去掉乱码、重复的段落和过短的行，并统一全角与半角标点。"
    "这样做以后，同样的文字占用的词元更少，推理也更快；如果不扩充词表，就只能把更多算力花在字节上，"
    "模型也更难学会汉字之间的搭配。词表也不是越大越好，太大的词表会让嵌入层变大，低频词元也学不充分。"
    "合并词表以后，中文文本的编码更短，生成也更快。"
)
TEST = "中文模型的分词器要把常用汉字加入词表，这样同样的文字占用的词元更少，训练和推理也更快。"


def _apply_merge(seq, a, b):
    out, i = [], 0
    while i < len(seq):
        if i + 1 < len(seq) and seq[i] == a and seq[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(seq[i])
            i += 1
    return out


def _train_byte_bpe(text: str, num_merges: int):
    seq = [bytes([x]) for x in text.encode("utf-8")]
    merges = []
    for _ in range(num_merges):
        pairs = Counter(zip(seq, seq[1:]))
        if not pairs:
            break
        (a, b), count = pairs.most_common(1)[0]
        if count < 2:
            break
        merges.append((a, b))
        seq = _apply_merge(seq, a, b)
    return merges


def _encode(text: str, merges):
    seq = [bytes([x]) for x in text.encode("utf-8")]
    for a, b in merges:
        seq = _apply_merge(seq, a, b)
    return seq


def chinese_token_cost(lang: str) -> Figure:
    merges = _train_byte_bpe(CORPUS, 2000)
    n_chars = len(TEST)
    only_bytes, with_merges = _encode(TEST, []), _encode(TEST, merges)
    per_char = [len(only_bytes) / n_chars, len(with_merges) / n_chars]
    assert (n_chars, len(only_bytes), len(with_merges)) == (43, 129, 25)     # the page's printed result
    f = Figure(640, 380, tr(lang, "每个汉字占几个词元：只有字节的词表约 3 个，加入中文合并后不到 1 个",
                            "Tokens per Chinese character: about 3 with a bytes-only vocabulary, under 1 once "
                            "Chinese merges exist"))
    # example: one character = three UTF-8 bytes = three tokens; with merges "中文" is one token
    ch = "中"
    hexes = [f"{x:02X}" for x in ch.encode("utf-8")]
    assert len(hexes) == 3 and _encode("中文", merges) == ["中文".encode("utf-8")]
    # the English figure names the characters by code point (its labels carry no Chinese text)
    one = tr(lang, ch, "U+" + "%04X" % ord(ch))
    two = tr(lang, "中文", " ".join("U+%04X" % ord(c) for c in "中文"))
    w1, w2 = text_width(one, 18) + 24, text_width(two, 18) + 24
    f.text(12, 30, tr(lang, "字节级词表里没有中文合并时：", "Bytes only, no Chinese merges:"), size=16, anchor="start")
    f.box(12, 44, w1, 40, one, fill="white", size=18)
    x = 12 + w1
    f.arrow(x + 4, 64, x + 34, 64, sw=2)
    for k, hx in enumerate(hexes):
        f.box(x + 38 + k * 54, 44, 48, 40, hx, fill="red", size=16)
    x_note = x + 38 + 3 * 54 + 8
    note1 = tr(lang, "1 个字 = 3 个 UTF-8 字节 = 3 个词元", "1 char = 3 UTF-8 bytes = 3 tokens")
    assert x_note + text_width(note1, 16) < 636
    f.text(x_note, 70, note1, size=16, anchor="start")
    f.text(12, 116, tr(lang, "学到中文合并之后：", "With Chinese merges:"), size=16, anchor="start")
    f.box(12, 130, w2, 40, two, fill="white", size=18)
    x = 12 + w2
    f.arrow(x + 4, 150, x + 34, 150, sw=2)
    tok = tr(lang, "中文", "1 token")
    wt = text_width(tok, 18) + 24
    f.box(x + 38, 130, wt, 40, tok, fill="green", size=18)
    note2 = tr(lang, "2 个字 = 1 个词元", "2 chars = 1 token")
    assert x + 38 + wt + 12 + text_width(note2, 16) < 636
    f.text(x + 38 + wt + 12, 156, note2, size=16, anchor="start")
    # bars: tokens per character on the page's 43-character test sentence
    f.text(12, 212, tr(lang, f"本页实验：{n_chars} 字的测试句，每个字平均几个词元",
                       f"The page's experiment: tokens per character, {n_chars}-character sentence"), size=16,
           anchor="start", weight="bold")
    L, R = 140, 440
    scale = (R - L) / 3.0
    rows = [(tr(lang, "只有字节", "bytes only"), per_char[0], len(only_bytes), "red"),
            (tr(lang, "有中文合并", "with merges"), per_char[1], len(with_merges), "green")]
    for i, (name, v, ntok, fill) in enumerate(rows):
        y = 232 + i * 46
        f.text(L - 10, y + 22, name, size=16, anchor="end")
        f.rect(L, y, v * scale, 32, fill=fill, rx=3)
        val = tr(lang, f"{v:.2f}（共 {ntok} 个词元）", f"{v:.2f} ({ntok} tokens)")
        assert L + v * scale + 8 + text_width(val, 16) < 636
        f.text(L + v * scale + 8, y + 22, val, size=16, anchor="start", weight="bold")
    f.line(L, 226, L, 330, sw=1.5)
    for k in range(4):
        x = L + k * scale
        f.line(x, 324, x, 330, sw=1.5)
        f.text(x, 346, str(k), size=16)
    f.text((L + R) / 2, 372, tr(lang, "每个字的词元数", "tokens per character"), size=16, color="gray")
    return f


FIGURES = {
    "react-tool-loop": react_tool_loop,
    "langchain-2023-to-1x": langchain_2023_to_1x,
    "pretraining-data-pipeline": pretraining_data_pipeline,
    "compute-data-scaling": compute_data_scaling,
    "minhash-lsh-s-curve": minhash_lsh_s_curve,
    "vocab-extension-flow": vocab_extension_flow,
    "chinese-token-cost": chinese_token_cost,
}
