"""Layout shared by the plot modules: panel grids, titles, legends, intervals, empty figures.

Every figure stays within :data:`~analysis.plots.style.MAX_FIGSIZE`; a number that cannot be
drawn (no interval, an empty table) is said in the figure, never drawn as zero. The parameter
descriptions every ``plot_<measure>`` shares are written once here (:data:`DOC_PARAMETERS`,
filled in by :data:`shared_doc`, made with :func:`analysis.docs.shared_docs`).
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import ScaledTranslation

from analysis.docs import shared_docs
from analysis.plots.style import MAX_COLUMNS, MAX_FIGSIZE, figure_style

__all__ = ["DOC_PARAMETERS", "bounded_height", "empty_figure", "error_bars", "finish_axes",
           "has_interval", "legend_below", "missing_note", "panel_grid", "sentences_label",
           "shared_doc", "title_width", "wrap_title", "wrapped_panels"]

#: Parameter descriptions shared by the ``plot_<measure>`` docstrings: a line ``{name}`` in a
#: docstring decorated with :data:`shared_doc` stands for the text of ``name``.
DOC_PARAMETERS = {
    "sources": """sources : iterable of str, optional
    Every source of the corpus (``corpus["source"]``): fixes each source's colour (see
    :func:`~analysis.plots.style.source_colors`); the table's sources when omitted.""",
    "ax": """ax : matplotlib.axes.Axes, optional
    Where to draw; a new figure when omitted.""",
    "by": """by : str, default "source"
    The grouping column of ``table``.""",
    "returns_ax": """Returns
-------
matplotlib.axes.Axes""",
    "returns_panels": """Returns
-------
numpy.ndarray of matplotlib.axes.Axes
    One Axes per group, in sorted order.""",
}


#: The decorator of the ``plot_<measure>`` functions: a docstring line ``{name}`` becomes the text
#: of ``DOC_PARAMETERS[name]`` (:func:`analysis.docs.fill_doc`); an unknown name raises at import.
shared_doc = shared_docs(DOC_PARAMETERS)


def wrapped_panels(n_panels: int, *, panel_width: float, panel_height: float, min_height: float,
                   header: float = 0.6, ncols: int | None = None):
    """A figure of ``n_panels`` panels wrapped into rows of at most :data:`MAX_COLUMNS`, no
    larger than :data:`MAX_FIGSIZE`: rows shrink toward ``min_height`` (inches) first.

    Returns the figure and the flat array of the ``n_panels`` visible Axes (grid cells past
    them are hidden)."""
    ncols = max(1, min(ncols or MAX_COLUMNS, n_panels))
    fig, grid = panel_grid(-(-n_panels // ncols), ncols, panel_width=panel_width,
                           panel_height=panel_height, min_height=min_height, header=header)
    flat = grid.ravel()
    for ax in flat[n_panels:]:
        ax.set_visible(False)
    return fig, flat[:n_panels]


def panel_grid(nrows: int, ncols: int, *, panel_width: float, panel_height: float,
               min_height: float, header: float = 0.6):
    """An ``nrows`` x ``ncols`` grid of panels (constrained layout) within :data:`MAX_FIGSIZE`:
    rows shrink from ``panel_height`` toward ``min_height`` (inches) before the figure grows
    past the bound."""
    width = min(MAX_FIGSIZE[0], ncols * panel_width + 0.6)
    row = max(min_height, min(panel_height, (MAX_FIGSIZE[1] - header) / nrows))
    height = min(MAX_FIGSIZE[1], nrows * row + header)
    return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False,
                        layout="constrained")


def legend_below(ax, inches: float = 0.5) -> dict:
    """Legend placement a fixed distance under the axes (under its x label), whatever its
    height: a fraction of a tall axes would leave a gap of inches."""
    return {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0),
            "bbox_transform": ax.transAxes + ScaledTranslation(0, -inches,
                                                               ax.figure.dpi_scale_trans)}


def title_width(fig, ncols: int) -> int:
    """Characters of a 9-point bold panel title that fit over one of ``ncols`` panels (a left
    title starts at the axes, right of the tick labels; about 0.08 inch a character)."""
    return max(12, int((fig.get_figwidth() / ncols - 0.8) / 0.08))


def wrap_title(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (a panel title that would
    run into its neighbour).

    Examples
    --------
    >>> wrap_title("Caliber.az vs rest", 12)
    'Caliber.az\\nvs rest'
    """
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def bounded_height(inches: float) -> float:
    """A figure height in inches, bounded by :data:`MAX_FIGSIZE`.

    Examples
    --------
    >>> bounded_height(3.0), bounded_height(100.0)
    (3.0, 30.0)
    """
    return min(MAX_FIGSIZE[1], inches)


def error_bars(table: pd.DataFrame, value: str) -> np.ndarray | None:
    """Asymmetric error-bar array from ``ci_low``/``ci_high``, or None when absent. Call it on
    rows with an interval only (:func:`has_interval`): a missing interval is no bar, never a
    zero-width one.

    Examples
    --------
    >>> error_bars(pd.DataFrame({"mean": [0.2], "ci_low": [0.1], "ci_high": [0.5]}), "mean")
    array([[0.1],
           [0.3]])
    """
    if "ci_low" not in table or table["ci_low"].isna().all():
        return None
    low = (table[value] - table["ci_low"]).clip(lower=0).fillna(0).to_numpy()
    high = (table["ci_high"] - table[value]).clip(lower=0).fillna(0).to_numpy()
    return np.vstack([low, high])


def has_interval(table: pd.DataFrame) -> np.ndarray:
    """Rows whose interval exists (both ends known), as a boolean array.

    Examples
    --------
    >>> has_interval(pd.DataFrame({"ci_low": [0.1, None], "ci_high": [0.3, 0.4]})).tolist()
    [True, False]
    """
    if "ci_low" not in table or "ci_high" not in table:
        return np.zeros(len(table), dtype=bool)
    return (table["ci_low"].notna() & table["ci_high"].notna()).to_numpy()


def missing_note(table: pd.DataFrame) -> str:
    """The ``reason`` rows without an interval give (one distinct reason, or a count), or ""
    when every row has one.

    Examples
    --------
    >>> t = pd.DataFrame({"ci_low": [0.1, None], "ci_high": [0.3, None],
    ...                   "reason": ["", "1 article: no interval"]})
    >>> missing_note(t), missing_note(t.iloc[:1])
    ('1 article: no interval', '')
    """
    missing = table[~has_interval(table)]
    if missing.empty:
        return ""
    reasons = sorted(set(missing["reason"].astype(str)) - {""}) if "reason" in missing else []
    if len(reasons) == 1:
        return reasons[0]
    return "no interval" if len(missing) == len(table) else f"{len(missing)} without interval"


def sentences_label(n: int) -> str:
    """``"1 sentence"``, ``"4 sentences"``: what ``n_sentences`` counts, said in the figure.

    Examples
    --------
    >>> sentences_label(1), sentences_label(4.0)
    ('1 sentence', '4 sentences')
    """
    return f"{int(n)} sentence{'' if int(n) == 1 else 's'}"


def finish_axes(ax, title: str, xlabel: str | None = None, ylabel: str | None = None):
    """Set a figure's left-aligned title and its axis labels (those given); return ``ax``.

    Examples
    --------
    >>> with figure_style():
    ...     fig, ax = plt.subplots()
    >>> finish_axes(ax, "Title", "x").get_title(loc="left"), ax.get_xlabel()
    ('Title', 'x')
    >>> plt.close(fig)
    """
    ax.set_title(title, loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    return ax


def empty_figure(title: str, message: str, *, ax=None):
    """A figure that says why it is empty (the title, then ``message`` in the middle), for an
    empty table: a small corpus gives one, and it must not stop ``make figures``."""
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 1.6))
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
                color="#444444")
        return finish_axes(ax, title)
