"""Same input, same output, whatever the order Python happens to give sets: string hashes differ
from one process to the next (PYTHONHASHSEED), so anything that walks a set or a dict filled from
one can flip from run to run. Each test runs the same work in processes with different hash seeds
and compares the bytes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# two predicted nodes that tie for one gold entity (same name, same type), several wrong types and
# amounts: which node the matching takes, and the order of every list, must not depend on hashes
SCORE = r'''
import json
from rdflib import RDF, RDFS, Graph, Literal
from aidkg.evaluate import gold_from_dict, score_graph
from aidkg.vocab import AID, ID
g = Graph()
art = ID["article/t"]
def node(key, cls, label, amount=None):
    iri = ID[key]
    g.add((iri, RDF.type, AID[cls])); g.add((iri, RDFS.label, Literal(label, lang="zh-Hans")))
    g.add((iri, AID.mentionedIn, art))
    if amount is not None:
        g.add((iri, AID.totalInvestment, Literal(amount)))
    return iri
for i in range(8):
    node(f"region/a{i}", "County", f"白杨{i}县")
    node(f"region/b{i}", "County", f"白杨{i}县")
    node(f"org/c{i}", "Enterprise", f"青松{i}镇")
    node(f"project/p{i}", "Project", f"恒达{i}项目", amount=i + 1)
    node(f"project/q{i}", "Project", f"恒达{i}项目", amount=i + 2)
gold = gold_from_dict({"entities":
    [{"id": f"a{i}", "type": "County", "name": f"白杨{i}县", "aliases": [], "required": True} for i in range(8)]
  + [{"id": f"c{i}", "type": "Township", "name": f"青松{i}镇", "aliases": [], "required": True} for i in range(8)]
  + [{"id": f"p{i}", "type": "Project", "name": f"恒达{i}项目", "aliases": [], "required": True,
      "attrs": {"totalInvestmentCNY": i + 1}} for i in range(8)]})
print(json.dumps(score_graph(gold, g, ""), ensure_ascii=False, sort_keys=True, default=str))
'''

ARTICLE = ("白杨县对口支援青松镇和红柳乡。2024年，恒达纺织有限公司在青松镇投资建设纱线项目、"
           "棉花仓储项目和职业技能培训中心，项目位于青松镇工业园区。红柳乡光伏电站由白杨县援建，"
           "该电站位于红柳乡。青松镇幼儿园、红柳乡卫生院和青松镇文化广场也已建成。")


def _run(code: list[str], seed: int) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(SRC))
    done = subprocess.run(code, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_scores_do_not_depend_on_hash_order():
    outs = {_run([sys.executable, "-c", SCORE], seed) for seed in (1, 2, 3, 4)}
    assert len(outs) == 1


def test_extraction_is_byte_identical_from_run_to_run(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code = [sys.executable, "-m", "aidkg.cli", "extract", str(path), "--jsonl"]
    first, second = _run(code, 11), _run(code, 12)
    assert '"locatedIn"' in first and first == second
