"""Tests for analysis.sentiment: scoped VADER, the supervised model, per-source tables."""

import math
import os
import warnings
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis.paths import ROOT
from analysis.sentiment import (
    BY_SOURCE_COLUMNS,
    EVIDENCE_COLUMNS,
    SCORE_COLUMNS,
    TargetSentimentModel,
    evidence,
    load_model,
    read_newsmtsc,
    save_model,
    sentiment_by_source,
    train_model,
)
from analysis.sentiment import classify_mention as _classify_mention
from analysis.sentiment import target_sentiment as _target_sentiment

# This module tests method "vader", whose rules are hand-checkable: it is what these two names
# score with unless a test names another method. The default method ("learned", the shipped
# model) is tested in test_sentiment_model_file.py.
classify_mention = partial(_classify_mention, method="vader")
target_sentiment = partial(_target_sentiment, method="vader")

TINY = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"


def _span(sentence, word):
    start = sentence.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # contrast: one sentence, opposite verdicts
        ("Europe is hopelessly behind the U.S.", "Europe", "negative"),
        ("Europe is hopelessly behind the U.S.", "U.S.", "positive"),
        ("The EU is weaker than the US.", "US", "positive"),
        ("The successful US outpaced the EU.", "EU", "negative"),
        # masking: the target's own words carry no sentiment
        ("The United States said nothing new.", "United States", "neutral"),
        ("Justice Department officials met.", "Justice Department", "neutral"),
        ("Under the Freedom Support Act, Dick Cheney met US officials.", "US", "neutral"),
        # negation
        ("The EU is not helpful.", "EU", "negative"),
        ("The EU is helpful.", "EU", "positive"),
        # clause scoping: whole-sentence VADER calls this positive (+0.90)
        ("Armenia stalled the talks, but the mediators were wonderful and brilliant.",
         "Armenia", "negative"),
        # reported speech: what the target says is not what is said about it
        ("Rice said Gates was racist and hostile.", "Gates", "negative"),
        # news lexicon: words VADER lacks
        ("The mayor was indicted.", "mayor", "negative"),
        ("The mayor's plan was a debacle.", "mayor", "negative"),
        ("The acclaimed mayor spoke.", "mayor", "positive"),
        # known limit: sarcasm reads as praise
        ("Oh sure, Brussels is such a wonderful friend.", "Brussels", "positive"),
    ],
    ids=["behind-subject", "behind-object", "than", "outpaced", "mask-united", "mask-target-name",
         "mask-other-names",
         "negation", "plain-positive", "clause", "speech", "news-lexicon", "news-lexicon-scandal",
         "news-lexicon-acclaim", "sarcasm-limit"],
)
def test_classify_mention_vader(sentence, target, expected):
    start, end = _span(sentence, target)
    result = classify_mention(sentence, start, end)
    assert result.label == expected
    assert -1 <= result.score <= 1


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # speech: the speaker gets none of what they say (default speech=0.0)
        ("Rice said Gates was racist and hostile.", "Rice", "neutral"),
        ('"This deal is a disaster," Merkel said.', "Merkel", "neutral"),
        ("Merkel told reporters the deal was a disaster.", "Merkel", "neutral"),
        # thresholds near zero: one distant word in another clause still decides (scores
        # +0.014 and -0.035; VADER's +-0.05 would call both neutral)
        ("The mayor arrived late, and the evening ended with a fine dinner.", "mayor",
         "positive"),
        ("The EU met on Monday; the following day, in another city, there were protests.",
         "EU", "negative"),
        # the one named by "called" is described by the quotation, not speaking it
        ("Tom called Varadkar \"arrogant and wrong\".", "Varadkar", "negative"),
        ("Varadkar said \"the plan is arrogant and wrong\".", "Varadkar", "neutral"),
        # Title Case headline: "Accuses" is not part of a name
        ("Gingrich Accuses Megyn Kelly Of Lying", "Megyn Kelly", "negative"),
        # known limit: a grim topic near a bystander reads as blame
        ("The mayor arrived after a long and tiring debate about the budget deficit.", "mayor",
         "negative"),
    ],
    ids=["said-speaker", "quote-speaker", "told-speaker", "faint-positive", "faint-negative",
         "called-named", "quote-speaker-said", "headline", "grim-topic-limit"],
)
def test_speech_and_thresholds(sentence, target, expected):
    start, end = _span(sentence, target)
    result = classify_mention(sentence, start, end)
    assert result.label == expected
    if target in ("Rice", "Merkel"):
        assert result.score == 0.0 and result.words == ()


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # a quotation after the target, with no reporting verb in between, describes it
        ("On Comey's comment that Trump is \"unethical\", the group said nothing.", "Trump",
         "negative"),
        ("Comey said Trump was \"dishonest and cruel\".", "Trump", "negative"),
        ("Jones wrote that the plan by Smith was \"a wonderful success\".", "Smith",
         "positive"),
        # ... but with a reporting verb in between, it is speech (the target's or another's)
        ("Smith, who later told reporters \"this is an awful mess\", left.", "Smith",
         "neutral"),
        ('"This is an awful mess," Merkel said of Smith.', "Merkel", "neutral"),
        # a quotation before the target is someone's speech, not a description of it
        ('"What an awful mess," a spokesman for the EU said.', "EU", "neutral"),
        # a sentence that starts inside a quotation (its opening mark in the sentence before)
        ('the plan is an awful disaster," Merkel said in a statement.', "Merkel", "neutral"),
        ("the plan is an awful disaster,” Merkel told the BBC.", "Merkel", "neutral"),
        # a name before a colon speaks what follows (headline style)
        ("Jacobs: \"You just broke my glasses and ruined my day.\"", "Jacobs", "neutral"),
        ("Jacobs: the minister ruined the talks", "Jacobs", "neutral"),
    ],
    ids=["comment-that", "said-about", "wrote-about", "who-told", "said-of", "quote-before",
         "open-quote-before", "open-quote-curly", "colon-quote", "colon-plain"],
)
def test_quotation_scope(sentence, target, expected):
    start, end = _span(sentence, target)
    result = classify_mention(sentence, start, end)
    assert result.label == expected
    if expected == "neutral":
        assert result.words == ()


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Smith met the party chairman.", "Smith"),
        ("Smith spoke to the national security adviser.", "Smith"),
        ("Smith briefed the intelligence committee.", "Smith"),
        ("Smith was named special counsel.", "Smith"),
        ("Smith, a top aide, flew to Ohio.", "Smith"),
        ("Smith filed a health care bill.", "Smith"),
        ("Smith visited a number of towns.", "Smith"),
    ],
    ids=["party", "security", "intelligence", "special", "top", "care", "number"],
)
def test_news_lexicon_removes_institutional_senses(sentence, target):
    # VADER scores these words positive; in news they name institutions and ranks
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).words == ()
    assert classify_mention(sentence, start, end, news_lexicon=False).label == "positive"


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # a win compares: the winner stands before the verb, the loser after it
        ("Smith defeated Jones in the primary.", "Smith", "positive"),
        ("Smith defeated Jones in the primary.", "Jones", "negative"),
        ("Polls show Smith beats Jones by ten points.", "Smith", "positive"),
        ("Polls show Smith beats Jones by ten points.", "Jones", "negative"),
        # passive, attributive and "beat up" are no comparisons: the word keeps its valence
        ("Smith was defeated in the primary.", "Smith", "negative"),
        ("The defeated Smith went home.", "Smith", "negative"),
        ("Smith threatened to beat up Jones.", "Smith", "negative"),
    ],
    ids=["defeated-winner", "defeated-loser", "beats-winner", "beats-loser", "passive",
         "attributive", "beat-up"],
)
def test_wins_compare(sentence, target, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).label == expected


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # the victim of violence, death or illness is not blamed for it (victim=0.0)
        ("Gunmen killed Smith in the street.", "Smith", "neutral"),
        ("The court heard about the murder of Smith.", "Smith", "neutral"),
        ("Smith died on Monday.", "Smith", "neutral"),
        ("Smith was stabbed on Monday.", "Smith", "neutral"),
        ("Smith went missing in May.", "Smith", "neutral"),
        # ... the one who harms is
        ("Smith stabbed a neighbour.", "Smith", "negative"),
        ("Workers were hurt by Smith and his policies.", "Smith", "negative"),
    ],
    ids=["killed-object", "murder-of", "died", "was-stabbed", "went-missing", "stabber",
         "hurt-by"],
)
def test_victims(sentence, target, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).label == expected
    if expected == "neutral":
        assert classify_mention(sentence, start, end, victim=1.0).label == "negative"


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # a victim is not blamed for the crime around it either: every negative word is out
        ("He was convicted of murder in the shooting of Smith.", "Smith", "neutral"),
        ("Jones fatally shot Smith in a brutal attack.", "Smith", "neutral"),
        ("Police say Smith was killed in a vicious robbery.", "Smith", "neutral"),
        ("Smith has died after a terrible crash.", "Smith", "neutral"),
        # ... but positive words still count
        ("Jones was jailed for the murder of Smith, a beloved teacher.", "Smith", "positive"),
        # not a victim: the harm word ends a clause before it, or is no predicate of it
        ("Hours before Jones died, Smith posted a cruel attack.", "Smith", "negative"),
        ("Trump called Smith a sick liar.", "Smith", "negative"),
        # not a victim: the one who shoots
        ("Smith shot Jones in a brutal attack.", "Smith", "negative"),
    ],
    ids=["murder-in-shooting-of", "shot-object", "killed-in-robbery", "has-died",
         "victim-praised", "died-other-clause", "called-sick", "shooter"],
)
def test_victim_not_blamed_for_crime(sentence, target, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).label == expected


@pytest.mark.parametrize("victim", [0.5, 0.25, 1.0])
def test_victim_factor_applies_once(victim):
    # "killed" is both a harm the target undergoes and the crime of a victim's sentence: its
    # valence (-3.5) is scaled by ``victim`` once, then VADER's normalisation (alpha 15)
    total = -3.5 * victim
    result = classify_mention("Smith was killed.", 0, 5, victim=victim)
    assert result.score == pytest.approx(total / math.sqrt(total * total + 15.0))


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # what the target talks about does not blame it (speech=0.0 for negative words)
        ("Smith spoke of the enemies of the president.", "Smith", "neutral"),
        ("NPR's Smith talks with Jones about the brutal attacks.", "Smith", "neutral"),
        ("Smith was referring to the bribery probe.", "Smith", "neutral"),
        ("Smith discussed the terrible crisis at length.", "Smith", "neutral"),
        # positive words of the topic still count
        ("Smith talked about the great success of the economy.", "Smith", "positive"),
        # the verb must follow the target: others talking about the target still blame it
        ("Jones spoke of the corrupt Smith.", "Smith", "negative"),
        # not a verb of talking
        ("Smith attacked the terrible plan.", "Smith", "negative"),
    ],
    ids=["spoke-of", "talks-with-about", "referring-to", "discussed", "good-topic",
         "talked-about-target", "not-talk"],
)
def test_talk_topic_does_not_blame(sentence, target, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).label == expected
    if expected == "neutral":
        assert classify_mention(sentence, start, end, speech=1.0).label == "negative"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('"A bad day," he said.', [0, 1, 2]),
        ("the plan is a disaster,\u201d Merkel said.", [0, 1, 2, 3, 4]),
        ('They called it a bad day."', [0, 1, 2, 3, 4, 5]),
        # an apostrophe is not a quotation mark that closes one
        ("Jones\u2019 book is \u201cawful\u201d and long.", [3]),
        ("Jones' plan failed.", []),
    ],
    ids=["balanced", "starts-inside", "starts-inside-straight", "apostrophe", "apostrophe-only"],
)
def test_quoted_positions(sentence, expected):
    from analysis.sentiment.parsing import quoted_positions

    assert sorted(quoted_positions(sentence, sentence.split())) == expected


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # settings: where, when, whom a speaker addresses; not who is portrayed
        ("Police arrested hundreds in violent protests in France.", "France", "neutral"),
        ("Trump on Sunday angrily attacked the press.", "Sunday", "neutral"),
        ("Trump angrily attacked the press last week.", "last week", "neutral"),
        ("He told CNN the plan was a disaster.", "CNN", "neutral"),
        ("He asked Smith if the plan was a disaster.", "Smith", "neutral"),
        ("He informed Smith of the deadly attack.", "Smith", "neutral"),
        ("He phoned Smith to complain about the report.", "Smith", "neutral"),
        # a possessive or a pronoun after "in" is still portrayed
        ("The scandal caused a collapse in Obama's approval.", "Obama", "negative"),
        ("In his awful speech he attacked everyone.", "his", "negative"),
        # the same words without "in": portrayed
        ("Police arrested hundreds in violent protests by France.", "France", "negative"),
        # known limit: "in" also introduces participants
        ("The crisis exposed the failures in Brussels.", "Brussels", "neutral"),
    ],
    ids=["in-place", "weekday", "time-phrase", "told-listener", "asked-listener",
         "informed-listener", "phoned-listener", "in-possessive", "in-pronoun", "by-place",
         "in-participant-limit"],
)
def test_settings_are_neutral(sentence, target, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).label == expected
    if expected == "neutral":  # the heuristic, not a lack of sentiment words, made it so
        assert classify_mention(sentence, start, end, setting=1.0).label != "neutral"


@pytest.mark.parametrize(
    ("sentence", "target", "against", "expected"),
    [
        ("Thousands marched against Maduro.", "Maduro", -1.0, "negative"),
        ("Thousands marched against Maduro.", "Maduro", 0.0, "neutral"),
        ("Thousands marched with Maduro.", "Maduro", -1.0, "neutral"),
        # known limit: "against" also sets up a match or a comparison
        ("Spain played against Italy.", "Italy", -1.0, "negative"),
    ],
    ids=["against", "against-off", "with", "match-limit"],
)
def test_against_the_target(sentence, target, against, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end, against=against).label == expected


def test_speaker_gets_little_of_what_they_say():
    s = "Rice said Gates was racist and hostile."
    speaker = classify_mention(s, 0, 4).score
    subject = classify_mention(s, 10, 15).score
    assert subject < 0 and abs(speaker) < abs(subject) / 5
    assert classify_mention(s, 0, 4, speech=1.0).score < speaker


def test_contributions_sum_to_score_and_name_words():
    s = "Europe is hopelessly behind the U.S."
    result = classify_mention(s, 0, 6)
    assert math.isclose(sum(c for _, c in result.words), result.score, abs_tol=1e-3)
    assert [w for w, _ in result.words] == ["hopelessly", "behind"]


def test_sentence_baseline_ignores_target():
    s = "Europe is hopelessly behind the U.S."
    a = classify_mention(s, 0, 6, method="sentence")
    b = classify_mention(s, 32, 36, method="sentence")
    assert a == b and a.label == "negative"


def test_sentence_baseline_keeps_vader_cutoffs():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    for sentence in list(read_newsmtsc(TINY)["sentence"]) + ["The EU met, sort of."]:
        c = vader.polarity_scores(sentence)["compound"]
        expected = "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
        assert classify_mention(sentence, 0, 1, method="sentence").label == expected


def test_thresholds_are_options():
    s = "The EU is helpful."
    assert classify_mention(s, 4, 6, pos_threshold=0.99).label == "neutral"


def test_no_overlap_gives_neutral():
    assert classify_mention("Great news today.", 50, 60).label == "neutral"


def test_read_newsmtsc_and_errors(tmp_path):
    data = read_newsmtsc(TINY)
    assert list(data.columns) == ["sentence", "start", "end", "label"]
    assert data["label"].value_counts().to_dict() == {"negative": 5, "neutral": 4, "positive": 4}
    assert (data.apply(lambda r: r.sentence[r.start:r.end], axis=1).str.len() > 3).all()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence_normalized": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl: line 1"):
        read_newsmtsc(bad)


def test_supervised_train_save_load(tmp_path):
    model = train_model(TINY, min_df=1)
    data = read_newsmtsc(TINY)
    assert (model.predict(data) == data["label"].to_numpy()).mean() >= 0.9
    path = save_model(model, tmp_path / "model.joblib")
    with pytest.warns(UserWarning, match="runs the code"):
        loaded = load_model(path, trusted=True)
    s = "The mayor was praised for her brave leadership."
    a, b = _span(s, "mayor")
    by_object = classify_mention(s, a, b, method=model)
    by_path = classify_mention(s, a, b, method=loaded)
    assert by_object.label == by_path.label == "positive"
    assert math.isclose(by_object.score, by_path.score)
    assert by_object.words and np.allclose(model.predict_proba(data),
                                           loaded.predict_proba(data))


@pytest.mark.parametrize(
    ("sentence", "start", "end", "expected"),
    [
        ("The EU failed badly.", 4, 6,
         {"DL_the": 1.0, "D_the": 1.0, "DR_failed": 1.0, "D_failed": 1.0,
          "DR_badly": math.exp(-0.5), "D_badly": math.exp(-0.5), "B_the_T": 1.0,
          "B_<s>_the_T": 1.0, "B_T_failed": 1.0, "B_T_failed_badly": 1.0, "C_the": 1.0,
          "C_failed": 1.0, "C_badly": 1.0}),
        # the nearer occurrence wins; the other clause is not C_
        ("Bad news: the EU is bad.", 14, 16,
         {"DL_the": 1.0, "D_the": 1.0, "DL_news": math.exp(-0.5), "D_news": math.exp(-0.5),
          "DL_bad": math.exp(-1), "D_bad": math.exp(-0.5), "DR_is": 1.0, "D_is": 1.0,
          "DR_bad": math.exp(-0.5), "B_the_T": 1.0, "B_news_the_T": 1.0, "B_T_is": 1.0,
          "B_T_is_bad": 1.0, "C_the": 1.0, "C_is": 1.0, "C_bad": 1.0}),
    ],
    ids=["one-clause", "two-sides"],
)
def test_distance_features(sentence, start, end, expected):
    from analysis.sentiment.features import distance_features

    got = distance_features(sentence, start, end, 2.0)
    assert got.keys() == expected.keys()
    assert all(math.isclose(got[k], v) for k, v in expected.items())


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        ("Rubio accused Hillary Clinton of lying.", "Rubio", "TARGET accused ENT of lying"),
        ("Rubio accused Hillary Clinton of lying.", "Hillary Clinton",
         "rubio accused TARGET of lying"),
        # known limit: a capitalised common word after the first is a name too
        ("The EU said \"No\" on Monday.", "EU", "the TARGET said ENT on ENT"),
    ],
    ids=["actor", "patient", "capitalised-limit"],
)
def test_placeholder_doc(sentence, target, expected):
    from analysis.sentiment.features import placeholder_doc

    assert placeholder_doc(sentence, *_span(sentence, target)) == expected


@pytest.mark.parametrize(
    ("doc", "window", "expected"),
    [
        ("rubio accused TARGET of lying", 4, "rubio NEG TARGET of NEG"),
        ("ENT praised TARGET for its help", 4, "ENT POS TARGET for its POS"),
        # cut to the window on each side
        ("a b c d TARGET e f g", 2, "c d TARGET e f"),
        # known limit: no negation, so "not" stays beside a positive word
        ("TARGET did not help", 4, "TARGET did not POS"),
        ("no target here is bad", 1, "NEG target here is NEG"),  # "no" is a VADER word
    ],
    ids=["actor-negative", "positive", "window", "negation-limit", "no-target"],
)
def test_polarity_doc(doc, window, expected):
    from analysis.sentiment.features import polarity_doc

    assert polarity_doc(doc, window=window) == expected


def test_supervised_explains_with_named_features():
    model = train_model(TINY, min_df=1)
    assert len(model.feature_names_) == model.classifier_.coef_.shape[1]
    names = set(model.feature_names_)
    assert {"vader_scoped", "vader_unscoped_neg", "D_failed"} <= names
    assert any(n.startswith("charL_") for n in names)
    assert "Pol_NEG" in names
    s = "The EU failed badly."
    words = [w for w, _ in classify_mention(s, 4, 6, method=model).words]
    assert 0 < len(words) <= 10


@pytest.mark.filterwarnings("ignore:.*runs the code:UserWarning")
def test_load_model_errors(tmp_path):
    import joblib

    with pytest.raises(FileNotFoundError, match="no saved sentiment model"):
        load_model(tmp_path / "missing.joblib", trusted=True)
    joblib.dump({"not": "a model"}, tmp_path / "x.joblib")
    with pytest.raises(TypeError, match="not a TargetSentimentModel"):
        load_model(tmp_path / "x.joblib", trusted=True)
    old = TargetSentimentModel()
    old.classifier_ = None  # fitted before the vectorizers_ of the current features
    joblib.dump(old, tmp_path / "old.joblib")
    with pytest.raises(ValueError, match="older analysis.sentiment"):
        load_model(tmp_path / "old.joblib", trusted=True)
    old.vectorizers_ = {"whole": None}  # the features before the placeholder n-grams
    joblib.dump(old, tmp_path / "old2.joblib")
    with pytest.raises(ValueError, match="older analysis.sentiment"):
        load_model(tmp_path / "old2.joblib", trusted=True)


class _RunsCode:
    """A pickle that, when read, makes the folder ``self.path`` (harmless, visible)."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return os.mkdir, (self.path,)


def _crafted(tmp_path):
    import joblib

    return joblib.dump(_RunsCode(tmp_path / "ran"), tmp_path / "crafted.joblib")[0]


@pytest.mark.parametrize("load", [
    lambda p: load_model(p),
    lambda p: load_model(p, trusted="yes"),  # only True itself says so
    lambda p: classify_mention("The EU met.", 4, 6, method=p),
    lambda p: classify_mention("The EU met.", 4, 6, method=Path(p)),
    lambda p: target_sentiment(pd.DataFrame({"doc_id": ["a"], "source": ["X"],
                                             "text": ["The EU met."]}), method=p),
])
def test_a_saved_model_is_not_read_without_trusted(tmp_path, load):
    # Issue 23: a crafted file ran its code, then TypeError "holds int".
    path = _crafted(tmp_path)
    with pytest.raises(ValueError, match=r"trusted=True"):
        load(path)
    assert not (tmp_path / "ran").exists()


def test_trusted_load_warns_that_a_pickle_runs_code(tmp_path):
    path = _crafted(tmp_path)
    with pytest.warns(UserWarning, match="runs the code it holds"), \
            pytest.raises(TypeError, match="holds NoneType, not a TargetSentimentModel"):
        load_model(path, trusted=True)
    assert (tmp_path / "ran").is_dir()  # why it must be asked for


@pytest.mark.parametrize("method", ["/any/path", "Vader", "", "model.joblib", None, 3])
def test_unknown_methods_are_errors_listing_the_methods(method):
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["The EU met."]})
    with pytest.raises(ValueError, match=r"method must be 'vader', 'sentence', 'learned', a "
                                         r"TargetSentimentModel or a callable \(sentences, "
                                         r"starts, ends\) -> scores, got"):
        target_sentiment(c, method=method)
    with pytest.raises(ValueError, match="method must be"):
        classify_mention("The EU met.", 4, 6, method=method)


def test_log_count_ratio_by_hand():
    from analysis.sentiment.model import _log_count_ratio

    # column 0 in both positive rows, column 1 in the negative row only, column 2 everywhere
    X = sp.csr_matrix(np.array([[1.0, 0, 1], [2.0, 0, 1], [0, 0.5, 1]]))
    got = _log_count_ratio(X, [True, True, False], alpha=1.0)
    # p = 1 + (2, 0, 2) = (3, 1, 3), |p| = 7;  q = 1 + (0, 1, 1) = (1, 2, 2), |q| = 5
    expected = np.log(np.array([3, 1, 3]) / 7) - np.log(np.array([1, 2, 2]) / 5)
    assert np.allclose(got, expected)
    assert got[0] > got[2] > 0 > got[1]  # more positive evidence first


def test_nb_logistic_folds_the_ratios_into_its_coefficients():
    from sklearn.linear_model import LogisticRegression

    from analysis.sentiment.model import _log_count_ratio, _NBLogisticRegression

    rng = np.random.default_rng(0)
    X = sp.csr_matrix((rng.random((60, 6)) > 0.6) * 1.0)
    X = sp.hstack([X, sp.csr_matrix(rng.normal(size=(60, 1)))]).tocsr()
    y = np.array(["negative", "neutral", "positive"] * 20)
    model = _NBLogisticRegression(C=1.0, n_scaled=6, svm_weight=0.0).fit(X, y)
    ratio = np.append(_log_count_ratio(X[:, :6], y == "positive"), 1.0)  # the dense column as is
    by_hand = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
    by_hand.fit(X.multiply(ratio).tocsr(), y == "positive")
    assert np.allclose(model.decision_function(X)[:, 2],
                       by_hand.decision_function(X.multiply(ratio).tocsr()))
    assert np.allclose(model.predict_proba(X).sum(axis=1), 1.0)
    assert list(model.predict(X)) == list(model.classes_[model.predict_proba(X).argmax(axis=1)])


def test_nb_logistic_adds_the_svm_folded_in():
    from sklearn.svm import LinearSVC

    from analysis.sentiment.model import _NBLogisticRegression

    rng = np.random.default_rng(1)
    X = sp.csr_matrix((rng.random((60, 8)) > 0.6) * 1.0)
    y = np.array(["negative", "neutral", "positive"] * 20)
    nb = _NBLogisticRegression(n_scaled=8, svm_weight=0.0).fit(X, y).decision_function(X)
    svm = LinearSVC(C=0.03, class_weight="balanced").fit(X, y).decision_function(X)
    both = _NBLogisticRegression(n_scaled=8, svm_weight=0.5).fit(X, y).decision_function(X)
    assert np.allclose(both, (nb + 0.5 * nb.std() / svm.std() * svm) / 1.5)


def test_load_model_refuses_an_earlier_classifier(tmp_path):
    import joblib

    model = train_model(TINY, min_df=1)
    # plain regression; NB-LR; NB-LR + SVM; + polarity n-grams (versions bumped by hand); a
    # hash of other feature code
    for version in (1, 2, 3, 4, "0123456789abcdef"):
        model.features_version_ = version
        joblib.dump(model, tmp_path / "old.joblib")
        with pytest.raises(ValueError, match=f"older analysis.sentiment.*{version!r}.*retrain"), \
                pytest.warns(UserWarning, match="runs the code"):
            load_model(tmp_path / "old.joblib", trusted=True)


@pytest.mark.filterwarnings("ignore:.*runs the code:UserWarning")
def test_saved_model_carries_the_features_version_of_the_code(tmp_path):
    from analysis.sentiment.model import features_version

    model = train_model(TINY, min_df=1)
    assert model.features_version_ == features_version()
    loaded = load_model(save_model(model, tmp_path / "m.joblib"), trusted=True)
    assert loaded.features_version_ == features_version()


def test_features_version_follows_the_feature_code_and_lexicon(tmp_path, monkeypatch):
    from analysis.sentiment import model

    current = model.features_version()
    lexicon = tmp_path / "news_lexicon.tsv"
    lexicon.write_bytes(model.NEWS_LEXICON.read_bytes() + b"smeared\t-1.5\n")
    changed = {}
    for name, value in (("NEWS_LEXICON", lexicon), ("FEATURE_FILES", ("lexicon", "parsing"))):
        with monkeypatch.context() as m:
            m.setattr(model, name, value)
            model.features_version.cache_clear()
            changed[name] = model.features_version()
    model.features_version.cache_clear()
    assert model.features_version() == current
    assert changed["NEWS_LEXICON"] != current and changed["FEATURE_FILES"] != current


def test_model_is_an_estimator_with_keyword_options():
    with pytest.raises(TypeError):
        TargetSentimentModel(1.0)  # options are keyword-only
    assert TargetSentimentModel(C=2.0).C == 2.0


def _corpus():
    return pd.DataFrame({
        "doc_id": ["a1", "a2", "b1"],
        "source": ["A", "A", "B"],
        "text": [
            "Europe is hopelessly behind the U.S.\nThe EU praised Armenia's brave reforms.",
            "Talks were held in Brussels. Armenia failed badly.",
            "The US helped. The United States met officials.",
        ],
    })


def test_target_sentiment_table():
    scores = target_sentiment(_corpus())
    assert list(scores.columns) == SCORE_COLUMNS
    got = scores[["doc_id", "sent_id", "target", "label"]].values.tolist()
    # "The EU praised Armenia's ...": the EU holds the praise (neutral, rule "holder")
    assert got == [["a1", 0, "EU", "negative"], ["a1", 0, "US", "positive"],
                   ["a1", 1, "Armenia", "positive"], ["a1", 1, "EU", "neutral"],
                   ["a2", 1, "Armenia", "negative"], ["b1", 0, "US", "positive"],
                   ["b1", 1, "US", "neutral"]]
    assert scores.score.between(-1, 1).all()
    assert target_sentiment(_corpus()).equals(scores)


def test_target_sentiment_reuses_a_sentence_table():
    from analysis.tokens import sentences

    corpus = _corpus()
    table = sentences(corpus)
    pd.testing.assert_frame_equal(target_sentiment(corpus, sentences=table),
                                  target_sentiment(corpus))
    with pytest.raises(ValueError, match="not this corpus's sentence table"):
        target_sentiment(corpus, sentences=table[table.doc_id != "a2"])


def test_venue_only_sentences_can_be_included():
    scores = target_sentiment(_corpus(), include_venues=True)
    assert ["a2", 0, "EU"] in scores[["doc_id", "sent_id", "target"]].values.tolist()


def test_sentiment_by_source_zero_cells_and_intervals():
    scores = target_sentiment(_corpus())
    table = sentiment_by_source(scores, sources=["A", "B", "C"])
    assert list(table.columns) == BY_SOURCE_COLUMNS
    assert len(table) == 9  # 3 sources x 3 targets, empty cells kept
    empty = table[(table.source == "B") & (table.target == "EU")].iloc[0]
    assert empty.n_sentences == 0 and empty.n_docs == 0 and np.isnan(empty["mean"])
    full = table[table.n_sentences > 0]
    # the toy corpus has one or two articles per source: no interval about an outlet
    assert full.ci_low.isna().all() and full.ci_high.isna().all()
    assert (full.reason == full.n_docs.map({1: "1 article: no interval",
                                            2: "2 articles: no interval"})).all()
    assert table[table.n_sentences == 0].reason.eq("no mentions").all()
    sent = sentiment_by_source(scores, sources=["A", "B", "C"], unit="sentence")
    several = sent[sent.n_sentences > 1]
    assert (several.ci_low <= several["mean"] + 1e-12).all()
    assert (several["mean"] <= several.ci_high + 1e-12).all()
    shares = full[["share_negative", "share_neutral", "share_positive"]].sum(axis=1)
    assert np.allclose(shares, 1.0)
    a_eu = table[(table.source == "A") & (table.target == "EU")].iloc[0]
    assert (a_eu.n_sentences, a_eu.n_docs) == (2, 1)
    # seeded: same table twice; another seed moves only the intervals
    assert sentiment_by_source(scores, sources=["A", "B", "C"]).equals(table)
    other = sentiment_by_source(scores, sources=["A", "B", "C"], random_state=1,
                                unit="sentence")
    assert other["mean"].equals(table["mean"])


def _cell(doc_ids, values):
    return pd.DataFrame({"doc_id": doc_ids, "source": "X", "target": "EU",
                         "score": values, "label": "neutral"})


@pytest.mark.parametrize("doc_ids, values, reason", [
    (["a"], [0.4], "1 article: no interval"),                     # the one mention
    (["a", "a", "a", "a"], [0.4, 0.1, 0.3, 0.2], "1 article: no interval"),  # 4 sentences
    (["a", "b"], [0.4, 0.1], "2 articles: no interval"),
    (["a", "b", "c"], [0.0, 0.0, 0.0], "no spread between articles: no interval"),
    (["a", "b", "c"], [0.4, 0.1, 0.3], ""),
])
def test_sentiment_by_source_article_interval_rows(doc_ids, values, reason):
    row = sentiment_by_source(_cell(doc_ids, values)).iloc[0]
    assert row.reason == reason
    assert np.isnan(row.ci_low) == bool(reason)
    if not reason:
        from analysis.intervals import ratio_interval

        want = ratio_interval(values, [1, 1, 1])  # one mention per article
        assert (row.ci_low, row.ci_high) == pytest.approx((want.ci_low, want.ci_high))
        assert row.ci_low < row["mean"] < row.ci_high


def test_sentiment_by_source_article_interval_weights_articles_by_mentions():
    from analysis.intervals import ratio_interval

    row = sentiment_by_source(_cell(["a", "a", "b", "c", "c", "c"],
                                    [0.5, 0.1, -0.2, 0.4, 0.0, 0.2])).iloc[0]
    want = ratio_interval([0.6, -0.2, 0.6], [2, 1, 3])
    assert (row["mean"], row.ci_low, row.ci_high) == pytest.approx(
        (want.estimate, want.ci_low, want.ci_high))


def test_sentiment_by_source_sentence_option_single_sentence_has_no_interval():
    row = sentiment_by_source(_cell(["a"], [0.4]), unit="sentence").iloc[0]
    assert np.isnan(row.ci_low) and row.reason == "1 sentence: no interval"


def test_sentiment_by_source_bad_unit():
    with pytest.raises(ValueError, match="unit must be"):
        sentiment_by_source(_cell(["a"], [0.4]), unit="paragraph")


def test_sentiment_by_source_empty_scores():
    empty = target_sentiment(_corpus().iloc[:0])
    table = sentiment_by_source(empty, sources=["A"], targets=["EU"])
    assert table[["source", "target", "n_sentences"]].values.tolist() == [["A", "EU", 0]]


def test_evidence_picks_strongest_per_direction():
    scores = target_sentiment(_corpus())
    ev = evidence(scores, k=1)
    assert list(ev.columns) == EVIDENCE_COLUMNS
    us_a = ev[(ev.source == "A") & (ev.target == "US")]
    assert us_a[["direction", "rank"]].values.tolist() == [["positive", 1]]
    assert "hopelessly" in us_a.iloc[0]["words"]
    assert (ev[ev.direction == "negative"].score < 0).all()
    assert evidence(scores, k=1).equals(ev)


def test_seed_smoke():
    from analysis.corpus import load_corpus

    corpus = load_corpus().rename(columns={"raw_text": "text"})
    scores = target_sentiment(corpus)
    assert set(scores.target) == {"EU", "US", "Armenia"}
    table = sentiment_by_source(scores, sources=corpus["source"])
    assert len(table) == corpus["source"].nunique() * 3


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        ("Unlike the EU, Washington failed miserably.", "EU", "positive"),
        ("Unlike the EU, Washington failed miserably.", "Washington", "negative"),
    ],
    ids=["unlike-subject-of-contrast", "unlike-other-side"],
)
def test_unlike_contrast(sentence, target, expected):
    start, end = _span(sentence, target)
    assert classify_mention(sentence, start, end).label == expected


@pytest.mark.parametrize(
    "sentence",
    ["The EU is not very helpful, but never so bad.", "Without doubt the US is kind of great!",
     "NO ONE trusts Brussels at all.", "It was the least bad option, sort of."],
)
def test_fast_vader_scores_equal_vader(sentence):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.sentiment.lexicon import vader_analyzer

    assert vader_analyzer(False).polarity_scores(sentence) == \
        SentimentIntensityAnalyzer().polarity_scores(sentence)


def test_large_cells_get_the_normal_interval_close_to_the_bootstrap():
    rng = np.random.default_rng(3)
    n = 3000
    scores = pd.DataFrame({"doc_id": [f"d{i // 10}" for i in range(n)], "source": "X",
                           "target": "EU", "score": rng.uniform(-1, 1, n).round(3),
                           "label": "neutral"})
    boot = sentiment_by_source(scores, unit="sentence")
    normal = sentiment_by_source(scores, max_boot_n=n - 1, unit="sentence")
    sd = scores["score"].std(ddof=1)
    half = 1.959964 * sd / np.sqrt(n)
    assert normal.loc[0, "ci_high"] - normal.loc[0, "mean"] == pytest.approx(half, rel=1e-5)
    # the bootstrap percentiles agree with the normal limit to within 5% of the width
    width = 2 * half
    assert abs(boot.loc[0, "ci_low"] - normal.loc[0, "ci_low"]) < 0.05 * width
    assert abs(boot.loc[0, "ci_high"] - normal.loc[0, "ci_high"]) < 0.05 * width


@pytest.mark.parametrize("sentence", [
    "The EU is GOOD but the US is not bad.",           # caps differential, negation
    "NO WAY the EU is GOOD, but Armenia is at least not bad",
    "There is no good or bad answer from Washington.",   # "no" before a lexicon word
    "Yerevan was not the least bit helpful :)",          # "least", an emoticon
    "Without doubt the bloc is kind of great!!",         # idioms and boosters
    "Brussels never so badly misjudged a partner.",
    "-Good- #bad* the EU *great* ~nice~ -- +sad+",          # punctuation VADER strips
    # a modifier three words before, two after, and just out of reach of a sentiment word
    # (words far from every modifier take their lexicon value without VADER's rules)
    "Not one of those good deals, the EU said.",
    "Not one of the many good deals the EU offered was good.",
    "The EU said good things kind of late.",
    "We saw later this good plan from the EU.",          # "this" alone: VADER's x1.25
    "The EU said yeah right good deal.",                 # an idiom before the word
    "Brussels wouldn't've been good to Yerevan.",        # an "n't" form not in NEGATE
    "It was the kiss of death for a good plan; a bad ass move, the EU said.",
    "The EU isn't helping, the US wasn't hurt, and Armenia doesn't care much.",
    "This very good deal is the most hopeful and least bad, the EU said.",
    "Good EU move, GREAT US support, and so good a deal for Armenia.",
])
def test_parse_values_match_vader(sentence):
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

    from analysis.sentiment.lexicon import vader_analyzer
    from analysis.sentiment.parsing import parse_each

    vader = SentimentIntensityAnalyzer()
    vader.lexicon = dict(vader_analyzer(True).lexicon)  # VADER's rules on the same lexicon
    text = SentiText(sentence)
    expected = []
    for i, word in enumerate(text.words_and_emoticons):
        if word.lower() in BOOSTER_DICT or word.lower() not in vader.lexicon:
            expected.append(0.0)
        else:
            expected = vader.sentiment_valence(0.0, text, word, i, expected)
    parsed = parse_each([sentence])[0]
    assert list(parsed.words) == text.words_and_emoticons
    assert list(parsed.values) == pytest.approx(expected, abs=1e-12)
    assert [sentence[a:b] for a, b in parsed.spans] == sentence.split()


@pytest.mark.parametrize("sentences", [
    # the same sentiment word with a negation inside / outside its three-word window
    ["The EU was not very good.", "Not that the EU was very good.", "The EU was very good."],
    # a booster right before, an idiom right after, all caps only in one sentence
    ["Armenia is kind of good.", "Armenia is good kind of.", "ARMENIA IS GOOD kind of."],
    ["No good for Washington.", "No good.", "Good, no."],
])
def test_parse_valence_memo_equals_a_fresh_parse(sentences):
    from analysis import sentiment

    sentiment.lexicon._VALENCE_MEMO.clear()
    cold = []
    for s in sentences:
        cold.append(sentiment.parsing.parse_each([s])[0].values)
        sentiment.lexicon._VALENCE_MEMO.clear()
    for s in sentences:  # warm the memo with every sentence, then parse again in reverse
        sentiment.parsing.parse_each([s])[0]
    warm = [sentiment.parsing.parse_each([s])[0].values for s in reversed(sentences)][::-1]
    assert warm == cold
    assert len({values for values in cold}) == len(cold)  # the windows do differ


@pytest.mark.parametrize("sentence, expected", [
    ("Gingrich Accuses Megyn Kelly Of Bias", 1.0),
    ('"EU" Leaders Meet (In Brussels) today', 5 / 6),
    ("The EU met on 12 May in Brussels.", 4 / 7),   # "12" is not a word
    ("EU Leaders Meet", 0.0),                        # under four words: not a headline
])
def test_parse_share_of_capitalised_words(sentence, expected):
    from analysis.sentiment.parsing import parse_each

    assert parse_each([sentence])[0].capitalised == pytest.approx(expected)


@pytest.mark.parametrize("sentence, clauses", [
    ("A, b but c — d", [0, 1, 2, 2, 2, 3]),
    ("But the EU; while US", [1, 1, 1, 3, 3]),   # "but" opens, ";" closes, "while" opens
    ("no clause marks here", [0, 0, 0, 0]),
    ("x,", [0]),
])
def test_parse_clause_numbers(sentence, clauses):
    from analysis.sentiment.parsing import parse_each

    assert list(parse_each([sentence])[0].clause) == clauses


@pytest.mark.parametrize("sentence", [
    "  The EU  is\tgood.  ", "One", "", "A  B C", "The EU is good.", "a\u00a0b c",
])
def test_parse_offsets_with_any_spacing(sentence):
    from analysis.sentiment.parsing import parse_each

    p = parse_each([sentence])[0]
    assert [sentence[a:b] for a, b in p.spans] == sentence.split()
    assert list(p.starts) == [a for a, _ in p.spans] and list(p.ends) == [b for _, b in p.spans]


_BATCH = [
    "But the EU, sadly, failed; while Armenia, \"a close friend,\" did not.",
    "  The US  is\tnot very good — and WORSE than Russia.  ",
    '\u201cWe will never accept it,\u201d the minister said, but Baku disagreed.',
    "",
    "   ",
    'Peace," he said. Then the EU, however, praised Armenia.',
    "Gingrich Accuses Megyn Kelly Of Bias",
    "x,",
    "But the EU, sadly, failed; while Armenia, \"a close friend,\" did not.",  # again
    "It was kind of good, no.",
]


def _one_sentence_parse(sentence):
    """What parse gave before batches: parse_sentences of the sentence alone, as tuples."""
    from analysis.sentiment.parsing import parse_sentences

    s = parse_sentences([sentence])
    ids = s.ids.tolist()
    return dict(words=tuple(map(s.vocab.words.__getitem__, ids)),
                values=tuple(s.valence.tolist()),
                lower=tuple(map(s.vocab.lower.__getitem__, ids)),
                clause=tuple(s.clause.tolist()),
                quoted=frozenset(np.flatnonzero(s.quoted).tolist()),
                starts=tuple((s.g_start - s.base[0]).tolist()),
                ends=tuple((s.g_end - s.base[0]).tolist()), capitalised=float(s.capitalised[0]))


@pytest.mark.parametrize("order", [1, -1])
def test_parse_of_a_batch_equals_each_sentence_parsed_alone(order):
    from analysis.sentiment import parsing

    batch = _BATCH[::order]
    parsing.PARSED.clear()
    each, many = parsing.parse_each(batch), parsing.parse_many(batch)
    cached = [parsing.parse(s) for s in batch]  # read back from the cache parse_many filled
    assert len(parsing.PARSED) == len(set(batch))
    for k, sentence in enumerate(batch):
        expected = _one_sentence_parse(sentence)
        for got in (each[k], many[k], cached[k]):
            for field, value in expected.items():
                assert getattr(got, field) == value, (sentence, field)
                assert type(getattr(got, field)) is type(value), (sentence, field)
            assert [type(x) for x in got.clause + got.starts + got.ends] == \
                [int] * (3 * len(got.words))
    i, j = [k for k, sentence in enumerate(batch) if sentence == _BATCH[0]]
    assert many[i] is many[j]  # a repeated sentence: parsed once
    assert any(p.quoted for p in each) and any(p.clause and p.clause[0] for p in each)
    assert each[batch.index("")].words == () and each[batch.index("   ")].starts == ()


def test_parse_cache_is_bounded_and_drops_the_least_recently_used():
    from analysis.sentiment.parsing import ParseCache

    cache = ParseCache(maxsize=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # now "b" is the least recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c"), len(cache)) == (1, None, 3, 2)
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


@pytest.mark.parametrize("doc_ids", [["a", "b", "c"], ["c", "a", "b"], ["b", "b", "a"]])
def test_target_sentiment_rows_sorted_whatever_the_corpus_order(doc_ids):
    texts = ["The EU praised Armenia. The US was behind.", "Armenia and the EU met.",
             "Washington criticised Yerevan. Brussels stayed silent."]
    corpus = pd.DataFrame({"doc_id": doc_ids, "source": ["X", "Y", "X"], "text": texts})
    table = target_sentiment(corpus)
    expected = table.sort_values(["doc_id", "sent_id", "target"], kind="stable")
    pd.testing.assert_frame_equal(table, expected.reset_index(drop=True))
    # 2 + 1 rows, 2 rows, 2 + 1 rows: every (sentence, target) pair of every article
    assert len(table) == 8
    per_doc: dict[str, int] = {}
    for doc_id, n in zip(doc_ids, [3, 2, 3]):
        per_doc[doc_id] = per_doc.get(doc_id, 0) + n
    assert table.groupby("doc_id").size().to_dict() == per_doc


# --- by= a period (issue 22: trends over time) ---------------------------------------------

def _dated_scores():
    scores = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "d", "e"], "source": ["X", "X", "X", "X", "X", "Y"],
        "target": "EU", "score": [0.4, 0.1, 0.3, -0.2, -0.4, 0.5],
        "label": ["positive", "neutral", "positive", "negative", "negative", "positive"]})
    corpus = pd.DataFrame({"doc_id": list("abcde"),
                           "date": ["2025-01-03", "2025-01-20", "2025-01-31", "2025-04-02",
                                    "11:30 - Today"]})
    return scores, corpus


def test_sentiment_by_source_and_month_fills_periods_and_keeps_undated():
    scores, corpus = _dated_scores()
    with pytest.warns(UserWarning, match="1 of 6 rows .*undated.*1 without a date"):
        table = sentiment_by_source(scores, by=["source", "month"], dates=corpus)
    assert list(table.columns[:4]) == ["source", "month", "target", "n_sentences"]
    months = ["2025-01", "2025-02", "2025-03", "2025-04", "undated"]
    assert table[["source", "month"]].values.tolist() == \
        [[s, m] for s in ("X", "Y") for m in months]
    x = table[table.source == "X"].set_index("month")
    assert x["n_sentences"].tolist() == [3, 0, 0, 2, 0]
    assert x.loc["2025-04", "n_docs"] == 1 and x.loc["2025-04", "mean"] == pytest.approx(-0.3)
    # three articles in January: an interval over articles; one in April: a reason instead
    assert x.loc["2025-01", "reason"] == "" and x.loc["2025-01", "ci_low"] < 0.2667
    assert np.isnan(x.loc["2025-04", "ci_low"])
    assert x.loc["2025-04", "reason"] == "1 article: no interval"
    assert x.loc["2025-02", "reason"] == "no mentions" and np.isnan(x.loc["2025-02", "mean"])
    y = table[table.source == "Y"].set_index("month")
    assert y.loc["undated", "n_sentences"] == 1  # the undated article kept, not dropped
    assert table["n_sentences"].sum() == len(scores)


def test_sentiment_by_month_alone_pools_sources_and_source_stays_default():
    scores, corpus = _dated_scores()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        pooled = sentiment_by_source(scores, by="month", dates=corpus)
    assert list(pooled.columns[:2]) == ["month", "target"]
    assert pooled["n_sentences"].tolist() == [3, 0, 0, 2, 1]
    assert sentiment_by_source(scores).equals(sentiment_by_source(scores, by="source"))


@pytest.mark.parametrize("by, dates, error, match", [
    ("month", None, KeyError, "pass dates="),
    ("outlet", None, KeyError, "no column 'outlet'"),
    (["source", "target"], None, ValueError, "leave 'target' out"),
])
def test_sentiment_by_source_by_errors(by, dates, error, match):
    scores, _ = _dated_scores()
    with pytest.raises(error, match=match):
        sentiment_by_source(scores, by=by, dates=dates)


# --- a scorer of the user's own: method= a callable (issue 21) ---------------------------------

def _keyword_scorer(calls):
    def score(sentences, starts, ends):
        calls.append((list(sentences), list(starts), list(ends)))
        return [0.6 if "great" in s else float("nan") if "helped" in s else -0.3
                for s in sentences]
    return score


def test_a_callable_scores_every_row_of_a_chunk_in_one_call():
    from analysis.sentiment import sentiment_by_source, target_sentiment
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                           "text": ["Armenia is weak. The US helped Armenia.",
                                    "Armenia is great."]})
    calls = []
    table = target_sentiment(corpus, method=_keyword_scorer(calls))
    assert len(calls) == 1 and len(calls[0][0]) == len(table) == 4
    # the offsets handed over are the scored mention's, within its sentence
    assert [s[a:b] for s, a, b in zip(*calls[0])] == ["Armenia", "Armenia", "US", "Armenia"]
    assert table["score"].tolist()[:1] == [-0.3] and table["label"].tolist()[0] == "negative"
    assert table["score"].isna().tolist() == [False, True, True, False]  # NaN: not scored
    assert table["label"].tolist()[1:3] == ["", ""] and set(table["words"]) == {""}
    by = sentiment_by_source(table).set_index(["source", "target"])
    assert by.loc[("X", "US"), ["n_sentences", "n_not_scored"]].tolist() == [0, 1]
    assert by.loc[("Y", "Armenia"), "mean"] == pytest.approx(0.6)


def test_the_role_layer_applies_over_a_callable():
    scorer = _keyword_scorer([])
    holder = classify_mention("The EU condemned Armenia.", 4, 6, method=scorer)
    assert (holder.label, holder.rule) == ("neutral", "holder")  # the scorer said -0.3
    plain = classify_mention("The EU condemned Armenia.", 4, 6, method=scorer, roles=False)
    assert (plain.score, plain.label, plain.words) == (-0.3, "negative", ())


@pytest.mark.parametrize("returned, message", [
    ([0.1, 0.2], "returned 2 scores for 1 rows"),
    ([1.5], r"outside \[-1, 1\]"),
    (["good"], "one number per row"),
])
def test_a_callable_that_breaks_the_contract_is_named(returned, message):
    with pytest.raises(ValueError, match=message):
        classify_mention("The EU acted.", 4, 6, method=lambda s, a, b: returned)


def test_an_unknown_method_lists_the_methods_including_a_callable():
    with pytest.raises(ValueError, match="a TargetSentimentModel or a callable"):
        classify_mention("The EU acted.", 4, 6, method="bert")
