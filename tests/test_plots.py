"""Plots are tested through their artists (bars, labels), never pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import plots
from analysis.freq import term_frequencies
from analysis.keyness import keyness

CORPUS = pd.DataFrame({
    "doc_id": ["a1", "a2", "b1"], "source": ["A", "A", "B"],
    "text": ["EU EU trade mission", "EU trade talks", "US US trade deal talks"],
})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_term_frequency_plot_has_one_series_per_source_and_union_of_terms():
    tf = term_frequencies(CORPUS, n_boot=50)
    ax = plots.plot_term_frequencies(tf, n_terms=2)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top_a = tf[tf.source == "A"].head(2)["term"].tolist()
    top_b = tf[tf.source == "B"].head(2)["term"].tolist()
    assert set(labels) == set(top_a) | set(top_b)
    # two articles in A, one in B: no interval, said in the legend, no error bars drawn
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "A (2 articles: no interval)", "B (1 article: no interval)"]
    assert len(ax.containers) == 0
    assert all(line.get_markerfacecolor() == "white" for line in ax.lines)
    assert "per 1,000" in ax.get_xlabel()


def test_term_frequency_plot_bars_only_where_an_interval_exists():
    tf = pd.DataFrame({"source": ["A", "A", "B"], "term": ["eu", "us", "us"],
                       "count": [3, 1, 2], "per_1k": [30.0, 10.0, 20.0],
                       "ci_low": [20.0, 5.0, np.nan], "ci_high": [40.0, 15.0, np.nan],
                       "reason": ["", "", "2 articles: no interval"]})
    ax = plots.plot_term_frequencies(tf, n_terms=2)
    (bars,) = ax.containers  # A's error bars only
    assert len(bars.lines[2][0].get_segments()) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "A", "B (2 articles: no interval)"]


def test_keyness_plot_one_panel_per_source():
    k = keyness(CORPUS, min_count=1, min_docs=1, min_tokens=1)
    axes = plots.plot_keyness(k, n_terms=2)
    assert [ax.get_title(loc="left") for ax in axes] == ["A vs rest", "B vs rest"]
    assert all(1 <= len(ax.patches) <= 4 for ax in axes)


def test_overview_and_audit_plots():
    ov = pd.DataFrame({"source": ["A", "A", "B"], "doc_id": ["a1", "a2", "b1"],
                       "n_tokens_body": [10, 20, 5], "n_tokens_removed": [1, 2, 3]})
    ax = plots.plot_corpus_overview(ov)
    assert len(ax.patches) == 4  # body + removed for each of two sources
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == [3, 3, 5, 30]
    audit = pd.DataFrame({"source": ["A", "B"], "reason": ["menu/nav", "menu/nav"],
                          "n_docs": [1, 1], "n_lines": [4, 2], "n_tokens": [4, 2]})
    ax = plots.plot_audit_summary(audit)
    assert sorted(p.get_width() for p in ax.patches) == [2, 4]


def test_save_figure_is_byte_stable(tmp_path):
    tf = term_frequencies(CORPUS, n_boot=50)
    one = plots.save_figure(plots.plot_term_frequencies(tf).figure, "x", directory=tmp_path / "1")
    two = plots.save_figure(plots.plot_term_frequencies(tf).figure, "x", directory=tmp_path / "2")
    assert one.read_bytes() == two.read_bytes()
    assert one.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_style_does_not_leak_into_global_rcparams():
    before = dict(matplotlib.rcParams)
    plots.plot_term_frequencies(term_frequencies(CORPUS, n_boot=0))
    assert matplotlib.rcParams["font.size"] == before["font.size"]
    assert matplotlib.rcParams["axes.spines.top"] == before["axes.spines.top"]


def test_source_colors_are_stable():
    assert plots.source_colors(["B", "A"]) == plots.source_colors(["A", "B"])


def test_every_plot_function_is_exported():
    defined = {n for n in vars(plots) if n.startswith("plot_")}
    assert defined and defined <= set(plots.__all__)


def test_confusion_matrix_plot_shows_counts_and_row_shares():
    labels = ["negative", "neutral", "positive"]
    table = pd.DataFrame({"comparison": "model vs coder",
                          "reference": [r for r in labels for _ in labels],
                          "predicted": labels * 3, "count": [3, 1, 0, 0, 2, 2, 0, 0, 4]})
    ax = plots.plot_confusion_matrix(table)
    texts = [t.get_text().split() for t in ax.texts]
    assert texts[0] == ["3", "75%"] and texts[5] == ["2", "50%"] and texts[8] == ["4", "100%"]
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    assert ax.get_title(loc="left") == "Hand codes vs model label (n=12)"
    with pytest.raises(ValueError, match="no rows for comparison"):
        plots.plot_confusion_matrix(table, comparison="coder 2 vs coder")


def test_corrected_plot_has_two_markers_per_cell_and_intervals_where_present():
    nan = float("nan")
    table = pd.DataFrame({"source": ["A", "A", "B"], "target": ["EU", "US", "EU"],
                          "n_mentions": [10, 0, 6], "n_coded": [4, 0, 6],
                          "mean": [-1.2, nan, 0.1], "ci_low": [-1.5, nan, nan],
                          "ci_high": [-0.9, nan, nan], "raw_mean": [-0.1, nan, 0.2],
                          "raw_ci_low": [-0.3, nan, nan], "raw_ci_high": [0.1, nan, nan]})
    ax = plots.plot_corrected_by_source(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["EU · A", "EU · B"]
    points = [line for line in ax.lines if len(line.get_xdata()) == 1]
    segments = [line for line in ax.lines if len(line.get_xdata()) == 2
                and line.get_ydata()[0] == line.get_ydata()[1]]
    assert len(points) == 4  # raw and corrected for two cells (the empty cell is left out)
    assert sorted(tuple(s.get_xdata()) for s in segments) == [(-1.5, -0.9), (-0.3, 0.1)]
    assert ax.get_xlim()[0] <= -1.5  # an unbounded DSL estimate stays on the axis
