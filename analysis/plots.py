"""Figures: ``plot_<measure>(table, *, ax=None) -> Axes`` and :func:`save_figure`.

Plots never compute a measure: each takes exactly the table its measure returns. Style is
applied inside :func:`figure_style` (a ``matplotlib.rc_context``), never by mutating globals,
and :func:`save_figure` writes PNGs with fixed size, DPI and metadata so that two rebuilds are
byte-identical.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis import paths

__all__ = [
    "STYLE",
    "figure_style",
    "plot_audit_summary",
    "plot_corpus_overview",
    "plot_keyness",
    "plot_term_frequencies",
    "save_figure",
    "source_colors",
]

STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "svg.hashsalt": "analysis",
    "path.simplify": True,
}
# Colour-blind-safe palette (Okabe-Ito), assigned to sources in sorted order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]


@contextlib.contextmanager
def figure_style():
    """Apply the suite's plot style for the duration of a ``with`` block.

    Examples
    --------
    >>> with figure_style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    with matplotlib.rc_context(STYLE):
        yield


def source_colors(sources) -> dict[str, str]:
    """Map each source (sorted) to a fixed palette colour.

    Examples
    --------
    >>> source_colors(["b", "a"])
    {'a': '#0072B2', 'b': '#E69F00'}
    """
    names = sorted(set(map(str, sources)))
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(names)}


def save_figure(fig, name: str, *, directory: str | Path | None = None) -> Path:
    """Write ``fig`` as ``<name>.png`` into ``figures/`` with byte-stable metadata.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Figure to save.
    name : str
        File stem, e.g. ``"20_top_terms"``.
    directory : str or Path, optional
        Target folder; defaults to :func:`analysis.paths.figures_dir`.

    Returns
    -------
    Path
        Path of the written PNG.

    Examples
    --------
    >>> import tempfile
    >>> with figure_style():
    ...     fig, ax = plt.subplots(figsize=(2, 2))
    >>> save_figure(fig, "demo", directory=tempfile.mkdtemp()).name
    'demo.png'
    """
    out_dir = Path(directory) if directory is not None else paths.figures_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{name}.png"
    with figure_style():
        # No Software/date chunks: the bytes depend only on the pixels.
        fig.savefig(out, format="png", dpi=STYLE["savefig.dpi"], metadata={"Software": None},
                    bbox_inches="tight", pad_inches=0.15)
    return out


def _errors(table: pd.DataFrame, value: str) -> np.ndarray | None:
    """Asymmetric error-bar array from ``ci_low``/``ci_high``, or None when absent."""
    if "ci_low" not in table or table["ci_low"].isna().all():
        return None
    low = (table[value] - table["ci_low"]).clip(lower=0).fillna(0).to_numpy()
    high = (table["ci_high"] - table[value]).clip(lower=0).fillna(0).to_numpy()
    return np.vstack([low, high])


def _finish(ax, title: str, xlabel: str | None = None, ylabel: str | None = None):
    ax.set_title(title, loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    return ax


def plot_corpus_overview(table: pd.DataFrame, *, ax=None):
    """Stacked bars per source: body tokens kept and tokens removed by cleaning.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.overview.corpus_overview` output.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "B"], "doc_id": ["a", "b"],
    ...                   "n_tokens_body": [100, 50], "n_tokens_removed": [10, 5]})
    >>> ax = plot_corpus_overview(t)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (4, ['A (1 article)', 'B (1 article)'])
    >>> plt.close("all")
    """
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 0.6 + 0.45 * table["source"].nunique()))
        agg = (table.groupby("source", sort=True)
               .agg(n_docs=("doc_id", "nunique"), body=("n_tokens_body", "sum"),
                    removed=("n_tokens_removed", "sum")))
        labels = [f"{s} ({n} article{'s' if n != 1 else ''})" for s, n in agg["n_docs"].items()]
        y = np.arange(len(agg))[::-1]
        ax.barh(y, agg["body"], color="#0072B2", label="article body")
        ax.barh(y, agg["removed"], left=agg["body"], color="#BBBBBB", label="removed by cleaning")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
        for yi, body, removed in zip(y, agg["body"], agg["removed"]):
            ax.text(body + removed, yi, f"  {body:,} + {removed:,}", va="center", fontsize=8)
        ax.set_yticks(y, labels)
        ax.set_xlim(0, (agg["body"] + agg["removed"]).max() * 1.25)
        ax.grid(axis="y", visible=False)
        return _finish(ax, "Articles and word tokens per source", "word tokens")


def plot_audit_summary(table: pd.DataFrame, *, ax=None):
    """Stacked bars per source: removed lines broken down by the cleaner's reason.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.overview.audit_summary` output.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "reason": ["menu/nav", "counter", "title"],
    ...                   "n_docs": [1, 1, 1], "n_lines": [5, 1, 1], "n_tokens": [5, 2, 7]})
    >>> ax = plot_audit_summary(t)
    >>> len(ax.patches), ax.get_legend() is not None
    (6, True)
    >>> plt.close("all")
    """
    with figure_style():
        wide = table.pivot_table(index="source", columns="reason", values="n_lines",
                                 aggfunc="sum", fill_value=0).sort_index()
        wide = wide[wide.sum().sort_values(ascending=False, kind="stable").index]
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, 0.9 + 0.45 * len(wide)))
        y = np.arange(len(wide))[::-1]
        left = np.zeros(len(wide))
        cmap = plt.get_cmap("tab20")
        for i, reason in enumerate(wide.columns):
            ax.barh(y, wide[reason], left=left, color=cmap(i % 20), label=reason)
            left += wide[reason].to_numpy()
        ax.set_yticks(y, wide.index)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=7,
                  title="reason")
        ax.grid(axis="y", visible=False)
        return _finish(ax, "Lines removed by cleaning, by reason", "removed lines")


def plot_term_frequencies(table: pd.DataFrame, *, n_terms: int = 6, by: str = "source",
                          ax=None):
    """Dot plot of each group's top terms per 1,000 tokens, all groups on one term axis.

    The union of every group's ``n_terms`` most frequent terms is shown; each group is a
    coloured marker with its bootstrap interval (where the group has several articles), so
    a term's use can be compared across sources along one row.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.freq.term_frequencies` output.
    n_terms : int, default 6
        Top terms taken from each group.
    by : str, default "source"
        The grouping column of ``table``.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "term": ["eu", "us", "us"],
    ...                   "count": [3, 1, 2], "per_1k": [30.0, 10.0, 20.0],
    ...                   "ci_low": [20.0, 5.0, None], "ci_high": [40.0, 15.0, None]})
    >>> ax = plot_term_frequencies(t, n_terms=2)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['eu', 'us']
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B']
    >>> plt.close("all")
    """
    with figure_style():
        top = (table.sort_values([by, "count", "term"], ascending=[True, False, True])
               .groupby(by, sort=True).head(n_terms))
        order = (table[table["term"].isin(top["term"])].groupby("term")["per_1k"].max()
                 .sort_values(ascending=False, kind="stable"))
        terms = list(order.index)
        groups = sorted(table[by].astype(str).unique())
        colors = source_colors(groups)
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, 1.0 + 0.28 * len(terms)))
        row = {t: len(terms) - 1 - i for i, t in enumerate(terms)}
        offset = np.linspace(-0.25, 0.25, len(groups)) if len(groups) > 1 else [0.0]
        for k, group in enumerate(groups):
            sub = table[(table[by].astype(str) == group) & table["term"].isin(terms)]
            y = sub["term"].map(row).to_numpy() + offset[k]
            ax.errorbar(sub["per_1k"], y, xerr=_errors(sub, "per_1k"), fmt="o", ms=4,
                        color=colors[group], ecolor=colors[group], elinewidth=1, capsize=2,
                        label=group)
        ax.set_yticks([row[t] for t in terms], terms)
        ax.set_ylim(-0.6, len(terms) - 0.4)
        ax.legend(loc="lower right", frameon=False, title=by)
        return _finish(ax, f"Top {n_terms} terms of each {by} (bars: 95% bootstrap interval"
                       " over articles)", "occurrences per 1,000 word tokens")


def plot_keyness(table: pd.DataFrame, *, n_terms: int = 8, by: str = "source", alpha=0.05):
    """One panel per group: its most over- and under-used terms against the rest (log ratio).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.keyness.keyness` output.
    n_terms : int, default 8
        Terms shown per direction and group, ranked by G2.
    by : str, default "source"
    alpha : float, default 0.05
        Terms with ``p_adjusted`` below it are drawn solid, others hatched and pale.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One Axes per group, in sorted order.

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
    groups = sorted(table[by].astype(str).unique())
    colors = source_colors(groups)
    with figure_style():
        fig, axes = plt.subplots(1, len(groups), figsize=(2.6 * len(groups) + 0.6,
                                                         0.8 + 0.26 * 2 * n_terms),
                                 squeeze=False)
        axes = axes[0]
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
            ax.set_yticks(y, show["term"])
            ax.axvline(0, color="black", lw=0.8)
            ax.grid(axis="y", visible=False)
            ax.set_title(f"{group} vs rest", loc="left")
            ax.set_xlabel("log2 ratio of relative frequency")
        fig.suptitle(f"Keyness: terms over- (right) and under-used (left) by each {by};"
                     f" solid = BH-adjusted p < {alpha}", x=0.01, ha="left", fontsize=10)
        fig.tight_layout()
        return axes
