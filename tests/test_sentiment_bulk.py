"""The bulk scorer of target_sentiment gives classify_mention's result for every row."""

import json

import numpy as np
import pytest

from analysis.paths import ROOT
from analysis.sentiment import classify_mention
from analysis.sentiment.bulk import _bulk, score_rows
from analysis.sentiment.classify import format_words, vader_options

NEWSMTSC = ROOT.parent / "shared" / "newsmtsc" / "data" / "train.jsonl"

# (sentence, mentions, bulk): each mention is scored with all of them masked; ``bulk`` says
# which of them the array path scores (False: left to classify_mention)
CASES = [
    ("The EU is not helpful.", ["EU"], [True]),
    ("The EU is very helpful and good.", ["EU"], [True]),
    ("Europe lags, but the U.S. is doing great and wonderful things.", ["Europe", "U.S."],
     [False, False]),  # "lags" is a comparative cue
    ("The EU, sadly, failed badly; Armenia thrived and prospered in peace.", ["EU", "Armenia"],
     [True, True]),
    ("The EU is GREAT but the US is awful.", ["EU", "US"], [True, True]),
    ("Under the Freedom Support Act, Dick Cheney met US officials kindly.", ["US"], [True]),
    ("Gingrich Accuses Armenia Of Terrible Lies", ["Armenia"], [True]),  # Title Case headline
    ("Armenia was one of many quiet, distant, small, friendly and peaceful nations of the "
     "region for a long time, said nobody, until the war.", ["Armenia"], [True]),
    # what a mention says: after a reporting verb or colon next to it, before one before it
    ("Rice said Armenia was racist and hostile.", ["Rice", "Armenia"], [True, True]),
    ("Armenia: 'You broke my glasses,' the angry man shouted.", ["Armenia"], [True]),
    ("Rice said that Armenia was racist and hostile.", ["Rice", "Armenia"], [True, True]),
    ("Armenia, officials said, was wrong and bad.", ["Armenia"], [True]),
    ("Armenia, officials warned, was wrong and bad.", ["Armenia"], [True]),  # verb not speech
    ("Sadly, Rice said that Armenia was racist.", ["Rice", "Armenia"], [True, True]),
    ("Armenia \"argued\" for bad ends.", ["Armenia"], [True]),  # a quoted reporting verb
    ("Awful: the EU noted a good year.", ["EU"], [True]),
    ("Brussels called Armenia \"arrogant\" and rude.", ["Brussels", "Armenia"], [True, True]),
    # quotations: after the mention with no reporting verb between, they describe it
    ("The claim that Armenia is 'unethical and corrupt' hurt nobody.", ["Armenia"], [False]),
    ("The claim that Armenia is 'unethical and corrupt' angered the EU.", ["Armenia", "EU"],
     [True, True]),
    ("\"A disgrace,\" the EU concluded of Armenia's 'dishonest' acts.", ["EU", "Armenia"],
     [True, True]),
    ("Armenia, who later told reporters \"this is a disaster\", left.", ["Armenia"], [True]),
    ("The EU's \"Armenia is awful\" remark was bad.", ["EU", "Armenia"], [True, True]),
    ("bad words, sad\" says the EU about Armenia.", ["EU", "Armenia"], [True, True]),
    ("The 'awful' Brussels called Armenia 'arrogant' again.", ["Brussels", "Armenia"],
     [True, True]),  # after "called X" a quotation is about X: none is speech
    ("\"Shame on the EU\" is a slogan.", ["EU"], [True]),  # inside one: none is speech
    ("The lawsuit against Armenia failed badly.", ["Armenia"], [False]),
    # settings: a place after "in", an addressee; not a possessive, nor after a comma
    ("Protests in Armenia turned violent and ugly.", ["Armenia"], [True]),
    ("Boosts in Armenia's awful approval.", ["Armenia"], [True]),
    ("He told Armenia he was suspended for bad conduct.", ["Armenia"], [True]),
    ("The talks were in, Armenia said, a bad state.", ["Armenia"], [True]),
    ("We met in, Armenia, a bad place.", ["Armenia"], [True]),
    ("On Monday the EU was praised.", ["Monday", "EU"], [False, True]),
    ("The murder of Armenia's envoy shocked the EU.", ["Armenia", "EU"], [False, False]),
    ("Unlike the EU, Washington failed miserably.", ["EU", "Washington"], [False, False]),
    ("The EU is weaker than the US.", ["EU", "US"], [False, False]),
    ("The EU has more than 100 good members.", ["EU"], [True]),
    ("Armenia talks with the EU about the terrible attacks.", ["Armenia", "EU"], [True, True]),
    ("Armenia spoke of great hopes and bad fears.", ["Armenia"], [True]),
    ("Azerbaijan's partners and the EU's  bad   habits   persist.", ["EU"], [True]),  # spacing
    ("  The EU is  bad. ", ["EU"], [True]),
    ("The EU and the EU and the EU are good.", ["EU"], [True]),
    ("EU", ["EU"], [True]),
    # a capitalised last word is no name with the capitalised first word of the next sentence
    ("The EU looks rather Great", ["EU"], [True]),
    ("Brussels agrees.", ["Brussels"], [True]),
]


def _rows(cases):
    sentences, spans, row_sentence, starts, ends = [], [], [], [], []
    for j, (sentence, names, _) in enumerate(cases):
        found, at = [], 0
        for name in names:
            at = sentence.index(name, at)
            found.append((at, at + len(name)))
            at += len(name)
        sentences.append(sentence)
        spans.append(found)
        for a, b in found:
            row_sentence.append(j)
            starts.append(a)
            ends.append(b)
    return sentences, spans, row_sentence, starts, ends


def _expected(sentences, spans, row_sentence, starts, ends, options):
    out = []
    for j, a, b in zip(row_sentence, starts, ends):
        others = [s for s in spans[j] if s != (a, b)]
        result = classify_mention(sentences[j], a, b, mask_spans=others, roles=False,
                                  **options)
        out.append((round(result.score, 6), result.label, format_words(result.words)))
    return out


OPTIONS = [
    {},
    {"window": 1, "decay": 0.8, "other_clause": 0.0, "mask_names": False, "alpha": 5.0},
    {"speech": 1.0, "victim": 1.0, "setting": 1.0, "against": 0.0, "headline": 0.5,
     "pos_weight": 1.0, "pos_threshold": 0.2, "neg_threshold": -0.2, "news_lexicon": False},
    {"window": 2.5, "decay": 0.9},  # a window between words: every row to classify_mention
    {"setting": 0.5, "speech": 0.3},  # settings scaled, not neutral: left to classify_mention
]


@pytest.mark.parametrize("options", OPTIONS,
                         ids=["defaults", "narrow", "rules-off", "fractional-window",
                              "partial-rules"])
@pytest.mark.parametrize("batch", [1, 3, 2000])
def test_bulk_rows_equal_classify_mention(options, batch):
    rows = _rows(CASES)
    got = list(zip(*score_rows(*rows, options, batch=batch)))
    assert got == _expected(*rows, options)


def test_bulk_path_scores_the_plain_rows_and_leaves_the_rules_to_classify_mention():
    sentences, spans, row_sentence, starts, ends = _rows(CASES)
    fallback, scores, labels, words = _bulk(sentences, spans, np.array(row_sentence),
                                            np.array(starts), np.array(ends), vader_options({}))
    expected = [flag for _, _, flags in CASES for flag in flags]
    assert (~fallback).tolist() == expected
    # what the array path filled is classify_mention's result
    want = _expected(sentences, spans, row_sentence, starts, ends, {})
    for r in np.flatnonzero(~fallback).tolist():
        assert (scores[r], labels[r], words[r]) == want[r]
    assert all(s is None for s, f in zip(scores, fallback) if f)


def test_bulk_rejects_unknown_options_like_classify_mention():
    with pytest.raises(TypeError, match="windw"):
        score_rows(*_rows(CASES[:1]), {"windw": 2})


def test_no_rows():
    assert score_rows([], [], [], [], [], {}) == ([], [], [])


@pytest.mark.skipif(not NEWSMTSC.exists(), reason="NewsMTSC not beside the project")
def test_bulk_rows_equal_classify_mention_on_newsmtsc():
    cases = []
    with NEWSMTSC.open(encoding="utf-8") as f:
        for line in list(f)[:3000]:
            item = json.loads(line)
            spans = sorted({(t["from"], t["to"]) for t in item["targets"]})
            cases.append((item["sentence_normalized"], spans))
    sentences = [s for s, _ in cases]
    spans = [sp for _, sp in cases]
    row_sentence = [j for j, (_, sp) in enumerate(cases) for _ in sp]
    starts = [a for _, sp in cases for a, _ in sp]
    ends = [b for _, sp in cases for _, b in sp]
    for options in OPTIONS[:2]:
        got = list(zip(*score_rows(sentences, spans, row_sentence, starts, ends, options)))
        assert got == _expected(sentences, spans, row_sentence, starts, ends, options)


def test_rows_in_any_order():
    sentences, spans, row_sentence, starts, ends = _rows(CASES)
    back = slice(None, None, -1)
    got = list(zip(*score_rows(sentences, spans, row_sentence[back], starts[back], ends[back],
                                {}, batch=4)))
    assert got == _expected(sentences, spans, row_sentence, starts, ends, {})[back]
