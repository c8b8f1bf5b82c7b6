"""Cleaning partition by partition, with the lines each source repeats counted over the whole
corpus first."""

from __future__ import annotations

import pandas as pd

from analysis import clean as _clean
from analysis.distributed.common import (
    STR,
    check_frame,
    dask_modules,
    one_process,
)

__all__ = ["clean_corpus", "cleaning_audit", "line_counts"]


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
    check_frame(ddf, ["doc_id", "source", "raw_text"])
    meta = pd.DataFrame({"source": pd.Series(dtype=STR), "line": pd.Series(dtype=STR),
                         "n_docs": pd.Series(dtype="int64")})
    parts = ddf[["doc_id", "source", "raw_text"]].map_partitions(_clean.line_counts, meta=meta)
    # every distinct line of the archive: a large archive sums them in a shuffle across
    # workers (one output partition per 8 input ones), so only the lines kept reach here
    total = parts.groupby(["source", "line"]).agg({"n_docs": "sum"},
                                                  split_out=max(1, ddf.npartitions // 8))
    total = total[total["n_docs"] >= min_docs].compute().reset_index()
    total = total.astype({"source": STR, "line": STR, "n_docs": "int64"})
    return total.sort_values(["source", "line"], kind="stable").reset_index(drop=True)


def clean_corpus(ddf, *, prose_words: int = 10, long_words: int = 20,
                 short_penalty: float = 3.0, boiler_penalty: float = 12.0,
                 repeat_min_docs: int = 2):
    """:func:`analysis.clean.clean_corpus` on every partition, with corpus-wide evidence.

    The lines each source repeats are counted over the whole corpus first (one pass over
    ``raw_text``, :func:`line_counts`); only those held by ``repeat_min_docs`` articles or more
    travel to the workers, where each partition is cleaned with them.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        From :func:`read_corpus` (needs ``doc_id, source, raw_text``).
    prose_words, long_words, short_penalty, boiler_penalty, repeat_min_docs
        As in :func:`analysis.clean.clean_corpus`. Its ``evidence`` is what this function
        computes over the whole corpus, and its process options are Dask's to decide.

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
    dask, _ = dask_modules()
    check_frame(ddf, ["doc_id", "source", "raw_text"])
    options = {"prose_words": prose_words, "long_words": long_words,
               "short_penalty": short_penalty, "boiler_penalty": boiler_penalty}
    evidence = dask.delayed(line_counts(ddf, min_docs=repeat_min_docs))
    # title and date are rebuilt from Python strings, text is new
    meta = ddf._meta.assign(text=pd.Series(dtype=STR))
    for col in ("title", "date"):  # filled from Python strings, added at the end if missing
        meta[col] = pd.Series(dtype=STR)
    return ddf.map_partitions(one_process(_clean.clean_corpus), repeat_min_docs=repeat_min_docs,
                              evidence=evidence, meta=meta, **options)


def cleaning_audit(ddf, *, prose_words: int = 10, long_words: int = 20,
                   short_penalty: float = 3.0, boiler_penalty: float = 12.0,
                   repeat_min_docs: int = 2):
    """:func:`analysis.clean.cleaning_audit` on every partition, with corpus-wide evidence.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        As in :func:`clean_corpus`.
    prose_words, long_words, short_penalty, boiler_penalty, repeat_min_docs
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
    dask, _ = dask_modules()
    check_frame(ddf, ["doc_id", "source", "raw_text"])
    options = {"prose_words": prose_words, "long_words": long_words,
               "short_penalty": short_penalty, "boiler_penalty": boiler_penalty}
    evidence = dask.delayed(line_counts(ddf, min_docs=repeat_min_docs))
    meta = pd.DataFrame({"doc_id": pd.Series(dtype=STR), "source": pd.Series(dtype=STR),
                         "line_no": pd.Series(dtype="int64"), "line": pd.Series(dtype=STR),
                         "reason": pd.Series(dtype=STR)})
    return ddf.map_partitions(_audit_partition, repeat_min_docs=repeat_min_docs,
                              evidence=evidence, meta=meta, options=options)


def _audit_partition(part, *, repeat_min_docs, evidence, options):
    out = one_process(_clean.cleaning_audit)(part, repeat_min_docs=repeat_min_docs,
                                              evidence=evidence, **options)
    return out.astype({"doc_id": STR, "source": STR, "line": STR, "reason": STR})
