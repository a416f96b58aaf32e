"""Distributed training in practice: how long one all-reduce of a 7B model's bf16 gradients (14 GB) takes on
different interconnects, from the ring formula t = 2 (N-1)/N * S / B (Patarasuk & Yuan 2009) with the bandwidths the
page uses (A100 NVLink 300 GB/s per direction; HDR InfiniBand 200 Gb/s per NIC), beside the compute of one step
(16 samples x 4096 tokens per GPU at 50% MFU of 312 TFLOPS), as on interview/training-infra/distributed-practice.md."""
import math

from kb.svg import Figure, tr


def ring_allreduce_s(size_bytes, n_gpus, bottleneck):
    return 2 * (n_gpus - 1) / n_gpus * size_bytes / bottleneck


def allreduce_by_network(lang: str) -> Figure:
    s = 7e9 * 2
    nvlink = 600e9 / 2
    cases = [
        (tr(lang, "1 台 DGX A100（NVLink）", "1 DGX A100 (NVLink)"), ring_allreduce_s(s, 8, nvlink), "green"),
        (tr(lang, "2 台，每台 8 × HDR 200 Gb/s", "2 nodes, 8×HDR 200 Gb/s"),
         ring_allreduce_s(s, 16, min(nvlink, 8 * 200e9 / 8)), "green"),
        (tr(lang, "2 台，每台 1 × 100 Gb/s", "2 nodes, 1×100 Gb/s"), ring_allreduce_s(s, 16, 100e9 / 8),
         "orange"),
        (tr(lang, "2 台，万兆以太网 10 GbE", "2 nodes, 10 GbE"), ring_allreduce_s(s, 16, 10e9 / 8), "red"),
    ]
    assert [round(c[1], 2) for c in cases] == [0.08, 0.13, 2.1, 21.0]  # the page's numbers
    compute = 6 * 7e9 * 16 * 4096 / (312e12 * 0.5)
    f = Figure(640, 360, tr(lang, "一次 7B 模型梯度 all-reduce 在不同网络上的耗时（对数坐标），与一步计算时间对比",
                            "Time of one all-reduce of a 7B model's gradients on different networks (log scale), "
                            "against the compute time of one step"))
    x0, x1, lo, hi = 262, 596, math.log10(0.05), math.log10(50)

    def x(v):
        return x0 + (math.log10(v) - lo) / (hi - lo) * (x1 - x0)

    f.text(320, 28, tr(lang, "14 GB bf16 梯度的一次 all-reduce", "One all-reduce of 14 GB of bf16 gradients"),
           size=17, weight="bold")
    for i, (name, t, color) in enumerate(cases):
        y = 60 + i * 62
        f.text(x0 - 10, y + 22, name, size=16, anchor="end")
        f.rect(x0, y + 4, x(t) - x0, 30, fill=color, rx=3)
        label = f"{t:.2f} s" if t < 10 else f"{t:.0f} s"
        f.text(x(t) + 8, y + 25, label, size=16, anchor="start", weight="bold")
    cx = x(compute)
    f.line(cx, 52, cx, 306, color="blue", sw=2, dash=True)
    f.text(cx - 6, 326, tr(lang, f"一步计算 ≈ {compute:.1f} s", f"one step of compute ≈ {compute:.1f} s"), size=16,
           anchor="end", color="blue")
    for v in (0.1, 1, 10):
        f.line(x(v), 302, x(v), 310, color="gray")
        f.text(x(v), 352, f"{v:g} s", size=16, color="gray")
    f.line(x0, 306, x1, 306, color="gray")
    return f


FIGURES = {"allreduce-by-network": allreduce_by_network}
