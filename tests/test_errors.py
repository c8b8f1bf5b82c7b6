"""analysis.errors: one error family, one column checker used by every stage."""

import pandas as pd
import pytest

from analysis import errors
from analysis.clean import clean_corpus
from analysis.context import collocations, kwic
from analysis.corpus import CorpusError as FromCorpus
from analysis.dictionary import dictionary_frequencies
from analysis.freq import term_frequencies
from analysis.keyness import keyness
from analysis.overview import corpus_overview
from analysis.sentiment import sentiment_by_source, target_sentiment
from analysis.topics import tfidf_topics

NO_TEXT = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"]})

STAGES = [
    ("term_frequencies", lambda: term_frequencies(NO_TEXT), "text"),
    ("keyness", lambda: keyness(NO_TEXT), "text"),
    ("tfidf_topics", lambda: tfidf_topics(NO_TEXT, n_topics=2), "text"),
    ("kwic", lambda: kwic(NO_TEXT, "EU"), "text"),
    ("collocations", lambda: collocations(NO_TEXT, "EU"), "text"),
    ("target_sentiment", lambda: target_sentiment(NO_TEXT), "text"),
    ("dictionary_frequencies", lambda: dictionary_frequencies(NO_TEXT, {"a": ["x*"]}), "text"),
    ("clean_corpus", lambda: clean_corpus(NO_TEXT), "raw_text"),
    ("corpus_overview", lambda: corpus_overview(NO_TEXT), "raw_text, text"),
    ("sentiment_by_source", lambda: sentiment_by_source(NO_TEXT), "target, score, label"),
]


@pytest.mark.parametrize("name, call, named", STAGES, ids=[s[0] for s in STAGES])
def test_every_stage_names_the_missing_columns_with_one_error(name, call, named):
    with pytest.raises(errors.ColumnsError, match=named) as caught:
        call()
    # one family, and both kinds callers wrote code against before
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, ValueError)
    assert isinstance(caught.value, errors.AnalysisError)
    assert not str(caught.value).startswith("'")  # not KeyError's quoted message


def test_corpus_error_is_one_class_in_the_family():
    assert FromCorpus is errors.CorpusError
    assert issubclass(errors.CorpusError, errors.AnalysisError)
    assert issubclass(errors.CorpusError, ValueError)


def test_a_corpus_file_without_columns_is_both_a_corpus_and_a_columns_error(tmp_path):
    from analysis.corpus import load_corpus

    pd.DataFrame({"doc_id": ["a"], "body": ["x"]}).to_csv(tmp_path / "c.csv", index=False)
    with pytest.raises(errors.CorpusError, match=r"c\.csv is missing column\(s\) source, text "
                       r"\(found: doc_id, body\)") as caught:
        load_corpus(tmp_path / "c.csv")
    assert isinstance(caught.value, errors.ColumnsError) and isinstance(caught.value, KeyError)


@pytest.mark.parametrize(("what", "stage"), [
    ("overview_note: the table", lambda: __import__("analysis.report").report.overview_note([1])),
    ("sentence_table: the table",
     lambda: __import__("analysis.display").display.sentence_table([1])),
])
def test_a_table_that_is_not_one_is_a_type_error_naming_the_stage(what, stage):
    with pytest.raises(TypeError, match=f"{what}: expected a pandas DataFrame, got list"):
        stage()


def test_validation_stages_use_the_one_checker():
    from analysis.validation import agreement, coding_sample, corrected_by_source

    codes = pd.DataFrame({"doc_id": ["a"], "label": ["neutral"]})
    calls = [(lambda: coding_sample(NO_TEXT), "coding_sample: the scores table is missing "
              "column(s) sent_id, target, alias, actor, sentence, start, end, label"),
             (lambda: agreement(codes), "the codes table is missing column(s) code"),
             (lambda: agreement(codes.assign(code="neutral"), by="source"),
              "the codes table is missing column(s) source"),
             (lambda: corrected_by_source(NO_TEXT, codes),
              "corrected_by_source: the scores table is missing column(s) sent_id, target, label")]
    for call, message in calls:
        with pytest.raises(errors.ColumnsError) as caught:
            call()
        assert str(caught.value).startswith(message)
