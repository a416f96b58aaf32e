"""Attention variants: MHA / GQA / MQA head sharing (Shazeer 2019, arXiv:1911.02150; Ainslie et al. 2023,
arXiv:2305.13245) and FlashAttention's tiling (Dao et al. 2022, arXiv:2205.14135)."""
from kb.svg import Figure, tr


def mha_gqa_mqa(lang: str) -> Figure:
    # 8 query heads; MHA has 8 K/V heads, GQA (g = 2) 2 groups of 4, MQA 1. KV cache per token and layer:
    # 2 * n_kv_heads * d_head values (the "2" is K and V).
    f = Figure(640, 372, tr(lang, "多头、分组查询与多查询注意力的 K/V 头共享方式",
                            "How multi-head, grouped-query and multi-query attention share key/value heads"))
    cols = [
        ("MHA", 8, tr(lang, "KV 缓存 ×1", "KV cache ×1"), "blue"),
        ("GQA", 2, tr(lang, "KV 缓存 ×1/4", "KV cache ×1/4"), "green"),
        ("MQA", 1, tr(lang, "KV 缓存 ×1/8", "KV cache ×1/8"), "orange"),
    ]
    panel_w, x0 = 200, 20
    for i, (name, n_kv, cache, color) in enumerate(cols):
        px = x0 + i * (panel_w + 10)
        f.text(px + panel_w / 2, 30, name, size=20, weight="bold")
        f.text(px + panel_w / 2, 54, tr(lang, f"{n_kv} 组 K/V", f"{n_kv} K/V head" + ("s" if n_kv > 1 else "")),
               size=16, color="gray")
        # 8 query heads in a row
        qw, gap = 20, 3.5
        qx0 = px + (panel_w - (8 * qw + 7 * gap)) / 2
        q_centres = []
        for h in range(8):
            x = qx0 + h * (qw + gap)
            f.box(x, 90, qw, 36, "Q", fill="purple", size=16)
            q_centres.append(x + qw / 2)
        # K/V heads
        kw = min(42, (panel_w - 10) / n_kv - 6)
        kv_centres = []
        for k in range(n_kv):
            slot = panel_w / n_kv
            x = px + k * slot + (slot - kw) / 2
            kv_centres.append(x + kw / 2)
            f.box(x, 200, kw, 30, "K", fill=color, size=16)
            f.box(x, 236, kw, 30, "V", fill=color, size=16)
        per = 8 // n_kv
        for h, qc in enumerate(q_centres):
            f.line(qc, 126, kv_centres[h // per], 200, color="gray", sw=1.2)
        f.rect(px, 280, panel_w, 40, fill="yellow", rx=6)
        f.text(px + panel_w / 2, 300, cache, size=17, middle=True, weight="bold")
    f.text(320, 352, tr(lang, "每个 token、每层缓存 2 × (K/V 头数) × d_head 个数：8 → 2 → 1 组",
                        "cache per token and layer: 2 × (K/V heads) × d_head values: 8 → 2 → 1 heads"),
           size=16, color="gray")
    return f


def flash_tiling(lang: str) -> Figure:
    # Outer loop over K/V blocks (FlashAttention-1) loads K_j, V_j into SRAM; inner loop over Q blocks; the N x N
    # score matrix is never written to HBM; running max m and sum l rescale the partial output.
    f = Figure(640, 380, tr(lang, "FlashAttention 分块计算：在 SRAM 中逐块计算注意力，不把 n×n 分数矩阵写回 HBM",
                            "FlashAttention tiling: attention is computed block by block in SRAM; the n×n score "
                            "matrix is never written to HBM"))
    # HBM column
    f.rect(16, 40, 190, 320, fill="gray", rx=10)
    f.text(111, 66, tr(lang, "HBM（显存，大而慢）", "HBM (large, slow)"), size=16, weight="bold")
    for j, (lab, col) in enumerate([("Q", "purple"), ("K", "blue"), ("V", "green"), ("O", "orange")]):
        y = 86 + j * 66
        f.text(36, y + 30, lab, size=18, weight="bold", anchor="start")
        cur = 1 if lab in ("K", "V") else 2  # the blocks in SRAM now: K_j, V_j (j = 1) and Q_i, O_i (i = 2)
        for b in range(4):
            f.rect(60 + b * 34, y + 10, 30, 36, fill=col, rx=3, stroke="red" if b == cur else "stroke",
                   sw=3 if b == cur else 1.2)
    # SRAM box
    f.rect(330, 40, 294, 230, fill="yellow", rx=10)
    f.text(477, 66, tr(lang, "SRAM（片上，小而快）", "SRAM (on-chip, small, fast)"), size=16, weight="bold")
    f.box(350, 84, 80, 40, "Q_i", fill="purple", size=17)
    f.box(350, 134, 80, 40, "K_j, V_j", fill="blue", size=16)
    f.box(452, 84, 152, 40, "S = Q_i K_jᵀ", fill="white", size=17)
    f.box(452, 134, 152, 40, "P = exp(S − m)", fill="white", size=17)
    f.box(350, 190, 254, 60, tr(lang, "O_i ← 按新的 m、ℓ 重缩放\n后累加 P·V_j", "O_i ← rescale by new m, ℓ,\nthen add P·V_j"),
          fill="orange", size=16)
    f.arrow(206, 190, 346, 154, color="blue", sw=2)
    f.arrow(206, 120, 346, 104, color="purple", sw=2)
    f.arrow(330, 230, 210, 310, color="orange", sw=2)
    f.text(477, 296, tr(lang, "外层循环：K/V 块 j（FlashAttention-1）", "outer loop: K/V blocks j (FlashAttention-1)"),
           size=16)
    f.text(477, 320, tr(lang, "内层循环：Q 块 i", "inner loop: Q blocks i"), size=16)
    f.text(477, 350, tr(lang, "HBM 读写 Θ(n²d²/M)，标准实现为 Θ(nd + n²)",
                        "HBM accesses Θ(n²d²/M), standard Θ(nd + n²)"), size=16,
           color="gray")
    return f


FIGURES = {"mha-gqa-mqa": mha_gqa_mqa, "flash-attention-tiling": flash_tiling}
