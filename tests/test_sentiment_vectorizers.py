"""The counting vectorizers give scikit-learn's matrices exactly (the learned model's scores
depend on every bit of them)."""

import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.paths import ROOT
from analysis.sentiment import load_model, save_model, shipped_model, train_model
from analysis.sentiment.features import (
    FEATURE_TOKEN,
    context_docs,
    distance_features,
    placeholder_doc,
    polarity_doc,
)
from analysis.sentiment.vectorizers import CountingDictVectorizer, CountingTfidfVectorizer

TINY = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"
MENTIONS = [("The EU failed badly, and the EU's leaders lied again.", 4, 6),
            ("Armenia met the US in Geneva on Monday.", 16, 18),
            ("“Baku is lying,” Yerevan said; Baku denied it.", 1, 5),
            ("!!", 0, 1), ("EU", 0, 2), ("zzqx qqzv EU xxqz", 10, 12)]


def _same(got, want):
    """Equal bit for bit: type, shape, and each array with its dtype."""
    assert type(got) is type(want) and got.shape == want.shape
    for name in ("data", "indices", "indptr"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name


def _documents(model, name):
    """The documents ``TargetSentimentModel._features`` hands vectorizer ``name``."""
    docs = {"whole": [context_docs(s, a, b, model.window)[0] for s, a, b in MENTIONS],
            "near": [context_docs(s, a, b, model.window)[1] for s, a, b in MENTIONS],
            "dist": [distance_features(s, a, b, model.tau) for s, a, b in MENTIONS],
            "char_left": [" ".join(FEATURE_TOKEN.findall(s[:a].lower())[-model.char_window:])
                          for s, a, _ in MENTIONS],
            "char_right": [" ".join(FEATURE_TOKEN.findall(s[b:].lower())[:model.char_window])
                           for s, _, b in MENTIONS],
            "placeholder": [placeholder_doc(s, a, b) for s, a, b in MENTIONS]}
    docs["polarity"] = [polarity_doc(d, window=model.polarity_window)
                        for d in docs["placeholder"]]
    return docs[name] + ([{}] if name == "dist" else ["", "zzqx qqzv"])  # empty, unknown


def _sklearn_transform(vectorizer, documents):
    parent = DictVectorizer if isinstance(vectorizer, DictVectorizer) else TfidfVectorizer
    return parent.transform(vectorizer, documents)


NAMES = ["whole", "near", "dist", "char_left", "char_right", "placeholder", "polarity"]


@pytest.mark.parametrize("name", NAMES)
def test_the_shipped_models_vectorizers_count_as_sklearn_does(name):
    model = shipped_model()
    vectorizer = model.vectorizers_[name]
    assert isinstance(vectorizer, (CountingDictVectorizer, CountingTfidfVectorizer))
    documents = _documents(model, name)
    _same(vectorizer.transform(documents), _sklearn_transform(vectorizer, documents))


@pytest.mark.parametrize("interface", ["spmatrix", "sparray"])
def test_a_saved_and_loaded_model_scores_as_the_fitted_one(tmp_path, interface):
    # fitted: scikit-learn's own vectorizers; loaded from .npz: the counting ones
    fitted = train_model(TINY, min_df=1)
    loaded = load_model(save_model(fitted, tmp_path / "m.npz"))
    X = pd.DataFrame(MENTIONS, columns=["sentence", "start", "end"])
    with sklearn.config_context(sparse_interface=interface):
        for name in NAMES:
            documents = _documents(loaded, name)
            _same(loaded.vectorizers_[name].transform(documents),
                  fitted.vectorizers_[name].transform(documents))
        got, want = loaded.score_rows(X), fitted.score_rows(X)
    assert got[0].tobytes() == want[0].tobytes()
    assert got[1].tolist() == want[1].tolist() and got[2] == want[2]


def test_a_loaded_model_saves_again_as_arrays_and_as_a_pickle(tmp_path):
    loaded = load_model(save_model(train_model(TINY, min_df=1), tmp_path / "m.npz"))
    again = save_model(loaded, tmp_path / "again.npz")
    assert again.read_bytes() == (tmp_path / "m.npz").read_bytes()
    with pytest.warns(UserWarning, match="pickle"):
        pickled = load_model(save_model(loaded, tmp_path / "m.joblib"), trusted=True)
    X = pd.DataFrame(MENTIONS, columns=["sentence", "start", "end"])
    assert pickled.score_rows(X)[0].tobytes() == loaded.score_rows(X)[0].tobytes()


@pytest.mark.parametrize(("documents", "want"), [
    (["b b a", "c d"], [[1, 2, 0], [0, 0, 1]]),  # counts; "d" is not in the vocabulary
    (["", "a"], [[0, 0, 0], [1, 0, 0]]),
])
def test_tfidf_counts_by_hand(documents, want):
    counts = CountingTfidfVectorizer(token_pattern=r"\S+", use_idf=False, norm=None).fit(
        ["a b", "c"])
    weighted = CountingTfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True).fit(["a b", "c"])
    assert counts.transform(documents).toarray().tolist() == want  # (sklearn's path: no idf)
    _same(weighted.transform(documents), TfidfVectorizer.transform(weighted, documents))


def test_tfidf_refuses_a_string_as_sklearn_does():
    vectorizer = CountingTfidfVectorizer().fit(["alpha beta"])
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        vectorizer.transform("alpha beta")


@pytest.mark.parametrize("rows", [
    [{"b": 2.0, "c": 1.0, "a": 0.25}, {}, {"a": 3}],  # numbers: the counting path
    [{"b": 1.0, "a": "x"}],  # a string value: scikit-learn's path ("a=x")
])
def test_dict_vectorizer_matches_sklearn(rows):
    vectorizer = CountingDictVectorizer().fit([{"a": 1.0, "b": 0.5, "a=x": 1}])
    _same(vectorizer.transform(rows), DictVectorizer.transform(vectorizer, rows))
    assert vectorizer.transform(rows[0]).shape == (1, 3)  # one dict is one row


def test_dict_vectorizer_by_hand():
    vectorizer = CountingDictVectorizer().fit([{"a": 1.0, "b": 0.5}])
    got = vectorizer.transform([{"b": 2.0, "c": 1.0, "a": 0.25}, {}])
    assert got.toarray().tolist() == [[0.25, 2.0], [0.0, 0.0]]
    assert np.array_equal(got.indices, [0, 1])  # sorted, as scikit-learn leaves them
