"""bench/topic_null.py: structureless corpora and the false-flag calibration table."""

import numpy as np
import pytest
from benchscripts import load_bench


@pytest.fixture(scope="module")
def tn():
    return load_bench("topic_null")


def test_shuffled_units_keep_lengths_and_vocabulary(tn):
    import pandas as pd
    units = pd.DataFrame({"tokens": [["a", "b", "c"], ["d"], ["e", "f"]]})
    out = tn.shuffled_units(units, seed=3)
    assert out["tokens"].map(len).tolist() == [3, 1, 2]
    assert sorted(t for toks in out["tokens"] for t in toks) == list("abcdef")


def test_calibration_counts_tests_per_corpus_kind_and_k(tn):
    table = tn.calibration(n_corpora=2, n_topics=(2,), n_null=2)
    assert table["corpus"].tolist() == ["shuffled seeds", "word salad"]
    assert table["tests"].tolist() == [2, 2]
    assert np.allclose(table["false_flag_rate"], table["flagged"] / table["tests"])
