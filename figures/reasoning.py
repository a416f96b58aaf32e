"""Reasoning: chain-of-thought versus standard few-shot prompting (the layout of Wei et al. 2022, Figure 1,
arXiv:2201.11903, with our own example), self-consistency (Wang et al. 2022, arXiv:2203.11171), and the shapes of
chain, tree and graph of thoughts (Yao et al. 2023, arXiv:2305.10601; Besta et al. 2023, arXiv:2308.09687)."""
from kb.svg import Figure, text_width, tr

PAD = 10  # inner horizontal padding of a text box


def _check_fits(label: str, size: float, width: float) -> None:
    """Fail loudly (at generation time) when a line of a label would overflow its box."""
    for line in label.split("\n"):
        if text_width(line, size) > width - 2 * PAD:
            raise ValueError(f"label line too wide for its box ({width}): {line!r}")


def _textbox(f: Figure, x, y, w, label: str, fill: str, size=16, stroke="stroke", dash=False, gap=1.3,
             left=True, bold_first=False, min_h=0.0) -> float:
    """A box sized to its (pre-broken) lines; returns the box height. Lines are left-aligned by default."""
    _check_fits(label, size, w)
    lines = label.split("\n")
    h = max(len(lines) * size * gap + 14, min_h)
    f.rect(x, y, w, h, fill=fill, stroke=stroke, dash=dash)
    for i, line in enumerate(lines):
        ty = y + 7 + size * 0.95 + i * size * gap
        if left:
            f.text(x + PAD, ty, line, size=size, anchor="start", weight="bold" if bold_first and i == 0 else None)
        else:
            f.text(x + w / 2, ty, line, size=size, weight="bold" if bold_first and i == 0 else None)
    return h


def cot_vs_standard(lang: str) -> Figure:
    # Two prompts with the same exemplar question and the same new question; only the exemplar's answer differs
    # (answer only vs. reasoning chain + answer). Arithmetic: exemplar 4 x 12 - 15 = 33; new question: 3 x 8 = 24
    # spaces, 17 - 5 = 12 cars, 24 - 12 = 12 free. The standard prompt's typical slip ignores the 5 that left (24 - 17).
    assert 4 * 12 - 15 == 33 and 3 * 8 - (17 - 5) == 12 and 3 * 8 - 17 == 7
    W = 640
    colw, x1, x2 = 298, 16, 326
    f = Figure(W, 10, tr(lang, "标准少样本提示与思维链提示：示例答案不同，模型的输出也不同",
                         "Standard few-shot prompting versus chain-of-thought prompting: different exemplar answers, "
                         "different model outputs"))
    f.text(x1 + colw / 2, 26, tr(lang, "标准提示", "Standard prompting"), size=18, weight="bold")
    f.text(x2 + colw / 2, 26, tr(lang, "思维链提示", "Chain-of-thought prompting"), size=18, weight="bold")
    y = 40
    full = W - 2 * x1
    h = _textbox(f, x1, y, full, tr(lang, "示例问题：书架有 4 层，每层 12 本书，借走 15 本，还剩几本？",
                                    "Exemplar: A shelf has 4 rows of 12 books and 15 are\n"
                                    "borrowed. How many books are left?"), fill="blue")
    y += h + 10
    ha = _textbox(f, x1, y, colw, tr(lang, "示例答案：\n答案是 33。", "Exemplar answer:\nThe answer is 33."),
                  fill="gray", min_h=3 * 16 * 1.3 + 14)
    hb = _textbox(f, x2, y, colw, tr(lang, "示例答案：\n4 × 12 = 48，48 − 15 = 33。\n答案是 33。",
                                     "Exemplar answer:\n4 × 12 = 48, and 48 − 15 = 33.\nThe answer is 33."),
                  fill="yellow")
    y += max(ha, hb) + 10
    h = _textbox(f, x1, y, full, tr(lang, "新问题：停车场有 3 排车位，每排 8 个。停进 17 辆车，\n又开走 5 辆，还有几个空位？",
                                    "New question: A car park has 3 rows of 8 spaces. 17 cars\n"
                                    "park, then 5 leave. How many spaces are free?"), fill="blue")
    y += h
    # arrows into the model's outputs, one per column
    f.text(W / 2, y + 30, tr(lang, "同一个模型，不训练", "same model, no training"), size=16, color="gray")
    for cx in (x1 + colw / 2, x2 + colw / 2):
        f.arrow(cx, y + 4, cx, y + 44, sw=2)
    y += 48
    f.text(x1, y + 14, tr(lang, "模型输出", "Model output"), size=16, anchor="start", weight="bold")
    f.text(x2, y + 14, tr(lang, "模型输出", "Model output"), size=16, anchor="start", weight="bold")
    y += 22
    _textbox(f, x1, y, colw, tr(lang, "答案是 7。 ✗\n（忽略了开走的 5 辆）", "The answer is 7. ✗\n(ignores the 5 that left)"),
             fill="red")
    hd = _textbox(f, x2, y, colw, tr(lang, "共 3 × 8 = 24 个车位；\n还停着 17 − 5 = 12 辆；\n空位 24 − 12 = 12。\n答案是 12。 ✓",
                                     "3 × 8 = 24 spaces in all;\n17 − 5 = 12 cars remain;\n24 − 12 = 12 are free.\n"
                                     "The answer is 12. ✓"), fill="green")
    f.height = y + hd + 8
    return f


def self_consistency(lang: str) -> Figure:
    # Five chains sampled at temperature > 0 for the car-park question; answers 12, 7, 12, 12, 2 -> majority 12.
    chains = [
        (tr(lang, "17 − 5 = 12 辆；24 − 12 = 12", "17 − 5 = 12 cars; 24 − 12 = 12"), 12),
        (tr(lang, "3 × 8 = 24；24 − 17 = 7", "3 × 8 = 24; 24 − 17 = 7"), 7),
        (tr(lang, "24 个车位，还剩 12 辆车，空 12 个", "24 spaces, 12 cars stay, 12 free"), 12),
        (tr(lang, "24 − 17 + 5 = 12", "24 − 17 + 5 = 12"), 12),
        (tr(lang, "17 + 5 = 22；24 − 22 = 2", "17 + 5 = 22; 24 − 22 = 2"), 2),
    ]
    votes: dict[int, int] = {}
    for _, a in chains:
        votes[a] = votes.get(a, 0) + 1
    winner = max(votes, key=votes.get)
    assert winner == 12 and votes[12] == 3
    W = 640
    f = Figure(W, 10, tr(lang, "自洽性：对同一问题采样多条推理链，按最终答案多数投票",
                         "Self-consistency: sample several reasoning chains for one question and take a majority "
                         "vote over their final answers"))
    top = 44
    f.text(16, 26, tr(lang, "① 采样多条思维链（温度 > 0）", "① sample chains (temperature > 0)"), size=16,
           anchor="start", weight="bold")
    f.text(W - 16, 26, tr(lang, "② 投票", "② vote"), size=16, anchor="end", weight="bold")
    qx, qw = 16, 110
    cx, cw = 150, 330
    row, rh = 50, 38
    n = len(chains)
    mid = top + (n * row - (row - rh)) / 2
    qh = 120
    f.box(qx, mid - qh / 2, qw, qh, tr(lang, "问题\n+ CoT\n提示", "question\n+ CoT\nprompt"), fill="blue", size=16)
    vx, vw = 510, 114
    vh = 150
    vy = mid - vh / 2
    for i, (text, ans) in enumerate(chains):
        y = top + i * row
        f.arrow(qx + qw, mid, cx - 2, y + rh / 2, color="gray", sw=1.4)
        ok = ans == winner
        label = f"{text} → {ans}"
        _check_fits(label, 16, cw)
        f.rect(cx, y, cw, rh, fill="green" if ok else "gray")
        f.text(cx + PAD, y + rh / 2 + 6, label, size=16, anchor="start")
        f.arrow(cx + cw, y + rh / 2, vx - 2, vy + 20 + i * (vh - 40) / (n - 1), color="gray", sw=1.4)
    f.rect(vx, vy, vw, vh, fill="yellow")
    lines = [f"{a}: {'●' * c}" for a, c in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
    for i, line in enumerate(lines):
        f.text(vx + PAD, vy + 32 + i * 26, line, size=17, anchor="start", weight="bold" if i == 0 else None)
    f.text(vx + vw / 2, vy + vh - 16, tr(lang, f"答案：{winner}", f"answer: {winner}"), size=18, weight="bold",
           color="green")
    f.height = top + n * row + 4
    return f


def cot_tot_got(lang: str) -> Figure:
    # Three panels. Chain: input -> 4 thoughts -> output. Tree (ToT): each state branches, an evaluator prunes
    # hopeless states (x) and a dead end is backtracked; the kept path reaches the output. Graph (GoT): the input is
    # split (generation), parts are refined (self-loop) and merged pairwise (aggregation: several in-edges).
    W, H = 640, 420
    f = Figure(W, H, tr(lang, "思维链、思维树与思维图：一条路径、带剪枝与回溯的树、带聚合与精炼的图",
                        "Chain, tree and graph of thoughts: one path, a tree with pruning and backtracking, "
                        "a graph with aggregation and refinement"))
    pw = 196
    xs = [14, 14 + pw + 12, 14 + 2 * (pw + 12)]
    titles = [tr(lang, "CoT：链", "CoT: chain"), tr(lang, "ToT：树", "ToT: tree"), tr(lang, "GoT：图", "GoT: graph")]
    notes = [tr(lang, "一条路径，\n不分叉、不回头", "one path: no\nbranching, no return"),
             tr(lang, "分支、评估、\n剪枝与回溯", "branch, score,\nprune, backtrack"),
             tr(lang, "拆分、精炼、\n聚合多条思路", "split, refine,\nmerge thoughts")]
    r = 13
    top, bottom = 78, 330
    for i, x in enumerate(xs):
        f.rect(x, 8, pw, H - 16, fill="none", stroke="gray", rx=10, dash=True)
        f.text(x + pw / 2, 38, titles[i], size=18, weight="bold")
        f.text(x + pw / 2, 364, notes[i], size=16, color="gray")

    def node(cx, cy, fill="blue", stroke="stroke"):
        f.circle(cx, cy, r, fill=fill, stroke=stroke, sw=1.8)

    def io(cx, cy, label, fill):
        w = text_width(label, 16) + 18
        f.box(cx - w / 2, cy - 14, w, 28, label, fill=fill, size=16)

    def edge(x1, y1, x2, y2, color="stroke", dash=False, sw=1.6):
        # from the rim of one node to the rim of the other
        dx, dy = x2 - x1, y2 - y1
        d = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / d, dy / d
        f.arrow(x1 + ux * r, y1 + uy * r, x2 - ux * (r + 1), y2 - uy * (r + 1), color=color, dash=dash, sw=sw)

    inp, out = tr(lang, "输入", "input"), tr(lang, "输出", "output")
    # --- chain
    cx = xs[0] + pw / 2
    io(cx, top - 8, inp, "gray")
    ys = [top + 42 + k * 52 for k in range(4)]
    prev = top + 6 - r
    for k, y in enumerate(ys):
        f.arrow(cx, prev + r, cx, y - r - 1, sw=1.6)
        node(cx, y)
        prev = y
    f.arrow(cx, prev + r, cx, bottom - 14 - 1, sw=1.6)
    io(cx, bottom, out, "green")
    # --- tree
    x0 = xs[1]
    rx = x0 + pw / 2
    io(rx, top - 8, inp, "gray")
    l1 = [(x0 + 40, top + 50), (x0 + 100, top + 50), (x0 + 160, top + 50)]
    for (nx, ny) in l1:
        f.arrow(rx, top + 6, nx, ny - r - 1, sw=1.6)
    node(*l1[0], fill="white", stroke="red")
    f.text(l1[0][0], l1[0][1] + 6, "✗", size=17, color="red", weight="bold")
    node(*l1[1], fill="blue")
    node(*l1[2], fill="white", stroke="red")
    f.text(l1[2][0], l1[2][1] + 6, "✗", size=17, color="red", weight="bold")
    l2 = [(x0 + 62, top + 120), (x0 + 138, top + 120)]
    for (nx, ny) in l2:
        edge(*l1[1], nx, ny)
    node(*l2[0], fill="white", stroke="red")  # a dead end found one level down ...
    f.text(l2[0][0], l2[0][1] + 6, "✗", size=17, color="red", weight="bold")
    node(*l2[1], fill="green")
    # ... so the search backtracks to the parent and continues with the sibling
    f.path(f"M {l2[0][0] - 14} {l2[0][1] - 6} C {x0 + 18} {top + 100}, {x0 + 40} {top + 76}, "
           f"{l1[1][0] - 16} {l1[1][1] + 4}", color="orange", sw=2, dash=True, arrow=True)
    f.text(x0 + 8, top + 150, tr(lang, "回溯", "backtrack"), size=16, anchor="start", color="orange")
    l3 = (x0 + 138, top + 190)
    edge(*l2[1], *l3, color="green", sw=2.2)
    node(*l3, fill="green")
    f.arrow(l3[0], l3[1] + r, l3[0], bottom - 14 - 1, color="green", sw=2.2)
    io(l3[0], bottom, out, "green")
    f.text(x0 + pw - 8, top + 86, tr(lang, "✗ 剪枝", "✗ pruned"), size=16, anchor="end", color="red")
    # --- graph
    g0 = xs[2]
    gx = g0 + pw / 2
    io(gx, top - 8, inp, "gray")
    parts = [(g0 + 36, top + 50), (g0 + 96, top + 50), (g0 + 156, top + 50)]
    for (nx, ny) in parts:
        f.arrow(gx, top + 6, nx, ny - r - 1, sw=1.6)
        node(nx, ny)
    f.text(gx - 38, top - 3, tr(lang, "生成", "generate"), size=16, anchor="end", color="gray")
    # refinement: a self-loop on the right-hand part
    px, py = parts[2]
    f.path(f"M {px + 9} {py + 10} C {px + 34} {py + 34}, {px + 40} {py - 4}, {px + 13} {py - 3}",
           color="purple", sw=2, arrow=True)
    f.text(g0 + pw - 6, py + 42, tr(lang, "精炼", "refine"), size=16, anchor="end", color="purple")
    m1 = (g0 + 66, top + 130)
    for p in parts[:2]:
        edge(*p, *m1, color="teal", sw=2)
    node(*m1, fill="teal")
    m2 = (gx, top + 200)
    edge(*m1, *m2, color="teal", sw=2)
    edge(*parts[2], *m2, color="teal", sw=2)
    node(*m2, fill="teal")
    f.text(g0 + 8, top + 176, tr(lang, "聚合", "aggregate"), size=16, anchor="start", color="teal")
    f.arrow(m2[0], m2[1] + r, m2[0], bottom - 14 - 1, color="green", sw=2.2)
    io(gx, bottom, out, "green")
    return f


FIGURES = {
    "cot-vs-standard-prompting": cot_vs_standard,
    "self-consistency": self_consistency,
    "cot-tot-got": cot_tot_got,
}
