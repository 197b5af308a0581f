"""Two builds of the same corpus give the same files, byte for byte: a reader who cites the graph
(or diffs two releases of it) must see a change only where the articles changed. The builds run in
processes with different hash seeds, so a set or dict walked in hash order shows up too.

What may differ, and why (nothing else is skipped):
* the store's RocksDB files (`store/`): a database's internal files (log numbers, identity, write
  times); the store is compared through its exports in every format instead;
* `.aidkg-build.lock` holds the pid of the build that held it;
* `.aidkg-output-state.json`: each output's `stamp` is its size and modification time (how a later
  build sees that an output was touched); every other field must be the same;
* the report's `(N s)`: how long the build took."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
STATE = ".aidkg-output-state.json"
EXPORTS = ("ttl", "trig", "jsonld", "nq", "graphml", "gexf")


def _aidkg(args: list[str], seed: int, home: Path) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(ROOT / "src"), AIDKG_HOME=str(home))
    done = subprocess.run([sys.executable, "-m", "aidkg.cli", *args], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


def _build(tmp_path: Path, name: str, seed: int) -> tuple[Path, str]:
    out = tmp_path / name
    report = _aidkg(["build", str(EXAMPLES), "-o", str(out)], seed, tmp_path / f"home-{name}")
    for fmt in EXPORTS:
        _aidkg(["export", "--format", fmt, "-o", str(tmp_path / f"{name}-export.{fmt}"),
                "--store", str(out / "store")], seed, tmp_path / f"home-{name}")
    # the report names its own folder and says how long it took
    return out, re.sub(r"\(\d+(?:\.\d+)? s\)", "(T s)", report.replace(str(out), "OUT"))


def _files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.is_file() and p.relative_to(out).parts[0] != "store" and p.name != ".aidkg-build.lock")


def _without_stamps(path: Path) -> dict:
    records = json.loads(path.read_text(encoding="utf-8"))
    for rec in records.values():
        if isinstance(rec, dict):
            rec.pop("stamp", None)
    return records


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no bundled examples")
def test_two_builds_of_the_sample_are_byte_identical(tmp_path):
    a, report_a = _build(tmp_path, "a", seed=1)
    b, report_b = _build(tmp_path, "b", seed=2)
    assert report_a == report_b
    files = _files(a)
    assert files == _files(b)
    # the outputs a reader sees are all there (so a build that silently wrote less would not pass)
    assert {"graph.ttl", "graph.html", "timeline.html", "map.html", STATE} <= set(files)
    differ = [f for f in files if f != STATE and (a / f).read_bytes() != (b / f).read_bytes()]
    assert differ == []
    assert _without_stamps(a / STATE) == _without_stamps(b / STATE)
    for fmt in EXPORTS:
        first = (tmp_path / f"a-export.{fmt}").read_bytes()
        assert len(first) > 10_000 and first == (tmp_path / f"b-export.{fmt}").read_bytes(), fmt
    # node positions are part of the page (a seeded layout, not one drawn at random)
    assert re.search(rb'"x":-?\d+,"y":-?\d+', (a / "graph.html").read_bytes())
