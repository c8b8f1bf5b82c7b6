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

matplotlib.use("Agg")  # headless and deterministic; notebooks still display the returned figures
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402

__all__ = ["STYLE", "figure_style", "save_figure", "source_colors"]

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
                    bbox_inches=None)
    return out


def _errors(table: pd.DataFrame, value: str) -> np.ndarray | None:
    """Asymmetric error-bar array from ``ci_low``/``ci_high``, or None when absent."""
    if "ci_low" not in table or table["ci_low"].isna().all():
        return None
    low = (table[value] - table["ci_low"]).clip(lower=0).fillna(0).to_numpy()
    high = (table["ci_high"] - table[value]).clip(lower=0).fillna(0).to_numpy()
    return np.vstack([low, high])
