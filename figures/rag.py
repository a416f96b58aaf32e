"""Retrieval-augmented generation and Graph RAG (docs/*/interview/rag-agents/rag.md and graph-rag.md).

- the RAG pipeline exactly as the page's "approach" question lists it (Lewis et al. 2020, arXiv:2005.11401):
  offline parse & clean -> chunk (+ metadata) -> embedding model -> ANN vector index (HNSW, Malkov & Yashunin 2016,
  arXiv:1603.09320) plus a BM25 inverted index over the chunk text; online query rewrite -> hybrid retrieval (the
  question encoded by the same embedding model, vector top-k + BM25 top-k) -> reciprocal rank fusion -> cross-encoder
  rerank keeping 3-10 chunks (Nogueira & Cho 2019, arXiv:1901.04085) -> prompt with numbered sources -> answer with
  citations; the LLM is not trained;
- hybrid retrieval with RRF(d) = sum_r 1 / (k + rank_r(d)), k = 60 (Cormack, Clarke & Buettcher 2009, SIGIR),
  recomputed here from the page's runnable example (its documents, query, BM25 with k1 = 1.2, b = 0.75 and Lucene's
  IDF, the toy concept-hash embedding, top-3 lists): BM25 [2, 0, 4], dense [2, 1, 3], fused [2, 0, 1];
- Microsoft GraphRAG (Edge et al. 2024, arXiv:2404.16130, Figure 1 and section 2; defaults of graphrag 3.3.0,
  graphrag/config/defaults.py: chunks 1200 tokens / overlap 100, max_gleanings 1, max_cluster_size 10, local search
  top_k_entities 10; global search --community-level 2): chunks -> LLM entity & relation extraction with gleaning ->
  merged entities with summarized descriptions -> hierarchical Leiden communities (Traag et al. 2019,
  arXiv:1810.08473) -> community reports; local search (entities -> neighbors, relations, reports, text units ->
  answer) and global search (map over the reports of one level with 0-100 helpfulness scores -> reduce);
- the page's runnable multi-hop example: its triples and path scoring (hop gain = 0.8^hop x question words newly
  covered), recomputed here: best path Model Zeta -> Kestrel GPU -> Vantor Corp -> Lumen City scoring 3.44, the
  detour through the hub to Model A staying at 2.
"""
import math
import re
from collections import Counter, defaultdict

import functools

from kb.svg import Figure, text_width, tr, fits

_fits = functools.partial(fits, pad=12)  # every label must fit its box (kb.svg.fits)



def _num(v: float) -> str:
    """2.8, 3.44, 2 (no float noise)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


# --- 1. the RAG pipeline -----------------------------------------------------------------------------------------

def rag_pipeline(lang: str) -> Figure:
    f = Figure(640, 452, tr(lang, "RAG 的两条路径：离线建索引，在线检索、融合、重排后带引用作答",
                            "The two paths of RAG: offline indexing; online retrieval, fusion and reranking, then an "
                            "answer with citations"))
    w, gap, x0 = 140, 20, 10
    col = [x0 + i * (w + gap) for i in range(4)]
    s = 16

    def box(c, y, h, zh, en, fill, span=1):
        bw = w * span + gap * (span - 1)
        f.box(col[c], y, bw, h, _fits(tr(lang, zh, en), s, bw), fill=fill, size=s)

    # offline lane
    f.text(x0, 26, tr(lang, "离线：建索引（文档变化时重建）", "Offline: indexing (rebuilt when documents change)"),
           size=17, weight="bold", anchor="start")
    ya, ha = 42, 56
    box(0, ya, ha, "解析与清洗\n（PDF 等）", "Parse & clean\n(PDF, HTML…)", "gray")
    box(1, ya, ha, "切块\n+ 元数据", "Chunk\n+ metadata", "gray")
    box(2, ya, ha, "嵌入模型\n块 → 向量", "Embedding\nchunk → vector", "purple")
    box(3, ya, ha, "向量索引\nANN（HNSW）", "Vector index\nANN (HNSW)", "blue")
    yb, hb = 116, 50
    box(2, yb, hb, "BM25\n倒排索引", "BM25\ninverted index", "blue")
    for c in range(3):
        f.arrow(col[c] + w, ya + ha / 2, col[c + 1] - 2, ya + ha / 2, sw=2)
    cx1 = col[1] + w / 2
    f.path(f"M {cx1} {ya + ha} L {cx1} {yb + hb / 2} L {col[2] - 2} {yb + hb / 2}", sw=2, arrow=True)
    f.text(cx1 + 8, yb + hb / 2 - 8, tr(lang, "原文", "text"), size=16, anchor="start", color="gray")

    f.line(x0, 190, 630, 190, color="gray", sw=1, dash=True)

    # online lane
    f.text(x0, 218, tr(lang, "在线：问答（每个问题）", "Online: answering (per question)"), size=17, weight="bold",
           anchor="start")
    yc, hc = 234, 74
    box(0, yc, hc, "用户问题", "Question", "gray")
    box(1, yc, hc, "查询改写\n补全指代", "Query rewrite\nresolve \"it\"", "yellow")
    box(2, yc, hc, "混合检索\n问题用同一嵌入模型编码\n向量 top-k + BM25 top-k",
        "Hybrid retrieval\nquery: same embedder\nvector + BM25 top-k", "teal", span=2)
    f.arrow(col[0] + w, yc + hc / 2, col[1] - 2, yc + hc / 2, sw=2)
    f.arrow(col[1] + w, yc + hc / 2, col[2] - 2, yc + hc / 2, sw=2)
    # the two indexes feed the retrieval
    f.arrow(col[3] + w / 2, ya + ha, col[3] + w / 2, yc - 2, sw=2, color="blue")
    f.arrow(col[2] + w / 2, yb + hb, col[2] + w / 2, yc - 2, sw=2, color="blue")

    yd, hd = 338, 74
    box(3, yd, hd, "RRF 融合\nk = 60", "RRF fusion\nk = 60", "teal")
    box(2, yd, hd, "重排\n交叉编码器\n留 3–10 块", "Rerank\ncross-encoder\nkeep 3–10", "orange")
    box(1, yd, hd, "组装提示\n编号资料\n[1] [2] …", "Prompt with\nnumbered\nsources [1] [2]", "yellow")
    box(0, yd, hd, "LLM 回答\n带引用 [1]", "LLM answer\nwith citations\n[1]", "green")
    f.arrow(col[3] + w / 2, yc + hc, col[3] + w / 2, yd - 2, sw=2)
    for c in (3, 2, 1):
        f.arrow(col[c], yd + hd / 2, col[c - 1] + w + 2, yd + hd / 2, sw=2)
    f.text(320, 440, tr(lang, "全程不训练 LLM：更新知识只需重建索引", "The LLM is never trained: new knowledge = "
                                                              "rebuild the index"), size=16, color="gray")
    return f


# --- 2. hybrid retrieval and RRF, recomputed from the page's runnable example -------------------------------------

DOCS = [
    "ZX-81 battery pack datasheet: 12 V, 60 Ah, operating range -20 to 60 C",
    "An automobile accumulator is covered by a three-year guarantee",
    "Car battery warranty: two years for every model we sell",
    "How to jump-start a vehicle whose accumulator is flat",
    "Warranty claims must include the original receipt",
    "Charging stations for electric vehicles near the city center",
    "Tire pressure guide for sedans and hatchbacks",
    "Our store opening hours and holiday schedule",
]
QUERY = "ZX-81 car battery warranty"
RELEVANT = {0, 1, 2}
CONCEPT = {"car": "car", "automobile": "car", "vehicle": "car", "vehicles": "car", "sedans": "car",
           "jump-start": "car", "tire": "car", "battery": "battery", "accumulator": "battery",
           "flat": "battery", "warranty": "warranty", "guarantee": "warranty", "covered": "warranty",
           "claims": "warranty"}
DIM, K, RRF_K = 64, 3, 60
DOC_LABEL = {  # short names for the figure
    0: ("ZX-81 电池规格", "ZX-81 datasheet"),
    1: ("蓄电池三年质保", "accumulator guarantee"),
    2: ("汽车电池保修两年", "car battery warranty"),
    3: ("如何搭电启动", "jump-start a vehicle"),
    4: ("保修须带收据", "warranty claims"),
}


def _tokenize(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())


def hybrid_example():
    """(BM25 top-3 with scores, dense top-3 with cosines, fused list with (ranks, score)) as the page computes them."""
    corpus = [_tokenize(d) for d in DOCS]
    n = len(corpus)
    avgdl = sum(map(len, corpus)) / n
    df = Counter(t for doc in corpus for t in set(doc))

    def bm25(doc, k1=1.2, b=0.75):
        tf, score = Counter(doc), 0.0
        for t in _tokenize(QUERY):
            if t not in tf:
                continue
            idf = math.log((n - df[t] + 0.5) / (df[t] + 0.5) + 1)
            score += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(doc) / avgdl))
        return score

    def embed(text):
        v = [0.0] * DIM
        for t in _tokenize(text):
            if t in CONCEPT:
                v[sum(map(ord, CONCEPT[t])) % DIM] += 1.0
        norm = math.sqrt(sum(x * x for x in v))
        return [x / norm for x in v] if norm else v

    def top_k(scores):
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:K]   # stable, as np.argsort(kind="stable")
        return [(i, scores[i]) for i in order if scores[i] > 0]

    q = embed(QUERY)
    sparse = top_k([bm25(d) for d in corpus])
    dense = top_k([sum(a * b for a, b in zip(embed(d), q)) for d in DOCS])
    ranks = defaultdict(list)
    for ranking in (sparse, dense):
        for r, (d, _) in enumerate(ranking, start=1):
            ranks[d].append(r)
    fused = sorted(((d, rs, sum(1 / (RRF_K + r) for r in rs)) for d, rs in ranks.items()),
                   key=lambda x: (-x[2], x[0]))
    # the page's asserts
    ids_s, ids_d, ids_f = [d for d, _ in sparse], [d for d, _ in dense], [d for d, _, _ in fused[:K]]
    assert 0 in set(ids_s) - set(ids_d) and 1 in set(ids_d) - set(ids_s)
    assert len(set(ids_s) & RELEVANT) == len(set(ids_d) & RELEVANT) == 2 and set(ids_f) == RELEVANT
    assert ids_f[0] == 2
    return sparse, dense, fused


def hybrid_rrf(lang: str) -> Figure:
    sparse, dense, fused = hybrid_example()
    f = Figure(640, 470, tr(lang, "混合检索：BM25 与向量检索各取 top-3，用倒数排名融合（k = 60）合并",
                            "Hybrid retrieval: the BM25 and the dense top-3 lists merged by reciprocal rank fusion "
                            "(k = 60)"))
    s = 16
    f.text(10, 26, tr(lang, "查询：", "Query: "), size=17, weight="bold", anchor="start")
    f.text(10 + text_width(tr(lang, "查询：", "Query: "), 17) + 4, 26, f"\"{QUERY}\"", size=17, anchor="start",
           mono=True)
    lx, lw, rx, rw, bh = 10, 272, 384, 246, 36

    def doc_box(x, y, width, d, score_txt, dash=False):
        fill = "green" if d in RELEVANT else "gray"
        f.rect(x, y, width, bh, fill=fill, dash=dash)
        name = f"#{d} " + tr(lang, *DOC_LABEL[d])
        _fits(name + "  " + score_txt, s, width, pad=20)
        f.text(x + 10, y + bh / 2, name, size=s, anchor="start", middle=True)
        f.text(x + width - 10, y + bh / 2, score_txt, size=s, anchor="end", middle=True, weight="bold")

    left_y = {}
    f.text(lx, 62, tr(lang, "BM25（关键词）top-3", "BM25 (keywords) top-3"), size=s, weight="bold", anchor="start",
           color="blue")
    for i, (d, sc) in enumerate(sparse):
        y = 72 + i * (bh + 8)
        doc_box(lx, y, lw, d, f"{sc:.2f}")
        left_y[("s", d)] = y + bh / 2
    f.text(lx, 232, tr(lang, "向量（余弦）top-3", "Dense (cosine) top-3"), size=s, weight="bold", anchor="start",
           color="purple")
    for i, (d, sc) in enumerate(dense):
        y = 242 + i * (bh + 8)
        doc_box(lx, y, lw, d, f"{sc:.2f}")
        left_y[("d", d)] = y + bh / 2

    f.text(rx, 62, tr(lang, "RRF 融合：Σ 1/(60 + 名次)", "RRF: Σ 1/(60 + rank)"), size=s, weight="bold",
           anchor="start")
    right_y = {}
    for i, (d, rs, sc) in enumerate(fused):
        y = 72 + i * (bh + 14) + (22 if i >= K else 0)
        terms = " + ".join(f"1/{RRF_K + r}" for r in rs)
        kept = i < K
        f.rect(rx, y, rw, bh, fill=("green" if d in RELEVANT else "gray") if kept else "white", dash=not kept)
        _fits(f"#{d}  {terms} = {sc:.4f}", s, rw, pad=20)
        f.text(rx + 10, y + bh / 2, f"#{d}", size=s, anchor="start", middle=True, weight="bold")
        f.text(rx + 46, y + bh / 2, terms, size=s, anchor="start", middle=True)
        f.text(rx + rw - 10, y + bh / 2, f"{sc:.4f}", size=s, anchor="end", middle=True, weight="bold",
               color="black" if kept else "gray")
        right_y[d] = y + bh / 2
    cut = 72 + K * (bh + 14) + 4
    cut_lab = tr(lang, "只取前 3", "keep top-3")
    f.line(rx - 6, cut, rx + rw - text_width(cut_lab, s) - 12, cut, color="red", sw=2, dash=True)
    f.text(rx + rw, cut, cut_lab, size=s, anchor="end", middle=True, color="red")
    for (kind, d), y in sorted(left_y.items()):
        f.arrow(lx + lw + 2, y, rx - 3, right_y[d], color="blue" if kind == "s" else "purple", sw=1.8)

    def recall(ids):
        return len(set(ids) & RELEVANT)

    rs_, rd_, rf_ = (recall([d for d, *_ in lst][:K]) for lst in (sparse, dense, fused))
    f.rect(10, 388, 18, 18, fill="green", rx=3)
    f.text(34, 402, tr(lang, "相关（人工标注）", "relevant (human label)"), size=s, anchor="start")
    f.rect(220, 388, 18, 18, fill="gray", rx=3)
    f.text(244, 402, tr(lang, "不相关", "not relevant"), size=s, anchor="start")
    f.text(10, 446, tr(lang, f"Recall@3：BM25 {rs_}/3，向量 {rd_}/3，RRF {rf_}/3",
                       f"Recall@3: BM25 {rs_}/3, dense {rd_}/3, RRF {rf_}/3"), size=17, weight="bold",
           anchor="start")
    return f


# --- 3. Microsoft GraphRAG: indexing, local and global search ------------------------------------------------------

def graphrag_indexing_query(lang: str) -> Figure:
    f = Figure(640, 506, tr(lang, "GraphRAG：建索引得到实体图、层次社区和社区报告；局部搜索从实体出发，全局搜索对社区报告做 "
                                  "map-reduce",
                            "GraphRAG: indexing builds an entity graph, hierarchical communities and community reports; "
                            "local search starts from entities, global search map-reduces the community reports"))
    s = 16
    lx, lw, h, step, top = 10, 244, 58, 94, 40
    f.text(lx + lw / 2, 26, tr(lang, "建索引", "Indexing"), size=17, weight="bold")
    steps = [
        ("文本块\n1200 token，重叠 100", "Text chunks\n1200 tokens, overlap 100", "gray"),
        ("LLM 抽取实体与关系\n+1 轮 gleaning（补抽）", "LLM extracts entities\n& relations, +1 gleaning", "purple"),
        ("合并同名实体、汇总描述\n→ 实体关系图", "Merge entities, summarize\ndescriptions → graph", "blue"),
        ("层次化 Leiden 社区\n由粗到细多层", "Hierarchical Leiden\ncommunities, levels", "teal"),
        ("社区报告\n每社区一份，自底向上", "Community reports\none per community", "orange"),
    ]
    ys = []
    for i, (zh, en, fill) in enumerate(steps):
        y = top + i * step
        ys.append(y)
        f.box(lx, y, lw, h, _fits(tr(lang, zh, en), s, lw), fill=fill, size=s)
        if i:
            f.arrow(lx + lw / 2, y - step + h, lx + lw / 2, y - 2, sw=2)
    f.text(lx, ys[-1] + h + 26, _fits(tr(lang, "另对实体描述、块、报告做嵌入", "+ embeddings for local search"), s, lw,
                                      pad=0), size=s, anchor="start", color="gray")

    rx, rw = 290, 340
    bx, bw, gap = rx + 12, rw - 24, 18

    def panel(y0, title, boxes, fill):
        """A dashed panel with a title and a column of boxes; returns the centre y of its first box and its bottom."""
        hs = [28 + 20 * lab.count("\n") for lab in boxes]
        hs = [max(40, v) for v in hs]
        height = 40 + sum(hs) + gap * (len(boxes) - 1) + 12
        f.rect(rx, y0, rw, height, fill="none", stroke="gray", dash=True, rx=10)
        f.text(rx + rw / 2, y0 + 26, _fits(title, 17, rw), size=17, weight="bold")
        y, first = y0 + 40, None
        for i, (lab, bh) in enumerate(zip(boxes, hs)):
            f.box(bx, y, bw, bh, _fits(lab, s, bw), fill=fill if i < len(boxes) - 1 else "green", size=s)
            if i:
                f.arrow(bx + bw / 2, y - gap, bx + bw / 2, y - 2, sw=2)
            first = first if first is not None else y + bh / 2
            y += bh + gap
        return first, y0 + height

    loc, loc_end = panel(10, tr(lang, "局部搜索：具体实体的问题", "Local search: entity questions"), [
        tr(lang, "问题嵌入 → 最相关的 10 个实体", "question → 10 most similar entities"),
        tr(lang, "+ 邻居、关系、社区报告、原文块\n按 token 预算填入上下文",
           "+ neighbors, relations, reports,\nsource chunks, within a token budget"),
        tr(lang, "LLM 回答", "LLM answer"),
    ], "blue")
    glo, glo_end = panel(loc_end + 14, tr(lang, "全局搜索：整体性问题", "Global search: corpus-wide questions"), [
        tr(lang, "某一层（默认第 2 层）的全部\n社区报告，打乱后分批", "all reports of one level\n(default 2), shuffled, batched"),
        tr(lang, "map：每批写要点，打 0–100 分", "map: points per batch, scored 0–100"),
        tr(lang, "reduce：丢掉 0 分，高分要点 → 答案", "reduce: drop 0s, best points → answer"),
    ], "orange")
    assert glo_end <= f.height - 4
    # graph -> local search entities; reports -> global search
    jx = 272
    f.path(f"M {lx + lw} {ys[2] + h / 2} L {jx} {ys[2] + h / 2} L {jx} {loc} L {bx - 2} {loc}",
           sw=2, color="blue", arrow=True)
    f.path(f"M {lx + lw} {ys[4] + h / 2} L {jx} {ys[4] + h / 2} L {jx} {glo} L {bx - 2} {glo}",
           sw=2, color="orange", arrow=True)
    return f


# --- 4. the page's multi-hop example, recomputed -------------------------------------------------------------------

TRIPLES = [
    ("Model Zeta", "was trained on", "Kestrel GPU"),
    ("Kestrel GPU", "is manufactured by", "Vantor Corp"),
    ("Vantor Corp", "is headquartered in", "Lumen City"),
    ("Model Zeta", "was developed by", "Orion Lab"),
    ("Orion Lab", "is located in", "Harbor Town"),
    ("Vantor Corp", "was founded in", "1998"),
    ("Harbor Town", "has population", "80000"),
] + [(f"Model {c}", "was trained on", "Kestrel GPU") for c in "ABCDEFGH"]
QUESTION = "Where is the company that manufactures the GPU Model Zeta was trained on headquartered?"
STOP = {"the", "was", "that", "where", "is", "on", "in", "by", "has", "of"}
DECAY = 0.8


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def multihop_paths():
    """Every simple path of up to 3 hops from the seed, with its per-hop gains, as the page's expand() scores them."""
    adj = defaultdict(list)
    for hd, r, t in TRIPLES:
        adj[hd].append((t, (hd, r, t)))
        adj[t].append((hd, (hd, r, t)))
    seeds = [e for e in adj if e.lower() in QUESTION.lower()]
    assert seeds == ["Model Zeta"]
    q = _words(QUESTION)
    paths, frontier = [], [(s, [s], [], _words(s), [], 0.0) for s in seeds]
    for hop in range(3):
        nxt = []
        for node, visited, triples, covered, gains, score in frontier:
            for nb, tri in adj[node]:
                if nb in visited:
                    continue
                new = (_words(" ".join(tri)) & q) - covered
                g = DECAY ** hop * len(new)
                item = (nb, visited + [nb], triples + [tri], covered | new, gains + [(len(new), g)], score + g)
                nxt.append(item)
                paths.append(item)
        frontier = nxt
    paths.sort(key=lambda p: (-p[5], len(p[2])))
    best = paths[0]
    assert best[2] == TRIPLES[:3] and abs(best[5] - 3.44) < 1e-9
    detour = max(p[5] for p in paths if p[2][-1][0] == "Model A")
    assert detour == 2
    return best, detour


def graph_multihop_example(lang: str) -> Figure:
    best, detour = multihop_paths()
    f = Figure(640, 492, tr(lang, "多跳检索示例：从 Model Zeta 出发的最佳三跳路径得分 3.44，经枢纽节点走向 Model A 的路径停在 2",
                            "Multi-hop retrieval example: the best three-hop path from Model Zeta scores 3.44; the "
                            "detour through the hub to Model A stays at 2"))
    s = 16
    px, nw, nh = 18, 136, 38
    path_nodes = best[1]                       # Model Zeta, Kestrel GPU, Vantor Corp, Lumen City
    ny = [24, 164, 294, 404]
    # side branches (gray)
    side = [("Orion Lab", 246, ny[0], 110), ("Harbor Town", 392, ny[0], 126), ("80000", 552, ny[0], 76),
            ("1998", 246, ny[2], 70)]
    f.line(px + nw, ny[0] + nh / 2, 246, ny[0] + nh / 2, color="gray", sw=1.5)
    f.line(356, ny[0] + nh / 2, 392, ny[0] + nh / 2, color="gray", sw=1.5)
    f.line(518, ny[0] + nh / 2, 552, ny[0] + nh / 2, color="gray", sw=1.5)
    f.line(px + nw, ny[2] + nh / 2, 246, ny[2] + nh / 2, color="gray", sw=1.5)
    for name, x, y, w in side:
        f.box(x, y, w, nh, _fits(name, s, w), fill="gray", size=s)
    # the hub: Model A..H, one column, each linked to Kestrel GPU
    hub_y, r, cx = ny[1] + nh / 2, 13, 430
    cys = [hub_y + (i - 3.5) * 29 for i in range(8)]
    assert cys[0] - r > ny[0] + nh + 4 and cys[-1] + r < 330
    for i, cy in enumerate(cys):
        f.line(px + nw, hub_y, cx - r, cy, color="red" if i == 0 else "gray", sw=2 if i == 0 else 1.2, dash=i == 0)
    for i, cy in enumerate(cys):
        f.circle(cx, cy, r, fill="red" if i == 0 else "gray", stroke="red" if i == 0 else "stroke",
                 sw=2 if i == 0 else 1.5)
        f.text(cx, cy, "ABCDEFGH"[i], size=s, middle=True)
    f.text(cx + 24, cys[5] + 6, _fits(tr(lang, "Model A–H：\n也用 Kestrel GPU\n训练（枢纽）", "Model A–H:\nalso trained on\n"
                                         "Kestrel GPU (hub)"), s, 640 - cx - 24, pad=4),
           size=s, anchor="start", color="gray", middle=True)
    f.text(cx + 24, cys[1] + 6, _fits(tr(lang, f"经 A 的路径：\n无新词，停在 {_num(detour)}",
                                     f"path via A:\nno new word,\nstays at {_num(detour)}"), s, 640 - cx - 24, pad=4),
           size=s, anchor="start", color="red", middle=True)
    # the answer path (red) with each hop's gain and the running score
    running = 0.0
    for i in range(3):
        y0, y1 = ny[i] + nh, ny[i + 1]
        f.arrow(px + nw / 2, y0, px + nw / 2, y1 - 2, color="red", sw=3)
        n_new, g = best[4][i]
        running += g
        rel = best[2][i][1]
        lab_y = (y0 + y1) / 2
        f.text(px + nw / 2 + 12, lab_y - 6, rel, size=s, anchor="start", color="gray", italic=True)
        f.text(px + nw / 2 + 12, lab_y + 16, f"+0.8{'⁰¹²'[i]} × {n_new} → {_num(running)}", size=s, anchor="start",
               color="red", weight="bold")
    for i, name in enumerate(path_nodes):
        f.rect(px, ny[i], nw, nh, fill="green" if i == 3 else "blue", stroke="red", sw=2.5)
        f.text(px + nw / 2, ny[i] + nh / 2, _fits(name, s, nw), size=s, middle=True, weight="bold")
    f.text(px + nw + 12, ny[3] + nh / 2, tr(lang, "← 答案", "← answer"), size=s, anchor="start", middle=True,
           color="green", weight="bold")
    # the scoring rule
    f.rect(292, 350, 338, 80, fill="yellow", rx=8)
    f.text(461, 378, _fits(tr(lang, "第 h 跳得分 = 0.8^(h−1) × 新覆盖的问题词数",
                              "hop h: + 0.8^(h−1) × new question words"), s, 338), size=s)
    gains = " + ".join(_num(g) for _, g in best[4])
    f.text(461, 410, tr(lang, f"最佳路径：{gains} = {_num(best[5])}", f"best path: {gains} = {_num(best[5])}"),
           size=17, weight="bold")
    f.text(320, 478, tr(lang, "种子 = 问题中的实体 Model Zeta；枢纽的邻居不进上下文",
                        "seed = the question's entity Model Zeta; the hub's neighbors stay out"), size=16,
           color="gray")
    return f


FIGURES = {
    "rag-pipeline": rag_pipeline,
    "hybrid-rrf": hybrid_rrf,
    "graphrag-indexing-query": graphrag_indexing_query,
    "graph-multihop-example": graph_multihop_example,
}
