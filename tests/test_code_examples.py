"""Code on the pages is code that works: NumPy/standard-library Python blocks are executed, every other Python
block is compiled, and every formula is rendered by KaTeX (the same engine readers' browsers use)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from kb import markdown as md
from kb.checks import load_site

SITE = load_site(ROOT / "docs", display_root=ROOT)
RUNNABLE = {"numpy", "math", "random", "itertools", "collections", "functools", "statistics", "dataclasses",
            "typing", "re", "json", "heapq", "fractions", "decimal", "string", "textwrap", "__future__"}


def _imports(code: str) -> set[str]:
    import ast
    mods = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            mods |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods.add(node.module.split(".")[0])
    return mods


BLOCKS = [(p, b) for p in SITE.pages.values() for b in md.code_blocks(p.doc) if b.lang in ("python", "py")]
IDS = [f"{p.path}:{b.line}" for p, b in BLOCKS]


@pytest.mark.parametrize("page,block", BLOCKS, ids=IDS)
def test_python_block(page, block, tmp_path):
    where = f"{page.path}:{block.line}"
    try:
        compile(block.code, where, "exec")
    except SyntaxError as e:
        pytest.fail(f"{where}: Python block does not compile: {e}")
    mods = _imports(block.code)
    if mods <= RUNNABLE:
        proc = subprocess.run([sys.executable, "-c", block.code], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path)
        assert proc.returncode == 0, f"{where}: example failed:\n{proc.stderr[-2000:]}"
    else:
        first = block.code.strip().splitlines()[0] if block.code.strip() else ""
        assert first.startswith("#") and "==" in first, (
            f"{where}: framework code (imports {sorted(mods - RUNNABLE)}) must start with a comment naming the "
            f"library versions, e.g. '# transformers==4.57.1, peft==0.17.1'")


def test_some_examples_are_executed():
    runnable = [b for _, b in BLOCKS if _imports(b.code) <= RUNNABLE]
    assert runnable, "no runnable example found: the pages should carry executed NumPy examples"


FORMULAS = [(p.path, line, tex, display) for p in SITE.pages.values() for line, tex, display in md.math_spans(p.doc)]

KATEX_CHECK = r"""
const katex = require(process.env.KATEX_PATH);
const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const bad = [];
for (const [where, tex, display] of items) {
  try { katex.renderToString(tex, {displayMode: display, throwOnError: true, strict: 'ignore'}); }
  catch (e) { bad.push(where + ': ' + e.message.split('\n')[0]); }
}
console.log(JSON.stringify(bad));
"""


def test_every_formula_renders_with_katex():
    node = shutil.which("node")
    katex = ROOT / "node_modules" / "katex"
    if not node or not katex.exists():
        pytest.fail("node and node_modules/katex are needed (make setup installs them)")
    items = [[f"{path}:{line}", tex, display] for path, line, tex, display in FORMULAS]
    import os
    proc = subprocess.run([node, "-e", KATEX_CHECK], input=json.dumps(items), capture_output=True, text=True,
                          timeout=120, env={**os.environ, "KATEX_PATH": str(katex)})
    assert proc.returncode == 0, proc.stderr
    bad = json.loads(proc.stdout)
    assert not bad, "formulas KaTeX cannot render:\n" + "\n".join(bad)
