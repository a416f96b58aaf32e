"""Parallel training: pipeline schedules, Megatron tensor parallelism, ring all-reduce, DP vs DDP, 3D layout.

- pipeline-schedules: GPipe (Huang et al. 2018, arXiv:1811.06965) vs 1F1B / PipeDream-Flush as drawn in
  Narayanan et al. 2021 (arXiv:2104.04473, Figs 3-4): p = 4 stages, m = 8 micro-batches, backward = 2x forward.
  The schedule is computed by a dependency simulation (the same rules as the page's `simulate`: F(s, j) needs
  F(s-1, j), B(s, j) needs B(s+1, j); 1F1B warms up with p-1-s forwards, as in Megatron's schedules.py), and the
  bubble fraction (p-1)/(m+p-1) is checked against the simulated idle time.
- tensor-parallel-mlp: Megatron-LM MLP block split over 2 GPUs (Shoeybi et al. 2019, arXiv:1909.08053, Fig. 3a):
  A split by columns, GeLU per GPU, B split by rows; f = identity forward / all-reduce backward,
  g = all-reduce forward / identity backward.
- ring-all-reduce: ring reduce-scatter then all-gather over N = 4 ranks (Patarasuk & Yuan 2009, J. Parallel
  Distrib. Comput. 69(2)); the chunk indices follow data-parallel.md's simulation (reduce-scatter step s: rank r
  sends chunk (r - s) mod N; all-gather step s: chunk (r + 1 - s) mod N) and are computed by simulating it.
- dp-vs-ddp: torch.nn.DataParallel (single process, scatter / replicate / parallel_apply / gather, gradients
  reduced onto device_ids[0]) vs DistributedDataParallel (one process per GPU, broadcast at construction,
  bucketed all-reduce overlapped with backward, optimizer on every rank): PyTorch docs and Li et al. 2020,
  arXiv:2006.15704.
- 3d-parallel-layout: t = 8 (NVSwitch inside a DGX A100), p = 4 stages across nodes, d = 4 replicas on 128 GPUs,
  Megatron rank order (TP fastest, then DP, then PP) as in parallelism.md's `build_groups`; Narayanan et al. 2021.
"""
from kb.svg import Figure, text_width, tr

# --- pipeline schedules ------------------------------------------------------------------------------------------


def simulate_pipeline(p: int, m: int, schedule: str, tf: float = 1.0, tb: float = 2.0):
    """Execute each stage's op order under the pipeline dependencies.

    Returns (ops, makespan, peak): ops[s] = [(kind, micro-batch, start, end)], peak[s] = most micro-batches whose
    activations stage s holds at once.
    """
    def order(s):
        if schedule == "gpipe":
            return [("F", j) for j in range(m)] + [("B", j) for j in range(m)]
        warm = min(p - 1 - s, m)
        seq = [("F", j) for j in range(warm)]
        for j in range(m - warm):
            seq += [("F", warm + j), ("B", j)]
        return seq + [("B", j) for j in range(m - warm, m)]

    queues = [order(s) for s in range(p)]
    done, free = {}, [0.0] * p
    live, peak = [0] * p, [0] * p
    ops = [[] for _ in range(p)]
    while any(queues):
        progressed = False
        for s in range(p):
            if not queues[s]:
                continue
            kind, j = queues[s][0]
            if kind == "F":
                dep = ("F", s - 1, j) if s > 0 else None
            else:
                dep = ("B", s + 1, j) if s < p - 1 else ("F", s, j)
            if dep is not None and dep not in done:
                continue
            start = max(free[s], done.get(dep, 0.0))
            end = start + (tf if kind == "F" else tb)
            done[(kind, s, j)] = free[s] = end
            ops[s].append((kind, j, start, end))
            live[s] += 1 if kind == "F" else -1
            peak[s] = max(peak[s], live[s])
            queues[s].pop(0)
            progressed = True
        assert progressed, "deadlock"
    return ops, max(free), peak


def _hatch(f: Figure, x, y, w, h, gap=7):
    """Diagonal hatching inside a rectangle (45-degree segments clipped to it)."""
    c = -h
    while c < w:
        t0, t1 = max(0.0, -c), min(h, w - c)
        if t1 > t0:
            f.line(x + c + t0, y + h - t0, x + c + t1, y + h - t1, color="gray", sw=1)
        c += gap


def pipeline_schedules(lang: str) -> Figure:
    p, m, tf, tb = 4, 8, 1.0, 2.0
    bubble = (p - 1) / (m + p - 1)
    u, x0, row_h = 17, 66, 26                      # px per forward time unit, timeline start, row height
    f = Figure(640, 420, tr(lang, "GPipe 与 1F1B 流水线调度：4 个 stage、8 个微批次，反向耗时为前向的 2 倍，气泡比例相同",
                            "GPipe vs 1F1B pipeline schedules with 4 stages and 8 micro-batches, backward taking twice "
                            "as long as forward: the bubble fraction is the same"))
    panels = [("gpipe", tr(lang, "GPipe：先做完全部前向，再做全部反向", "GPipe: all forwards, then all backwards")),
              ("1f1b", tr(lang, "1F1B：热身后一前一后交替", "1F1B: after warm-up, one forward, one backward"))]
    peaks = {}
    y = 8
    for name, title in panels:
        ops, makespan, peak = simulate_pipeline(p, m, name, tf, tb)
        peaks[name] = max(peak)
        idle = 1 - m * (tf + tb) / makespan
        assert abs(idle - bubble) < 1e-12 and makespan == (m + p - 1) * (tf + tb)
        f.text(x0, y + 20, title, size=16, anchor="start", weight="bold")
        top = y + 30
        for s in range(p):
            ry = top + s * row_h
            f.text(x0 - 8, ry + row_h / 2, f"GPU {s + 1}", size=16, anchor="end", middle=True)
            busy_until = 0.0
            for kind, j, start, end in ops[s]:
                if start > busy_until:                       # an idle gap: part of the bubble
                    gx = x0 + busy_until * u
                    f.rect(gx, ry, (start - busy_until) * u, row_h, fill="gray", rx=0, sw=0.8)
                    _hatch(f, gx, ry, (start - busy_until) * u, row_h)
                f.box(x0 + start * u, ry, (end - start) * u, row_h, str(j + 1),
                      fill="blue" if kind == "F" else "green", size=16, rx=0)
                busy_until = end
            if busy_until < makespan:                        # waiting for the flush at the end
                gx = x0 + busy_until * u
                f.rect(gx, ry, (makespan - busy_until) * u, row_h, fill="gray", rx=0, sw=0.8)
                _hatch(f, gx, ry, (makespan - busy_until) * u, row_h)
        y = top + p * row_h + 14
    # legend
    ly = y + 6
    items = [("blue", tr(lang, "前向 F", "forward F")), ("green", tr(lang, "反向 B（2 倍长）", "backward B (2×)")),
             ("gray", tr(lang, "空闲（气泡）", "idle (bubble)"))]
    lx = x0
    for color, label in items:
        f.rect(lx, ly, 22, 18, fill=color, rx=0, sw=1)
        if color == "gray":
            _hatch(f, lx, ly, 22, 18, gap=6)
        f.text(lx + 28, ly + 14, label, size=16, anchor="start")
        lx += 28 + text_width(label, 16) + 26
    f.text(x0 + 33 * u, ly + 14, tr(lang, "时间 →", "time →"), size=16, anchor="end", color="gray")
    num = round(bubble * 100)
    f.text(x0, ly + 46, tr(lang, f"两种调度的气泡都是 (p−1)/(m+p−1) = 3/11 ≈ {num}%",
                           f"Both bubbles: (p−1)/(m+p−1) = 3/11 ≈ {num}%"),
           size=16, anchor="start", weight="bold")
    f.text(x0, ly + 72, tr(lang, f"峰值在途激活：GPipe {peaks['gpipe']} 个微批次，1F1B 最多 {peaks['1f1b']} 个（= p）",
                           f"Peak stored activations: GPipe {peaks['gpipe']} micro-batches, 1F1B at most "
                           f"{peaks['1f1b']} (= p)"),
           size=16, anchor="start")
    assert peaks == {"gpipe": m, "1f1b": p}
    f.height = ly + 84
    return f


# --- tensor parallelism ------------------------------------------------------------------------------------------


def tensor_parallel_mlp(lang: str) -> Figure:
    f = Figure(640, 368, tr(lang, "Megatron-LM 张量并行的 MLP 块：A 按列切、B 按行切，分到 2 张 GPU，f 与 g 处通信",
                            "Megatron-LM tensor-parallel MLP block over 2 GPUs: A split by columns, B split by rows, "
                            "communication only at f and g"))
    f.text(166, 26, tr(lang, "A 按列切", "A split by columns"), size=16, weight="bold", color="blue")
    f.text(377, 26, tr(lang, "B 按行切", "B split by rows"), size=16, weight="bold", color="purple")
    cy = {1: 92, 2: 196}                                # row centres of GPU 1 and GPU 2
    mid = (cy[1] + cy[2]) / 2
    f.box(10, mid - 20, 44, 40, "X", fill="gray", size=17)
    f.circle(88, mid, 17, fill="yellow")
    f.text(88, mid, "f", size=18, middle=True, italic=True, weight="bold")
    f.arrow(54, mid, 69, mid)
    f.circle(500, mid, 17, fill="yellow")
    f.text(500, mid, "g", size=18, middle=True, italic=True, weight="bold")
    f.box(534, mid - 20, 40, 40, "Z", fill="gray", size=17)
    f.arrow(517, mid, 532, mid)
    f.text(554, mid + 42, "Z = Z₁ + Z₂", size=16)
    for i in (1, 2):
        c, sub = cy[i], "₁₂"[i - 1]
        f.rect(120, c - 40, 345, 80, fill="none", stroke="gray", dash=True, rx=8)
        f.text(128, c - 24, f"GPU {i}", size=16, anchor="start", color="gray")
        f.box(136, c - 12, 60, 34, f"XA{sub}", fill="blue", size=16)
        f.box(212, c - 12, 62, 34, "GeLU", fill="green", size=16)
        f.box(322, c - 12, 110, 34, f"Z{sub} = Y{sub}B{sub}", fill="purple", size=16)
        f.arrow(196, c + 5, 210, c + 5)
        f.arrow(274, c + 5, 320, c + 5)
        f.text(297, c - 2, f"Y{sub}", size=16, weight="bold")
        f.path(f"M 105 {mid} L 110 {mid} L 110 {c + 5} L 134 {c + 5}", arrow=True)
        f.path(f"M 432 {c + 5} L 478 {c + 5} L 486 {mid + (-10 if i == 1 else 10)}", arrow=True)
    f.text(10, 270, tr(lang, "f：前向恒等（每卡拿到完整 X），反向 all-reduce ∂L/∂X",
                       "f: identity forward (each GPU gets all of X), all-reduce ∂L/∂X backward"),
           size=16, anchor="start")
    f.text(10, 298, tr(lang, "g：前向 all-reduce（Z₁ + Z₂），反向恒等",
                       "g: all-reduce forward (Z₁ + Z₂), identity backward"), size=16, anchor="start")
    f.text(10, 326, tr(lang, "GeLU 逐元素作用，两卡之间无需通信；权重梯度也在本卡算",
                       "GeLU is element-wise: no communication between the two; weight grads stay local"),
           size=16, anchor="start", color="gray")
    f.text(10, 354, tr(lang, "注意力块同理：Q/K/V 按头（列）切，输出投影按行切",
                       "Attention likewise: Q/K/V split by heads (columns), output projection by rows"),
           size=16, anchor="start", color="gray")
    return f


# --- ring all-reduce ---------------------------------------------------------------------------------------------


def simulate_ring(n: int):
    """Track which ranks' contributions each chunk copy holds, step by step (data-parallel.md's rules).

    Returns (steps, owned) where steps = [(phase, step, [(chunk sent by rank r, contributions in it)])] and
    owned[r] = chunk whose complete sum rank r holds after reduce-scatter.
    """
    have = [[{r} for _ in range(n)] for r in range(n)]      # have[r][c] = ranks summed into rank r's chunk c
    steps = []
    for phase in ("rs", "ag"):
        for s in range(n - 1):
            idx = [(r - s) % n if phase == "rs" else (r + 1 - s) % n for r in range(n)]
            msgs = [(r, idx[r], set(have[r][idx[r]])) for r in range(n)]
            steps.append((phase, s, [(c, len(data)) for _, c, data in msgs]))
            for r, c, data in msgs:
                dst = (r + 1) % n
                have[dst][c] = have[dst][c] | data if phase == "rs" else data
        if phase == "rs":
            owned = [next(c for c in range(n) if len(have[r][c]) == n) for r in range(n)]
            assert owned == [(r + 1) % n for r in range(n)]
    assert all(len(have[r][c]) == n for r in range(n) for c in range(n))
    return steps, owned


def ring_all_reduce(lang: str) -> Figure:
    n = 4
    steps, owned = simulate_ring(n)
    fills = {1: "white", 2: "yellow", 3: "orange", 4: "green"}
    lab_w, col_w, row_h, x0 = 92, 134, 32, 12
    gx = x0 + lab_w
    f = Figure(640, 600, tr(lang, "环形 all-reduce：4 张 GPU，先 3 步 reduce-scatter 再 3 步 all-gather，每步每卡向右邻发一块",
                            "Ring all-reduce on 4 GPUs: 3 reduce-scatter steps, then 3 all-gather steps; every step each "
                            "GPU sends one chunk to its right neighbour"))
    f.text(x0, 24, tr(lang, "每卡的梯度切成 4 块 c0–c3；每步每卡把一块（M/4）发给右邻",
                      "Each GPU's gradient is cut into chunks c0–c3; each step every GPU"), size=16, anchor="start")
    f.text(x0, 48, tr(lang, "格中：该卡这一步发出的块（其中已累加几张卡的梯度）",
                      "sends one chunk (M/4) to its right neighbour. Cell: the chunk sent"),
           size=16, anchor="start")
    if lang != "zh":
        f.text(x0, 72, "(and how many GPUs' gradients it already sums)", size=16, anchor="start")
    # the ring as column headers: GPU r -> GPU r+1, and GPU 3 back to GPU 0
    hy = 116 if lang != "zh" else 92
    for r in range(n):
        cx = gx + r * col_w + col_w / 2
        f.box(cx - 38, hy, 76, 30, f"GPU {r}", fill="blue", size=16, weight="bold")
        if r < n - 1:
            f.arrow(cx + 38, hy + 15, cx + col_w - 40, hy + 15, color="blue", sw=2)
    c0, c3 = gx + col_w / 2, gx + 3 * col_w + col_w / 2
    f.path(f"M {c3} {hy} L {c3} {hy - 14} L {c0} {hy - 14} L {c0} {hy - 2}", color="blue", sw=2, arrow=True)
    y = hy + 42

    def phase_header(text):
        nonlocal y
        f.text(x0, y + 20, text, size=16, anchor="start", weight="bold")
        y += 28

    def row(label, cells, bold=False):
        nonlocal y
        f.text(x0 + lab_w - 10, y + row_h / 2, label, size=16, anchor="end", middle=True,
               weight="bold" if bold else None)
        for r, (text, k) in enumerate(cells):
            f.box(gx + r * col_w + 4, y + 2, col_w - 8, row_h - 4, text, fill=fills[k], size=16, rx=4)
        y += row_h

    step_word = tr(lang, "第 {} 步", "step {}")
    phase_header(tr(lang, "reduce-scatter：收到后累加到自己的同一块", "reduce-scatter: the receiver adds it to its copy"))
    for phase, s, cells in steps:
        if phase == "ag" and s == 0:
            row(tr(lang, "持有", "holds"), [(f"c{owned[r]} = Σ", n) for r in range(n)], bold=True)
            y += 6
            phase_header(tr(lang, "all-gather：收到后直接覆盖", "all-gather: the receiver overwrites its copy"))
        row(step_word.format(s + 1), [(f"c{c} ({k})", k) for c, k in cells])
    row(tr(lang, "持有", "holds"), [("c0–c3 = Σ", n) for _ in range(n)], bold=True)
    # legend and the traffic
    y += 14
    lx = x0
    f.text(lx, y + 14, tr(lang, "已累加：", "sums of:"), size=16, anchor="start")
    lx += text_width(tr(lang, "已累加：", "sums of:"), 16) + 10
    for k in range(1, n + 1):
        label = tr(lang, f"{k} 张卡", f"{k} GPU" + ("s" if k > 1 else ""))
        f.rect(lx, y, 22, 18, fill=fills[k], rx=3, sw=1)
        f.text(lx + 28, y + 14, label, size=16, anchor="start")
        lx += 28 + text_width(label, 16) + 18
    y += 30
    f.text(x0, y + 20, tr(lang, "每卡发送 2(N−1)/N × M = 6 × M/4 = 1.5 M（N = 4）",
                          "Each GPU sends 2(N−1)/N × M = 6 × M/4 = 1.5 M (N = 4)"),
           size=16, anchor="start", weight="bold")
    f.height = y + 34
    return f


# --- DP vs DDP ---------------------------------------------------------------------------------------------------


def dp_vs_ddp(lang: str) -> Figure:
    f = Figure(640, 430, tr(lang, "nn.DataParallel 与 DistributedDataParallel 对比：单进程以 GPU 0 为中心 vs 每卡一个进程、对称 all-reduce",
                            "nn.DataParallel vs DistributedDataParallel: one process centred on GPU 0 vs one process per "
                            "GPU with a symmetric all-reduce"))
    bw, bh = 120, 50
    for k in range(2):
        px = 8 + k * 324
        dp = k == 0
        f.text(px + 150, 24, "nn.DataParallel" if dp else "DistributedDataParallel", size=18, weight="bold")
        f.text(px + 150, 48, tr(lang, "1 个进程，每卡 1 个线程", "1 process, 1 thread per GPU") if dp
               else tr(lang, "每卡 1 个进程", "1 process per GPU"), size=16)
        pos = [(px + 8, 70), (px + 172, 70), (px + 8, 160), (px + 172, 160)]
        if dp:
            f.rect(px, 62, 300, 156, fill="none", stroke="gray", dash=True, rx=10)
        for r, (x, y) in enumerate(pos):
            if dp:
                fill = "orange" if r == 0 else "gray"
                sub = tr(lang, "模型 + 优化器", "model + optim.") if r == 0 else tr(lang, "每步新副本", "new copy")
            else:
                fill = "blue"
                sub = tr(lang, "模型 + 优化器", "model + optim.")
                f.rect(x - 4, y - 4, bw + 8, bh + 8, fill="none", stroke="gray", dash=True, rx=8)
            f.box(x, y, bw, bh, f"GPU {r}\n{sub}", fill=fill, size=16)
        if dp:   # a star: everything goes through GPU 0
            f.line(pos[0][0] + bw + 3, 95, pos[1][0] - 3, 95, color="orange", sw=2.5, both=True)
            f.line(pos[0][0] + bw / 2, 120 + 3, pos[2][0] + bw / 2, 160 - 3, color="orange", sw=2.5, both=True)
            f.line(pos[0][0] + bw - 2, 120 + 3, pos[3][0] + 8, 160 - 3, color="orange", sw=2.5, both=True)
        else:    # a ring: every GPU sends to the next one
            f.arrow(pos[0][0] + bw + 6, 95, pos[1][0] - 6, 95, color="green", sw=2.5)
            f.arrow(pos[1][0] + bw / 2, 126, pos[3][0] + bw / 2, 154, color="green", sw=2.5)
            f.arrow(pos[3][0] - 6, 185, pos[2][0] + bw + 6, 185, color="green", sw=2.5)
            f.arrow(pos[2][0] + bw / 2, 154, pos[0][0] + bw / 2, 126, color="green", sw=2.5)
            f.text(px + 150, 145, "all-reduce", size=16, weight="bold")
        lines = ([(0, tr(lang, "每一步（GPU 0 是中心）：", "every step (GPU 0 is the hub):"), True),
                  (0, tr(lang, "1. 输入 scatter 到各卡", "1. scatter the inputs"), False),
                  (0, tr(lang, "2. 从 GPU 0 复制模型", "2. replicate the model"), False),
                  (0, tr(lang, "3. 各线程并行前向", "3. threads run forward"), False),
                  (0, tr(lang, "4. 输出 gather 到 GPU 0", "4. gather outputs on GPU 0"), False),
                  (0, tr(lang, "5. 梯度求和到 GPU 0", "5. sum gradients on GPU 0"), False),
                  (0, tr(lang, "6. 只有 GPU 0 更新参数", "6. only GPU 0 updates"), False)]
                 if dp else
                 [(0, tr(lang, "开始时：从 rank 0 广播一次参数", "at start: broadcast weights once"), True),
                  (0, tr(lang, "每一步（各卡对称）：", "every step (all ranks alike):"), True),
                  (0, tr(lang, "1. 各进程读自己的数据分片", "1. each rank loads its shard"), False),
                  (0, tr(lang, "2. 前向、反向", "2. forward, backward"), False),
                  (0, tr(lang, "3. 反向中按桶 all-reduce", "3. bucketed all-reduce"), False),
                  (1, tr(lang, "梯度，与计算重叠", "overlapped with backward"), False),
                  (0, tr(lang, "4. 每个进程各自更新", "4. every rank updates itself"), False)])
        for i, (indent, s, bold) in enumerate(lines):
            f.text(px + 8 + indent * 20, 252 + i * 26, s, size=16, anchor="start", weight="bold" if bold else None)
    f.line(320, 10, 320, 420, color="gray", sw=1, dash=True)
    return f


# --- 3D parallelism ----------------------------------------------------------------------------------------------


def parallel_3d_layout(lang: str) -> Figure:
    tp, pp, gpus_per_node = 8, 4, 8
    world = 128
    dp = world // (tp * pp)

    def rank(t, d, p):                      # Megatron order, as in parallelism.md: TP fastest, then DP, then PP
        return t + tp * (d + dp * p)

    lab_w, col_w, row_h, x0, top = 84, 138, 88, 8, 76
    bw, bh = 116, 58
    f = Figure(640, 600, tr(lang, "3D 并行在 16 台 DGX A100（128 张 GPU）上的布局：机内 TP = 8，跨机 PP = 4，DP = 4",
                            "3D parallelism on 16 DGX A100 nodes (128 GPUs): TP = 8 inside a node, PP = 4 across nodes, "
                            "DP = 4"))
    f.text(320, 24, tr(lang, "128 张 GPU = TP 8 × PP 4 × DP 4（16 台 8 卡节点）",
                       "128 GPUs = TP 8 × PP 4 × DP 4 (16 nodes of 8 GPUs)"), size=17, weight="bold")
    for p in range(pp):
        f.text(x0 + lab_w + p * col_w + bw / 2, top - 16, f"stage {p + 1}", size=16, weight="bold", color="orange")
    for p in range(pp):                     # DP groups: the same position in every replica (drawn behind the nodes)
        cx = x0 + lab_w + p * col_w + bw / 2
        f.line(cx, top + bh / 2, cx, top + (dp - 1) * row_h + bh / 2, color="green", sw=4)
    for d in range(dp):
        y = top + d * row_h
        f.text(x0 + lab_w - 12, y + bh / 2, tr(lang, f"副本 {d + 1}", f"replica {d + 1}"), size=16, anchor="end",
               middle=True, weight="bold", color="green")
        for p in range(pp):
            x = x0 + lab_w + p * col_w
            ranks = [rank(t, d, p) for t in range(tp)]
            assert len({r // gpus_per_node for r in ranks}) == 1          # a TP group never leaves its node
            f.rect(x, y, bw, bh, fill="blue", rx=6)
            f.text(x + bw / 2, y + 20, f"rank {ranks[0]}–{ranks[-1]}", size=16)
            for g in range(gpus_per_node):
                f.rect(x + 7 + g * 13.2, y + 32, 10, 18, fill="white", rx=1, sw=1)
            if p < pp - 1:                                                 # PP: point-to-point to the next stage
                f.arrow(x + bw + 2, y + bh / 2, x + col_w - 3, y + bh / 2, color="orange", sw=2.5)
    y = top + (dp - 1) * row_h + bh + 22
    legend = [
        ("tp", tr(lang, "TP 组 = 一台节点的 8 卡：NVSwitch，每卡 600 GB/s（双向）",
                  "TP group = one node's 8 GPUs: NVSwitch, 600 GB/s per GPU (both ways)")),
        ("pp", tr(lang, "PP：相邻 stage 点对点传激活与其梯度，InfiniBand 每卡 25 GB/s",
                  "PP: point-to-point activations (and their grads), InfiniBand 25 GB/s per GPU")),
        ("dp", tr(lang, "DP：各副本同位置的卡 all-reduce 梯度分片（跨机）",
                  "DP: same-position GPUs across replicas all-reduce grad shards")),
    ]
    for kind, label in legend:
        if kind == "tp":
            f.rect(x0, y + 2, 30, 18, fill="blue", rx=3)
        elif kind == "pp":
            f.arrow(x0, y + 11, x0 + 30, y + 11, color="orange", sw=2.5)
        else:
            f.line(x0 + 15, y, x0 + 15, y + 22, color="green", sw=4)
        f.text(x0 + 40, y + 17, label, size=16, anchor="start")
        y += 30
    f.text(x0, y + 16, tr(lang, "（200 Gb/s HDR 网卡 = 25 GB/s，约为 NVLink 单向 300 GB/s 的 1/12）",
                          "(a 200 Gb/s HDR NIC = 25 GB/s, ~1/12 of NVLink's 300 GB/s one way)"),
           size=16, anchor="start", color="gray")
    f.height = y + 30
    return f


FIGURES = {
    "pipeline-schedules": pipeline_schedules,
    "tensor-parallel-mlp": tensor_parallel_mlp,
    "ring-all-reduce": ring_all_reduce,
    "dp-vs-ddp": dp_vs_ddp,
    "3d-parallel-layout": parallel_3d_layout,
}
