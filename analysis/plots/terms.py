"""Term plots: frequencies, keyness, collocations, dictionary categories per source."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from analysis.plots.layout import (
    bounded_height,
    empty_figure,
    error_bars,
    finish_axes,
    has_interval,
    legend_below,
    missing_note,
    panel_grid,
    shared_doc,
    title_width,
    wrap_title,
    wrapped_panels,
)
from analysis.plots.style import (
    MAX_COLUMNS,
    MAX_FIGSIZE,
    figure_style,
    group_colors,
    source_handles,
)

__all__ = ["plot_collocations", "plot_dictionary_frequencies", "plot_keyness",
           "plot_term_frequencies"]


@shared_doc
def plot_term_frequencies(table: pd.DataFrame, *, n_terms: int = 6, by: str = "source",
                          max_terms: int = 20, sources=None, ax=None):
    """Dot plot of each group's top terms per 1,000 tokens, all groups on one term axis.

    The union of every group's ``n_terms`` most frequent terms is shown, at most ``max_terms``
    of them (those with the highest rate in any group), so nine outlets give 20 rows, not 54;
    each group is a coloured marker with its interval over articles, so a term's use can be
    compared across sources along one row; an interval reaching past twice the largest rate
    runs off the right edge. Where there is no interval (fewer than three articles, see
    :mod:`analysis.intervals`) the marker is hollow, has no bar, and the legend gives the
    ``reason`` ("2 articles: no interval").

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.freq.term_frequencies` output.
    n_terms : int, default 6
        Top terms taken from each group.
    {by}
    max_terms : int, default 20
        Most rows (terms) drawn.
    {sources}
    {ax}

    {returns_ax}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "term": ["eu", "us", "us"],
    ...                   "count": [3, 1, 2], "per_1k": [30.0, 10.0, 20.0],
    ...                   "ci_low": [20.0, 5.0, None], "ci_high": [40.0, 15.0, None],
    ...                   "reason": ["", "", "1 article: no interval"]})
    >>> ax = plot_term_frequencies(t, n_terms=2)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['eu', 'us']
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B (1 article: no interval)']
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure(f"Top {n_terms} terms of each {by}", "no terms in this corpus", ax=ax)
    with figure_style():
        top = (table.sort_values([by, "count", "term"], ascending=[True, False, True])
               .groupby(by, sort=True).head(n_terms))
        order = (table[table["term"].isin(top["term"])].groupby("term")["per_1k"].max()
                 .sort_values(ascending=False, kind="stable"))
        terms = list(order.index)[:max_terms]
        groups = sorted(table[by].astype(str).unique())
        colors = group_colors(table, by, sources)
        if ax is None:
            height = bounded_height(1.0 + (0.26 + 0.02 * len(groups)) * len(terms))
            _, ax = plt.subplots(figsize=(7.5 + (1.5 if len(groups) > 4 else 0), height),
                                 layout="constrained")
        row = {t: len(terms) - 1 - i for i, t in enumerate(terms)}
        spread = 0.25 if len(groups) <= 8 else 0.4  # many groups: use the whole row
        offset = np.linspace(-spread, spread, len(groups)) if len(groups) > 1 else [0.0]
        ms = 4 if len(groups) <= 8 else 3
        handles, names = [], []
        for k, group in enumerate(groups):
            sub = table[(table[by].astype(str) == group) & table["term"].isin(terms)]
            y = sub["term"].map(row).to_numpy() + offset[k]
            has = has_interval(sub)
            note = missing_note(sub)
            handle = None
            if has.any():
                handle = ax.errorbar(sub["per_1k"][has], y[has],
                                     xerr=error_bars(sub[has], "per_1k"), fmt="o", ms=ms,
                                     color=colors[group], ecolor=colors[group], elinewidth=1,
                                     capsize=2 if len(groups) <= 8 else 0)
            if (~has).any():  # hollow, no bar: no interval to draw
                (hollow,) = ax.plot(sub["per_1k"][~has], y[~has], "o", ms=ms, mfc="white",
                                    color=colors[group])
                handle = handle or hollow
            if handle is None:  # none of its terms shown: still named, in its colour
                handle = Line2D([], [], marker="o", ms=ms, ls="none", color=colors[group])
            handles.append(handle)
            names.append(f"{group} ({note})" if note else group)
        ax.set_yticks([row[t] for t in terms], terms)
        ax.set_ylim(-0.6, len(terms) - 0.4)
        # An interval of a few articles can reach far past every rate: it runs off the right
        # edge instead of squeezing all the dots against zero.
        shown = table.loc[table["term"].isin(terms), "per_1k"]
        if "ci_high" in table and len(shown) and shown.max() > 0 \
                and table.loc[table["term"].isin(terms), "ci_high"].max() > 2 * shown.max():
            ax.set_xlim(0, 2 * shown.max())
        if len(groups) > 4:  # beside the axes: inside, a long legend would cover the dots
            ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
                      title=by, fontsize=7 if len(groups) > 12 else None)
        else:
            ax.legend(handles, names, loc="lower right", frameon=False, title=by)
        return finish_axes(ax, f"Top {n_terms} terms of each {by} ({len(terms)} terms, at most "
                           f"{max_terms})\nbars: 95% interval over articles; hollow: no interval",
                           "occurrences per 1,000 word tokens")


@shared_doc
def plot_keyness(table: pd.DataFrame, *, n_terms: int = 8, by: str = "source", alpha=0.05,
                 sources=None):
    """One panel per group: its most over- and under-used terms against the rest (log ratio).

    Panels wrap into rows of at most :data:`MAX_COLUMNS`, and the figure stays within
    :data:`MAX_FIGSIZE` (nine outlets give three rows, not one row 2,900 pixels wide).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.keyness.keyness` output.
    n_terms : int, default 8
        Terms shown per direction and group, ranked by G2.
    {by}
    alpha : float, default 0.05
        Terms with ``p_adjusted`` below it are drawn solid, others hatched and pale.
    {sources}

    {returns_panels}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B", "B"], "term": ["eu", "us", "us", "eu"],
    ...                   "g2": [9.0, -9.0, 9.0, -9.0], "log_ratio": [2.0, -2.0, 2.0, -2.0],
    ...                   "p_adjusted": [0.01, 0.01, 0.2, 0.2]})
    >>> axes = plot_keyness(t, n_terms=1)
    >>> [ax.get_title(loc="left") for ax in axes], [len(ax.patches) for ax in axes]
    (['A vs rest', 'B vs rest'], [2, 2])
    >>> plt.close("all")
    """
    if table.empty:
        return np.array([empty_figure(
            f"Keyness: terms over- and under-used by each {by}",
            f"no term is over- or under-used: keyness needs two or more {by}s\n"
            "with different texts")])
    groups = sorted(table[by].astype(str).unique())
    colors = group_colors(table, by, sources)
    with figure_style():
        fig, axes = wrapped_panels(len(groups), panel_width=2.9,
                                   panel_height=0.8 + 0.26 * 2 * n_terms,
                                   min_height=0.75 + 0.14 * 2 * n_terms)
        dense = len(axes) > MAX_COLUMNS
        for ax, group in zip(axes, groups):
            sub = table[table[by].astype(str) == group]
            over = sub[sub["g2"] > 0].nlargest(n_terms, "g2")
            under = sub[sub["g2"] < 0].nsmallest(n_terms, "g2")
            show = pd.concat([over, under.iloc[::-1]])
            y = np.arange(len(show))[::-1]
            significant = (show["p_adjusted"] < alpha).to_numpy()
            ax.barh(y, show["log_ratio"], color=[colors[group] if s else "#DDDDDD"
                                                 for s in significant],
                    edgecolor=colors[group], hatch=None)
            ax.set_yticks(y, show["term"], fontsize=7 if dense else None)
            ax.axvline(0, color="black", lw=0.8)
            ax.grid(axis="y", visible=False)
            width = title_width(fig, min(len(axes), MAX_COLUMNS))
            ax.set_title(wrap_title(f"{group} vs rest", width), loc="left", fontsize=9)
        fig.supxlabel("log2 ratio of relative frequency", fontsize=9)
        fig.suptitle(f"Keyness: terms over- (right) and under-used (left) by each {by};"
                     f" solid = BH-adjusted p < {alpha}", x=0.01, ha="left", fontsize=10)
        return axes


@shared_doc
def plot_collocations(table: pd.DataFrame, *, n_terms: int = 8, by: str = "source",
                      measure: str = "llr", sources=None):
    """A grid of panels, one block of rows per target and one panel per group: top collocates.

    Each target's panels wrap into rows of at most :data:`MAX_COLUMNS`; the figure stays
    within :data:`MAX_FIGSIZE`.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.context.collocations` output (one or several targets).
    n_terms : int, default 8
        Collocates shown per panel (lowest ``rank`` first).
    {by}
    measure : {"llr", "pmi"}, default "llr"
        Bar length; the window count is printed at the end of each bar.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`),
        so a source with no collocates elsewhere keeps it.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        Shape (targets, groups), both sorted.

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "target": ["EU"] * 3,
    ...                   "term": ["sanctions", "bloc", "visa"], "count": [4, 2, 3],
    ...                   "llr": [9.0, 3.0, 5.0], "pmi": [2.0, 1.0, 1.5], "n_mentions": [5, 5, 4],
    ...                   "rank": [1, 2, 1]})
    >>> axes = plot_collocations(t)
    >>> axes.shape, [len(ax.patches) for ax in axes.ravel()]
    ((1, 2), [2, 1])
    >>> plt.close("all")
    """
    if table.empty:
        return np.array([[empty_figure(
            f"Collocates of each target per {by}",
            "no collocates: no mentions of the targets in this corpus,\n"
            "or none above the minimum count")]])
    groups = sorted(table[by].astype(str).unique())
    targets = sorted(table["target"].astype(str).unique())
    colors = group_colors(table, by, sources)
    xlabel = "log-likelihood G2" if measure == "llr" else "PMI (log2 observed / expected)"
    min_height = 1.0 + 0.16 * n_terms  # three title lines and n_terms readable rows
    # one more column (narrower panels) rather than rows squeezed below min_height
    ncols = next((c for c in range(MAX_COLUMNS, MAX_COLUMNS + 3)
                  if len(targets) * -(-len(groups) // c) * min_height + 0.6 <= MAX_FIGSIZE[1]),
                 MAX_COLUMNS + 2)
    ncols = min(len(groups), ncols)
    per_target = -(-len(groups) // ncols)  # rows of panels per target
    with figure_style():
        fig, grid = panel_grid(len(targets) * per_target, ncols, panel_width=2.9,
                               panel_height=1.1 + 0.24 * n_terms, min_height=min_height)
        axes = np.empty((len(targets), len(groups)), dtype=object)
        for i in range(len(targets)):
            for j in range(per_target * ncols):
                cell = grid[i * per_target + j // ncols, j % ncols]
                if j < len(groups):
                    axes[i, j] = cell
                else:
                    cell.set_visible(False)
        for i, target in enumerate(targets):
            for j, group in enumerate(groups):
                ax = axes[i, j]
                sub = table[(table["target"].astype(str) == target)
                            & (table[by].astype(str) == group)]
                # Only attraction is shown: a term rarer near the target than elsewhere
                # (negative score) is not a collocate.
                sub = sub[sub[measure] > 0].sort_values("rank", kind="stable").head(n_terms)
                y = np.arange(len(sub))[::-1]
                ax.barh(y, sub[measure], color=colors[group])
                for yi, x, n in zip(y, sub[measure], sub["count"]):
                    ax.text(x, yi, f" {n}", va="center", fontsize=7)
                ax.set_yticks(y, sub["term"])
                ax.set_ylim(-0.6, n_terms - 0.4)
                ax.grid(axis="y", visible=False)
                if len(sub):
                    title = f"{target} in {group} ({int(sub['n_mentions'].iloc[0])} mentions)"
                else:
                    title = f"{target} in {group}"
                    ax.set_xticks([])
                    ax.text(0.5, 0.5, "no collocate above\nthe minimum count", ha="center",
                            va="center", transform=ax.transAxes, color="grey")
                ax.set_title(wrap_title(title, title_width(fig, ncols)), loc="left", fontsize=9)
        fig.supxlabel(xlabel, fontsize=9)
        fig.suptitle(f"Collocates of each target per {by} (number = co-occurrences in the"
                     " window)", x=0.01, ha="left", fontsize=10)
        return axes


@shared_doc
def plot_dictionary_frequencies(table: pd.DataFrame, *, by: str = "source", sources=None,
                                ax=None):
    """Dot plot of each dictionary category per 1,000 tokens, groups side by side.

    A filled marker carries its interval (articles as units); a hollow marker is a group with
    too few articles for an interval (its ``reason``), drawn without an error bar.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.dictionary.dictionary_frequencies` output.
    {by}
    {sources}
    {ax}

    {returns_ax}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B", "B"], "category": ["peace", "trade"] * 2,
    ...                   "per_1k": [3.0, 1.0, 2.0, 0.0], "ci_low": [2.0, 0.5, None, None],
    ...                   "ci_high": [4.0, 1.5, None, None],
    ...                   "reason": ["", "", "1 article: no interval", "1 article: no interval"]})
    >>> ax = plot_dictionary_frequencies(t)
    >>> [x.get_text() for x in ax.get_yticklabels()], len(ax.collections) > 0
    (['peace', 'trade'], True)
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Dictionary categories per 1,000 words", "no dictionary counts", ax=ax)
    categories = list(dict.fromkeys(table["category"].astype(str)))
    groups = sorted(table[by].astype(str).unique())
    colors = group_colors(table, by, sources)
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, bounded_height(1.4 + 0.3 * len(categories)
                                                              * max(1, len(groups)) ** 0.5)),
                                 layout="constrained")
        row = {c: len(categories) - 1 - i for i, c in enumerate(categories)}
        offset = np.linspace(0.3, -0.3, len(groups)) if len(groups) > 1 else [0.0]
        for k, group in enumerate(groups):
            sub = table[table[by].astype(str) == group]
            y = sub["category"].astype(str).map(row).to_numpy() + offset[k]
            has = sub["ci_low"].notna().to_numpy()
            ax.errorbar(sub["per_1k"][has], y[has], xerr=error_bars(sub[has], "per_1k"), fmt="o",
                        ms=5, color=colors[group], elinewidth=1, capsize=2, label=group)
            if not has.all():
                ax.plot(sub["per_1k"][~has], y[~has], "o", ms=5, mfc="white",
                        color=colors[group])
        ax.set_yticks([row[c] for c in categories], categories)
        ax.set_ylim(-0.6, len(categories) - 0.4)
        ax.set_xlim(left=0)
        ax.legend(*source_handles(groups, colors, marker=True), **legend_below(ax), frameon=False,
                  ncol=min(len(groups), 4),
                  fontsize=7 if len(groups) > 12 else None)
        return finish_axes(ax, "Dictionary categories per 1,000 words\n(95% interval, articles as "
                           "units; hollow: too few articles)", "matches per 1,000 word tokens")
