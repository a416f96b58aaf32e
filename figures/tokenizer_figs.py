"""Tokenizer and activation-function figures.

- bpe-merges: byte-pair encoding as used for subword segmentation (Sennrich et al. 2016, arXiv:1508.07909,
  Algorithm 1): words are split into characters plus an end-of-word marker </w>; each round counts adjacent symbol
  pairs weighted by word frequency and merges the most frequent pair. The toy corpus and the merges are the ones of
  the BPE trainer on the tokenizer page (ties broken by the lexicographically smallest pair, as in that code).
- unigram-lattice: the unigram language model of subword regularization (Kudo 2018, arXiv:1804.10959, section 3):
  P(x) = Π p(x_i); the best segmentation argmax P(x) is found by Viterbi over the lattice of candidate pieces.
  The toy vocabulary and probabilities are the ones of the English example at the end of the Viterbi code on the
  tokenizer page (chosen so that greedy longest match and Viterbi disagree).
- activation-curves: ReLU, GELU(x) = x·Φ(x) (Hendrycks & Gimpel 2016, arXiv:1606.08415) and
  SiLU/Swish-1(x) = x·σ(x) (Elfwing et al. 2017, arXiv:1702.03118; Ramachandran et al. 2017, arXiv:1710.05941),
  computed from the formulas on [−4, 4].
"""
import math
from collections import Counter

from kb.svg import Figure, text_width, tr

# --------------------------------------------------------------------------------------------------- BPE merges
BPE_CORPUS = [("deep", 4), ("sleep", 5), ("keep", 6), ("deeper", 3), ("sleeper", 2)]
EOW = "</w>"


def _merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def _pair_counts(words):
    pairs = Counter()
    for w, f in words.items():
        for p in zip(w, w[1:]):
            pairs[p] += f
    return pairs


def bpe_steps(n_merges=4):
    """(initial pair counts, [(pair, count)], final segmentation {word: symbols}, initial alphabet)."""
    words = {tuple(w) + (EOW,): f for w, f in BPE_CORPUS}
    alphabet = sorted({s for w in words for s in w})
    first = _pair_counts(words)
    merges = []
    for _ in range(n_merges):
        pairs = _pair_counts(words)
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append((best, pairs[best]))
        words = {_merge(w, best): f for w, f in words.items()}
    seg = {w: next(k for k in words if "".join(k) == w + EOW) for w, _ in BPE_CORPUS}
    return first, merges, seg, alphabet


def _chip(f: Figure, x, y, s, fill="blue", size=16, h=28):
    w = text_width(s, size, mono=True) + 12
    f.rect(x, y, w, h, fill=fill, rx=4, sw=1.2)
    f.text(x + w / 2, y + h / 2, s, size=size, middle=True, mono=True)
    return x + w


def bpe_merges(lang: str) -> Figure:
    first, merges, seg, alphabet = bpe_steps(4)
    f = Figure(640, 480, tr(lang, "BPE 在玩具语料上的前 4 次合并：统计相邻符号对、合并最频繁的一对、记入合并表",
                            "The first 4 BPE merges on a toy corpus: count adjacent symbol pairs, merge the most "
                            "frequent pair, append it to the merge list"))
    # corpus
    f.text(16, 26, tr(lang, "语料（词 × 频次），每个词拆成字符 + </w>", "corpus (word × count), each word split into "
                      "characters + </w>"), size=16, anchor="start", weight="bold")
    x = 16
    for w, c in BPE_CORPUS:
        x = _chip(f, x, 38, f"{w} ×{c}", fill="gray") + 10
    # panel A: pair counts of round 1
    f.text(16, 104, tr(lang, "第 1 轮：相邻对计数（按词频加权）", "round 1: weighted pair counts"),
           size=16, anchor="start", weight="bold")
    top = sorted(first.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    chosen = merges[0][0]
    for i, (pair, c) in enumerate(top):
        y = 118 + i * 30
        f.text(16, y + 19, f"{pair[0]} {pair[1]}", size=16, anchor="start", mono=True)
        bw = c * 9
        f.rect(92, y + 3, bw, 22, fill="orange" if pair == chosen else "blue", rx=3, sw=1)
        f.text(92 + bw + 6, y + 19, str(c), size=16, anchor="start")
    f.text(16, 318, tr(lang, "e e 与 e p 并列 20，取字典序较小的 e e", "e e and e p tie; e e sorts first"),
           size=16, anchor="start", color="gray")
    # panel B: the merge list
    bx = 330
    f.text(bx, 104, tr(lang, "合并表（顺序即优先级）", "merge list (order = priority)"), size=16, anchor="start",
           weight="bold")
    for i, ((a, b), c) in enumerate(merges):
        y = 118 + i * 44
        f.rect(bx, y, 294, 36, fill="orange" if i == 0 else "yellow", rx=6, sw=1.2)
        f.text(bx + 12, y + 24, f"{i + 1}.  {a} + {b} → {a + b}", size=16, anchor="start", mono=True)
        f.text(bx + 284, y + 24, tr(lang, f"{c} 次", f"×{c}"), size=16, anchor="end")
    f.text(bx, 318, tr(lang, "每轮合并后重新计数", "pairs are recounted after every merge"), size=16, anchor="start",
           color="gray")
    # panel C: segmentation after 4 merges
    f.text(16, 360, tr(lang, "4 次合并后的切分", "segmentation after 4 merges"), size=16, anchor="start",
           weight="bold")
    rows = [list(seg[w]) for w, _ in BPE_CORPUS]
    for i, toks in enumerate(rows):
        col, row = (0, i) if i < 3 else (1, i - 3)
        x = 16 + col * 320
        y = 372 + row * 34
        for t in toks:
            x = _chip(f, x, y, t, fill="green" if len(t) > 1 else "white") + 4
    n0, n = len(alphabet), len(alphabet) + len(merges)
    f.text(336, 460, tr(lang, f"词表：{n0} 个字符 + {len(merges)} 个新符号 = {n}",
                        f"vocabulary: {n0} characters + {len(merges)} new = {n}"), size=16, anchor="start",
           color="gray")
    return f


# ------------------------------------------------------------------------------------------------ unigram lattice
UNIGRAM_TEXT = "tokens"
UNIGRAM_P = {"t": 0.04, "o": 0.05, "k": 0.04, "e": 0.06, "n": 0.05, "s": 0.08,
             "to": 0.05, "tok": 0.02, "ken": 0.06, "en": 0.04, "ens": 0.01}


def unigram_viterbi(text=UNIGRAM_TEXT, p=UNIGRAM_P):
    """Best segmentation (list of (start, end)) and its log-probability, by Viterbi over the lattice."""
    logp = {k: math.log(v) for k, v in p.items()}
    best = [0.0] + [-math.inf] * len(text)
    back = [0] * (len(text) + 1)
    for end in range(1, len(text) + 1):
        for start in range(end):
            piece = text[start:end]
            if piece in logp and best[start] + logp[piece] > best[end]:
                best[end], back[end] = best[start] + logp[piece], start
    path, end = [], len(text)
    while end > 0:
        path.append((back[end], end))
        end = back[end]
    return path[::-1], best[-1]


def greedy_longest(text=UNIGRAM_TEXT, p=UNIGRAM_P):
    """Left-to-right longest-match segmentation (what WordPiece-style MaxMatch would do with this vocabulary)."""
    pieces, i = [], 0
    while i < len(text):
        j = max(j for j in range(i + 1, len(text) + 1) if text[i:j] in p)
        pieces.append(text[i:j])
        i = j
    return pieces


def _minus(v: float) -> str:
    return f"{v:.2f}".replace("-", "−")


def unigram_lattice(lang: str) -> Figure:
    text, p = UNIGRAM_TEXT, UNIGRAM_P
    path, best = unigram_viterbi()
    on_path = set(path)
    f = Figure(640, 450, tr(lang, "unigram 语言模型的切分网格：节点是字符边界，边是候选子词及其对数概率，"
                            "Viterbi 找到对数概率之和最大的路径",
                            "Segmentation lattice of a unigram language model: nodes are character boundaries, edges "
                            "are candidate pieces with their log-probabilities, and Viterbi finds the path with the "
                            "largest total"))
    xs = [50 + i * 90 for i in range(len(text) + 1)]
    y0 = 190
    edges = [(i, j) for i in range(len(text)) for j in range(i + 1, len(text) + 1) if text[i:j] in p]
    above = {(0, 3): 140, (2, 5): 70}
    below = {(0, 2): 60, (3, 5): 60, (3, 6): 122}
    for (i, j) in edges:
        piece = text[i:j]
        hot = (i, j) in on_path
        color, sw = ("red", 3.5) if hot else ("gray", 1.6)
        label = f"{piece} {_minus(math.log(p[piece]))}"
        if j == i + 1:
            f.line(xs[i] + 14, y0, xs[j] - 14, y0, color=color, sw=sw)
            mx = (xs[i] + xs[j]) / 2
            f.text(mx, y0 - 10, piece, size=16, color=color, weight="bold" if hot else None)
            f.text(mx, y0 + 26, _minus(math.log(p[piece])), size=16, color=color)
        else:
            h = above.get((i, j)) or -below[(i, j)]
            cx = (xs[i] + xs[j]) / 2
            rx = (xs[j] - xs[i]) / 2
            sweep = 1 if h > 0 else 0
            ys = y0 - 14 if h > 0 else y0 + 14
            f.path(f"M {xs[i]} {ys} A {rx} {abs(h)} 0 0 {sweep} {xs[j]} {ys}", color=color, sw=sw)
            if h > 0:
                f.text(cx, ys - abs(h) - 8, label, size=16, color=color, weight="bold" if hot else None)
            else:
                # below the line: put the label just under the bottom of the arc, right of the center for the
                # deep one so it does not sit on the shallow arc that starts at the same node
                f.text(cx + (36 if abs(h) > 100 else 0), ys + abs(h) + 20, label, size=16, color=color,
                       weight="bold" if hot else None)
    for i, x in enumerate(xs):
        f.circle(x, y0, 14, fill="white")
        f.text(x, y0, str(i), size=16, middle=True)
    words = " + ".join(text[i:j] for i, j in path)
    greedy = greedy_longest()
    g_lp = sum(math.log(p[x]) for x in greedy)
    chars = sum(math.log(p[c]) for c in text)
    f.text(16, 384, tr(lang, f"Viterbi 最优切分：{words}，log P = {_minus(best)}",
                       f"Viterbi best: {words}, log P = {_minus(best)}"), size=16, anchor="start", color="red",
           weight="bold")
    f.text(16, 412, tr(lang, f"从左往右最长匹配：{' + '.join(greedy)}，log P = {_minus(g_lp)}",
                       f"greedy longest match: {' + '.join(greedy)}, log P = {_minus(g_lp)}"), size=16,
           anchor="start", color="gray")
    f.text(16, 440, tr(lang, f"逐字符切分：log P = {_minus(chars)}（边权为自然对数 ln p）",
                       f"one piece per character: log P = {_minus(chars)} (edge weights are ln p)"), size=16,
           anchor="start", color="gray")
    return f


# ----------------------------------------------------------------------------------------------- activations
def gelu(x: float) -> float:
    return 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))


def silu(x: float) -> float:
    return x / (1.0 + math.exp(-x))


def activation_curves(lang: str) -> Figure:
    f = Figure(640, 400, tr(lang, "ReLU、GELU 与 SiLU（Swish，β = 1）在 [−4, 4] 上的曲线",
                            "ReLU, GELU and SiLU (Swish with β = 1) on [−4, 4]"))
    left, top, w, h = 70, 24, 520, 300
    x_lo, x_hi, y_lo, y_hi = -4.0, 4.0, -1.5, 4.0

    def px(x):
        return left + (x - x_lo) / (x_hi - x_lo) * w

    def py(y):
        return top + (y_hi - y) / (y_hi - y_lo) * h

    f.rect(left, top, w, h, fill="none", rx=0, sw=1)
    for x in (-4, -2, 0, 2, 4):
        f.line(px(x), top, px(x), top + h, color="#d0d4d8", sw=1)
        f.text(px(x), top + h + 22, str(x).replace("-", "−"), size=16)
    for y in (-1, 0, 1, 2, 3, 4):
        f.line(left, py(y), left + w, py(y), color="#d0d4d8", sw=1)
        f.text(left - 8, py(y) + 6, str(y).replace("-", "−"), size=16, anchor="end")
    f.line(left, py(0), left + w, py(0), color="gray", sw=1.2)
    f.line(px(0), top, px(0), top + h, color="gray", sw=1.2)
    xs = [x_lo + k * (x_hi - x_lo) / 320 for k in range(321)]
    curves = [("ReLU  max(0, x)", lambda x: max(0.0, x), "gray", True),
              ("GELU  x·Φ(x)", gelu, "blue", False),
              ("SiLU  x·σ(x)", silu, "orange", False)]
    for name, fn, color, dash in curves:
        f.polyline([(px(x), py(fn(x))) for x in xs], color=color, sw=3 if not dash else 2.5, dash=dash)
    # minima of the smooth ones (computed on a fine grid), labelled in the empty lower-left corner
    grid = [-3 + k / 1000 for k in range(3001)]
    for k, (name, fn, color) in enumerate((("GELU", gelu, "blue"), ("SiLU", silu, "orange"))):
        xm = min(grid, key=fn)
        f.circle(px(xm), py(fn(xm)), 5, fill="white", stroke=color, sw=2)
        f.text(left + 10, py(-0.8 - 0.42 * k), tr(lang, f"{name} 最小值 {_minus(fn(xm))}（x ≈ {_minus(xm)}）",
                                                    f"{name} minimum {_minus(fn(xm))} at x ≈ {_minus(xm)}"),
               size=16, anchor="start", color=color)
    # legend (upper left, where all curves are near zero)
    for k, (name, _, color, dash) in enumerate(curves):
        y = top + 28 + k * 28
        f.line(left + 16, y - 5, left + 52, y - 5, color=color, sw=3, dash=dash)
        f.text(left + 60, y, name, size=16, anchor="start")
    f.text(left + w / 2, top + h + 50, tr(lang, "x（SiLU 在 β → ∞ 时趋于 ReLU；GELU ≈ x·σ(1.702x)）",
                                          "x (SiLU tends to ReLU as β → ∞; GELU ≈ x·σ(1.702x))"), size=16)
    return f


FIGURES = {
    "bpe-merges": bpe_merges,
    "unigram-lattice": unigram_lattice,
    "activation-curves": activation_curves,
}
