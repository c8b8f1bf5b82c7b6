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

from analysis.distributed.cleaning import clean_corpus, cleaning_audit, line_counts
from analysis.distributed.counts import keyness, term_frequencies
from analysis.distributed.reading import read_corpus
from analysis.distributed.sentiment import sentiment_by_source, target_sentiment
from analysis.distributed.text import collocations, kwic, sentences

__all__ = ["clean_corpus", "cleaning_audit", "collocations", "keyness", "kwic", "line_counts",
           "read_corpus", "sentences", "sentiment_by_source", "target_sentiment",
           "term_frequencies"]
