"""Architecture components.

- sinusoidal position encoding (Vaswani et al. 2017, arXiv:1706.03762, section 3.5):
  PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d));
- RoPE (Su et al. 2021, arXiv:2104.09864): each 2-D pair of q/k is rotated by pos·θ_i, so q_m·k_n depends on m − n;
- attention mask patterns (Raffel et al. 2019, T5, arXiv:1910.10683, Figure 3): fully visible, causal, causal
  with prefix;
- Post-LN vs Pre-LN (Xiong et al. 2020, arXiv:2002.04745) vs DeepNorm (Wang et al. 2022, arXiv:2203.00555:
  x_{l+1} = LN(α·x_l + G(x_l)), α > 1, sub-layer weights initialised scaled by β < 1);
- SwiGLU FFN (Shazeer 2020, arXiv:2002.05202; as in LLaMA: W2(SiLU(W1 x) ⊙ W3 x)).
"""
import math

from kb.svg import Figure, heat_color, tr


def sinusoidal_pe(lang: str) -> Figure:
    n_pos, d = 48, 32
    cell_w, cell_h = 12, 6
    left, top = 92, 46
    w = left + d * cell_w + 120
    h = top + n_pos * cell_h + 58
    f = Figure(w, h, tr(lang, "正弦位置编码热力图：行是位置，列是维度", "Sinusoidal position encoding: rows are positions, "
                                                               "columns are dimensions"))
    f.text(left + d * cell_w / 2, 26, tr(lang, "PE(pos, i)，d = 32", "PE(pos, i), d = 32"), size=16, weight="bold")
    for pos in range(n_pos):
        for i in range(d):
            angle = pos / (10000 ** ((i // 2 * 2) / d))
            v = math.sin(angle) if i % 2 == 0 else math.cos(angle)
            f.rect(left + i * cell_w, top + pos * cell_h, cell_w, cell_h, fill=heat_color(v), stroke=None, rx=0)
    f.rect(left, top, d * cell_w, n_pos * cell_h, fill="none", rx=0)
    # axes
    for pos in (0, 16, 32, 47):
        f.text(left - 8, top + pos * cell_h + cell_h / 2 + 5, str(pos), size=16, anchor="end")
    for i in (0, 8, 16, 24, 31):
        f.text(left + i * cell_w + cell_w / 2, top + n_pos * cell_h + 20, str(i), size=16)
    f.text(left + d * cell_w / 2, top + n_pos * cell_h + 44,
           tr(lang, "维度 i（左：高频，右：低频）", "dimension i (left: high frequency, right: low)"), size=16)
    f.text(24, top + n_pos * cell_h / 2, tr(lang, "位置", "position"), size=16, middle=True)
    # legend
    lx = left + d * cell_w + 30
    for k in range(21):
        v = 1 - k / 10
        f.rect(lx, top + 40 + k * 8, 20, 8, fill=heat_color(v), stroke=None, rx=0)
    f.rect(lx, top + 40, 20, 168, fill="none", rx=0)
    f.text(lx + 28, top + 48, "+1", size=16, anchor="start")
    f.text(lx + 28, top + 128, "0", size=16, anchor="start")
    f.text(lx + 28, top + 210, "−1", size=16, anchor="start")
    return f


def rope_rotation(lang: str) -> Figure:
    f = Figure(640, 330, tr(lang, "RoPE：把查询和键的每个二维分量对按位置旋转，点积只取决于相对位置",
                            "RoPE rotates each 2-D pair of the query and key by an angle proportional to position; "
                            "their dot product depends only on the relative position"))
    cx, cy, r = 130, 170, 105
    f.line(cx - r - 10, cy, cx + r + 10, cy, color="gray", sw=1)
    f.line(cx, cy + r + 10, cx, cy - r - 10, color="gray", sw=1)
    f.path(f"M {cx + r} {cy} A {r} {r} 0 1 0 {cx - r} {cy} A {r} {r} 0 1 0 {cx + r} {cy}", color="gray", sw=1,
           dash=True)
    base = math.radians(15)
    theta = math.radians(22)
    m, n = 4, 1  # positions of the query and the key

    def vec(angle, length, color, label, dx=0, dy=0):
        x, y = cx + length * math.cos(angle), cy - length * math.sin(angle)
        f.arrow(cx, cy, x, y, color=color, sw=2.5)
        f.text(x + 10 * math.cos(angle) + dx, y - 10 * math.sin(angle) + dy, label, size=17, color=color,
               weight="bold")

    vec(base, 85, "gray", "q", dx=4)
    vec(base + m * theta, 92, "purple", "R(mθ)q", dx=-6, dy=-4)
    vec(base - math.radians(75), 80, "gray", "k", dx=8)
    vec(base - math.radians(75) + n * theta, 88, "green", "R(nθ)k", dx=30, dy=10)
    a1 = base - math.radians(75) + n * theta
    a2 = base + m * theta
    rr = 40
    f.path(f"M {cx + rr * math.cos(a1):.2f} {cy - rr * math.sin(a1):.2f} A {rr} {rr} 0 0 0 "
           f"{cx + rr * math.cos(a2):.2f} {cy - rr * math.sin(a2):.2f}", color="orange", sw=2)
    f.text(262, 60, tr(lang, "位置 m 的查询旋转 mθ", "query at position m: rotate by mθ"), size=16, anchor="start",
           color="purple")
    f.text(262, 90, tr(lang, "位置 n 的键旋转 nθ", "key at position n: rotate by nθ"), size=16, anchor="start",
           color="green")
    f.text(262, 140, tr(lang, "两者夹角多了 (m − n)θ：", "the angle between them grows by (m − n)θ:"), size=16,
           anchor="start", color="orange")
    f.text(262, 172, "⟨R(mθ)q, R(nθ)k⟩ = ⟨q, R((n−m)θ)k⟩", size=16, anchor="start")
    f.text(270, 244, tr(lang, "d 维向量分成 d/2 对，", "a d-dim vector is split into d/2 pairs,"), size=16,
           anchor="start")
    f.text(270, 272, tr(lang, "第 i 对的频率 θᵢ = 10000^(−2i/d)", "pair i uses θᵢ = 10000^(−2i/d)"), size=16,
           anchor="start")
    return f


def attention_masks(lang: str) -> Figure:
    n = 6
    cell = 22
    f = Figure(620, 352, tr(lang, "三种注意力掩码：全可见、因果、带前缀的因果", "Three attention mask patterns: fully "
                                                                     "visible, causal, and causal with a prefix"))
    panels = [
        (tr(lang, "全可见", "Fully visible"), tr(lang, "编码器\n（BERT、T5 编码器）", "encoder\n(BERT, T5 encoder)"),
         lambda i, j: True),
        (tr(lang, "因果", "Causal"), tr(lang, "因果解码器\n（GPT、LLaMA）", "causal decoder\n(GPT, LLaMA)"),
         lambda i, j: j <= i),
        (tr(lang, "带前缀的因果", "Causal with prefix"), tr(lang, "前缀解码器\n（前缀为 3 个 token）",
                                                        "prefix decoder\n(prefix of 3 tokens)"),
         lambda i, j: j <= i or j < 3),
    ]
    for k, (name, who, visible) in enumerate(panels):
        x0 = 22 + k * 202
        y0 = 100
        f.text(x0 + n * cell / 2 + 24, 24, name, size=17, weight="bold")
        f.text(x0 + n * cell / 2 + 24, 48, who, size=16, color="gray")
        for i in range(n):
            for j in range(n):
                on = visible(i, j)
                f.rect(x0 + 24 + j * cell, y0 + i * cell, cell, cell, fill="blue" if on else "white", rx=0, sw=1)
                if on and k == 2 and j < 3:
                    f.rect(x0 + 24 + j * cell, y0 + i * cell, cell, cell, fill="orange", rx=0, sw=1)
        f.text(x0 + 24 + n * cell / 2, y0 + n * cell + 24, tr(lang, "被看的位置 j →", "attended position j →"), size=16)
        f.text(x0 + 14, y0 + n * cell / 2, "i", size=16, italic=True, middle=True)
    f.rect(22, 290, 18, 18, fill="blue", rx=0, sw=1)
    f.text(46, 304, tr(lang, "可见", "visible"), size=16, anchor="start")
    f.rect(130, 290, 18, 18, fill="white", rx=0, sw=1)
    f.text(154, 304, tr(lang, "被遮住", "masked"), size=16, anchor="start")
    f.rect(250, 290, 18, 18, fill="orange", rx=0, sw=1)
    f.text(274, 304, tr(lang, "前缀（双向可见）", "prefix (bidirectional)"), size=16, anchor="start")
    f.text(22, 338, tr(lang, "行 i 为查询位置。编码器-解码器：编码器全可见，解码器因果",
                       "Row i is the query. Encoder-decoder: encoder fully visible, decoder causal"),
           size=16, anchor="start", color="gray")
    return f


def ln_placement(lang: str) -> Figure:
    f = Figure(630, 400, tr(lang, "Post-LN、Pre-LN 与 DeepNorm 的残差块", "Residual blocks of Post-LN, Pre-LN and "
                                                                        "DeepNorm"))
    cols = [("Post-LN", tr(lang, "原始 Transformer、BERT", "original Transformer, BERT")),
            ("Pre-LN", tr(lang, "GPT-2 之后的大多数 LLM", "most LLMs since GPT-2")),
            ("DeepNorm", tr(lang, "Post-LN，残差 ×α", "Post-LN, residual ×α"))]
    for k, (name, who) in enumerate(cols):
        cx = 105 + k * 205
        f.text(cx, 28, name, size=18, weight="bold")
        f.text(cx, 50, who, size=16, color="gray")
        bw = 120
        if k == 1:
            f.box(cx - bw / 2, 300, bw, 34, "LayerNorm", fill="yellow", size=16)
            f.box(cx - bw / 2, 220, bw, 38, tr(lang, "注意力 / FFN", "Attn / FFN"), fill="blue", size=16)
            f.circle(cx, 150, 14, fill="white")
            f.text(cx, 150, "+", size=18, middle=True)
            f.arrow(cx, 370, cx, 334)
            f.arrow(cx, 300, cx, 258)
            f.arrow(cx, 220, cx, 164)
            f.arrow(cx, 136, cx, 80)
            f.path(f"M {cx} 356 L {cx + 80} 356 L {cx + 80} 150 L {cx + 16} 150", arrow=True)
            f.text(cx + 86, 250, tr(lang, "恒等\n通路", "identity\npath"), size=16, anchor="start", color="green")
        else:
            f.box(cx - bw / 2, 290, bw, 38, tr(lang, "注意力 / FFN", "Attn / FFN"), fill="blue", size=16)
            f.circle(cx, 220, 14, fill="white")
            f.text(cx, 220, "+", size=18, middle=True)
            f.box(cx - bw / 2, 132, bw, 34, "LayerNorm", fill="yellow", size=16)
            f.arrow(cx, 370, cx, 328)
            f.arrow(cx, 290, cx, 234)
            f.arrow(cx, 206, cx, 166)
            f.arrow(cx, 132, cx, 80)
            f.path(f"M {cx} 350 L {cx + 80} 350 L {cx + 80} 220 L {cx + 16} 220", arrow=True)
            if k == 2:
                f.text(cx + 74, 290, "×α", size=17, anchor="end", color="orange", weight="bold")
                f.text(cx - 8, 352, tr(lang, "初始化 ×β", "init ×β"), size=16, anchor="end", color="orange")
        f.text(cx, 392, "xₗ", size=17, italic=True)
        f.text(cx, 72, "xₗ₊₁", size=17, italic=True)
    return f


def swiglu_ffn(lang: str) -> Figure:
    f = Figure(560, 300, tr(lang, "SwiGLU 前馈层：门控分支经 Swish 后与线性分支逐元素相乘，再投影回 d 维",
                            "SwiGLU feed-forward layer: a gate branch passed through Swish is multiplied element-wise "
                            "with a linear branch, then projected back to d dimensions"))
    f.box(20, 125, 70, 44, "x (d)", fill="gray", size=16)
    f.box(140, 50, 120, 44, "W₁ (gate)", fill="blue", size=16)
    f.box(140, 200, 120, 44, "W₃ (up)", fill="blue", size=16)
    f.box(300, 50, 100, 44, "Swish", fill="green", size=16)
    f.circle(350, 222, 18, fill="white")
    f.text(350, 222, "⊙", size=20, middle=True)
    f.box(420, 125, 120, 44, "W₂ (down)", fill="blue", size=16)
    f.arrow(90, 140, 138, 78)
    f.arrow(90, 155, 138, 220)
    f.arrow(260, 72, 298, 72)
    f.arrow(260, 222, 330, 222)
    f.arrow(350, 94, 350, 202)
    f.arrow(368, 214, 418, 160)
    f.text(200, 120, "d → d_ff", size=16, color="gray")
    f.text(480, 195, "d_ff → d", size=16, color="gray")
    f.text(280, 280, "FFN(x) = W₂ (Swish(W₁x) ⊙ W₃x)，常取 d_ff ≈ 8d/3" if lang == "zh"
           else "FFN(x) = W₂ (Swish(W₁x) ⊙ W₃x), often d_ff ≈ 8d/3", size=16)
    return f


FIGURES = {
    "sinusoidal-pe-heatmap": sinusoidal_pe,
    "rope-rotation": rope_rotation,
    "attention-masks": attention_masks,
    "ln-placement": ln_placement,
    "swiglu-ffn": swiglu_ffn,
}
