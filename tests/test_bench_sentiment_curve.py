"""The supervised method's learning curve: article ids, draws by article, slope per doubling."""

import json

import numpy as np
import pytest
from benchscripts import load_bench

from analysis.paths import ROOT


def _bench():
    return load_bench("sentiment_curve")


def _write(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_article_ids_one_per_mention_in_file_order(tmp_path):
    target = {"from": 4, "to": 6, "polarity": 4.0}
    path = _write(tmp_path / "t.jsonl", [
        {"primary_gid": "allsides_1000_401_25_Reality Winner_0_6",
         "sentence_normalized": "The EU met.", "targets": [target]},
        {"primary_gid": "basil_7_12_3_Barack Obama_73_78",
         "sentence_normalized": "The EU met.", "targets": [target, target]},
    ])
    assert _bench().article_ids(path) == ["allsides_1000_401", "basil_7_12", "basil_7_12"]


def test_article_ids_need_primary_gid(tmp_path):
    path = _write(tmp_path / "t.jsonl", [
        {"sentence_normalized": "The EU met.", "targets": [{"from": 4, "to": 6,
                                                             "polarity": 4.0}]}])
    with pytest.raises(ValueError, match="t.jsonl:1: no primary_gid"):
        _bench().article_ids(path)


def test_draw_keeps_articles_whole():
    ids = np.array(["a", "a", "b", "c", "c", "c", "d"])
    mask = _bench().draw(ids, 0.5, np.random.default_rng(0))
    chosen = set(ids[mask])
    assert len(chosen) == 2  # half of the four articles
    assert mask.tolist() == [x in chosen for x in ids]  # every mention of a chosen article


def test_slope_is_points_per_doubling():
    # 60 at 1,000 mentions, 62 at 2,000, 64 at 4,000: two points per doubling
    assert _bench().slope([1000, 2000, 4000], [60.0, 62.0, 64.0]) == pytest.approx(2.0)
    assert _bench().slope([1000, 1000, 2000], [59.0, 61.0, 61.5]) == pytest.approx(1.5)


def test_exits_cleanly_without_newsmtsc(tmp_path, monkeypatch, capsys):
    bench = _bench()
    monkeypatch.setattr(bench, "DATA", tmp_path / "absent")
    assert bench.main([]) == 0
    assert "NewsMTSC not found" in capsys.readouterr().out


def test_prints_one_table_on_a_newsmtsc_shaped_folder(tmp_path, monkeypatch, capsys):
    tiny = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"
    records = [json.loads(line) for line in tiny.read_text(encoding="utf-8").splitlines()]
    # four copies of the 12 fixture lines, each its own article
    _write(tmp_path / "train.jsonl", [{**r, "primary_gid": f"t_{k}_{i}"}
                                      for k in range(4) for i, r in enumerate(records)])
    (tmp_path / "paper_split").mkdir()
    for name in ("rw_dev", "mt_dev"):
        _write(tmp_path / "paper_split" / f"{name}.jsonl", records)
    bench = _bench()
    monkeypatch.setattr(bench, "DATA", tmp_path)
    model = bench.sentiment.TargetSentimentModel
    # the fixture has too few repeated words for the default min_df
    monkeypatch.setattr(bench.sentiment, "TargetSentimentModel", lambda: model(min_df=1))
    assert bench.main(["--shares", "1,0.5", "--draws", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if line[:4] in ("0.50", "1.00")]
    # 48 articles of 52 mentions (one fixture line has two); half: 24 articles, 24-28 mentions
    assert [r[0] for r in rows] == ["0.50", "1.00"] and rows[1][1] == "52"
    assert 24 <= float(rows[0][1]) <= 28
    assert all(0 <= float(x) <= 100 for r in rows for x in (r[2], r[4]))  # macro-F1, percent
    assert rows[1][3] == rows[1][5] == "-"  # one fit of the whole set: no spread
    assert lines[-1].startswith("points per doubling")


def test_refuses_shares_outside_0_1():
    with pytest.raises(SystemExit):
        _bench().main(["--shares", "0,0.5"])
