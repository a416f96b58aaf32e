"""Test-time compute for reasoning models: the three ways to spend it (parallel sampling with a vote or a verifier,
after Wang et al. 2022, arXiv:2203.11171, and Cobbe et al. 2021, arXiv:2110.14168; sequential revision and search
against a process reward model, after Snell et al. 2024, arXiv:2408.03314, and Lightman et al. 2023,
arXiv:2305.20050), and the accuracy of plurality voting as the number of samples N grows (Condorcet's jury theorem;
the same error model as the runnable simulation on the page interview/reasoning/reasoning-models.md)."""
import math
from itertools import product

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=16)  # every label must fit its box (kb.svg.fits)
_box = functools.partial(Figure.fit_box, pad=16, check_height=False)



def strategies(lang: str) -> Figure:
    # Three panels. Parallel: N independent samples -> vote (self-consistency) or verifier score (best-of-N).
    # Sequential: each attempt is conditioned on the previous one (revision / a longer chain of thought).
    # Search: a process reward model scores partial solutions step by step; low-scoring branches are pruned.
    W, H = 640, 470
    f = Figure(W, H, tr(lang, "三种测试时计算方式：并行采样后投票或用验证器选优、串行修订、用过程奖励模型引导的树搜索",
                        "Three ways to spend test-time compute: parallel sampling with a vote or a verifier, "
                        "sequential revision, and tree search guided by a process reward model"))
    pw, gap = 200, 10
    xs = [10, 10 + pw + gap, 10 + 2 * (pw + gap)]
    titles = [tr(lang, "① 并行", "① Parallel"), tr(lang, "② 串行", "② Sequential"), tr(lang, "③ 树搜索", "③ Tree search")]
    notes = [tr(lang, "自洽性 / best-of-N\n可并行，延迟低\n需答案可比或验证器", "self-consistency,\nbest-of-N; low latency;\n"
                "needs vote/verifier"),
             tr(lang, "自我修订 / 长思维链\n延迟随步数增长\n需模型会纠错", "revision, long CoT;\nlatency grows;\n"
                "needs self-correction"),
             tr(lang, "束搜索 / MCTS\n按步打分、剪枝\n需过程奖励模型", "beam search, MCTS;\nscore steps, prune;\n"
                "needs a step verifier")]
    for i, x in enumerate(xs):
        f.rect(x, 8, pw, H - 16, fill="none", stroke="gray", rx=10, dash=True)
        f.text(x + pw / 2, 36, titles[i], size=18, weight="bold")
        _fits(notes[i], 16, pw)
        f.text(x + pw / 2, 384, notes[i], size=16, color="gray")

    # ① parallel: question -> 4 samples -> aggregator -> answer
    x = xs[0]
    _box(f, x + 40, 54, 120, 34, tr(lang, "问题", "question"), fill="blue")
    answers = [("12", True), ("7", False), ("12", True), ("12", True)]
    sw_, sh = 38, 84
    sx0 = x + (pw - (4 * sw_ + 3 * 8)) / 2
    for k, (ans, ok) in enumerate(answers):
        sx = sx0 + k * (sw_ + 8)
        f.arrow(x + pw / 2, 88, sx + sw_ / 2, 118, color="gray", sw=1.3)
        f.rect(sx, 120, sw_, sh, fill="green" if ok else "red")
        for j in range(3):
            f.line(sx + 7, 136 + j * 14, sx + sw_ - 7, 136 + j * 14, color="gray", sw=1.2)
        f.text(sx + sw_ / 2, 194, ans, size=16, weight="bold")
        f.arrow(sx + sw_ / 2, 206, x + pw / 2 + (k - 1.5) * 24, 244, color="gray", sw=1.3)
    _box(f, x + 20, 246, 160, 56, tr(lang, "多数投票\n或验证器打分", "majority vote\nor verifier score"),
         fill="yellow")
    f.arrow(x + pw / 2, 302, x + pw / 2, 326, sw=1.6)
    _box(f, x + 50, 328, 100, 32, tr(lang, "答案 12", "answer 12"), fill="green", weight="bold")

    # ② sequential: attempt -> revise -> attempt -> revise -> final
    x = xs[1]
    _box(f, x + 40, 54, 120, 34, tr(lang, "问题", "question"), fill="blue")
    steps = [(tr(lang, "尝试 1：7", "attempt 1: 7"), "red"), (tr(lang, "尝试 2：10", "attempt 2: 10"), "red"),
             (tr(lang, "尝试 3：12", "attempt 3: 12"), "green")]
    f.arrow(x + pw / 2, 88, x + pw / 2, 108, sw=1.6)
    box_y = [110, 190, 270]
    for k, ((lab, fill), by) in enumerate(zip(steps, box_y)):
        _box(f, x + 30, by, 140, 36, lab, fill=fill)
        if k < len(steps) - 1:
            f.arrow(x + pw / 2, by + 36, x + pw / 2, box_y[k + 1] - 2, color="orange", sw=2)
            f.text(x + pw / 2 + 8, by + 64, tr(lang, "检查、修改", "check, revise"), size=16, color="orange",
                   anchor="start")
    f.arrow(x + pw / 2, 306, x + pw / 2, 326, sw=1.6)
    _box(f, x + 50, 328, 100, 32, tr(lang, "答案 12", "answer 12"), fill="green", weight="bold")

    # ③ tree search guided by a PRM: root -> 3 children (scores) -> best child expanded -> 2 children -> answer
    x = xs[2]
    cx = x + pw / 2
    _box(f, x + 40, 54, 120, 34, tr(lang, "问题", "question"), fill="blue")
    r = 17
    level1 = [(x + 40, 0.2), (x + 100, 0.8), (x + 160, 0.4)]
    for nx, score in level1:
        keep = score >= 0.5
        f.line(cx, 88, nx, 140 - r, color="stroke" if keep else "gray", sw=1.6 if keep else 1.2, dash=not keep)
        f.circle(nx, 140, r, fill="green" if keep else "gray")
        f.text(nx, 146, f"{score:.1f}", size=16)
        if not keep:
            f.text(nx + r + 5, 146, "✗", size=18, color="red", anchor="start")
    level2 = [(x + 70, 0.9), (x + 130, 0.3)]
    for nx, score in level2:
        keep = score >= 0.5
        f.line(x + 100, 140 + r, nx, 220 - r, color="stroke" if keep else "gray", sw=1.6 if keep else 1.2,
               dash=not keep)
        f.circle(nx, 220, r, fill="green" if keep else "gray")
        f.text(nx, 226, f"{score:.1f}", size=16)
        if not keep:
            f.text(nx + r + 5, 226, "✗", size=18, color="red", anchor="start")
    note = tr(lang, "数字：\nPRM 步级分", "numbers:\nPRM scores")
    _fits(note, 16, 96, pad=0)
    f.text(x + pw - 8, 270, note, size=16, color="gray", anchor="end")
    f.arrow(x + 70, 220 + r, x + 90, 326, sw=1.6)
    _box(f, x + 50, 328, 100, 32, tr(lang, "答案 12", "answer 12"), fill="green", weight="bold")
    return f


# --- plurality voting -------------------------------------------------------------------------------------------

def vote_acc_one_wrong(p: float, n: int) -> float:
    """All errors are the same wrong answer: P(correct answer wins), ties broken by a fair coin (Condorcet)."""
    win = sum(math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n // 2 + 1, n + 1))
    tie = math.comb(n, n // 2) * (p * (1 - p)) ** (n // 2) if n % 2 == 0 else 0.0
    return win + tie / 2


def vote_acc_exact(probs, n: int) -> float:
    """probs[0] = P(correct), probs[1:] = P(each wrong answer); exact plurality-vote accuracy, random tie-break."""
    m = len(probs)
    total = 0.0
    for counts in product(range(n + 1), repeat=m - 1):
        rest = n - sum(counts)
        if rest < 0:
            continue
        c = (rest,) + counts
        top = max(c)
        if c[0] < top:
            continue
        coef = math.factorial(n)
        for k in c:
            coef //= math.factorial(k)
        total += coef * math.prod(q ** k for q, k in zip(probs, c)) / sum(k == top for k in c)
    return total


def majority_vote_curve(lang: str) -> Figure:
    ns = list(range(1, 42, 2))  # odd N only: with a fair tie-break, N = 2k has the same accuracy as N = 2k - 1
    up = [vote_acc_one_wrong(0.6, n) for n in ns]
    down = [vote_acc_one_wrong(0.4, n) for n in ns]
    spread = [vote_acc_exact([0.4, 0.2, 0.2, 0.2], n) for n in ns]
    # the page's numbers (code block in question majority-vote-vs-best-of-n)
    assert round(vote_acc_one_wrong(0.6, 25), 3) == 0.846 and round(vote_acc_one_wrong(0.4, 25), 3) == 0.154
    assert round(vote_acc_exact([0.4, 0.2, 0.2, 0.2], 25), 3) == 0.799
    assert all(a < b for a, b in zip(up, up[1:])) and all(a > b for a, b in zip(down, down[1:]))
    assert all(a < b for a, b in zip(spread, spread[1:]))

    W, H = 640, 440
    f = Figure(W, H, tr(lang, "多数投票的准确率随采样数 N 的变化：单样本准确率 p = 0.6 时上升，p = 0.4 且错误答案一致时下降，"
                              "p = 0.4 但错误分散时仍上升",
                        "Majority-vote accuracy versus the number of samples N: it rises for p = 0.6, falls for p = 0.4 "
                        "when all errors agree, and still rises for p = 0.4 when errors are spread out"))
    px0, px1, py0, py1 = 70, 470, 40, 360
    nmax = 41

    def X(n):
        return px0 + (n - 1) / (nmax - 1) * (px1 - px0)

    def Y(a):
        return py1 - a * (py1 - py0)

    # axes and grid
    for a in (0.0, 0.25, 0.5, 0.75, 1.0):
        f.line(px0, Y(a), px1, Y(a), color="gray", sw=0.8 if a not in (0.0, 0.5) else 1.2, dash=a == 0.5)
        f.text(px0 - 8, Y(a) + 6, f"{a:.2f}".rstrip("0").rstrip(".") if a not in (0.0, 1.0) else f"{a:.0f}",
               size=16, anchor="end", color="gray")
    for n in (1, 11, 21, 31, 41):
        f.line(X(n), py1, X(n), py1 + 6, color="gray", sw=1.2)
        f.text(X(n), py1 + 26, str(n), size=16, color="gray")
    f.line(px0, py0, px0, py1, color="gray", sw=1.2)
    f.text((px0 + px1) / 2, py1 + 54, tr(lang, "采样数 N（奇数）", "samples N (odd)"), size=16)
    f.text(px0 - 8, py0 - 14, tr(lang, "投票准确率", "vote accuracy"), size=16, anchor="start")

    f.polyline([(X(n), Y(a)) for n, a in zip(ns, up)], color="blue", sw=3)
    f.polyline([(X(n), Y(a)) for n, a in zip(ns, spread)], color="green", sw=3, dash=True)
    f.polyline([(X(n), Y(a)) for n, a in zip(ns, down)], color="red", sw=3)
    for n, a, color in ((ns[0], up[0], "blue"), (ns[0], down[0], "red")):
        f.circle(X(n), Y(a), 4, fill=color, stroke=color)

    # labels at the right end of each curve
    lx = px1 + 12
    labels = [
        (up[-1], "blue", tr(lang, "p = 0.6\n错误都相同", "p = 0.6\nerrors agree")),
        (spread[-1], "green", tr(lang, "p = 0.4\n错误分散为 3 个\n（各 0.2）", "p = 0.4, errors\nspread over 3\n(0.2 each)")),
        (down[-1], "red", tr(lang, "p = 0.4\n错误都相同", "p = 0.4\nerrors agree")),
    ]
    ys = [Y(up[-1]) - 14, Y(spread[-1]) + 34, Y(down[-1]) - 14]
    for (a, color, lab), ty in zip(labels, ys):
        _fits(lab, 16, W - lx + 8)
        f.text(lx, ty, lab, size=16, anchor="start", color=color, weight="bold")
    f.text((px0 + px1) / 2, 70, tr(lang, "N = 1 时即单样本准确率 p", "at N = 1 the accuracy is p"), size=16,
           color="gray")
    return f


FIGURES = {
    "test-time-scaling-strategies": strategies,
    "majority-vote-curve": majority_vote_curve,
}
