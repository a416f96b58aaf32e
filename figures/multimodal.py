"""Multimodal LLMs: the four ways of connecting a vision encoder to an LLM — a linear/MLP projector (LLaVA, Liu et al.
2023, arXiv:2304.08485; LLaVA-1.5, arXiv:2310.03744), a Q-Former with 32 learned queries (BLIP-2, Li et al. 2023,
arXiv:2301.12597), a Perceiver Resampler with 64 latents plus gated cross-attention layers inside a frozen LM
(Flamingo, Alayrac et al. 2022, arXiv:2204.14198) and early fusion of discrete image tokens in one transformer
(Chameleon, 2024, arXiv:2405.09818) — and the number of visual tokens an image costs as its resolution grows: fixed
336-px input (LLaVA-1.5: (336/14)^2 = 576), AnyRes tiling (LLaVA-NeXT, 2024; the grid choice, padding removal and
newline tokens of the llava-v1.6 configuration) and native resolution with a 2x2 merge (Qwen2-VL, Wang et al. 2024,
arXiv:2409.12191: one token per 28x28 pixels). The token functions are the same as the runnable calculator on the
page interview/multimodal/multimodal-llms.md."""
import math

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=12)  # every label must fit its box (kb.svg.fits)
_box = functools.partial(Figure.fit_box, pad=12, check_height=False)



# ---------------------------------------------------------------------------------------------------------------
# Visual-token counts (square images of side s pixels)

PINPOINTS = [(336, 672), (672, 336), (672, 672), (1008, 336), (336, 1008)]  # (height, width), llava-v1.6


def fixed_tokens(side=336, patch=14):
    return (side // patch) ** 2


def _best_resolution(h, w, candidates=PINPOINTS):
    best, best_eff, best_waste = None, -1, float("inf")
    for ch, cw in candidates:
        scale = min(cw / w, ch / h)
        eff = min(int(w * scale) * int(h * scale), w * h)
        waste = ch * cw - eff
        if eff > best_eff or (eff == best_eff and waste < best_waste):
            best, best_eff, best_waste = (ch, cw), eff, waste
    return best


def anyres_tokens(h, w, tile=336, patch=14):
    gh, gw = _best_resolution(h, w)
    p = tile // patch                                   # 24 features per tile side
    cur_h, cur_w = p * (gh // tile), p * (gw // tile)
    if w / h > cur_w / cur_h:                          # remove the rows that are only padding
        new_h = int(round(h * (cur_w / w), 7))
        cur_h -= 2 * ((cur_h - new_h) // 2)
    else:
        new_w = int(round(w * (cur_h / h), 7))
        cur_w -= 2 * ((cur_w - new_w) // 2)
    return cur_h * cur_w + cur_h + p * p               # tiles (unpadded) + one newline per row + overview


def native_tokens(h, w, patch=14, merge=2):
    f = patch * merge                                  # 28 px per LLM token after the 2x2 merge
    return max(1, round(h / f)) * max(1, round(w / f))


def architectures(lang: str) -> Figure:
    W, H = 640, 476
    f = Figure(W, H, tr(lang, "视觉编码器接入 LLM 的四种方式：MLP 投影（LLaVA）、Q-Former（BLIP-2）、交叉注意力（Flamingo）"
                              "和早期融合（Chameleon）",
                        "Four ways to connect vision to an LLM: an MLP projector (LLaVA), a Q-Former (BLIP-2), "
                        "cross-attention layers (Flamingo) and early fusion (Chameleon)"))
    pw, ph, gap = 308, 222, 12
    panels = [
        (12, 8, tr(lang, "① MLP 投影（LLaVA）", "① MLP projector (LLaVA)"),
         "ViT", tr(lang, "MLP 投影", "MLP projector"), ["b"] * 3 + ["o"] * 6,
         tr(lang, "576 个视觉 token 拼进序列", "576 visual tokens in the sequence"),
         tr(lang, "LLM（自注意力）", "LLM (self-attention)"), False),
        (12 + pw + gap, 8, tr(lang, "② Q-Former（BLIP-2）", "② Q-Former (BLIP-2)"),
         "ViT", tr(lang, "Q-Former\n32 个查询", "Q-Former\n32 queries"), ["o"] * 3 + ["b"] * 5,
         tr(lang, "32 个查询 token 拼进序列", "32 query tokens in the sequence"),
         tr(lang, "LLM（冻结）", "LLM (frozen)"), False),
        (12, 8 + ph + gap, tr(lang, "③ 交叉注意力（Flamingo）", "③ Cross-attention (Flamingo)"),
         "ViT", tr(lang, "重采样器\n64 个 token", "Resampler\n64 tokens"), ["b"] * 5,
         tr(lang, "序列里只有文本", "only text in the sequence"),
         None, True),
        (12 + pw + gap, 8 + ph + gap, tr(lang, "④ 早期融合（Chameleon）", "④ Early fusion (Chameleon)"),
         tr(lang, "图像", "image"), tr(lang, "VQ 分词器", "VQ tokenizer"), ["b", "o", "o", "b", "b", "b", "o", "o"],
         tr(lang, "离散图像 token 与文本交错", "discrete image and text tokens"),
         tr(lang, "单一 Transformer", "one Transformer"), False),
    ]
    for px, py, title, enc, conn, toks, tok_label, llm, xattn in panels:
        f.rect(px, py, pw, ph, fill="none", stroke="gray", rx=10, sw=1.2)
        f.text(px + pw / 2, py + 26, title, size=17, weight="bold")
        # row 1: encoder -> connector
        ex, ey, ew, eh = px + 14, py + 42, 74, 50
        _box(f, ex, ey, ew, eh, enc, fill="green" if enc == "ViT" else "gray")
        cx, cw = ex + ew + 36, 150
        _box(f, cx, ey, cw, eh, conn, fill="orange")
        f.arrow(ex + ew + 2, ey + eh / 2, cx - 3, ey + eh / 2, sw=1.8)
        # row 2: the token sequence the LLM reads
        ty, s = py + 112, 20
        for i, t in enumerate(toks):
            f.rect(px + 16 + i * (s + 4), ty, s, s, fill="orange" if t == "o" else "blue", rx=3, sw=1.2)
        if not xattn and toks[0] == "o":
            # BLIP-2: the 32 query outputs are a soft visual prompt placed in front of the text
            n_vis = toks.index("b")
            f.arrow(cx + 12, ey + eh + 2, px + 16 + n_vis * (s + 4) / 2 + 6, ty - 3, sw=1.8)
        elif not xattn:
            f.arrow(cx + cw / 2, ey + eh + 2, cx + cw / 2, ty - 3, sw=1.8)
        _fits(tok_label, 16, pw - 12)
        f.text(px + 16, ty + s + 24, tok_label, size=16, anchor="start", color="gray")
        # row 3: the LLM
        ly, lh = py + 164, 44
        if xattn:
            lw = (pw - 28) / 2
            _box(f, px + 14, ly, lw - 3, lh, tr(lang, "自注意力", "self-attn"), fill="blue")
            _box(f, px + 14 + lw + 3, ly, lw - 3, lh, tr(lang, "门控交叉注意力", "gated x-attn"), fill="purple")
            # visual tokens enter as keys/values of the cross-attention layers, not as sequence positions
            f.arrow(cx + cw - 20, ey + eh + 2, cx + cw - 20, ly - 3, color="purple", sw=2)
            f.text(cx + cw - 28, ty + 16, "K/V", size=16, anchor="end", color="purple", weight="bold")
        else:
            _box(f, px + 14, ly, pw - 28, lh, llm, fill="blue")
    return f


def token_count(lang: str) -> Figure:
    sides = list(range(224, 2017, 8))
    fixed = [fixed_tokens() for _ in sides]
    anyres = [anyres_tokens(s, s) for s in sides]
    native = [native_tokens(s, s) for s in sides]
    # the page's numbers (runnable calculator in question visual-token-count)
    assert fixed_tokens() == 576 and anyres_tokens(672, 672) == 2928 and anyres_tokens(224, 224) == 1176
    assert native_tokens(224, 224) == 64 and native_tokens(672, 672) == 576 and native_tokens(1344, 1344) == 2304

    W, H = 640, 430
    f = Figure(W, H, tr(lang, "视觉 token 数随图像边长的变化：固定分辨率恒为 576，AnyRes 切块后跳到约 2900 封顶，"
                              "原生分辨率加 2×2 合并与面积成正比（随边长平方增长）",
                        "Visual tokens versus image side length: fixed resolution stays at 576, AnyRes tiling jumps "
                        "to about 2,900 and stops, native resolution with a 2×2 merge grows with the area"))
    px0, px1, py0, py1 = 78, 470, 30, 350
    lo, hi = 6, 13                                      # log2 of the y range: 64 .. 8192 tokens

    def X(s):
        return px0 + (s - 224) / (2016 - 224) * (px1 - px0)

    def Y(t):
        return py1 - (math.log2(t) - lo) / (hi - lo) * (py1 - py0)

    for k in range(lo, hi + 1):
        t = 2 ** k
        f.line(px0, Y(t), px1, Y(t), color="gray", sw=0.8)
        f.text(px0 - 8, Y(t) + 6, f"{t:,}", size=16, anchor="end", color="gray")
    for s in (224, 672, 1120, 1568, 2016):
        f.line(X(s), py1, X(s), py1 + 6, color="gray", sw=1.2)
        f.text(X(s), py1 + 26, str(s), size=16, color="gray")
    f.line(px0, py0, px0, py1, color="gray", sw=1.2)
    f.text((px0 + px1) / 2, py1 + 54, tr(lang, "正方形图像边长（像素）", "side of a square image (pixels)"), size=16)
    f.text(px0 - 70, py0 - 12, tr(lang, "视觉 token 数（对数刻度）", "visual tokens (log scale)"), size=16, anchor="start")

    def steps(vals):                                    # draw step functions with vertical jumps
        pts = []
        for s, v in zip(sides, vals):
            if pts and v != pts[-1][2]:
                pts.append((s, X(s), v))
            pts.append((s, X(s), v))
        out, prev = [], None
        for s, x, v in pts:
            if prev is not None and v != prev:
                out.append((x, Y(prev)))
            out.append((x, Y(v)))
            prev = v
        return out

    f.polyline([(X(s), Y(v)) for s, v in zip(sides, fixed)], color="gray", sw=3)
    f.polyline(steps(anyres), color="orange", sw=3)
    grid28 = range(224, 2017, 28)                       # sample the native curve where s is a multiple of 28
    f.polyline([(X(s), Y(native_tokens(s, s))) for s in grid28], color="blue", sw=3)
    f.circle(X(672), Y(576), 5, fill="blue", stroke="blue")
    f.text(X(672) + 10, Y(576) + 24, tr(lang, "672 px：576", "672 px: 576"), size=16, anchor="start", color="blue")

    lx = px1 + 12
    labels = [
        (Y(native[-1]) - 24, "blue", tr(lang, "原生分辨率\n（Qwen2-VL）", "native res.\n(Qwen2-VL)")),
        (Y(anyres[-1]) + 26, "orange", tr(lang, "AnyRes 切块\n（LLaVA-NeXT）", "AnyRes tiles\n(LLaVA-NeXT)")),
        (Y(fixed[-1]) + 6, "gray", tr(lang, "固定 336 px\n（LLaVA-1.5）", "fixed 336 px\n(LLaVA-1.5)")),
    ]
    for ty, color, lab in labels:
        _fits(lab, 16, W - lx + 6, pad=0)
        f.text(lx, ty, lab, size=16, anchor="start", color=color, weight="bold")
    return f


FIGURES = {"vlm-architectures": architectures, "visual-token-count": token_count}
