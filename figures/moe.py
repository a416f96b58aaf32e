"""Mixture of experts: the MoE layer that replaces a Transformer block's FFN (Shazeer et al. 2017, arXiv:1701.06538;
Fedus et al. 2021, arXiv:2101.03961; shared + fine-grained routed experts as in DeepSeekMoE, Dai et al. 2024,
arXiv:2401.06066, and DeepSeek-V3, arXiv:2412.19437) and expert parallelism's two all-to-all exchanges (dispatch and
combine; Lepikhin et al. 2020, GShard, arXiv:2006.16668)."""
from kb.svg import Figure, tr

GPU_COLORS = ["blue", "green", "orange", "purple"]


def moe_layer(lang: str) -> Figure:
    # One token u enters the MoE sub-layer: the router scores all N = 8 routed experts, the top-2 (E3, E6) run with
    # gates g = 0.7 / 0.3 (renormalized over the chosen two), the shared expert always runs, and the outputs are
    # summed and added to the residual: h = u + FFN_shared(u) + sum_i g_i FFN_i(u)  (DeepSeekMoE, eq. 9-11).
    f = Figure(640, 440, tr(lang, "MoE 层：路由器为一个词元选出 2 个专家，与共享专家的输出加权求和",
                            "An MoE layer: the router picks 2 experts for one token; their weighted outputs are "
                            "summed with the shared expert's"))
    # --- left: the Transformer block, its FFN replaced by the MoE layer ----------------------------------------------
    f.text(92, 30, tr(lang, "Transformer 块", "Transformer block"), size=17, weight="bold")
    f.rect(12, 44, 160, 300, fill="none", dash=True, rx=10)
    f.text(92, 74, tr(lang, "输入", "input"), size=16, color="gray")
    f.arrow(92, 82, 92, 100)
    f.box(26, 102, 132, 64, tr(lang, "RMSNorm\n+ 注意力", "RMSNorm\n+ attention"), fill="blue", size=16)
    f.text(92, 190, tr(lang, "+ 残差", "+ residual"), size=16, color="gray")
    f.arrow(92, 166, 92, 176)
    f.arrow(92, 198, 92, 214)
    f.box(26, 216, 132, 70, tr(lang, "RMSNorm\n+ MoE 层", "RMSNorm\n+ MoE layer"), fill="orange", size=16,
          stroke="orange")
    f.text(92, 310, tr(lang, "+ 残差", "+ residual"), size=16, color="gray")
    f.arrow(92, 286, 92, 296)
    f.text(92, 336, tr(lang, "× L 层", "× L layers"), size=16, color="gray")
    f.text(92, 372, tr(lang, "（取代稠密 FFN）", "(replaces the"), size=16, color="orange")
    if lang != "zh":
        f.text(92, 394, "dense FFN)", size=16, color="orange")
    # zoom lines from the MoE box to the right panel
    f.line(158, 216, 196, 44, color="orange", dash=True)
    f.line(158, 286, 196, 424, color="orange", dash=True)
    f.rect(196, 44, 436, 380, fill="none", stroke="orange", rx=10, dash=True)

    # --- right: inside the MoE layer ---------------------------------------------------------------------------------
    f.box(330, 56, 170, 36, tr(lang, "词元的隐状态 u", "token hidden state u"), fill="gray", size=16)
    f.box(364, 122, 254, 40, tr(lang, "路由器：打分，取 top-2", "router: score, take top-2"), fill="yellow", size=16)
    f.arrow(450, 92, 450, 120)
    # experts row: 1 shared + 8 routed
    ey, eh = 216, 56
    f.box(208, ey, 72, eh, tr(lang, "共享\n专家", "shared\nexpert"), fill="green", size=16, stroke="green")
    f.path("M 360 92 L 244 92 L 244 214", color="green", sw=2, arrow=True)
    f.text(252, 156, tr(lang, "总是激活", "always on"), size=16, color="green", anchor="start")
    chosen = {2: 0.7, 5: 0.3}
    ex0, ew, gap = 296, 36, 4
    centers = []
    for i in range(8):
        x = ex0 + i * (ew + gap)
        cx = x + ew / 2
        centers.append(cx)
        on = i in chosen
        f.rect(x, ey, ew, eh, fill="orange" if on else "gray", stroke="red" if on else "gray", sw=2.5 if on else 1.2)
        f.text(cx, ey + eh / 2, f"E{i + 1}", size=16, middle=True, weight="bold" if on else None,
               color="black" if on else "gray")
    f.text(624, ey + eh + 26, tr(lang, "8 个路由专家", "8 routed experts"), size=16, color="gray", anchor="end")
    f.text(624, ey + eh + 48, tr(lang, "（只算选中的 2 个）", "(only 2 run)"), size=16, color="gray", anchor="end")
    for i, g in chosen.items():
        f.arrow(450 + (i - 3.5) * 18, 162, centers[i], ey - 2, color="red", sw=2)
        f.text(centers[i] + (-30 if i < 4 else 30), 196, f"g={g}", size=16, color="red", weight="bold")
    # combine
    sx, sy = 420, 352
    f.circle(sx, sy, 20, fill="white", stroke="stroke", sw=2)
    f.text(sx, sy, "Σ", size=20, middle=True, weight="bold")
    f.path(f"M 244 {ey + eh} L 244 {sy} L {sx - 22} {sy}", color="green", sw=2, arrow=True)
    for i, g in chosen.items():
        f.arrow(centers[i], ey + eh + 2, sx + (i - 3.5) * 5, sy - 21, color="red", sw=2)
    f.text(sx, 404, tr(lang, "h = u + 共享(u) + Σ gᵢ·Eᵢ(u)", "h = u + shared(u) + Σ gᵢ·Eᵢ(u)"), size=17,
           weight="bold")
    return f


def expert_parallel(lang: str) -> Figure:
    # 4 GPUs, 8 experts (E0..E7), 2 per GPU; each GPU holds 4 tokens of its own data-parallel batch. For clarity each
    # token goes to one expert (top-1); dest[i][p] = GPU that holds the expert of token p on GPU i. Colours = origin GPU.
    dest = [[0, 2, 1, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 1, 2, 0]]
    f = Figure(640, 470, tr(lang, "专家并行：两次 all-to-all 把词元派发到专家所在的 GPU，再合并回原 GPU",
                            "Expert parallelism: two all-to-all exchanges dispatch tokens to the GPUs that hold their "
                            "experts and combine the results back"))
    col0, cw, step = 168, 106, 118
    rows = {"attn": 48, "expert": 206, "back": 364}
    rh = 64

    def token_x(gpu, slot):
        return col0 + gpu * step + 17 + slot * 24

    # the exchanges first, from box edge to box edge, so that the boxes drawn next sit on top of them
    for i in range(4):
        for p, j in enumerate(dest[i]):
            # dispatch: token p on GPU i -> GPU j, arriving in slot i; combine: back the same way
            f.line(token_x(i, p), rows["attn"] + rh, token_x(j, i), rows["expert"], color=GPU_COLORS[i], sw=1.6)
            f.line(token_x(j, i), rows["expert"] + rh + 10, token_x(i, p), rows["back"], color=GPU_COLORS[i],
                   sw=1.6, dash=True)
    for g in range(4):
        x = col0 + g * step
        f.text(x + cw / 2, 30, f"GPU {g}", size=17, weight="bold")
        f.rect(x, rows["attn"], cw, rh, fill="white", stroke="stroke")
        f.rect(x, rows["expert"], cw, rh + 10, fill=GPU_COLORS[g], stroke=GPU_COLORS[g], sw=2)
        f.text(x + cw / 2, rows["expert"] + 56, f"E{2 * g}, E{2 * g + 1}", size=16, weight="bold")
        f.rect(x, rows["back"], cw, rh, fill="white", stroke="stroke")
        for p in range(4):
            # own tokens before dispatch and after combine
            for key in ("attn", "back"):
                f.circle(token_x(g, p), rows[key] + rh / 2, 8, fill=GPU_COLORS[g], stroke=GPU_COLORS[g], sw=2)
            # received tokens: slot = origin GPU
            f.circle(token_x(g, p), rows["expert"] + 22, 8, fill=GPU_COLORS[p], stroke=GPU_COLORS[p], sw=2)
    # row labels
    f.text(8, rows["attn"] + 28, tr(lang, "注意力", "attention"), size=16, anchor="start", weight="bold")
    f.text(8, rows["attn"] + 50, tr(lang, "（各卡自己的词元）", "(own tokens)"), size=16, anchor="start",
           color="gray")
    f.text(8, 150, tr(lang, "① 派发", "① dispatch"), size=16, anchor="start", weight="bold", color="red")
    f.text(8, 172, "all-to-all", size=16, anchor="start", color="red")
    f.text(8, rows["expert"] + 32, tr(lang, "专家 FFN", "expert FFN"), size=16, anchor="start", weight="bold")
    f.text(8, rows["expert"] + 54, tr(lang, "（收到各卡的词元）", "(tokens from all"), size=16, anchor="start",
           color="gray")
    if lang != "zh":
        f.text(8, rows["expert"] + 74, "GPUs)", size=16, anchor="start", color="gray")
    f.text(8, 318, tr(lang, "② 合并", "② combine"), size=16, anchor="start", weight="bold", color="red")
    f.text(8, 340, "all-to-all", size=16, anchor="start", color="red")
    f.text(8, rows["back"] + 28, tr(lang, "加权求和", "weighted sum"), size=16, anchor="start", weight="bold")
    f.text(8, rows["back"] + 50, tr(lang, "→ 下一层", "→ next layer"), size=16, anchor="start", color="gray")
    f.text(320, 458, tr(lang, "每词元每个 MoE 层：派发 k·d 个数，合并 k·d 个数（图中 k = 1）",
                        "per token and MoE layer: k·d values out, k·d values back (k = 1 here)"),
           size=16, color="gray")
    return f


FIGURES = {"moe-layer": moe_layer, "expert-parallel-all-to-all": expert_parallel}
