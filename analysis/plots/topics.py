"""Topic plots: distinctive terms, topic terms, topic shares per source, stability."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.plots.layout import (
    bounded_height,
    empty_figure,
    error_bars,
    finish_axes,
    has_interval,
    missing_note,
    shared_doc,
    title_width,
    wrap_title,
    wrapped_panels,
)
from analysis.plots.style import (
    MAX_COLUMNS,
    figure_style,
    group_colors,
)

__all__ = ["plot_tfidf_terms", "plot_topic_shares", "plot_topic_stability", "plot_topic_terms"]


@shared_doc
def plot_tfidf_terms(table: pd.DataFrame, *, n_terms: int = 8, by: str = "source",
                     sources=None):
    """One panel per group: its most distinctive terms by TF-IDF.

    Panels wrap into rows of at most :data:`MAX_COLUMNS` within :data:`MAX_FIGSIZE`.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.topics.tfidf_terms` output.
    n_terms : int, default 8
        Terms shown per group (lowest ``rank`` first).
    {by}
    {sources}

    {returns_panels}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "term": ["gas", "oil", "peace"],
    ...                   "count": [3, 2, 4], "tfidf": [0.8, 0.5, 0.9], "rank": [1, 2, 1]})
    >>> axes = plot_tfidf_terms(t)
    >>> [ax.get_title(loc="left") for ax in axes], [len(ax.patches) for ax in axes]
    (['A', 'B'], [2, 1])
    >>> plt.close("all")
    """
    if table.empty:
        return np.array([empty_figure(
            f"Most distinctive terms of each {by} (TF-IDF)",
            f"no distinctive terms: TF-IDF needs two or more {by}s with different texts")])
    groups = sorted(table[by].astype(str).unique())
    colors = group_colors(table, by, sources)
    with figure_style():
        fig, axes = wrapped_panels(len(groups), panel_width=2.9, panel_height=0.9 + 0.26 * n_terms,
                                   min_height=0.75 + 0.14 * n_terms)
        for ax, group in zip(axes, groups):
            sub = (table[table[by].astype(str) == group].sort_values("rank", kind="stable")
                   .head(n_terms))
            y = np.arange(len(sub))[::-1]
            ax.barh(y, sub["tfidf"], color=colors[group])
            ax.set_yticks(y, sub["term"])
            ax.set_ylim(-0.6, n_terms - 0.4)
            ax.grid(axis="y", visible=False)
            ax.set_title(wrap_title(group, title_width(fig, min(len(axes), MAX_COLUMNS))),
                         loc="left", fontsize=9)
        fig.supxlabel("TF-IDF weight", fontsize=9)
        fig.suptitle(f"Most distinctive terms of each {by} (TF-IDF, the {by} as one document)",
                     x=0.01, ha="left", fontsize=10)
        return axes


@shared_doc
def plot_topic_terms(terms: pd.DataFrame, *, n_terms: int = 8, ncols: int = 3):
    """One small panel per topic: its top terms by weight, with the topic's stability.

    Topics flagged ``reproducible=False`` are drawn pale and hatched.

    Parameters
    ----------
    terms : pandas.DataFrame
        The ``terms`` table of :func:`analysis.topics.tfidf_topics`.
    n_terms : int, default 8
        Terms shown per topic.
    ncols : int, default 3
        Panels per row.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One Axes per topic, in topic order (unused grid cells are hidden).

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [1, 1, 2], "label": ["1: gas, oil", "1: gas, oil", "2: peace"],
    ...                   "term": ["gas", "oil", "peace"], "weight": [0.3, 0.2, 0.4],
    ...                   "rank": [1, 2, 1], "stability": [0.9, 0.9, 0.4],
    ...                   "reproducible": [True, True, False]})
    >>> axes = plot_topic_terms(t)
    >>> [len(ax.patches) for ax in axes], axes[1].get_title(loc="left")
    ([2, 1], '2: peace\\nstability 0.40 (not reproducible)')
    >>> plt.close("all")
    """
    if terms.empty:
        return np.array([empty_figure("Topics: top terms by weight", "no topics in this table")])
    topics = sorted(terms["topic"].unique())
    ncols = max(1, min(ncols, len(topics)))
    nrows = -(-len(topics) // ncols)
    with figure_style():
        fig, grid = plt.subplots(nrows, ncols, figsize=(3.0 * ncols + 0.4,
                                                        (0.9 + 0.22 * n_terms) * nrows + 0.4),
                                 squeeze=False)
        flat = grid.ravel()
        for ax in flat[len(topics):]:
            ax.set_visible(False)
        for ax, topic in zip(flat, topics):
            sub = (terms[terms["topic"] == topic].sort_values("rank", kind="stable")
                   .head(n_terms))
            ok = bool(sub["reproducible"].iloc[0])
            y = np.arange(len(sub))[::-1]
            ax.barh(y, sub["weight"], color="#0072B2" if ok else "#DDDDDD",
                    edgecolor="#0072B2", hatch=None if ok else "//")
            ax.set_yticks(y, sub["term"])
            ax.set_ylim(-0.6, n_terms - 0.4)
            ax.grid(axis="y", visible=False)
            stability = sub["stability"].iloc[0]
            note = "" if ok else " (not reproducible)"
            text = "n/a" if pd.isna(stability) else f"{stability:.2f}"
            ax.set_title(f"{sub['label'].iloc[0]}\nstability {text}{note}", loc="left",
                         fontsize=9)
            ax.set_xlabel("weight in topic")
        fig.suptitle("Topics: top terms by weight; stability = mean matched cosine similarity"
                     " over reseeded refits", x=0.01, ha="left", fontsize=10)
        fig.tight_layout()
        return flat[:len(topics)]


@shared_doc
def plot_topic_shares(shares: pd.DataFrame, *, sources=None, ax=None):
    """Grouped bars: each topic's share of each source, sources side by side, with intervals.

    A source without intervals (fewer than three articles) has hatched bars without error
    bars, and its legend entry gives the ``reason``.

    Parameters
    ----------
    shares : pandas.DataFrame
        The ``shares`` table of :func:`analysis.topics.tfidf_topics`.
    {sources}
    {ax}

    {returns_ax}

    Examples
    --------
    >>> s = pd.DataFrame({"source": ["A", "A", "B", "B"], "topic": [1, 2, 1, 2],
    ...                   "label": ["1: gas", "2: peace"] * 2, "n_units": [4, 4, 3, 3],
    ...                   "n_docs": [3, 3, 1, 1],
    ...                   "share": [0.7, 0.3, 0.2, 0.8], "ci_low": [0.5, 0.1, None, None],
    ...                   "ci_high": [0.9, 0.5, None, None],
    ...                   "reason": ["", "", "1 article: no interval", "1 article: no interval"]})
    >>> ax = plot_topic_shares(s)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (4, ['1: gas', '2: peace'])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A (4 units)', 'B (3 units; 1 article: no interval)']
    >>> plt.close("all")
    """
    if shares.empty:
        return empty_figure("Topic shares per source", "no topics in this table", ax=ax)
    topics = sorted(shares["topic"].unique())
    labels = shares.drop_duplicates("topic").set_index("topic")["label"]
    colors = group_colors(shares, "source", sources)
    sources = sorted(shares["source"].astype(str).unique())
    own = ax is None
    with figure_style():
        if own:
            _, ax = plt.subplots(figsize=(8.5, bounded_height(1.0 + 0.22 * len(topics)
                                                              * max(2, len(sources)))))
        height = 0.8 / len(sources)
        row = {t: len(topics) - 1 - i for i, t in enumerate(topics)}
        for k, source in enumerate(sources):
            sub = shares[shares["source"].astype(str) == source].sort_values("topic")
            y = sub["topic"].map(row).to_numpy() + 0.4 - height * (k + 0.5)
            n = int(sub["n_units"].iloc[0])
            note = missing_note(sub)
            label = f"{source} ({n} units; {note})" if note else f"{source} ({n} units)"
            ci = has_interval(sub)
            if ci.any():
                ax.barh(y[ci], sub["share"][ci], height=height * 0.9, color=colors[source],
                        xerr=error_bars(sub[ci], "share"),
                        error_kw={"elinewidth": 1, "capsize": 2}, label=label)
                label = None
            if (~ci).any():  # no interval: hatched, no error bar
                ax.barh(y[~ci], sub["share"][~ci], height=height * 0.9, color=colors[source],
                        hatch="////", edgecolor="white", lw=0, label=label)
        ax.set_yticks([row[t] for t in topics], [labels[t] for t in topics])
        ax.set_ylim(-0.6, len(topics) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="source")
        if own:
            ax.figure.tight_layout()
        return finish_axes(ax, "Topic shares per source (bars: 95% interval over articles; "
                           "hatched: no interval)", "mean share of a unit's topic mix")


@shared_doc
def plot_topic_stability(table: pd.DataFrame, *, min_stability: float = 0.6, ax=None):
    """Mean and worst-topic stability against the number of topics, with the null band.

    The grey band is what the same fits reach on the null version of the units (words dealt
    out at random): from the null topics' 5th percentile to their largest value. Only a topic
    above the band (and well clear of the null's mean) is reproducible; the suggestion, marked,
    is chosen by the chance-corrected score.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.topics.topic_stability` output (the band needs its ``null_low`` and
        ``null_high`` columns; without them it is left out).
    min_stability : float, default 0.6
        Floor drawn as a dotted line (no topic below it is reproducible).
    {ax}

    {returns_ax}

    Examples
    --------
    >>> t = pd.DataFrame({"n_topics": [2, 3], "stability": [0.8, 0.9],
    ...                   "min_stability": [0.7, 0.85], "null_stability": [0.8, 0.7],
    ...                   "null_low": [0.6, 0.5], "null_high": [0.95, 0.85],
    ...                   "n_reproducible": [0, 1], "suggested": [False, True]})
    >>> ax = plot_topic_stability(t)
    >>> len(ax.lines), len(ax.collections)
    (5, 1)
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:3]
    ['mean over topics', 'least stable topic', 'null: mean']
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Topic stability across reseeded refits",
                            "no numbers of topics were fitted", ax=ax)
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3.2))
        t = table.sort_values("n_topics")
        ax.plot(t["n_topics"], t["stability"], "o-", color="#0072B2", label="mean over topics")
        ax.plot(t["n_topics"], t["min_stability"], "s--", color="#E69F00",
                label="least stable topic")
        if {"null_low", "null_high"} <= set(t.columns) and t["null_high"].notna().any():
            ax.plot(t["n_topics"], t["null_stability"], "-", color="grey", lw=1,
                    label="null: mean")
            ax.fill_between(t["n_topics"], t["null_low"], t["null_high"], color="grey",
                            alpha=0.25, lw=0, label="null: 5th pct to max (words shuffled)")
        ax.axhline(min_stability, color="grey", lw=0.8, ls=":", label="floor")
        pick = t[t["suggested"]]
        ax.plot(pick["n_topics"], pick["stability"], "o", ms=12, mfc="none", color="black",
                label="suggested")
        ax.set_xticks(t["n_topics"])
        ax.set_ylim(0, 1.02)
        ax.legend(loc="lower right", frameon=False)
        return finish_axes(ax, "Topic stability across reseeded refits, against noise",
                           "number of topics", "cosine similarity (matched)")
