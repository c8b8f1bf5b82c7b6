"""The same analysis over a Dask DataFrame: millions of articles, partition by partition.

Needs the optional extra ``pip install .[dask]``. Each function mirrors the pandas function of
the same name and reuses it: per-document work (cleaning, counting, sentiment) runs on each
partition, and whatever needs the whole corpus is combined from partial counts:

* :func:`clean_corpus` and :func:`cleaning_audit` first add up, over all partitions, the lines
  each source repeats across its articles (:func:`analysis.clean.line_counts`), then clean each
  partition with that evidence, so a repeated line is caught even when its copies sit in
  different partitions;
* :func:`term_frequencies` and :func:`keyness` sum each partition's sparse (group, term) counts
  (in a tree of partial sums, never a documents x terms matrix) and apply the maths of
  :mod:`analysis.freq` and :mod:`analysis.keyness` to the sums;
* :func:`target_sentiment` scores each partition; :func:`sentiment_by_source` gathers the
  score rows (a few per article) and summarises them with
  :func:`analysis.sentiment.sentiment_by_source`;
* :func:`sentences` and :func:`kwic` split and search each partition; :func:`collocations`
  adds up each partition's window and group counts (a tree of partial sums) and applies the
  association measures of :mod:`analysis.context` to the sums.

For a Dask DataFrame ``ddf`` each result equals the pandas function applied to
``ddf.compute()``, exactly (same rows, same floats), with one documented exception: the
intervals of :func:`term_frequencies` for a group of more than ``max_boot_docs`` articles.
Work runs wherever Dask runs it: on the scheduler of an active ``dask.distributed.Client``
(a local cluster or ``Client("tcp://scheduler:8786")``), otherwise on local threads. Files
must be readable by every worker (a shared disk).
"""

from __future__ import annotations

import glob as _glob
import inspect
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import norm

from analysis import clean as _clean
from analysis import context as _context
from analysis import freq as _freq
from analysis import intervals as _intervals
from analysis import keyness as _keyness
from analysis import sentiment as _sentiment
from analysis import tokens as _tokens
from analysis.corpus import COLUMNS, CorpusError, check_ids, load_corpus
from analysis.errors import check_columns
from analysis.tokens import PHRASES, STOPWORDS

__all__ = ["clean_corpus", "cleaning_audit", "collocations", "keyness", "kwic", "line_counts",
           "read_corpus", "sentences", "sentiment_by_source", "target_sentiment",
           "term_frequencies"]

_TABLE_SUFFIXES = (".parquet", ".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".json")
_STR = pd.Series(["x"]).dtype  # the dtype pandas gives a column of Python strings


def _dask():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - the extra is in .[dev]
        raise ImportError("analysis.distributed needs Dask: pip install 'analysis[dask]'"
                          " (or pip install 'dask[dataframe,distributed]')") from None
    return dask, dd


def _one_process(func):
    """``func`` with ``n_jobs=1, progress=False`` where it takes them: a Dask worker is already
    one of many, so a stage must not start its own process pool or draw a bar in it."""
    params = inspect.signature(func).parameters
    fixed = {k: v for k, v in (("n_jobs", 1), ("progress", False)) if k in params}
    return partial(func, **fixed) if fixed else func


# --------------------------------------------------------------------------------------------
# reading


def _files(path) -> list[Path]:
    if isinstance(path, (list, tuple)):
        files = [Path(p) for p in path]
    elif Path(path).is_dir():
        files = sorted(p for p in Path(path).iterdir()
                       if p.is_file() and p.name.lower().endswith(_TABLE_SUFFIXES))
    elif any(ch in str(path) for ch in "*?["):
        files = [Path(p) for p in sorted(_glob.glob(str(path)))]
    else:
        files = [Path(path)]
    if not files:
        raise CorpusError(f"{path}: no corpus files (.parquet, .csv, .jsonl, .json) found")
    for file in files:
        if not file.is_file():
            raise CorpusError(f"{file}: no such file")
        if not file.name.lower().endswith(_TABLE_SUFFIXES):
            raise CorpusError(f"{file}: unsupported corpus file type; read_corpus takes table"
                              " files (.parquet, .csv, .jsonl, .json), one partition each")
    return files


def _file_ids(file: str, fallback: str | None) -> pd.DataFrame:
    """``doc_id`` of one file, checked as :func:`analysis.corpus.load_corpus` checks them."""
    if file.lower().endswith(".parquet"):  # only the id columns are read
        import pyarrow.parquet as pq

        names = pq.read_schema(file).names
        missing = [c for c in ("doc_id", "source", "text") if c not in names]
        if missing:
            raise CorpusError(f"{file}: missing required column(s) {', '.join(missing)}"
                              f" (found: {', '.join(names) or 'none'})")
        table = pd.read_parquet(file, columns=["doc_id", "source"])
        for col in ("doc_id", "source"):
            table[col] = table[col].map(lambda v: "" if v is None or v != v else str(v))
        check_ids(table, Path(file))
    else:
        table = _one_process(load_corpus)(file, fallback_encoding=fallback)
    return pd.DataFrame({"doc_id": table["doc_id"].astype(str), "file": file})


def read_corpus(path, *, fallback_encoding: str | None = None, check: bool = True):
    """Read a corpus stored as many table files into a Dask DataFrame, one partition a file.

    Parameters
    ----------
    path : str, Path or list of them
        A folder of table files, a glob (``"archive/*.parquet"``) or a list of files; each
        file is a ``.parquet``, ``.csv``, ``.jsonl`` or ``.json`` table as
        :func:`analysis.corpus.load_corpus` reads it (at least ``doc_id, source, text``).
        Partitions follow the sorted file names (a list: its order). Every worker must be
        able to read the files. A file is one partition: split a huge file in several.
    fallback_encoding : str, optional
        As in :func:`analysis.corpus.load_corpus`.
    check : bool, default True
        Read every file's ids now, on the workers, and raise on missing columns, empty
        ``doc_id`` or ``source``, and ``doc_id`` repeated within or across files. A Parquet
        file gives only its ``doc_id, source`` columns for this, and its remaining checks
        (empty text) run when its partition is computed; other formats are read and checked
        whole.

    Returns
    -------
    dask.dataframe.DataFrame
        The columns of :func:`analysis.corpus.load_corpus` (``doc_id, source, date, title, url,
        language, raw_text, encoding, normalized, outside_text``), with pandas' dtypes; each
        partition is one file sorted by ``doc_id`` (the whole is not re-sorted: that would
        shuffle every article).

    Raises
    ------
    CorpusError
        No files, unsupported files, or (with ``check``) a bad ``doc_id`` or missing column,
        naming the file(s).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for i, src in enumerate(["X", "Y"]):
    ...     pd.DataFrame({"doc_id": [f"{src}1", f"{src}2"], "source": src,
    ...                   "text": ["EU talks.", "US talks."]}).to_parquet(folder / f"{i}.parquet")
    >>> ddf = read_corpus(folder / "*.parquet")
    >>> ddf.npartitions, ddf.compute()["doc_id"].tolist()
    (2, ['X1', 'X2', 'Y1', 'Y2'])
    """
    dask, dd = _dask()
    files = [str(f) for f in _files(path)]
    meta = pd.DataFrame({c: pd.Series(dtype=_STR) for c in COLUMNS})
    with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' own dtypes
        ddf = dd.from_map(_one_process(load_corpus), files,
                          fallback_encoding=fallback_encoding, meta=meta,
                          divisions=[None] * (len(files) + 1), enforce_metadata=False)
        if check:
            ids = dd.from_map(_file_ids, files, fallback=fallback_encoding,
                              meta=pd.DataFrame({"doc_id": pd.Series(dtype=_STR),
                                                 "file": pd.Series(dtype=_STR)}),
                              enforce_metadata=False)
            sizes = ids.groupby("doc_id").size()
            dup = sorted(sizes[sizes > 1].index.compute().tolist())
            if dup:
                where = ids[ids["doc_id"].isin(dup[:5])].compute()
                named = "; ".join(f"{d} ({', '.join(sorted(set(g['file'])))})"
                                  for d, g in where.groupby("doc_id", sort=True))
                raise CorpusError(f"{len(dup)} duplicate doc_id across files: {named}")
    return ddf


def _check(ddf, columns) -> None:
    _, dd = _dask()
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, got {type(ddf).__name__}; use the pandas"
                        " functions of the same name for a pandas DataFrame")
    check_columns(ddf, columns, what="the dask DataFrame")


def _tree(parts: list, combine, *, fan_in: int = 8):
    """Combine delayed partial results ``fan_in`` at a time, so no task holds them all."""
    dask, _ = _dask()
    while True:
        parts = [dask.delayed(combine)(parts[i:i + fan_in])
                 for i in range(0, max(len(parts), 1), fan_in)]
        if len(parts) == 1:
            return parts[0]


# --------------------------------------------------------------------------------------------
# cleaning


def line_counts(ddf, *, min_docs: int = 1) -> pd.DataFrame:
    """Add up :func:`analysis.clean.line_counts` over all partitions.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        At least ``doc_id, source, raw_text``.
    min_docs : int, default 1
        Keep lines held by at least this many articles of their source (``2`` keeps only the
        evidence cleaning uses, usually a small table).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, line, n_docs``, sorted by ``source, line``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": "X",
    ...                   "raw_text": ["Share:\\nTalks.", "Share\\nDeal."]})
    >>> line_counts(dd.from_pandas(c, npartitions=2), min_docs=2).values.tolist()
    [['X', 'share', 2]]
    """
    _check(ddf, ["doc_id", "source", "raw_text"])
    meta = pd.DataFrame({"source": pd.Series(dtype=_STR), "line": pd.Series(dtype=_STR),
                         "n_docs": pd.Series(dtype="int64")})
    parts = ddf[["doc_id", "source", "raw_text"]].map_partitions(_clean.line_counts, meta=meta)
    # every distinct line of the archive: a large archive sums them in a shuffle across
    # workers (one output partition per 8 input ones), so only the lines kept reach here
    total = parts.groupby(["source", "line"]).agg({"n_docs": "sum"},
                                                  split_out=max(1, ddf.npartitions // 8))
    total = total[total["n_docs"] >= min_docs].compute().reset_index()
    total = total.astype({"source": _STR, "line": _STR, "n_docs": "int64"})
    return total.sort_values(["source", "line"], kind="stable").reset_index(drop=True)


def _clean_options(options: dict) -> dict:
    unknown = set(options) - {"prose_words", "long_words", "short_penalty", "boiler_penalty"}
    if unknown:
        raise TypeError(f"unexpected option(s) {', '.join(sorted(unknown))}")
    return options


def clean_corpus(ddf, *, repeat_min_docs: int = 2, **options):
    """:func:`analysis.clean.clean_corpus` on every partition, with corpus-wide evidence.

    The lines each source repeats are counted over the whole corpus first (one pass over
    ``raw_text``, :func:`line_counts`); only those held by ``repeat_min_docs`` articles or more
    travel to the workers, where each partition is cleaned with them.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        From :func:`read_corpus` (needs ``doc_id, source, raw_text``).
    repeat_min_docs : int, default 2
        As in :func:`analysis.clean.line_audit`.
    **options
        ``prose_words``, ``long_words``, ``short_penalty``, ``boiler_penalty`` as in
        :func:`analysis.clean.strip_boilerplate`.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; the columns of :func:`analysis.clean.clean_corpus` (``text`` added, ``title``
        and ``date`` filled). Computed, it equals ``analysis.clean.clean_corpus(ddf.compute())``.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": "X",
    ...                   "raw_text": ["Baku Daily\\nThe ministers met in Baku to sign it.",
    ...                                "Baku Daily\\nThe leaders met in Paris to sign it."]})
    >>> out = clean_corpus(dd.from_pandas(c, npartitions=2), prose_words=5).compute()
    >>> out["text"].tolist()
    ['The ministers met in Baku to sign it.', 'The leaders met in Paris to sign it.']
    """
    dask, _ = _dask()
    _check(ddf, ["doc_id", "source", "raw_text"])
    options = _clean_options(options)
    evidence = dask.delayed(line_counts(ddf, min_docs=repeat_min_docs))
    # title and date are rebuilt from Python strings, text is new
    meta = ddf._meta.assign(text=pd.Series(dtype=_STR))
    for col in ("title", "date"):  # filled from Python strings, added at the end if missing
        meta[col] = pd.Series(dtype=_STR)
    return ddf.map_partitions(_one_process(_clean.clean_corpus), repeat_min_docs=repeat_min_docs,
                              evidence=evidence, meta=meta, **options)


def cleaning_audit(ddf, *, repeat_min_docs: int = 2, **options):
    """:func:`analysis.clean.cleaning_audit` on every partition, with corpus-wide evidence.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        As in :func:`clean_corpus`.
    repeat_min_docs, **options
        As in :func:`clean_corpus`.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; columns ``doc_id, source, line_no, line, reason``, one row per removed line,
        partition by partition (sorted by ``doc_id, line_no`` within each).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "raw_text": ["Views: 44\\nThe minister met his counterpart today."]})
    >>> audit = cleaning_audit(dd.from_pandas(c, npartitions=1), prose_words=5).compute()
    >>> audit[["line", "reason"]].values.tolist()
    [['Views: 44', 'counter']]
    """
    dask, _ = _dask()
    _check(ddf, ["doc_id", "source", "raw_text"])
    options = _clean_options(options)
    evidence = dask.delayed(line_counts(ddf, min_docs=repeat_min_docs))
    meta = pd.DataFrame({"doc_id": pd.Series(dtype=_STR), "source": pd.Series(dtype=_STR),
                         "line_no": pd.Series(dtype="int64"), "line": pd.Series(dtype=_STR),
                         "reason": pd.Series(dtype=_STR)})
    return ddf.map_partitions(_audit_partition, repeat_min_docs=repeat_min_docs,
                              evidence=evidence, meta=meta, options=options)


def _audit_partition(part, *, repeat_min_docs, evidence, options):
    out = _one_process(_clean.cleaning_audit)(part, repeat_min_docs=repeat_min_docs,
                                              evidence=evidence, **options)
    return out.astype({"doc_id": _STR, "source": _STR, "line": _STR, "reason": _STR})


# --------------------------------------------------------------------------------------------
# term counts


_TERM_SUMS = ["count", "n_docs", "sum_sq", "sum_cross"]
_GROUP_SUMS = ["n_docs_group", "n_tokens", "sum_sq_tokens"]


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
    dtm = _one_process(_freq.document_term_matrix)(part, group_columns=(by,), **options)
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
    dask, _ = _dask()
    parts = [dask.delayed(_partition_counts)(p, by=by, options=options)
             for p in ddf.to_delayed()]

    def combine(items):
        return _sum_counts(items, by=by)

    (result,) = dask.compute(_tree(parts, combine))
    terms, groups = result
    terms = terms.astype({by: str, "term": str}).astype({c: "int64" for c in _TERM_SUMS})
    groups = groups.astype({by: str}).astype({c: "int64" for c in _GROUP_SUMS})
    # code-point order (as Python's sorted in document_term_matrix) for any string dtype
    terms = terms.sort_values([by, "term"], kind="stable")
    return terms.reset_index(drop=True), groups


def _partition_documents(part, *, by, groups, options):
    """Per-document sparse counts of the articles in ``groups`` (for exact bootstraps)."""
    part = part[part[by].astype(str).isin(groups)]
    dtm = _one_process(_freq.document_term_matrix)(part, group_columns=(by,), **options)
    coo = dtm.counts.tocoo()
    docs = pd.DataFrame({by: dtm.docs[by].astype(str).to_numpy(), "n_tokens": dtm.n_tokens})
    cells = pd.DataFrame({"row": coo.row, "term": dtm.terms[coo.col], "count": coo.data})
    return docs, cells


def _document_matrices(ddf, *, by, groups, terms, options) -> dict:
    """Group -> (articles x group terms csr, n_tokens), articles in partition order."""
    dask, _ = _dask()
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


def term_frequencies(ddf, *, by: str = "source", ngram_range: tuple[int, int] = (1, 1),
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
    by, ngram_range, stopwords, lemmatize, min_count, interval, min_docs, n_boot, ci,
    random_state, text_column, phrases
        As in :func:`analysis.freq.term_frequencies`.
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
    _check(ddf, ["doc_id", by, text_column])
    options = _count_options(ngram_range, stopwords, lemmatize, text_column, phrases)
    terms, groups = _group_term_counts(ddf, by=by, options=options)
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
    return _freq.concat_frequencies(frames, by=by)


def keyness(ddf, *, by: str = "source", min_count: int = 3,
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
    by, min_count, stopwords, ngram_range, lemmatize, smoothing, min_docs, min_tokens,
    max_size_ratio, text_column, phrases
        As in :func:`analysis.keyness.keyness`.

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
    _check(ddf, ["doc_id", by, text_column])
    options = _count_options(ngram_range, stopwords, lemmatize, text_column, phrases)
    terms, groups = _group_term_counts(ddf, by=by, options=options)
    names = groups[by].tolist()
    vocab = sorted(set(terms["term"]))
    row = pd.Index(names).get_indexer(terms[by])
    col = pd.Index(vocab).get_indexer(terms["term"])
    shape = (len(names), len(vocab))
    counts = sparse.csr_matrix((terms["count"].to_numpy(), (row, col)), shape=shape)
    docs = sparse.csr_matrix((terms["n_docs"].to_numpy(), (row, col)), shape=shape)
    return _keyness.keyness_table(
        names, np.array(vocab, dtype=object), counts, docs,
        n_tokens=groups["n_tokens"].tolist(), n_docs=groups["n_docs_group"].tolist(), by=by,
        min_count=min_count, smoothing=smoothing, min_docs=min_docs, min_tokens=min_tokens,
        max_size_ratio=max_size_ratio)


# --------------------------------------------------------------------------------------------
# sentiment


_SCORE_DTYPES = {"doc_id": _STR, "source": _STR, "sent_id": "int64", "sentence": _STR,
                 "target": _STR, "alias": _STR, "actor": _STR, "n_mentions": "int64",
                 "start": "int64", "end": "int64", "score": "float64", "label": _STR,
                 "words": _STR, "rule": _STR}


def _score_partition(part, **options):
    out = _one_process(_sentiment.target_sentiment)(part, **options)
    return out.astype({c: _SCORE_DTYPES[c] for c in out.columns})


def target_sentiment(ddf, *, method="vader", aliases=None, text_column: str = "text",
                     include_venues: bool = False, **options):
    """:func:`analysis.sentiment.target_sentiment` on every partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Cleaned corpus with ``doc_id``, ``source`` and ``text_column``.
    method, aliases, text_column, include_venues, **options
        As in :func:`analysis.sentiment.target_sentiment`; a trained model (or its path) is
        sent to every worker.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; the columns of :func:`analysis.sentiment.target_sentiment`, sorted by ``doc_id,
        sent_id, target`` within each partition (globally once computed and sorted).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "text": ["Europe is hopelessly behind the U.S."]})
    >>> target_sentiment(dd.from_pandas(c, npartitions=1)).compute()[["target", "label"]]\\
    ...     .values.tolist()
    [['EU', 'negative'], ['US', 'positive']]
    """
    _check(ddf, ["doc_id", "source", text_column])
    method = _sentiment.check_method(method)  # a bad method fails here, not per partition
    meta = pd.DataFrame({c: pd.Series(dtype=d) for c, d in _SCORE_DTYPES.items()})
    return ddf.map_partitions(_score_partition, method=method, aliases=aliases,
                              text_column=text_column, include_venues=include_venues,
                              meta=meta, **options)


def sentiment_by_source(scores, **options) -> pd.DataFrame:
    """:func:`analysis.sentiment.sentiment_by_source` over gathered score rows.

    Only ``doc_id, sent_id, source, target, score, label`` are gathered (a few short rows per
    article), put in the pandas order (``doc_id, sent_id, target``), and summarised, so the
    result equals the pandas function on the pandas scores exactly, intervals included.

    Parameters
    ----------
    scores : dask.dataframe.DataFrame or pandas.DataFrame
        From :func:`target_sentiment`.
    **options
        As in :func:`analysis.sentiment.sentiment_by_source` (``sources``, ``targets``,
        ``n_boot``, ``level``, ``random_state``).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.sentiment.sentiment_by_source`.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
    ...                   "source": ["X", "X", "Y"], "target": ["EU", "EU", "US"],
    ...                   "score": [0.5, -0.1, 0.2],
    ...                   "label": ["positive", "negative", "positive"]})
    >>> t = sentiment_by_source(dd.from_pandas(s, npartitions=2), targets=["EU", "US"])
    >>> t[["source", "target", "n_sentences", "mean"]].values.tolist()
    [['X', 'EU', 2, 0.2], ['X', 'US', 0, nan], ['Y', 'EU', 0, nan], ['Y', 'US', 1, 0.2]]
    """
    columns = ["doc_id", "sent_id", "source", "target", "score", "label"]
    if not isinstance(scores, pd.DataFrame):
        _check(scores, columns)
        scores = scores[columns].compute()
    scores = scores.sort_values(["doc_id", "sent_id", "target"], kind="stable")
    return _sentiment.sentiment_by_source(scores.reset_index(drop=True), **options)



# --------------------------------------------------------------------------------------------
# sentences and terms in context

_SENTENCE_DTYPES = {"doc_id": _STR, "source": _STR, "sent_id": "int64", "sentence": _STR,
                    "start": "int64", "end": "int64"}


def _typed(func, dtypes: dict):
    """``func`` whose table is cast to ``dtypes`` (an empty partition gives object columns)."""
    def run(part, *args, **options):
        out = func(part, *args, **options)
        return out.astype({c: d for c, d in dtypes.items() if c in out.columns})
    return run


def sentences(ddf, *, text_column: str = "text"):
    """:func:`analysis.tokens.sentences` on every partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Corpus with ``doc_id``, ``source`` and ``text_column``.
    text_column : str, default "text"
        Column to split.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; the columns of :func:`analysis.tokens.sentences` (``sent_id`` counts within each
        article, so it does not depend on the partitioning).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "text": ["One. Two.", "Three."]})
    >>> sentences(dd.from_pandas(c, npartitions=2)).compute()["sentence"].tolist()
    ['One.', 'Two.', 'Three.']
    """
    _check(ddf, ["doc_id", "source", text_column])
    meta = pd.DataFrame({c: pd.Series(dtype=d) for c, d in _SENTENCE_DTYPES.items()})
    split = _typed(_one_process(_tokens.sentences), _SENTENCE_DTYPES)
    return ddf[["doc_id", "source", text_column]].map_partitions(
        split, text_column=text_column, meta=meta)


def kwic(ddf, pattern, *, window: int = 8, by: str = "source", text_column: str = "text"):
    """:func:`analysis.context.kwic` on every partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Cleaned corpus with ``doc_id``, ``source``, ``by`` and ``text_column``.
    pattern, window, by, text_column
        As in :func:`analysis.context.kwic`.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; the columns of :func:`analysis.context.kwic`, sorted within each partition
        (sort the computed table by group, ``doc_id``, ``sent_id``, ``start``, ``target`` for
        the pandas order).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["The EU met. Talks."]})
    >>> kwic(dd.from_pandas(c, npartitions=1), "EU").compute()[["left", "match"]].values.tolist()
    [['The', 'EU']]
    """
    _context.check_kwic(window)
    keys = _context.group_keys(by)
    _check(ddf, list(dict.fromkeys(["doc_id", "source", by, text_column])))
    aliases = _context.target_aliases(pattern)  # resolved once here, not once per partition
    ids = [c for c in ["doc_id", "sent_id"] if c not in keys]
    dtypes = {k: ddf[k].dtype if k != "source" else _STR for k in keys}
    dtypes |= {"doc_id": _STR, "sent_id": "int64", "target": _STR, "left": _STR,
               "match": _STR, "right": _STR, "start": "int64", "end": "int64"}
    columns = keys + ids + ["target", "left", "match", "right", "start", "end"]
    meta = pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})
    search = _typed(_one_process(_context.kwic), dtypes)
    return ddf.map_partitions(search, aliases, window=window, by=by, text_column=text_column,
                              meta=meta)


def _partition_windows(part, *, count, keys, text_column):
    articles = _context.collocation_articles(part, keys, text_column)
    return count(list(articles.itertuples(index=False, name=None)))


def collocations(ddf, target, *, window: int = 5, by: str = "source", min_count: int = 2,
                 measure: str = "llr", lemmatize: bool = False,
                 stopwords: frozenset[str] | None = STOPWORDS, phrases=PHRASES,
                 text_column: str = "text") -> pd.DataFrame:
    """:func:`analysis.context.collocations` from counts summed over all partitions.

    Each partition counts the terms in the windows around the target's mentions and in its
    groups' text; the counts are added up in a tree and the association measures applied to
    the sums, so the table equals the pandas function on ``ddf.compute()``.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Cleaned corpus with ``doc_id``, ``source``, ``by`` and ``text_column``.
    target, window, by, min_count, measure, lemmatize, stopwords, phrases, text_column
        As in :func:`analysis.context.collocations`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.context.collocations`.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "text": [
    ...     "EU sanctions hit Russia. Markets rose.", "EU sanctions expire. Markets fell."]})
    >>> collocations(dd.from_pandas(c, npartitions=2), "EU", window=1)[["term", "count"]]\\
    ...     .values.tolist()
    [['sanctions', 2]]
    """
    _context.check_collocations(measure, window)
    dask, _ = _dask()
    _check(ddf, list(dict.fromkeys(["doc_id", "source", by, text_column])))
    keys = _context.group_keys(by)
    count = _context.collocation_counter(target, window=window, lemmatize=lemmatize,
                                          stopwords=stopwords, phrases=phrases)
    parts = [dask.delayed(_partition_windows)(part, count=count, keys=keys,
                                              text_column=text_column)
             for part in ddf.to_delayed()]
    windows = _tree(parts, _context.merge_windows).compute() if parts else {}
    return _context.collocation_table(windows, keys, min_count=min_count, measure=measure)
