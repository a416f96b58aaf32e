"""Evaluation and hallucination figures.

- hallucination taxonomy after Huang et al. 2023 (arXiv:2311.05232, section 2: factuality hallucination = factual
  inconsistency / factual fabrication; faithfulness hallucination = instruction / context / logical inconsistency),
  next to the intrinsic / extrinsic split of source-grounded generation of Ji et al. 2022 (arXiv:2202.03629);
- causes by stage (data / training / inference, as in Huang et al. 2023, section 3) and the mitigations the page names:
  Gekhman et al. 2024 (arXiv:2405.05904), R-Tuning (arXiv:2311.09677), FactTune (arXiv:2311.08401), FLAME
  (arXiv:2405.01525), factual-nucleus sampling (Lee et al. 2022, arXiv:2206.04624), DoLa (arXiv:2309.03883),
  Chain-of-Verification (arXiv:2309.11495), Varshney et al. 2023 (arXiv:2307.03987);
- SelfCheckGPT (Manakul et al. 2023, arXiv:2303.08896): sentence-level inconsistency scores against N sampled answers,
  computed here with the page's own content-word-overlap example (hallucination.md, SelfCheckGPT question);
- paired comparison of two models on the same items (McNemar 1947; Miller 2024, "Adding Error Bars to Evals",
  arXiv:2411.00640): the page's 2×2 table (330 / 55 / 45 / 70 of 500), the 95% CI of the accuracy difference from
  SE = sqrt((n10 + n01)/n − Δ²)/sqrt(n), and the half-width as a function of the number of items.
"""
import math
import re

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=10)  # every label must fit its box (kb.svg.fits)
_box = functools.partial(Figure.fit_box, pad=10, check_height=False)



# --- 1. taxonomy --------------------------------------------------------------------------------------------------
def hallucination_taxonomy(lang: str) -> Figure:
    f = Figure(640, 560, tr(lang, "幻觉分类：事实性幻觉与忠实性幻觉（Huang et al., 2023），以及有源生成中的内在 / 外在幻觉（Ji et al., 2022）",
                            "Hallucination taxonomy: factuality and faithfulness hallucination (Huang et al., 2023), "
                            "and intrinsic / extrinsic hallucination of source-grounded generation (Ji et al., 2022)"))
    _box(f, 170, 12, 300, 40, tr(lang, "大模型幻觉（Huang et al., 2023）", "LLM hallucination (Huang et al., 2023)"),
         fill="gray", weight="bold")
    branches = [
        (16, "red", tr(lang, "事实性幻觉\n先问：对不对？", "Factuality\nfirst: is it true?"), [
            (tr(lang, "事实矛盾", "Factual inconsistency"),
             tr(lang, "与世界知识矛盾", "contradicts world knowledge")),
            (tr(lang, "事实捏造", "Factual fabrication"),
             tr(lang, "编造实体、事件、引用", "invents entities, citations")),
        ]),
        (330, "blue", tr(lang, "忠实性幻觉\n再问：有没有按输入来？", "Faithfulness\nthen: did it follow the input?"), [
            (tr(lang, "指令不一致", "Instruction inconsistency"),
             tr(lang, "没按用户指令做", "ignores what was asked")),
            (tr(lang, "上下文不一致", "Context inconsistency"),
             tr(lang, "与所给材料矛盾", "contradicts the given material")),
            (tr(lang, "逻辑不一致", "Logical inconsistency"),
             tr(lang, "步骤与结论自相矛盾", "steps and conclusion disagree")),
        ]),
    ]
    bw, lw = 294, 264
    for x, color, head, leaves in branches:
        f.path(f"M 320 52 L 320 64 L {x + bw / 2} 64 L {x + bw / 2} 76", sw=1.5)
        _box(f, x, 76, bw, 56, head, fill=color, weight="bold")
        for i, (name, gloss) in enumerate(leaves):
            y = 150 + i * 66
            f.path(f"M {x + 14} 132 L {x + 14} {y + 28} L {x + 30} {y + 28}", sw=1.5)
            _fits(name, 16, lw)
            _fits(gloss, 16, lw)
            f.rect(x + 30, y, lw, 56, fill=color, rx=6)
            f.text(x + 30 + lw / 2, y + 22, name, size=16, weight="bold")
            f.text(x + 30 + lw / 2, y + 45, gloss, size=16, color="gray")
    # Ji et al.: the older, source-grounded viewpoint
    top = 360
    f.rect(16, top, 608, 156, fill="none", dash=True, rx=8)
    f.text(320, top + 26, tr(lang, "Ji et al., 2022：有源生成（摘要、翻译、RAG）",
                             "Ji et al., 2022: source-grounded generation"), size=16, weight="bold")
    f.text(320, top + 50, tr(lang, "只问：与来源是否一致？", "asks only: is it consistent with the source?"),
           size=16, color="gray")
    _box(f, 36, top + 64, 276, 76, tr(lang, "内在幻觉\n与来源矛盾", "Intrinsic\ncontradicts the source"),
         fill="orange")
    _box(f, 328, top + 64, 276, 76, tr(lang, "外在幻觉\n来源无法验证\n（可能碰巧为真）",
                                      "Extrinsic\nunverifiable from the source\n(may be true by chance)"), fill="yellow")
    note = tr(lang, "视角不同、并非一一对应：忠实于过时文档 = 忠实但不符合事实",
              "Not one-to-one: faithful to an outdated document = faithful, not factual")
    _fits(note, 16, 620)
    f.text(320, top + 184, note, size=16, color="gray")
    return f


# --- 2. causes and mitigations ------------------------------------------------------------------------------------
def causes_mitigations(lang: str) -> Figure:
    f = Figure(640, 588, tr(lang, "幻觉的成因（数据、训练、解码）及页面列出的对应缓解方法",
                            "Causes of hallucination in data, training and decoding, each with the mitigation "
                            "that targets it"))
    cols = [
        (tr(lang, "数据", "Data"), [
            (tr(lang, "错误、偏见、\n过时的语料", "errors, biases,\noutdated text"),
             tr(lang, "质量过滤、去重、\n可靠来源、持续更新", "quality filtering,\nreliable sources,\nupdates")),
            (tr(lang, "长尾知识\n出现太少", "long-tail facts\nseen too rarely"),
             tr(lang, "RAG / 搜索，\n要求引用来源", "RAG / search\nwith citations")),
        ]),
        (tr(lang, "训练", "Training"), [
            (tr(lang, "最大似然、0/1 计分：\n没有“不知道”选项", "MLE, 0/1 grading:\nno \"I don't know\""),
             tr(lang, "校准与拒答\n（R-Tuning）", "calibration,\nabstention\n(R-Tuning)")),
            (tr(lang, "SFT 灌输未知知识；\nRLHF 奖励自信、\n冗长的回答", "SFT on unknown\nfacts; RLHF likes\nconfident, long\nanswers"),
             tr(lang, "不示范未知知识；\nFactTune / FLAME\n事实性 DPO", "no unknown facts\nin SFT; factuality\nDPO (FactTune,\nFLAME)")),
        ]),
        (tr(lang, "解码", "Decoding"), [
            (tr(lang, "采样随机性\n（top-p = 0.9）", "sampling\nrandomness\n(top-p = 0.9)"),
             tr(lang, "低温度 / 贪心、\n事实核采样、DoLa", "low temperature,\nfactual-nucleus\nsampling, DoLa")),
            (tr(lang, "滚雪球：\n一步错、步步错", "snowballing:\none error\nleads to more"),
             tr(lang, "生成后验证：\nCoVe、外部知识验证", "verify afterwards:\nCoVe, checks with\nexternal knowledge")),
        ]),
    ]
    cw, gap, x0 = 198, 11, 10
    for i, (head, pairs) in enumerate(cols):
        x = x0 + i * (cw + gap)
        f.rect(x, 8, cw, 532, fill="gray", rx=10, opacity=0.45)
        f.text(x + cw / 2, 36, head, size=18, weight="bold")
        for j, (cause, fix) in enumerate(pairs):
            y = 52 + j * 246
            _box(f, x + 10, y, cw - 20, 96, cause, fill="red")
            f.arrow(x + cw / 2, y + 96, x + cw / 2, y + 130, color="green", sw=2.5)
            _box(f, x + 10, y + 132, cw - 20, 96, fix, fill="green")
    f.rect(150, 556, 22, 22, fill="red", rx=4)
    f.text(180, 573, tr(lang, "成因", "cause"), size=16, anchor="start")
    f.arrow(262, 567, 302, 567, color="green", sw=2.5)
    f.rect(318, 556, 22, 22, fill="green", rx=4)
    f.text(348, 573, tr(lang, "针对它的缓解方法", "mitigation that targets it"), size=16, anchor="start")
    return f


# --- 3. SelfCheckGPT ----------------------------------------------------------------------------------------------
# The page's runnable example (hallucination.md, SelfCheckGPT question), reproduced so the numbers are computed.
_STOP = {"a", "an", "the", "in", "of", "and", "was", "is", "she", "her", "he", "his", "for", "to", "at", "on", "by",
         "with", "as", "later"}
_ANSWER = ("Marie Curie was a physicist and chemist born in Warsaw. "
           "She won the Nobel Prize in Physics in 1903 and the Nobel Prize in Chemistry in 1911. "
           "She founded the Curie Institute in Lyon in 1925.")
_SAMPLES = [
    "Marie Curie, born in Warsaw, was a physicist and chemist. She won Nobel Prizes in Physics (1903) and Chemistry "
    "(1911). She died in 1934.",
    "Born in Warsaw in 1867, Marie Curie was a chemist and physicist who won the 1903 Nobel Prize in Physics and the "
    "1911 Nobel Prize in Chemistry. She headed the Radium Institute in Paris.",
    "Marie Curie was a Polish-born physicist and chemist from Warsaw, winner of the Nobel Prize in Physics 1903 and "
    "in Chemistry 1911. She worked at the University of Paris.",
    "The physicist and chemist Marie Curie was born in Warsaw; she received the Nobel Prize in Physics in 1903 and in "
    "Chemistry in 1911, and discovered polonium and radium.",
]


def _content_words(text):
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _support_matrix():
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", _ANSWER) if s.strip()]
    rows = []
    for s in sentences:
        words = _content_words(s)
        rows.append([len(words & _content_words(smp)) / len(words) for smp in _SAMPLES])
    return rows


def selfcheck_consistency(lang: str) -> Figure:
    support = _support_matrix()
    scores = [1 - sum(r) / len(r) for r in support]
    assert [round(s, 2) for s in scores] == [0.0, 0.11, 0.75]  # the page's example prints 0.00, 0.11, 0.75
    threshold = 0.5
    f = Figure(640, 386, tr(lang, "SelfCheckGPT：把回答切成句子，与 4 个采样回答逐句比对，第三句不被支持而被标为幻觉",
                            "SelfCheckGPT: the answer is split into sentences and each is checked against 4 sampled "
                            "answers; the third sentence is not supported and is flagged"))
    sents = [tr(lang, "r₁ 物理学家、化学家，\n生于华沙", "r₁ physicist and\nchemist, born in Warsaw"),
             tr(lang, "r₂ 诺贝尔物理学奖 1903、\n诺贝尔化学奖 1911", "r₂ Nobel Prize: Physics\n1903, Chemistry 1911"),
             tr(lang, "r₃ 1925 年在里昂\n创立居里研究所", "r₃ founded the Curie\nInstitute in Lyon, 1925")]
    left, sw_, cell, score_x = 12, 204, 58, 474
    top, rh = 96, 66
    f.text(left + sw_ / 2, 30, tr(lang, "待测回答 R（贪心解码）", "answer R (greedy)"), size=16, weight="bold")
    f.text(left + sw_ / 2, 54, tr(lang, "按句切分", "split into sentences"), size=16, color="gray")
    mx = left + sw_ + 12
    f.text(mx + 2 * cell, 30, tr(lang, "N = 4 个采样回答", "N = 4 sampled answers"), size=16, weight="bold")
    f.text(mx + 2 * cell, 54, tr(lang, "每格：该句内容词的覆盖率", "cell: share of words covered"), size=16,
           color="gray")
    for k in range(4):
        f.text(mx + k * cell + cell / 2, top - 12, f"S{k + 1}", size=16, weight="bold")
    f.text(score_x + 60, 30, tr(lang, "不一致分", "score s"), size=16, weight="bold")
    f.text(score_x + 60, 54, "1 − " + tr(lang, "平均覆盖率", "mean"), size=16, color="gray")
    bar_w = 100
    for i, (label, row, s) in enumerate(zip(sents, support, scores)):
        y = top + i * rh
        bad = s > threshold
        _box(f, left, y, sw_, rh - 8, label, fill="red" if bad else "white", stroke="red" if bad else "stroke")
        for k, v in enumerate(row):
            f.box(mx + k * cell, y, cell - 4, rh - 8, f"{v:.2f}", fill="green" if v >= threshold else "red",
                  size=16)
        # score bar on a 0..1 scale
        f.rect(score_x, y + 8, bar_w, rh - 24, fill="white", rx=3)
        if s > 0:
            f.rect(score_x, y + 8, bar_w * s, rh - 24, fill="red" if bad else "orange", rx=3)
        f.text(score_x + bar_w + 6, y + (rh - 8) / 2, f"{s:.2f}", size=16, anchor="start", middle=True,
               weight="bold" if bad else None, color="red" if bad else "black")
    # threshold line
    tx = score_x + bar_w * threshold
    f.line(tx, top - 4, tx, top + 3 * rh - 4, color="red", sw=2, dash=True)
    f.text(tx, top + 3 * rh + 16, tr(lang, "阈值 0.5", "threshold 0.5"), size=16, color="red")
    f.text(12, 336, tr(lang, "r₃ 在各样本中都找不到支持 → 标为可能的幻觉", "r₃ finds no support in the samples → "
                                                                "flagged as a likely hallucination"),
           size=16, anchor="start", color="red", weight="bold")
    f.text(12, 366, tr(lang, "一致性此处用内容词重叠（页面示例）；论文用 BERTScore、QA、NLI 等",
                       "consistency here = word overlap (page's example); the paper uses NLI, QA, …"),
           size=16, anchor="start", color="gray")
    return f


# --- 4. paired comparison -----------------------------------------------------------------------------------------
def paired_benchmark_ci(lang: str) -> Figure:
    n_both, n_a, n_b, n_neither = 330, 55, 45, 70  # the page's contingency table
    n = n_both + n_a + n_b + n_neither
    assert n == 500
    delta = (n_a - n_b) / n
    disc = (n_a + n_b) / n

    def half_width(items):  # 1.96 · SE with the page's paired formula, same Δ and discordance
        return 1.96 * math.sqrt(disc - delta ** 2) / math.sqrt(items)

    acc_a, acc_b = (n_both + n_a) / n, (n_both + n_b) / n

    def half_width_unpaired(items):
        return 1.96 * math.sqrt((acc_a * (1 - acc_a) + acc_b * (1 - acc_b)) / items)

    hw = half_width(n)
    lo, hi = delta - hw, delta + hw
    assert abs(hw - 0.039) < 0.001 and lo < 0 < hi
    assert abs(half_width_unpaired(n) - 0.053) < 0.001
    n_disc = n_a + n_b  # exact two-sided McNemar test on the discordant items, as in the page's code
    p_value = min(1.0, 2 * sum(math.comb(n_disc, i) for i in range(min(n_a, n_b) + 1)) / 2 ** n_disc)
    assert round(p_value, 2) == 0.37
    n_needed = 1.96 ** 2 * (disc - delta ** 2) / delta ** 2  # where the half-width falls to the 2-point gap
    assert 1900 < n_needed < 1930

    f = Figure(640, 600, tr(lang, "配对比较两个模型：500 题上的 2×2 表，差值的 95% 置信区间跨过 0，以及置信区间半宽随题数缩小",
                            "Paired comparison of two models: the 2×2 table on 500 items, the 95% confidence interval "
                            "of the difference crossing zero, and how its half-width shrinks with the number of items"))
    # 2x2 table
    tx, ty, c = 100, 66, 78
    f.text(tx + c, 24, tr(lang, "模型 B →", "model B →"), size=16, weight="bold")
    f.text(tx + c / 2, 54, tr(lang, "对", "right"), size=16)
    f.text(tx + 1.5 * c, 54, tr(lang, "错", "wrong"), size=16)
    f.text(tx - 10, 54, tr(lang, "模型 A ↓", "model A ↓"), size=16, weight="bold", anchor="end")
    f.text(tx - 10, ty + c / 2 + 6, tr(lang, "对", "right"), size=16, anchor="end")
    f.text(tx - 10, ty + 1.5 * c + 6, tr(lang, "错", "wrong"), size=16, anchor="end")
    cells = [(0, 0, n_both, "gray", ""), (0, 1, n_a, "orange", "n₁₀"),
             (1, 0, n_b, "blue", "n₀₁"), (1, 1, n_neither, "gray", "")]
    for r, col, v, fill, name in cells:
        x, y = tx + col * c, ty + r * c
        f.rect(x, y, c, c, fill=fill, rx=0, sw=2 if name else 1.2)
        f.text(x + c / 2, y + (34 if name else c / 2 + 7), str(v), size=20, weight="bold")
        if name:
            f.text(x + c / 2, y + 60, name, size=16, color="gray")
    f.text(tx + c, ty + 2 * c + 24, tr(lang, f"不一致：{n_a + n_b} 题 = {disc:.0%}", f"discordant: {n_a + n_b} = "
                                                                                f"{disc:.0%}"),
           size=16, color="orange")

    # CI of the difference
    ax0, ax1 = 320, 624
    vmin, vmax = -4.0, 8.0

    def vx(pts):
        return ax0 + (pts - vmin) / (vmax - vmin) * (ax1 - ax0)

    def signed(v):
        return f"{v:+.1f}".replace("-", "−")

    f.text((ax0 + ax1) / 2, 24, tr(lang, "A − B 的差值（百分点）", "A − B (points)"), size=16, weight="bold")
    f.text((ax0 + ax1) / 2, 50, tr(lang, f"A {acc_a:.0%}，B {acc_b:.0%}", f"A {acc_a:.0%}, B {acc_b:.0%}"),
           size=16, color="gray")
    ay = 146
    f.line(ax0, ay, ax1, ay, color="gray", sw=1.2)
    for t in range(int(vmin), int(vmax) + 1, 2):
        f.line(vx(t), ay - 5, vx(t), ay + 5, color="gray", sw=1.2)
        f.text(vx(t), ay + 24, signed(t).replace(".0", "") if t else "0", size=16, color="gray")
    f.line(vx(0), 70, vx(0), ay + 6, color="red", sw=2, dash=True)
    f.line(vx(lo * 100), 106, vx(hi * 100), 106, color="blue", sw=4)
    for v in (lo, hi):
        f.line(vx(v * 100), 96, vx(v * 100), 116, color="blue", sw=3)
    f.circle(vx(delta * 100), 106, 6, fill="blue", stroke="blue")
    f.text(vx(delta * 100), 88, signed(delta * 100), size=16, weight="bold", color="blue")
    f.text(vx(lo * 100), 88, signed(lo * 100), size=16, color="blue")
    f.text(vx(hi * 100), 88, signed(hi * 100), size=16, color="blue")
    f.text((ax0 + ax1) / 2, 200, tr(lang, f"95% CI ±{hw * 100:.1f}，包含 0：不显著", f"95% CI ±{hw * 100:.1f} "
                                                                                 f"contains 0: not significant"),
           size=16, color="red", weight="bold")
    f.text((ax0 + ax1) / 2, 224, tr(lang, f"（McNemar p ≈ {p_value:.2f}）", f"(McNemar p ≈ {p_value:.2f})"), size=16, color="gray")

    # half-width vs number of items (log x axis)
    px0, px1, py0, py1 = 64, 612, 306, 530  # plot box: x left/right, y top/bottom
    nmin, nmax, ymax = 200, 10000, 9.0

    def X(items):
        return px0 + (math.log10(items) - math.log10(nmin)) / (math.log10(nmax) - math.log10(nmin)) * (px1 - px0)

    def Y(pts):
        return py1 - pts / ymax * (py1 - py0)

    f.text(320, 276, tr(lang, "95% CI 半宽 1.96·SE 随题数 n 缩小（Δ 与不一致率不变）",
                        "95% CI half-width 1.96·SE vs items n (same Δ, 20% discordant)"), size=16, weight="bold")
    f.line(px0, py1, px1, py1, sw=1.2)
    f.line(px0, py0, px0, py1, sw=1.2)
    for t in (0, 3, 6, 9):
        f.line(px0 - 5, Y(t), px0, Y(t), sw=1.2)
        f.text(px0 - 8, Y(t) + 6, f"±{t}" if t else "0", size=16, anchor="end", color="gray")
    for t, lab in ((200, "200"), (500, "500"), (1000, "1k"), (2000, "2k"), (5000, "5k"), (10000, "10k")):
        f.line(X(t), py1, X(t), py1 + 5, sw=1.2)
        f.text(X(t), py1 + 24, lab, size=16, color="gray")
    f.text(px1, py1 + 52, tr(lang, "题数 n（对数轴）", "items n (log scale)"), size=16, anchor="end", color="gray")
    steps = 60
    ns = [10 ** (math.log10(nmin) + k / steps * (math.log10(nmax) - math.log10(nmin))) for k in range(steps + 1)]
    f.polyline([(X(m), Y(half_width_unpaired(m) * 100)) for m in ns], color="gray", sw=2, dash=True)
    f.polyline([(X(m), Y(half_width(m) * 100)) for m in ns], color="blue", sw=3)
    f.line(px0, Y(delta * 100), px1, Y(delta * 100), color="red", sw=2, dash=True)
    f.text(px0 + 8, Y(delta * 100) + 22, tr(lang, "差距 = 2 个点", "gap = 2 points"), size=16, anchor="start",
           color="red")
    # markers: n = 500 (paired and unpaired) and where the paired half-width falls to the gap
    f.circle(X(n), Y(hw * 100), 5, fill="blue", stroke="blue")
    f.text(X(n) - 10, Y(hw * 100) + 26, tr(lang, f"配对 ±{hw * 100:.1f}", f"paired ±{hw * 100:.1f}"), size=16,
           anchor="end", color="blue", weight="bold")
    uw = half_width_unpaired(n) * 100
    f.circle(X(n), Y(uw), 5, fill="gray", stroke="gray")
    f.text(X(n) + 10, Y(uw) - 14, tr(lang, f"不配对 ±{uw:.1f}", f"unpaired ±{uw:.1f}"), size=16, anchor="start",
           color="gray")
    rounded = round(n_needed, -2)
    f.circle(X(n_needed), Y(delta * 100), 5, fill="red", stroke="red")
    f.line(X(n_needed), Y(delta * 100) - 6, X(n_needed), Y(6.2), color="red", sw=1.2, dash=True)
    f.text(X(n_needed) - 6, Y(6.2) - 8, tr(lang, f"n ≈ {rounded:,.0f} 起才显著", f"significant from n ≈ "
                                                                                f"{rounded:,.0f}"),
           size=16, anchor="start", color="red")
    return f


FIGURES = {
    "hallucination-taxonomy": hallucination_taxonomy,
    "hallucination-causes-mitigations": causes_mitigations,
    "selfcheck-consistency": selfcheck_consistency,
    "paired-benchmark-ci": paired_benchmark_ci,
}
