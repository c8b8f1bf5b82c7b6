"""Figures: ``plot_<measure>(table, *, ax=None) -> Axes`` and :func:`save_figure`.

Plots never compute a measure: each takes exactly the table its measure returns. Style is
applied inside :func:`figure_style` (a ``matplotlib.rc_context``), never by mutating globals,
and :func:`save_figure` writes PNGs with fixed size, DPI and metadata so that two rebuilds are
byte-identical.
"""

from __future__ import annotations

import contextlib
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from analysis import paths

__all__ = [
    "MAX_COLUMNS",
    "MAX_FIGSIZE",
    "OTHER_COLOR",
    "PALETTE",
    "STYLE",
    "figure_style",
    "plot_audit_summary",
    "plot_collocations",
    "plot_confusion_matrix",
    "plot_corrected_by_source",
    "plot_corpus_overview",
    "plot_dictionary_frequencies",
    "plot_keyness",
    "plot_sentiment_by_source",
    "plot_sentiment_shares",
    "plot_sentiment_trend",
    "plot_target_sentiment",
    "plot_term_frequencies",
    "plot_tfidf_terms",
    "plot_topic_shares",
    "plot_topic_stability",
    "plot_topic_terms",
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


def _group_colors(table: pd.DataFrame, by: str, sources) -> dict[str, str]:
    """Colours of a table's groups: the corpus's source colours when grouped by source (all of
    ``sources`` when given, so one table's gaps shift no colour), else by the table's groups."""
    groups = table[by].astype(str).unique() if by in table else []
    if by != "source":
        return source_colors(groups)
    return source_colors(set(groups) | set(map(str, sources if sources is not None else [])))


def _source_handles(names, colors, *, marker: bool = False):
    """Legend swatches (bars) or dots (``marker=True``) for ``names`` in ``colors``: a source
    without anything drawn is still named in its colour."""
    if marker:
        handles = [Line2D([], [], marker="o", ms=5, ls="none", color=colors[n]) for n in names]
    else:
        handles = [Patch(facecolor=colors[n], edgecolor=colors[n]) for n in names]
    return handles, list(names)


def _panels(n_panels: int, *, panel_width: float, panel_height: float, min_height: float,
            header: float = 0.6, ncols: int | None = None):
    """A figure of ``n_panels`` panels wrapped into rows of at most :data:`MAX_COLUMNS`, no
    larger than :data:`MAX_FIGSIZE`: rows shrink toward ``min_height`` (inches) first.

    Returns the figure and the flat array of the ``n_panels`` visible Axes (grid cells past
    them are hidden)."""
    ncols = max(1, min(ncols or MAX_COLUMNS, n_panels))
    fig, grid = _grid(-(-n_panels // ncols), ncols, panel_width=panel_width,
                      panel_height=panel_height, min_height=min_height, header=header)
    flat = grid.ravel()
    for ax in flat[n_panels:]:
        ax.set_visible(False)
    return fig, flat[:n_panels]


def _grid(nrows: int, ncols: int, *, panel_width: float, panel_height: float,
          min_height: float, header: float = 0.6):
    """An ``nrows`` x ``ncols`` grid of panels (constrained layout) within :data:`MAX_FIGSIZE`:
    rows shrink from ``panel_height`` toward ``min_height`` (inches) before the figure grows
    past the bound."""
    width = min(MAX_FIGSIZE[0], ncols * panel_width + 0.6)
    row = max(min_height, min(panel_height, (MAX_FIGSIZE[1] - header) / nrows))
    height = min(MAX_FIGSIZE[1], nrows * row + header)
    return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False,
                        layout="constrained")


def _below(ax, inches: float = 0.5) -> dict:
    """Legend placement a fixed distance under the axes (under its x label), whatever its
    height: a fraction of a tall axes would leave a gap of inches."""
    return {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0),
            "bbox_transform": ax.transAxes + ScaledTranslation(0, -inches,
                                                               ax.figure.dpi_scale_trans)}


def _title_width(fig, ncols: int) -> int:
    """Characters of a 9-point bold panel title that fit over one of ``ncols`` panels (a left
    title starts at the axes, right of the tick labels; about 0.08 inch a character)."""
    return max(12, int((fig.get_figwidth() / ncols - 0.8) / 0.08))


def _wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (a panel title that would
    run into its neighbour)."""
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def _height(inches: float) -> float:
    """A figure height, bounded by :data:`MAX_FIGSIZE`."""
    return min(MAX_FIGSIZE[1], inches)


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


def _errors(table: pd.DataFrame, value: str) -> np.ndarray | None:
    """Asymmetric error-bar array from ``ci_low``/``ci_high``, or None when absent. Call it on
    rows with an interval only (:func:`_has_interval`): a missing interval is no bar, never a
    zero-width one."""
    if "ci_low" not in table or table["ci_low"].isna().all():
        return None
    low = (table[value] - table["ci_low"]).clip(lower=0).fillna(0).to_numpy()
    high = (table["ci_high"] - table[value]).clip(lower=0).fillna(0).to_numpy()
    return np.vstack([low, high])


def _sentences(n: int) -> str:
    """``"1 sentence"``, ``"4 sentences"``: what ``n_sentences`` counts, said in the figure."""
    return f"{int(n)} sentence{'' if int(n) == 1 else 's'}"


def _nothing(title: str, message: str, *, ax=None):
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
        return _finish(ax, title)

def _has_interval(table: pd.DataFrame) -> np.ndarray:
    """Rows whose interval exists (both ends known)."""
    if "ci_low" not in table or "ci_high" not in table:
        return np.zeros(len(table), dtype=bool)
    return (table["ci_low"].notna() & table["ci_high"].notna()).to_numpy()


def _missing_note(table: pd.DataFrame) -> str:
    """The ``reason`` rows without an interval give (one distinct reason, or a count), or ""
    when every row has one."""
    missing = table[~_has_interval(table)]
    if missing.empty:
        return ""
    reasons = sorted(set(missing["reason"].astype(str)) - {""}) if "reason" in missing else []
    if len(reasons) == 1:
        return reasons[0]
    return "no interval" if len(missing) == len(table) else f"{len(missing)} without interval"


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
    if table.empty:
        return _nothing("Articles and word tokens per source", "no articles in this corpus",
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
    if table.empty:
        return _nothing("Lines removed by cleaning, by reason", "cleaning removed no lines",
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
        return _finish(ax, "Lines removed by cleaning, by reason", "removed lines")


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
    by : str, default "source"
        The grouping column of ``table``.
    max_terms : int, default 20
        Most rows (terms) drawn.
    sources : iterable of str, optional
        Every source of the corpus (``corpus["source"]``): fixes each source's colour (see
        :func:`source_colors`); the table's sources when omitted.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

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
        return _nothing(f"Top {n_terms} terms of each {by}", "no terms in this corpus", ax=ax)
    with figure_style():
        top = (table.sort_values([by, "count", "term"], ascending=[True, False, True])
               .groupby(by, sort=True).head(n_terms))
        order = (table[table["term"].isin(top["term"])].groupby("term")["per_1k"].max()
                 .sort_values(ascending=False, kind="stable"))
        terms = list(order.index)[:max_terms]
        groups = sorted(table[by].astype(str).unique())
        colors = _group_colors(table, by, sources)
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5 + (1.5 if len(groups) > 4 else 0),
                                          _height(1.0 + (0.26 + 0.02 * len(groups)) * len(terms))),
                                 layout="constrained")
        row = {t: len(terms) - 1 - i for i, t in enumerate(terms)}
        spread = 0.25 if len(groups) <= 8 else 0.4  # many groups: use the whole row
        offset = np.linspace(-spread, spread, len(groups)) if len(groups) > 1 else [0.0]
        ms = 4 if len(groups) <= 8 else 3
        handles, names = [], []
        for k, group in enumerate(groups):
            sub = table[(table[by].astype(str) == group) & table["term"].isin(terms)]
            y = sub["term"].map(row).to_numpy() + offset[k]
            has = _has_interval(sub)
            note = _missing_note(sub)
            handle = None
            if has.any():
                handle = ax.errorbar(sub["per_1k"][has], y[has],
                                     xerr=_errors(sub[has], "per_1k"), fmt="o", ms=ms,
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
        return _finish(ax, f"Top {n_terms} terms of each {by} ({len(terms)} terms, at most "
                       f"{max_terms})\nbars: 95% interval over articles; hollow: no interval",
                       "occurrences per 1,000 word tokens")


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
    by : str, default "source"
    alpha : float, default 0.05
        Terms with ``p_adjusted`` below it are drawn solid, others hatched and pale.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).

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
    if table.empty:
        return np.array([_nothing(
            f"Keyness: terms over- and under-used by each {by}",
            f"no term is over- or under-used: keyness needs two or more {by}s\n"
            "with different texts")])
    groups = sorted(table[by].astype(str).unique())
    colors = _group_colors(table, by, sources)
    with figure_style():
        fig, axes = _panels(len(groups), panel_width=2.9, panel_height=0.8 + 0.26 * 2 * n_terms,
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
            ax.set_title(_wrap(f"{group} vs rest", _title_width(fig, min(len(axes), MAX_COLUMNS))),
                         loc="left", fontsize=9)
        fig.supxlabel("log2 ratio of relative frequency", fontsize=9)
        fig.suptitle(f"Keyness: terms over- (right) and under-used (left) by each {by};"
                     f" solid = BH-adjusted p < {alpha}", x=0.01, ha="left", fontsize=10)
        return axes


# --- target sentiment (analysis.sentiment) ------------------------------------------------

_SENTIMENT_COLORS = {"negative": "#D55E00", "neutral": "#BBBBBB", "positive": "#009E73"}


def _cells(table: pd.DataFrame):
    """(target, source) cells in display order: targets sorted, sources sorted within."""
    targets = sorted(table["target"].astype(str).unique())
    sources = sorted(table["source"].astype(str).unique())
    return targets, sources


def plot_sentiment_by_source(table: pd.DataFrame, *, sources=None, ax=None):
    """Mean sentiment toward each target, sources side by side, with intervals over articles.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.sentiment_by_source` output.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

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
        return _nothing("Sentiment toward each target per source",
                        "no mentions of the targets in this corpus", ax=ax)
    colors = _group_colors(table, "source", sources)
    targets, sources = _cells(table)
    height = 0.8 / max(len(sources), 1)
    with figure_style():
        if ax is None:
            # the labels beside the bars take their width from the axes: widen the figure
            # with the longest (7-point characters are about 0.055 inch)
            # ("AZ 01: 120 sentences, 2 articles: no interval, 3 not scored")
            longest = max(len(s) for s in sources) + 55
            _, ax = plt.subplots(figsize=(min(MAX_FIGSIZE[0], 5.0 + 0.055 * longest),
                                          _height(1.2 + 0.32 * len(targets) * len(sources))),
                                 layout="constrained")
        for j, source in enumerate(sources):
            sub = (table[table["source"].astype(str) == source].set_index("target")
                   .reindex(targets))
            y = np.arange(len(targets))[::-1] + 0.4 - height * (j + 0.5)
            has = (sub["n_sentences"].fillna(0) > 0).to_numpy()
            ci = has & _has_interval(sub)
            bare = has & ~ci
            label = source
            if ci.any():
                ax.barh(y[ci], sub["mean"][ci], height=height * 0.9, color=colors[source],
                        xerr=_errors(sub[ci], "mean"), error_kw={"lw": 0.8, "capsize": 2},
                        label=label)
                label = None
            if bare.any():  # no interval: hatched, no error bar
                ax.barh(y[bare], sub["mean"][bare], height=height * 0.9,
                        color=colors[source], hatch="////", edgecolor="white", lw=0,
                        label=label)
            for yi, (_, row) in zip(y, sub.iterrows()):
                n = int(row["n_sentences"]) if pd.notna(row["n_sentences"]) else 0
                text = f"{source}: {_sentences(n)}" if n else f"{source}: no mentions"
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
        ax.legend(*_source_handles(sources, colors), **_below(ax), ncol=min(len(sources), 4),
                  frameon=False,
                  fontsize=7 if len(sources) > 12 else None)
        return _finish(ax, "Sentiment toward each target per source (mean, 95% CI over "
                       "articles; hatched: no interval)",
                       "mean sentence score (-1 negative ... +1 positive)")


def plot_sentiment_shares(table: pd.DataFrame, *, ax=None):
    """Stacked shares of negative, neutral and positive sentences per target and source.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.sentiment_by_source` output.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

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
        return _nothing("Share of sentences by label, per target and source",
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
        ax.set_yticks(y, [f"{t} · {s} ({_sentences(k)})" for (t, s), k in zip(cells, n)])
        ax.set_xlim(0, 1)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)
        return _finish(ax, "Share of sentences by label, per target and source",
                       "share of scored sentences")


def plot_target_sentiment(table: pd.DataFrame, *, sources=None, ax=None,
                          random_state: int = 0):
    """Every scored sentence as a dot, per target and source, with the source mean.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.sentiment.target_sentiment` output.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
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
        return _nothing("Each sentence's score toward the target",
                        "no sentence mentions the targets in this corpus", ax=ax)
    colors = _group_colors(table, "source", sources)
    targets, sources = _cells(table)
    cells = [(t, s) for t in targets for s in sources]
    rng = np.random.default_rng(random_state)
    y = np.arange(len(cells))[::-1]
    with figure_style():
        if ax is None:
            longest = max(len(f"{t} · {s}") for t, s in cells)  # tick labels take axes width
            _, ax = plt.subplots(figsize=(min(MAX_FIGSIZE[0], 4.5 + 0.075 * longest),
                                          _height(0.9 + 0.3 * len(cells))),
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
        return _finish(ax, "Each sentence's score toward the target (bar = mean)",
                       "sentence score (-1 negative ... +1 positive)")


# --- topics and terms in context (analysis.topics, analysis.context) -----------------------


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
    by : str, default "source"
        The grouping column of ``table``.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One Axes per group, in sorted order.

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
        return np.array([_nothing(
            f"Most distinctive terms of each {by} (TF-IDF)",
            f"no distinctive terms: TF-IDF needs two or more {by}s with different texts")])
    groups = sorted(table[by].astype(str).unique())
    colors = _group_colors(table, by, sources)
    with figure_style():
        fig, axes = _panels(len(groups), panel_width=2.9, panel_height=0.9 + 0.26 * n_terms,
                            min_height=0.75 + 0.14 * n_terms)
        for ax, group in zip(axes, groups):
            sub = (table[table[by].astype(str) == group].sort_values("rank", kind="stable")
                   .head(n_terms))
            y = np.arange(len(sub))[::-1]
            ax.barh(y, sub["tfidf"], color=colors[group])
            ax.set_yticks(y, sub["term"])
            ax.set_ylim(-0.6, n_terms - 0.4)
            ax.grid(axis="y", visible=False)
            ax.set_title(_wrap(group, _title_width(fig, min(len(axes), MAX_COLUMNS))),
                         loc="left", fontsize=9)
        fig.supxlabel("TF-IDF weight", fontsize=9)
        fig.suptitle(f"Most distinctive terms of each {by} (TF-IDF, the {by} as one document)",
                     x=0.01, ha="left", fontsize=10)
        return axes


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
        return np.array([_nothing("Topics: top terms by weight", "no topics in this table")])
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


def plot_topic_shares(shares: pd.DataFrame, *, sources=None, ax=None):
    """Grouped bars: each topic's share of each source, sources side by side, with intervals.

    A source without intervals (fewer than three articles) has hatched bars without error
    bars, and its legend entry gives the ``reason``.

    Parameters
    ----------
    shares : pandas.DataFrame
        The ``shares`` table of :func:`analysis.topics.tfidf_topics`.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

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
        return _nothing("Topic shares per source", "no topics in this table", ax=ax)
    topics = sorted(shares["topic"].unique())
    labels = shares.drop_duplicates("topic").set_index("topic")["label"]
    colors = _group_colors(shares, "source", sources)
    sources = sorted(shares["source"].astype(str).unique())
    own = ax is None
    with figure_style():
        if own:
            _, ax = plt.subplots(figsize=(8.5, _height(1.0 + 0.22 * len(topics)
                                                       * max(2, len(sources)))))
        height = 0.8 / len(sources)
        row = {t: len(topics) - 1 - i for i, t in enumerate(topics)}
        for k, source in enumerate(sources):
            sub = shares[shares["source"].astype(str) == source].sort_values("topic")
            y = sub["topic"].map(row).to_numpy() + 0.4 - height * (k + 0.5)
            n = int(sub["n_units"].iloc[0])
            note = _missing_note(sub)
            label = f"{source} ({n} units; {note})" if note else f"{source} ({n} units)"
            ci = _has_interval(sub)
            if ci.any():
                ax.barh(y[ci], sub["share"][ci], height=height * 0.9, color=colors[source],
                        xerr=_errors(sub[ci], "share"),
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
        return _finish(ax, "Topic shares per source (bars: 95% interval over articles; "
                       "hatched: no interval)", "mean share of a unit's topic mix")


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
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

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
        return _nothing("Topic stability across reseeded refits",
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
        return _finish(ax, "Topic stability across reseeded refits, against noise",
                       "number of topics", "cosine similarity (matched)")


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
    by : str, default "source"
        The grouping column of ``table``.
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
        return np.array([[_nothing(
            f"Collocates of each target per {by}",
            "no collocates: no mentions of the targets in this corpus,\n"
            "or none above the minimum count")]])
    groups = sorted(table[by].astype(str).unique())
    targets = sorted(table["target"].astype(str).unique())
    colors = _group_colors(table, by, sources)
    xlabel = "log-likelihood G2" if measure == "llr" else "PMI (log2 observed / expected)"
    min_height = 1.0 + 0.16 * n_terms  # three title lines and n_terms readable rows
    # one more column (narrower panels) rather than rows squeezed below min_height
    ncols = next((c for c in range(MAX_COLUMNS, MAX_COLUMNS + 3)
                  if len(targets) * -(-len(groups) // c) * min_height + 0.6 <= MAX_FIGSIZE[1]),
                 MAX_COLUMNS + 2)
    ncols = min(len(groups), ncols)
    per_target = -(-len(groups) // ncols)  # rows of panels per target
    with figure_style():
        fig, grid = _grid(len(targets) * per_target, ncols, panel_width=2.9,
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
                ax.set_title(_wrap(title, _title_width(fig, ncols)), loc="left", fontsize=9)
        fig.supxlabel(xlabel, fontsize=9)
        fig.suptitle(f"Collocates of each target per {by} (number = co-occurrences in the"
                     " window)", x=0.01, ha="left", fontsize=10)
        return axes
def plot_dictionary_frequencies(table: pd.DataFrame, *, by: str = "source", sources=None,
                                ax=None):
    """Dot plot of each dictionary category per 1,000 tokens, groups side by side.

    A filled marker carries its interval (articles as units); a hollow marker is a group with
    too few articles for an interval (its ``reason``), drawn without an error bar.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.dictionary.dictionary_frequencies` output.
    by : str, default "source"
        The grouping column of ``table``.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

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
        return _nothing("Dictionary categories per 1,000 words", "no dictionary counts", ax=ax)
    categories = list(dict.fromkeys(table["category"].astype(str)))
    groups = sorted(table[by].astype(str).unique())
    colors = _group_colors(table, by, sources)
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, _height(1.4 + 0.3 * len(categories)
                                                       * max(1, len(groups)) ** 0.5)),
                                 layout="constrained")
        row = {c: len(categories) - 1 - i for i, c in enumerate(categories)}
        offset = np.linspace(0.3, -0.3, len(groups)) if len(groups) > 1 else [0.0]
        for k, group in enumerate(groups):
            sub = table[table[by].astype(str) == group]
            y = sub["category"].astype(str).map(row).to_numpy() + offset[k]
            has = sub["ci_low"].notna().to_numpy()
            ax.errorbar(sub["per_1k"][has], y[has], xerr=_errors(sub[has], "per_1k"), fmt="o",
                        ms=5, color=colors[group], elinewidth=1, capsize=2, label=group)
            if not has.all():
                ax.plot(sub["per_1k"][~has], y[~has], "o", ms=5, mfc="white",
                        color=colors[group])
        ax.set_yticks([row[c] for c in categories], categories)
        ax.set_ylim(-0.6, len(categories) - 0.4)
        ax.set_xlim(left=0)
        ax.legend(*_source_handles(groups, colors, marker=True), **_below(ax), frameon=False,
                  ncol=min(len(groups), 4),
                  fontsize=7 if len(groups) > 12 else None)
        return _finish(ax, "Dictionary categories per 1,000 words\n(95% interval, articles as "
                       "units; hollow: too few articles)", "matches per 1,000 word tokens")


def plot_confusion_matrix(table: pd.DataFrame, *, comparison: str = "model vs coder", ax=None):
    """Confusion matrix of hand codes (rows) against the model's labels (columns).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.validation.confusion_matrix` output (without ``by`` columns).
    comparison : str, default "model vs coder"
        Which comparison to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

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
        return _nothing("Hand codes against the model", "no coded mentions", ax=ax)
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
        return _finish(ax, f"Hand codes vs {predicted} (n={int(counts.sum())})",
                       predicted, "hand code")


def plot_corrected_by_source(table: pd.DataFrame, *, sources=None, ax=None):
    """Raw model mean and hand-code-corrected mean per source and target, side by side.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.validation.corrected_by_source` output.
    sources : iterable of str, optional
        Every source of the corpus: fixes each source's colour (see :func:`source_colors`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

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
        return _nothing("Raw and corrected mean sentiment", "no mentions of the targets", ax=ax)
    shown = table[table["n_sentences"] > 0].sort_values(["target", "source"],
                                                       kind="stable").reset_index(drop=True)
    colors = _group_colors(table, "source", sources)
    with figure_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, _height(1.4 + 0.42 * len(shown))),
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
            ax.text(1.0, yi, f" {_sentences(row.n_sentences)}, {row.n_coded} coded",
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
        return _finish(ax, "Model mean vs corrected mean (95% CI, articles as units)",
                       "mean portrayal (-1 negative ... +1 positive)")


# --- trends over time (analysis.sentiment with by=[..., <period>]) --------------------------


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
        return np.array([_nothing(title, "no mentions of the targets in this corpus", ax=ax)])
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
    note = (f"{_sentences(undated)} in articles without a date precise to the {column} "
            "(undated) are not on the time axis" if undated else "")
    if dated.empty:
        return np.array([_nothing(title, f"no article dated to the {column} mentions the "
                                         "targets" + (f":\n{note}" if note else ""), ax=ax)])
    periods = _time_axis(table[column], column)
    position = {p: float(i) for i, p in enumerate(periods)}
    targets = sorted(table["target"].unique())
    # colours from every source (the same as in the other figures); offsets and legend only
    # for the sources with a dated point
    colors = _group_colors(table, "source", sources) if has_source \
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
                ci = _has_interval(sub.reset_index()) & ~np.isnan(y)
                if ci.any():
                    panel.errorbar(x[ci], y[ci], yerr=_errors(sub[ci], "mean"), fmt="o", ms=4,
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
