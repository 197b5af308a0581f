"""Crash suite: `kill -9` builds and removals at random moments, then check the store.

After each kill the store must open and hold only whole articles (every article graph it has is
the one a clean build makes, the union holds nothing a clean build does not); after the command is
run again to its end, the store must hold exactly the quads of a clean build (or of a clean
removal). Builds are killed both on an empty store and while replacing changed articles in a full
one. The corpus is the bundled invented examples plus generated variants. A few runs are part of
the normal suite; `--runslow` runs 24.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES

EXTRA = "天津市选派的援疆干部赵文博任于田县副县长。云岭省援建的青石县第二小学教学楼项目总投资1950万元。"


def _write_corpus(corpus: Path, version: int) -> None:
    """The examples, each also as a variant: version 1 adds a sentence to every article."""
    corpus.mkdir(exist_ok=True)
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix not in (".txt", ".md", ".html") or path.name.startswith("README"):
            continue
        text = path.read_text(encoding="utf-8")
        for copy in range(2):
            extra = f"\n第{copy}篇。" + (EXTRA if version else "")
            target = corpus / f"{path.stem}-{copy}{path.suffix}"
            target.write_text(text.replace("</body>", f"<p>{extra}</p></body>") if path.suffix == ".html"
                              else text + extra, encoding="utf-8")


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "aidkg.cli", *args]


def _run(*args: str) -> float:
    t0 = time.monotonic()
    proc = subprocess.run(_cmd(*args), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return time.monotonic() - t0


def snapshot(store_dir: Path) -> dict[str, set[str]]:
    """Every quad of the store by graph ('' for the union), staging graphs left aside."""
    from aidkg.store import STAGING_PREFIX
    store = ox.Store.read_only(str(store_dir))
    graphs: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        if not name.startswith(STAGING_PREFIX):
            # blank nodes (the ontology's OWL lists) are named anew by every load: compared as one
            terms = ("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in (q.subject, q.predicate, q.object))
            graphs.setdefault(name, set()).add(" ".join(terms))
    del store
    return graphs


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One corpus folder (articles are identified by their path) and clean reference stores."""
    root = tmp_path_factory.mktemp("crash")
    corpus = root / "corpus"
    _write_corpus(corpus, 0)
    seconds = _run("build", str(corpus), "-o", str(root / "ref0"), "--no-html")
    ref0 = snapshot(root / "ref0" / "store")
    _write_corpus(corpus, 1)
    _run("build", str(corpus), "-o", str(root / "ref1"), "--no-html")
    ref1 = snapshot(root / "ref1" / "store")
    victim = sorted(corpus.iterdir())[3]
    shutil.copytree(root / "ref1" / "store", root / "ref1-removed")
    remove_seconds = _run("remove", str(victim), "--store", str(root / "ref1-removed"))
    removed = snapshot(root / "ref1-removed")
    assert len([g for g in ref0 if "/graph/article/" in g]) == len(list(corpus.iterdir()))
    assert ref0 != ref1 and removed != ref1
    return {"root": root, "corpus": corpus, "ref0": ref0, "ref1": ref1, "removed": removed, "victim": victim,
            "seconds": seconds, "remove_seconds": remove_seconds}


def _kill_after(args: list[str], delay: float) -> bool:
    """Run the command and SIGKILL it after `delay` seconds; True when it was still running."""
    proc = subprocess.Popen(_cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def _assert_whole_articles(state: dict[str, set[str]], reference: dict[str, set[str]], other=None) -> None:
    """Each article graph in `state` is the reference's (or `other`'s) version of it, whole."""
    for graph, quads in state.items():
        if graph == "" or "/graph/article/" not in graph:
            continue
        assert quads == reference.get(graph) or (other is not None and quads == other.get(graph)), \
            f"{graph}: half an article"
    union = reference.get("", set()) | (other.get("", set()) if other else set())
    assert state.get("", set()) <= union, "the union holds triples no clean build makes"


def crash_build(world, seed: int, *, replace: bool) -> bool:
    rnd = random.Random(seed)
    run = world["root"] / f"run-{seed}"
    if replace:   # a full store of version 0, then version 1 of every article is written over it
        shutil.copytree(world["root"] / "ref0", run)
        for name in ("graph.ttl", ".aidkg-output", ".aidkg-output-state.json"):
            (run / name).unlink(missing_ok=True)
    _write_corpus(world["corpus"], 1)
    args = ["build", str(world["corpus"]), "-o", str(run), "--no-html"]
    killed = _kill_after(args, rnd.uniform(0.3, world["seconds"] * 0.95))
    if (run / "store" / "CURRENT").exists():
        _assert_whole_articles(snapshot(run / "store"), world["ref1"], world["ref0"] if replace else None)
    _run(*args)
    assert snapshot(run / "store") == world["ref1"]
    assert not list(run.glob(".*.part"))
    return killed


def crash_remove(world, seed: int) -> bool:
    rnd = random.Random(seed)
    store = world["root"] / f"rm-{seed}"
    shutil.copytree(world["root"] / "ref1" / "store", store)
    args = ["remove", str(world["victim"]), "--store", str(store)]
    # most of a removal is starting Python: aim at its last part
    killed = _kill_after(args, rnd.uniform(0.6, 1.05) * world["remove_seconds"])
    state = snapshot(store)
    assert state in (world["ref1"], world["removed"]), "a killed removal left part of an article"
    if state == world["ref1"]:
        _run(*args)
    assert snapshot(store) == world["removed"]
    return killed


@pytest.mark.parametrize("seed,replace", [(1, False), (2, True)])
def test_killed_build(world, seed, replace):
    assert crash_build(world, seed, replace=replace), "the build ended before it was killed"


def test_killed_removal(world):
    crash_remove(world, 3)


@pytest.mark.slow
def test_twenty_four_killed_builds_and_removals(world):
    killed = [crash_build(world, seed, replace=False) for seed in range(100, 108)]
    killed += [crash_build(world, seed, replace=True) for seed in range(200, 208)]
    removals = [crash_remove(world, seed) for seed in range(300, 308)]
    assert sum(killed) >= 14 and sum(killed) + sum(removals) >= 20
