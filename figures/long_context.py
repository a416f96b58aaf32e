"""Long context and efficient attention.

- MLA vs MHA vs GQA KV cache (DeepSeek-AI 2024, DeepSeek-V2, arXiv:2405.04434, section 2.1 and Table 1): cached
  numbers per token and layer are MHA 2·n_h·d_h, GQA 2·n_g·d_h, MLA d_c + d_h^R; DeepSeek-V2 has n_h = 128,
  d_h = 128, d_c = 512, d_h^R = 64, 60 layers (GQA with 8 groups is drawn for comparison at the same shape);
- attention masks: full causal, sliding window (Mistral 7B, Jiang et al. 2023, arXiv:2310.06825: position i
  attends to i − W … i of the previous layer), attention sinks + recent window (StreamingLLM, Xiao et al. 2023,
  arXiv:2309.17453: keep the first 4 tokens plus a rolling window);
- RoPE scaling per frequency pair (Chen et al. 2023, PI, arXiv:2306.15595: θ_i/s; NTK-aware base b·s^(d/(d−2));
  Peng et al. 2023, YaRN, arXiv:2309.00071, NTK-by-parts with α = 1, β = 32 for LLaMA), d = 128, b = 10000,
  L = 4096, s = 16.
"""
import math

from kb.svg import Figure, text_width, tr


# ---------------------------------------------------------------------------------------------------------------
def mla_kv_compression(lang: str) -> Figure:
    n_h, d_h, g, d_c, d_r, layers = 128, 128, 8, 512, 64, 60
    rows = [
        ("MHA", tr(lang, f"{n_h} 个 K/V 头", f"{n_h} K/V heads"),
         [(f"K  {n_h}×{d_h}", "blue"), (f"V  {n_h}×{d_h}", "green")], 2 * n_h * d_h),
        ("GQA", tr(lang, f"{g} 组 K/V\n（对照）", f"{g} K/V groups\n(reference)"),
         [(f"K  {g}×{d_h}", "blue"), (f"V  {g}×{d_h}", "green")], 2 * g * d_h),
        ("MLA", tr(lang, "潜向量 +\nRoPE 键", "latent +\nRoPE key"),
         [(f"c_KV  {d_c}", "purple"), (f"k_R  {d_r}", "orange")], d_c + d_r),
    ]
    full = rows[0][3]
    f = Figure(640, 470, tr(lang, "MHA、GQA 与 MLA 每个词元每层缓存的内容和大小（DeepSeek-V2 的形状）",
                            "What MHA, GQA and MLA cache per token and layer, and how much (DeepSeek-V2 shapes)"))
    f.text(320, 26, tr(lang, "每个词元、每层缓存什么（n_h = 128，d_h = 128）",
                       "Cached per token and layer (n_h = 128, d_h = 128)"), size=17, weight="bold")
    bar_x, bar_w = 190, 430
    for k, (name, sub, parts, n) in enumerate(rows):
        y = 46 + k * 120
        f.text(16, y + 28, name, size=20, weight="bold", anchor="start")
        f.text(16, y + 54, sub, size=16, color="gray", anchor="start")
        x = bar_x
        for label, color in parts:
            w = max(118, text_width(label, 16) + 20)
            f.box(x, y + 6, w, 34, label, fill=color, size=16)
            x += w + 10
        # bar proportional to the number of cached values (MHA = full width)
        w = bar_w * n / full
        f.rect(bar_x, y + 50, max(w, 3), 20, fill="yellow", rx=2)
        per_token = n * layers * 2  # BF16 bytes over 60 layers
        size = f"{per_token / 2**20:.2f} MiB" if per_token >= 2**20 else f"{per_token / 2**10:.1f} KiB"
        f.text(bar_x, y + 94, tr(lang, f"{n:,} 个数 / 层 → {size} / 词元", f"{n:,} numbers/layer → {size}/token"),
               size=16, anchor="start", weight="bold")
    # MLA: how K and V are recovered at attention time
    f.text(16, 428, tr(lang, "MLA 用时再投影：k = W_UK·c_KV，v = W_UV·c_KV（推理时吸收进 W_UQ、W_O）",
                       "MLA up-projects k = W_UK·c_KV, v = W_UV·c_KV (absorbed into W_UQ, W_O)"),
           size=16, anchor="start", color="purple")
    f.text(16, 454, tr(lang, "每个词元：60 层、BF16；MLA 的缓存相当于 2.25 组的 GQA",
                       "Per token: 60 layers in BF16; MLA caches as much as GQA with 2.25 groups"),
           size=16, anchor="start", color="gray")
    return f


# ---------------------------------------------------------------------------------------------------------------
def sliding_window_mask(lang: str) -> Figure:
    n, cell = 12, 15
    W, sinks = 3, 2   # window: positions i-W .. i (Mistral's definition); sinks: first tokens kept

    panels = [
        (tr(lang, "全因果", "Full causal"), lambda i, j: j <= i, tr(lang, "KV 缓存 ∝ T", "KV cache ∝ T")),
        (tr(lang, "滑动窗口", "Sliding window"), lambda i, j: 0 <= i - j <= W,
         tr(lang, "KV 缓存 ≤ W+1", "KV cache ≤ W+1")),
        (tr(lang, "汇聚点 + 窗口", "Sinks + window"), lambda i, j: j <= i and (i - j <= W or j < sinks),
         tr(lang, "KV 缓存 ≤ 2+W+1", "KV cache ≤ 2+W+1")),
    ]
    f = Figure(620, 350, tr(lang, "全因果、滑动窗口、注意力汇聚点加窗口三种掩码",
                            "Full causal, sliding-window and attention-sink-plus-window masks"))
    for k, (name, visible, cost) in enumerate(panels):
        x0 = 34 + k * 200
        y0 = 56
        f.text(x0 + n * cell / 2, 30, name, size=17, weight="bold")
        for i in range(n):
            for j in range(n):
                on = visible(i, j)
                fill = "white"
                if on:
                    fill = "orange" if (k == 2 and j < sinks and i - j > W) else "blue"
                f.rect(x0 + j * cell, y0 + i * cell, cell, cell, fill=fill, rx=0, sw=0.8)
        f.text(x0 + n * cell / 2, y0 + n * cell + 26, cost, size=16, weight="bold")
    f.text(18, y0 + n * cell / 2, "i", size=16, italic=True, middle=True)
    ly = 282
    f.rect(30, ly, 18, 18, fill="blue", rx=0, sw=1)
    f.text(54, ly + 14, tr(lang, "可见（窗口 W = 3）", "visible (window W = 3)"), size=16, anchor="start")
    f.rect(250, ly, 18, 18, fill="orange", rx=0, sw=1)
    f.text(274, ly + 14, tr(lang, "汇聚点：开头词元始终保留", "sinks: first tokens always kept"), size=16,
           anchor="start")
    f.text(30, 336, tr(lang, "行 i 为查询，列 j 为被看的词元；T = 12",
                       "Row i is the query, column j the attended token; T = 12"),
           size=16, anchor="start", color="gray")
    return f


# ---------------------------------------------------------------------------------------------------------------
def _rope_stretch(s=16.0, d=128, base=10000.0, L=4096, alpha=1.0, beta=32.0):
    """Per pair i: wavelength stretch factor θ_i / θ_i' under PI, NTK-aware and YaRN (NTK-by-parts)."""
    out = {"pi": [], "ntk": [], "yarn": [], "r": []}
    base_ntk = base * s ** (d / (d - 2))
    for i in range(d // 2):
        th = base ** (-2 * i / d)
        r = L * th / (2 * math.pi)
        gamma = min(1.0, max(0.0, (r - alpha) / (beta - alpha)))
        th_yarn = (1 - gamma) * th / s + gamma * th
        out["pi"].append(s)
        out["ntk"].append(th / base_ntk ** (-2 * i / d))
        out["yarn"].append(th / th_yarn)
        out["r"].append(r)
    return out


def rope_scaling_frequencies(lang: str) -> Figure:
    data = _rope_stretch()
    f = Figure(640, 400, tr(lang, "PI、NTK-aware 与 YaRN 对 RoPE 每个频率对的波长拉伸倍数",
                            "How much PI, NTK-aware scaling and YaRN stretch the wavelength of each RoPE pair"))
    left, top, pw, ph = 70, 40, 400, 250
    n = len(data["pi"])

    def px(i):
        return left + pw * i / (n - 1)

    def py(v):  # log2 scale, 1 .. 16
        return top + ph - ph * math.log2(v) / 4.3

    # YaRN regions: r > 32 (untouched), 1 <= r <= 32 (ramp), r < 1 (fully interpolated)
    i_hi = max(i for i, r in enumerate(data["r"]) if r > 32)
    i_lo = min(i for i, r in enumerate(data["r"]) if r < 1)
    f.rect(left, top, px(i_hi) - left, ph, fill="green", stroke=None, rx=0, opacity=0.6)
    f.rect(px(i_lo), top, left + pw - px(i_lo), ph, fill="orange", stroke=None, rx=0, opacity=0.6)
    f.rect(left, top, pw, ph, fill="none", rx=0)
    for v in (1, 2, 4, 8, 16):
        f.line(left - 5, py(v), left, py(v))
        f.text(left - 9, py(v) + 6, f"×{v}", size=16, anchor="end")
    for i in (0, 16, 32, 48, 63):
        f.text(px(i), top + ph + 22, str(i), size=16)
    f.text(left + pw / 2, top + ph + 46, tr(lang, "频率对 i（左：高频，右：低频）", "pair i (left: high frequency, "
                                                                              "right: low)"), size=16)
    series = [("pi", "PI", "blue", True), ("ntk", "NTK-aware", "purple", False), ("yarn", "YaRN", "red", False)]
    for key, label, color, dash in reversed(series):  # PI last, so its dashes stay visible over YaRN at x16
        f.polyline([(px(i), py(v)) for i, v in enumerate(data[key])], color=color, sw=2.5, dash=dash)
    lx = left + pw + 18
    for k, (key, label, color, dash) in enumerate(series):
        y = top + 20 + k * 30
        f.line(lx, y, lx + 28, y, color=color, sw=2.5, dash=dash)
        f.text(lx + 36, y + 6, label, size=16, anchor="start")
    f.text(lx, top + 130, tr(lang, "绿：转满 32 圈以上", "green: > 32 turns"), size=16, anchor="start")
    f.text(lx, top + 152, tr(lang, "YaRN 不动", "YaRN leaves as is"), size=16, anchor="start")
    f.text(lx, top + 184, tr(lang, "橙：不满 1 圈", "orange: < 1 turn"), size=16, anchor="start")
    f.text(lx, top + 206, tr(lang, "YaRN 完全插值", "YaRN interpolates"), size=16, anchor="start")
    f.text(left - 50, top - 14, tr(lang, "波长拉伸倍数", "wavelength stretch"), size=16, anchor="start")
    f.text(20, 388, tr(lang, "d = 128，底数 10000，训练长度 4096，扩展 s = 16 倍（到 64K）",
                       "d = 128, base 10000, trained on 4096 tokens, extended s = 16 times (to 64K)"),
           size=16, anchor="start", color="gray")
    return f


FIGURES = {
    "mla-kv-compression": mla_kv_compression,
    "sliding-window-mask": sliding_window_mask,
    "rope-scaling-frequencies": rope_scaling_frequencies,
}
