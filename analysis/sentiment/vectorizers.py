"""scikit-learn's TF-IDF and dict vectorizers with a faster ``transform`` that gives the same
matrices, for the learned model read from its ``.npz`` file
(:func:`~analysis.sentiment.model.load_model`).

scikit-learn counts a document's terms in a Python dict per document before it builds the
sparse matrix; here every document's columns go to one flat list and scipy sums the repeats
(``sum_duplicates``) in C. The counts are whole numbers, so their sums are exact; the TF-IDF
weighting and the row normalisation are scikit-learn's own (:class:`TfidfTransformer`), so
the matrices are equal bit for bit, and so are the model's scores (a test compares them with
scikit-learn's ``transform``). Fitting is scikit-learn's, unchanged.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn import get_config
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

__all__ = ["CountingDictVectorizer", "CountingTfidfVectorizer"]


def _index_array(values: list) -> np.ndarray:
    # scikit-learn's index type: 32-bit unless the matrix needs more
    big = len(values) and max(len(values), max(values)) > np.iinfo(np.int32).max
    return np.asarray(values, dtype=np.int64 if big else np.int32)


def _as_configured(X):
    """``X`` (CSR) in the sparse interface scikit-learn is set to return, converted as
    scikit-learn converts it."""
    if get_config().get("sparse_interface", "spmatrix") == "sparray":
        return X if isinstance(X, sp.sparray) else sp.csr_array(X)
    return X if sp.isspmatrix(X) else sp.csr_matrix(X)


class CountingTfidfVectorizer(TfidfVectorizer):
    """:class:`~sklearn.feature_extraction.text.TfidfVectorizer` whose ``transform`` counts
    terms in flat lists (same matrix, faster); settings it does not handle go to scikit-learn.

    Examples
    --------
    >>> v = CountingTfidfVectorizer(token_pattern=r"\\S+").fit(["a b b", "b c"])
    >>> got, want = v.transform(["b b a", "c d"]), TfidfVectorizer.transform(v, ["b b a", "c d"])
    >>> bool((got != want).nnz == 0), np.array_equal(got.data, want.data)
    (True, True)
    """

    def transform(self, raw_documents):
        if isinstance(raw_documents, str) or self.binary or not self.use_idf \
                or not hasattr(self, "idf_"):
            return super().transform(raw_documents)  # refuses a string, as scikit-learn does
        analyze, column = self.build_analyzer(), self.vocabulary_.get
        indices, indptr = [], [0]
        for doc in raw_documents:
            indices += [j for j in map(column, analyze(doc)) if j is not None]
            indptr.append(len(indices))
        counts = sp.csr_matrix((np.ones(len(indices), dtype=self.dtype), _index_array(indices),
                                _index_array(indptr)),
                               shape=(len(indptr) - 1, len(self.vocabulary_)))
        counts.sum_duplicates()  # a term's repeats in a document become its count
        weights = TfidfTransformer(norm=self.norm, use_idf=True, smooth_idf=self.smooth_idf,
                                   sublinear_tf=self.sublinear_tf)
        weights.idf_ = self.idf_
        return _as_configured(weights.transform(counts, copy=False))


class CountingDictVectorizer(DictVectorizer):
    """:class:`~sklearn.feature_extraction.DictVectorizer` whose ``transform`` of dicts of
    numbers builds the matrix from flat lists (same matrix, faster); anything else (string or
    iterable values, dense output) goes to scikit-learn.

    Examples
    --------
    >>> v = CountingDictVectorizer().fit([{"a": 1.0, "b": 0.5}])
    >>> v.transform([{"b": 2.0, "c": 1.0, "a": 0.25}]).toarray().tolist()
    [[0.25, 2.0]]
    """

    def transform(self, X):
        X = [X] if isinstance(X, dict) else list(X)
        if not self.sparse or not X or not hasattr(self, "vocabulary_"):
            return super().transform(X)
        column = self.vocabulary_.get
        indices, values, indptr = [], [], [0]
        for x in X:
            for f, v in x.items():
                if type(v) is not float and type(v) is not int:  # a string, a list, ...
                    return super().transform(X)
                j = column(f)
                if j is not None:
                    indices.append(j)
                    values.append(v)
            indptr.append(len(indices))
        # the arrays scikit-learn hands scipy (C ints, a list), so scipy picks the same types
        matrix = sp.csr_array((np.asarray(values, dtype=self.dtype),
                               np.asarray(indices, dtype=np.intc), indptr),
                              shape=(len(indptr) - 1, len(self.vocabulary_)), dtype=self.dtype)
        matrix.sort_indices()  # a dict names each column at most once: nothing to sum
        return _as_configured(matrix)
