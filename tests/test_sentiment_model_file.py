"""The learned model saved without pickles (.npz arrays + JSON with a checksum), the model
shipped in the package and method "learned"."""

import json
import os
import threading
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.paths import ROOT
from analysis.sentiment import (
    METHODS,
    TargetSentimentModel,
    classify_mention,
    load_model,
    save_model,
    shipped_model,
    target_sentiment,
    train_model,
)
from analysis.sentiment import model as model_module
from analysis.sentiment.classify import format_words, model_rows, resolve_method
from analysis.sentiment.model import SHIPPED_MODEL

TINY = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"
ROWS = pd.DataFrame({
    "sentence": ["The EU failed badly.", "The mayor was praised for her brave leadership.",
                 "Armenia met the US in Geneva.", "Critics said Washington lied again."],
    "start": [4, 4, 0, 13], "end": [6, 9, 7, 23]})


@pytest.fixture(scope="module")
def tiny_model():
    return train_model(TINY, min_df=1)


def _saved(model, tmp_path, **options):
    return save_model(model, tmp_path / "m.npz", **options)


def test_round_trip_gives_identical_scores(tiny_model, tmp_path):
    path = _saved(tiny_model, tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["m.json", "m.npz"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pickle warning: nothing runs code
        loaded = load_model(path)
    assert isinstance(loaded, TargetSentimentModel)
    assert np.array_equal(loaded.score_mentions(ROWS), tiny_model.score_mentions(ROWS))
    assert np.array_equal(loaded.predict_proba(ROWS), tiny_model.predict_proba(ROWS))
    assert list(loaded.predict(ROWS)) == list(tiny_model.predict(ROWS))
    assert list(loaded.feature_names_) == list(tiny_model.feature_names_)
    s, a, b = ROWS.iloc[1]
    assert classify_mention(s, a, b, method=loaded) == classify_mention(s, a, b,
                                                                        method=tiny_model)
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["hyper_parameters"]["min_df"] == 1
    assert meta["classes"] == ["negative", "neutral", "positive"]
    assert meta["features_version"] == model_module.features_version()
    assert [v["name"] for v in meta["vectorizers"]] == list(tiny_model.vectorizers_)


def test_saving_twice_gives_the_same_bytes(tiny_model, tmp_path):
    first = _saved(tiny_model, tmp_path).read_bytes()
    second = save_model(tiny_model, tmp_path / "again.npz").read_bytes()
    assert first == second


def test_float32_is_close_and_smaller(tiny_model, tmp_path):
    wide = _saved(tiny_model, tmp_path)
    narrow = save_model(tiny_model, tmp_path / "narrow.npz", dtype="float32")
    assert narrow.stat().st_size < wide.stat().st_size
    got = load_model(narrow).score_mentions(ROWS)
    assert np.allclose(got, tiny_model.score_mentions(ROWS), atol=1e-5)
    with pytest.raises(ValueError, match="dtype must be"):
        save_model(tiny_model, tmp_path / "x.npz", dtype="float16")


def _edit_json(path, change):
    meta_path = path.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    change(meta)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


@pytest.mark.parametrize("tamper", [
    lambda p: p.write_bytes(p.read_bytes()[:-40] + bytes(40)),  # arrays changed
    lambda p: _edit_json(p, lambda m: m["vectorizers"][0]["vocabulary"].reverse()),
    lambda p: _edit_json(p, lambda m: m["hyper_parameters"].update(window=3)),
    lambda p: _edit_json(p, lambda m: m.update(classes=["positive", "neutral", "negative"])),
], ids=["arrays", "vocabulary", "hyper-parameter", "classes"])
def test_a_tampered_file_is_refused(tiny_model, tmp_path, tamper):
    path = _saved(tiny_model, tmp_path)
    tamper(path)
    with pytest.raises(ValueError, match="checksum mismatch"):
        load_model(path)


def test_another_features_version_is_refused(tiny_model, tmp_path, monkeypatch):
    path = _saved(tiny_model, tmp_path)
    monkeypatch.setattr(model_module, "features_version", lambda: "0123456789abcdef")
    with pytest.raises(ValueError, match=r"features version '[0-9a-f]{16}'.*"
                                         r"'0123456789abcdef'.*retrain"):
        load_model(path)


class _RunsCode:
    """Pickled, it would make the folder ``path`` when read."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return os.mkdir, (self.path,)


def test_an_object_array_with_a_valid_checksum_runs_no_code(tiny_model, tmp_path):
    # the worst case: someone rewrites the arrays as a pickle and recomputes the checksum
    path = _saved(tiny_model, tmp_path)
    np.savez(path, coef=np.array([_RunsCode(tmp_path / "ran")], dtype=object))
    _edit_json(path, lambda m: m.update(sha256=model_module._checksum(path.read_bytes(), m)))
    with pytest.raises(ValueError, match="not a readable array file"):
        load_model(path)
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize(("files", "error", "match"), [
    ({"m.npz": b"PK"}, FileNotFoundError, "JSON of the model m.npz is missing"),
    ({"m.npz": b"PK", "m.json": b"{"}, ValueError, "not JSON"),
    ({"m.npz": b"PK", "m.json": b'{"format": "other"}'}, ValueError,
     "not a saved TargetSentimentModel"),
    ({}, FileNotFoundError, "no saved sentiment model"),
])
def test_bad_files_are_clear_errors(tmp_path, files, error, match):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(error, match=match):
        load_model(tmp_path / "m.npz")


def test_unfitted_model_is_not_saved(tmp_path):
    with pytest.raises(ValueError, match="fitted"):
        save_model(TargetSentimentModel(), tmp_path / "m.npz")


def test_the_shipped_model_loads_under_this_code():
    # Fails when the feature code changed after the model was trained: retrain it with
    # .venv/bin/python bench/train_sentiment_model.py --install (the error says so).
    model = load_model(SHIPPED_MODEL)
    assert model.features_version_ == model_module.features_version()
    assert model.training_["n_mentions"] == 8739
    assert "NewsMTSC" in model.training_["data"]
    size = SHIPPED_MODEL.stat().st_size + SHIPPED_MODEL.with_suffix(".json").stat().st_size
    assert size < 5_000_000  # bytes: a few MB at most


@pytest.mark.parametrize(("sentence", "target", "expected"), [
    ("The EU failed badly and its leaders lied.", "EU", "negative"),
    ("Armenia was praised for its brave and wise leadership.", "Armenia", "positive"),
    ("The US delegation arrived in Baku on Monday.", "US", "neutral"),
])
def test_learned_method_labels_plain_sentences(sentence, target, expected):
    start = sentence.index(target)
    assert classify_mention(sentence, start, start + len(target),
                            method="learned").label == expected


def test_shipped_model_is_read_once_across_threads(monkeypatch):
    reads = []
    real = model_module.load_model

    def counting(path, **options):
        reads.append(path)
        return real(path, **options)

    monkeypatch.setattr(model_module, "_SHIPPED", {})
    monkeypatch.setattr(model_module, "load_model", counting)
    got = []
    threads = [threading.Thread(target=lambda: got.append(shipped_model())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(reads) == 1 and len(got) == 6 and all(m is got[0] for m in got)
    assert resolve_method("learned") is got[0] and resolve_method("vader") == "vader"


def test_learned_is_a_method_name():
    assert "learned" in METHODS
    with pytest.raises(ValueError, match=r"'vader', 'sentence', 'learned'"):
        classify_mention("The EU met.", 4, 6, method="supervised")


def test_target_sentiment_batches_a_model_as_classify_mention_scores_one_row():
    text = ("The EU failed badly. Washington praised Armenia and the EU. "
            "Armenia met the US in Geneva.")
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    batch = target_sentiment(corpus, method="learned", roles=False)
    # EU; US (Washington), Armenia, EU; Armenia, US
    assert batch["target"].tolist() == ["EU", "Armenia", "EU", "US", "Armenia", "US"]
    model = shipped_model()
    for row in batch.itertuples():
        # every other mention of the sentence is masked, as target_sentiment does
        one = classify_mention(row.sentence, row.start, row.end, method=model, roles=False)
        assert (row.score, row.label, row.words) == (round(one.score, 6), one.label,
                                                     format_words(one.words))
    scores, labels, words = model_rows(model, list(batch["sentence"]), list(batch["start"]),
                                       list(batch["end"]))
    assert scores == list(batch["score"]) and words == list(batch["words"])
    assert model_rows(model, [], [], []) == ([], [], [])


def test_score_rows_works_out_a_repeated_mention_once_with_the_same_answer(monkeypatch):
    # a repeated (sentence, start, end) is featurised once; every row gets exactly what the
    # mention scored alone gets (scores compared bit for bit, not approximately)
    model = shipped_model()
    X = pd.concat([ROWS, ROWS.iloc[[2, 0, 2]]], ignore_index=True)
    featurised = []
    real = TargetSentimentModel._features

    def counting(self, X, **options):
        featurised.append(len(X))
        return real(self, X, **options)

    monkeypatch.setattr(TargetSentimentModel, "_features", counting)
    scores, labels, words = model.score_rows(X)
    assert featurised == [len(ROWS)]
    for r in range(len(X)):
        one = model.score_rows(X.iloc[[r]])
        assert scores[r].tobytes() == one[0][0].tobytes()
        assert (labels[r], words[r]) == (one[1][0], one[2][0])
    assert scores[4:].tolist() == scores[[2, 0, 2]].tolist()


def test_cache_code_hash_follows_the_model_through_its_json(tiny_model, tmp_path):
    # analysis.cache hashes the package's .json files (not .npz): the JSON carries the
    # checksum of the arrays, so a retrained model is a new code version for the cache
    from analysis.cache import _code_hash

    package = tmp_path / "package"
    save_model(tiny_model, package / "data" / "target_sentiment.npz")
    before = _code_hash(package)
    other = train_model(TINY, min_df=1, C=0.5)
    save_model(other, package / "data" / "target_sentiment.npz")
    assert _code_hash(package) != before
    save_model(tiny_model, package / "data" / "target_sentiment.npz")
    assert _code_hash(package) == before  # the same model, the same bytes
