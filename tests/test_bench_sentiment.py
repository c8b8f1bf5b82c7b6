"""The sentiment benchmark: the capability table (with and without NewsMTSC) and the NewsMTSC
table on a NewsMTSC-shaped folder."""

import shutil

import pandas as pd
import pytest
from benchscripts import load_bench

from analysis.paths import ROOT
from analysis.tokens import sentence_spans

TINY = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"
CAPABILITIES = ["holder_target", "contrast_comparison", "negation_downtoner", "other_actor",
                "quotation_speech", "relationship_praise", "actor_split",
                "mention_disambiguation"]
# Hand-checkable rows: the default method reads "not helpful" as negative, finds no US in
# "Tell us more." and calls "great" positive (so the third row fails).
TOY = pd.DataFrame(
    [("The EU is not helpful.", "EU", "negative", "negation", ""),
     ("Tell us more.", "US", "none", "mentions", "the pronoun"),
     ("The EU is great.", "EU", "negative", "negation", "a row the method fails")],
    columns=["sentence", "target", "expected", "capability", "note"])


def _bench():
    return load_bench("sentiment")


def _toy_file(tmp_path):
    path = tmp_path / "caps.csv"
    TOY.to_csv(path, index=False)
    return path


def test_capability_file_has_every_capability_with_15_rows():
    cases = _bench().read_capabilities()
    counts = cases["capability"].value_counts()
    assert sorted(counts.index) == sorted(CAPABILITIES)
    assert counts.min() >= 15
    assert set(cases["target"]) == {"EU", "US", "Armenia"}
    assert not cases.duplicated(["sentence", "target"]).any()


def test_capability_rows_are_one_sentence_each():
    # the bench takes a target's first row in the article: a row must be one sentence
    cases = _bench().read_capabilities()
    split = [s for s in cases["sentence"] if len(sentence_spans(s)) != 1]
    assert split == []


@pytest.mark.parametrize(
    ("column", "value", "match"),
    [("expected", "good", "unknown expected label"),
     ("sentence", " ", "empty sentence or target in row"),
     ("note", None, "missing columns")],
    ids=["label", "empty", "column"])
def test_read_capabilities_refuses_bad_rows(tmp_path, column, value, match):
    bad = TOY.drop(columns=column) if value is None else TOY.assign(**{column: value})
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match=match):
        _bench().read_capabilities(path)


def test_capability_predictions_and_table():
    bench = _bench()
    assert bench.capability_predictions(TOY, "vader") == ["negative", "none", "positive"]
    table = bench.capability_table(TOY, {"vader": "vader"})
    assert table[["capability", "n", "n_pass"]].values.tolist() == [
        ["negation", 2, 1], ["mentions", 1, 1], ["all", 3, 2]]
    assert table["pass_rate"].round(1).tolist() == [50.0, 100.0, 66.7]


def test_exits_cleanly_without_newsmtsc(tmp_path, monkeypatch, capsys):
    bench = _bench()
    monkeypatch.setattr(bench, "DATA", tmp_path / "absent")
    monkeypatch.setattr(bench, "CAPABILITIES", _toy_file(tmp_path))
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    assert "NewsMTSC not found" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    # the shipped model needs no NewsMTSC; a model trained in the run (--retrain) would
    assert out.splitlines()[1].split()[-3:] == ["sentence", "vader", "learned"]
    # the learned model also reads "not helpful" as negative and "great" as positive
    assert rows["negation"] == ["2", "50.0", "50.0", "50.0"]
    assert rows["mentions"] == ["1", "100.0", "100.0", "100.0"]
    assert rows["all"][0] == "3"
    assert bench.main(["--retrain"]) == 0
    assert "--retrain needs NewsMTSC train.jsonl, skipped" in capsys.readouterr().out


def _newsmtsc_folder(tmp_path, monkeypatch, bench):
    split = tmp_path / "paper_split"
    split.mkdir()
    for name in ("rw_test", "mt_test"):
        shutil.copy(TINY, split / f"{name}.jsonl")
    shutil.copy(TINY, tmp_path / "train.jsonl")
    monkeypatch.setattr(bench, "DATA", tmp_path)
    monkeypatch.setattr(bench, "CAPABILITIES", _toy_file(tmp_path))
    train = bench.sentiment.train_model
    # the tiny fixture has too few repeated words for the default min_df
    monkeypatch.setattr(bench.sentiment, "train_model", lambda path: train(path, min_df=1))


def test_prints_capability_and_newsmtsc_tables(tmp_path, monkeypatch, capsys):
    bench = _bench()
    _newsmtsc_folder(tmp_path, monkeypatch, bench)
    assert bench.main(["--n-boot", "20", "--repeat", "1", "--retrain"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("capability"))
    assert header.split()[-4:] == ["sentence", "vader", "learned", "supervised"]
    caps = [line.split()[0] for line in out.splitlines()
            if line.startswith(("negation", "mentions", "all"))]
    assert caps == ["negation", "mentions", "all"]
    rows = [line.split() for line in out.splitlines() if line.startswith(("rw_test", "mt_test"))]
    assert [r[:2] for r in rows] == [[t, m] for t in ("rw_test", "mt_test")
                                     for m in ("sentence", "vader", "learned", "supervised")]
    assert all(0 <= float(r[4]) <= 100 for r in rows)  # macro-F1 in percent


def test_capabilities_only_skips_newsmtsc_table(tmp_path, monkeypatch, capsys):
    bench = _bench()
    _newsmtsc_folder(tmp_path, monkeypatch, bench)
    assert bench.main(["--capabilities-only", "--no-supervised"]) == 0
    out = capsys.readouterr().out
    assert "all" in out.split()
    assert "rw_test" not in out and "NewsMTSC not found" not in out


def test_help_prints(capsys):
    # a bare "%" in a help string made --help raise (argparse formats help with %)
    with pytest.raises(SystemExit) as stop:
        load_bench("sentiment").main(["--help"])
    assert stop.value.code == 0 and "--split" in capsys.readouterr().out
