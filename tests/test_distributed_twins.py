"""Every analysis.distributed function has the signature of its pandas twin (issue 20).

The twin takes a Dask DataFrame first and every keyword of the pandas function, with the same
default, in the same order; the only differences are listed here with their reason, so a
keyword added to a pandas stage and forgotten in its twin fails this test.
"""

import importlib
import inspect
import warnings

import dask.dataframe as dd
import pandas as pd
import pytest

from analysis import distributed as dist
from analysis.freq import term_frequencies
from analysis.keyness import keyness
from analysis.sentiment import sentiment_by_source

PARALLEL = {"n_jobs", "min_docs_parallel", "progress"}  # Dask schedules the work itself
TWINS = {  # twin: (pandas module, keywords only pandas takes, keywords only the twin takes)
    # its n_jobs is the threads of the intervals, which Dask runs itself
    "term_frequencies": ("analysis.freq", {"n_jobs", "min_nnz_parallel"}, {"max_boot_docs"}),
    "keyness": ("analysis.keyness", set(), set()),
    # the twin splits sentences inside each partition: no precomputed table to pass
    "target_sentiment": ("analysis.sentiment", PARALLEL | {"sentences"}, set()),
    "sentiment_by_source": ("analysis.sentiment", set(), set()),
    "sentences": ("analysis.tokens", PARALLEL, set()),
    "kwic": ("analysis.context", PARALLEL, set()),
    "collocations": ("analysis.context", PARALLEL, set()),
    # the twin counts the repeated lines over the whole corpus: that is its evidence
    "clean_corpus": ("analysis.clean", PARALLEL | {"evidence"}, set()),
    "cleaning_audit": ("analysis.clean", {"evidence"}, set()),
}


def _keywords(func) -> list[inspect.Parameter]:
    params = list(inspect.signature(func).parameters.values())
    return params[1:]  # the corpus (pandas) or the Dask DataFrame


def test_every_twin_is_listed():
    own = {"read_corpus", "line_counts"}  # Dask-only: reading files, counting lines
    assert set(dist.__all__) - own == set(TWINS)


@pytest.mark.parametrize("name", sorted(TWINS))
def test_twin_has_the_pandas_signature(name):
    module, pandas_only, twin_only = TWINS[name]
    pandas_func = getattr(importlib.import_module(module), name)
    pandas_params = [p for p in _keywords(pandas_func) if p.name not in pandas_only]
    twin_params = [p for p in _keywords(getattr(dist, name)) if p.name not in twin_only]
    assert [p.name for p in twin_params] == [p.name for p in pandas_params]
    for t, p in zip(twin_params, pandas_params):
        assert (t.kind, t.default) == (p.kind, p.default), t.name
    assert {p.name for p in _keywords(pandas_func)} >= pandas_only  # no stale exception
    assert {p.name for p in _keywords(getattr(dist, name))} >= twin_only


CORPUS = pd.DataFrame({
    "doc_id": list("abcdef"), "source": ["X", "X", "Y", "Y", "X", "Y"],
    "date": ["2025-01-03", "2025-02-10", "2025-01-20", "2025", "2025-02-01", "2025-02-11"],
    "text": ["EU EU US trade talks.", "EU talks again.", "US US trade.", "EU US.",
             "Trade EU deal.", "US deal talks."]})


@pytest.mark.parametrize("by", ["month", ["source", "month"], ["month", "source"], "source"])
def test_periods_in_by_match_pandas(by):
    ddf = dd.from_pandas(CORPUS, npartitions=3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        twin = dist.term_frequencies(ddf, by=by)
        twin_k = dist.keyness(ddf, by=by, min_count=1, min_docs=1, min_tokens=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandas = term_frequencies(CORPUS, by=by)
        pandas_k = keyness(CORPUS, by=by, min_count=1, min_docs=1, min_tokens=1)
    pd.testing.assert_frame_equal(twin, pandas, check_dtype=False)
    pd.testing.assert_frame_equal(twin_k.reset_index(drop=True),
                                  pandas_k.reset_index(drop=True), check_dtype=False)
    undated = [str(w.message) for w in caught if "undated" in str(w.message)]
    if "month" in by:
        # one warning per call for the whole corpus (article d is dated only to the year)
        assert undated == ["1 of 6 articles have no date precise to the month (undated)"] * 2
    else:
        assert undated == []


def test_sentiment_by_source_by_period_matches_pandas():
    scores = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "sent_id": [0, 0, 0, 0],
                           "source": ["X", "X", "Y", "Y"], "target": "EU",
                           "score": [0.5, -0.5, 0.2, 0.1],
                           "label": ["positive", "negative", "positive", "positive"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        twin = dist.sentiment_by_source(dd.from_pandas(scores, npartitions=2), by="month",
                                        dates=dd.from_pandas(CORPUS, npartitions=2))
        pandas = sentiment_by_source(scores, by="month", dates=CORPUS)
    pd.testing.assert_frame_equal(twin, pandas)
    assert set(twin["month"]) >= {"2025-01", "2025-02"}


def test_cleaning_twin_takes_the_rule_numbers_by_name():
    c = pd.DataFrame({"doc_id": ["a", "b"], "source": "X",
                      "raw_text": ["Baku Daily\nThe ministers met in Baku to sign it.",
                                   "Baku Daily\nThe leaders met in Paris to sign it."]})
    with pytest.raises(TypeError, match="prose_word"):
        dist.clean_corpus(dd.from_pandas(c, npartitions=1), prose_word=5)
