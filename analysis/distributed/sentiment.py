"""Target sentiment scored per partition; the per-source summary from gathered score rows."""

from __future__ import annotations

import pandas as pd

from analysis import sentiment as _sentiment
from analysis.distributed.common import (
    STR,
    check_frame,
    one_process,
)

__all__ = ["sentiment_by_source", "target_sentiment"]


_SCORE_DTYPES = {"doc_id": STR, "source": STR, "sent_id": "int64", "sentence": STR,
                 "target": STR, "alias": STR, "actor": STR, "n_mentions": "int64",
                 "start": "int64", "end": "int64", "score": "float64", "label": STR,
                 "words": STR, "rule": STR}


def _score_partition(part, **options):
    out = one_process(_sentiment.target_sentiment)(part, **options)
    return out.astype({c: _SCORE_DTYPES[c] for c in out.columns})


def target_sentiment(ddf, *, method=_sentiment.DEFAULT_METHOD, aliases=None,
                     text_column: str = "text",
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
    check_frame(ddf, ["doc_id", "source", text_column])
    method = _sentiment.check_method(method)  # a bad method fails here, not per partition
    meta = pd.DataFrame({c: pd.Series(dtype=d) for c, d in _SCORE_DTYPES.items()})
    return ddf.map_partitions(_score_partition, method=method, aliases=aliases,
                              text_column=text_column, include_venues=include_venues,
                              meta=meta, **options)


def sentiment_by_source(scores, *, by="source", dates: pd.DataFrame | None = None,
                        sources=None, targets=None, unit: str = "article",
                        min_docs: int | None = None, n_boot: int = 2000, level: float = 0.95,
                        random_state: int = 0, max_boot_n: int = 5_000) -> pd.DataFrame:
    """:func:`analysis.sentiment.sentiment_by_source` over gathered score rows.

    Only ``doc_id, sent_id, source, target, score, label`` and the columns ``by`` names are
    gathered (a few short rows per article), put in the pandas order (``doc_id, sent_id,
    target``), and summarised, so the result equals the pandas function on the pandas scores
    exactly, intervals included.

    Parameters
    ----------
    scores : dask.dataframe.DataFrame or pandas.DataFrame
        From :func:`target_sentiment`.
    by, dates, sources, targets, unit, min_docs, n_boot, level, random_state, max_boot_n
        As in :func:`analysis.sentiment.sentiment_by_source`; a period in ``by`` takes the
        dates from ``dates=`` (the corpus, pandas or Dask: only ``doc_id, date`` are read).

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
    names = [by] if isinstance(by, str) else list(by)
    columns += [n for n in names if n not in columns and n in scores.columns]
    if not isinstance(scores, pd.DataFrame):
        check_frame(scores, columns)
        scores = scores[columns].compute()
    if dates is not None and not isinstance(dates, pd.DataFrame):
        check_frame(dates, ["doc_id", "date"])
        dates = dates[["doc_id", "date"]].compute()
    scores = scores.sort_values(["doc_id", "sent_id", "target"], kind="stable")
    return _sentiment.sentiment_by_source(
        scores.reset_index(drop=True), by=by, dates=dates, sources=sources, targets=targets,
        unit=unit, min_docs=min_docs, n_boot=n_boot, level=level, random_state=random_state,
        max_boot_n=max_boot_n)
