"""Preference optimization and RL after SFT (docs/*/interview/alignment/preference-optimization.md).

- dpo-vs-rlhf: RLHF (Ouyang et al. 2022, arXiv:2203.02155) fits a reward model r_phi on preference pairs, then
  optimizes the policy ONLINE (sample y ~ pi_theta, score with r_phi minus beta*KL to pi_ref, PPO update, repeat);
  DPO (Rafailov et al. 2023, arXiv:2305.18290, section 4) optimizes the SAME objective
  max E[r] - beta*KL(pi_theta || pi_ref) in one OFFLINE stage: the preference pairs and the frozen reference model
  feed a classification-style loss -log sigmoid(r_w - r_l) with the implicit reward r = beta*log(pi_theta/pi_ref).
- grpo-group-advantage: GRPO (Shao et al. 2024, DeepSeekMath, arXiv:2402.03300, section 4.1) samples a group of G
  outputs per prompt, scores them (here a rule-based 0/1 verifier as in DeepSeek-R1, arXiv:2501.12948) and uses
  A_i = (r_i - mean(r)) / std(r) as the advantage of every token of output i; no critic. The numbers are computed
  here from the rewards (population std), and match the page's NumPy example.
"""
import math

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=12)  # every label must fit its box (kb.svg.fits)
_box = functools.partial(Figure.fit_box, pad=12, check_height=True)



# --- 1. RLHF vs DPO ------------------------------------------------------------------------------------------------

def dpo_vs_rlhf(lang: str) -> Figure:
    f = Figure(640, 470, tr(lang, "RLHF 与 DPO：同一个 KL 正则化目标，RLHF 先训练奖励模型再在线强化学习，DPO 一步离线训练",
                            "RLHF and DPO: the same KL-regularized objective; RLHF trains a reward model and then runs "
                            "online RL, DPO trains in one offline stage"))
    # the shared objective
    _box(f, 10, 10, 620, 62,
         tr(lang, "共同目标：max E[r(x, y)] − β·KL(π_θ ‖ π_ref)\n最优解 π* ∝ π_ref · exp(r / β)",
            "Shared objective: max E[r(x, y)] − β·KL(π_θ ‖ π_ref)\noptimum π* ∝ π_ref · exp(r / β)"),
         fill="yellow")
    # RLHF lane
    f.text(10, 104, tr(lang, "RLHF：奖励模型 + 在线强化学习（PPO）", "RLHF: reward model + online RL (PPO)"),
           size=17, weight="bold", anchor="start", color="orange")
    bw, gap, x0 = 137, 24, 10
    xs = [x0 + i * (bw + gap) for i in range(4)]
    y1, h1 = 118, 82
    rlhf = [
        (tr(lang, "偏好对\n(x, y_w, y_l)", "preference\npairs\n(x, y_w, y_l)"), "white"),
        (tr(lang, "训练奖励\n模型 r_φ", "train a reward\nmodel r_φ"), "blue"),
        (tr(lang, "策略在线采样\ny ~ π_θ", "sample online\ny ~ π_θ"), "orange"),
        (tr(lang, "r_φ 打分\n− β·KL\nPPO 更新 π_θ", "score r_φ\n− β·KL,\nPPO update"), "orange"),
    ]
    for (label, fill), x in zip(rlhf, xs):
        _box(f, x, y1, bw, h1, label, fill=fill)
    for i in range(3):
        f.arrow(xs[i] + bw + 2, y1 + h1 / 2, xs[i + 1] - 3, y1 + h1 / 2, sw=2)
    # the online loop: update, then sample again
    xa, xb, yb = xs[3] + bw / 2, xs[2] + bw / 2, y1 + h1
    f.path(f"M {xa} {yb + 2} C {xa} {yb + 40} {xb} {yb + 40} {xb + 0.01} {yb + 4}", color="orange", sw=2,
           arrow=True)
    f.text((xa + xb) / 2, yb + 54, tr(lang, "循环", "repeat"), size=16, color="orange")
    f.text(x0, yb + 54, tr(lang, "4 个模型：策略、critic、r_φ、π_ref", "4 models: policy, critic, r_φ, π_ref"),
           size=16, anchor="start", color="gray")
    # DPO lane
    y2 = 320
    f.text(10, y2 - 14, tr(lang, "DPO：一步离线训练，没有奖励模型和采样", "DPO: one offline stage, no reward model, "
                                                                      "no sampling"),
           size=17, weight="bold", anchor="start", color="blue")
    h2 = 82
    _box(f, xs[0], y2, bw, h2, rlhf[0][0], fill="white")
    _box(f, xs[1], y2, bw, h2, tr(lang, "参考模型\nπ_ref（冻结）", "reference\nπ_ref (frozen)"), fill="gray")
    wide = xs[3] - xs[2] + bw
    _box(f, xs[2], y2, wide, h2,
         tr(lang, "分类式损失\n−log σ(r̂_w − r̂_l)\nr̂ = β·log(π_θ / π_ref)",
            "classification-style loss\n−log σ(r̂_w − r̂_l),\nr̂ = β·log(π_θ / π_ref)"), fill="blue")
    f.arrow(xs[0] + bw + 2, y2 + h2 / 2, xs[1] - 3, y2 + h2 / 2, sw=2)
    f.arrow(xs[1] + bw + 2, y2 + h2 / 2, xs[2] - 3, y2 + h2 / 2, sw=2)
    f.text(x0, y2 + h2 + 30, tr(lang, "2 个模型：策略 π_θ、参考 π_ref（对数概率可预先算好）",
                                "2 models: policy π_θ and reference π_ref (its log-probs can be precomputed)"),
           size=16, anchor="start", color="gray")
    assert text_width(tr(lang, "2 个模型：策略 π_θ、参考 π_ref（对数概率可预先算好）",
                         "2 models: policy π_θ and reference π_ref (its log-probs can be precomputed)"), 16) <= 620
    return f


# --- 2. GRPO group-relative advantages ------------------------------------------------------------------------------

REWARDS = [1, 0, 0, 1, 0, 0]   # the page's example: G = 6, rule-based 0/1 reward


def grpo_group_advantage(lang: str) -> Figure:
    g = len(REWARDS)
    mean = sum(REWARDS) / g
    std = math.sqrt(sum((r - mean) ** 2 for r in REWARDS) / g)      # population std, as in the page's code
    adv = [(r - mean) / std for r in REWARDS]
    assert abs(sum(adv)) < 1e-9 and abs(adv[0] - math.sqrt(2)) < 1e-9 and abs(adv[1] + 1 / math.sqrt(2)) < 1e-9

    top, rh, rg = 52, 40, 8
    rows_bottom = top + g * rh + (g - 1) * rg
    f = Figure(640, rows_bottom + 118,
               tr(lang, "GRPO 的组相对优势：一个提示采样 6 个回答，奖励减去组均值再除以组标准差，不需要 critic",
                  "GRPO's group-relative advantages: one prompt, 6 sampled answers, rewards minus the group mean "
                  "divided by the group standard deviation, no critic"))
    # column heads
    cx_prompt, cx_ans, cx_r = 10, 160, 338
    heads = [(cx_prompt + 55, tr(lang, "提示 q", "prompt q")),
             (cx_ans + 75, tr(lang, f"G = {g} 个回答", f"G = {g} answers")),
             (cx_r + 35, tr(lang, "奖励 r_i", "reward r_i")),
             (530, tr(lang, "优势 Â_i", "advantage Â_i"))]
    for x, lab in heads:
        f.text(x, 30, lab, size=16, weight="bold")
    # prompt box spanning all rows
    _box(f, cx_prompt, top, 110, rows_bottom - top, tr(lang, "一道\n数学题", "one math\nproblem"), fill="yellow")
    axis = 490                          # zero line of the advantage bars
    scale = 50                          # pixels per unit of advantage
    for i, (r, a) in enumerate(zip(REWARDS, adv)):
        y = top + i * (rh + rg)
        ok = r == 1
        label = tr(lang, f"o_{i + 1}：" + ("答对" if ok else "答错"), f"o_{i + 1}: " + ("correct" if ok else "wrong"))
        _box(f, cx_ans, y, 150, rh, label, fill="green" if ok else "red")
        f.arrow(cx_prompt + 112, top + (rows_bottom - top) / 2, cx_ans - 3, y + rh / 2, sw=1.5)
        _box(f, cx_r, y, 70, rh, str(r), fill="white")
        f.arrow(cx_ans + 152, y + rh / 2, cx_r - 3, y + rh / 2, sw=1.5)
        # advantage bar around the zero axis
        w = abs(a) * scale
        x = axis if a >= 0 else axis - w
        f.rect(x, y + 6, w, rh - 12, fill="green" if a >= 0 else "red", rx=3)
        txt = f"{a:+.2f}".replace("-", "−")
        if a >= 0:
            f.text(x + w + 6, y + rh / 2 + 6, txt, size=16, anchor="start")
            assert x + w + 6 + text_width(txt, 16) <= 636
        else:
            f.text(axis + 6, y + rh / 2 + 6, txt, size=16, anchor="start")
    f.line(axis, top - 6, axis, rows_bottom + 6, color="stroke", sw=1.5)
    # group statistics and the formula
    yb = rows_bottom + 18
    stats = tr(lang, f"组均值 = {mean:.2f}，组标准差 = {std:.2f}\nÂ_i = (r_i − 均值) / 标准差，作用于回答 i 的每个 token",
               f"group mean = {mean:.2f}, group std = {std:.2f}\nÂ_i = (r_i − mean) / std, applied to every token of o_i")
    _box(f, 10, yb, 620, 60, stats, fill="blue")
    f.text(10, yb + 88, tr(lang, "没有 critic（价值模型）：基线就是同组回答的平均奖励",
                           "no critic (value model): the baseline is the group's average reward"),
           size=16, anchor="start", color="gray")
    return f


FIGURES = {
    "dpo-vs-rlhf": dpo_vs_rlhf,
    "grpo-group-advantage": grpo_group_advantage,
}
