"""bench/coverage.py: the simulators' known truth, one table with both methods, targets."""

import numpy as np
import pandas as pd
import pytest
from benchscripts import load_bench


@pytest.fixture(scope="module")
def cov():
    return load_bench("coverage")


@pytest.mark.parametrize("setting", ["homogeneous", "heterogeneous"])
def test_simulators_average_to_their_truth(cov, setting):
    rng = np.random.default_rng(0)
    counts, lengths, truth = cov.simulate_terms(rng, 20_000, setting)
    np.testing.assert_allclose(1000 * counts.sum(axis=0) / lengths.sum(), truth, rtol=0.05)
    for shape in ("skewed", "zero-inflated"):
        scores, doc, mean = cov.simulate_sentiment(rng, 20_000, setting, shape)
        assert scores.mean() == pytest.approx(mean, abs=0.01)
        assert doc.max() == 19_999
    props, doc, shares = cov.simulate_topics(rng, 8_000, setting)
    np.testing.assert_allclose(props.sum(axis=1), 1.0)
    np.testing.assert_allclose(props.mean(axis=0), shares, atol=0.012)  # 2.5 sd at 8,000


def test_zero_inflated_scores_are_mostly_zero(cov):
    scores, _, _ = cov.simulate_sentiment(np.random.default_rng(1), 500, "homogeneous",
                                          "zero-inflated")
    assert 0.55 < np.mean(scores == 0) < 0.65


def test_one_table_with_old_and_new_side_by_side(cov):
    table = cov.summarise(cov.run(reps=3, sizes=(3, 5), seed=1))
    measures = ["term rate 1/1k", "term rate 10/1k", "sentiment skewed",
                "sentiment zero-inflated", "topic share 0.3", "topic share 0.05"]
    assert table["measure"].unique().tolist() == measures
    assert len(table) == len(measures) * 2 * 2
    assert {"old", "new", "no CI", "old 0-width", "new 0-width"} <= set(table.columns)
    assert table[["old", "no CI"]].stack().between(0, 1).all()
    assert (table["new 0-width"].fillna(0) == 0).all()  # never a zero-width interval
    assert table.equals(cov.summarise(cov.run(reps=3, sizes=(3, 5), seed=1)))


@pytest.mark.parametrize("n, new, no_ci, ok", [
    (10, 0.95, 0.0, True), (10, 0.92, 0.0, False),
    (5, 0.91, 0.0, True), (5, 0.85, 0.0, False), (5, np.nan, 1.0, True),
    (3, 0.70, 0.0, True),  # no target below 5 articles
])
def test_targets_rows(cov, n, new, no_ci, ok):
    row = pd.DataFrame({"n": [n], "new": [new], "no CI": [no_ci], "new 0-width": [0.0]})
    assert cov.targets_met(row).tolist() == [ok]


def test_main_prints_one_table(cov, capsys):
    assert cov.main(["--reps", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("measure") == 1 and "target" in out


def test_measures_pick_the_rows_simulated(cov):
    table = cov.summarise(cov.run(reps=2, sizes=(5,), seed=2, measures=("sentiment",)))
    assert table["measure"].unique().tolist() == ["sentiment skewed", "sentiment zero-inflated"]
    with pytest.raises(ValueError, match="unknown measures"):
        cov.run(reps=1, measures=("terms",))
