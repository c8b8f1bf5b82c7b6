"""Tests for analysis.freq on hand-countable corpora."""

import numpy as np
import pandas as pd
import pytest

from analysis.freq import document_term_matrix, term_frequencies

TOY = pd.DataFrame({
    "doc_id": ["a1", "a2", "b1"],
    "source": ["A", "A", "B"],
    "text": ["The EU and the EU.", "EU talks stall", "US talks with the EU"],
})


def test_counts_per_1k_and_n_docs_by_hand():
    tf = term_frequencies(TOY, n_boot=100)
    rows = {(r.source, r.term): r for r in tf.itertuples()}
    # A: tokens = the eu and the eu (5) + eu talks stall (3) = 8; "EU" appears 3 times.
    assert rows[("A", "EU")].count == 3
    assert rows[("A", "EU")].n_tokens == 8
    assert rows[("A", "EU")].per_1k == pytest.approx(375.0)
    assert rows[("A", "EU")].n_docs == 2
    assert rows[("A", "talks")].n_docs == 1
    # B: us talks with the eu = 5 tokens
    assert rows[("B", "US")].per_1k == pytest.approx(200.0)
    assert ("A", "the") not in rows  # stopword


def test_bootstrap_option_interval_from_two_articles():
    tf = term_frequencies(TOY, interval="bootstrap", n_boot=200)
    a = tf[tf.source == "A"].set_index("term")
    b = tf[tf.source == "B"]
    assert b["ci_low"].isna().all() and b["ci_high"].isna().all()
    # Resampling {a1: 2 EU / 5 tok, a2: 1 EU / 3 tok}: the rate lies in [333.3, 400].
    assert a.loc["EU", "ci_low"] == pytest.approx(1000 / 3, rel=1e-6)
    assert a.loc["EU", "ci_high"] == pytest.approx(400.0)
    assert (a["ci_low"] <= a["per_1k"]).all() and (a["per_1k"] <= a["ci_high"]).all()
    assert b["reason"].eq("1 article: no interval").all() and a["reason"].eq("").all()


def test_cluster_interval_needs_three_articles_and_says_why():
    tf = term_frequencies(TOY)
    assert tf["ci_low"].isna().all() and tf["ci_high"].isna().all()
    reasons = dict(zip(tf["source"], tf["reason"]))
    assert reasons == {"A": "2 articles: no interval", "B": "1 article: no interval"}


THREE = pd.DataFrame({"doc_id": ["a1", "a2", "a3", "a4"], "source": ["A", "A", "A", "A"],
                      "text": ["EU EU talks now", "EU talks", "US aid talks stall on", "US"]})


def test_cluster_interval_is_the_policy_interval_on_the_log_scale():
    from analysis.intervals import ratio_interval

    tf = term_frequencies(THREE).set_index("term")
    # EU: counts 2, 1, 0, 0 over 4, 2, 5, 1 tokens
    want = ratio_interval([2, 1, 0, 0], [4 / 1000, 2 / 1000, 5 / 1000, 1 / 1000], scale="log")
    assert tf.loc["EU", "per_1k"] == pytest.approx(3000 / 12)
    # capped at 1,000 per 1,000 tokens: a rate cannot be higher
    assert (tf.loc["EU", "ci_low"], tf.loc["EU", "ci_high"]) == pytest.approx(
        (want.ci_low, min(want.ci_high, 1000.0)))
    assert (tf["ci_high"] <= 1000.0).all()
    assert (tf["ci_low"] > 0).all() and (tf["ci_low"] < tf["per_1k"]).all()
    assert (tf["per_1k"] < tf["ci_high"]).all() and tf["reason"].eq("").all()


def test_cluster_interval_no_spread_has_a_reason():
    c = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": "A",
                      "text": ["EU talks", "EU aid", "EU US"]})
    tf = term_frequencies(c).set_index("term")
    assert np.isnan(tf.loc["EU", "ci_low"])  # 1 in 2 tokens in every article
    assert tf.loc["EU", "reason"] == "no spread between articles: no interval"
    assert tf.loc["talks", "ci_low"] > 0


def test_bad_interval_option():
    with pytest.raises(ValueError, match="interval must be"):
        term_frequencies(TOY, interval="sentence")


def test_sorted_and_deterministic():
    one = term_frequencies(TOY, random_state=3)
    two = term_frequencies(TOY, random_state=3)
    pd.testing.assert_frame_equal(one, two)
    assert one["source"].is_monotonic_increasing
    for _, group in one.groupby("source"):
        assert group["count"].is_monotonic_decreasing


def test_thread_map_keeps_order_and_takes_a_task_only_when_a_thread_is_free():
    import threading
    import time

    from analysis.freq import _thread_map

    state = {"taken": 0, "finished": 0, "most_ahead": 0}
    lock = threading.Lock()

    def tasks():
        for i in range(8):
            with lock:
                state["taken"] += 1
                state["most_ahead"] = max(state["most_ahead"],
                                          state["taken"] - state["finished"])
            yield i

    def work(i):
        time.sleep(0.002 * (8 - i))  # later tasks finish first
        with lock:
            state["finished"] += 1
        return i * i

    assert _thread_map(work, tasks(), 2) == [i * i for i in range(8)]
    assert state["most_ahead"] <= 2


def test_threads_give_the_same_table():
    # three groups with several articles each: each group's resamples come from one stream
    texts = ["EU talks", "EU EU US", "US aid", "talks stall", "EU aid US", "aid talks EU"]
    c = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "source": list("AABBCC"),
                      "text": texts})
    one = term_frequencies(c, n_jobs=1, n_boot=300, random_state=5, interval="bootstrap")
    threaded = term_frequencies(c, n_jobs=3, n_boot=300, random_state=5, min_nnz_parallel=0,
                                interval="bootstrap")
    pd.testing.assert_frame_equal(one, threaded)
    assert one["ci_low"].notna().all()
    assert (one["ci_low"] < one["ci_high"]).any()


@pytest.mark.parametrize(
    ("ngram_range", "expected"),
    [
        ((2, 2), {"EU talks", "talks stall", "US talks"}),
        ((1, 2), {"EU", "talks", "stall", "US", "EU talks", "talks stall", "US talks"}),
    ],
)
def test_ngrams_skip_stopword_edges(ngram_range, expected):
    tf = term_frequencies(TOY, ngram_range=ngram_range, n_boot=0)
    assert set(tf["term"]) == expected


def test_ngrams_keep_inner_stopwords_and_stop_at_lines():
    c = pd.DataFrame({"doc_id": ["d"], "source": ["S"],
                      "text": ["the Secretary of State spoke\nState visits"]})
    terms = set(term_frequencies(c, ngram_range=(3, 3), n_boot=0, phrases=())["term"])
    assert terms == {"secretary of state"}
    bigrams = term_frequencies(c, ngram_range=(2, 2), n_boot=0, phrases=())["term"]
    assert "spoke state" not in set(bigrams)


def test_phrases_count_as_one_term_but_not_in_the_denominator():
    c = pd.DataFrame({"doc_id": ["d"], "source": ["S"],
                      "text": ["The United States and the European Union met the United States"]})
    tf = term_frequencies(c, n_boot=0).set_index("term")
    assert tf.loc["united states", "count"] == 2
    assert "united" not in tf.index and "states" not in tf.index
    assert tf.loc["european union", "n_tokens"] == 11
    plain = term_frequencies(c, n_boot=0, phrases=()).set_index("term")
    assert plain.loc["united", "count"] == 2


def test_min_count_and_group_column():
    c = TOY.assign(outlet=["x", "y", "y"])
    tf = term_frequencies(c, by="outlet", min_count=2, n_boot=0)
    assert list(tf.columns[:2]) == ["outlet", "term"]
    assert tf[["outlet", "term", "count"]].values.tolist() == [["x", "EU", 2], ["y", "EU", 2],
                                                               ["y", "talks", 2]]


def test_document_term_matrix_is_sparse_and_sorted():
    dtm = document_term_matrix(TOY)
    assert dtm.counts.format == "csr"
    assert list(dtm.terms) == sorted(dtm.terms)
    assert dtm.n_tokens.tolist() == [5, 3, 5]
    assert np.asarray(dtm.counts.sum(axis=1)).ravel().tolist() == [2, 3, 3]


def test_errors():
    with pytest.raises(KeyError, match="missing column.*text"):
        term_frequencies(TOY.drop(columns="text"))
    with pytest.raises(ValueError, match="ci must be between 0 and 1"):
        term_frequencies(TOY, ci=1.5)


def test_a_prebuilt_matrix_gives_the_same_tables():
    from analysis.keyness import keyness

    dtm = document_term_matrix(TOY)
    pd.testing.assert_frame_equal(term_frequencies(dtm, n_boot=100),
                                  term_frequencies(TOY, n_boot=100))
    with pytest.warns(UserWarning):
        k_dtm = keyness(dtm, min_count=1)
    with pytest.warns(UserWarning):
        k_corpus = keyness(TOY, min_count=1)
    pd.testing.assert_frame_equal(k_dtm, k_corpus)
    with pytest.raises(KeyError, match="no column 'outlet'"):
        term_frequencies(dtm, by="outlet")


def test_bootstrap_equals_a_per_column_nanquantile():
    # Article a3 has no tokens: resamples drawing only a3 have no rate and must drop out.
    # "baku" and "talks" have the same column, which is bootstrapped once and shared.
    from analysis.freq import bootstrap_rate

    counts = document_term_matrix(pd.DataFrame({
        "doc_id": ["a1", "a2", "a3"], "source": "A", "text": ["EU EU US Baku talks", "US", "..."]}))
    low, high = bootstrap_rate(counts.counts, counts.n_tokens, n_boot=50, alpha=0.025,
                                rng=np.random.default_rng(1), chunk=1)
    rng = np.random.default_rng(1)
    draws = rng.integers(0, 3, size=(50, 3))
    dense = counts.counts.toarray()
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = 1000.0 * dense[draws].sum(axis=1) / counts.n_tokens[draws].sum(axis=1)[:, None]
    assert np.isnan(rates).any()  # the case under test occurs with this seed
    np.testing.assert_array_equal(low, np.nanquantile(rates, 0.025, axis=0))
    np.testing.assert_array_equal(high, np.nanquantile(rates, 0.975, axis=0))


@pytest.mark.parametrize("rows, note", [
    ([[3, 0, 1], [1, 2, 0], [0, 5, 4]], "small whole counts: summed in float32, exactly"),
    ([[16_777_217, 1, 0], [1, 2, 7], [4, 0, 1]], "past 2**24: float64"),
    ([[0.1, 1, 0], [1, 2.3, 0], [0, 1, 3]], "fractional counts: float64"),
])
def test_bootstrap_sums_equal_a_dense_computation(rows, note):
    from scipy import sparse

    from analysis.freq import _resample_weights, bootstrap_rate

    counts = sparse.csr_matrix(np.array(rows, dtype=float))
    n_tokens = np.array([20_000_000, 40, 30], dtype=np.int64)
    weights = _resample_weights(np.random.default_rng(3), 3, 200)
    low, high = bootstrap_rate(counts, n_tokens, alpha=0.05, weights=weights)
    dense = weights @ counts.toarray()  # float64 throughout
    rates = 1000.0 * dense / (weights @ n_tokens.astype(float))[:, None]
    np.testing.assert_array_equal(low, np.quantile(rates, 0.05, axis=0))
    np.testing.assert_array_equal(high, np.quantile(rates, 0.95, axis=0))


# --- by= a period (issue 22: trends over time) ---------------------------------------------

DATED = TOY.assign(date=["2025-12-23 15:14", "2026-01-05", "NOVEMBER 2025"])


def test_by_month_groups_articles_by_their_date():
    tf = term_frequencies(DATED, by="month")
    assert list(tf.columns[:2]) == ["month", "term"]
    eu = tf[tf.term == "EU"].set_index("month")
    # a1 (2 EU / 5 tokens) in December, a2 (1 / 3) in January, b1 (1 / 5) in November
    assert eu["count"].to_dict() == {"2025-11": 1, "2025-12": 2, "2026-01": 1}
    assert eu.loc["2025-12", "per_1k"] == pytest.approx(400.0)
    assert eu["reason"].eq("1 article: no interval").all()


def test_by_source_and_year_with_an_undated_article():
    corpus = DATED.assign(date=["2025-12-23", "", "2025"])
    with pytest.warns(UserWarning, match="1 of 3 rows .*undated.*1 without a date"):
        tf = term_frequencies(corpus, by=["source", "year"])
    assert list(tf.columns[:3]) == ["source", "year", "term"]
    eu = tf[tf.term == "EU"][["source", "year", "count", "n_docs_group"]].values.tolist()
    assert eu == [["A", "2025", 2, 1], ["A", "undated", 1, 1], ["B", "2025", 1, 1]]
    # nothing dropped: the groups add up to the counts by source
    assert tf.groupby(["source", "term"])["count"].sum().to_dict() == \
        term_frequencies(corpus).set_index(["source", "term"])["count"].to_dict()


def test_by_period_on_a_matrix_takes_the_dates_of_the_corpus():
    dtm = document_term_matrix(DATED)
    from_matrix = term_frequencies(dtm, by=["source", "month"], dates=DATED)
    assert from_matrix.equals(term_frequencies(DATED, by=["source", "month"]))
    with pytest.raises(KeyError, match="pass dates=<the corpus>"):
        term_frequencies(dtm, by="month")
    with pytest.raises(KeyError, match="no column 'outlet'"):
        term_frequencies(dtm, by="outlet")
    with pytest.raises(KeyError, match="no date column"):
        term_frequencies(TOY, by="month")
