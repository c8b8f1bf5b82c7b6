"""The fits behind :mod:`analysis.topics`: the unit x term matrix, seeded NMF or LDA fits and
refits, the stability of their topics and the stability a null version of the units reaches.

Stability follows Greene, O'Callaghan and Cunningham (2014): each refit's topics are matched
one-to-one to the reference topics by the Hungarian algorithm on the cosine similarity of their
term vectors, and a topic's stability is its mean matched similarity (:func:`matched_stability`).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment

__all__ = ["against_null", "matched_stability", "null_stabilities", "pretokenized",
           "topic_fits", "unit_matrix", "weighted_counts"]


def pretokenized(tokens):
    """The vectorizer analyzer for documents given as token lists: the list itself.

    Module level, so vectorizers that use it stay picklable.

    Examples
    --------
    >>> pretokenized(["gas", "pipeline"])
    ['gas', 'pipeline']
    """
    return tokens


def unit_matrix(units: pd.DataFrame, *, method: str, min_df, max_df, with_counts: bool = False):
    """The sparse unit x term matrix a topic model is fitted on.

    Parameters
    ----------
    units : pandas.DataFrame
        A :func:`analysis.topics.topic_units` table (its ``tokens`` are read).
    method : {"nmf", "lda"}
        ``"nmf"``: sublinear TF-IDF with L2 rows; ``"lda"``: raw counts (its model is of
        counts).
    min_df, max_df : int or float
        Document-frequency bounds, as in :func:`analysis.topics.tfidf_topics`.
    with_counts : bool, default False
        Also return the pruned counts the matrix was weighted from (for the null model).

    Returns
    -------
    tuple
        ``(x, vocab)`` or, with ``with_counts``, ``(x, vocab, counts)``: ``x`` is CSR with
        sorted indices, ``vocab`` the terms of its columns.

    Raises
    ------
    ValueError
        No term is left after pruning.

    Examples
    --------
    >>> units = pd.DataFrame({"tokens": [["gas", "pipeline"], ["gas", "peace"]]})
    >>> x, vocab = unit_matrix(units, method="lda", min_df=1, max_df=1.0)
    >>> vocab.tolist(), x.toarray().tolist()
    (['gas', 'peace', 'pipeline'], [[1, 0, 1], [1, 1, 0]])
    """
    from sklearn.feature_extraction.text import CountVectorizer

    # Float counts for NMF, as TfidfVectorizer counts: the TF-IDF is then bit for bit its own.
    vec = CountVectorizer(analyzer=pretokenized, min_df=min_df, max_df=max_df,
                          dtype=np.float64 if method == "nmf" else np.int64)
    try:
        counts = vec.fit_transform(units["tokens"].tolist())
    except ValueError as err:  # sklearn: "After pruning, no terms remain"
        raise ValueError(f"no terms left for a topic model ({err}); lower min_df or add text") \
            from err
    if with_counts:
        return weighted_counts(counts, method=method), vec.get_feature_names_out(), counts
    return weighted_counts(counts, method=method), vec.get_feature_names_out()


def weighted_counts(counts, *, method: str):
    """The model's input from pruned unit x term counts.

    TfidfVectorizer is exactly float64 counts through this transformer.

    Parameters
    ----------
    counts : scipy.sparse matrix
        Units x terms counts (float64 for NMF).
    method : {"nmf", "lda"}
        ``"nmf"``: sublinear TF-IDF with L2 rows; ``"lda"``: the counts.

    Returns
    -------
    scipy.sparse.csr_matrix
        With sorted indices (the fits sort in place otherwise, which the read-only copies in
        pool workers cannot).

    Examples
    --------
    >>> from scipy import sparse
    >>> weighted_counts(sparse.csr_matrix([[1.0, 1.0]]), method="nmf").toarray().round(3)
    array([[0.707, 0.707]])
    """
    if method == "nmf":
        from sklearn.feature_extraction.text import TfidfTransformer

        counts = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    x = counts.tocsr()
    x.sort_indices()
    return x


def _fit(x, n_topics: int, method: str, seed: int, *, reference: bool, max_iter: int,
         nmf_tol: float):
    """Fit one model; return (unit x topic weights, topic x term distributions), both dense."""
    if max_iter is None:
        max_iter = 200 if method == "nmf" else 20
    if hasattr(x, "data") and not x.data.flags.writeable and not x.has_sorted_indices:
        # joblib hands large arrays to pool workers as read-only memory maps, which the fits
        # only read once the indices are sorted (they sort them in place otherwise); a copy
        # of a 50,000-article matrix would cost each worker a few hundred megabytes.
        x = x.copy()
    if method == "nmf":
        from sklearn.decomposition import NMF

        # The reference fit starts from NNDSVDa (deterministic, good optima). Refits start from
        # NNDSVDar (zeros filled at random, seeded): a plain random start mostly measures the
        # solver's local optima, while stability should measure dependence on the data.
        model = NMF(n_components=n_topics, init="nndsvda" if reference else "nndsvdar",
                    random_state=seed, max_iter=max_iter, tol=nmf_tol)
    else:
        from sklearn.decomposition import LatentDirichletAllocation

        model = LatentDirichletAllocation(n_components=n_topics, learning_method="batch",
                                          random_state=seed, max_iter=max_iter, n_jobs=1)
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits

    # One BLAS (and OpenMP) thread for every fit, wherever it runs: a threaded matrix product
    # splits its sums by the number of threads, which moves the last digits, and pool workers
    # get fewer threads than this process, so the weights would depend on n_jobs.
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        # scikit-learn's reconstruction_err_ (not used here) takes the square root of a
        # residual that rounds below zero when a matrix is factorised exactly
        warnings.filterwarnings("ignore", message="invalid value encountered in sqrt",
                                category=RuntimeWarning)
        doc_topic = model.fit_transform(x)
    comp = np.asarray(model.components_, dtype=float)
    mass = comp.sum(axis=1)
    mass[mass == 0] = 1.0
    # Scale so each topic's term vector sums to 1 while W @ H is unchanged.
    return doc_topic * mass, comp / mass[:, None]


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    na[na == 0] = 1.0
    nb[nb == 0] = 1.0
    return (a / na) @ (b / nb).T


def _refit(x, seed: int, *, n_topics: int, method: str, subsample: float, max_units,
           max_iter, nmf_tol: float) -> np.ndarray:
    """Topic x term distributions of one seeded refit on a subsample of the units."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    size = max(n_topics, int(round(subsample * n)))
    if max_units is not None:
        size = min(size, max(n_topics, int(max_units)))
    rows = np.sort(rng.choice(n, size=min(size, n), replace=False)) \
        if size < n else np.arange(n)
    return _fit(x[rows], n_topics, method, seed, reference=False, max_iter=max_iter,
                nmf_tol=nmf_tol)[1]


def topic_fits(x, *, n_topics: int, method: str, n_seeds: int, subsample: float,
               random_state: int, max_iter=None, nmf_tol: float = 3e-3,
               max_units: int | None = None, n_jobs: int | None = 1,
               min_units_parallel: int = 2000):
    """The reference fit and ``n_seeds`` seeded refits on subsamples of the units.

    The fits are independent (each is seeded; the refits are matched to the reference only
    afterwards), so on a large matrix all of them, the reference included, run in one process
    pool. Results do not depend on ``n_jobs``.

    Parameters
    ----------
    x : scipy.sparse.csr_matrix
        From :func:`unit_matrix`.
    n_topics, method, n_seeds, subsample, random_state, max_iter, nmf_tol, n_jobs
        As in :func:`analysis.topics.tfidf_topics`.
    max_units : int, optional
        At most this many units per refit (``max_refit_units`` of ``tfidf_topics``).
    min_units_parallel : int, default 2000
        Smaller matrices are fitted in this process.

    Returns
    -------
    tuple
        ``((doc_topic, comp), refits)``: the reference fit's unit x topic weights and topic x
        term distributions (rows sum to 1), and each refit's topic x term distributions.

    Examples
    --------
    >>> units = pd.DataFrame({"tokens": [["gas", "pipe"], ["gas", "pipe"], ["peace", "talk"],
    ...                                  ["peace", "talk"]]})
    >>> x, _ = unit_matrix(units, method="nmf", min_df=1, max_df=1.0)
    >>> (doc_topic, comp), refits = topic_fits(x, n_topics=2, method="nmf", n_seeds=2,
    ...                                        subsample=0.8, random_state=0)
    >>> doc_topic.shape, comp.shape, len(refits)
    ((4, 2), (2, 4), 2)
    """
    seeds = [random_state + 1 + i for i in range(max(0, n_seeds))]
    refit = partial(_refit, n_topics=n_topics, method=method, subsample=subsample,
                    max_units=max_units, max_iter=max_iter, nmf_tol=nmf_tol)
    reference = partial(_fit, n_topics=n_topics, method=method, seed=random_state,
                        reference=True, max_iter=max_iter, nmf_tol=nmf_tol)
    if n_jobs == 1 or not seeds or x.shape[0] < min_units_parallel:
        return reference(x), [refit(x, seed) for seed in seeds]
    from joblib import Parallel, delayed

    out = Parallel(n_jobs=-1 if n_jobs is None else n_jobs)(
        [delayed(reference)(x)] + [delayed(refit)(x, seed) for seed in seeds])
    return out[0], out[1:]


def matched_stability(reference: np.ndarray, comps: list) -> np.ndarray:
    """Each reference topic's stability: its mean Hungarian-matched cosine over the refits.

    Parameters
    ----------
    reference : numpy.ndarray
        Topic x term distributions of the reference fit.
    comps : list of numpy.ndarray
        The refits' topic x term distributions (:func:`topic_fits`).

    Returns
    -------
    numpy.ndarray
        One value in [0, 1] per reference topic; NaN without refits.

    Examples
    --------
    >>> ref = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> matched_stability(ref, [ref[::-1]]).tolist(), matched_stability(ref, []).tolist()
    ([1.0, 1.0], [nan, nan])
    """
    n_topics = reference.shape[0]
    if not comps:
        return np.full(n_topics, np.nan)
    scores = np.zeros((len(comps), n_topics))
    for i, comp in enumerate(comps):
        sim = _cosine(reference, comp)
        ref_idx, rep_idx = linear_sum_assignment(sim, maximize=True)
        scores[i, ref_idx] = sim[ref_idx, rep_idx]
    return scores.mean(axis=0)


def _null_counts(counts, rng: np.random.Generator):
    """The null version of a unit x term count matrix: every token of the corpus dealt out again
    at random, so each unit keeps its length and each term its corpus frequency (the
    vocabulary), while which words share a unit is pure chance."""
    # one canonical layout (summed duplicates, no stored zeros, sorted columns), so the same
    # counts give the same null whichever path built them
    counts = sparse.csr_matrix(counts, copy=True)
    counts.sum_duplicates()
    counts.eliminate_zeros()
    counts.sort_indices()
    lengths = np.asarray(counts.sum(axis=1)).ravel().astype(np.int64)
    coo = counts.tocoo()
    terms = np.repeat(coo.col, coo.data.astype(np.int64))
    rows = np.repeat(np.arange(counts.shape[0]), lengths)
    shuffled = rng.permutation(terms)
    null = sparse.csr_matrix((np.ones(len(rows), dtype=counts.dtype), (rows, shuffled)),
                             shape=counts.shape)
    null.sum_duplicates()
    return null


def null_stabilities(counts, *, n_topics: int, method: str, n_null: int, n_seeds: int,
                     subsample: float, random_state: int, max_iter=None, nmf_tol: float = 3e-3,
                     max_units=None, n_jobs=1) -> np.ndarray:
    """The stability chance alone reaches: the same fits on null versions of the units.

    In a null version every token of the corpus is dealt out again at random, so each unit
    keeps its length and each term its frequency, while which words share a unit is chance.

    Parameters
    ----------
    counts : scipy.sparse matrix
        The pruned unit x term counts (``unit_matrix(..., with_counts=True)``).
    n_null : int
        Null versions; 0 gives an empty array.
    n_topics, method, n_seeds, subsample, random_state, max_iter, nmf_tol, max_units, n_jobs
        As in :func:`topic_fits`.

    Returns
    -------
    numpy.ndarray
        The per-topic stabilities of every null fit, pooled (``n_null * n_topics`` values).

    Examples
    --------
    >>> from scipy import sparse
    >>> counts = sparse.csr_matrix(np.eye(4) + 1.0)
    >>> null_stabilities(counts, n_topics=2, method="nmf", n_null=2, n_seeds=2, subsample=0.8,
    ...                  random_state=0).shape
    (4,)
    """
    rng = np.random.default_rng([random_state, 1_000_003])
    out = []
    for i in range(n_null):
        x = weighted_counts(_null_counts(counts, rng), method=method)
        (_, comp), refits = topic_fits(x, n_topics=n_topics, method=method, n_seeds=n_seeds,
                                       subsample=subsample,
                                       random_state=random_state + 1_000 * (i + 1),
                                       max_iter=max_iter, nmf_tol=nmf_tol, max_units=max_units,
                                       n_jobs=n_jobs)
        out.append(matched_stability(comp, refits))
    return np.concatenate(out) if out else np.zeros(0)


def against_null(stability: np.ndarray, null: np.ndarray, *, min_stability: float,
                 min_corrected: float = 0.75):
    """Set the topics of one fit against the null: chance-corrected scores and flags.

    Above every null topic, not above a percentile of them: on noise the real fit's topics are
    exchangeable with the null fits' topics, so the chance that any of the ``k`` real topics
    beats all ``n_null * k`` null ones is ``1 / (n_null + 1)`` (a Monte Carlo test of the whole
    fit, 5 % for 19 null fits), while a per-topic 95th percentile would flag about ``k``
    times 5 % of noise fits.

    Parameters
    ----------
    stability : numpy.ndarray
        Per-topic stabilities (:func:`matched_stability`).
    null : numpy.ndarray
        From :func:`null_stabilities`.
    min_stability, min_corrected : float
        As in :func:`analysis.topics.tfidf_topics`.

    Returns
    -------
    tuple
        ``(null_stability, null_high, corrected, reproducible)``: the null topics' mean and
        largest stability, the chance-corrected score ``(stability - null) / (1 - null)``
        (0 = what noise gives, 1 = perfectly stable) and the flag: above every null topic,
        with a corrected score of at least ``min_corrected`` and a stability of at least
        ``min_stability``. NaN and False without a null.

    Examples
    --------
    >>> _, high, corrected, flags = against_null(np.array([0.9, 0.5]), np.array([0.5, 0.6]),
    ...                                          min_stability=0.6)
    >>> high, corrected.round(3).tolist(), flags.tolist()
    (0.6, [0.778, -0.111], [True, False])
    """
    if len(null) == 0 or not np.isfinite(null).any():
        nan = np.full(len(stability), np.nan)
        return np.nan, np.nan, nan, np.zeros(len(stability), dtype=bool)
    null_mean = float(np.nanmean(null))
    null_high = float(np.nanmax(null))
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = (stability - null_mean) / (1 - null_mean) if null_mean < 1 \
            else np.full(len(stability), np.nan)
    reproducible = ((stability > null_high) & (corrected >= min_corrected)
                    & (stability >= min_stability))
    return null_mean, null_high, corrected, reproducible
