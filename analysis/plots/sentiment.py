"""Sentiment plots: toward each target per source, label shares, sentence scores, hand codes."""

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
    legend_below,
    sentences_label,
    shared_doc,
)
from analysis.plots.style import (
    MAX_FIGSIZE,
    figure_style,
    group_colors,
    source_handles,
)

__all__ = ["plot_confusion_matrix", "plot_corrected_by_source", "plot_sentiment_by_source",
           "plot_sentiment_shares", "plot_target_sentiment"]

_SENTIMENT_COLORS = {"negative": "#D55E00", "neutral": "#BBBBBB", "positive": "#009E73"}


def _cells(table: pd.DataFrame):
    """(target, source) cells in display order: targets sorted, sources sorted within."""
    targets = sorted(table["target"].astype(str).unique())
    sources = sorted(table["source"].astype(str).unique())
    return targets, sources


@shared_doc
def plot_sentiment_by_source(table: pd.DataFrame, *, sources=None, ax=None):
    """Mean sentiment toward each target, sources side by side, with intervals over articles.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.sentiment_by_source` output.
    {sources}
    {ax}

    Returns
    -------
    matplotlib.axes.Axes
        One bar per (target, source) cell with mentions; empty cells are labelled
        "no mentions" instead of drawn as zero, and a cell's rows left unscored (a language
        no method scores, ``n_not_scored``) are counted in its label ("5 not scored"). A
        cell without an interval (fewer than three articles) is hatched, has no error bar,
        and its label gives the ``reason``.

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B", "B"], "target": ["EU", "US"] * 2,
    ...                   "n_sentences": [4, 2, 0, 3], "mean": [-0.2, 0.1, np.nan, 0.3],
    ...                   "ci_low": [-0.4, np.nan, np.nan, 0.1],
    ...                   "ci_high": [0.0, np.nan, np.nan, 0.5],
    ...                   "reason": ["", "1 article: no interval", "no mentions", ""]})
    >>> ax = plot_sentiment_by_source(t)
    >>> len(ax.patches), [x.get_text() for x in ax.get_yticklabels()]
    (3, ['EU', 'US'])
    >>> [x.get_text() for x in ax.texts if "interval" in x.get_text()]
    ['A: 2 sentences, 1 article: no interval']
    >>> ax = plot_sentiment_by_source(t.assign(n_not_scored=[0, 0, 5, 0]))
    >>> [x.get_text() for x in ax.texts if "not scored" in x.get_text()]
    ['B: 5 not scored']
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Sentiment toward each target per source",
                            "no mentions of the targets in this corpus", ax=ax)
    colors = group_colors(table, "source", sources)
    targets, sources = _cells(table)
    height = 0.8 / max(len(sources), 1)
    with figure_style():
        if ax is None:
            # the labels beside the bars take their width from the axes: widen the figure
            # with the longest (7-point characters are about 0.055 inch)
            # ("AZ 01: 120 sentences, 2 articles: no interval, 3 not scored")
            longest = max(len(s) for s in sources) + 55
            _, ax = plt.subplots(figsize=(min(MAX_FIGSIZE[0], 5.0 + 0.055 * longest),
                                          bounded_height(1.2 + 0.32 * len(targets) * len(sources))),
                                 layout="constrained")
        for j, source in enumerate(sources):
            sub = (table[table["source"].astype(str) == source].set_index("target")
                   .reindex(targets))
            y = np.arange(len(targets))[::-1] + 0.4 - height * (j + 0.5)
            has = (sub["n_sentences"].fillna(0) > 0).to_numpy()
            ci = has & has_interval(sub)
            bare = has & ~ci
            label = source
            if ci.any():
                ax.barh(y[ci], sub["mean"][ci], height=height * 0.9, color=colors[source],
                        xerr=error_bars(sub[ci], "mean"), error_kw={"lw": 0.8, "capsize": 2},
                        label=label)
                label = None
            if bare.any():  # no interval: hatched, no error bar
                ax.barh(y[bare], sub["mean"][bare], height=height * 0.9,
                        color=colors[source], hatch="////", edgecolor="white", lw=0,
                        label=label)
            for yi, (_, row) in zip(y, sub.iterrows()):
                n = int(row["n_sentences"]) if pd.notna(row["n_sentences"]) else 0
                text = f"{source}: {sentences_label(n)}" if n else f"{source}: no mentions"
                if n and pd.isna(row.get("ci_low", np.nan)):
                    reason = str(row.get("reason", "") or "no interval")
                    text += f", {reason}"
                skipped = row.get("n_not_scored", 0)
                if pd.notna(skipped) and skipped > 0:  # a language no method scores
                    text = (f"{text}, " if n else f"{source}: ") + f"{int(skipped)} not scored"
                ax.text(1.0, yi, text, va="center", ha="left", fontsize=7, color="#444444",
                        transform=ax.get_yaxis_transform())
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(np.arange(len(targets))[::-1], targets)
        reach = table[["mean", "ci_low", "ci_high"]].abs().max().max()
        reach = 0.25 if pd.isna(reach) else min(1.0, max(0.25, float(reach) * 1.15))
        ax.set_xlim(-reach, reach)
        ax.grid(axis="y", visible=False)
        ax.legend(*source_handles(sources, colors), **legend_below(ax), ncol=min(len(sources), 4),
                  frameon=False,
                  fontsize=7 if len(sources) > 12 else None)
        return finish_axes(ax, "Sentiment toward each target per source (mean, 95% CI over "
                           "articles; hatched: no interval)",
                           "mean sentence score (-1 negative ... +1 positive)")


@shared_doc
def plot_sentiment_shares(table: pd.DataFrame, *, ax=None):
    """Stacked shares of negative, neutral and positive sentences per target and source.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.sentiment_by_source` output.
    {ax}

    Returns
    -------
    matplotlib.axes.Axes
        Three stacked segments per (target, source) cell with mentions; empty cells are
        labelled "no mentions".

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "B"], "target": ["EU", "EU"], "n_sentences": [4, 0],
    ...                   "share_negative": [0.5, np.nan], "share_neutral": [0.25, np.nan],
    ...                   "share_positive": [0.25, np.nan]})
    >>> ax = plot_sentiment_shares(t)
    >>> len(ax.patches), [x.get_text() for x in ax.get_yticklabels()]
    (3, ['EU · A (4 sentences)', 'EU · B (0 sentences)'])
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Share of sentences by label, per target and source",
                            "no mentions of the targets in this corpus", ax=ax)
    targets, sources = _cells(table)
    cells = [(t, s) for t in targets for s in sources]
    indexed = table.assign(target=table["target"].astype(str),
                           source=table["source"].astype(str)).set_index(["target", "source"])
    rows = indexed.reindex(cells)
    n = rows["n_sentences"].fillna(0).astype(int).to_numpy()
    y = np.arange(len(cells))[::-1]
    has = n > 0
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 0.9 + 0.3 * len(cells)))
        left = np.zeros(int(has.sum()))
        for label, color in _SENTIMENT_COLORS.items():
            share = rows[f"share_{label}"].to_numpy(dtype=float)[has]
            ax.barh(y[has], share, left=left, color=color, label=label, height=0.75)
            left = left + share
        for yi, k in zip(y, n):
            if not k:
                ax.text(0.01, yi, "no mentions", va="center", fontsize=7, color="#444444")
        ax.set_yticks(y, [f"{t} · {s} ({sentences_label(k)})" for (t, s), k in zip(cells, n)])
        ax.set_xlim(0, 1)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)
        return finish_axes(ax, "Share of sentences by label, per target and source",
                           "share of scored sentences")


@shared_doc
def plot_target_sentiment(table: pd.DataFrame, *, sources=None, ax=None,
                          random_state: int = 0):
    """Every scored sentence as a dot, per target and source, with the source mean.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.target_sentiment` output.
    {sources}
    {ax}
    random_state : int, default 0
        Seed of the vertical jitter (keeps figures byte-identical).

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per (target, source) cell with sentences.

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "target": ["EU", "EU", "EU"],
    ...                   "score": [0.5, -0.2, 0.1]})
    >>> ax = plot_target_sentiment(t)
    >>> len(ax.collections), [x.get_text() for x in ax.get_yticklabels()]
    (2, ['EU · A', 'EU · B'])
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Each sentence's score toward the target",
                            "no sentence mentions the targets in this corpus", ax=ax)
    colors = group_colors(table, "source", sources)
    targets, sources = _cells(table)
    cells = [(t, s) for t in targets for s in sources]
    rng = np.random.default_rng(random_state)
    y = np.arange(len(cells))[::-1]
    with figure_style():
        if ax is None:
            longest = max(len(f"{t} · {s}") for t, s in cells)  # tick labels take axes width
            _, ax = plt.subplots(figsize=(min(MAX_FIGSIZE[0], 4.5 + 0.075 * longest),
                                          bounded_height(0.9 + 0.3 * len(cells))),
                                 layout="constrained")
        for yi, (target, source) in zip(y, cells):
            scores = table.loc[(table["target"].astype(str) == target)
                               & (table["source"].astype(str) == source), "score"]
            if scores.empty:
                continue
            jitter = rng.uniform(-0.25, 0.25, size=len(scores))
            ax.scatter(scores, yi + jitter, s=10, alpha=0.6, color=colors[source],
                       edgecolors="none")
            ax.plot([scores.mean()] * 2, [yi - 0.35, yi + 0.35], color="black", lw=1.2)
        ax.axvline(0, color="black", lw=0.6, ls=":")
        ax.set_yticks(y, [f"{t} · {s}" for t, s in cells])
        ax.set_xlim(-1.05, 1.05)
        ax.grid(axis="y", visible=False)
        return finish_axes(ax, "Each sentence's score toward the target (bar = mean)",
                           "sentence score (-1 negative ... +1 positive)")


@shared_doc
def plot_confusion_matrix(table: pd.DataFrame, *, comparison: str = "model vs coder", ax=None):
    """Confusion matrix of hand codes (rows) against the model's labels (columns).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.validation.confusion_matrix` output (without ``by`` columns).
    comparison : str, default "model vs coder"
        Which comparison to draw.
    {ax}

    Returns
    -------
    matplotlib.axes.Axes
        A 3 x 3 grid; each cell shows its count and its share of the row (recall).

    Examples
    --------
    >>> labels = ["negative", "neutral", "positive"]
    >>> t = pd.DataFrame({"comparison": "model vs coder", "reference": np.repeat(labels, 3),
    ...                   "predicted": labels * 3, "count": [2, 1, 0, 0, 3, 1, 0, 0, 1]})
    >>> ax = plot_confusion_matrix(t)
    >>> ax.texts[0].get_text().split(), ax.texts[1].get_text().split()
    (['2', '67%'], ['1', '33%'])
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Hand codes against the model", "no coded mentions", ax=ax)
    sub = table[table["comparison"] == comparison]
    if sub.empty:
        raise ValueError(f"no rows for comparison {comparison!r}")
    labels = ["negative", "neutral", "positive"]
    grid = (sub.pivot_table(index="reference", columns="predicted", values="count",
                            aggfunc="sum").reindex(index=labels, columns=labels).fillna(0))
    counts = grid.to_numpy(dtype=float)
    rows = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, rows, out=np.zeros_like(counts), where=rows > 0)
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(4.6, 4.0), layout="constrained")
        ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
        for i in range(3):
            for j in range(3):
                ax.text(j, i, f"{int(counts[i, j])}\n{share[i, j]:.0%}", ha="center",
                        va="center", fontsize=9,
                        color="white" if share[i, j] > 0.6 else "black")
        predicted = "model label" if comparison == "model vs coder" else "second coder"
        ax.set_xticks(range(3), labels)
        ax.set_yticks(range(3), labels)
        ax.grid(False)
        return finish_axes(ax, f"Hand codes vs {predicted} (n={int(counts.sum())})",
                           predicted, "hand code")


@shared_doc
def plot_corrected_by_source(table: pd.DataFrame, *, sources=None, ax=None):
    """Raw model mean and hand-code-corrected mean per source and target, side by side.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.validation.corrected_by_source` output.
    {sources}
    {ax}

    Returns
    -------
    matplotlib.axes.Axes
        Two markers per (target, source) cell with mentions: the model's raw mean (open
        circle) and the corrected mean (filled), each with its interval where there is one;
        a cell's label gives its scored sentences and how many of them are coded.

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "B"], "target": ["EU", "EU"],
    ...                   "n_sentences": [10, 0], "n_coded": [4, 0],
    ...                   "mean": [-0.5, np.nan], "ci_low": [-0.8, np.nan],
    ...                   "ci_high": [-0.2, np.nan], "raw_mean": [-0.1, np.nan],
    ...                   "raw_ci_low": [np.nan, np.nan], "raw_ci_high": [np.nan, np.nan]})
    >>> ax = plot_corrected_by_source(t)
    >>> [x.get_text() for x in ax.get_yticklabels()], len(ax.lines) >= 2
    (['EU · A'], True)
    >>> plt.close("all")
    """
    if table.empty or not (table["n_sentences"] > 0).any():
        return empty_figure("Raw and corrected mean sentiment", "no mentions of the targets", ax=ax)
    shown = table[table["n_sentences"] > 0].sort_values(["target", "source"],
                                                       kind="stable").reset_index(drop=True)
    colors = group_colors(table, "source", sources)
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, bounded_height(1.4 + 0.42 * len(shown))),
                                 layout="constrained")
        y = np.arange(len(shown))[::-1].astype(float)
        for offset, (value, low, high), filled, name in (
                (0.15, ("raw_mean", "raw_ci_low", "raw_ci_high"), False, "model (raw)"),
                (-0.15, ("mean", "ci_low", "ci_high"), True, "corrected with hand codes")):
            for yi, row in zip(y + offset, shown.itertuples()):
                color = colors[str(row.source)]
                v, lo, hi = getattr(row, value), getattr(row, low), getattr(row, high)
                if pd.notna(lo):
                    ax.plot([lo, hi], [yi, yi], color=color, lw=1.2)
                if pd.notna(v):
                    ax.plot([v], [yi], marker="o", ms=6, color=color,
                            markerfacecolor=color if filled else "white")
            ax.plot([], [], marker="o", ls="none", color="#444444",
                    markerfacecolor="#444444" if filled else "white", label=name)
        for yi, row in zip(y, shown.itertuples()):
            ax.text(1.0, yi, f" {sentences_label(row.n_sentences)}, {row.n_coded} coded",
                    va="center",
                    ha="left", fontsize=7, color="#444444", transform=ax.get_yaxis_transform())
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, [f"{t} · {s}" for t, s in zip(shown["target"], shown["source"])])
        # a DSL estimate can leave [-1, 1] in a small sample (it is unbiased, not bounded)
        reach = shown[["mean", "ci_low", "ci_high", "raw_mean"]].abs().max().max()
        reach = 1.05 if pd.isna(reach) else max(1.05, float(reach) * 1.05)
        ax.set_xlim(-reach, reach)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
        return finish_axes(ax, "Model mean vs corrected mean (95% CI, articles as units)",
                           "mean portrayal (-1 negative ... +1 positive)")
