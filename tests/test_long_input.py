"""Over-long sentences and texts: the work per sentence is capped, long texts are read in sections,
and the document says what was cut. (Speed figures: bench/long_input.py.) All text is invented."""
from __future__ import annotations

from aidkg import normalise as norm_module
from aidkg import sections as sections_module
from aidkg.normalise import MAX_SENTENCE, split_sentences
from aidkg.pipeline import process_text

PARAGRAPHS = [
    "云岭省对口支援青石县。云岭省援建的青石县第二小学教学楼项目总投资1950万元，由云岭省援疆前方指挥部组织实施。",
    "苏州恒达纺织科技有限公司投资3.5亿元在青石县建设年产5万吨纱线项目。",
    "江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市，双方签约项目12个。",
    "天津市选派的援疆干部赵文博任于田县副县长。",
]


def test_real_sentences_are_untouched():
    text = "".join(PARAGRAPHS)
    cuts = []
    sentences = split_sentences(text, cuts)
    assert cuts == [] and all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert [text[s.start:s.end] for s in sentences][:2] == ["云岭省对口支援青石县。", PARAGRAPHS[0][11:]]


def test_a_long_sentence_is_split_at_clause_marks_and_loses_no_text():
    clause = "云岭省援建青石县第二小学教学楼项目总投资1950万元"
    text = "，".join([clause] * 60) + "。"          # one 1,700-character sentence
    cuts = []
    sentences = split_sentences(text, cuts)
    assert len(cuts) == 1 and cuts[0].length == len(text) and cuts[0].hard == 0
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert all(text[s.end - 1] in "，。" for s in sentences)        # each piece ends at a clause mark
    assert "".join(text[s.start:s.end] for s in sentences) == text   # nothing dropped, nothing twice
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_a_sentence_without_clause_marks_is_cut_hard():
    text = "对口支援" * 400
    cuts = []
    sentences = split_sentences(text, cuts)
    assert cuts[0].hard == len(sentences) - 1 and "hard cut" in str(cuts[0])
    assert [s.end - s.start for s in sentences] == [MAX_SENTENCE] * 4
    assert "".join(text[s.start:s.end] for s in sentences) == text


def test_a_list_of_two_thousand_names_is_read_and_the_cut_reported():
    names = "、".join(f"{'王李张刘陈杨黄赵'[i % 8]}{'明华建志'[i // 8 % 4]}{'强英文东'[i // 32 % 4]}" for i in range(2000))
    doc = process_text(f"参加援疆工作的有{names}等同志。")
    assert all(s.end - s.start <= MAX_SENTENCE for s in doc.sentences)
    assert len(doc.problems) == 1 and "over-long sentence" in doc.problems[0] and "split" in doc.problems[0]


def _facts(doc):
    return {(r.subject.label, r.predicate, r.object.label, doc.text[doc.sentences[r.sentence].start:
                                                                     doc.sentences[r.sentence].end])
            for r in doc.relations}


def test_a_long_text_read_in_sections_gives_what_its_parts_give(monkeypatch):
    text = "\n".join(PARAGRAPHS * 3)
    whole = process_text(text)
    monkeypatch.setattr(sections_module, "MAX_SECTION", 150)    # a few paragraphs per section
    parts = process_text(text)
    assert any("sections" in p for p in parts.problems)
    assert _facts(parts) == _facts(whole) and _facts(parts)
    # fields other stages add (money figures) come through too, offsets into the whole text (a figure
    # repeated in three sections is three figures: what spans sections is not joined)
    money = lambda d: {(str(f.amount), f.kind, d.text[f.start:f.end]) for f in d.money}  # noqa: E731
    assert money(parts) == money(whole) and money(parts)
    # offsets are the whole text's: evidence, mentions and sentence numbers line up
    assert [s.index for s in parts.sentences] == list(range(len(parts.sentences)))
    assert all(parts.text[m.start:m.end] == m.text(parts) and parts.sentence_at(m.start).index == m.sentence
               for m in parts.mentions if m.sentence >= 0)
    # one entity per key, its mentions from every section
    keys = [e.key for e in parts.entities.values()]
    assert len(keys) == len(set(keys))
    province = next(e for e in parts.entities.values() if e.label == "江苏省")
    assert {m.start for m in province.mentions} == {m.start for m in whole.entities[province.key].mentions}


def test_sentence_cap_is_a_module_setting(monkeypatch):
    monkeypatch.setattr(norm_module, "MAX_SENTENCE", 20)
    sentences = split_sentences("云岭省援建青石县第二小学教学楼项目，总投资1950万元，由指挥部组织实施。")
    assert len(sentences) > 1 and all(s.end - s.start <= 20 for s in sentences)
