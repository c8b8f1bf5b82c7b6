"""Figures: ``plot_<measure>(table, *, ax=None) -> Axes`` and :func:`save_figure`.

Plots never compute a measure: each takes exactly the table its measure returns. Style is
applied inside :func:`figure_style` (a ``matplotlib.rc_context``), never by mutating globals,
and :func:`save_figure` writes PNGs with fixed size, DPI and metadata so that two rebuilds are
byte-identical.

One module per concern, each importing only those before it: :mod:`~analysis.plots.style`
(colours, rc settings), :mod:`~analysis.plots.layout` (panel grids, titles, legends,
intervals, empty figures), :mod:`~analysis.plots.save`, then one module per kind of figure:
:mod:`~analysis.plots.overview` (corpus and cleaning), :mod:`~analysis.plots.terms`
(frequencies, keyness, collocations, dictionaries), :mod:`~analysis.plots.topics`,
:mod:`~analysis.plots.sentiment` (with the hand-code validation) and
:mod:`~analysis.plots.trends`. ``from analysis.plots import ...`` works for every name below.
"""

from analysis.plots.overview import plot_audit_summary, plot_corpus_overview
from analysis.plots.save import save_figure
from analysis.plots.sentiment import (
    plot_confusion_matrix,
    plot_corrected_by_source,
    plot_sentiment_by_source,
    plot_sentiment_shares,
    plot_target_sentiment,
)
from analysis.plots.style import (
    MAX_COLUMNS,
    MAX_FIGSIZE,
    OTHER_COLOR,
    PALETTE,
    STYLE,
    figure_style,
    source_colors,
)
from analysis.plots.terms import (
    plot_collocations,
    plot_dictionary_frequencies,
    plot_keyness,
    plot_term_frequencies,
)
from analysis.plots.topics import (
    plot_tfidf_terms,
    plot_topic_shares,
    plot_topic_stability,
    plot_topic_terms,
)
from analysis.plots.trends import plot_sentiment_trend

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
