"""Per-source results: :func:`sentiment_by_source` (means with intervals, label shares) and
:func:`evidence` (the sentences behind each score)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.errors import check_columns
from analysis.sentiment.scoped import LABELS

__all__ = ["bootstrap_means", "BY_SOURCE_COLUMNS", "evidence", "EVIDENCE_COLUMNS",
           "sentiment_by_source"]


def _listed(values) -> list:
    return [] if values is None else list(values)


BY_SOURCE_COLUMNS = ["source", "target", "n_sentences", "n_docs", "n_not_scored", "mean",
                     "ci_low", "ci_high", "share_negative", "share_neutral", "share_positive",
                     "reason"]


def sentiment_by_source(scores: pd.DataFrame, *, by="source", dates: pd.DataFrame | None = None,
                        sources=None, targets=None,
                        unit: str = "article", min_docs: int | None = None,
                        n_boot: int = 2000, level: float = 0.95,
                        random_state: int = 0, max_boot_n: int = 5_000) -> pd.DataFrame:
    """Mean target score per source (or period) with an interval over articles, plus label shares.

    The question is about the outlet, so its articles are the sampling unit: mentions in one
    article are not independent draws. By default (``unit="article"``) the interval is the
    policy of :mod:`analysis.intervals`: the mean is the ratio (sum of scores) / (number of
    scored sentences) over the cell's articles, with a cluster-robust CR2 variance and a
    Bell-McCaffrey t; a cell of fewer than ``min_docs`` articles, or whose articles all have
    the same mean score, has no interval (NaN) and ``reason`` says why (``"1 article: no
    interval"``). ``unit="sentence"`` is the former interval: it resamples the cell's scored
    sentences with replacement ``n_boot`` times (percentile method, generator seeded with
    ``random_state``, cells visited in sorted order), treating sentences as independent (it
    covers 0.75-0.85 instead of 0.95 at 5 articles, ``bench/coverage.py``); a cell of more
    than ``max_boot_n`` sentences gets the normal interval ``mean +- z * sd / sqrt(n)``
    instead, and a single sentence no interval.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`target_sentiment`.
    by : str or list of str, default "source"
        Grouping column(s) of ``scores``, or a period (``"month"``, ``"year"``, any of
        :data:`analysis.dates.PERIODS`) of each row's article, its date taken from ``dates``:
        ``by=["source", "month"]`` gives one row per outlet, month and target. Articles whose
        date is unknown or coarser than the period go to the period ``"undated"`` (with a
        warning); every period from the first to the last with a scored sentence is reported,
        those without any as empty cells, so a trend shows a gap there.
    dates : pandas.DataFrame, optional
        The corpus (``doc_id, date``), needed when ``by`` names a period.
    sources, targets : iterable of str, optional
        Every source and target to report; cells without mentions get ``n_sentences = 0`` and
        empty statistics. Defaults to those present in ``scores``.
    unit : {"article", "sentence"}, default "article"
        The resampling unit of the interval (see above).
    min_docs : int, optional
        Fewest articles for an ``"article"`` interval; default
        :data:`analysis.intervals.MIN_UNITS` (3).
    n_boot : int, default 2000
        Bootstrap resamples (``unit="sentence"``).
    level : float, default 0.95
        Nominal interval coverage.
    random_state : int, default 0
        Seed of the sentence bootstrap.
    max_boot_n : int, default 5000
        Largest cell bootstrapped (``unit="sentence"``); larger cells get the normal interval.

    Returns
    -------
    pandas.DataFrame
        Columns: the ``by`` column(s), then ``target, n_sentences, n_docs, n_not_scored, mean,
        ci_low, ci_high, share_negative, share_neutral, share_positive, reason``;
        ``n_sentences`` counts scored (sentence, target) rows (a sentence naming the target twice
        counts once), ``n_docs`` their articles, ``n_not_scored`` the rows left unscored (score
        NaN: a language the method cannot score), which no statistic counts; ``reason`` is
        ``""`` where there is an interval. Sorted by the ``by`` columns (periods in time order,
        ``"undated"`` last), then ``target``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "source": ["X", "X", "Y"],
    ...                   "target": ["EU", "EU", "US"], "score": [0.5, -0.1, 0.2],
    ...                   "label": ["positive", "negative", "positive"]})
    >>> t = sentiment_by_source(s, targets=["EU", "US"])
    >>> t[["source", "target", "n_sentences", "mean"]].values.tolist()
    [['X', 'EU', 2, 0.2], ['X', 'US', 0, nan], ['Y', 'EU', 0, nan], ['Y', 'US', 1, 0.2]]
    >>> t["reason"].tolist()
    ['1 article: no interval', 'no mentions', 'no mentions', '1 article: no interval']
    >>> ru = s.assign(score=[0.5, np.nan, np.nan], label=["positive", "", ""])
    >>> t = sentiment_by_source(ru)
    >>> t.loc[t.n_sentences + t.n_not_scored > 0,
    ...       ["target", "n_sentences", "n_not_scored", "mean", "reason"]].values.tolist()
    [['EU', 1, 1, 0.5, '1 article: no interval'], ['US', 0, 1, nan, 'not scored: 1 row']]
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2025-01-05", "2025-03-01"]})
    >>> m = sentiment_by_source(s, by="month", dates=corpus)
    >>> m[["month", "target", "n_sentences"]].values.tolist()
    [['2025-01', 'EU', 2], ['2025-01', 'US', 0], ['2025-02', 'EU', 0], ['2025-02', 'US', 0], \
['2025-03', 'EU', 0], ['2025-03', 'US', 1]]
    """
    import itertools

    from analysis import intervals as _intervals
    from analysis.dates import PERIODS, group_columns, period_range

    if unit not in ("article", "sentence"):
        raise ValueError(f"unit must be 'article' or 'sentence', got {unit!r}")
    check_columns(scores, ["doc_id", "target", "score", "label"], what="scores table",
                  hint="from target_sentiment")
    min_docs = _intervals.MIN_UNITS if min_docs is None else min_docs
    periods = {b for b in ([by] if isinstance(by, str) else by)
               if b in PERIODS and b not in scores.columns}
    scores, by = group_columns(scores, by, dates=dates, stacklevel=2)
    if "target" in by:
        raise ValueError("by= groups within each target already; leave 'target' out of it")
    # (distinct values first: iterating a string column of a million rows in Python is slow)
    keys = [scores[c].astype(str) for c in by]
    target_of = scores["target"].astype(str)
    levels = []
    for column, key in zip(by, keys):
        seen = set(key.unique()) | (set(map(str, _listed(sources))) if column == "source"
                                    else set())
        levels.append(period_range(seen, column) if column in periods else sorted(seen))
    targets = sorted(set(target_of.unique()) | set(map(str, _listed(targets))))
    rng = np.random.default_rng(random_state)
    tail = (1 - level) / 2
    rows = []
    cells = scores.groupby([*keys, target_of], sort=False).indices if len(scores) else {}
    all_values = scores["score"].to_numpy(dtype=float)
    not_scored = np.isnan(all_values)
    # Integer codes: comparing and counting them is fast for any string column type
    all_labels, label_names = pd.factorize(scores["label"])
    label_code = {str(name): code for code, name in enumerate(label_names)}
    all_docs = pd.factorize(scores["doc_id"])[0]
    for cell in itertools.product(*levels, targets):
        idx = cells.get(cell)
        if idx is None:
            rows.append(cell + (0, 0, 0) + (np.nan,) * 6 + ("no mentions",))
            continue
        n_not_scored = int(not_scored[idx].sum())
        if n_not_scored:
            idx = idx[~not_scored[idx]]
            if not len(idx):
                rows.append(cell + (0, 0, n_not_scored) + (np.nan,) * 6
                            + (f"not scored: {n_not_scored} row"
                               f"{'s' if n_not_scored > 1 else ''}",))
                continue
        values, n = all_values[idx], len(idx)
        docs = all_docs[idx]
        if unit == "article":
            low, high, reason = _article_interval(values, docs, level=level,
                                                  min_docs=min_docs)
        else:
            low, high, reason = _sentence_interval(values, n_boot=n_boot, tail=tail,
                                                   rng=rng, max_boot_n=max_boot_n)
        labels = all_labels[idx]
        shares = [float(np.mean(labels == label_code.get(lab, -2))) for lab in LABELS]
        rows.append(cell + (n, len(np.unique(docs)), n_not_scored,
                            float(values.mean()), float(low), float(high), *shares, reason))
    table = pd.DataFrame(rows, columns=[*by, *BY_SOURCE_COLUMNS[1:]])
    for column in ("n_sentences", "n_docs", "n_not_scored"):
        table[column] = table[column].astype(int)
    return table


def _article_interval(values: np.ndarray, docs: np.ndarray, *, level: float,
                      min_docs: int) -> tuple[float, float, str]:
    """The policy interval of one cell's mean score, articles as clusters."""
    from analysis import intervals as _intervals

    _, inverse = np.unique(docs, return_inverse=True)
    found = _intervals.ratio_interval(np.bincount(inverse, weights=values),
                                      np.bincount(inverse), level=level, min_units=min_docs)
    return found.ci_low, found.ci_high, found.reason


def _sentence_interval(values: np.ndarray, *, n_boot: int, tail: float,
                       rng: np.random.Generator, max_boot_n: int) -> tuple[float, float, str]:
    """The former interval: percentile bootstrap over sentences (normal above max_boot_n)."""
    n = len(values)
    if n > max_boot_n:
        half = _normal_quantile(1 - tail) * values.std(ddof=1) / math.sqrt(n)
        return values.mean() - half, values.mean() + half, ""
    boot = bootstrap_means(values, n_boot=n_boot, rng=rng)
    if n < 2:  # one sentence: every resample is that sentence, a zero-width "interval"
        return np.nan, np.nan, "1 sentence: no interval"
    return np.quantile(boot, tail), np.quantile(boot, 1 - tail), ""


def _normal_quantile(p: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(p))


def bootstrap_means(values: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                     max_cells: int = 4_000_000) -> np.ndarray:
    """Means of ``n_boot`` resamples of ``values``, drawn in blocks of at most ``max_cells``
    indices so memory stays bounded on large cells; the draws are the same as one block."""
    n = len(values)
    per_block = max(1, max_cells // n)
    out = np.empty(n_boot)
    for start in range(0, n_boot, per_block):
        stop = min(n_boot, start + per_block)
        out[start:stop] = values[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    return out


EVIDENCE_COLUMNS = ["source", "target", "direction", "rank", "doc_id", "sent_id", "score",
                    "words", "sentence"]


def evidence(scores: pd.DataFrame, *, k: int = 3) -> pd.DataFrame:
    """The ``k`` most negative and most positive scored sentences per (source, target).

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`target_sentiment`.
    k : int, default 3
        Sentences per direction.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, direction, rank, doc_id, sent_id, score, words, sentence``;
        ``direction`` is "negative" (score < 0) or "positive" (score > 0), ``rank`` starts at
        1 for the strongest, ``words`` lists the words that carried the score with their
        contributions. Ties break by ``doc_id, sent_id``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "source": ["X", "X"], "sent_id": [0, 1],
    ...                   "target": ["EU", "EU"], "score": [0.5, -0.4],
    ...                   "words": ["good +0.50", "bad -0.40"], "sentence": ["s0", "s1"]})
    >>> evidence(s, k=1)[["direction", "score", "words"]].values.tolist()
    [['negative', -0.4, 'bad -0.40'], ['positive', 0.5, 'good +0.50']]
    """
    parts = []
    for direction, sign in (("negative", -1), ("positive", 1)):
        side = scores[np.sign(scores["score"]) == sign].copy()
        side["_key"] = -sign * side["score"]
        side = side.sort_values(["source", "target", "_key", "doc_id", "sent_id"], kind="stable")
        side = side.groupby(["source", "target"], sort=True).head(k)
        side["rank"] = side.groupby(["source", "target"]).cumcount() + 1
        side["direction"] = direction
        parts.append(side)
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["source", "target", "direction", "rank"], kind="stable")
    return out[EVIDENCE_COLUMNS].reset_index(drop=True)
