"""Alignment and the LLM training pipeline.

- the three RLHF stages of InstructGPT (Ouyang et al. 2022, arXiv:2203.02155, Figure 2 and section 3): SFT on
  labeler demonstrations; K = 4..9 SFT samples per prompt ranked by labelers give C(K, 2) comparisons that train a
  scalar reward model; PPO against the RM with a per-token KL penalty to the SFT model, the policy initialized from
  SFT. Humans only supply data in stages 1 and 2;
- the four models of PPO-based RLHF (Ouyang et al. 2022; PPO: Schulman et al. 2017, arXiv:1707.06347; GAE: Schulman
  et al. 2015, arXiv:1506.02438), as docs/*/interview/alignment/rlhf.md (ppo-in-rlhf) describes one iteration: the
  actor samples and keeps its sampling-time log-probs (pi_theta_old); the frozen RM scores the whole response, the
  frozen reference gives log pi_ref, the critic gives V(s_t); r_t = -beta (log pi_old - log pi_ref) plus the RM
  score on the last token; GAE gives the advantages; only the actor (clipped policy loss) and the critic (value
  loss) are updated;
- the training stages of docs/*/interview/fine-tuning/llm-fine-tuning.md (train-your-own-llm) as public reports
  describe them: pre-training (Llama 3.1 8B 15T+ tokens, arXiv:2407.21783; Qwen3 ~36T, arXiv:2505.09388), mid-training
  (OLMo 2's Dolmino mix during the learning-rate anneal, arXiv:2501.00656; Qwen3's ~5T-token stage 2), long-context
  extension (Qwen3 stage 3: 4K -> 32K), SFT, preference optimization (RLHF / DPO, arXiv:2305.18290), RLVR (Tulu 3,
  arXiv:2411.15124; DeepSeek-R1's GRPO with rule-based rewards, arXiv:2501.12948);
- the continued-pre-training schedule of Ibrahim et al. 2024 (arXiv:2403.08763): linear warmup and cosine decay,
  then for the new data a linear re-warm back to the ORIGINAL peak and a second cosine decay. The curve is computed
  from the formula; the peak 3e-4, the floor at 10% of the peak and the step counts are illustrative.
"""
import math

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=12)  # every label must fit its box (kb.svg.fits)
_box = functools.partial(Figure.fit_box, pad=12, check_height=True)



# --- 1. RLHF pipeline ---------------------------------------------------------------------------------------------

def rlhf_pipeline(lang: str) -> Figure:
    f = Figure(640, 528, tr(lang, "RLHF 的三个阶段：监督微调、用偏好对训练奖励模型、带 KL 惩罚的 PPO",
                            "The three stages of RLHF: supervised fine-tuning, a reward model trained on preference "
                            "pairs, and PPO with a KL penalty"))
    cols = [10, 225, 440]
    bw, bh = 190, 76
    tops = [36, 186, 336]
    heads = [
        tr(lang, "阶段 1：监督微调（SFT）", "Stage 1: supervised fine-tuning (SFT)"),
        tr(lang, "阶段 2：训练奖励模型（RM）", "Stage 2: train the reward model (RM)"),
        tr(lang, "阶段 3：强化学习（PPO）", "Stage 3: reinforcement learning (PPO)"),
    ]
    # row 1, left to right
    r1 = [
        (tr(lang, "标注员为提示\n写示范回答", "Labelers write\ndemonstrations\nfor prompts"), "yellow"),
        (tr(lang, "在示范上监督\n微调预训练模型", "Fine-tune the\npre-trained model\non them"), "blue"),
        (tr(lang, "SFT 模型\nπ_SFT", "SFT model\nπ_SFT"), "blue"),
    ]
    # row 2, right to left (the snake keeps every arrow short)
    r2 = [
        (tr(lang, "训练奖励模型\nr_φ(x, y)：输出标量", "Train the reward\nmodel r_φ(x, y):\na scalar score"), "blue"),
        (tr(lang, "标注员排序，得到\nC(K, 2) 个偏好对", "Labelers rank them:\nC(K, 2) preference\npairs"), "yellow"),
        (tr(lang, "SFT 模型对每个提示\n采样 K 个回答", "The SFT model\nsamples K answers\nper prompt"), "gray"),
    ]
    r3 = [
        (tr(lang, "策略 π_θ（从 SFT\n初始化）对新提示\n生成回答", "Policy π_θ (starts\nas SFT) answers\nnew prompts"), "orange"),
        (tr(lang, "奖励 = r_φ(x, y)\n− β·KL(π_θ ‖ π_ref)\nπ_ref：冻结的 SFT", "reward = r_φ(x, y)\n− β·KL(π_θ ‖ π_ref),\nπ_ref = frozen SFT"), "gray"),
        (tr(lang, "用 PPO 更新\n策略 π_θ", "PPO updates\nthe policy π_θ"), "orange"),
    ]
    f.text(10, 24, heads[0], size=17, weight="bold", anchor="start")
    f.text(10, 174, heads[1], size=17, weight="bold", anchor="start")
    f.text(630, 324, heads[2], size=17, weight="bold", anchor="end")
    for row, top in ((r1, tops[0]), (r2, tops[1]), (r3, tops[2])):
        for (label, fill), x in zip(row, cols):
            _box(f, x, top, bw, bh, label, fill=fill)
    my = [t + bh / 2 for t in tops]
    # row 1: left to right; row 2: right to left; row 3: left to right
    f.arrow(cols[0] + bw + 2, my[0], cols[1] - 3, my[0], sw=2)
    f.arrow(cols[1] + bw + 2, my[0], cols[2] - 3, my[0], sw=2)
    f.arrow(cols[2] + bw / 2, tops[0] + bh + 2, cols[2] + bw / 2, tops[1] - 3, sw=2)
    f.arrow(cols[2] - 2, my[1], cols[1] + bw + 3, my[1], sw=2)
    f.arrow(cols[1] - 2, my[1], cols[0] + bw + 3, my[1], sw=2)
    f.arrow(cols[0] + bw / 2, tops[1] + bh + 2, cols[1] + bw / 2 - 20, tops[2] - 3, sw=2, color="blue")
    f.arrow(cols[0] + bw + 2, my[2], cols[1] - 3, my[2], sw=2)
    f.arrow(cols[1] + bw + 2, my[2], cols[2] - 3, my[2], sw=2)
    # the RL loop: update, then sample again with the new policy
    x1, x3, yb = cols[0] + bw / 2, cols[2] + bw / 2, tops[2] + bh
    f.path(f"M {x3} {yb + 2} C {x3} {yb + 46} {x1} {yb + 46} {x1 + 0.01} {yb + 4}", color="orange", sw=2,
           arrow=True)
    f.text(320, yb + 62, tr(lang, "循环：采样 → 打分 → 更新", "repeat: sample → score → update"), size=16,
           color="orange")
    # legend
    ly = 500
    items = [("yellow", tr(lang, "人工标注", "human labels")), ("blue", tr(lang, "训练出的模型", "trained models")),
             ("orange", tr(lang, "被 RL 优化", "optimized by RL")), ("gray", tr(lang, "只做采样或前向", "forward only"))]
    x = 10
    for fill, lab in items:
        f.rect(x, ly - 13, 18, 18, fill=fill, rx=3)
        f.text(x + 24, ly + 2, lab, size=16, anchor="start")
        x += 24 + text_width(lab, 16) + 18
    assert x - 18 <= 632, x
    return f


# --- 2. the four models of PPO ------------------------------------------------------------------------------------

def ppo_four_models(lang: str) -> Figure:
    f = Figure(640, 492, tr(lang, "PPO 的四个模型：谁生成、谁打分、谁算 KL 和优势、谁得到梯度",
                            "The four models of PPO: which generates, which scores, which give the KL and the "
                            "advantages, and which get gradients"))
    c = [10, 202, 394]
    cw = 176
    lane = 606                        # the gradient lane on the right
    # row A: prompt -> actor
    _box(f, 10, 16, 112, 74, tr(lang, "提示 x", "prompt x"), fill="white")
    _box(f, 150, 16, 356, 74, tr(lang, "Actor（策略 π_θ，可训练）\n生成回答 y，并记下采样时的\nlog π_θold",
                                 "Actor (policy π_θ, trainable)\ngenerates the response y and keeps\n"
                                 "its sampling-time log π_θold"), fill="orange", weight="bold")
    f.arrow(124, 53, 147, 53, sw=2)
    # row B: RM, reference, critic
    yb, hb = 138, 84
    _box(f, c[0], yb, cw, hb, tr(lang, "奖励模型 r_φ\n（冻结）\n整条回答一个分数", "Reward model r_φ\n(frozen)\na score per answer"),
         fill="gray")
    _box(f, c[1], yb, cw, hb, tr(lang, "参考模型 π_ref\n（冻结的 SFT 副本）\n给出 log π_ref", "Reference π_ref\n(frozen SFT copy)\ngives log π_ref"),
         fill="gray")
    _box(f, c[2], yb, cw, hb, tr(lang, "Critic 价值模型\n（可训练）\n每个 token 的 V(s_t)", "Critic (value\nmodel, trainable)\nV(s_t) per token"),
         fill="orange")
    for x_from, col in ((220, 0), (328, 1), (436, 2)):
        f.arrow(x_from, 92, c[col] + cw / 2, yb - 3, sw=1.8)
    f.text(340, 124, "(x, y)", size=16, anchor="start", color="gray")
    # row C: per-token reward and GAE
    yc, hc = 262, 68
    _box(f, 10, yc, 368, hc, tr(lang, "逐 token 奖励\nr_t = −β(log π_θold − log π_ref)，末尾 + r_φ",
                                "per-token reward r_t =\n−β(log π_θold − log π_ref), + r_φ at the end"), fill="white")
    _box(f, c[2], yc, cw, hc, tr(lang, "GAE：优势 Â_t\n与回报", "GAE: advantages\nÂ_t and returns"), fill="white")
    f.arrow(c[0] + cw / 2, yb + hb + 2, c[0] + cw / 2, yc - 3, sw=1.8)
    f.arrow(c[1] + cw / 2, yb + hb + 2, c[1] + cw / 2, yc - 3, sw=1.8)
    f.arrow(c[2] + cw / 2, yb + hb + 2, c[2] + cw / 2, yc - 3, sw=1.8)
    f.arrow(380, yc + hc / 2, c[2] - 3, yc + hc / 2, sw=1.8)
    # row D: the update
    yd, hd = 370, 64
    _box(f, 10, yd, 560, hd, tr(lang, "PPO 更新（同一批数据跑几个 epoch）\nactor ← 截断策略损失；critic ← 价值损失",
                                "PPO update (a few epochs on this batch)\nactor ← clipped policy loss; critic ← value loss"),
         fill="yellow")
    f.arrow(c[2] + cw / 2, yc + hc + 2, c[2] + cw / 2, yd - 3, sw=1.8)
    # gradients flow back only to the trainable models
    f.path(f"M 572 {yd + hd / 2} L {lane} {yd + hd / 2} L {lane} {yb + hb / 2} L {c[2] + cw + 4} {yb + hb / 2}",
           color="red", sw=2.5, dash=True, arrow=True)
    f.path(f"M {lane} {yb + hb / 2} L {lane} 53 L 509 53", color="red", sw=2.5, dash=True, arrow=True)
    f.group(f"rotate(-90 {lane + 18} 300)",
            lambda g: g.text(lane + 18, 306, tr(lang, "梯度", "gradients"), size=16, color="red"))
    # legend
    ly = 470
    items = [("orange", tr(lang, "可训练（有梯度）", "trainable (gets gradients)")),
             ("gray", tr(lang, "冻结（只做前向）", "frozen (forward only)"))]
    x = 10
    for fill, lab in items:
        f.rect(x, ly - 13, 18, 18, fill=fill, rx=3)
        f.text(x + 24, ly + 2, lab, size=16, anchor="start")
        x += 24 + text_width(lab, 16) + 22
    f.line(x, ly - 4, x + 30, ly - 4, color="red", sw=2.5, dash=True)
    f.text(x + 38, ly + 2, tr(lang, "梯度", "gradients"), size=16, anchor="start", color="red")
    assert x + 38 + text_width(tr(lang, "梯度", "gradients"), 16) <= 632
    return f


# --- 3. the LLM training pipeline ---------------------------------------------------------------------------------

STAGES = [  # (zh name, en name, zh note, en note, fill)
    ("预训练", "Pre-training",
     "海量网页、书籍、代码，下一个词元预测\nLlama 3.1 8B：15T+ token；Qwen3：约 36T",
     "web, books, code; next-token prediction\nLlama 3.1 8B: 15T+ tokens; Qwen3: ~36T", "blue"),
    ("中期训练 / 继续预训练", "Mid-training /\ncontinued pre-training",
     "学习率退火时换高质量数学、代码、推理数据\n领域模型：领域语料 + 通用回放",
     "higher-quality math, code, reasoning data\nduring the anneal; domain text + replay", "blue"),
    ("长上下文扩展", "Long-context extension",
     "长文档；调 RoPE 底数或用 YaRN\n如 Qwen3 从 4K 扩到 32K",
     "long documents; RoPE base raised or YaRN\ne.g. Qwen3 from 4K to 32K", "blue"),
    ("SFT", "SFT",
     "指令—回答对、多轮对话\n只在回答词元上计算损失",
     "instruction–response pairs, dialogues\nloss on response tokens only", "green"),
    ("偏好优化（RLHF / DPO）", "Preference optimization\n(RLHF / DPO)",
     "偏好对：奖励模型 + PPO，或 DPO 类方法\n提升有用性与安全性",
     "preference pairs: RM + PPO, or DPO-style\nhelpfulness and safety", "green"),
    ("RLVR", "RLVR",
     "可自动判分的数学、代码题\n在线 RL（GRPO、PPO），规则或程序给奖励",
     "math and code graded automatically\nonline RL (GRPO, PPO), rule-based rewards", "green"),
]


def llm_training_pipeline(lang: str) -> Figure:
    top, rh, gap = 18, 58, 20
    bottom = top + len(STAGES) * rh + (len(STAGES) - 1) * gap
    f = Figure(640, bottom + 16, tr(lang, "大模型训练流水线：预训练、中期训练、长上下文扩展，再到 SFT、偏好优化和 RLVR",
                                    "The LLM training pipeline: pre-training, mid-training and long-context extension, "
                                    "then SFT, preference optimization and RLVR"))
    bx, bw, nx = 52, 214, 280
    for i, (zn, en, znote, enote, fill) in enumerate(STAGES):
        y = top + i * (rh + gap)
        _box(f, bx, y, bw, rh, tr(lang, zn, en), fill=fill, weight="bold")
        note = tr(lang, znote, enote)
        _fits(note, 16, 640 - nx, pad=4)
        f.text(nx, y + rh / 2, note, size=16, anchor="start", middle=True, color="gray", line_gap=1.2)
        if i:
            f.arrow(bx + bw / 2, y - gap + 1, bx + bw / 2, y - 2, sw=2)
    # group brackets: stages 1-3 keep the next-token objective (pre-training), 4-6 are post-training
    for (i0, i1), label, color in (((0, 2), tr(lang, "预训练（下一个词元预测）", "pre-training (next token)"), "blue"),
                                   ((3, 5), tr(lang, "后训练", "post-training"), "green")):
        y0 = top + i0 * (rh + gap)
        y1 = top + i1 * (rh + gap) + rh
        f.path(f"M 44 {y0} L 36 {y0} L 36 {y1} L 44 {y1}", color=color, sw=2)
        assert text_width(label, 16) <= y1 - y0, label
        f.group(f"rotate(-90 20 {(y0 + y1) / 2})",
                lambda g, lab=label, yy=(y0 + y1) / 2, col=color: g.text(20, yy + 6, lab, size=16, color=col,
                                                                        weight="bold"))
    return f


# --- 4. continued pre-training: re-warm to the original peak -------------------------------------------------------

def lr_at(step: int, total: int, warmup: int, peak: float, floor: float, start: float = 0.0) -> float:
    """Linear warmup from `start` to `peak`, then cosine decay from `peak` to `floor` (the page's formula)."""
    if step < warmup:
        return start + (peak - start) * step / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return floor + (peak - floor) * 0.5 * (1 + math.cos(math.pi * progress))


def lr_schedule_rewarm(lang: str) -> Figure:
    peak, floor = 3e-4, 3e-5                       # floor = 10% of the peak
    t1, w1 = 1000, 50                              # original pre-training (steps illustrative)
    t2, w2 = 600, 30                               # continued pre-training on the new data
    first = [lr_at(s, t1, w1, peak, floor) for s in range(t1 + 1)]
    second = [lr_at(s, t2, w2, peak, floor, start=first[-1]) for s in range(t2 + 1)]
    assert abs(first[-1] - floor) < 1e-12 and abs(max(second) - peak) < 1e-12   # re-warm to the ORIGINAL peak
    f = Figure(640, 372, tr(lang, "继续预训练的学习率：先 warmup + cosine 衰减，再对新数据重新预热到原峰值并再次衰减",
                            "Continued pre-training learning rate: warmup and cosine decay, then a re-warm to the "
                            "original peak on the new data and a second decay"))
    L, R, T, B = 70, 626, 56, 300
    xs = t1 + t2

    def px(s):
        return L + s / xs * (R - L)

    def py(v):
        return B - v / (peak * 1.1) * (B - T)

    f.line(L, B, R, B, sw=1.5)
    f.line(L, T - 10, L, B, sw=1.5)
    for v, lab in ((peak, "3e-4"), (floor, "3e-5")):
        f.line(L - 6, py(v), R, py(v), color="#d0d6da", sw=1)
        f.text(L - 10, py(v) + 6, lab, size=16, anchor="end")
    f.text(L - 10, B + 6, "0", size=16, anchor="end")
    f.polyline([(px(s), py(v)) for s, v in enumerate(first)], color="blue", sw=3)
    f.polyline([(px(t1 + s), py(v)) for s, v in enumerate(second)], color="orange", sw=3)
    f.line(px(t1), T - 8, px(t1), B, color="gray", sw=1.5, dash=True)
    f.text(px(t1 / 2), 36, tr(lang, "原预训练", "original pre-training"), size=16, color="blue", weight="bold")
    f.text(px(t1 + t2 / 2), 36, tr(lang, "继续预训练", "continued pre-training"), size=16, color="orange",
           weight="bold")
    lab = tr(lang, "重新预热到原峰值", "re-warm to the original peak")
    lx = px(t1) - 34
    f.text(lx, py(peak) + 6, lab, size=16, anchor="end", color="orange")
    f.arrow(lx + 4, py(peak), px(t1 + w2) - 6, py(peak), color="orange", sw=1.5)
    assert lx - text_width(lab, 16) >= px(w1) + 20     # clear of the first peak
    f.text((L + R) / 2, B + 32, tr(lang, "训练步数（示意；衰减下限取峰值的 10%）",
                                   "training steps (illustrative; the floor is 10% of the peak)"), size=16)
    f.text(L + 8, B + 58, tr(lang, "新阶段另混入旧数据回放（Ibrahim et al., 2024）",
                             "plus replay of old data in the new phase (Ibrahim et al., 2024)"), size=16,
           anchor="start", color="gray")
    f.group(f"rotate(-90 18 {(T + B) / 2})",
            lambda g: g.text(18, (T + B) / 2 + 6, tr(lang, "学习率", "learning rate"), size=16))
    return f


FIGURES = {
    "rlhf-pipeline": rlhf_pipeline,
    "ppo-four-models": ppo_four_models,
    "llm-training-pipeline": llm_training_pipeline,
    "lr-schedule-rewarm": lr_schedule_rewarm,
}
