"""Saving figures: PNG (and SVG, PDF) byte-identical across rebuilds."""

from __future__ import annotations

from pathlib import Path

from analysis import paths
from analysis.plots.style import STYLE, figure_style

__all__ = ["save_figure"]

def save_figure(fig, name: str, *, directory: str | Path | None = None,
                formats=("png",)) -> Path:
    """Write ``fig`` as ``<name>.<format>`` into ``figures/``, byte-identical across rebuilds.

    PNG is the canonical format; SVG (vector, editable) and PDF (vector, for print) are written
    on request. Each format is saved without dates or software versions in its metadata (SVG
    element ids come from the fixed ``svg.hashsalt`` of :data:`STYLE`), so saving the same
    figure twice gives the same bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Figure to save.
    name : str
        File stem, e.g. ``"20_top_terms"``.
    directory : str or Path, optional
        Target folder; defaults to :func:`analysis.paths.figures_dir`.
    formats : sequence of {"png", "svg", "pdf"}, default ("png",)
        Files to write, all with the same stem.

    Returns
    -------
    Path
        Path of the file of the first format (the PNG by default); the others sit beside it.

    Raises
    ------
    ValueError
        For an empty ``formats`` or a format other than png, svg and pdf.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> with figure_style():
    ...     fig, ax = plt.subplots(figsize=(2, 2))
    >>> out = save_figure(fig, "demo", directory=tempfile.mkdtemp(), formats=("png", "svg"))
    >>> out.name, sorted(p.name for p in out.parent.iterdir())
    ('demo.png', ['demo.png', 'demo.svg'])
    """
    formats = [formats] if isinstance(formats, str) else list(formats)
    unknown = sorted(set(formats) - set(_METADATA))
    if not formats or unknown:
        raise ValueError(f"formats must name one or more of png, svg, pdf; got {formats!r}")
    out_dir = Path(directory) if directory is not None else paths.figures_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with figure_style():
        for fmt in dict.fromkeys(formats):
            out = out_dir / f"{name}.{fmt}"
            fig.savefig(out, format=fmt, dpi=STYLE["savefig.dpi"], metadata=_METADATA[fmt],
                        bbox_inches="tight", pad_inches=0.15)
            written.append(out)
    return written[0]


# No dates and no software versions: the bytes depend only on what is drawn.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}
