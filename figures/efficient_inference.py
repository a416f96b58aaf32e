"""Efficient inference beyond the basics (docs/*/interview/inference/efficient-inference.md).

- pd-disaggregation: colocated serving, where a new request's prefill runs in the same iteration as the running
  decodes and stalls them, vs prefill/decode disaggregation: a router, a pool of prefill instances (compute-bound,
  tuned for TTFT), the KV cache of each prompt shipped to a pool of decode instances (memory-bound, tuned for TPOT).
  After DistServe (Zhong et al. 2024, arXiv:2401.09670), Splitwise (Patel et al. 2023, arXiv:2311.18677) and
  Mooncake (Qin et al. 2024, arXiv:2407.00079). The timing of the colocated row is the page's calculator
  (Llama-3.1-70B, 8 x H100, an 8k-token prefill ~315 ms against a ~17 ms decode step at batch 64), drawn to scale.
- eagle-vs-draft-model: where the draft comes from. A separate small model with its own embeddings and LM head
  (Leviathan et al. 2023, arXiv:2211.17192); an EAGLE draft head: one decoder layer that takes the target's
  top-layer feature and the embedding of the next token, reuses the target's LM head and runs autoregressively
  at the feature level (Li et al. 2024, arXiv:2401.15077; EAGLE-3 fuses low/mid/high-layer features and predicts
  tokens directly, arXiv:2503.01840); DeepSeek-V3's MTP module: the main model's hidden state and the embedding of
  the next token, concatenated after RMSNorm and projected, go through one Transformer block with the shared
  embedding and output head, trained with the model, used as a one-token draft at inference (arXiv:2412.19437).
- smoothquant-migration: per-channel max |X| and max |W| of a synthetic layer before and after SmoothQuant with
  alpha = 0.5, computed here: s_j = sqrt(max|X_j| / max|W_j|), after which both maxima equal
  sqrt(max|X_j| * max|W_j|) (Xiao et al. 2022, arXiv:2211.10438, Eq. 4 and Figure 4).
"""
import math
import random

from kb.svg import Figure, text_width, tr

# --- the page's PD calculator (Llama-3.1-70B on one 8 x H100 instance) ------------------------------------------------
N, LAYERS, D_MODEL = 70.6e9, 80, 8192
KV_TOKEN = 2 * LAYERS * 8 * 128 * 2
TP, MFU, BW_EFF = 8, 0.5, 0.7


def _prefill_s(L: int) -> float:
    return (2 * N * L + 2 * LAYERS * D_MODEL * L ** 2) / (TP * 989e12 * MFU)


def _decode_s(batch: int, ctx: int) -> float:
    return (2 * N + batch * ctx * KV_TOKEN) / (TP * 3.35e12 * BW_EFF)


# --- 1. colocated vs disaggregated -----------------------------------------------------------------------------------

def pd_disaggregation(lang: str) -> Figure:
    t_p = _prefill_s(8192) * 1e3
    t_d = _decode_s(64, 8192 + 256) * 1e3
    assert 300 < t_p < 330 and 16 < t_d < 18          # the page: ~315 ms and ~17 ms
    f = Figure(640, 470, tr(lang, "共置部署与 PD 分离：prefill 打断 decode，对比 prefill 实例把 KV 缓存传给 decode 实例",
                            "Colocated serving vs prefill/decode disaggregation: a prefill stalls the decodes, vs "
                            "prefill instances shipping the KV cache to decode instances"))
    # (a) colocated timeline, to scale: x px per ms
    f.text(20, 28, tr(lang, "(a) 共置：同一组 GPU 既做 prefill 也做 decode", "(a) Colocated: the same GPUs run prefill and decode"),
           size=17, weight="bold", anchor="start")
    x0, y0, h = 20, 44, 38
    scale = 600 / (8 * t_d + t_p)
    x = x0
    for i in range(8):
        if i == 4:
            w = t_p * scale
            f.box(x, y0, w, h, tr(lang, f"新请求的 prefill（约 {t_p:.0f} ms）", f"new request's prefill (~{t_p:.0f} ms)"),
                  fill="orange", size=16)
            x += w
        w = t_d * scale
        f.box(x, y0, w, h, "D", fill="blue", size=16)
        x += w
    f.text(20, y0 + h + 24, tr(lang, f"D = 一个 decode 步（约 {t_d:.0f} ms）；正在生成的请求在 prefill 期间全部停顿",
                               f"D = one decode step (~{t_d:.0f} ms); every running request stalls during the prefill"),
           size=16, anchor="start", color="gray")
    # (b) disaggregated
    f.text(20, 160, tr(lang, "(b) PD 分离：两个实例池，各自选并行方式和 batch",
                       "(b) Disaggregated: two pools, each with its own parallelism and batch"),
           size=17, weight="bold", anchor="start")
    f.box(20, 240, 96, 64, tr(lang, "路由", "router"), fill="gray", size=17)
    px, pw = 160, 150
    f.box(px, 186, pw, 52, tr(lang, "prefill 实例", "prefill instance"), fill="orange", size=16)
    f.box(px, 246, pw, 52, tr(lang, "prefill 实例", "prefill instance"), fill="orange", size=16)
    f.text(px + pw / 2, 324, tr(lang, "算力密集", "compute-bound"), size=16, weight="bold")
    f.text(px + pw / 2, 346, tr(lang, "调并行以满足 TTFT", "tuned for TTFT"), size=16, color="gray")
    dx, dw = 470, 150
    f.box(dx, 186, dw, 52, tr(lang, "decode 实例", "decode instance"), fill="blue", size=16)
    f.box(dx, 246, dw, 52, tr(lang, "decode 实例", "decode instance"), fill="blue", size=16)
    f.text(dx + dw / 2, 324, tr(lang, "带宽密集", "bandwidth-bound"), size=16, weight="bold")
    f.text(dx + dw / 2, 346, tr(lang, "大 batch 满足 TPOT", "tuned for TPOT"), size=16, color="gray")
    f.arrow(116, 262, px - 2, 214)
    f.arrow(116, 280, px - 2, 272)
    # KV transfer arrows
    f.arrow(px + pw + 2, 212, dx - 4, 212, color="purple", sw=2.5)
    f.arrow(px + pw + 2, 272, dx - 4, 272, color="purple", sw=2.5)
    f.text((px + pw + dx) / 2, 240, tr(lang, "KV 缓存", "KV cache"), size=16, color="purple", weight="bold")
    f.text((px + pw + dx) / 2, 300, "RDMA / NVLink", size=16, color="purple")
    # output
    f.rect(20, 378, 600, 84, fill="yellow", rx=8)
    if lang == "zh":
        lines = ["首词元在 prefill 实例算出；decode 实例收到 KV 后接着生成，",
                 "不再被 prefill 打断。代价：每个请求多一次 KV 传输",
                 "（8k 词元约 2.5 GiB），网络要够快"]
    else:
        lines = ["first token: from the prefill instance; decode then continues",
                 "from the shipped KV, never stalled. Cost: one KV transfer per",
                 "request (~2.5 GiB for 8k tokens), so the network must be fast"]
    for i, line in enumerate(lines):
        f.text(320, 402 + 24 * i, line, size=16)
    return f


# --- 2. draft model vs EAGLE head vs MTP ------------------------------------------------------------------------------

def eagle_vs_draft(lang: str) -> Figure:
    f = Figure(640, 470, tr(lang, "草稿从哪里来：独立草稿模型、EAGLE 特征级草稿头与 DeepSeek-V3 的 MTP 模块",
                            "Where drafts come from: a separate draft model, an EAGLE feature-level draft head, and "
                            "DeepSeek-V3's MTP module"))
    cw, gap, x0 = 196, 14, 12
    cols = [x0 + i * (cw + gap) for i in range(3)]
    titles = [tr(lang, "(a) 独立草稿模型", "(a) Draft model"), tr(lang, "(b) EAGLE 草稿头", "(b) EAGLE head"),
              tr(lang, "(c) MTP 模块", "(c) MTP module")]
    for x, t in zip(cols, titles):
        f.text(x + cw / 2, 26, t, size=17, weight="bold")
    bw = cw - 16
    # (a): its own embeddings, layers and LM head
    xa = cols[0] + 8
    f.box(xa, 50, bw, 44, tr(lang, "目标模型（大）", "target model (large)"), fill="blue", size=16)
    f.box(xa, 150, bw, 96, tr(lang, "小模型\n自己的嵌入、层、\nLM head", "small LM:\nits own embeddings,\nlayers, LM head"),
          fill="green", size=16)
    f.text(xa + bw / 2, 132, tr(lang, "只共享词表", "shares only the vocab"), size=16, color="gray")
    f.box(xa, 300, bw, 44, tr(lang, "γ 个草稿词元", "γ draft tokens"), fill="yellow", size=16)
    f.arrow(xa + bw / 2, 246, xa + bw / 2, 298)
    f.text(xa + bw / 2, 372, tr(lang, "另需一个模型", "a second model"), size=16, color="gray")
    f.text(xa + bw / 2, 394, tr(lang, "的显存与调度", "to host and run"), size=16, color="gray")
    # (b): feature + next-token embedding -> 1 decoder layer -> target's LM head, loop
    xb = cols[1] + 8
    f.box(xb, 50, bw, 44, tr(lang, "目标模型", "target model"), fill="blue", size=16)
    f.arrow(xb + 50, 94, xb + 50, 150)
    f.text(xb + 56, 118, tr(lang, "顶层特征 f", "top feature f"), size=16, anchor="start", color="gray")
    f.text(xb + 56, 138, tr(lang, "+ 下一词元嵌入", "+ next-token emb."), size=16, anchor="start", color="gray")
    f.box(xb, 150, bw, 52, tr(lang, "草稿头：1 层解码器", "draft head:\n1 decoder layer"), fill="green", size=16)
    f.box(xb, 236, bw, 44, tr(lang, "目标的 LM head", "target's LM head"), fill="blue", size=16)
    f.arrow(xb + bw / 2, 202, xb + bw / 2, 234)
    f.box(xb, 300, bw, 44, tr(lang, "草稿词元（树）", "draft tokens (tree)"), fill="yellow", size=16)
    f.arrow(xb + bw / 2, 280, xb + bw / 2, 298)
    f.path(f"M{xb + 2},330 C{xb - 16},300 {xb - 16},200 {xb},178", color="green", sw=2, arrow=True)
    f.text(xb + bw / 2, 372, tr(lang, "EAGLE-1/2：特征级自回归", "EAGLE-1/2: autoregressive"), size=16,
           color="gray")
    f.text(xb + bw / 2, 394, tr(lang, "EAGLE-3：融合多层特征", "on features; EAGLE-3:"), size=16, color="gray")
    if lang != "zh":
        f.text(xb + bw / 2, 416, "fused multi-layer features", size=16, color="gray")
    # (c): MTP module trained with the model
    xc = cols[2] + 8
    f.box(xc, 50, bw, 44, tr(lang, "主模型", "main model"), fill="blue", size=16)
    f.arrow(xc + 50, 94, xc + 50, 150)
    f.text(xc + 56, 118, tr(lang, "隐藏状态 h", "hidden state h"), size=16, anchor="start", color="gray")
    f.text(xc + 56, 138, tr(lang, "+ 下一词元嵌入", "+ next-token emb."), size=16, anchor="start", color="gray")
    f.box(xc, 150, bw, 52, tr(lang, "MTP 模块：\n1 个 Transformer 块", "MTP module:\n1 Transformer block"),
          fill="purple", size=16)
    f.box(xc, 236, bw, 44, tr(lang, "共享的输出头", "shared output head"), fill="blue", size=16)
    f.arrow(xc + bw / 2, 202, xc + bw / 2, 234)
    f.box(xc, 300, bw, 44, tr(lang, "再多 1 个词元", "1 extra token"), fill="yellow", size=16)
    f.arrow(xc + bw / 2, 280, xc + bw / 2, 298)
    f.text(xc + bw / 2, 372, tr(lang, "随预训练一起学，", "trained with the model;"), size=16, color="gray")
    f.text(xc + bw / 2, 394, tr(lang, "推理时当草稿", "a draft at inference"), size=16, color="gray")
    f.rect(12, 428 if lang == "zh" else 430, 616, 34, fill="gray", rx=6)
    f.text(320, 451 if lang == "zh" else 453,
           tr(lang, "三者都由目标模型一次前向验证：按接受/重采样规则，输出分布不变",
              "all three: verified by the target in one pass; output distribution unchanged"),
           size=16)
    return f


# --- 3. SmoothQuant migration, computed ------------------------------------------------------------------------------

def _smoothquant_data():
    rng = random.Random(0)
    C, T = 12, 64
    outliers = {2: 40.0, 8: 25.0}
    x_max = [max(abs(rng.gauss(0, 1)) * outliers.get(j, 1.0) for _ in range(T)) for j in range(C)]
    w_max = [max(abs(rng.gauss(0, 0.05)) for _ in range(64)) for _ in range(C)]
    s = [math.sqrt(x_max[j] / w_max[j]) for j in range(C)]           # alpha = 0.5
    x_after = [x_max[j] / s[j] for j in range(C)]
    w_after = [w_max[j] * s[j] for j in range(C)]
    for j in range(C):
        assert abs(x_after[j] - w_after[j]) < 1e-9                     # both become sqrt(max|X| * max|W|)
    return x_max, w_max, x_after, w_after


def smoothquant_migration(lang: str) -> Figure:
    x_max, w_max, x_after, w_after = _smoothquant_data()
    f = Figure(640, 412, tr(lang, "SmoothQuant 前后每个通道的激活最大值与权重最大值（对数坐标）",
                            "Per-channel max |activation| and max |weight| before and after SmoothQuant (log scale)"))
    lo, hi = 0.05, 200.0
    top, bottom = 56, 316

    def py(v):
        return bottom - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (bottom - top)

    panels = [(70, tr(lang, "平滑前", "before"), x_max, w_max), (360, tr(lang, "平滑后（α = 0.5）", "after (α = 0.5)"),
                                                                 x_after, w_after)]
    pw = 260
    for px0, title, xs, ws in panels:
        f.text(px0 + pw / 2, 36, title, size=17, weight="bold")
        f.line(px0, bottom, px0 + pw, bottom)
        f.line(px0, top, px0, bottom)
        for v in (0.1, 1, 10, 100):
            f.line(px0 - 4, py(v), px0, py(v))
            f.line(px0, py(v), px0 + pw, py(v), color="gray", sw=0.6, dash=True)
            if px0 == 70:
                f.text(px0 - 8, py(v) + 6, f"{v:g}", size=16, anchor="end")
        n = len(xs)
        slot = pw / n
        for j in range(n):
            bx = px0 + j * slot + 2
            bw = (slot - 4) / 2
            f.rect(bx, py(xs[j]), bw, bottom - py(xs[j]), fill="orange", rx=0, sw=1)
            f.rect(bx + bw, py(ws[j]), bw, bottom - py(ws[j]), fill="blue", rx=0, sw=1)
        f.text(px0 + pw / 2, bottom + 26, tr(lang, "输入通道 j", "input channel j"), size=16, color="gray")
    ratio_before = max(x_max) / min(x_max)
    ratio_after = max(x_after) / min(x_after)
    f.rect(250, 362, 18, 18, fill="orange", rx=2, sw=1)
    f.text(274, 377, "max|X_j|", size=16, anchor="start")
    f.rect(380, 362, 18, 18, fill="blue", rx=2, sw=1)
    f.text(404, 377, "max|W_j|", size=16, anchor="start")
    f.text(20, 396, tr(lang, f"激活通道间的差距：{ratio_before:.0f} 倍 → {ratio_after:.0f} 倍",
                       f"spread of activation channels: {ratio_before:.0f}× → {ratio_after:.0f}×"),
           size=16, anchor="start", color="gray")
    return f


FIGURES = {
    "pd-disaggregation": pd_disaggregation,
    "eagle-vs-draft-model": eagle_vs_draft,
    "smoothquant-migration": smoothquant_migration,
}
