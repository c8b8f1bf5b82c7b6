"""Term frequencies and keyness from sparse (group, term) counts summed over partitions."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import norm

from analysis import dates as _dates
from analysis import freq as _freq
from analysis import intervals as _intervals
from analysis import keyness as _keyness
from analysis.distributed.common import (
    check_frame,
    dask_modules,
    one_process,
    tree_combine,
)
from analysis.tokens import PHRASES, STOPWORDS

__all__ = ["keyness", "term_frequencies"]


_TERM_SUMS = ["count", "n_docs", "sum_sq", "sum_cross"]
_GROUP_SUMS = ["n_docs_group", "n_tokens", "sum_sq_tokens"]


# The one grouping column the sums below use when by= names several columns: their values
# joined by a separator no label holds (a control character).
_KEY, _SEP = "_group_key", "\x1f"


def _with_groups(part, *, by, dates, names):
    """One partition with the period columns ``by`` asks for and, for several names, the key."""
    part, _ = _dates.group_columns(part, by, dates=dates, warn=False)  # _warn_undated warns
    if len(names) > 1:
        key = part[names[0]].astype(str)
        for name in names[1:]:
            key = key + _SEP + part[name].astype(str)
        part = part.assign(**{_KEY: key})
    return part


def _grouped(ddf, by, dates):
    """``(ddf, key, names)``: the corpus with the columns of ``by`` (periods added per
    partition, as :func:`analysis.dates.group_columns` adds them) and the one column the
    sums group on."""
    names = [by] if isinstance(by, str) else list(by)
    periods = [n for n in names if n in _dates.PERIODS and n not in ddf.columns]
    if periods and dates is None and "date" not in ddf.columns:
        raise KeyError("by= names a period: the corpus needs a date column (or pass dates=)")
    check_frame(ddf, [n for n in names if n not in periods])
    if not periods and len(names) == 1:
        return ddf, names[0], names  # one column of the corpus: nothing to add per partition
    ddf = ddf.map_partitions(_with_groups, by=by, dates=dates, names=names)
    return ddf, (_KEY if len(names) > 1 else names[0]), names


def _warn_undated(groups, key, names) -> None:
    """The warning of :func:`analysis.dates.add_period`, once for the corpus."""
    periods = [n for n in names if n in _dates.PERIODS]
    if not periods:
        return
    labels = groups[key].astype(str)
    undated = labels.str.split(_SEP).map(lambda parts: _dates.UNDATED in parts)
    n_out, n_all = int(groups["n_docs_group"][undated].sum()), int(groups["n_docs_group"].sum())
    if n_out:
        warnings.warn(f"{n_out} of {n_all} articles have no date precise to the "
                      f"{'/'.join(periods)} ({_dates.UNDATED})", UserWarning, stacklevel=3)


def _split_key(table: pd.DataFrame, key: str, names: list) -> pd.DataFrame:
    """``table`` with the joined key back in its columns ``names``, in their place."""
    if key != _KEY:
        return table
    parts = table[key].astype(str).str.split(_SEP, expand=True) if len(table) else \
        pd.DataFrame(columns=range(len(names)))
    out = table.drop(columns=[key])
    for i, name in enumerate(names):
        out.insert(i, name, parts[i].to_numpy() if len(table) else pd.Series(dtype=object))
    return out


def _canonical(m) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m)
    m.sum_duplicates()
    m.eliminate_zeros()
    m.sort_indices()
    return m


def _partition_counts(part, *, by, options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sparse (group, term) sums of one partition, and its per-group sizes.

    Besides the count and the articles, each term keeps the sums of squared counts and of
    count x article length, and each group the sum of squared lengths: with them the
    variance of a group's rate over its articles is known without the articles themselves.
    """
    dtm = one_process(_freq.document_term_matrix)(part, group_columns=(by,), **options)
    names, row_group = np.unique(dtm.docs[by].astype(str).to_numpy(), return_inverse=True)
    n = dtm.n_tokens.astype(np.int64)
    member = sparse.csr_matrix((np.ones(len(row_group), dtype=np.int64),
                                (row_group, np.arange(len(row_group)))),
                               shape=(len(names), len(row_group)))
    c = dtm.counts.astype(np.int64)
    count = _canonical(member @ c)
    coo = count.tocoo()
    # same sparsity pattern as ``count`` (all entries positive), so data arrays align
    sums = {"count": count.data,
            "n_docs": _canonical(member @ (c > 0).astype(np.int64)).data,
            "sum_sq": _canonical(member @ c.multiply(c)).data,
            "sum_cross": _canonical(member @ sparse.diags(n, dtype=np.int64) @ c).data}
    terms = pd.DataFrame({by: names[coo.row], "term": dtm.terms[coo.col], **sums})
    groups = pd.DataFrame({by: names, "n_docs_group": np.bincount(row_group,
                                                                  minlength=len(names)),
                           "n_tokens": member @ n, "sum_sq_tokens": member @ (n * n)})
    return terms, groups


def _sum_counts(parts: list, *, by) -> tuple[pd.DataFrame, pd.DataFrame]:
    terms = [p[0] for p in parts]
    groups = [p[1] for p in parts]
    if not terms:
        return (pd.DataFrame(columns=[by, "term", *_TERM_SUMS]),
                pd.DataFrame(columns=[by, *_GROUP_SUMS]))
    t = pd.concat(terms, ignore_index=True).groupby([by, "term"], as_index=False,
                                                   sort=True)[_TERM_SUMS].sum()
    g = pd.concat(groups, ignore_index=True).groupby(by, as_index=False,
                                                    sort=True)[_GROUP_SUMS].sum()
    return t, g


def _group_term_counts(ddf, *, by, options):
    dask, _ = dask_modules()
    parts = [dask.delayed(_partition_counts)(p, by=by, options=options)
             for p in ddf.to_delayed()]

    def combine(items):
        return _sum_counts(items, by=by)

    (result,) = dask.compute(tree_combine(parts, combine))
    terms, groups = result
    terms = terms.astype({by: str, "term": str}).astype({c: "int64" for c in _TERM_SUMS})
    groups = groups.astype({by: str}).astype({c: "int64" for c in _GROUP_SUMS})
    # code-point order (as Python's sorted in document_term_matrix) for any string dtype
    terms = terms.sort_values([by, "term"], kind="stable")
    return terms.reset_index(drop=True), groups


def _partition_documents(part, *, by, groups, options):
    """Per-document sparse counts of the articles in ``groups`` (for exact bootstraps)."""
    part = part[part[by].astype(str).isin(groups)]
    dtm = one_process(_freq.document_term_matrix)(part, group_columns=(by,), **options)
    coo = dtm.counts.tocoo()
    docs = pd.DataFrame({by: dtm.docs[by].astype(str).to_numpy(), "n_tokens": dtm.n_tokens})
    cells = pd.DataFrame({"row": coo.row, "term": dtm.terms[coo.col], "count": coo.data})
    return docs, cells


def _document_matrices(ddf, *, by, groups, terms, options) -> dict:
    """Group -> (articles x group terms csr, n_tokens), articles in partition order."""
    dask, _ = dask_modules()
    if not groups:
        return {}
    parts = dask.compute(*[dask.delayed(_partition_documents)(p, by=by, groups=sorted(groups),
                                                              options=options)
                           for p in ddf.to_delayed()])
    docs, cells, offset = [], [], 0
    for d, c in parts:
        docs.append(d)
        cells.append(c.assign(row=c["row"] + offset))
        offset += len(d)
    docs = pd.concat(docs, ignore_index=True)
    cells = pd.concat(cells, ignore_index=True)
    local = docs.groupby(by, sort=False).cumcount().to_numpy()  # row within its group
    doc_rows = docs.groupby(by, sort=False).indices
    cell_rows = cells.groupby(docs[by].to_numpy()[cells["row"].to_numpy()],
                              sort=False).indices if len(cells) else {}
    out = {}
    for group in groups:
        rows = doc_rows.get(group, np.array([], dtype=np.int64))
        sub = cells.iloc[cell_rows.get(group, [])]
        vocab = terms[group]
        matrix = sparse.csr_matrix((sub["count"].to_numpy(dtype=np.int64),
                                    (local[sub["row"].to_numpy()],
                                     pd.Index(vocab).get_indexer(sub["term"]))),
                                   shape=(len(rows), len(vocab)))
        out[group] = (_canonical(matrix), docs["n_tokens"].to_numpy()[rows].astype(np.int64))
    return out


def _count_options(ngram_range, stopwords, lemmatize, text_column, phrases) -> dict:
    return {"ngram_range": tuple(ngram_range), "stopwords": stopwords, "lemmatize": lemmatize,
            "text_column": text_column, "phrases": phrases}


def _ratio_interval(count, sum_sq, sum_cross, n_tokens, sum_sq_tokens, alpha):
    """Normal interval for ``1000 * count / n_tokens`` with the article-level (cluster)
    variance of a ratio: the large-sample limit of the bootstrap over articles."""
    rate = count / n_tokens
    resid = np.maximum(sum_sq - 2 * rate * sum_cross + rate ** 2 * sum_sq_tokens, 0.0)
    half = norm.ppf(1 - alpha) * np.sqrt(resid) / n_tokens
    return 1000.0 * np.maximum(rate - half, 0.0), 1000.0 * (rate + half)


def _cluster_rate_from_sums(count, sum_sq, sum_cross, n_tokens, sum_sq_tokens, *, n_docs,
                            level, min_docs):
    """The policy interval of :func:`analysis.freq.cluster_rate` from a large group's sums.

    With thousands of articles every leverage ``h_g = x_g / X`` is tiny, so the CR2 factor
    ``1 / (1 - h_g)`` is 1 to within ``max h_g`` and the Bell-McCaffrey degrees of freedom are
    ``X**2 / sum x_g**2`` to the same order: both come from summed squares. Hall's skewness
    correction (it shifts the quantiles by about ``skew / sqrt(G)`` standard errors, under 1 %
    of the width past 10,000 articles for any skewness the seeds show) is left out: it would
    need summed cubes.
    """
    rate = count / n_tokens
    var = np.maximum(sum_sq - 2 * rate * sum_cross + rate ** 2 * sum_sq_tokens, 0.0)
    var = var / n_tokens ** 2 * 1e6  # per 1,000 tokens
    df = n_tokens ** 2 / sum_sq_tokens
    low, high, reason = _intervals.interval_from_variance(
        1000.0 * rate, var, df, np.full(len(rate), n_docs), level=level, min_units=min_docs,
        scale="log")
    return low, np.minimum(high, 1000.0), reason


def term_frequencies(ddf, *, by="source", dates: pd.DataFrame | None = None,
                     ngram_range: tuple[int, int] = (1, 1),
                     stopwords: frozenset[str] | None = STOPWORDS, lemmatize: bool = False,
                     min_count: int = 1, interval: str = "cluster",
                     min_docs: int = _intervals.MIN_UNITS, n_boot: int = 1000, ci: float = 0.95,
                     random_state: int = 0, text_column: str = "text", phrases=PHRASES,
                     max_boot_docs: int = 10_000) -> pd.DataFrame:
    """:func:`analysis.freq.term_frequencies` from counts summed over partitions.

    ``count``, ``n_tokens``, ``per_1k``, ``n_docs`` and ``n_docs_group`` come from per-partition
    sparse sums and equal the pandas values exactly. The intervals need a group's articles in
    one place: groups of at most ``max_boot_docs`` articles are gathered (a second pass over
    their articles only) and get exactly the pandas interval (for ``interval="bootstrap"``
    with the same seed, in partition order), so the table is identical to
    ``analysis.freq.term_frequencies(ddf.compute())``. Larger groups get the cluster-robust
    interval from summed squares (:func:`_cluster_rate_from_sums`: the CR2 factor and the
    degrees of freedom to within the largest article's share of the group's tokens); with
    ``interval="bootstrap"`` they get the normal interval of the same ratio and from the first
    such group on the pandas random stream is no longer followed, so later groups' bootstrap
    intervals differ from pandas too (still seeded and reproducible).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Cleaned corpus (:func:`clean_corpus`) with ``doc_id``, ``by`` and ``text_column``.
    by, dates, ngram_range, stopwords, lemmatize, min_count, interval, min_docs, n_boot, ci,
    random_state, text_column, phrases
        As in :func:`analysis.freq.term_frequencies`: ``by`` may name periods (``"month"``)
        and several columns; periods are added per partition from the ``date`` column (or
        ``dates=``, a pandas table of ``doc_id, date``).
    max_boot_docs : int, default 10_000
        Largest group whose articles are gathered for its interval.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.freq.term_frequencies`, in its order.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
    ...                   "text": ["EU EU US", "EU talks", "US"]})
    >>> tf = term_frequencies(dd.from_pandas(c, npartitions=2))
    >>> print(tf[["source", "term", "count", "per_1k", "n_docs"]].to_string(index=False))
    source  term  count  per_1k  n_docs
         X    EU      3   600.0       2
         X    US      1   200.0       1
         X talks      1   200.0       1
         Y    US      1  1000.0       1
    """
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    if interval not in ("cluster", "bootstrap"):
        raise ValueError(f"interval must be 'cluster' or 'bootstrap', got {interval!r}")
    check_frame(ddf, ["doc_id", text_column])
    ddf, by, names = _grouped(ddf, by, dates)
    options = _count_options(ngram_range, stopwords, lemmatize, text_column, phrases)
    terms, groups = _group_term_counts(ddf, by=by, options=options)
    _warn_undated(groups, by, names)
    by_group = dict(tuple(terms.groupby(by, sort=True)))
    vocab = {g: t["term"].to_numpy(dtype=object) for g, t in by_group.items()}
    kept = {g for g, t in by_group.items() if (t["count"] >= max(min_count, 1)).any()}
    if interval == "cluster":
        small = {g for g, k in zip(groups[by], groups["n_docs_group"])
                 if k <= max_boot_docs and g in kept}
    else:
        small = {g for g, k in zip(groups[by], groups["n_docs_group"])
                 if 1 < k <= max_boot_docs and g in kept} if n_boot > 0 else set()
    matrices = _document_matrices(ddf, by=by, groups=small, terms=vocab, options=options)
    rng = np.random.default_rng(random_state)
    alpha = (1 - ci) / 2
    frames = []
    empty = terms.iloc[:0]
    for group, n_docs_group, n_tokens, sum_sq_tokens in groups[[by, *_GROUP_SUMS]].itertuples(
            index=False):
        t = by_group.get(group, empty)

        def ci_of(keep, group=group, t=t, n_docs_group=n_docs_group, n_tokens=n_tokens,
                  sum_sq_tokens=sum_sq_tokens):
            if interval == "cluster":
                if group in matrices:
                    counts, lengths = matrices[group]
                    return _freq.cluster_rate(counts[:, keep], lengths, level=ci,
                                               min_docs=min_docs)
                sub = t.iloc[keep]
                return _cluster_rate_from_sums(
                    sub["count"].to_numpy(float), sub["sum_sq"].to_numpy(float),
                    sub["sum_cross"].to_numpy(float), float(n_tokens), float(sum_sq_tokens),
                    n_docs=int(n_docs_group), level=ci, min_docs=min_docs)
            if not (n_docs_group > 1 and len(keep) and n_boot > 0):
                return None
            if group in matrices:
                counts, lengths = matrices[group]
                return _freq.bootstrap_rate(counts[:, keep], lengths, n_boot=n_boot,
                                             alpha=alpha, rng=rng)
            sub = t.iloc[keep]
            return _ratio_interval(sub["count"].to_numpy(float), sub["sum_sq"].to_numpy(float),
                                   sub["sum_cross"].to_numpy(float), float(n_tokens),
                                   float(sum_sq_tokens), alpha)

        frames.append(_freq.group_frequencies(
            by, group, t["term"].to_numpy(dtype=object), t["count"].to_numpy(),
            t["n_docs"].to_numpy(), n_tokens=int(n_tokens), n_docs_group=int(n_docs_group),
            min_count=min_count, interval=ci_of))
    out = _split_key(_freq.concat_frequencies(frames, by=by), by, names)
    return _freq.concat_frequencies([out], by=names) if len(out) else \
        _freq.concat_frequencies([], by=names)


def keyness(ddf, *, by="source", dates: pd.DataFrame | None = None, min_count: int = 3,
            stopwords: frozenset[str] | None = STOPWORDS, ngram_range: tuple[int, int] = (1, 1),
            lemmatize: bool = False, smoothing: float = 0.5, min_docs: int = 2,
            min_tokens: int = 1000, max_size_ratio: float = 20.0,
            text_column: str = "text", phrases=PHRASES) -> pd.DataFrame:
    """:func:`analysis.keyness.keyness` from counts summed over partitions.

    Keyness needs only each group's term counts, articles per term and sizes, so the result
    (and its warnings) equals ``analysis.keyness.keyness(ddf.compute())`` exactly.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Cleaned corpus with ``doc_id``, ``by`` and ``text_column``.
    by, dates, min_count, stopwords, ngram_range, lemmatize, smoothing, min_docs, min_tokens,
    max_size_ratio, text_column, phrases
        As in :func:`analysis.keyness.keyness` (``by`` may name periods and several columns,
        as in :func:`term_frequencies`).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.keyness.keyness`, in its order.

    Warns
    -----
    analysis.keyness.KeynessWarning
        As :func:`analysis.keyness.keyness`.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                   "text": ["EU EU EU EU trade", "US US US US trade"]})
    >>> k = keyness(dd.from_pandas(c, npartitions=2), min_count=2, min_docs=1, min_tokens=1)
    >>> k[["source", "term", "log_ratio"]].values.tolist()[:2]
    [['X', 'EU', 3.0], ['X', 'trade', 0.0]]
    """
    check_frame(ddf, ["doc_id", text_column])
    ddf, by, columns = _grouped(ddf, by, dates)
    options = _count_options(ngram_range, stopwords, lemmatize, text_column, phrases)
    terms, groups = _group_term_counts(ddf, by=by, options=options)
    _warn_undated(groups, by, columns)
    keys = groups[by].tolist()
    names = keys if len(columns) == 1 else [tuple(k.split(_SEP)) for k in keys]
    vocab = sorted(set(terms["term"]))
    row = pd.Index(keys).get_indexer(terms[by])
    col = pd.Index(vocab).get_indexer(terms["term"])
    shape = (len(names), len(vocab))
    counts = sparse.csr_matrix((terms["count"].to_numpy(), (row, col)), shape=shape)
    docs = sparse.csr_matrix((terms["n_docs"].to_numpy(), (row, col)), shape=shape)
    return _keyness.keyness_table(
        names, np.array(vocab, dtype=object), counts, docs,
        n_tokens=groups["n_tokens"].tolist(), n_docs=groups["n_docs_group"].tolist(),
        by=columns if len(columns) > 1 else columns[0],
        min_count=min_count, smoothing=smoothing, min_docs=min_docs, min_tokens=min_tokens,
        max_size_ratio=max_size_ratio)
