"""Scoped VADER has one implementation (analysis.sentiment.scoped.score_mentions): the rows of
target_sentiment (score_rows) and classify_mention read it, and both still give what the former
per-row scorer gave (pinned in tests/data/sentiment_rows.json from commit e8b9d19)."""

import hashlib
import json

import pytest

from analysis.paths import ROOT
from analysis.sentiment import classify_mention
from analysis.sentiment.bulk import score_rows
from analysis.sentiment.classify import format_words
from analysis.sentiment.scoped import score_mentions

NEWSMTSC = ROOT.parent / "shared" / "newsmtsc" / "data" / "train.jsonl"
# Per option set: classify_mention's (score, label, words) of every row of CASES, and a digest of
# them on NewsMTSC's first 3,000 training sentences, by the per-row scorer of commit e8b9d19
# (which left no row to another implementation): the engine must reproduce them exactly.
PINNED = json.loads((ROOT / "tests" / "data" / "sentiment_rows.json").read_text("utf-8"))

# (sentence, mentions, plain): each mention is scored with all of them masked; ``plain`` says
# which of them the former bulk engine scored itself (False: it handed them to a second
# implementation, the per-row scorer, which no longer exists)
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


def _classified(sentences, spans, row_sentence, starts, ends, options):
    out = []
    for j, a, b in zip(row_sentence, starts, ends):
        others = [s for s in spans[j] if s != (a, b)]
        r = classify_mention(sentences[j], a, b, method="vader", mask_spans=others,
                             roles=False, **options)
        out.append([r.score, r.label, [list(w) for w in r.words]])
    return out


def _as_table(pinned):
    return [(round(score, 6), label, format_words([tuple(w) for w in words]))
            for score, label, words in pinned]


OPTIONS = PINNED["options"]
IDS = ["defaults", "narrow", "rules-off", "fractional-window", "partial-rules", "victim-against",
       "window-0"]


@pytest.mark.parametrize("k", range(len(OPTIONS)), ids=IDS)
def test_classify_mention_gives_the_pinned_results(k):
    assert _classified(*_rows(CASES), OPTIONS[k]) == PINNED["cases"][k]


@pytest.mark.parametrize("k", range(len(OPTIONS)), ids=IDS)
@pytest.mark.parametrize("batch", [1, 3, 2000])
def test_score_rows_gives_the_pinned_results(k, batch):
    got = list(zip(*score_rows(*_rows(CASES), OPTIONS[k], batch=batch)))
    assert got == _as_table(PINNED["cases"][k])


def test_every_rule_is_scored_by_the_one_engine():
    """The rows the former engine handed back (cues, "unlike", harm, times, "against") are
    scored by score_mentions like the others, in one call with them."""
    sentences, spans, row_sentence, starts, ends = _rows(CASES)
    from analysis.sentiment.classify import vader_options

    out = score_mentions(sentences, spans, row_sentence, starts, ends, vader_options({}))
    handed_back = [not plain for _, _, flags in CASES for plain in flags]
    assert sum(handed_back) >= 10
    for r, pinned in enumerate(PINNED["cases"][0]):
        assert float(out.score[r]) == pinned[0]
        assert [list(w) for w in out.words[r]] == pinned[2]


def test_settings_are_reported_whatever_the_setting_option():
    s = "On Monday the EU met in Armenia."
    out = score_mentions([s], [[(3, 9), (14, 16), (24, 31)]], [0, 0, 0], [3, 14, 24],
                         [9, 16, 31], {**OPTIONS_ALL, "setting": 1.0})
    assert out.setting.tolist() == [True, False, True]


OPTIONS_ALL = dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=0.4,
                   setting=0.0, against=-1.0, victim=0.0, mask_names=True, headline=0.75,
                   alpha=15.0, news_lexicon=True)


def test_bulk_rejects_unknown_options_like_classify_mention():
    with pytest.raises(TypeError, match="windw"):
        score_rows(*_rows(CASES[:1]), {"windw": 2})


def test_no_rows():
    assert score_rows([], [], [], [], [], {}) == ([], [], [])


def test_a_mention_outside_its_sentence_scores_zero_in_a_batch():
    # offsets past the end of one sentence must not reach the next sentence's words
    sentences = ["The EU", "Terrible awful disaster."]
    got = score_rows(sentences, [[(4, 6)], []], [0, 0], [4, 40], [6, 50], {})
    assert got == ([0.0, 0.0], ["neutral", "neutral"], ["", ""])


@pytest.mark.skipif(not NEWSMTSC.exists(), reason="NewsMTSC not beside the project")
def test_newsmtsc_rows_give_the_pinned_results():
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
    from analysis.sentiment.classify import vader_options

    for options, digest in zip(OPTIONS, PINNED["newsmtsc_sha256"]):
        out = score_mentions(sentences, [[*sp] for sp in spans], row_sentence, starts, ends,
                             vader_options(options))
        first = sum(j < 40 for j in row_sentence)  # classify_mention on the first rows too
        classify = _classified(sentences, spans, row_sentence[:first], starts[:first],
                               ends[:first], options)
        pos, neg = options.get("pos_threshold"), options.get("neg_threshold")
        from analysis.sentiment.scoped import SCOPED_CUTS, label_of

        got = [[float(score), label_of(score, SCOPED_CUTS[0] if pos is None else pos,
                                       SCOPED_CUTS[1] if neg is None else neg),
                [list(w) for w in words]] for score, words in zip(out.score.tolist(), out.words)]
        assert hashlib.sha256(json.dumps(got).encode()).hexdigest() == digest
        assert classify == got[:first]


def test_rows_in_any_order():
    sentences, spans, row_sentence, starts, ends = _rows(CASES)
    back = slice(None, None, -1)
    got = list(zip(*score_rows(sentences, spans, row_sentence[back], starts[back], ends[back],
                                {}, batch=4)))
    assert got == _as_table(PINNED["cases"][0])[back]


def test_rescores_are_answered_together_as_score_rows_answers_them():
    from analysis.sentiment.bulk import Rescores

    sentences, spans, row_sentence, starts, ends = _rows(CASES[:6])
    rescore = Rescores({"window": 1})
    table = [[0.5], ["x"], ["y"], [""]]
    for j, a, b in zip(row_sentence, starts, ends):
        for column, value in zip(table, rescore(sentences[j], a, b, [])):
            column.append(value)
        table[3].append("other_actor")
    scores, labels, words, rules = rescore.fill(*table)
    want = score_rows([sentences[j] for j in row_sentence],
                      [[(a, b)] for a, b in zip(starts, ends)], list(range(len(starts))),
                      starts, ends, {"window": 1})
    assert (scores[0], labels[0], words[0]) == (0.5, "x", "y")
    assert (scores[1:], labels[1:], words[1:]) == want


def test_features_version_reads_every_file_the_features_are_computed_by():
    """The learned model's features version hashes the code of FEATURE_FILES: every module of
    analysis.sentiment that the feature functions import, directly or not, must be one."""
    import ast

    from analysis.sentiment.model import FEATURE_FILES

    folder = ROOT / "analysis" / "sentiment"
    seen, todo = set(), ["features"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((folder / f"{name}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("analysis.sentiment."):
                todo.append(node.module.rsplit(".", 1)[1])
    assert {"scoped", "rules", "parsing", "lexicon"} <= seen
    assert seen <= set(FEATURE_FILES)
