"""Inference and serving.

- prefill vs decode on a timeline, with the roofline lower bounds of the calculator on
  docs/*/interview/inference/llm-inference.md (Llama-2-7B fp16 on an H100 SXM: 989 TFLOPS dense BF16, 3.35 TB/s;
  prefill of 2048 tokens ~29 ms, compute-bound; decode at batch 1 ~4.3 ms per token, memory-bound), TTFT and TPOT
  as defined on that page; roofline model after Williams et al. 2009 (CACM 52(4)) and Pope et al. 2022,
  arXiv:2211.05102;
- the H100 roofline: attainable = min(P, W * I), ridge P / W ~ 295 FLOP/byte, with the arithmetic intensities the
  same calculator gives for decode at batch 1 (~1), decode at batch 32 (~9.7) and a 2048-token prefill (~1970);
- speculative decoding (Leviathan et al. 2023, arXiv:2211.17192, Algorithm 1; Chen et al. 2023, arXiv:2302.01318):
  the draft M_q samples gamma = 4 tokens, the target M_p scores all gamma + 1 positions in one forward pass, x_i is
  kept with probability min(1, p(x_i) / q(x_i)), the first rejected token is replaced by a sample from
  norm(max(0, p - q)); if all are kept, one bonus token is sampled from p at position gamma + 1;
- PagedAttention's block table (Kwon et al. 2023, arXiv:2309.06180, Figure 6: block size 4, prompt "Four score and
  seven years ago our", logical blocks 0, 1, 2 -> physical blocks 7, 1, 3 with 4, 4, 1 slots filled after
  generating "fathers" and "brought");
- static (request-level) vs continuous (iteration-level) batching (Yu et al., OSDI 2022, Orca), simulated on a small
  example with the same rule as the glossary's continuous-batching simulation;
- KV pool waste: contiguous max-length reservation vs PagedAttention blocks of 16 vs LightLLM's TokenAttention
  (block size 1), with the waste of the 10,000-sequence simulation on docs/*/interview/inference/
  serving-frameworks.md (lognormal lengths, seed 0: 74%, 1.34%, 0%);
- PDF reading order on a two-column page: naive (y0, x0) sorting interleaves the columns; the column-aware order of
  the example on docs/*/interview/rag-agents/pdf-parsing.md (full-width blocks cut the page into bands, columns
  left to right inside a band, header/footer margins of 5% dropped).
"""
import math
import random

from kb.svg import Figure, text_width, tr

# --- the roofline calculator of llm-inference.md ------------------------------------------------------------------
PEAK = 989e12            # H100 SXM, dense BF16 FLOP/s
BW = 3.35e12             # H100 SXM, HBM3 bytes/s
N_PARAMS = 6.74e9        # Llama-2-7B
LAYERS, D_MODEL = 32, 4096
KV_TOKEN = 2 * LAYERS * D_MODEL * 2   # bytes of K and V per token (fp16, MHA): 0.5 MiB


def _step(n_new: int, batch: int, ctx: int) -> tuple[float, float]:
    """FLOPs and HBM bytes of one forward pass (the page's `step`)."""
    flops = 2 * N_PARAMS * n_new * batch + 4 * LAYERS * D_MODEL * batch * n_new * (ctx + n_new / 2)
    bytes_ = 2 * N_PARAMS + KV_TOKEN * batch * (ctx + n_new)
    return flops, bytes_


def _time(flops: float, bytes_: float) -> float:
    return max(flops / PEAK, bytes_ / BW)


def _legend(f: Figure, items, x0: float, y: float, size: int = 16) -> None:
    x = x0
    for label, fill, dash in items:
        f.rect(x, y - 13, 18, 18, fill=fill, rx=2, sw=1.2, dash=dash)
        f.text(x + 24, y + 1, label, size=size, anchor="start")
        x += 24 + text_width(label, size) + 22


# --- 1. prefill vs decode timeline -------------------------------------------------------------------------------

def prefill_decode_timeline(lang: str) -> Figure:
    prompt = 2048
    t_prefill = _time(*_step(prompt, 1, 0)) * 1e3                         # ms
    t_decode = [_time(*_step(1, 1, prompt + k)) * 1e3 for k in range(6)]  # ms per decode step
    assert 28.5 < t_prefill < 29.5 and all(4.3 < t < 4.4 for t in t_decode)   # the page: ~29 ms, ~4.3 ms
    f = Figure(640, 356, tr(lang, "prefill 与 decode 的时间线：一次长的计算密集型 prefill 产出第一个词元，之后每个 decode 步产出一个词元",
                            "Prefill and decode on a timeline: one long compute-bound prefill produces the first "
                            "token, then each decode step produces one token"))
    x0, scale = 20, 10.0                     # px per ms: block widths are to scale
    f.text(320, 24, tr(lang, "Llama-2-7B（FP16）、batch 1、H100：屋顶线下界",
                       "Llama-2-7B (FP16), batch 1, H100: roofline lower bounds"), size=16, color="gray")
    top = 80
    pw = t_prefill * scale
    f.box(x0, top, pw, 78, tr(lang, "prefill：2048 个提示词元\n一次前向并行处理\n受算力限制", "prefill: 2048 prompt tokens\n"
                              "in one parallel pass\ncompute-bound"), fill="orange", size=16)
    # decode steps: short, small blocks
    x = x0 + pw
    ends = [x]
    for t in t_decode:
        w = t * scale
        f.rect(x + 2, top + 38, w - 4, 40, fill="blue", rx=4)
        x += w
        ends.append(x)
    f.text(x + 14, top + 62, "…", size=18)
    f.text((ends[0] + ends[-1]) / 2, top + 8, tr(lang, "decode：每步 1 个词元", "decode: 1 token per step"), size=16)
    f.text((ends[0] + ends[-1]) / 2, top + 29, tr(lang, "受带宽限制", "memory-bound"), size=16)
    # output tokens: t1 comes out of the prefill, t(k+1) out of decode step k
    for k, xe in enumerate(ends):
        f.box(xe - 17, 44, 34, 24, f"t{'₁₂₃₄₅₆₇'[k]}", fill="green", size=16, rx=4)
    f.text(ends[0] - 24, 61, tr(lang, "输出词元", "output tokens"), size=16, anchor="end", color="gray")
    # TTFT and TPOT
    y = top + 104
    f.line(x0, y, ends[0], y, color="red", sw=2, both=True)
    f.text((x0 + ends[0]) / 2, y + 24, tr(lang, f"TTFT ≈ {t_prefill:.0f} ms（到第一个词元）",
                                         f"TTFT ≈ {t_prefill:.0f} ms (until the first token)"), size=16, color="red")
    f.line(ends[1], y, ends[2], y, color="purple", sw=2, both=True)
    f.text((ends[1] + ends[3]) / 2 + 20, y + 24, tr(lang, f"TPOT ≈ {t_decode[0]:.1f} ms", f"TPOT ≈ {t_decode[0]:.1f} ms"),
           size=16, color="purple")
    f.text((ends[1] + ends[3]) / 2 + 20, y + 46, tr(lang, "（每个后续词元）", "(per later token)"), size=16,
           color="purple")
    for xe in ends[:3]:
        f.line(xe, top + 80, xe, y + 6, color="gray", sw=1, dash=True)
    # KV cache: the prompt's K/V written by the prefill, then +1 token per decode step
    ky = 256
    f.text(x0, ky - 10, tr(lang, "KV 缓存", "KV cache"), size=16, anchor="start", weight="bold")
    f.box(x0, ky, pw, 34, tr(lang, "2048 个提示词元的 K/V", "K/V of the 2048 prompt tokens"), fill="purple", size=16)
    for k in range(len(t_decode)):
        f.box(ends[k] + 2, ky, ends[k + 1] - ends[k] - 4, 34, "+1", fill="purple", size=16, rx=4)
    f.text(x0, ky + 60, tr(lang, "每个 decode 步都要读出全部权重和整段 KV 缓存，只为算 1 个词元",
                           "each decode step reads all weights and the whole KV cache for 1 token"),
           size=16, anchor="start", color="gray")
    f.arrow(x0, ky + 80, 620, ky + 80, color="gray", sw=1.5)
    f.text(620, ky + 74, tr(lang, "时间", "time"), size=16, anchor="end", color="gray")
    return f


# --- 2. roofline -------------------------------------------------------------------------------------------------

def roofline_h100(lang: str) -> Figure:
    ridge = PEAK / BW
    pts = []
    for key, args in (("d1", (1, 1, 2048)), ("d32", (1, 32, 2048)), ("pre", (2048, 1, 0))):
        fl, by = _step(*args)
        pts.append((key, fl / by))
    ai = dict(pts)
    assert 290 < ridge < 300 and 0.99 < ai["d1"] < 1.01 and 9 < ai["d32"] < 10.5 and ai["pre"] > 1900
    f = Figure(640, 420, tr(lang, "H100 的屋顶线：可达算力随算术强度变化，decode 落在带宽斜坡上，prefill 落在算力平顶上",
                            "H100 roofline: attainable throughput against arithmetic intensity; decode sits on the "
                            "bandwidth slope, prefill on the compute roof"))
    L, R, T, B = 84, 620, 30, 330           # plot area
    xlo, xhi = -1.0, 4.0                    # log10 FLOP/byte
    ylo, yhi = 0.0, 3.3                     # log10 TFLOPS

    def px(i):
        return L + (math.log10(i) - xlo) / (xhi - xlo) * (R - L)

    def py(tf):
        return B - (math.log10(tf) - ylo) / (yhi - ylo) * (B - T)

    def attain(i):
        return min(PEAK, BW * i) / 1e12

    # axes, grid and ticks
    for e in range(int(xlo), int(xhi) + 1):
        x = px(10 ** e)
        f.line(x, T, x, B, color="#d0d6da", sw=1)
        f.line(x, B, x, B + 6, color="stroke", sw=1.5)
        f.text(x, B + 24, {-1: "0.1", 0: "1", 1: "10", 2: "100", 3: "1000", 4: "10⁴"}[e], size=16)
    for e in range(0, 4):
        y = py(10 ** e)
        f.line(L, y, R, y, color="#d0d6da", sw=1)
        f.line(L - 6, y, L, y, color="stroke", sw=1.5)
        f.text(L - 10, y + 6, {0: "1", 1: "10", 2: "100", 3: "1000"}[e], size=16, anchor="end")
    f.line(L, B, R, B, sw=1.5)
    f.line(L, T, L, B, sw=1.5)
    f.text((L + R) / 2, B + 50, tr(lang, "算术强度 I（FLOP/字节，对数坐标）", "arithmetic intensity I (FLOP/byte, log scale)"),
           size=16)
    f.group(f"rotate(-90 {22} {(T + B) / 2})",
            lambda g: g.text(22, (T + B) / 2 + 6, tr(lang, "可达 TFLOPS（对数坐标）", "attainable TFLOPS (log scale)"),
                             size=16))
    # the roof: sample the curve (computed, not hand-placed)
    i0 = 1e12 / BW                          # where W * I = 1 TFLOPS (the bottom of the plot)
    samples = [i0 * (10 ** (xhi) / i0) ** (k / 200) for k in range(201)]
    f.polyline([(px(i), py(attain(i))) for i in samples], color="blue", sw=3)
    # ridge
    xr = px(ridge)
    f.line(xr, py(attain(ridge)), xr, B, color="gray", sw=1.5, dash=True)
    f.text(xr + 6, B - 12, tr(lang, f"脊点 ≈ {ridge:.0f}", f"ridge ≈ {ridge:.0f}"), size=16, anchor="start", color="gray")
    f.text(R, py(PEAK / 1e12) - 12, tr(lang, "峰值 989 TFLOPS（稠密 BF16）", "peak 989 TFLOPS (dense BF16)"), size=16,
           anchor="end", color="blue")
    f.text(px(0.5) + 4, py(attain(20)) - 10, tr(lang, "斜率 = 带宽 3.35 TB/s", "slope = bandwidth 3.35 TB/s"),
           size=16, anchor="start", color="blue")
    f.text(px(0.9), py(300), tr(lang, "受带宽限制", "memory-bound"), size=17, weight="bold", color="gray")
    f.text(px(2200), py(60), tr(lang, "受算力限制", "compute-bound"), size=17, weight="bold", color="gray")
    # points
    labels = {
        "d1": (tr(lang, f"decode，batch 1：I ≈ {ai['d1']:.0f}", f"decode, batch 1: I ≈ {ai['d1']:.0f}"), 10, 22, "start"),
        "d32": (tr(lang, f"decode，batch 32：I ≈ {ai['d32']:.1f}", f"decode, batch 32: I ≈ {ai['d32']:.1f}"), 10, 22,
                "start"),
        "pre": (tr(lang, f"prefill，2048 词元\nI ≈ {ai['pre']:.0f}", f"prefill, 2048 tokens\nI ≈ {ai['pre']:.0f}"), 0,
                32, "middle"),
    }
    for key, i in pts:
        x, y = px(i), py(attain(i))
        f.circle(x, y, 7, fill="orange" if key == "pre" else "red", stroke="black")
        lab, dx, dy, anchor = labels[key]
        f.text(x + dx, y + dy, lab, size=16, anchor=anchor)
    return f


# --- 3. speculative decoding -------------------------------------------------------------------------------------

def speculative_decoding(lang: str) -> Figure:
    gamma = 4
    prefix = tr(lang, "小猫", "The cat")
    drafts = tr(lang, "坐|在|桌子|上", "sat|on|a|mat").split("|")
    assert len(drafts) == gamma
    first_reject = 2                                      # x3 is rejected: keep x1, x2, resample x3, drop x4
    correction = tr(lang, "垫子", "the")
    f = Figure(640, 442, tr(lang, "投机解码：草稿模型猜 4 个词元，目标模型一次前向验证，接受前缀、在第一个被拒处重采样",
                            "Speculative decoding: a draft model proposes 4 tokens, the target model verifies them in "
                            "one forward pass, keeps a prefix and resamples at the first rejection"))
    px0, pw = 16, 92
    tw, gap = 96, 12
    xs = [px0 + pw + gap + k * (tw + gap) for k in range(gamma)]
    xb = xs[-1] + tw + gap                                # the (gamma + 1)-th position: bonus token
    bw = 640 - 12 - xb
    # 1) draft
    f.text(16, 26, tr(lang, "① 草稿模型 Mq 自回归地猜 γ = 4 个词元（4 次便宜的前向）",
                      "① draft model Mq guesses γ = 4 tokens, one by one (4 cheap passes)"), size=16, anchor="start",
           weight="bold")
    f.box(px0, 42, pw, 38, prefix, fill="gray", size=16)
    for k, (x, w) in enumerate(zip(xs, drafts)):
        f.box(x, 42, tw, 38, w, fill="orange", size=16)
        f.text(x + tw / 2, 100, f"x{'₁₂₃₄'[k]}", size=16, color="gray")
    for k in range(gamma - 1):
        f.arrow(xs[k] + tw - 4, 61, xs[k + 1] + 2, 61, color="orange", sw=1.5)
    # 2) verify in one pass
    f.text(16, 134, tr(lang, "② 目标模型 Mp 一次前向，并行算出 γ + 1 = 5 个位置的分布 p",
                       "② target model Mp: one forward pass gives p at all γ + 1 = 5 positions"), size=16,
           anchor="start", weight="bold")
    f.box(px0, 166, 640 - 12 - px0, 38, tr(lang, "Mp（一次前向，读一遍权重）", "Mp (one forward pass, weights read once)"),
          fill="blue", size=16)
    for k, x in enumerate(xs):
        f.arrow(x + tw / 2, 142, x + tw / 2, 164, color="gray", sw=1.2)
    # 3) accept / reject
    f.text(16, 234, tr(lang, "③ 依次以 min(1, p(x)/q(x)) 的概率接受", "③ keep each x with probability min(1, p(x)/q(x))"),
           size=16, anchor="start", weight="bold")
    vy = 268
    for k, x in enumerate(xs):
        f.arrow(x + tw / 2, 244, x + tw / 2, vy - 2, color="gray", sw=1.2)
        if k < first_reject:
            f.box(x, vy, tw, 36, tr(lang, "✓ 接受", "✓ keep"), fill="green", size=16)
        elif k == first_reject:
            f.box(x, vy, tw, 36, tr(lang, "✗ 拒绝", "✗ reject"), fill="red", size=16)
        else:
            f.box(x, vy, tw, 36, tr(lang, "丢弃", "dropped"), fill="white", size=16, dash=True, color="#5f6b73")
    f.arrow(xb + bw / 2, 244, xb + bw / 2, vy - 2, color="gray", sw=1.2, dash=True)
    f.box(xb, vy, bw, 36, "p₅", fill="white", size=16, dash=True, color="#5f6b73")
    # the correction, sampled from the residual distribution
    xr = xs[first_reject]
    f.arrow(xr + tw / 2, vy + 36, xr + tw / 2, vy + 60, color="purple", sw=1.5)
    f.box(xr, vy + 62, tw, 36, correction, fill="purple", size=16)
    f.text(xr - 10, vy + 86, tr(lang, "从 norm(max(0, p − q)) 重采样", "resample from norm(max(0, p − q))"), size=16,
           anchor="end", color="purple")
    # output of this round
    kept = drafts[:first_reject] + [correction]
    sep = "" if lang == "zh" else " "
    f.text(16, 400, tr(lang, f"本轮产出 {len(kept)} 个词元：{prefix}{sep.join(kept)}（2 个接受 + 1 个修正）",
                       f"this round yields {len(kept)} tokens: {prefix} {sep.join(kept)} (2 kept + 1 corrected)"),
           size=16, anchor="start")
    f.text(16, 428, tr(lang, "若 4 个全被接受，再从 p₅ 采样 1 个奖励词元，共 5 个",
                       "if all 4 are kept, one bonus token is sampled from p₅: 5 tokens"), size=16, anchor="start",
           color="gray")
    return f


# --- 4. PagedAttention block table -------------------------------------------------------------------------------

def paged_block_table(lang: str) -> Figure:
    bs = 4
    prompt = "Four score and seven years ago our".split()
    generated = ["fathers", "brought"]
    tokens = prompt + generated
    table = [7, 1, 3]                                    # logical block -> physical block (Kwon et al., Fig. 6)
    n_logical = math.ceil(len(tokens) / bs)
    assert n_logical == len(table) == 3
    filled = [min(bs, len(tokens) - j * bs) for j in range(n_logical)]
    assert filled == [4, 4, 1]                           # the page's table
    f = Figure(640, 452, tr(lang, "PagedAttention 的块表：一条序列的逻辑 KV 块 0、1、2 映射到不连续的物理块 7、1、3",
                            "PagedAttention's block table: logical KV blocks 0, 1, 2 of one sequence map to the "
                            "non-contiguous physical blocks 7, 1, 3"))
    f.text(16, 24, tr(lang, "提示 7 个词元，已生成 2 个；块大小 4", "prompt of 7 tokens, 2 generated; block size 4"),
           size=16, anchor="start", color="gray")
    # physical blocks (the GPU block pool)
    p_label_x, p_x, cell = 548, 556, 18
    p_y0, p_h, p_gap = 82, 30, 6
    p_cy = [p_y0 + i * (p_h + p_gap) + p_h / 2 for i in range(9)]
    f.text(p_x + 2 * cell - 10, 60, tr(lang, "物理块", "physical"), size=16, weight="bold")
    owner = {b: j for j, b in enumerate(table)}
    for i in range(9):
        y = p_y0 + i * (p_h + p_gap)
        f.text(p_label_x, y + p_h / 2 + 6, str(i), size=16, anchor="end", weight="bold" if i in owner else None)
        for k in range(bs):
            fill = "white"
            if i in owner:
                t = owner[i] * bs + k
                if t < len(tokens):
                    fill = "blue" if t < len(prompt) else "green"
            f.rect(p_x + k * cell, y, cell, p_h, fill=fill, rx=0, sw=1.2)
    # logical blocks with the tokens
    l_x, slot, l_h = 50, 68, 40
    l_cy = [150, 240, 330]
    f.text(l_x + 2 * slot, 60, tr(lang, "逻辑 KV 块", "logical KV blocks"), size=16, weight="bold")
    # block table
    t_x, col = 346, 70
    f.text(t_x + col, 60, tr(lang, "块表", "block table"), size=16, weight="bold")
    f.text(t_x + col / 2, 100, tr(lang, "物理块号", "block #"), size=16)
    f.text(t_x + col * 1.5, 100, tr(lang, "已填充", "# filled"), size=16)
    colors = ["purple", "teal", "orange"]
    for j in range(n_logical):
        cy = l_cy[j]
        f.text(l_x - 8, cy + 6, tr(lang, f"块 {j}", f"{j}"), size=16, anchor="end", weight="bold")
        for k in range(bs):
            t = j * bs + k
            fill = "white" if t >= len(tokens) else ("blue" if t < len(prompt) else "green")
            f.box(l_x + k * slot, cy - l_h / 2, slot, l_h, tokens[t] if t < len(tokens) else "", fill=fill, size=16,
                  rx=0)
        f.arrow(l_x + bs * slot + 2, cy, t_x - 2, cy, color=colors[j], sw=2)
        f.box(t_x, cy - l_h / 2, col, l_h, str(table[j]), fill="yellow", size=17, rx=0, weight="bold")
        f.box(t_x + col, cy - l_h / 2, col, l_h, str(filled[j]), fill="yellow", size=17, rx=0)
        f.arrow(t_x + 2 * col + 2, cy, p_label_x - 16, p_cy[table[j]], color=colors[j], sw=2)
    # legend and the address rule
    _legend(f, [(tr(lang, "提示词元", "prompt token"), "blue", False), (tr(lang, "生成的词元", "generated"), "green", False),
                (tr(lang, "空槽", "empty slot"), "white", False)], 16, 412)
    f.text(16, 440, tr(lang, "第 t 个词元（从 0 起）存在：物理块 table[t // 4] 的第 t mod 4 个槽",
                       "token t (from 0) lives in slot t mod 4 of physical block table[t // 4]"), size=16,
           anchor="start", color="gray")
    return f


# --- 5. static vs continuous batching ----------------------------------------------------------------------------

REQUESTS = [("A", 8), ("B", 3), ("C", 2), ("D", 6), ("E", 3), ("F", 2)]   # output tokens of each request
SLOTS = 3
REQ_FILL = {"A": "blue", "B": "green", "C": "orange", "D": "purple", "E": "teal", "F": "yellow"}


def static_schedule(reqs, slots):
    """Request-level batching: each batch of `slots` requests runs until its longest member is done."""
    grid = []                                            # grid[step][slot] = request name or None (idle)
    for i in range(0, len(reqs), slots):
        batch = reqs[i:i + slots]
        for t in range(max(n for _, n in batch)):
            grid.append([name if t < n else None for name, n in batch] + [None] * (slots - len(batch)))
    return grid


def continuous_schedule(reqs, slots):
    """Iteration-level batching (Orca): after every step finished requests leave and queued ones take the slot."""
    queue, running, grid = list(reqs), [None] * slots, []
    while queue or any(running):
        for k in range(slots):
            if running[k] is None and queue:
                name, n = queue.pop(0)
                running[k] = [name, n]
        grid.append([r[0] if r else None for r in running])
        for k in range(slots):
            if running[k]:
                running[k][1] -= 1
                if running[k][1] == 0:
                    running[k] = None
    return grid


def continuous_batching(lang: str) -> Figure:
    st, ct = static_schedule(REQUESTS, SLOTS), continuous_schedule(REQUESTS, SLOTS)
    useful = sum(n for _, n in REQUESTS)
    assert sum(c is not None for row in st for c in row) == useful == sum(c is not None for row in ct for c in row)
    assert (len(st), len(ct)) == (14, 8)
    f = Figure(640, 392, tr(lang, "静态批处理与连续批处理：同样 6 个请求、3 个槽位，逐步调度把 14 步缩短到 8 步",
                            "Static vs continuous batching: the same 6 requests in 3 slots take 14 steps when a batch "
                            "waits for its longest request, 8 when slots are refilled every step"))
    x0, cw, ch = 88, 36, 28

    def panel(grid, y0, title, note):
        f.text(16, y0 - 12, title, size=16, anchor="start", weight="bold")
        for k in range(SLOTS):
            f.text(x0 - 10, y0 + k * ch + ch / 2 + 6, tr(lang, f"槽 {k + 1}", f"slot {k + 1}"), size=16, anchor="end")
        for t, row in enumerate(grid):
            for k, name in enumerate(row):
                x, y = x0 + t * cw, y0 + k * ch
                if name is None:
                    f.rect(x, y, cw, ch, fill="gray", rx=0, sw=1)
                else:
                    f.box(x, y, cw, ch, name, fill=REQ_FILL[name], size=16, rx=0)
        busy = sum(c is not None for row in grid for c in row)
        f.text(16, y0 + SLOTS * ch + 24, note.format(steps=len(grid), busy=busy, cells=len(grid) * SLOTS,
                                                     pct=round(100 * busy / (len(grid) * SLOTS))),
               size=16, anchor="start", color="gray")

    panel(st, 40, tr(lang, "静态批处理：整批等最长的请求（A）结束", "static: the batch waits for its longest request (A)"),
          tr(lang, "{steps} 步，槽位占用 {busy}/{cells} = {pct}%；D、E、F 排队到第 9 步",
             "{steps} steps, {busy}/{cells} = {pct}% of slots busy; D, E, F queue until step 9"))
    panel(ct, 200, tr(lang, "连续批处理：每步结束后空出的槽立刻换入新请求", "continuous: a freed slot takes a new request "
                      "after every step"),
          tr(lang, "{steps} 步，槽位占用 {busy}/{cells} = {pct}%", "{steps} steps, {busy}/{cells} = {pct}% of slots busy"))
    for t in range(len(st)):
        if t % 2 == 0 or t == len(st) - 1:
            f.text(x0 + t * cw + cw / 2, 344, str(t + 1), size=16, color="gray")
    f.text(x0 - 10, 344, tr(lang, "步", "step"), size=16, anchor="end", color="gray")
    f.rect(16, 360, 18, 18, fill="gray", rx=0, sw=1)
    f.text(40, 375, tr(lang, "空闲槽位；字母 = 该请求这一步生成 1 个词元", "idle slot; a letter = that request "
                       "generates 1 token this step"), size=16, anchor="start")
    return f


# --- 6. KV pool: contiguous vs PagedAttention vs TokenAttention --------------------------------------------------

def pool_waste() -> dict:
    """The simulation on serving-frameworks.md: 10,000 lognormal sequence lengths (8..2048), seed 0."""
    rng = random.Random(0)
    lengths = [min(2048, max(8, int(rng.lognormvariate(6.0, 0.8)))) for _ in range(10_000)]
    used = sum(lengths)
    out = {"contiguous": 1 - used / (2048 * len(lengths))}
    for block in (16, 1):
        allocated = sum(math.ceil(n / block) * block for n in lengths)
        out[block] = (allocated - used) / allocated
    return out


def kv_pool_comparison(lang: str) -> Figure:
    w = pool_waste()
    assert round(w["contiguous"], 2) == 0.74 and round(w[16], 4) == 0.0134 and w[1] == 0   # the page: 74%, 1.34%, 0
    n_tok, max_len, cell = 37, 64, 7                  # the sketch: one 37-token sequence, max length drawn as 64
    x0 = 16
    f = Figure(640, 424, tr(lang, "三种 KV 缓存池分配方式的浪费：按最大长度连续预留、16 词元一块的 PagedAttention、逐词元的 TokenAttention",
                            "KV pool waste of three allocation schemes: contiguous max-length reservation, "
                            "PagedAttention blocks of 16, TokenAttention with one token per slot"))
    f.text(x0, 24, tr(lang, "示意：一条 37 词元的序列（最大长度按 64 画）", "sketch: one 37-token sequence (max length drawn as 64)"),
           size=16, anchor="start", color="gray")
    f.text(624, 24, tr(lang, "页面模拟：浪费", "simulation: waste"), size=16, anchor="end", color="gray")
    rows = [
        (tr(lang, "① 按最大长度连续预留（vLLM 之前）", "① contiguous, reserved for the max length"), max_len, None,
         w["contiguous"]),
        (tr(lang, "② PagedAttention：16 词元一块，按需分配", "② PagedAttention: blocks of 16, on demand"),
         math.ceil(n_tok / 16) * 16, 16, w[16]),
        (tr(lang, "③ TokenAttention：每个词元一个槽（块大小 1）", "③ TokenAttention: one slot per token (block 1)"),
         n_tok, 1, w[1]),
    ]
    notes = [tr(lang, "占 64 个槽（最大长度），只用 37 个", "holds 64 slots (the max length), uses 37"),
             tr(lang, "3 块 = 48 个槽，空 11 个：只在最后一块，总少于 16",
                "3 blocks = 48 slots, 11 empty: only in the last block, always < 16"),
             tr(lang, "37 个槽，没有空槽", "37 slots, none empty")]
    for r, (title, held, block, waste) in enumerate(rows):
        y = 66 + r * 100
        f.text(x0, y, title, size=16, anchor="start", weight="bold")
        cy = y + 12
        for i in range(max_len):
            if i < n_tok:
                fill = "blue"
            elif i < held:
                fill = "red"
            else:
                continue
            f.rect(x0 + i * cell, cy, cell, 30, fill=fill, rx=0, sw=0.6)
        # outline of what is held; thick separators between blocks
        f.rect(x0, cy, held * cell, 30, fill="none", rx=0, sw=2)
        if block and block > 1:
            for b in range(block, held, block):
                f.line(x0 + b * cell, cy - 4, x0 + b * cell, cy + 34, sw=2.5)
        f.text(x0, cy + 54, notes[r], size=16, anchor="start", color="gray")
        pct = f"{waste:.0%}" if waste >= 0.1 or waste == 0 else f"{waste:.2%}"
        f.text(624, cy + 24, pct, size=24, anchor="end", weight="bold", color="red" if waste > 0.1 else "black")
    # legend
    _legend(f, [(tr(lang, "存了 K/V 的槽", "slot holding K/V"), "blue", False),
                (tr(lang, "预留但空着的槽", "held but empty"), "red", False)], x0, 378)
    f.text(x0, 410, tr(lang, "右侧为页面中 1 万条序列（最长 2048）的模拟结果", "right: the page's simulation of 10,000 "
                       "sequences (max length 2048)"), size=16, anchor="start", color="gray")
    return f


# --- 7. PDF reading order ----------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 612, 792
# (x0, y0, x1, y1, name): the blocks of the example on pdf-parsing.md (PDF points, y grows downwards)
PDF_BLOCKS = [
    (310, 300, 540, 380, "R2"), (72, 620, 540, 700, "Table"), (72, 180, 300, 290, "L1"), (72, 60, 540, 90, "Title"),
    (310, 180, 540, 290, "R1"), (72, 100, 540, 160, "Abstract"), (72, 300, 300, 420, "L2"),
    (72, 430, 300, 600, "L3"), (310, 390, 540, 600, "R3"), (72, 710, 300, 760, "L4"), (310, 710, 540, 760, "R4"),
    (290, 770, 320, 780, "7"),
]


def _reading_order(blocks):
    """The page's algorithm: drop 5% margins, full-width blocks cut bands, columns left to right inside a band."""
    blocks = [b for b in blocks if b[1] < 0.95 * PAGE_H and b[3] > 0.05 * PAGE_H]
    text_w = max(b[2] for b in blocks) - min(b[0] for b in blocks)
    full = sorted((b for b in blocks if b[2] - b[0] > 0.6 * text_w), key=lambda b: b[1])
    narrow = [b for b in blocks if b[2] - b[0] <= 0.6 * text_w]
    xs = sorted(b[0] for b in narrow)
    cols = [[xs[0]]]
    for x in xs[1:]:
        if x - cols[-1][-1] > 0.15 * PAGE_W:
            cols.append([x])
        else:
            cols[-1].append(x)
    starts = [c[len(c) // 2] for c in cols]
    order, top = [], float("-inf")
    for cut in full + [None]:
        bottom = cut[1] if cut else float("inf")
        order += sorted((b for b in narrow if top <= b[1] < bottom),
                        key=lambda b: (min(range(len(starts)), key=lambda i: abs(b[0] - starts[i])), b[1]))
        if cut:
            order.append(cut)
            top = cut[3]
    return len(starts), [b[4] for b in order]


def pdf_reading_order(lang: str) -> Figure:
    naive = [b[4] for b in sorted(PDF_BLOCKS, key=lambda b: (b[1], b[0]))]
    n_cols, good = _reading_order(PDF_BLOCKS)
    assert n_cols == 2 and naive[2:6] == ["L1", "R1", "L2", "R2"]          # the page's asserts
    assert good == ["Title", "Abstract", "L1", "L2", "L3", "R1", "R2", "R3", "Table", "L4", "R4"]
    f = Figure(640, 530, tr(lang, "双栏页面的阅读顺序：按坐标从上到下排序会把两栏交错拼接，先分栏再排序才正确",
                            "Reading order of a two-column page: sorting by position interleaves the columns; "
                            "ordering by column first is correct"))
    s = 0.5                                      # px per PDF point
    crop = 46                                    # PDF points cut from the left and right edges
    pw, ph = (PAGE_W - 2 * crop) * s, PAGE_H * s
    top = 66
    by_name = {b[4]: b for b in PDF_BLOCKS}
    fill = {"L": "blue", "R": "green"}
    panels = [(16, tr(lang, "按 (y₀, x₀) 排序：✗", "sorted by (y₀, x₀): ✗"), naive,
               tr(lang, "页脚区：页码也被读入（12）", "footer band: page no. read (12)")),
              (640 - 16 - pw, tr(lang, "先分栏再排序：✓", "columns first: ✓"), good,
               tr(lang, "页脚区：页码被去掉", "footer band: page no. dropped"))]
    for px0, title, order, foot in panels:
        f.text(px0 + pw / 2, top - 36, title, size=17, weight="bold")

        def X(x):
            return px0 + (x - crop) * s

        def Y(y):
            return top + y * s
        f.rect(px0, top, pw, ph, fill="white", rx=2, sw=1.5)
        # header / footer margins (5% of the page height)
        band = 0.05 * PAGE_H * s
        f.rect(px0, top, pw, band, fill="yellow", rx=0, sw=0)
        f.rect(px0, top + ph - band, pw, band, fill="yellow", rx=0, sw=0)
        f.text(px0 + 8, top + band / 2 + 6, tr(lang, "页眉区", "header band"), size=16, anchor="start", color="gray")
        f.text(px0, top + ph + 22, foot, size=16, anchor="start", color="gray")
        for x0, y0, x1, y1, name in PDF_BLOCKS:
            kept = name in order
            f.rect(X(x0), Y(y0), (x1 - x0) * s, (y1 - y0) * s, fill=fill.get(name[0], "gray") if kept else "red",
                   rx=2, sw=1.2, dash=not kept)
        centres = []
        for name in order:
            x0, y0, x1, y1, _ = by_name[name]
            centres.append((X((x0 + x1) / 2), Y((y0 + y1) / 2)))
        for (xa, ya), (xb, yb) in zip(centres, centres[1:]):
            d = math.hypot(xb - xa, yb - ya)
            ux, uy = (xb - xa) / d, (yb - ya) / d
            f.arrow(xa + ux * 12, ya + uy * 12, xb - ux * 13, yb - uy * 13, color="red" if px0 < 100 else "teal",
                    sw=2)
        for k, (cx, cy) in enumerate(centres):
            f.circle(cx, cy, 11, fill="white", stroke="black", sw=1.2)
            f.text(cx, cy + 5.5, str(k + 1), size=16, weight="bold")
    f.text(16, top + ph + 52, tr(lang, "蓝：左栏块　绿：右栏块　灰：通栏块（标题、摘要、表格）",
                                 "blue: left column, green: right column, gray: full width"), size=16, anchor="start",
           color="gray")
    return f


FIGURES = {
    "prefill-decode-timeline": prefill_decode_timeline,
    "roofline-h100": roofline_h100,
    "speculative-decoding": speculative_decoding,
    "paged-attention-block-table": paged_block_table,
    "continuous-batching": continuous_batching,
    "kv-pool-comparison": kv_pool_comparison,
    "pdf-reading-order": pdf_reading_order,
}
