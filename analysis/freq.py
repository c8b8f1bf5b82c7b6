"""Term frequencies per source (or any grouping column), with intervals over articles.

Intervals follow the one policy of :mod:`analysis.intervals` (the article is the unit; no
interval below :data:`analysis.intervals.MIN_UNITS` articles, with a ``reason``).

Counting goes through one sparse document-term matrix (:func:`document_term_matrix`), shared
with :mod:`analysis.keyness`, so nothing dense of size documents x vocabulary is ever built.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd
from scipy import sparse

from analysis import intervals as _intervals
from analysis.dates import PERIODS, group_columns
from analysis.errors import check_columns
from analysis.options import resolve_options
from analysis.parallel import document_parallel_options, map_chunks
from analysis.tokens import (
    PHRASES,
    STOPWORDS,
    compile_phrases,
    join_phrases,
    stopwords_for,
    tokenize,
)

__all__ = ["DocumentTermMatrix", "as_document_term_matrix", "bootstrap_rate", "cluster_rate",
           "concat_frequencies", "document_term_matrix", "group_frequencies", "group_keys",
           "term_frequencies"]


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Sparse counts with their row and column labels.

    Attributes
    ----------
    counts : scipy.sparse.csr_matrix
        Documents x terms, integer counts.
    terms : numpy.ndarray
        Term for each column, sorted.
    n_tokens : numpy.ndarray
        Word tokens per document, stopwords included (the ``per_1k`` denominator).
    docs : pandas.DataFrame
        ``doc_id`` and the grouping columns for each row, in corpus order.
    options : dict
        The counting options it was built with (``ngram_range``, ``stopwords``,
        ``lemmatize``, ``phrases``), so a later stage can tell whether it can reuse the counts.
    """

    counts: sparse.csr_matrix
    terms: np.ndarray
    n_tokens: np.ndarray
    docs: pd.DataFrame
    options: dict = field(default_factory=dict, compare=False)


def _ngrams(tokens: list[str], ngram_range: tuple[int, int], stopwords) -> list[str]:
    lo, hi = ngram_range
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:  # the common case, without building one-word lists
            grams += [t for t in tokens if t not in stopwords] if stopwords else tokens
            continue
        for i in range(len(tokens) - n + 1):
            gram = tokens[i:i + n]
            # An n-gram that starts or ends with a stopword is noise ("of the", "the US");
            # inner stopwords are kept ("secretary of state").
            if stopwords and (gram[0] in stopwords or gram[-1] in stopwords):
                continue
            grams.append(" ".join(gram))
    return grams


@document_parallel_options
def document_term_matrix(corpus: pd.DataFrame, *, ngram_range: tuple[int, int] = (1, 1),
                         stopwords: frozenset[str] | None = STOPWORDS, lemmatize: bool = False,
                         text_column: str = "text", phrases=PHRASES,
                         group_columns: tuple[str, ...] = ("source",), n_jobs: int | None = None,
                         min_docs_parallel: int | None = None,
                         progress: bool | None = None) -> DocumentTermMatrix:
    """Count terms per document into a sparse matrix.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, the ``group_columns`` and ``text_column``; a ``language`` column
        picks each article's tokenizer rules, stopwords and lemmas
        (:func:`analysis.tokens.tokenize`), English without one.
    ngram_range : (int, int), default (1, 1)
        Smallest and largest n-gram length, in tokens. N-grams never cross a line break and are
        dropped when they start or end with a stopword.
    stopwords : frozenset of str or None, default :data:`analysis.tokens.STOPWORDS`
        Terms not counted; ``None`` counts every token. The default stands for each
        article's language's list (:func:`analysis.tokens.stopwords_for`).
    lemmatize : bool, default False
        Count ``simplemma`` lemmas instead of word forms.
    text_column : str, default "text"
        Column to count (the cleaned body).
    phrases : sequence of str, default :data:`analysis.tokens.PHRASES`
        Multi-word names counted as one term ("united states"); ``()`` disables.
    group_columns : tuple of str, default ("source",)
        Columns carried along in ``docs``.
    {parallel_options}

    Returns
    -------
    DocumentTermMatrix

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                   "text": ["EU and US", "the US, the US"]})
    >>> dtm = document_term_matrix(c)
    >>> list(dtm.terms), dtm.counts.toarray().tolist(), dtm.n_tokens.tolist()
    (['EU', 'US'], [[1, 1], [0, 2]], [3, 4])
    """
    _require(corpus, ["doc_id", text_column, *group_columns])
    count = partial(_count_chunk, ngram_range=tuple(ngram_range), stopwords=stopwords,
                    lemmatize=lemmatize, table=compile_phrases(phrases))
    items = corpus[[text_column, "language"]] if "language" in corpus else corpus[text_column]
    chunks = map_chunks(count, items, n_jobs=n_jobs,
                        min_docs=min_docs_parallel, progress=progress, desc="counting terms")
    # Each chunk comes with its own vocabulary; its column ids are mapped to global ones.
    vocab: dict[str, int] = {}
    indptr, indices, values, n_tokens = [np.zeros(1, dtype=np.int64)], [], [], []
    offset = 0
    for chunk_terms, chunk_indptr, chunk_indices, chunk_values, chunk_tokens in chunks:
        remap = np.fromiter((vocab.setdefault(t, len(vocab)) for t in chunk_terms),
                            dtype=np.int64, count=len(chunk_terms))
        indices.append(remap[chunk_indices])
        values.append(chunk_values)
        indptr.append(chunk_indptr[1:] + offset)
        offset += len(chunk_indices)
        n_tokens.append(chunk_tokens)
    del chunks
    shape = (len(corpus), len(vocab))
    cat = np.concatenate
    counts = sparse.csr_matrix((cat(values) if values else np.zeros(0, dtype=np.int64),
                                cat(indices) if indices else np.zeros(0, dtype=np.int64),
                                cat(indptr)), shape=shape)
    n_tokens = cat(n_tokens) if n_tokens else np.zeros(0, dtype=np.int64)
    terms = np.array(sorted(vocab), dtype=object)
    order = np.array([vocab[t] for t in terms], dtype=np.int64)
    counts = counts[:, order] if len(order) else counts
    counts.sort_indices()
    docs = corpus[["doc_id", *group_columns]].reset_index(drop=True)
    options = {"ngram_range": tuple(ngram_range), "stopwords": stopwords,
               "lemmatize": lemmatize, "phrases": tuple(phrases)}
    return DocumentTermMatrix(counts.tocsr(), terms, np.asarray(n_tokens, dtype=np.int64), docs,
                              options)


def as_document_term_matrix(corpus, *, by="source", dates: pd.DataFrame | None = None,
                            **options) -> DocumentTermMatrix:
    """Return ``corpus`` if it is already a :class:`DocumentTermMatrix`, else count it.

    A matrix passed in is used as built (its counting options win over ``options``); it must
    carry the grouping columns of ``by``, or ``by`` names a period (``"month"``) that is
    derived from ``dates`` (the corpus), or from the ``date`` column of a corpus
    (:func:`analysis.dates.group_columns`).

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                   "date": ["2025-12-23", "2024"], "text": ["EU", "US"]})
    >>> dtm = as_document_term_matrix(c, by="source")
    >>> as_document_term_matrix(dtm, by=["source", "year"], dates=c).docs["year"].tolist()
    ['2025', '2024']
    """
    from dataclasses import replace

    names = [by] if isinstance(by, str) else list(by)
    if isinstance(corpus, DocumentTermMatrix):
        plain = [n for n in names if n not in corpus.docs.columns and n not in PERIODS]
        if plain:
            raise KeyError(f"the document-term matrix has no column {plain[0]!r}; build it with "
                           f"document_term_matrix(corpus, group_columns=({plain[0]!r},))")
        if all(n in corpus.docs.columns for n in names):
            return corpus
        if dates is None:
            raise KeyError(f"by={by!r} names a period: pass dates=<the corpus> with a document-"
                           "term matrix (its docs carry no dates)")
        docs, _ = group_columns(corpus.docs, names, dates=dates, stacklevel=3)
        return replace(corpus, docs=docs)
    _require(corpus, ["doc_id"])
    corpus, names = group_columns(corpus, names, dates=dates, stacklevel=3)
    return document_term_matrix(corpus, group_columns=tuple(names), **options)


def group_keys(docs: pd.DataFrame, by) -> tuple[list[str], np.ndarray, list[tuple]]:
    """The grouping columns, each row's group number, and the sorted groups (tuples).

    Shared by :func:`term_frequencies` and :func:`analysis.keyness.keyness`.

    Examples
    --------
    >>> d = pd.DataFrame({"source": ["Y", "X", "Y"], "year": ["2025", "2025", "2024"]})
    >>> group_keys(d, ["source", "year"])[1:]
    (array([2, 0, 1]), [('X', '2025'), ('Y', '2024'), ('Y', '2025')])
    """
    columns = [by] if isinstance(by, str) else list(by)
    keys = pd.MultiIndex.from_arrays([docs[c].astype(str).to_numpy() for c in columns])
    codes, uniques = pd.factorize(keys, sort=True)
    return columns, np.asarray(codes), [tuple(u) for u in uniques]


def _count_chunk(texts, **options) -> tuple:
    """Counts of consecutive articles as a small CSR block over the chunk's own vocabulary:
    ``(terms, indptr, indices, values, n_tokens)``, cheap to send back from a worker."""
    vocab: dict[str, int] = {}
    indptr, indices, values, n_tokens = [0], [], [], []
    for item in texts:
        if isinstance(item, tuple):  # (text, language)
            row, total = _count_document(item[0], language=item[1], **options)
        else:
            row, total = _count_document(item, **options)
        indices += [vocab.setdefault(g, len(vocab)) for g in row]
        values += row.values()
        indptr.append(len(indices))
        n_tokens.append(total)
    return (list(vocab), np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
            np.asarray(values, dtype=np.int64), np.asarray(n_tokens, dtype=np.int64))


def _count_document(text, *, ngram_range, stopwords, lemmatize, table,
                    language: str = "en") -> tuple[Counter, int]:
    """Term counts of one article and its word tokens (the ``per_1k`` denominator)."""
    grams: list[str] = []
    total = 0
    if language != "en":
        stopwords = stopwords_for(stopwords, language)
    for line in str(text).split("\n"):
        toks = tokenize(line, lemmatize=lemmatize, language=language)
        total += len(toks)  # the per_1k denominator counts words, before phrase joining
        grams += _ngrams(join_phrases(toks, table), ngram_range, stopwords)
    return Counter(grams), total


def _require(corpus: pd.DataFrame, columns) -> None:
    check_columns(corpus, columns,
                  hint="run clean_corpus(load_corpus()) first or pass text_column=")


def term_frequencies(corpus: pd.DataFrame, *, by="source",
                     dates: pd.DataFrame | None = None, ngram_range: tuple[int, int] = (1, 1),
                     stopwords: frozenset[str] | None = STOPWORDS, lemmatize: bool = False,
                     min_count: int = 1, interval: str = "cluster",
                     min_docs: int = _intervals.MIN_UNITS, n_boot: int = 1000,
                     ci: float = 0.95, random_state: int = 0, text_column: str = "text",
                     phrases=PHRASES, n_jobs: int | None = None,
                     min_nnz_parallel: int = 1_000_000) -> pd.DataFrame:
    """Count each term per group, per 1,000 tokens, with an interval over articles.

    Parameters
    ----------
    corpus : pandas.DataFrame or DocumentTermMatrix
        Cleaned corpus with ``doc_id``, ``by`` and ``text_column``, or the matrix
        :func:`document_term_matrix` built from one (counted once, shared with
        :func:`analysis.keyness.keyness`; its counting options are then the ones used).
    by : str or list of str, default "source"
        Grouping column, or a period (``"month"``, ``"year"``, any of
        :data:`analysis.dates.PERIODS`) taken from the corpus's ``date``, or a list of both
        (``["source", "month"]``: one group per outlet and month). Articles whose date is
        unknown or coarser than the period form the group ``"undated"`` (with a warning),
        never dropped. A name that is a column is that column.
    dates : pandas.DataFrame, optional
        The corpus (``doc_id, date``), when ``corpus`` is a matrix and ``by`` names a period.
    ngram_range : (int, int), default (1, 1)
        N-gram lengths in tokens (see :func:`document_term_matrix`).
    stopwords : frozenset of str or None
        Terms not counted (they still count in the ``per_1k`` denominator).
    lemmatize : bool, default False
        Count lemmas instead of word forms.
    min_count : int, default 1
        Keep terms occurring at least this often within the group.
    interval : {"cluster", "bootstrap"}, default "cluster"
        ``"cluster"``: the policy of :mod:`analysis.intervals`, the cluster-robust interval of
        the ratio count / tokens with articles as clusters (CR2 variance, Bell-McCaffrey t,
        on the log scale so it stays positive); no interval below ``min_docs`` articles or when
        every article has the same rate. ``"bootstrap"``: the former percentile bootstrap over
        articles (it covers about 0.83 at 5 articles instead of 0.95; ``bench/coverage.py``).
    min_docs : int, default :data:`analysis.intervals.MIN_UNITS` (3)
        Fewest articles in a group for a ``"cluster"`` interval.
    n_boot : int, default 1000
        Bootstrap resamples of the group's articles (``interval="bootstrap"`` only).
    ci : float, default 0.95
        Nominal coverage of the interval.
    random_state : int, default 0
        Seed of the bootstrap; results are identical for the same seed.
    text_column : str, default "text"
        Column to count.
    phrases : sequence of str, default :data:`analysis.tokens.PHRASES`
        Multi-word names counted as one term.
    n_jobs : int, optional
        Threads computing the groups' intervals (numpy and scipy release the GIL); ``None``
        takes the current option (:mod:`analysis.options`; every core unless changed). The
        table is identical for any value: every resample is drawn before, in group order.
    min_nnz_parallel : int, default 1000000
        Smaller matrices (non-zero counts) run on one thread.

    Returns
    -------
    pandas.DataFrame
        One row per (group, term): the ``by`` column(s), ``term, count, n_tokens`` (word
        tokens in the group,
        stopwords included), ``per_1k`` (count per 1,000 of those tokens), ``n_docs``
        (articles carrying the term), ``n_docs_group``, ``ci_low, ci_high`` (the interval for
        ``per_1k``, see ``interval``) and ``reason``: why the interval is empty (NaN), e.g.
        ``"2 articles: no interval"``, or ``""``. Sorted by group, then ``count``
        descending, then term.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
    ...                   "text": ["EU EU US", "EU talks", "US"]})
    >>> tf = term_frequencies(c)
    >>> print(tf[["source", "term", "count", "per_1k", "n_docs", "reason"]].to_string(index=False))
    source  term  count  per_1k  n_docs                  reason
         X    EU      3   600.0       2 2 articles: no interval
         X    US      1   200.0       1 2 articles: no interval
         X talks      1   200.0       1 2 articles: no interval
         Y    US      1  1000.0       1  1 article: no interval
    """
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    if interval not in ("cluster", "bootstrap"):
        raise ValueError(f"interval must be 'cluster' or 'bootstrap', got {interval!r}")
    n_jobs = resolve_options(n_jobs=n_jobs).n_jobs
    dtm = as_document_term_matrix(corpus, by=by, dates=dates, ngram_range=ngram_range,
                                  stopwords=stopwords, lemmatize=lemmatize,
                                  text_column=text_column, phrases=phrases)
    rng = np.random.default_rng(random_state)
    alpha = (1 - ci) / 2
    by, codes, names = group_keys(dtm.docs, by)

    def tasks():
        # Each group's resamples are drawn here, in group order, so the intervals do not
        # depend on which thread computes them; a group is prepared only when a thread is
        # free for it, so at most one resample matrix per thread is held at once.
        for number, group in enumerate(names):
            rows = np.flatnonzero(codes == number)
            sub = dtm.counts[rows]
            count = np.asarray(sub.sum(axis=0)).ravel()
            weights = _resample_weights(rng, len(rows), n_boot) \
                if (interval == "bootstrap" and len(rows) > 1 and n_boot > 0
                    and (count >= max(min_count, 1)).any()) else None
            yield group, rows, sub, count, weights

    def frame(task):
        group, rows, sub, count, weights = task

        def ci_of(keep):
            if interval == "cluster":
                return cluster_rate(sub[:, keep], dtm.n_tokens[rows], level=ci,
                                     min_docs=min_docs)
            if weights is None:
                return None
            return bootstrap_rate(sub[:, keep], dtm.n_tokens[rows], alpha=alpha,
                                   weights=weights)

        return group_frequencies(
            by, group, dtm.terms, count, np.asarray((sub > 0).sum(axis=0)).ravel(),
            n_tokens=int(dtm.n_tokens[rows].sum()), n_docs_group=len(rows),
            min_count=min_count, interval=ci_of)

    # numpy and scipy's sparse products release the GIL: groups run on threads, in order.
    n_threads = (os.cpu_count() or 1) if n_jobs in (None, -1) else n_jobs
    if n_threads > 1 and dtm.counts.nnz >= min_nnz_parallel:
        frames = _thread_map(frame, tasks(), n_threads)
    else:
        frames = [frame(task) for task in tasks()]
    return concat_frequencies(frames, by=by)


def _thread_map(func, tasks, n_threads: int) -> list:
    """``[func(t) for t in tasks]`` on ``n_threads`` threads, in order; the next task is
    taken from ``tasks`` (in this thread) only once a thread is free for it."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    futures, pending, done = [], set(), object()
    tasks = iter(tasks)
    with ThreadPoolExecutor(n_threads) as pool:
        while True:
            if len(pending) >= n_threads:
                pending = wait(pending, return_when=FIRST_COMPLETED).not_done
            task = next(tasks, done)
            if task is done:
                break
            futures.append(pool.submit(func, task))
            pending.add(futures[-1])
    return [f.result() for f in futures]


def _resample_weights(rng: np.random.Generator, k: int, n_boot: int) -> np.ndarray:
    """(n_boot x k) float matrix: how often each of ``n_boot`` resamples drew each of ``k``
    rows, from one ``rng.integers(0, k, size=(n_boot, k))`` draw (flat indices counted in one
    bincount, in place, so the draw and the counts are never held beside two more copies)."""
    draws = rng.integers(0, k, size=(n_boot, k))
    draws += (np.arange(n_boot) * k)[:, None]
    counts = np.bincount(draws.ravel(), minlength=n_boot * k)
    del draws
    return counts.reshape(n_boot, k).astype(float)


_FREQUENCY_COLUMNS = ["term", "count", "n_tokens", "per_1k", "n_docs", "n_docs_group", "ci_low",
                     "ci_high", "reason"]


def cluster_rate(counts, n_tokens, *, level: float, min_docs: int):
    """The cluster-robust interval of ``per_1k`` for each term of one group.

    Used by :func:`term_frequencies` and by :mod:`analysis.distributed` on gathered groups.

    Parameters
    ----------
    counts : scipy.sparse matrix or numpy.ndarray
        One group's articles x terms counts.
    n_tokens : array-like
        Word tokens per article (the rows of ``counts``).
    level : float
        Confidence level, e.g. 0.95.
    min_docs : int
        Fewest articles for an interval (fewer: NaN with a reason).

    Returns
    -------
    tuple of numpy.ndarray
        ``(ci_low, ci_high, reason)`` per term, per 1,000 tokens (see
        :func:`analysis.intervals.ratio_intervals_matrix`); ``ci_high`` is at most 1,000.

    Examples
    --------
    >>> low, high, reason = cluster_rate(np.array([[1], [0]]), [10, 10], level=0.95,
    ...                                  min_docs=3)
    >>> bool(np.isnan(low[0])), reason[0] != ""
    (True, True)
    """
    _, low, high, reason, _ = _intervals.ratio_intervals_matrix(
        counts, np.asarray(n_tokens, dtype=float) / 1000.0, level=level, min_units=min_docs,
        scale="log")
    # a rate cannot pass 1,000 per 1,000 tokens; with three articles and a rare term the
    # log-scale interval can
    return low, np.minimum(high, 1000.0), reason


def group_frequencies(by: str, group: str, terms, count, n_docs, *, n_tokens: int,
                      n_docs_group: int, min_count: int = 1, interval=None) -> pd.DataFrame:
    """One group's rows of :func:`term_frequencies` from its summed term counts.

    Used by :func:`term_frequencies` and by :mod:`analysis.distributed`, which sums the counts
    over partitions first, so both compute ``per_1k`` and filter terms the same way.

    Parameters
    ----------
    by, group : str, or list of str and tuple
        Grouping column(s) and this group's value(s).
    terms, count, n_docs : array-like
        Aligned: each term, its count in the group and the group's articles carrying it.
    n_tokens : int
        Word tokens in the group (the ``per_1k`` denominator).
    n_docs_group : int
        Articles in the group.
    min_count : int, default 1
        Keep terms counted at least this often (and at least once).
    interval : callable, optional
        Called with the kept positions, returns ``(ci_low, ci_high)`` or
        ``(ci_low, ci_high, reason)`` arrays, or ``None`` (no interval: NaN).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`term_frequencies`, terms in input order.

    Examples
    --------
    >>> group_frequencies("source", "X", ["EU", "US"], [3, 0], [2, 0], n_tokens=5,
    ...                   n_docs_group=2)[["term", "count", "per_1k"]].values.tolist()
    [['EU', 3, 600.0]]
    """
    terms, count, n_docs = np.asarray(terms, dtype=object), np.asarray(count), np.asarray(n_docs)
    keep = np.flatnonzero(count >= max(min_count, 1))
    per_1k = count[keep] * 1000.0 / n_tokens if n_tokens else np.full(len(keep), np.nan)
    found = interval(keep) if interval is not None else None
    low, high = found[:2] if found is not None else (np.full(len(keep), np.nan),) * 2
    if found is not None and len(found) == 3:
        reason = found[2]
    else:  # the bootstrap gives an interval from 2 articles on
        reason = np.where(np.isnan(np.asarray(low, dtype=float)),
                          _intervals.no_interval_reason(n_docs_group, min_units=2)
                          or "no interval", "")
    keys = dict(zip(by, group)) if not isinstance(by, str) else {by: group}
    return pd.DataFrame({
        **keys, "term": terms[keep], "count": count[keep], "n_tokens": n_tokens,
        "per_1k": per_1k, "n_docs": n_docs[keep], "n_docs_group": n_docs_group,
        "ci_low": low, "ci_high": high, "reason": np.asarray(reason, dtype=object),
    })


def concat_frequencies(frames: list[pd.DataFrame], *, by: str) -> pd.DataFrame:
    """Stack :func:`group_frequencies` tables in the order and columns of :func:`term_frequencies`.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Tables of :func:`group_frequencies`.
    by : str or list of str
        The grouping column(s).

    Returns
    -------
    pandas.DataFrame
        Sorted by group, ``count`` (descending), ``term``.

    Examples
    --------
    >>> concat_frequencies([], by="source").columns.tolist()[:3]
    ['source', 'term', 'count']
    """
    by = [by] if isinstance(by, str) else list(by)
    columns = [*by, *_FREQUENCY_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["term"] = out["term"].astype(str)
    out = out.sort_values([*by, "count", "term"], ascending=[True] * len(by) + [False, True],
                          kind="stable")
    return out.reset_index(drop=True)[columns]


def bootstrap_rate(counts: sparse.csr_matrix, n_tokens: np.ndarray, *, alpha: float,
                    n_boot: int | None = None, rng: np.random.Generator | None = None,
                    weights: np.ndarray | None = None, chunk: int = 4096):
    """Percentile bootstrap interval of ``1000 * sum(counts) / sum(tokens)`` for each term.

    Resamples are drawn once as a (n_boot x n_docs) weight matrix (``weights``, or drawn here
    from ``rng``), so each term column sees the same resamples; columns are processed in
    chunks to bound memory at n_boot x chunk.

    Parameters
    ----------
    counts : scipy.sparse.csr_matrix
        One group's articles x terms counts.
    n_tokens : numpy.ndarray
        Word tokens per article.
    alpha : float
        Tail probability on each side (0.025 for a 95 % interval).
    n_boot : int, optional
        Resamples (with ``rng``; not needed when ``weights`` is given).
    rng : numpy.random.Generator, optional
        Draws the resamples when ``weights`` is not given.
    weights : numpy.ndarray, optional
        (n_boot x n_docs) times each article is drawn in each resample.
    chunk : int, default 4096
        Term columns per block.

    Returns
    -------
    tuple of numpy.ndarray
        ``(ci_low, ci_high)`` per term, per 1,000 tokens; NaN when every resample is empty.

    Examples
    --------
    >>> from scipy import sparse
    >>> low, high = bootstrap_rate(sparse.csr_matrix([[2], [2]]), np.array([10, 10]),
    ...                            alpha=0.025, n_boot=20, rng=np.random.default_rng(0))
    >>> low.tolist(), high.tolist()
    ([200.0], [200.0])
    """
    if weights is None:
        weights = _resample_weights(rng, counts.shape[0], n_boot)
    denom = weights @ n_tokens.astype(float)
    # A resample of only empty articles has no rate; it drops out of every column alike, so
    # dropping those rows once equals a per-column nanquantile, at a fraction of the cost.
    valid = denom != 0
    if not valid.all():
        weights, denom = weights[valid], denom[valid]
    low = np.full(counts.shape[1], np.nan)
    high = np.full(counts.shape[1], np.nan)
    if not valid.any():
        return low, high
    # Terms with the same column (same articles, same counts: most rare terms of an archive)
    # have the same resampled rates bit for bit, so each distinct column is bootstrapped once.
    csc = counts.tocsc()
    csc.sort_indices()
    ptr = csc.indptr
    first: dict[tuple[bytes, bytes], int] = {}
    inverse = np.fromiter(
        (first.setdefault((csc.indices[a:b].tobytes(), csc.data[a:b].tobytes()), len(first))
         for a, b in zip(ptr[:-1].tolist(), ptr[1:].tolist())),
        dtype=np.int64, count=csc.shape[1])
    keep = np.unique(inverse, return_index=True)[1]  # first column of each distinct one
    csc = csc[:, keep]
    # Counts and resample weights are whole numbers, so every product and partial sum below is
    # a whole number: float32 holds them exactly up to 2**24 and halves the memory traffic of
    # the sparse product (its cost), giving the same sums bit for bit.
    exact32 = (np.array_equal(csc.data, np.round(csc.data))
               and np.array_equal(weights, np.round(weights))
               and float(np.asarray(abs(csc).sum(axis=0)).max(initial=0))
               * float(np.abs(weights).max(initial=0)) < 2 ** 24)
    dtype = np.float32 if exact32 else np.float64
    csc = csc.astype(dtype)
    resampled = np.ascontiguousarray(weights.T, dtype=dtype)  # articles x n_boot
    low_u = np.empty(csc.shape[1])
    high_u = np.empty(csc.shape[1])
    for start in range(0, csc.shape[1], chunk):
        block = np.asarray(csc[:, start:start + chunk].T @ resampled, dtype=np.float64)
        rates = 1000.0 * block / denom  # chunk x n_boot
        low_u[start:start + chunk], high_u[start:start + chunk] = np.quantile(
            rates, [alpha, 1 - alpha], axis=1)
    return low_u[inverse], high_u[inverse]
