"""The learned method: :class:`TargetSentimentModel` (NB-scaled logistic regressions and a
linear SVM), trained on NewsMTSC-format JSONL or coding sheets, saved and loaded."""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import textwrap
import threading
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
from analysis.sentiment.parsing import parse_many

__all__ = ["code_digest", "FEATURE_FILES", "features_version", "load_model", "read_newsmtsc",
           "save_model", "shipped_model", "SHIPPED_MODEL", "TargetSentimentModel", "train_model"]

# The model trained by bench/train_sentiment_model.py on NewsMTSC train.jsonl and installed in
# the package (arrays; its JSON beside it): what method "learned" scores with.
SHIPPED_MODEL = Path(__file__).with_name("data") / "target_sentiment.npz"
_FORMAT = "analysis.sentiment.TargetSentimentModel"

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

            # seeded: liblinear's dual solver visits rows in random order
            svm = LinearSVC(C=self.svm_C, class_weight="balanced", random_state=0).fit(X, y)
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
    scopings (one of them the ``"vader"`` method), whether the target is a setting
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

    def _features(self, X, *, fit=False, batch=5_000):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        rows = list(zip(X["sentence"], X["start"].astype(int), X["end"].astype(int)))
        texts = {k: [] for k in ("whole", "near", "dist", "char_left", "char_right",
                                 "placeholder", "polarity")}
        for lo in range(0, len(rows), batch):
            part = rows[lo:lo + batch]
            # the part's sentences parsed together (one parse_sentences call, not one per
            # sentence) into parse's cache, which holds them all while the features read them
            parse_many([s for s, _, _ in part])
            docs = [context_docs(s, a, b, self.window) for s, a, b in part]
            texts["whole"] += [d[0] for d in docs]
            texts["near"] += [d[1] for d in docs]
            texts["dist"] += [distance_features(s, a, b, self.tau) for s, a, b in part]
            texts["char_left"] += [" ".join(FEATURE_TOKEN.findall(s[:a].lower())
                                            [-self.char_window:]) for s, a, _ in part]
            texts["char_right"] += [" ".join(FEATURE_TOKEN.findall(s[b:].lower())
                                             [:self.char_window]) for s, _, b in part]
            placeholders = [placeholder_doc(s, a, b) for s, a, b in part]
            texts["placeholder"] += placeholders
            texts["polarity"] += [polarity_doc(d, window=self.polarity_window)
                                  for d in placeholders]
        if fit:
            blocks = [self.vectorizers_[k].fit_transform(v) for k, v in texts.items()]
            # keep the distance features seen in min_df mentions, as for the n-grams
            support = np.asarray((blocks[2] > 0).sum(axis=0)).ravel() >= self.min_df
            self.vectorizers_["dist"].restrict(support)
            blocks[2] = blocks[2][:, support]
        else:
            blocks = [self.vectorizers_[k].transform(v) for k, v in texts.items()]
        blocks[2] = normalize(blocks[2])
        dense = np.array(dense_features_rows(rows, batch=batch)).reshape(len(rows), -1)
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
        self.feature_names_ = self.feature_names()
        return self

    def feature_names(self) -> np.ndarray:
        """The name of each column of the features, prefixed by its block (``charL_``, ...)."""
        prefix = {"char_left": "charL_", "char_right": "charR_", "placeholder": "P_",
                  "polarity": "Pol_"}
        return np.concatenate(
            [[prefix.get(k, "") + str(n) for n in v.get_feature_names_out()]
             for k, v in self.vectorizers_.items()] + [DENSE_NAMES])

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, columns in ``classes_`` order."""
        return self.classifier_.predict_proba(self._features(pd.DataFrame(X)))

    def predict(self, X) -> np.ndarray:
        """Predicted labels."""
        return self.classifier_.predict(self._features(pd.DataFrame(X)))

    def score_mentions(self, X) -> np.ndarray:
        """``P(positive) - P(negative)`` per mention, in [-1, 1]."""
        return self._signed(self.predict_proba(X))

    def _signed(self, proba: np.ndarray) -> np.ndarray:
        classes = list(self.classes_)
        pos = proba[:, classes.index("positive")] if "positive" in classes else 0.0
        neg = proba[:, classes.index("negative")] if "negative" in classes else 0.0
        return pos - neg

    def score_rows(self, X, *, k: int = 10) -> tuple[np.ndarray, np.ndarray, list]:
        """Scores, labels and evidence of many mentions from one pass over their features.

        Parameters
        ----------
        X : pandas.DataFrame
            ``sentence, start, end`` per mention.
        k : int, default 10
            Features kept per mention.

        Returns
        -------
        tuple
            ``(scores, labels, words)``: :meth:`score_mentions`, :meth:`predict`, and per
            mention the ``k`` features that moved its score most as ``(name,
            contribution)`` pairs (contribution rounded to 4 places), strongest first.

        Examples
        --------
        >>> X = pd.DataFrame({"sentence": ["The EU failed badly.", "The EU helped a lot.",
        ...                                "The EU met today."] * 3,
        ...                   "start": [4] * 9, "end": [6] * 9})
        >>> m = TargetSentimentModel(min_df=1).fit(X, ["negative", "positive", "neutral"] * 3)
        >>> scores, labels, words = m.score_rows(X.head(2))
        >>> labels.tolist(), bool(scores[0] < 0 < scores[1]), len(words[0]) <= 10
        (['negative', 'positive'], True, True)
        """
        X = pd.DataFrame(X)
        # A mention's features depend on its own sentence and offsets only (each row of the
        # sparse product is its own), so a mention that recurs (a repeated sentence: a
        # headline, a syndicated paragraph) is worked out once and its answer copied.
        keys = list(zip(X["sentence"], X["start"].astype(int), X["end"].astype(int)))
        first = {}
        inverse = np.array([first.setdefault(key, len(first)) for key in keys], dtype=np.int64)
        if len(first) < len(keys):
            unique = np.unique(inverse, return_index=True)[1]
            scores, labels, words = self.score_rows(X.iloc[unique], k=k)
            return scores[inverse], labels[inverse], [words[i] for i in inverse.tolist()]
        features = self._features(X)
        scores = self._signed(self.classifier_.predict_proba(features))
        labels = self.classifier_.predict(features)
        classes = list(self.classes_)
        coef = self.classifier_.coef_
        direction = np.zeros(coef.shape[1])
        if "positive" in classes:
            direction += coef[classes.index("positive")]
        if "negative" in classes:
            direction -= coef[classes.index("negative")]
        contrib = features.multiply(direction).tocsr()
        words = []
        for r in range(contrib.shape[0]):
            lo, hi = contrib.indptr[r], contrib.indptr[r + 1]
            values, columns = contrib.data[lo:hi], contrib.indices[lo:hi]
            # only the k strongest become pairs (a mention has a few hundred features)
            top = np.argsort(-np.abs(values), kind="stable")[:k]
            words.append(tuple((str(self.feature_names_[columns[i]]), round(float(values[i]), 4))
                               for i in top if values[i]))
        return scores, labels, words

    def _one(self, sentence, start, end):
        return pd.DataFrame({"sentence": [sentence], "start": [start], "end": [end]})

    def label_one(self, sentence, start, end) -> str:
        """The predicted label of one mention ``sentence[start:end]``."""
        return str(self.predict(self._one(sentence, start, end))[0])

    def score_one(self, sentence, start, end):
        """``(score, words)`` of one mention: :meth:`score_mentions` and the ten features that
        moved it most, ``(name, contribution)``, strongest first (:meth:`score_rows`)."""
        scores, _, words = self.score_rows(self._one(sentence, start, end))
        return float(scores[0]), words[0]


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
    from analysis.validation.sheets import read_codes

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


def save_model(model: TargetSentimentModel, path: str | Path, *,
               dtype: str = "float64") -> Path:
    """Save a fitted model to ``path``: arrays and JSON (``.npz``), or a pickle (any other suffix).

    With a ``.npz`` path the model is written in a form that runs no code when read: its
    numbers (coefficients, intercepts, inverse document frequencies) go to ``path`` as plain
    arrays, and its vocabularies, hyper-parameters, classes, features version
    (:func:`features_version`) and a SHA-256 checksum of both files to ``path`` with the suffix
    ``.json``. :func:`load_model` reads them back without ``trusted=True``. Any other suffix
    writes a compressed pickle via joblib (about 7 MB for a model trained on NewsMTSC's
    ``train.jsonl``), which only ``load_model(path, trusted=True)`` reads.

    Parameters
    ----------
    model : TargetSentimentModel
        A fitted model.
    path : str or Path
        ``*.npz`` for the arrays form (the JSON goes beside it), else the pickle's path.
    dtype : {"float64", "float32"}, default "float64"
        Precision of the coefficients in the arrays form: ``"float32"`` halves the file and
        moves a score by about 1e-7; ``"float64"`` reads back the very same scores.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        When ``model`` is not fitted, or holds a setting JSON cannot keep (a callable).

    Examples
    --------
    >>> import tempfile, os
    >>> from analysis.paths import ROOT
    >>> m = train_model(ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl", min_df=1)
    >>> p = save_model(m, os.path.join(tempfile.mkdtemp(), "m.npz"))
    >>> sorted(f.name for f in p.parent.iterdir())
    ['m.json', 'm.npz']
    >>> X = pd.DataFrame({"sentence": ["The EU failed."], "start": [4], "end": [6]})
    >>> bool((load_model(p).score_mentions(X) == m.score_mentions(X)).all())
    True
    """
    path = Path(path)
    if not hasattr(model, "classifier_"):
        raise ValueError("save_model needs a fitted TargetSentimentModel (call fit first)")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() != ".npz":
        import joblib

        joblib.dump(model, path, compress=3)  # a few MB instead of tens
        return path
    if dtype not in ("float64", "float32"):
        raise ValueError(f"dtype must be 'float64' or 'float32', got {dtype!r}")
    arrays = {"coef": model.classifier_.coef_.astype(dtype),
              "intercept": model.classifier_.intercept_.astype(np.float64)}
    vectorizers = []  # a list: the order of the blocks is the order of the columns
    for name, vectorizer in model.vectorizers_.items():
        if hasattr(vectorizer, "idf_"):  # a TfidfVectorizer
            params = {k: v for k, v in vectorizer.get_params().items() if k != "dtype"}
            if any(callable(v) for v in params.values()):
                raise ValueError(f"save_model: vectorizer {name!r} has a callable setting, "
                                 "which an .npz file cannot keep; save to a .joblib path")
            vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
            vectorizers.append({"name": name, "kind": "tfidf", "params": params,
                                "vocabulary": vocabulary})
            arrays[f"idf_{name}"] = np.asarray(vectorizer.idf_, dtype=np.float64)
        else:  # the DictVectorizer of the distance features
            vectorizers.append({"name": name, "kind": "dict",
                                "vocabulary": list(vectorizer.feature_names_)})
    meta = {
        "format": _FORMAT,
        "features_version": model.features_version_,
        "hyper_parameters": {k: getattr(model, k) for k in _HYPER_PARAMETERS},
        "classes": [str(c) for c in model.classes_],
        "coef_dtype": dtype,
        "vectorizers": vectorizers,
        "training": getattr(model, "training_", {}),
    }
    _write_arrays(path, arrays)
    meta["sha256"] = _checksum(path.read_bytes(), meta)
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True,
                                                    separators=(",", ":")) + "\n",
                                         encoding="utf-8")
    return path


_HYPER_PARAMETERS = ("C", "window", "min_df", "tau", "char_window", "polarity_window",
                     "svm_weight")


def _write_arrays(path: Path, arrays: dict) -> None:
    """``np.savez_compressed``'s format with a fixed time stamp on each member, so saving the
    same model twice gives the same bytes (and checksum)."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]),
                                      allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def _checksum(arrays: bytes, meta: dict) -> str:
    """SHA-256 of the arrays file's bytes and of the JSON's content (bar the checksum)."""
    h = hashlib.sha256(arrays)
    content = {k: v for k, v in meta.items() if k != "sha256"}
    h.update(json.dumps(content, ensure_ascii=False, sort_keys=True,
                        separators=(",", ":")).encode("utf-8"))
    return h.hexdigest()


def _load_arrays_model(path: Path) -> TargetSentimentModel:
    """The model of an ``.npz`` file and its JSON, checked (see :func:`load_model`)."""
    import zipfile

    # scikit-learn's vectorizers with a faster transform giving the same matrices
    from analysis.sentiment.vectorizers import CountingDictVectorizer, CountingTfidfVectorizer

    meta_path = path.with_suffix(".json")
    if not meta_path.is_file():
        raise FileNotFoundError(f"{meta_path}: the JSON of the model {path.name} is missing "
                                "(save_model writes both files)")
    data = path.read_bytes()
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise ValueError(f"{meta_path}: not JSON ({err})") from None
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
        raise ValueError(f"{meta_path}: not a saved TargetSentimentModel (format "
                         f"{meta.get('format') if isinstance(meta, dict) else None!r})")
    if meta.get("sha256") != _checksum(data, meta):
        raise ValueError(f"{path}: checksum mismatch: {path.name} or {meta_path.name} changed "
                         "after save_model wrote them (corrupted or edited); not loaded")
    if meta["features_version"] != features_version():
        raise ValueError(f"{path}: saved under features version {meta['features_version']!r}, "
                         f"but this code computes features version {features_version()!r} "
                         "(the code of the features changed since it was trained); retrain it: "
                         ".venv/bin/python bench/train_sentiment_model.py (--install for the "
                         "shipped model)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile) as err:
        raise ValueError(f"{path}: not a readable array file ({err})") from None
    model = TargetSentimentModel(**meta["hyper_parameters"])
    model.vectorizers_ = {}
    for spec in meta["vectorizers"]:
        name = spec["name"]
        vocabulary = {term: i for i, term in enumerate(spec["vocabulary"])}
        if spec["kind"] == "tfidf":
            params = dict(spec["params"], vocabulary=vocabulary)
            params["ngram_range"] = tuple(params["ngram_range"])
            vectorizer = CountingTfidfVectorizer(**params)
            vectorizer.idf_ = arrays[f"idf_{name}"]
        else:
            vectorizer = CountingDictVectorizer()
            vectorizer.feature_names_ = list(spec["vocabulary"])
            vectorizer.vocabulary_ = vocabulary
        model.vectorizers_[name] = vectorizer
    classifier = _NBLogisticRegression(C=model.C, svm_weight=model.svm_weight)
    classifier.classes_ = np.array(meta["classes"], dtype=object)
    classifier.coef_ = arrays["coef"].astype(np.float64)
    classifier.intercept_ = arrays["intercept"]
    model.classifier_ = classifier
    model.classes_ = classifier.classes_
    model.features_version_ = meta["features_version"]
    model.training_ = meta.get("training", {})
    model.feature_names_ = model.feature_names()
    n_features = len(model.feature_names_)
    if classifier.coef_.shape != (len(model.classes_), n_features):
        raise ValueError(f"{path}: coefficients of shape {classifier.coef_.shape} for "
                         f"{len(model.classes_)} classes and {n_features} features")
    return model


def load_model(path: str | Path, *, trusted: bool = False) -> TargetSentimentModel:
    """Load a model saved by :func:`save_model`: an ``.npz`` file safely, a pickle only when
    told the file is trusted.

    An ``.npz`` file (with its JSON beside it) holds arrays and text only: it is read with
    ``numpy.load(allow_pickle=False)`` and ``json``, so no code runs, and ``trusted`` is not
    needed. Its SHA-256 checksum must match, and its features version must be this code's.

    Any other file is a pickle: reading one runs whatever code it holds, before anything can
    check what it is. So nothing is read unless ``trusted=True`` says the file is one you made
    (or got from someone you trust), and even then a warning repeats it.

    Parameters
    ----------
    path : str or Path
        A file written by :func:`save_model`.
    trusted : bool, default False
        Must be True to read a pickle at all (ignored for ``.npz``).

    Returns
    -------
    TargetSentimentModel

    Warns
    -----
    UserWarning
        On every load of a pickle: a pickle runs code.

    Raises
    ------
    FileNotFoundError
        When ``path`` (or the JSON of an ``.npz``) does not exist.
    ValueError
        For a pickle without ``trusted=True`` (the file is not opened); for an ``.npz`` whose
        checksum does not match (a file changed after saving) or that is not a model; or
        when the model was saved by a version of :mod:`analysis.sentiment` whose features
        differ (:func:`features_version`: retrain it).
    TypeError
        When a pickle holds something other than a :class:`TargetSentimentModel`.

    Examples
    --------
    >>> model = load_model(SHIPPED_MODEL)  # the shipped model: arrays and JSON, no pickle
    >>> sorted(model.classes_)
    ['negative', 'neutral', 'positive']
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no saved sentiment model here (see train_model)")
    if path.suffix.lower() == ".npz":
        return _load_arrays_model(path)
    if trusted is not True:
        raise ValueError(f"{path}: not loaded: a saved model is a pickle, and reading a pickle "
                         "runs any code it holds; if you made this file or trust who did, "
                         "call load_model(path, trusted=True) (or save it as .npz, which "
                         "holds no code)")
    import joblib

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


_SHIPPED: dict = {}
_SHIPPED_LOCK = threading.Lock()


def shipped_model() -> TargetSentimentModel:
    """The model shipped in the package (:data:`SHIPPED_MODEL`), read once per process.

    Thread-safe: the first caller reads the file while others wait; every later call returns
    the same object. Trained by ``bench/train_sentiment_model.py --install`` on NewsMTSC's
    ``train.jsonl`` (Hamborg and Donnay 2021); ``model.training_`` says how.

    Raises
    ------
    FileNotFoundError, ValueError
        As :func:`load_model`: a missing file, a checksum mismatch, or a features version
        other than this code's (retrain with ``bench/train_sentiment_model.py --install``).

    Examples
    --------
    >>> shipped_model() is shipped_model()
    True
    """
    model = _SHIPPED.get("model")
    if model is None:
        with _SHIPPED_LOCK:
            model = _SHIPPED.get("model")
            if model is None:
                model = _SHIPPED["model"] = load_model(SHIPPED_MODEL)
    return model
