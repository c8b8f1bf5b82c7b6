import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse, stats

from analysis.intervals import (
    MIN_UNITS,
    grouped_ratio_intervals,
    no_interval_reason,
    ratio_interval,
    ratio_intervals_matrix,
)


@pytest.mark.parametrize("values", [[1.0, 2.0, 4.0], [0.3, -0.5, 0.1, 0.9, 0.0], [5, 5, 6]])
def test_equal_denominators_give_the_one_sample_t_interval(values):
    # With one unit per article the CR2 variance is s**2 / G and df is G - 1.
    r = ratio_interval(values, np.ones(len(values)), skew_correction=False)
    g = len(values)
    half = stats.t.ppf(0.975, g - 1) * np.std(values, ddof=1) / math.sqrt(g)
    assert r.estimate == pytest.approx(np.mean(values))
    assert (r.ci_low, r.ci_high) == pytest.approx((np.mean(values) - half, np.mean(values) + half))
    assert r.n_units == g and r.reason == ""


def test_hand_checked_unequal_articles():
    # y = 1, 3, 2, 6 over x = 1, 1, 1, 2: R = 2.4, residuals -1.4, .6, -.4, 1.2,
    # CR2 variance 5.5 / 25 = .22, Bell-McCaffrey df = 1 / .37486 = 2.6676.
    r = ratio_interval([1.0, 3.0, 2.0, 6.0], [1, 1, 1, 2], skew_correction=False)
    half = stats.t.ppf(0.975, 1 / (0.631944 - 0.430556 + 0.416667 ** 2)) * math.sqrt(0.22)
    assert (r.ci_low, r.ci_high) == pytest.approx((2.4 - half, 2.4 + half), rel=1e-4)


def test_skew_correction_by_hand():
    # residuals e = -1.4, .6, -.4, 1.2: skewness (sum e**3 / 4) / (sum e**2 / 4) ** 1.5
    e = np.array([-1.4, 0.6, -0.4, 1.2])
    skew = (e ** 3).mean() / (e ** 2).mean() ** 1.5
    a, b = skew / (3 * 2), skew / (6 * 2)
    q = stats.t.ppf(0.975, 1 / (0.631944 - 0.430556 + 0.416667 ** 2))

    def g(t):  # Hall's transformation; the interval inverts it at -+q
        return t + a * t ** 2 + a ** 2 * t ** 3 / 3 + b

    r = ratio_interval([1.0, 3.0, 2.0, 6.0], [1, 1, 1, 2])
    se = math.sqrt(0.22)
    assert g((2.4 - r.ci_low) / se) == pytest.approx(q, rel=1e-4)
    assert g((2.4 - r.ci_high) / se) == pytest.approx(-q, rel=1e-4)


@pytest.mark.parametrize("values, longer", [
    ([0.0, 0.0, 0.0, 0.0, 1.0], "up"),     # right skew: reaches further up
    ([1.0, 1.0, 1.0, 1.0, 0.0], "down"),
    ([0.0, 1.0, 2.0, 3.0, 4.0], "same"),   # symmetric: the plain interval
])
def test_skew_correction_follows_the_skew(values, longer):
    r = ratio_interval(values, np.ones(len(values)))
    up, down = r.ci_high - r.estimate, r.estimate - r.ci_low
    plain = ratio_interval(values, np.ones(len(values)), skew_correction=False)
    if longer == "same":
        assert (r.ci_low, r.ci_high) == pytest.approx((plain.ci_low, plain.ci_high))
    else:
        assert (up > down) == (longer == "up")


@pytest.mark.parametrize("num, den, reason", [
    ([0.4], [1], "1 article: no interval"),
    ([0.4, 0.2], [1, 3], "2 articles: no interval"),
    ([0.4, 0.2, 9.0], [1, 3, 0], "2 articles: no interval"),  # a zero denominator carries nothing
    ([0.0, 0.0, 0.0], [2, 1, 4], "no spread between articles: no interval"),
    ([2.0, 1.0, 4.0], [2, 1, 4], "no spread between articles: no interval"),
    ([], [], "0 articles: no estimate"),
])
def test_no_interval_rows_are_nan_with_a_reason(num, den, reason):
    r = ratio_interval(num, den)
    assert math.isnan(r.ci_low) and math.isnan(r.ci_high)
    assert r.reason == reason


def test_the_issue_single_mention_cell_is_not_certain():
    r = ratio_interval([0.4], [1])
    assert r.estimate == 0.4 and math.isnan(r.ci_low)


def test_log_scale_is_positive_and_asymmetric():
    r = ratio_interval([0, 1, 0, 3, 0], [500, 800, 400, 900, 600], scale="log")
    assert 0 < r.ci_low < r.estimate < r.ci_high
    assert r.ci_high - r.estimate > r.estimate - r.ci_low


@pytest.mark.parametrize("kwargs, match", [
    ({"level": 1.0}, "level"), ({"min_units": 1}, "min_units"), ({"scale": "sqrt"}, "scale"),
])
def test_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ratio_interval([1, 2, 3], [1, 1, 1], **kwargs)


@pytest.mark.parametrize("num, den, match", [
    ([1, 2], [1], "length"), ([1, 2, 3], [1, -1, 1], "negative"),
    ([1, np.nan, 3], [1, 1, 1], "finite"),
])
def test_bad_input(num, den, match):
    with pytest.raises(ValueError, match=match):
        ratio_interval(num, den)


def test_no_interval_reason_rows():
    assert no_interval_reason(1) == "1 article: no interval"
    assert no_interval_reason(4, min_units=5) == "4 articles: no interval"
    assert no_interval_reason(MIN_UNITS) == ""


@pytest.mark.parametrize("as_sparse", [False, True])
@pytest.mark.parametrize("skew_correction", [True, False])
def test_matrix_form_equals_one_interval_per_column(as_sparse, skew_correction):
    counts = np.array([[1, 0, 2], [3, 0, 2], [2, 0, 2], [6, 1, 4]])
    lengths = np.array([1, 1, 1, 2])
    est, low, high, reason, n = ratio_intervals_matrix(
        sparse.csr_matrix(counts) if as_sparse else counts, lengths,
        skew_correction=skew_correction, scale="log")
    assert n == 4
    for j in range(3):
        r = ratio_interval(counts[:, j], lengths, skew_correction=skew_correction, scale="log")
        assert est[j] == pytest.approx(r.estimate)
        assert reason[j] == r.reason
        np.testing.assert_allclose([low[j], high[j]], [r.ci_low, r.ci_high])
    assert reason[2] == "no spread between articles: no interval"


def test_grouped_form_equals_one_interval_per_group():
    frame = pd.DataFrame({
        "source": ["X"] * 6 + ["Y"] * 2,
        "target": ["EU", "EU", "EU", "EU", "US", "EU", "EU", "EU"],
        "doc_id": ["a", "a", "b", "c", "c", "d", "e", "e"],
        "score": [0.5, 0.1, -0.2, 0.4, 0.3, 0.0, 0.4, 0.2],
    })
    table = grouped_ratio_intervals(frame, by=["source", "target"], numerator="score")
    assert table[["source", "target"]].values.tolist() == [["X", "EU"], ["X", "US"], ["Y", "EU"]]
    x_eu = ratio_interval([0.6, -0.2, 0.4, 0.0], [2, 1, 1, 1])
    row = table.iloc[0]
    assert (row["estimate"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (x_eu.estimate, x_eu.ci_low, x_eu.ci_high))
    assert table["n_units"].tolist() == [4, 1, 1]
    assert table["reason"].tolist() == ["", "1 article: no interval", "1 article: no interval"]


def test_grouped_form_is_deterministic_and_keeps_empty_frames():
    frame = pd.DataFrame({"source": list("XXXY"), "doc_id": list("abcd"),
                          "score": [0.1, 0.5, 0.2, 0.3]})
    a = grouped_ratio_intervals(frame, by="source", numerator="score")
    pd.testing.assert_frame_equal(a, grouped_ratio_intervals(frame, by="source",
                                                             numerator="score"))
    empty = grouped_ratio_intervals(frame.iloc[:0], by="source", numerator="score")
    assert empty.empty and "reason" in empty.columns


def test_grouped_form_missing_column():
    with pytest.raises(KeyError, match="doc_id"):
        grouped_ratio_intervals(pd.DataFrame({"source": ["X"], "score": [1.0]}),
                                by="source", numerator="score")


def test_skew_correction_is_clamped_to_a_bounded_long_side():
    # one article of five carries everything: the largest skewness five values can have
    r = ratio_interval([0, 0, 0, 0, 1.0], [1, 1, 1, 1, 1])
    plain = ratio_interval([0, 0, 0, 0, 1.0], [1, 1, 1, 1, 1], skew_correction=False)
    half = plain.ci_high - plain.estimate
    assert half < r.ci_high - r.estimate <= 3.2 * half
    logged = ratio_interval([0, 0, 0, 0, 1.0], [1, 1, 1, 1, 1], scale="log")
    assert np.isfinite(logged.ci_high) and logged.ci_low > 0
