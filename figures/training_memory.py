"""Training memory and numeric precision.

- model-state memory of a 7B model per recipe, computed with the assumptions of the calculator on
  docs/*/interview/training-infra/gpu-memory.md: mixed-precision Adam 2 + 2 + 12 bytes per parameter (Rajbhandari
  et al. 2019, arXiv:1910.02054), 8-bit Adam with block-wise 8-bit m and v (Dettmers et al. 2021, arXiv:2110.02861),
  LoRA (Hu et al. 2021, arXiv:2106.09685) and QLoRA with NF4 + double quantization, 4.127 bits per base weight
  (Dettmers et al. 2023, arXiv:2305.14314);
- bit layouts of fp32 / tf32 / bf16 / fp16 and the FP8 formats E4M3 and E5M2 (Micikevicius et al. 2022,
  arXiv:2209.05433: E4M3 has no infinities, max 448; E5M2 is IEEE-like, max 57344);
- the mixed-precision training step with dynamic loss scaling (Micikevicius et al. 2017, arXiv:1710.03740: fp32
  master weights, 16-bit copy for forward/backward, loss scaled by S, gradients unscaled before the update, update
  skipped on overflow), with torch.amp.GradScaler's defaults (init_scale 2**16, growth_factor 2, growth_interval
  2000, backoff_factor 0.5);
- ZeRO-DP stages P_os, P_os+g, P_os+g+p (Rajbhandari et al. 2019, arXiv:1910.02054, Figure 1: Ψ = 7.5B, N = 64,
  K = 12 -> 120 / 31.4 / 16.6 / 1.9 GB per GPU);
- ZeRO-Offload (Ren et al. 2021, arXiv:2101.06840, section 4.1): fp16 parameters and forward/backward on the GPU;
  fp16 gradients, fp32 parameters, momentum and variance and the CPU Adam update on the CPU; 2Ψ bytes of fp16
  gradients GPU -> CPU and 2Ψ bytes of fp16 parameters CPU -> GPU per step.
"""
from kb.svg import Figure, text_width, tr

GB = 1e9


def _legend(f: Figure, items, x0: float, y: float, max_x: float = 628, size: int = 16, row_gap: int = 26) -> float:
    """Colour swatches with labels, wrapped onto new rows; returns the y of the last row."""
    x = x0
    for label, fill in items:
        w = 18 + 6 + text_width(label, size) + 18
        if x + w - 18 > max_x and x > x0:
            x, y = x0, y + row_gap
        f.rect(x, y - 13, 18, 18, fill=fill, rx=2, sw=1.2)
        f.text(x + 24, y + 1, label, size=size, anchor="start")
        x += w
    return y


# --- 1. model-state memory of a 7B model -------------------------------------------------------------------------

def memory_rows():
    """(recipe, [(part, GB)]) with the page calculator's assumptions (GB = 1e9 bytes)."""
    psi = 7e9                                               # full fine-tuning: the page's "7B" (112 GB)
    llama2_7b = 6.74e9                                      # LoRA / QLoRA: Llama-2-7B, as in the calculator
    lora_n = 32 * (4 * 16 * (4096 + 4096) + 3 * 16 * (4096 + 11008))   # r = 16 on q, k, v, o, gate, up, down
    assert lora_n == 39_976_960
    adapters = 16 * lora_n / GB                             # trainable adapter: 16 bytes each (fp32 + Adam)
    return [
        ("full", [("w", 2 * psi / GB), ("g", 2 * psi / GB), ("master", 4 * psi / GB), ("mv", 8 * psi / GB)]),
        ("8bit", [("w", 2 * psi / GB), ("g", 2 * psi / GB), ("master", 4 * psi / GB), ("mv", 2 * psi / GB)]),
        ("lora", [("w", 2 * llama2_7b / GB), ("adapter", adapters)]),
        ("qlora", [("w", 4.127 / 8 * llama2_7b / GB), ("adapter", adapters)]),
    ]


def training_memory(lang: str) -> Figure:
    rows = memory_rows()
    totals = [sum(v for _, v in parts) for _, parts in rows]
    assert round(totals[0]) == 112 and round(totals[1]) == 70          # the page's table
    assert 14 < totals[2] < 14.5 and 4 < totals[3] < 4.5                # "about 14 GB", "about 4 GB"
    f = Figure(640, 416, tr(lang, "7B 模型训练时的模型状态显存：全参数 Adam、8-bit Adam、LoRA、QLoRA",
                            "Model-state memory for training a 7B model: full fine-tuning with Adam, 8-bit Adam, "
                            "LoRA and QLoRA"))
    f.text(320, 26, tr(lang, "7B 模型的模型状态显存（GB，未计激活）", "Model states of a 7B model (GB, no activations)"),
           size=17, weight="bold")
    colors = {"w": "blue", "g": "orange", "master": "purple", "mv": "green", "adapter": "red"}
    names = {"w": tr(lang, "权重", "weights"), "g": tr(lang, "梯度", "gradients"),
             "master": tr(lang, "fp32 主权重", "fp32 master"), "mv": tr(lang, "Adam m、v", "Adam m, v"),
             "adapter": tr(lang, "LoRA 适配器", "LoRA adapters")}
    _legend(f, [(names[k], colors[k]) for k in ("w", "g", "master", "mv", "adapter")], 16, 62)
    labels = [
        (tr(lang, "全参数 + Adam", "Full, Adam"), tr(lang, "16 字节/参数", "16 B/param")),
        (tr(lang, "全参数 + 8-bit Adam", "Full, 8-bit Adam"), tr(lang, "10 字节/参数", "10 B/param")),
        ("LoRA", tr(lang, "bf16 底座 2 字节", "bf16 base, 2 B")),
        ("QLoRA", tr(lang, "NF4 底座 0.52 字节", "NF4 base, 0.52 B")),
    ]
    x0, scale = 184, 380 / 112                              # px per GB
    top, pitch, bh = 112, 60, 34
    # one 80 GB card: a dashed line behind the bars, broken where a total label would cross it
    xc = x0 + 80 * scale
    y_line, gaps = top - 8, []
    for i, total in enumerate(totals):
        lx = x0 + total * scale + 8
        if lx - 4 < xc < lx + text_width(f"{total:.0f} GB", 17) + 4:
            gaps.append((top + i * pitch, top + i * pitch + bh))
    for g0, g1 in gaps + [(top + 3 * pitch + bh + 8, None)]:
        f.line(xc, y_line, xc, g0, color="red", dash=True, sw=1.5)
        y_line = g1
    f.text(xc, top + 3 * pitch + bh + 28, tr(lang, "一张 80 GB 卡", "one 80 GB GPU"), size=16, color="red")
    for i, ((_, parts), (name, sub)) in enumerate(zip(rows, labels)):
        y = top + i * pitch
        f.text(x0 - 10, y + 14, name, size=16, anchor="end", weight="bold")
        f.text(x0 - 10, y + 34, sub, size=16, anchor="end", color="gray")
        x = x0
        for part, gb in parts:
            w = gb * scale
            f.rect(x, y, w, bh, fill=colors[part], rx=0, sw=1.2)
            if w >= text_width(f"{gb:.0f}", 16) + 8 and part != "adapter":
                f.text(x + w / 2, y + bh / 2, f"{gb:.3g}", size=16, middle=True)
            x += w
        total = totals[i]
        label = f"{total:.0f} GB" if total >= 20 else f"{total:.1f} GB"
        f.text(x + 8, y + bh / 2, label, size=17, weight="bold", anchor="start", middle=True)
    f.text(16, 376, tr(lang, "全参数按 Ψ = 7B；LoRA / QLoRA 按 Llama-2-7B，r = 16 作用于",
                       "Full: Ψ = 7B. LoRA / QLoRA: Llama-2-7B, r = 16 on all linear"), size=16, anchor="start",
           color="gray")
    f.text(16, 400, tr(lang, "全部线性层：4000 万可训练参数 × 16 字节 = 0.64 GB",
                       "layers: 40M trainable parameters × 16 B = 0.64 GB"), size=16, anchor="start", color="gray")
    return f


# --- 2. floating-point formats ------------------------------------------------------------------------------------

FORMATS = [  # name, exponent bits, mantissa bits, IEEE-style (all-ones exponent = inf/NaN), stored bits
    ("FP32", 8, 23, True, 32), ("TF32", 8, 10, True, 32), ("BF16", 8, 7, True, 16), ("FP16", 5, 10, True, 16),
    ("FP8 E4M3", 4, 3, False, 8), ("FP8 E5M2", 5, 2, True, 8),
]


def max_finite(e: int, m: int, ieee: bool) -> float:
    """Largest finite value; the same formula as the page's runnable check."""
    bias = 2 ** (e - 1) - 1
    if ieee:
        return (2 - 2.0 ** -m) * 2.0 ** (2 ** e - 2 - bias)
    return (2 - 2.0 ** (1 - m)) * 2.0 ** (2 ** e - 1 - bias)   # E4M3: only S.1111.111 is NaN


def _put_number(f: Figure, x: float, y: float, v: float) -> None:
    """v centred at (x, y): an integer, or m × 10^e with the exponent drawn raised (no tiny superscript glyphs)."""
    if v < 1e6:
        f.text(x, y, f"{v:.0f}", size=17, middle=True)
        return
    exp = len(str(int(v))) - 1
    base, sup = f"{v / 10 ** exp:.1f} × 10", str(exp)
    wb, ws = text_width(base, 17), text_width(sup, 16)
    left = x - (wb + ws) / 2
    f.text(left, y, base, size=17, anchor="start", middle=True)
    f.text(left + wb + 3, y - 8, sup, size=16, anchor="start", middle=True)


def float_formats(lang: str) -> Figure:
    assert max_finite(5, 10, True) == 65504 and max_finite(4, 3, False) == 448 and max_finite(5, 2, True) == 57344
    f = Figure(640, 376, tr(lang, "浮点格式的位布局：FP32、TF32、BF16、FP16、FP8 E4M3、FP8 E5M2 的符号位、指数位与尾数位",
                            "Bit layouts of FP32, TF32, BF16, FP16, FP8 E4M3 and FP8 E5M2: sign, exponent and "
                            "mantissa bits"))
    _legend(f, [(tr(lang, "符号", "sign"), "red"), (tr(lang, "指数（决定范围）", "exponent (range)"), "blue"),
                (tr(lang, "尾数（决定精度）", "mantissa (precision)"), "yellow")], 16, 28)
    cell, x0, top, pitch, bh = 12, 108, 78, 44, 28
    f.text(x0 + 32 * cell + 76, top - 12, tr(lang, "最大值", "max"), size=16, weight="bold")
    for i, (name, e, m, ieee, stored) in enumerate(FORMATS):
        y = top + i * pitch
        f.text(16, y + bh / 2, name, size=16, anchor="start", weight="bold", middle=True)
        segs = [("red", 1, ""), ("blue", e, str(e)), ("yellow", m, str(m))]
        x = x0
        for fill, n, lab in segs:
            for b in range(n):
                f.rect(x + b * cell, y, cell, bh, fill=fill, rx=0, stroke="#9aa5ad", sw=0.8)
            f.rect(x, y, n * cell, bh, fill="none", rx=0, sw=1.5)
            if lab:
                f.text(x + n * cell / 2, y + bh / 2, lab, size=16, middle=True, weight="bold")
            x += n * cell
        used = 1 + e + m
        if stored > used:                                    # TF32: 19 bits used, stored in 32
            f.rect(x, y, (stored - used) * cell, bh, fill="gray", rx=0, dash=True, sw=1.2)
            f.text(x + (stored - used) * cell / 2, y + bh / 2, tr(lang, "不参与计算", "ignored"), size=16,
                   middle=True, color="gray")
        _put_number(f, x0 + 32 * cell + 76, y + bh / 2, max_finite(e, m, ieee))
    f.text(16, 364, tr(lang, "每格 1 位；TF32 共 19 位，仍存为 32 位", "one cell = 1 bit; TF32 uses 19 bits, stored in 32"),
           size=16, anchor="start", color="gray")
    return f


# --- 3. mixed-precision step with dynamic loss scaling ------------------------------------------------------------

def amp_loop(lang: str) -> Figure:
    # GradScaler defaults (torch.amp.GradScaler)
    init_scale, growth, interval, backoff = 2.0 ** 16, 2.0, 2000, 0.5
    f = Figure(640, 452, tr(lang, "混合精度训练一步与动态损失缩放：fp32 主权重、16 位前向反向、损失乘 S、检查溢出后更新或跳过",
                            "One mixed-precision training step with dynamic loss scaling: fp32 master weights, "
                            "16-bit forward and backward, loss times S, then update or skip on overflow"))
    bw, bh = 184, 56
    A = (16, 40)
    B = (228, 40)
    C = (440, 40)
    D = (440, 148)
    E = (228, 148)
    f.box(*A, bw, bh, tr(lang, "fp32 主权重", "fp32 master\nweights"), fill="purple", size=16, weight="bold")
    f.box(*B, bw, bh, tr(lang, "转成 fp16/bf16\n权重副本", "fp16/bf16 copy\nof the weights"), fill="blue", size=16)
    f.box(*C, bw, bh, tr(lang, "前向（autocast）\n得到损失 L", "forward (autocast)\n→ loss L"), fill="blue", size=16)
    f.box(*D, bw, bh, tr(lang, "对 L × S 反向\n得到梯度 S·∇L", "backward on L × S\n→ grads S·∇L"), fill="orange",
          size=16)
    f.box(*E, bw, bh, tr(lang, "梯度 ÷ S\n检查 inf/NaN", "unscale: grads ÷ S\ncheck inf/NaN"), fill="yellow",
          size=16)
    f.arrow(A[0] + bw, A[1] + bh / 2, B[0] - 2, B[1] + bh / 2)
    f.arrow(B[0] + bw, B[1] + bh / 2, C[0] - 2, C[1] + bh / 2)
    f.arrow(C[0] + bw / 2, C[1] + bh, D[0] + bw / 2, D[1] - 2)
    f.arrow(D[0], D[1] + bh / 2, E[0] + bw + 2, E[1] + bh / 2)
    # outcomes
    ok = (56, 262, 250, 64)
    bad = (356, 262, 268, 64)
    f.box(*ok, tr(lang, "更新 fp32 主权重\n连续 {} 步无溢出：S × {:g}".format(interval, growth),
                  "optimizer step (fp32)\nS × {:g} after {} clean steps".format(growth, interval)),
          fill="green", size=16)
    f.box(*bad, tr(lang, "跳过本步更新\nS × {:g}".format(backoff), "skip this step\nS × {:g}".format(backoff)),
          fill="red", size=16)
    ex, ey = E[0] + bw / 2, E[1] + bh
    f.arrow(ex - 30, ey, ok[0] + ok[2] * 0.62, ok[1] - 2, color="green", sw=2)
    f.arrow(ex + 30, ey, bad[0] + bad[2] * 0.38, bad[1] - 2, color="red", sw=2)
    f.text(ex - 44, 240, tr(lang, "无溢出", "finite"), size=16, anchor="end", color="green", weight="bold")
    f.text(ex + 44, 240, tr(lang, "有 inf/NaN", "inf/NaN"), size=16, anchor="start", color="red", weight="bold")
    # back to the next step
    f.arrow(150, ok[1], 150, A[1] + bh + 2, color="green", sw=2)
    f.text(142, 150, tr(lang, "下一步", "next step"), size=16, anchor="end", color="green")
    f.path(f"M {bad[0] + bad[2] / 2} {bad[1] + bad[3]} L {bad[0] + bad[2] / 2} 346 L 32 346 L 32 {A[1] + bh + 2}",
           color="red", sw=2, dash=True, arrow=True)
    f.text(320, 368, tr(lang, "权重不变，换下一个 batch", "weights unchanged, next batch"), size=16, color="red")
    exp = len(bin(int(init_scale))) - 3
    f.text(320, 408, tr(lang, f"PyTorch GradScaler 默认：S 初值 2^{exp} = {init_scale:.0f}，回退 ×{backoff:g}",
                        f"PyTorch GradScaler defaults: S starts at 2^{exp} = {init_scale:.0f}, backoff ×{backoff:g}"),
           size=16)
    f.text(320, 434, tr(lang, "bf16 的指数范围与 fp32 相同，不需要损失缩放（S = 1）",
                        "bf16 has fp32's exponent range: no loss scaling needed (S = 1)"), size=16, color="gray")
    return f


# --- 4. ZeRO stages -------------------------------------------------------------------------------------------------

def zero_per_gpu_gb(psi: float, n: int, stage: int, k: int = 12) -> float:
    """Per-GPU model-state memory (Rajbhandari et al. 2019, Figure 1)."""
    per = [(2 + 2 + k) * psi, 4 * psi + k * psi / n, 2 * psi + (2 + k) * psi / n, (2 + 2 + k) * psi / n][stage]
    return per / GB


def zero_stages(lang: str) -> Figure:
    values = [zero_per_gpu_gb(7.5e9, 64, s) for s in range(4)]
    assert [round(v, 1) for v in values] == [120.0, 31.4, 16.6, 1.9]
    f = Figure(640, 560, tr(lang, "ZeRO 三个阶段：每张 GPU 保存的参数、梯度、优化器状态逐级被切分，每卡显存从 120 GB 降到 1.9 GB",
                            "ZeRO's three stages: the parameters, gradients and optimizer states each GPU keeps are "
                            "partitioned stage by stage, cutting per-GPU memory from 120 GB to 1.9 GB"))
    rows = [
        (tr(lang, "数据并行", "Baseline"), tr(lang, "（基线）", "DP"), set(), "(2+2+K)Ψ"),
        ("ZeRO-1", "P_os", {"os"}, "4Ψ + KΨ/N"),
        ("ZeRO-2", "P_os+g", {"os", "g"}, "2Ψ + (2+K)Ψ/N"),
        ("ZeRO-3", "P_os+g+p", {"os", "g", "p"}, "(2+2+K)Ψ/N"),
    ]
    parts = [("p", 2, "blue"), ("g", 2, "orange"), ("os", 12, "green")]   # bytes per parameter
    u, bw, n_draw = 5, 64, 4
    col0, colw, top, pitch = 112, 88, 72, 100
    for j in range(n_draw):
        f.text(col0 + j * colw + colw / 2, top - 16, f"GPU {j}", size=16, weight="bold")
    rx = col0 + n_draw * colw + 6
    f.text(rx + 74, top - 38, tr(lang, "每卡显存", "per GPU"), size=16, weight="bold")
    f.text(rx + 74, top - 16, "Ψ = 7.5B, N = 64", size=16, weight="bold")
    for i, (name, sub, split, formula) in enumerate(rows):
        y = top + i * pitch
        f.text(12, y + 34, name, size=16, anchor="start", weight="bold")
        f.text(12, y + 56, sub, size=16, anchor="start", color="gray")
        for j in range(n_draw):
            bx = col0 + j * colw + (colw - bw) / 2
            by = y + 2
            for key, nbytes, fill in parts:
                h = nbytes * u
                if key in split:
                    f.rect(bx, by, bw, h, fill="none", rx=0, stroke="gray", sw=1, dash=True)
                    f.rect(bx + j * bw / n_draw, by, bw / n_draw, h, fill=fill, rx=0, sw=1.2)
                else:
                    f.rect(bx, by, bw, h, fill=fill, rx=0, sw=1.2)
                by += h + 4
        f.text(rx + 74, y + 32, formula, size=16, color="gray")
        f.text(rx + 74, y + 58, f"{values[i]:.1f} GB".replace(".0 GB", " GB"), size=18, weight="bold")
        if i:
            f.line(8, y - 10, 632, y - 10, color="#c9d1d6", sw=1)
    _legend(f, [(tr(lang, "参数 2Ψ（fp16）", "parameters 2Ψ (fp16)"), "blue"),
                (tr(lang, "梯度 2Ψ（fp16）", "gradients 2Ψ (fp16)"), "orange"),
                (tr(lang, "优化器状态 KΨ = 12Ψ（fp32 参数、m、v）", "optimizer states KΨ = 12Ψ (fp32 params, m, v)"),
                 "green")], 16, top + 4 * pitch + 12)
    f.text(16, top + 4 * pitch + 70, tr(lang, "虚线：已切走、由其他卡保存的部分（图中画 4 张卡）",
                                        "dashed: the part partitioned away to other GPUs (4 GPUs drawn)"),
           size=16, anchor="start", color="gray")
    return f


# --- 5. ZeRO-Offload ------------------------------------------------------------------------------------------------

def zero_offload(lang: str) -> Figure:
    f = Figure(640, 372, tr(lang, "ZeRO-Offload：GPU 保存 fp16 参数并做前向反向，CPU 保存 fp16 梯度、fp32 参数与 Adam 状态并做更新",
                            "ZeRO-Offload: the GPU keeps fp16 parameters and runs forward and backward; the CPU keeps "
                            "fp16 gradients, fp32 parameters and Adam states and runs the update"))
    gx, cx, w = 16, 396, 228
    f.rect(gx, 16, w, 300, fill="gray", rx=10)
    f.rect(cx, 16, w, 300, fill="gray", rx=10)
    f.text(gx + w / 2, 42, tr(lang, "GPU：显存 2Ψ + 激活", "GPU: 2Ψ + activations"), size=17, weight="bold")
    f.text(cx + w / 2, 42, tr(lang, "CPU：内存 14Ψ", "CPU: 14Ψ"), size=17, weight="bold")
    iw = 188
    # GPU side
    f.box(gx + 20, 92, iw, 40, tr(lang, "fp16 参数 2Ψ", "fp16 params 2Ψ"), fill="blue", size=16)
    f.box(gx + 20, 164, iw, 40, tr(lang, "① 前向", "① forward"), fill="white", size=16)
    f.box(gx + 20, 236, iw, 56, tr(lang, "② 反向\n得到 fp16 梯度", "② backward\n→ fp16 gradients"), fill="white", size=16)
    f.arrow(gx + 20 + iw / 2, 132, gx + 20 + iw / 2, 162)
    f.arrow(gx + 20 + iw / 2, 204, gx + 20 + iw / 2, 234)
    # CPU side
    states = [(tr(lang, "fp32 参数 4Ψ", "fp32 params 4Ψ"), 64), (tr(lang, "动量 m 4Ψ", "momentum 4Ψ"), 96),
              (tr(lang, "方差 v 4Ψ", "variance 4Ψ"), 128)]
    for lab, y in states:
        f.box(cx + 20, y, iw, 28, lab, fill="green", size=16, rx=3)
    f.box(cx + 20, 180, iw, 40, tr(lang, "④ CPU Adam 更新", "④ CPU Adam update"), fill="yellow", size=16, weight="bold")
    f.box(cx + 20, 252, iw, 40, tr(lang, "fp16 梯度 2Ψ", "fp16 gradients 2Ψ"), fill="orange", size=16)
    f.arrow(cx + 20 + iw / 2, 252, cx + 20 + iw / 2, 222)
    f.line(cx + 20 + iw / 2, 180, cx + 20 + iw / 2, 158, both=True)
    # transfers over PCIe
    f.arrow(cx + 20, 78, gx + 20 + iw + 2, 106, color="blue", sw=2.5)
    f.text(320, 64, tr(lang, "⑤ fp16 参数", "⑤ fp16 params"), size=16, color="blue", weight="bold")
    f.text(320, 124, "2Ψ", size=16, color="blue", weight="bold")
    f.arrow(gx + 20 + iw, 264, cx + 18, 272, color="orange", sw=2.5)
    f.text(320, 250, tr(lang, "③ fp16 梯度", "③ fp16 grads"), size=16, color="orange", weight="bold")
    f.text(320, 296, "2Ψ", size=16, color="orange", weight="bold")
    f.text(320, 182, "PCIe", size=16, weight="bold")
    f.text(320, 204, tr(lang, "每步 4Ψ", "4Ψ per step"), size=16)
    f.text(320, 346, tr(lang, "单位：字节，Ψ 为参数量；多卡时梯度先 reduce-scatter，每卡只下放自己那片",
                        "bytes, Ψ = parameters; with N GPUs each offloads only its gradient shard"), size=16,
           color="gray")
    return f


FIGURES = {
    "training-memory-breakdown": training_memory,
    "float-formats": float_formats,
    "amp-loss-scaling-loop": amp_loop,
    "zero-stages": zero_stages,
    "zero-offload-flow": zero_offload,
}
