"""The sentiment benchmark: exits cleanly without NewsMTSC, runs on a NewsMTSC-shaped folder."""

import shutil

from benchscripts import load_bench

from analysis.paths import ROOT

TINY = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"


def _bench():
    return load_bench("sentiment")


def test_exits_cleanly_without_newsmtsc(tmp_path, monkeypatch, capsys):
    bench = _bench()
    monkeypatch.setattr(bench, "DATA", tmp_path / "absent")
    assert bench.main([]) == 0
    assert "NewsMTSC not found" in capsys.readouterr().out


def test_prints_one_comparison_table(tmp_path, monkeypatch, capsys):
    split = tmp_path / "paper_split"
    split.mkdir()
    for name in ("rw_test", "mt_test"):
        shutil.copy(TINY, split / f"{name}.jsonl")
    shutil.copy(TINY, tmp_path / "train.jsonl")
    bench = _bench()
    monkeypatch.setattr(bench, "DATA", tmp_path)
    train = bench.sentiment.train_model
    # the tiny fixture has too few repeated words for the default min_df
    monkeypatch.setattr(bench.sentiment, "train_model", lambda path: train(path, min_df=1))
    assert bench.main(["--n-boot", "20", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith(("rw_test", "mt_test"))]
    assert [r[:2] for r in rows] == [[t, m] for t in ("rw_test", "mt_test")
                                     for m in ("sentence", "vader", "supervised")]
    assert all(0 <= float(r[4]) <= 100 for r in rows)  # macro-F1 in percent
