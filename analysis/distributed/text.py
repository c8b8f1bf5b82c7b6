"""Sentences and keywords in context per partition; collocations from window counts summed
over partitions."""

from __future__ import annotations

import pandas as pd

from analysis import context as _context
from analysis import tokens as _tokens
from analysis.distributed.common import (
    STR,
    check_frame,
    dask_modules,
    one_process,
    tree_combine,
    typed,
)
from analysis.tokens import PHRASES, STOPWORDS

__all__ = ["collocations", "kwic", "sentences"]


_SENTENCE_DTYPES = {"doc_id": STR, "source": STR, "sent_id": "int64", "sentence": STR,
                    "start": "int64", "end": "int64"}


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
    check_frame(ddf, ["doc_id", "source", text_column])
    meta = pd.DataFrame({c: pd.Series(dtype=d) for c, d in _SENTENCE_DTYPES.items()})
    split = typed(one_process(_tokens.sentences), _SENTENCE_DTYPES)
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
    check_frame(ddf, list(dict.fromkeys(["doc_id", "source", by, text_column])))
    aliases = _context.target_aliases(pattern)  # resolved once here, not once per partition
    ids = [c for c in ["doc_id", "sent_id"] if c not in keys]
    dtypes = {k: ddf[k].dtype if k != "source" else STR for k in keys}
    dtypes |= {"doc_id": STR, "sent_id": "int64", "target": STR, "left": STR,
               "match": STR, "right": STR, "start": "int64", "end": "int64"}
    columns = keys + ids + ["target", "left", "match", "right", "start", "end"]
    meta = pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})
    search = typed(one_process(_context.kwic), dtypes)
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
    dask, _ = dask_modules()
    check_frame(ddf, list(dict.fromkeys(["doc_id", "source", by, text_column])))
    keys = _context.group_keys(by)
    count = _context.collocation_counter(target, window=window, lemmatize=lemmatize,
                                          stopwords=stopwords, phrases=phrases)
    parts = [dask.delayed(_partition_windows)(part, count=count, keys=keys,
                                              text_column=text_column)
             for part in ddf.to_delayed()]
    windows = tree_combine(parts, _context.merge_windows).compute() if parts else {}
    return _context.collocation_table(windows, keys, min_count=min_count, measure=measure)
