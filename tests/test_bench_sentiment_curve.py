"""The supervised method's learning curve: article ids, draws by article, slope per doubling."""

import importlib.util
import json

import numpy as np
import pytest

from analysis.paths import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_sentiment_curve",
                                                  ROOT / "bench" / "sentiment_curve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
