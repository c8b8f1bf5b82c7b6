"""The learned method: :class:`TargetSentimentModel` (NB-scaled logistic regressions and a
linear SVM), trained on NewsMTSC-format JSONL or coding sheets, saved and loaded."""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import textwrap
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.sentiment.features import (
    DENSE_NAMES,
    FEATURE_TOKEN,
    context_docs,
    dense_features_rows,
    distance_features,
    placeholder_doc,
    polarity_doc,
)
from analysis.sentiment.lexicon import NEWS_LEXICON

__all__ = ["code_digest", "FEATURE_FILES", "features_version", "load_model", "read_newsmtsc",
           "save_model", "TargetSentimentModel", "train_model"]

_POLARITY = {2: "negative", 4: "neutral", 6: "positive"}  # NewsMTSC's 7-point codes in use


def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """Read a NewsMTSC-format JSONL file into one row per target mention.

    Parameters
    ----------
    path : str or Path
        JSONL with ``sentence_normalized`` and ``targets`` (each with ``from``, ``to`` and
        ``polarity``: 2 negative, 4 neutral, 6 positive; other codes are rounded to these).

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence, start, end, label`` (``end`` exclusive), in file order.

    Raises
    ------
    ValueError
        When a line is not JSON or lacks the fields, naming the file and line.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.jsonl")
    >>> _ = open(p, "w").write('{"sentence_normalized": "The EU failed.", '
    ...     '"targets": [{"from": 4, "to": 6, "polarity": 2.0}]}\\n')
    >>> read_newsmtsc(p).values.tolist()
    [['The EU failed.', 4, 6, 'negative']]
    """
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sentence = record["sentence_normalized"]
                for t in record["targets"]:
                    code = min(_POLARITY, key=lambda c: abs(c - float(t["polarity"])))
                    rows.append((sentence, int(t["from"]), int(t["to"]), _POLARITY[code]))
            except (ValueError, KeyError, TypeError) as err:
                raise ValueError(f"{path}: line {n} is not a NewsMTSC record ({err!r})") from err
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "label"])


def _log_count_ratio(X, positive, *, alpha: float = 1.0) -> np.ndarray:
    """Naive Bayes log-count ratio of each column of ``X`` for ``positive`` rows vs the rest.

    ``log((p / |p|) / (q / |q|))`` with ``p = alpha + `` the number of ``positive`` rows in
    which the column is non-zero and ``q`` the same for the other rows (Wang and Manning 2012,
    "Baselines and bigrams"); a feature's evidence for one class, learned by counting.
    """
    present = (X != 0).astype(np.float64)
    positive = np.asarray(positive, dtype=bool)
    p = alpha + np.asarray(present[positive].sum(axis=0)).ravel()
    q = alpha + np.asarray(present[~positive].sum(axis=0)).ravel()
    return np.log(p / p.sum()) - np.log(q / q.sum())


class _NBLogisticRegression:
    """One-vs-rest logistic regressions over NB-scaled columns (NB-LR, as NBSVM), plus an SVM.

    For each class the first ``n_scaled`` columns are multiplied by their log-count ratio for
    that class (:func:`_log_count_ratio`) before a binary, class-balanced logistic regression
    is fitted; the rest (dense scores) enter as they are. A class-balanced linear SVM
    (one-vs-rest, ``svm_C``) over the unscaled columns is added with ``svm_weight``, its
    decisions first brought to the spread of the regressions' on the training rows, and the
    sum divided by ``1 + svm_weight``. Ratios and both models are folded into ``coef_`` and
    ``intercept_``, so prediction is one sparse product: ``X @ coef_.T + intercept_``.
    """

    def __init__(self, *, C: float = 1.0, n_scaled: int = 0, alpha: float = 1.0,
                 svm_weight: float = 0.5, svm_C: float = 0.03):
        self.C = C
        self.n_scaled = n_scaled
        self.alpha = alpha
        self.svm_weight = svm_weight
        self.svm_C = svm_C

    def fit(self, X, y):
        import scipy.sparse as sp
        from sklearn.linear_model import LogisticRegression

        X = sp.csr_matrix(X)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        coef, intercept = [], []
        for label in self.classes_:
            ratio = np.ones(X.shape[1])
            ratio[:self.n_scaled] = _log_count_ratio(X[:, :self.n_scaled], y == label,
                                                     alpha=self.alpha)
            lr = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
            lr.fit(X.multiply(ratio).tocsr(), y == label)
            coef.append(lr.coef_[0] * ratio)
            intercept.append(lr.intercept_[0])
        self.coef_ = np.vstack(coef)
        self.intercept_ = np.array(intercept)
        if self.svm_weight:
            from sklearn.svm import LinearSVC

            svm = LinearSVC(C=self.svm_C, class_weight="balanced").fit(X, y)
            svm_coef, svm_intercept = svm.coef_, svm.intercept_
            if len(self.classes_) == 2:  # one decision for two classes: spell out both
                svm_coef = np.vstack([-svm_coef, svm_coef])
                svm_intercept = np.array([-svm_intercept[0], svm_intercept[0]])
            spread = self.decision_function(X).std() / (
                np.asarray(X @ svm_coef.T + svm_intercept).std() or 1.0)
            w = self.svm_weight * spread
            self.coef_ = (self.coef_ + w * svm_coef) / (1 + self.svm_weight)
            self.intercept_ = (self.intercept_ + w * svm_intercept) / (1 + self.svm_weight)
        return self

    def decision_function(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        # each class's own sigmoid, normalised to sum to one (as one-vs-rest in scikit-learn)
        proba = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.decision_function(X).argmax(axis=1)]


class TargetSentimentModel:
    """Target-aware sentiment classifier: NB-scaled logistic regression over n-grams and VADER.

    Features, all relative to the mention: word 1-2-grams of the sentence with the mention
    replaced by ``TARGET``; the ``window`` words on each side marked by side (``L_word``,
    ``R_word``); every word weighted by its distance from the mention (``exp(-d / tau)``, with
    and without its side), the n-grams that contain the mention and the words of its clause;
    character 3-5-grams of the ``char_window`` words on each side (so "praised" and "praising"
    share evidence); word 1-3-grams of the sentence with the mention as ``TARGET`` and other
    capitalised names as ``ENT`` ("ENT accused TARGET of"), and the same within
    ``polarity_window`` words with VADER's words as ``POS`` and ``NEG`` ("ENT NEG TARGET of
    NEG"); and scoped VADER scores under six
    scopings (one of them the default ``"vader"`` method), whether the target is a setting
    and whether the sentence is a Title Case headline, plus whole-sentence VADER.
    Each class gets its own class-balanced logistic regression (one-vs-rest) with the n-gram
    columns scaled by their naive Bayes log-count ratio for that class (NB-LR, after Wang and
    Manning's NBSVM), which counts how much each n-gram favours the class before the
    regression weighs it; half as much again of a plain linear SVM's decisions is added (how
    each part was chosen: ``bench/RESULTS.md``). Follows scikit-learn's estimator conventions:
    ``fit(X, y)``, ``predict(X)``, ``predict_proba(X)``, where ``X`` is a table with ``sentence,
    start, end``.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of each class's logistic regression.
    window : int, default 10
        Words on each side of the mention that get side-marked features.
    min_df : int, default 2
        Minimum number of training mentions an n-gram must occur in.
    tau : float, default 2.0
        Decay length (words) of the distance-weighted features.
    char_window : int, default 6
        Words on each side whose character n-grams are features.
    polarity_window : int, default 4
        Words on each side of the mention in the lexicon-polarity n-grams.
    svm_weight : float, default 0.5
        Weight of a plain linear SVM over the same features, added to the NB-scaled
        regressions (0 for none).

    Examples
    --------
    >>> X = pd.DataFrame({"sentence": ["The EU failed badly.", "The EU helped a lot.",
    ...                                "The EU met today."] * 3,
    ...                   "start": [4] * 9, "end": [6] * 9})
    >>> y = ["negative", "positive", "neutral"] * 3
    >>> TargetSentimentModel(min_df=1).fit(X, y).predict(X)[:3].tolist()
    ['negative', 'positive', 'neutral']
    """

    def __init__(self, *, C: float = 1.0, window: int = 10, min_df: int = 2,
                 tau: float = 2.0, char_window: int = 6, polarity_window: int = 4,
                 svm_weight: float = 0.5):
        self.C = C
        self.window = window
        self.min_df = min_df
        self.tau = tau
        self.char_window = char_window
        self.polarity_window = polarity_window
        self.svm_weight = svm_weight

    def _features(self, X, *, fit=False):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        rows = list(zip(X["sentence"], X["start"].astype(int), X["end"].astype(int)))
        docs = [context_docs(s, a, b, self.window) for s, a, b in rows]
        texts = {
            "whole": [d[0] for d in docs],
            "near": [d[1] for d in docs],
            "dist": [distance_features(s, a, b, self.tau) for s, a, b in rows],
            "char_left": [" ".join(FEATURE_TOKEN.findall(s[:a].lower())[-self.char_window:])
                          for s, a, _ in rows],
            "char_right": [" ".join(FEATURE_TOKEN.findall(s[b:].lower())[:self.char_window])
                           for s, _, b in rows],
            "placeholder": [placeholder_doc(s, a, b) for s, a, b in rows],
        }
        texts["polarity"] = [polarity_doc(d, window=self.polarity_window)
                             for d in texts["placeholder"]]
        if fit:
            blocks = [self.vectorizers_[k].fit_transform(v) for k, v in texts.items()]
            # keep the distance features seen in min_df mentions, as for the n-grams
            support = np.asarray((blocks[2] > 0).sum(axis=0)).ravel() >= self.min_df
            self.vectorizers_["dist"].restrict(support)
            blocks[2] = blocks[2][:, support]
        else:
            blocks = [self.vectorizers_[k].transform(v) for k, v in texts.items()]
        blocks[2] = normalize(blocks[2])
        dense = np.array(dense_features_rows(rows)).reshape(len(rows), -1)
        return sp.hstack(blocks + [sp.csr_matrix(dense * 2.0)]).tocsr()

    def fit(self, X, y):
        """Fit on a table with ``sentence, start, end`` and labels ``y``; returns self."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        X = pd.DataFrame(X)
        chars = dict(analyzer="char_wb", ngram_range=(3, 5), min_df=self.min_df + 1,
                     sublinear_tf=True)
        self.vectorizers_ = {
            "whole": TfidfVectorizer(ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True,
                                     token_pattern=r"\S+"),
            "near": TfidfVectorizer(min_df=self.min_df, sublinear_tf=True, token_pattern=r"\S+",
                                    lowercase=False),
            "dist": DictVectorizer(),
            "char_left": TfidfVectorizer(**chars),
            "char_right": TfidfVectorizer(**chars),
            "placeholder": TfidfVectorizer(ngram_range=(1, 3), min_df=self.min_df,
                                           sublinear_tf=True, token_pattern=r"\S+",
                                           lowercase=False),
            "polarity": TfidfVectorizer(ngram_range=(1, 3), min_df=self.min_df,
                                        sublinear_tf=True, token_pattern=r"\S+", lowercase=False),
        }
        features = self._features(X, fit=True)
        for vectorizer in self.vectorizers_.values():
            if hasattr(vectorizer, "stop_words_"):
                del vectorizer.stop_words_  # the pruned terms: bulk in the saved file
        self.classifier_ = _NBLogisticRegression(
            C=self.C, n_scaled=features.shape[1] - len(DENSE_NAMES),
            svm_weight=self.svm_weight).fit(features, np.asarray(y))
        self.features_version_ = features_version()
        self.classes_ = self.classifier_.classes_
        prefix = {"char_left": "charL_", "char_right": "charR_", "placeholder": "P_",
                  "polarity": "Pol_"}
        self.feature_names_ = np.concatenate(
            [[prefix.get(k, "") + str(n) for n in v.get_feature_names_out()]
             for k, v in self.vectorizers_.items()] + [DENSE_NAMES])
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, columns in ``classes_`` order."""
        return self.classifier_.predict_proba(self._features(pd.DataFrame(X)))

    def predict(self, X) -> np.ndarray:
        """Predicted labels."""
        return self.classifier_.predict(self._features(pd.DataFrame(X)))

    def score_mentions(self, X) -> np.ndarray:
        """``P(positive) - P(negative)`` per mention, in [-1, 1]."""
        proba = self.predict_proba(X)
        classes = list(self.classes_)
        pos = proba[:, classes.index("positive")] if "positive" in classes else 0.0
        neg = proba[:, classes.index("negative")] if "negative" in classes else 0.0
        return pos - neg

    def _one(self, sentence, start, end):
        return pd.DataFrame({"sentence": [sentence], "start": [start], "end": [end]})

    def label_one(self, sentence, start, end) -> str:
        """The predicted label of one mention ``sentence[start:end]``."""
        return str(self.predict(self._one(sentence, start, end))[0])

    def score_one(self, sentence, start, end):
        """``(score, words)`` of one mention: :meth:`score_mentions` and the ten features that
        moved it most, ``(name, contribution)``, strongest first."""
        X = self._one(sentence, start, end)
        score = float(self.score_mentions(X)[0])
        row = self._features(X)
        classes = list(self.classes_)
        coef = self.classifier_.coef_
        direction = np.zeros(coef.shape[1])
        if "positive" in classes:
            direction += coef[classes.index("positive")]
        if "negative" in classes:
            direction -= coef[classes.index("negative")]
        contrib = row.multiply(direction).tocsr()
        pairs = [(str(self.feature_names_[j]), round(float(v), 4))
                 for j, v in zip(contrib.indices, contrib.data) if v]
        pairs.sort(key=lambda p: -abs(p[1]))
        return score, tuple(pairs[:10])


# The files whose code makes the features: a change to any rule there changes the features of
# a mention, hence the features version (features_version).
FEATURE_FILES = ("lexicon", "parsing", "rules", "scoped", "features")


def code_digest(source: str) -> str:
    """SHA-256 of the code in ``source`` (Python), blind to comments, docstrings and layout.

    Examples
    --------
    >>> a = code_digest("def f(x): 'Double.'; return 2 * x  # twice")
    >>> a == code_digest("def f(x): return 2*x"), a == code_digest("def f(x): return 3 * x")
    (True, False)
    """
    tree = ast.parse(textwrap.dedent(source))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                and isinstance(first.value.value, str):  # a docstring
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()


@lru_cache(maxsize=1)
def features_version() -> str:
    """The version of the learned model's features, derived from the code that computes them.

    A hash of the code (:func:`code_digest`) of :data:`FEATURE_FILES` (VADER's rules, the parse,
    the scoping rules, the scoped scorer, the feature functions) and of
    ``TargetSentimentModel._features``, of ``analysis/data/news_lexicon.tsv`` and of the
    installed vaderSentiment release: any change to a rule the features read gives another
    version, and :func:`load_model` refuses a model saved under another one. Comments and
    docstrings do not count.

    Examples
    --------
    >>> len(features_version()), features_version() == features_version()
    (16, True)
    """
    from importlib.metadata import version

    h = hashlib.sha256()
    for name in FEATURE_FILES:
        h.update(code_digest(Path(__file__).with_name(f"{name}.py").read_text("utf-8")).encode())
    h.update(code_digest(inspect.getsource(TargetSentimentModel._features)).encode())
    h.update(NEWS_LEXICON.read_bytes())
    h.update(version("vaderSentiment").encode())
    return h.hexdigest()[:16]


def _training_rows(paths, in_domain_weight: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows of NewsMTSC JSONL files and coding sheets (coded rows only), and their weights."""
    from analysis.validation import read_codes

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise ValueError("train_model needs at least one training file")
    parts, weights = [], []
    for path in paths:
        if Path(path).suffix.lower() == ".csv":
            codes = read_codes(path)
            rows = codes[codes["code"].notna()][["sentence", "start", "end", "code"]]
            rows = rows.rename(columns={"code": "label"})
            weight = in_domain_weight
        else:
            rows, weight = read_newsmtsc(path), 1
        parts.append(rows[["sentence", "start", "end", "label"]])
        weights.append(np.full(len(rows), weight))
    return pd.concat(parts, ignore_index=True), np.concatenate(weights)


def train_model(path, *, C: float = 1.0, window: int = 10,
                min_df: int = 2, tau: float = 2.0,
                char_window: int = 6, polarity_window: int = 4,
                svm_weight: float = 0.5, in_domain_weight: int = 3) -> TargetSentimentModel:
    """Train the supervised method on NewsMTSC-format JSONL and/or hand-coded sheets.

    Parameters
    ----------
    path : str, Path or list of them
        Training files: NewsMTSC-format JSONL (see :func:`read_newsmtsc`), e.g. NewsMTSC's
        ``train.jsonl``, and/or coding sheets (``.csv``, see
        :func:`analysis.validation.read_codes`), whose coded rows are in-domain examples.
    C, window, min_df, tau, char_window, polarity_window, svm_weight
        See :class:`TargetSentimentModel`.
    in_domain_weight : int, default 3
        How many times each coded row of a sheet counts (it is repeated): a few hundred
        in-domain mentions would otherwise vanish among NewsMTSC's 8,700. Rows of JSONL files
        count once.

    Returns
    -------
    TargetSentimentModel
        Fitted model; keep it with :func:`save_model`.

    Examples
    --------
    >>> from analysis.paths import ROOT
    >>> m = train_model(ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl", min_df=1)
    >>> sorted(m.classes_)
    ['negative', 'neutral', 'positive']
    """
    if int(in_domain_weight) != in_domain_weight or in_domain_weight < 1:
        raise ValueError(f"in_domain_weight must be a whole number >= 1, got {in_domain_weight}")
    data, weights = _training_rows(path, int(in_domain_weight))
    data = data.loc[data.index.repeat(weights)].reset_index(drop=True)
    return TargetSentimentModel(C=C, window=window, min_df=min_df, tau=tau,
                                char_window=char_window, polarity_window=polarity_window,
                                svm_weight=svm_weight).fit(
        data[["sentence", "start", "end"]], data["label"])


def save_model(model: TargetSentimentModel, path: str | Path) -> Path:
    """Save a fitted model to ``path`` (a compressed pickle via joblib; the file is yours to keep).

    A model trained on NewsMTSC's ``train.jsonl`` takes about 7 MB.

    Examples
    --------
    >>> import tempfile, os
    >>> from analysis.paths import ROOT
    >>> m = train_model(ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl", min_df=1)
    >>> p = save_model(m, os.path.join(tempfile.mkdtemp(), "m.joblib"))
    >>> import warnings
    >>> with warnings.catch_warnings():  # the file was made just above
    ...     warnings.simplefilter("ignore")
    ...     loaded = load_model(p, trusted=True)
    >>> loaded.predict(pd.DataFrame({"sentence": ["The EU failed."], "start": [4],
    ...                              "end": [6]})).shape
    (1,)
    """
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path, compress=3)  # a few MB instead of tens
    return path


def load_model(path: str | Path, *, trusted: bool = False) -> TargetSentimentModel:
    """Load a model saved by :func:`save_model`, only when told the file is trusted.

    The file is a pickle: reading one runs whatever code it holds, before anything can check
    what it is. So nothing is read unless ``trusted=True`` says the file is one you made (or
    got from someone you trust), and even then a warning repeats it.

    Parameters
    ----------
    path : str or Path
        A file written by :func:`save_model`.
    trusted : bool, default False
        Must be True to read the file at all.

    Returns
    -------
    TargetSentimentModel

    Warns
    -----
    UserWarning
        On every load: a pickle runs code.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ValueError
        Without ``trusted=True`` (the file is not opened); or when the model was saved by a
        version of :mod:`analysis.sentiment` whose features differ (:func:`features_version`:
        retrain it).
    TypeError
        When the file holds something other than a :class:`TargetSentimentModel`.
    """
    import joblib

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no saved sentiment model here (see train_model)")
    if trusted is not True:
        raise ValueError(f"{path}: not loaded: a saved model is a pickle, and reading a pickle "
                         "runs any code it holds; if you made this file or trust who did, "
                         "call load_model(path, trusted=True)")
    warnings.warn(f"{path}: loading a pickle runs the code it holds; trusted=True says this "
                  "file is yours", UserWarning, stacklevel=2)
    model = joblib.load(path)
    if not isinstance(model, TargetSentimentModel):
        raise TypeError(f"{path}: holds {type(model).__name__}, not a TargetSentimentModel")
    saved = getattr(model, "features_version_", 1)
    if saved != features_version():
        raise ValueError(f"{path}: a model saved by an older analysis.sentiment (or another "
                         f"version of it) whose features differ: features version {saved!r}, "
                         f"this code {features_version()!r}; retrain it with train_model (e.g. "
                         "bench/sentiment.py --save-model PATH)")
    return model
