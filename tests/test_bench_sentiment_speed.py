"""bench/sentiment_speed.py: one variant timed in its own process on a named checkout."""

import pandas as pd
import pytest
from benchscripts import load_bench

from analysis import sentiment
from analysis.paths import ROOT


def test_a_variant_counts_the_rows_target_sentiment_scores(tmp_path):
    bench = load_bench("sentiment_speed")
    path = tmp_path / "corpus.pkl"
    n_docs = bench.make_corpus(12, path)
    corpus = pd.read_pickle(path)
    assert n_docs == len(corpus) == 12
    expected = sentiment.target_sentiment(corpus, method="vader", roles=False, n_jobs=1,
                                          progress=False)
    out = bench.run_variant(ROOT, path, "vader", "0")
    assert out["rows"] == expected["score"].notna().sum() > 0
    assert out["method"] == "vader" and out["cpu"] > 0


def test_a_baseline_without_the_package_is_refused(tmp_path, capsys):
    bench = load_bench("sentiment_speed")
    with pytest.raises(SystemExit):
        bench.main(["--baseline", str(tmp_path)])
    assert "no analysis/ package" in capsys.readouterr().err
