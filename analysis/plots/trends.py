"""Trend plots: sentiment toward each target per period (``by=[..., <period>]`` tables)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.plots.layout import (
    empty_figure,
    error_bars,
    has_interval,
    sentences_label,
    shared_doc,
)
from analysis.plots.style import (
    figure_style,
    group_colors,
)

__all__ = ["plot_sentiment_trend"]

def _period_column(table: pd.DataFrame, period: str | None) -> str:
    from analysis.dates import PERIODS

    if period is not None:
        if period not in table.columns:
            raise KeyError(f"the table has no column {period!r}")
        return period
    found = [c for c in table.columns if c in PERIODS]
    if len(found) != 1:
        raise ValueError("the table needs exactly one period column (sentiment_by_source(..., "
                         f"by=['source', 'month'], dates=corpus)); found {found or 'none'}: "
                         "name it with period=")
    return found[0]


def _time_axis(labels, period: str) -> list[str]:
    """The dated periods in time order, the ones without rows filled in where the labels are
    periods of :func:`analysis.dates.add_period` (a column of your own: its sorted values)."""
    from analysis.dates import UNDATED, period_range

    labels = sorted(set(map(str, labels)) - {UNDATED})
    try:
        return [p for p in period_range(labels, period) if p != UNDATED]
    except ValueError:
        return labels


@shared_doc
def plot_sentiment_trend(table: pd.DataFrame, *, period: str | None = None, ax=None,
                         max_ticks: int = 12, sources=None):
    """Mean sentiment toward each target per period, one line per source, one panel per target.

    A point is a (source, period) cell's mean score with its interval over articles as an
    error bar; a hollow point has no interval (fewer than three articles, see
    :mod:`analysis.intervals`). A period without a scored sentence leaves a gap in the line:
    points are joined only between neighbouring periods that both have data, never across a
    missing one. Sentences of undated articles (period ``"undated"``) are not on the time
    axis; the figure says how many there are.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.sentiment_by_source` output grouped by a period, e.g.
        ``sentiment_by_source(scores, by=["source", "month"], dates=corpus)`` (without
        ``source`` in ``by``: one line for all sources together).
    period : str, optional
        The period column; found by its name (``"month"``, ``"year"``, ...) when omitted.
    ax : matplotlib.axes.Axes or sequence of Axes, optional
        Where to draw: one Axes per target (sorted); a new figure when omitted.
    max_ticks : int, default 12
        Most period labels on the time axis (every k-th period is labelled beyond it).
    sources : iterable of str, optional
        Every source of the corpus (e.g. ``corpus["source"]``), so each keeps the colour it
        has in the other figures (:func:`source_colors`); the table's sources when omitted.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One Axes per target, in sorted order.

    Examples
    --------
    >>> t = pd.DataFrame({"source": "A", "month": ["2025-01", "2025-02", "2025-03", "undated"],
    ...                   "target": "EU", "n_sentences": [5, 0, 2, 4],
    ...                   "mean": [0.2, np.nan, -0.1, 0.3], "ci_low": [0.1, np.nan, np.nan, 0.1],
    ...                   "ci_high": [0.3, np.nan, np.nan, 0.4],
    ...                   "reason": ["", "no mentions", "1 article: no interval", ""]})
    >>> (ax,) = plot_sentiment_trend(t)
    >>> [x.get_text() for x in ax.get_xticklabels()]
    ['2025-01', '2025-02', '2025-03']
    >>> line = ax.lines[0]
    >>> line.get_xdata().tolist(), np.isnan(line.get_ydata()).tolist()
    ([0.0, 1.0, 2.0], [False, True, False])
    >>> plt.close("all")
    """
    title = "Sentiment toward each target over time"
    if table.empty:
        return np.array([empty_figure(title, "no mentions of the targets in this corpus", ax=ax)])
    column = _period_column(table, period)
    from analysis.dates import UNDATED

    table = table.assign(**{column: table[column].astype(str),
                            "target": table["target"].astype(str)})
    count = (table["n_sentences"] if "n_sentences" in table
             else table["mean"].notna().astype(int)).fillna(0)
    table = table.assign(_n=count.astype(int))
    has_source = "source" in table.columns
    if has_source:
        table = table.assign(source=table["source"].astype(str))
    dated = table[(table[column] != UNDATED) & (table["_n"] > 0) & table["mean"].notna()]
    undated = int(table.loc[table[column] == UNDATED, "_n"].sum())
    note = (f"{sentences_label(undated)} in articles without a date precise to the {column} "
            "(undated) are not on the time axis" if undated else "")
    if dated.empty:
        return np.array([empty_figure(title, f"no article dated to the {column} mentions the "
                                         "targets" + (f":\n{note}" if note else ""), ax=ax)])
    periods = _time_axis(table[column], column)
    position = {p: float(i) for i, p in enumerate(periods)}
    targets = sorted(table["target"].unique())
    # colours from every source (the same as in the other figures); offsets and legend only
    # for the sources with a dated point
    colors = group_colors(table, "source", sources) if has_source \
        else {"all sources": "#444444"}
    sources = sorted(dated["source"].unique()) if has_source else ["all sources"]
    half = min(0.2, 0.05 * (len(sources) - 1))  # spread error bars of one period apart
    offset = np.linspace(-half, half, len(sources)) if len(sources) > 1 else [0.0]
    with figure_style():
        if ax is None:
            fig, axes = plt.subplots(len(targets), 1, sharex=True, sharey=True, squeeze=False,
                                     figsize=(min(12.0, max(7.5, 2.5 + 0.3 * len(periods))),
                                              1.2 + 2.1 * len(targets)),
                                     layout="constrained")
            axes = axes[:, 0]
        else:
            axes = np.ravel(np.asarray(ax, dtype=object))
            if len(axes) != len(targets):
                raise ValueError(f"ax= needs one Axes per target ({len(targets)}), "
                                 f"got {len(axes)}")
            fig = axes[0].figure
        handles = {}
        for panel, target in zip(axes, targets):
            rows = table[table["target"] == target]
            for k, source in enumerate(sources):
                sub = rows[rows["source"] == source] if has_source else rows
                sub = (sub[(sub[column] != UNDATED) & (sub["_n"] > 0)]
                       .drop_duplicates(column).set_index(column).reindex(periods))
                x = np.arange(len(periods), dtype=float) + offset[k]
                y = sub["mean"].to_numpy(dtype=float)
                if np.isnan(y).all():
                    continue
                color = colors[source]
                # NaN where a period has no data: the line stops there instead of bridging it
                (line,) = panel.plot(x, y, "-", color=color, lw=1.2, alpha=0.8)
                handles.setdefault(source, line)
                ci = has_interval(sub.reset_index()) & ~np.isnan(y)
                if ci.any():
                    panel.errorbar(x[ci], y[ci], yerr=error_bars(sub[ci], "mean"), fmt="o", ms=4,
                                   color=color, ecolor=color, elinewidth=1, capsize=2)
                bare = ~ci & ~np.isnan(y)
                if bare.any():  # hollow, no bar: no interval to draw
                    panel.plot(x[bare], y[bare], "o", ms=4, mfc="white", color=color)
            if not rows.loc[(rows[column] != UNDATED) & (rows["_n"] > 0)].size:
                panel.text(0.5, 0.5, f"no dated sentence mentions {target}", ha="center",
                           va="center", transform=panel.transAxes, color="#444444")
            panel.axhline(0, color="black", lw=0.6, ls=":")
            panel.set_title(target, loc="left")
            panel.set_ylabel("mean score")
            panel.grid(axis="x", visible=False)
        reach = dated[["mean", "ci_low", "ci_high"]].abs().max().max() \
            if {"ci_low", "ci_high"} <= set(dated.columns) else dated["mean"].abs().max()
        reach = 0.25 if pd.isna(reach) else min(1.05, max(0.25, float(reach) * 1.15))
        step = max(1, int(np.ceil(len(periods) / max_ticks)))
        for panel in axes:
            panel.set_ylim(-reach, reach)
            panel.set_xlim(-0.6, len(periods) - 0.4)
            panel.set_xticks(list(position.values())[::step], periods[::step])
            panel.tick_params(axis="x", labelbottom=panel is axes[-1],
                              labelrotation=45 if step > 1 or len(periods) > 8 else 0)
        axes[-1].set_xlabel(column + (f"\n{note}" if note else ""))
        if has_source:
            axes[0].legend(list(handles.values()), list(handles), loc="upper left",
                           bbox_to_anchor=(1.01, 1), frameon=False, title="source",
                           fontsize=8)
        fig.suptitle(f"{title}\nmean sentence score per {column}, 95% CI over articles; "
                     "hollow: no interval; gap: no sentences", x=0.01, ha="left",
                     fontsize=10, fontweight="bold")
        return axes
