"""Colours and style: one colour per source, the rc settings every figure is drawn in."""

from __future__ import annotations

import contextlib

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

__all__ = ["MAX_COLUMNS", "MAX_FIGSIZE", "OTHER_COLOR", "PALETTE", "STYLE", "figure_style",
           "group_colors", "source_colors", "source_handles"]

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


# One colour per source, assigned in sorted order of the corpus's sources (source_colors). The
# first eight are Okabe-Ito; the other 22 extend it greedily, each as far as possible from the
# ones before in CIELAB, for normal vision and simulated protan-, deuter- and tritanopia
# (bench/palette.py prints them and their distances: any two differ by Delta E >= 10.9 in the
# worst of the four visions, >= 16 among the first 16). Beyond 30 sources colour alone cannot
# tell them apart: the 31st source on is drawn in OTHER_COLOR, and every figure names sources
# in text (tick labels, panel titles, legends), never by colour alone.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
           "#F0E442", "#000000", "#8700F0", "#A5D278", "#873C2D", "#9678FF",
           "#784B78", "#F0005A", "#5A3CC3", "#B40F00", "#00E1A5", "#D20FB4",
           "#FFA5D2", "#B4964B", "#A5004B", "#7896F0", "#874BF0", "#78B478",
           "#E1C35A", "#872D87", "#87692D", "#4B960F", "#B487C3", "#A55A78"]


OTHER_COLOR = "#999999"


# Largest figure (inches, at savefig.dpi 120: 1,440 x 3,600 px) and most panels per row: a
# figure with more rows or panels packs them tighter instead of growing past it.
MAX_FIGSIZE = (12.0, 30.0)


MAX_COLUMNS = 4


@contextlib.contextmanager
def figure_style():
    """Apply the suite's plot style for the duration of a ``with`` block.

    Examples
    --------
    >>> with figure_style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    # Load pyplot's backend before the rc_context, not inside it. Loading the inline backend
    # (Jupyter's first figure of a session) switches matplotlib to interactive mode and installs
    # the inline settings; made inside the context, the exit would undo them, and every later
    # figure of the session would stay out of the notebook (only save_figure's path showing).
    plt.switch_backend(matplotlib.get_backend())
    with matplotlib.rc_context(STYLE):
        yield


def source_colors(sources) -> dict[str, str]:
    """Map each source to its colour: the same corpus gives the same colour in every figure.

    Colours follow the sorted set of ``sources`` (repeats ignored), so pass every source of the
    corpus (``corpus["source"]``), not those of one table: a source missing from a table then
    keeps its colour. The first 30 sources get distinct colours of :data:`PALETTE`; any
    further source gets :data:`OTHER_COLOR`.

    Parameters
    ----------
    sources : iterable of str
        The corpus's sources, in any order, repeats allowed.

    Returns
    -------
    dict
        Source name -> ``"#RRGGBB"``.

    Examples
    --------
    >>> source_colors(["b", "a", "b"])
    {'a': '#0072B2', 'b': '#E69F00'}
    """
    names = sorted(set(map(str, sources)))
    return {s: PALETTE[i] if i < len(PALETTE) else OTHER_COLOR for i, s in enumerate(names)}


def group_colors(table: pd.DataFrame, by: str, sources) -> dict[str, str]:
    """Colours of a table's groups: the corpus's source colours when grouped by source (all of
    ``sources`` when given, so one table's gaps shift no colour), else by the table's groups."""
    groups = table[by].astype(str).unique() if by in table else []
    if by != "source":
        return source_colors(groups)
    return source_colors(set(groups) | set(map(str, sources if sources is not None else [])))


def source_handles(names, colors, *, marker: bool = False):
    """Legend swatches (bars) or dots (``marker=True``) for ``names`` in ``colors``: a source
    without anything drawn is still named in its colour."""
    if marker:
        handles = [Line2D([], [], marker="o", ms=5, ls="none", color=colors[n]) for n in names]
    else:
        handles = [Patch(facecolor=colors[n], edgecolor=colors[n]) for n in names]
    return handles, list(names)
