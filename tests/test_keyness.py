"""Tests for analysis.keyness against hand-computed G2, log ratio and BH values."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.keyness import KeynessWarning, benjamini_hochberg, keyness, log_likelihood


def g2_by_hand(a, b, c, d):
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n),
             (c, (c + d) * (a + c) / n), (d, (c + d) * (b + d) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


@pytest.mark.parametrize(("a", "b", "n_a", "n_b"), [(20, 5, 1000, 1000), (3, 40, 500, 4000),
                                                    (0, 7, 300, 900), (10, 10, 1000, 1000)])
def test_log_likelihood_matches_contingency_formula(a, b, n_a, n_b):
    expected = g2_by_hand(a, b, n_a - a, n_b - b)
    sign = 1 if a / n_a >= b / n_b else -1
    assert float(log_likelihood(a, b, n_a, n_b)) == pytest.approx(sign * expected)


def test_benjamini_hochberg_by_hand():
    # sorted p: .01 .02 .03 .04 with n=4 -> .04 .04 .04 .04
    assert benjamini_hochberg([0.04, 0.01, 0.03, 0.02]).tolist() == pytest.approx([0.04] * 4)
    assert benjamini_hochberg([0.5, 0.9]).tolist() == pytest.approx([0.9, 0.9])
    assert benjamini_hochberg([]).size == 0


CORPUS = pd.DataFrame({
    "doc_id": ["x1", "x2", "y1", "y2"],
    "source": ["X", "X", "Y", "Y"],
    "text": ["EU EU EU mission trade", "EU mission trade talks",
             "US US US trade talks", "US trade talks deal"],
})


def test_every_source_against_the_rest_in_one_call():
    k = keyness(CORPUS, min_count=2, min_tokens=1)
    x = k[k.source == "X"].set_index("term")
    assert x.loc["EU", "n_target"] == 4 and x.loc["EU", "n_reference"] == 0
    assert x.loc["EU", "n_tokens_target"] == 9 and x.loc["EU", "n_tokens_reference"] == 9
    assert x.loc["EU", "g2"] == pytest.approx(g2_by_hand(4, 0, 5, 9))
    assert x.loc["EU", "log_ratio"] == pytest.approx(math.log2(4 / 0.5))
    assert x.loc["US", "g2"] < 0
    assert x.loc["trade", "log_ratio"] == pytest.approx(0.0)
    assert set(k["source"]) == {"X", "Y"}
    # rows within a source run from over- to under-used
    for _, group in k.groupby("source"):
        assert group["g2"].is_monotonic_decreasing
    assert (k["p_adjusted"] >= k["p_value"]).all()


def test_min_count_limits_the_tests():
    k = keyness(CORPUS, min_count=4, min_tokens=1)
    assert set(k["term"]) == {"EU", "US", "trade"}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"min_docs": 3, "min_tokens": 1}, r"'X' has 2 article\(s\)"),
     ({"min_tokens": 100}, r"'X' has 9 tokens"),
     ({"min_tokens": 1, "max_size_ratio": 0.5}, r"smaller or larger")],
)
def test_warns_on_small_or_unequal_groups(kwargs, match):
    with pytest.warns(KeynessWarning, match=match):
        keyness(CORPUS, min_count=2, **kwargs)


def test_no_warning_for_adequate_groups():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        keyness(CORPUS, min_count=2, min_tokens=1)


def test_single_group_warns_and_returns_empty():
    with pytest.warns(KeynessWarning, match="at least two values"):
        k = keyness(CORPUS.assign(source="X"))
    assert k.empty and "g2" in k.columns


def test_deterministic():
    pd.testing.assert_frame_equal(keyness(CORPUS, min_count=2, min_tokens=1),
                                  keyness(CORPUS, min_count=2, min_tokens=1))
    assert np.isfinite(keyness(CORPUS, min_count=2, min_tokens=1)["log_ratio"]).all()


def test_keyness_by_year_compares_each_year_with_the_others():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
                           "date": ["2024-03-01", "2025-01-01", "2025-06"],
                           "text": ["EU EU EU EU trade", "US US trade", "US US trade"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KeynessWarning)
        by_year = keyness(corpus, by="year", min_count=2)
        both = keyness(corpus, by=["source", "year"], min_count=2)
    rows = by_year.set_index(["year", "term"])
    assert (rows.loc[("2024", "EU"), "n_target"], rows.loc[("2024", "EU"), "n_reference"]) == (4, 0)
    assert (rows.loc[("2025", "US"), "n_target"], rows.loc[("2025", "US"), "n_tokens_target"]) \
        == (4, 6)
    assert list(both.columns[:3]) == ["source", "year", "term"]
    assert sorted(set(map(tuple, both[["source", "year"]].values.tolist()))) == \
        [("X", "2024"), ("X", "2025"), ("Y", "2025")]
    # each combination against every other article: X 2025 (b) vs a + c
    cell = both.set_index(["source", "year", "term"]).loc[("X", "2025", "US")]
    assert (cell.n_target, cell.n_reference, cell.n_tokens_reference) == (2, 2, 8)


def test_keyness_small_group_warning_names_the_combination():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                           "date": ["2024", "2025"], "text": ["EU EU trade", "US US trade"]})
    with pytest.warns(KeynessWarning, match="'X / 2024' has 1 article"):
        keyness(corpus, by=["source", "year"], min_count=1)
