"""Model families: release timeline of the open LLM families, ALiBi's bias matrix, RoPE wavelengths vs training length.

- open-llm-timeline: one row per family, one dot per major open-weight release (month of the open weights), coloured by
  the architecture of the release's largest open model. Dates and architectures, from the papers / model cards:
  LLaMA arXiv:2302.13971 (2023-02), Llama 2 arXiv:2307.09288 (2023-07), Llama 3 / 3.1 arXiv:2407.21783 (2024-04 / 07),
  Llama 4 model card and HF blog "Welcome Llama 4" (2025-04-05, MoE); Qwen arXiv:2309.16609 (2023-08), Qwen1.5
  (2024-02), Qwen2 arXiv:2407.10671 (2024-06), Qwen2.5 arXiv:2412.15115 (2024-09), Qwen3 arXiv:2505.09388 (2025-04,
  flagship 235B-A22B MoE), Qwen3-Next-80B-A3B model card (2025-09, Gated DeltaNet hybrid), Qwen3.5-397B-A17B model
  card (2026-02, Gated DeltaNet hybrid MoE); DeepSeek LLM arXiv:2401.02954 (2023-11, dense 67B), DeepSeek-V2
  arXiv:2405.04434 (2024-05, MoE), V3 arXiv:2412.19437 (2024-12), R1 arXiv:2501.12948 (2025-01), V4 preview model card
  (2026-04, MoE); ChatGLM-6B (2023-03, GLM prefix-style blank infilling, arXiv:2103.10360), ChatGLM2-6B (2023-06) and
  ChatGLM3-6B (2023-10) causal, GLM-4-9B arXiv:2406.12793 (2024-06), GLM-4.5 arXiv:2508.06471 (2025-07, MoE), GLM-5
  arXiv:2602.15763 (2026-02, MoE); Baichuan-7B (2023-06), Baichuan-13B (2023-07), Baichuan 2 arXiv:2309.10305 (2023-09),
  Baichuan-M1-14B (2025-01), Baichuan-M2-32B arXiv:2509.02208 (2025-08); Mistral 7B arXiv:2310.06825 (2023-09),
  Mixtral 8x7B arXiv:2401.04088 (2023-12), Mixtral 8x22B (2024-04), Mistral Small 3 (2025-01, dense 24B), Mistral
  Large 3 model card (2025-12, MoE 675B/41B); Gemma arXiv:2403.08295 (2024-02), Gemma 2 arXiv:2408.00118 (2024-06),
  Gemma 3 arXiv:2503.19786 (2025-03), Gemma 4 model card (2026-04; largest model 31B dense); Kimi K2 arXiv:2507.20534
  (2025-07, MoE), Kimi Linear arXiv:2510.26692 (2025-10, KDA hybrid), Kimi K3 arXiv:2607.24653 (2026-07, MoE);
  gpt-oss arXiv:2508.10925 (2025-08, MoE).
- alibi-bias-heatmap: ALiBi (Press et al., arXiv:2108.12409) adds -m·(i-j) to the score of query i and key j <= i;
  head slopes m_h = 2^(-8h/H) for H = 2^k heads; for Baichuan-13B's H = 40 the reference code takes the 32-head series
  plus every other slope of the 64-head series, so head 1 has m = 2^(-1/4).
- rope-wavelengths-llama: RoPE (Su et al., arXiv:2104.09864) rotates pair i by m·θ_i with θ_i = 10000^(-2i/d); the
  wavelength 2π/θ_i of LLaMA-1's 64 pairs (d_head = 128) against its 2048-token training length (arXiv:2302.13971);
  pairs whose wavelength exceeds the training length never complete a turn in training (Chen et al., arXiv:2306.15595).
"""
import math

from kb.svg import Figure, heat_color, text_width, tr

# --- open-llm-timeline ---------------------------------------------------------------------------------------------
# (family label, [(year, month, dot label, kind)]); kind: dense | moe | hybrid | prefix
FAMILIES = [
    ("Llama", [(2023, 2, "1", "dense"), (2023, 7, "2", "dense"), (2024, 4, "3", "dense"), (2024, 7, "3.1", "dense"),
               (2025, 4, "4", "moe")]),
    ("Qwen", [(2023, 8, "1", "dense"), (2024, 2, "1.5", "dense"), (2024, 6, "2", "dense"), (2024, 9, "2.5", "dense"),
              (2025, 4, "3", "moe"), (2025, 9, "Next", "hybrid"), (2026, 2, "3.5", "hybrid")]),
    ("DeepSeek", [(2023, 11, "LLM", "dense"), (2024, 5, "V2", "moe"), (2024, 12, "V3", "moe"), (2025, 1, "R1", "moe"),
                  (2026, 4, "V4", "moe")]),
    ("GLM", [(2023, 3, "1", "prefix"), (2023, 6, "2", "dense"), (2023, 10, "3", "dense"), (2024, 6, "4", "dense"),
             (2025, 7, "4.5", "moe"), (2026, 2, "5", "moe")]),
    ("Baichuan", [(2023, 6, "7B", "dense"), (2023, 7, "13B", "dense"), (2023, 9, "2", "dense"),
                  (2025, 1, "M1", "dense"), (2025, 8, "M2", "dense")]),
    ("Mistral", [(2023, 9, "7B", "dense"), (2023, 12, "8x7B", "moe"), (2024, 4, "8x22B", "moe"),
                 (2025, 1, "Small 3", "dense"), (2025, 12, "Large 3", "moe")]),
    ("Gemma", [(2024, 2, "1", "dense"), (2024, 6, "2", "dense"), (2025, 3, "3", "dense"), (2026, 4, "4", "dense")]),
    ("Kimi", [(2025, 7, "K2", "moe"), (2025, 10, "Linear", "hybrid"), (2026, 7, "K3", "moe")]),
    ("gpt-oss", [(2025, 8, "20b/120b", "moe")]),
]
KIND_COLOR = {"dense": "blue", "moe": "orange", "hybrid": "teal", "prefix": "purple"}
KIND_INK = {"dense": "#2f55c4", "moe": "#b45a00", "hybrid": "#00766f", "prefix": "#6a3fc1"}


def open_llm_timeline(lang: str) -> Figure:
    left, right, top, row_h = 96, 628, 56, 52
    months = 48                                     # 2023-01 .. 2026-12
    px = (right - left) / months

    def x_of(year, month):
        return left + ((year - 2023) * 12 + (month - 1) + 0.5) * px

    height = top + row_h * len(FAMILIES) + 84
    f = Figure(640, height, tr(lang, "2023 至 2026 年主要开放权重大模型家族的发布时间线，颜色表示架构",
                               "Release timeline of the main open-weight LLM families, 2023 to 2026; color shows the "
                               "architecture"))
    bottom = top + row_h * len(FAMILIES)
    for year in range(2023, 2028):
        x = left + (year - 2023) * 12 * px
        f.line(x, top - 14, x, bottom, color="gray", sw=1, dash=year not in (2023, 2027))
        if year < 2027:
            f.text(x + 6 * px, top - 22, str(year), size=17, weight="bold")
    for r, (name, releases) in enumerate(FAMILIES):
        cy = top + r * row_h + row_h / 2 + 4
        f.line(left, cy, right, cy, color="gray", sw=0.8)
        f.text(left - 8, cy + 6, name, size=16, anchor="end", weight="bold")
        placed = {"above": -1e9, "below": -1e9}      # right edge of the last label on each side
        for year, month, label, kind in releases:
            x = x_of(year, month)
            f.circle(x, cy, 6, fill=KIND_COLOR[kind], stroke=KIND_INK[kind], sw=2)
            w = text_width(label, 16)
            side = "above" if x - w / 2 > placed["above"] + 3 else "below"
            if side == "below" and x - w / 2 <= placed["below"] + 3:
                side = "above"
            placed[side] = x + w / 2
            f.text(x, cy - 10 if side == "above" else cy + 23, label, size=16)
    # legend
    ly = bottom + 34
    items = [("dense", tr(lang, "稠密", "dense")), ("moe", "MoE"),
             ("hybrid", tr(lang, "线性注意力混合", "linear-attn hybrid")), ("prefix", tr(lang, "前缀式（GLM）", "prefix (GLM)"))]
    x = 40
    for kind, label in items:
        f.circle(x, ly - 5, 6, fill=KIND_COLOR[kind], stroke=KIND_INK[kind], sw=2)
        f.text(x + 12, ly, label, size=16, anchor="start")
        x += 24 + text_width(label, 16) + 26
    f.text(320, ly + 30, tr(lang, "点 = 开放权重发布（按月）；颜色按该次发布中最大的开放模型",
                            "dot = open-weight release (by month); color = its largest open model"),
           size=16, color="gray")
    return f


# --- alibi-bias-heatmap --------------------------------------------------------------------------------------------
def alibi_slopes(n_heads: int) -> list[float]:
    """ALiBi head slopes (Press et al.); for a non-power-of-2 count, interleave as the reference code does."""
    def power_of_2(n):
        start = 2 ** (-8 / n)
        return [start ** (h + 1) for h in range(n)]
    if math.log2(n_heads).is_integer():
        return power_of_2(n_heads)
    closest = 2 ** math.floor(math.log2(n_heads))
    return power_of_2(closest) + alibi_slopes(2 * closest)[0::2][: n_heads - closest]


def alibi_bias_heatmap(lang: str) -> Figure:
    n, cell = 8, 48
    m = alibi_slopes(40)[0]                          # Baichuan-13B (40 heads), head 1: 2^(-1/4)
    assert abs(m - 2 ** -0.25) < 1e-12
    left, top = 84, 78
    f = Figure(640, top + n * cell + 88, tr(lang, "ALiBi 偏置矩阵：Baichuan-13B 第 1 个头，因果掩码下加到注意力分数上的 −m·(i−j)",
                                             "ALiBi bias matrix: Baichuan-13B head 1, the −m·(i−j) added to attention "
                                             "scores under the causal mask"))
    f.text(left + n * cell / 2, 28, tr(lang, "键位置 j", "key position j"), size=16, weight="bold")
    for j in range(n):
        f.text(left + j * cell + cell / 2, top - 12, str(j), size=16)
    f.text(30, top + n * cell / 2, tr(lang, "查\n询\n位\n置\ni", "query\ni"), size=16, middle=True, weight="bold")
    lo = -12.0                                       # colour scale: 0 = white, more negative = bluer
    for i in range(n):
        f.text(left - 10, top + i * cell + cell / 2 + 6, str(i), size=16, anchor="end")
        for j in range(n):
            x, y = left + j * cell, top + i * cell
            if j > i:
                f.rect(x, y, cell, cell, fill="gray", stroke="#ffffff", sw=1, rx=0)
                continue
            v = -m * (i - j)
            f.rect(x, y, cell, cell, fill=heat_color(v, lo, -lo), stroke="#ffffff", sw=1, rx=0)
            f.text(x + cell / 2, y + cell / 2, "0" if i == j else f"−{abs(v):.2f}", size=16, middle=True)
    f.rect(left, top, n * cell, n * cell, fill="none", rx=0)
    # notes on the right
    nx = left + n * cell + 16
    notes = [
        (tr(lang, "偏置 = −m·(i−j)", "bias = −m·(i−j)"), "bold", "black"),
        ("m_h = 2^(−8h/H)", None, "black"),
        ("", None, "black"),
        ("Baichuan-13B:", None, "black"),
        ("H = 40, h = 1", None, "black"),
        ("m = 2^(−1/4)", None, "black"),
        (f"   ≈ {m:.2f}", None, "black"),
    ]
    for k, (s_, w_, c_) in enumerate(notes):
        if s_:
            f.text(nx, top + 18 + k * 26, s_, size=16, anchor="start", weight=w_, color=c_)
    f.rect(nx, top + 210, 22, 22, fill="gray", rx=0)
    f.text(nx + 30, top + 227, tr(lang, "因果掩码", "causal"), size=16, anchor="start")
    f.text(nx + 30, top + 251, tr(lang, "（−∞）", "mask (−∞)"), size=16, anchor="start")
    y0 = top + n * cell + 36
    f.text(320, y0, tr(lang, "每行加的是同一个斜率乘以距离；分数越远越低，没有位置向量",
                       "each row adds the same slope times the distance; no position vectors"), size=16)
    f.text(320, y0 + 28, tr(lang, "第 32 个头 m = 2^(−8) ≈ 0.004，几乎不随距离衰减",
                            "head 32 has m = 2^(−8) ≈ 0.004 and barely decays with distance"), size=16, color="gray")
    return f


# --- rope-wavelengths-llama ----------------------------------------------------------------------------------------
def rope_wavelengths(lang: str) -> Figure:
    d_head, base, l_train = 128, 10000.0, 2048       # LLaMA-1
    pairs = d_head // 2
    waves = [2 * math.pi * base ** (2 * i / d_head) for i in range(pairs)]
    unseen = sum(w > l_train for w in waves)
    assert unseen == 23                              # the page's "23 of 64 pairs"
    left, right, top, bottom = 84, 616, 40, 300
    lmin, lmax = 0.0, 5.0                            # log10 of 1 .. 100,000

    def y_of(v):
        return bottom - (math.log10(v) - lmin) / (lmax - lmin) * (bottom - top)

    f = Figure(640, 392, tr(lang, "LLaMA 的 64 对 RoPE 维度的波长与 2048 训练长度的比较",
                            "Wavelengths of LLaMA's 64 RoPE dimension pairs compared with its 2,048-token training "
                            "length"))
    for k, lab in enumerate(["1", "10", "100", "1K", "10K", "100K"]):
        y = y_of(10 ** k)
        f.line(left, y, right, y, color="gray", sw=0.6, dash=True)
        f.text(left - 8, y + 5, lab, size=16, anchor="end")
    f.line(left, top, left, bottom, color="stroke", sw=1.2)
    f.line(left, bottom, right, bottom, color="stroke", sw=1.2)
    step = (right - left) / pairs
    for i, w in enumerate(waves):
        x = left + (i + 0.5) * step
        over = w > l_train
        f.line(x, bottom, x, y_of(w), color="orange" if over else "blue", sw=5)
    yl = y_of(l_train)
    f.line(left, yl, right, yl, color="red", sw=2)
    f.text(left + 8, yl - 8, tr(lang, "训练长度 2048", "training length 2,048"), size=16, anchor="start",
           color="red", weight="bold")
    x_first = left + (pairs - unseen) * step
    f.text(x_first - 10, y_of(12000),
           tr(lang, f"右侧 {unseen} 对：训练中转不满一圈 →", f"{unseen} pairs on the right never finish a turn →"),
           size=16, color="orange", weight="bold", anchor="end")
    for i in (0, 16, 32, 48, 63):
        f.text(left + (i + 0.5) * step, bottom + 22, str(i), size=16)
    f.text((left + right) / 2, bottom + 46, tr(lang, "维度对 i（θ_i = 10000^(−2i/128)）",
                                              "dimension pair i (θ_i = 10000^(−2i/128))"), size=16)
    f.text(22, (top + bottom) / 2, tr(lang, "波\n长", "λ"), size=16, middle=True, weight="bold")
    f.text((left + right) / 2, bottom + 76, tr(lang, "波长 λ_i = 2π/θ_i（对数坐标，单位：词元）",
                                              "wavelength λ_i = 2π/θ_i (log scale, in tokens)"), size=16, color="gray")
    return f


FIGURES = {
    "open-llm-timeline": open_llm_timeline,
    "alibi-bias-heatmap": alibi_bias_heatmap,
    "rope-wavelengths-llama": rope_wavelengths,
}
