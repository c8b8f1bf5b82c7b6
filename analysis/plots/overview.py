"""Corpus plots: articles and tokens per source, lines removed by cleaning."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.plots.layout import (
    empty_figure,
    finish_axes,
    shared_doc,
)
from analysis.plots.style import (
    figure_style,
)

__all__ = ["plot_audit_summary", "plot_corpus_overview"]


@shared_doc
def plot_corpus_overview(table: pd.DataFrame, *, ax=None):
    """Stacked bars per source: body tokens kept and tokens removed by cleaning.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.overview.corpus_overview` output.
    {ax}

    {returns_ax}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "B"], "doc_id": ["a", "b"],
    ...                   "n_tokens_body": [100, 50], "n_tokens_removed": [10, 5]})
    >>> ax = plot_corpus_overview(t)
    >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
    (4, ['A (1 article)', 'B (1 article)'])
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Articles and word tokens per source", "no articles in this corpus",
                            ax=ax)
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
        return finish_axes(ax, "Articles and word tokens per source", "word tokens")


@shared_doc
def plot_audit_summary(table: pd.DataFrame, *, ax=None):
    """Stacked bars per source: removed lines broken down by the cleaner's reason.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.overview.audit_summary` output.
    {ax}

    {returns_ax}

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["A", "A", "B"], "reason": ["menu/nav", "counter", "title"],
    ...                   "n_docs": [1, 1, 1], "n_lines": [5, 1, 1], "n_tokens": [5, 2, 7]})
    >>> ax = plot_audit_summary(t)
    >>> len(ax.patches), ax.get_legend() is not None
    (6, True)
    >>> plt.close("all")
    """
    if table.empty:
        return empty_figure("Lines removed by cleaning, by reason", "cleaning removed no lines",
                            ax=ax)
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
        return finish_axes(ax, "Lines removed by cleaning, by reason", "removed lines")
