"""bench/validation.py: the synthetic corpus has the known truth, and one run prints one table."""

import numpy as np
import pytest

from tests.benchscripts import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("validation")


def test_truth_is_positive_minus_negative_share(bench):
    assert bench.truth() == pytest.approx({"A": -0.4, "B": -0.1, "C": 0.2, "D": 0.3})


def test_synthetic_corpus_matches_the_known_shares_and_the_biased_scorer(bench):
    scores = bench.corpus(np.random.default_rng(0), articles=2000, concentration=5.0)
    a = scores[scores["source"] == "A"]
    shares = a["code"].value_counts(normalize=True)
    assert shares["negative"] == pytest.approx(0.5, abs=0.02)
    assert shares["positive"] == pytest.approx(0.1, abs=0.02)
    negatives = a[a["code"] == "negative"]["label"].value_counts(normalize=True)
    assert negatives["neutral"] == pytest.approx(0.5, abs=0.02)  # pulled toward neutral
    assert not scores.duplicated(["doc_id", "sent_id", "target"]).any()


def test_one_run_prints_one_table(bench, capsys):
    assert bench.main(["--reps", "2", "--articles", "12", "--per-cell", "5", "10"]) == 0
    out = capsys.readouterr().out
    assert "coded/cell" in out and out.count("corrected ") == 2 and out.count("raw ") == 1
    assert "targets at 30 per cell" not in out  # 30 was not run


def test_seeds_model_exits_cleanly_without_newsmtsc(bench, tmp_path, capsys):
    assert bench.seeds_model(tmp_path) == 0
    assert "no NewsMTSC train set" in capsys.readouterr().out
