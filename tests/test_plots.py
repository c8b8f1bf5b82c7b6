"""Plots are tested through their artists (bars, labels), never pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

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


# --- small and plain corpora (issue 23 item 4): a figure that says so, never an error --------

def _texts(result):
    """Every text of the figure(s) behind a plot function's result."""
    axes = np.ravel(result) if isinstance(result, np.ndarray) else [result]
    return " ".join(t.get_text() for ax in axes for t in ax.figure.findobj(Text))


EMPTY = [
    ("plot_corpus_overview", ["source", "doc_id", "n_tokens_body", "n_tokens_removed"],
     "no articles in this corpus"),
    ("plot_audit_summary", ["source", "reason", "n_docs", "n_lines", "n_tokens"],
     "cleaning removed no lines"),
    ("plot_term_frequencies", ["source", "term", "count", "per_1k", "ci_low", "ci_high"],
     "no terms in this corpus"),
    ("plot_keyness", ["source", "term", "g2", "log_ratio", "p_adjusted"],
     "keyness needs two or more sources"),
    ("plot_sentiment_by_source", ["source", "target", "n_sentences", "mean", "ci_low",
                                  "ci_high"], "no mentions of the targets"),
    ("plot_sentiment_shares", ["source", "target", "n_sentences", "share_negative",
                               "share_neutral", "share_positive"],
     "no mentions of the targets"),
    ("plot_target_sentiment", ["source", "target", "score"], "no sentence mentions"),
    ("plot_tfidf_terms", ["source", "term", "count", "tfidf", "rank"],
     "TF-IDF needs two or more sources"),
    ("plot_topic_terms", ["topic", "label", "term", "weight", "rank", "stability",
                          "reproducible"], "no topics"),
    ("plot_topic_shares", ["source", "topic", "label", "n_units", "share", "ci_low",
                           "ci_high"], "no topics"),
    ("plot_topic_stability", ["n_topics", "stability", "min_stability", "n_reproducible",
                              "suggested"], "no numbers of topics"),
    ("plot_collocations", ["source", "target", "term", "count", "llr", "pmi", "n_mentions",
                           "rank"], "no mentions of the targets in this corpus"),
    ("plot_dictionary_frequencies", ["source", "category", "per_1k", "ci_low", "ci_high",
                                     "reason"], "no dictionary counts"),
    ("plot_confusion_matrix", ["comparison", "reference", "predicted", "count"],
     "no coded mentions"),
    ("plot_corrected_by_source", ["source", "target", "n_sentences", "mean", "raw_mean"],
     "no mentions of the targets"),
    ("plot_sentiment_trend", ["source", "month", "target", "n_sentences", "mean", "ci_low",
                              "ci_high", "reason"], "no mentions of the targets in this corpus"),
]


def test_every_plot_function_has_an_empty_row():
    named = {name for name in plots.__all__ if name.startswith("plot_")}
    assert named == {name for name, _, _ in EMPTY}


@pytest.mark.parametrize("name, columns, message", EMPTY, ids=[e[0] for e in EMPTY])
def test_an_empty_table_gives_a_figure_that_says_so(name, columns, message):
    result = getattr(plots, name)(pd.DataFrame(columns=columns))
    assert message in _texts(result).replace("\n", " ")
    plt.close("all")


ONE_ROW = [
    ("plot_corpus_overview", {"source": "A", "doc_id": "a", "n_tokens_body": 10,
                              "n_tokens_removed": 0}, 2),  # body and removed, stacked
    ("plot_audit_summary", {"source": "A", "reason": "menu/nav", "n_docs": 1, "n_lines": 2,
                            "n_tokens": 3}, 1),
    ("plot_term_frequencies", {"source": "A", "term": "eu", "count": 1, "per_1k": 5.0,
                               "ci_low": np.nan, "ci_high": np.nan}, 0),
    ("plot_keyness", {"source": "A", "term": "eu", "g2": 4.0, "log_ratio": 1.0,
                      "p_adjusted": 0.01}, 1),
    ("plot_sentiment_by_source", {"source": "A", "target": "EU", "n_sentences": 1,
                                  "mean": 0.2, "ci_low": np.nan, "ci_high": np.nan}, 1),
    ("plot_sentiment_shares", {"source": "A", "target": "EU", "n_sentences": 1,
                               "share_negative": 0.0, "share_neutral": 1.0,
                               "share_positive": 0.0}, 3),
    ("plot_target_sentiment", {"source": "A", "target": "EU", "score": 0.1}, 0),
    ("plot_tfidf_terms", {"source": "A", "term": "gas", "count": 2, "tfidf": 1.0,
                          "rank": 1}, 1),
    ("plot_topic_terms", {"topic": 1, "label": "1: gas", "term": "gas", "weight": 0.5,
                          "rank": 1, "stability": float("nan"), "reproducible": False}, 1),
    ("plot_topic_shares", {"source": "A", "topic": 1, "label": "1: gas", "n_units": 2,
                           "share": 1.0, "ci_low": np.nan, "ci_high": np.nan}, 1),
    ("plot_topic_stability", {"n_topics": 2, "stability": 0.9, "min_stability": 0.8,
                              "n_reproducible": 2, "suggested": True}, 0),
    ("plot_collocations", {"source": "A", "target": "EU", "term": "visa", "count": 2,
                           "llr": 3.0, "pmi": 1.0, "n_mentions": 2, "rank": 1}, 1),
]


@pytest.mark.parametrize("name, row, n_bars", ONE_ROW, ids=[r[0] for r in ONE_ROW])
def test_a_one_row_table_draws_its_row(name, row, n_bars):
    result = getattr(plots, name)(pd.DataFrame([row]))
    axes = np.ravel(result) if isinstance(result, np.ndarray) else [result]
    assert sum(len(ax.patches) for ax in axes) == n_bars
    assert "in this corpus" not in _texts(result)
    plt.close("all")


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
                          "n_sentences": [10, 0, 6], "n_coded": [4, 0, 6],
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


# --- trends over time ---------------------------------------------------------------------

def _trend():
    nan = float("nan")
    return pd.DataFrame({
        "source": ["A"] * 4 + ["B"] * 4 + ["A", "B"],
        "month": ["2025-01", "2025-02", "2025-04", "undated"] * 2 + ["2025-01", "2025-01"],
        "target": ["EU"] * 8 + ["US", "US"],
        "n_sentences": [6, 0, 2, 3, 1, 4, 0, 0, 0, 0],
        "mean": [0.2, nan, -0.3, 0.1, 0.5, -0.1, nan, nan, nan, nan],
        "ci_low": [0.1, nan, nan, 0.0, nan, -0.3, nan, nan, nan, nan],
        "ci_high": [0.3, nan, nan, 0.2, nan, 0.1, nan, nan, nan, nan],
        "reason": ["", "no mentions", "1 article: no interval", "", "1 article: no interval",
                   "", "no mentions", "no mentions", "no mentions", "no mentions"]})


def test_sentiment_trend_draws_gaps_intervals_and_the_undated_count():
    axes = plots.plot_sentiment_trend(_trend())
    assert [ax.get_title(loc="left") for ax in axes] == ["EU", "US"]
    eu = axes[0]
    # March has no row at all and February none for A: both are on the axis, as gaps
    assert [t.get_text() for t in axes[-1].get_xticklabels()] == \
        ["2025-01", "2025-02", "2025-03", "2025-04"]
    colors = plots.source_colors(["A", "B"])
    lines = [ln for ln in eu.lines if ln.get_linestyle() == "-" and len(ln.get_xdata()) == 4]
    assert [ln.get_color() for ln in lines] == [colors["A"], colors["B"]]
    a_line = np.asarray(lines[0].get_ydata(), dtype=float)
    assert np.isnan(a_line).tolist() == [False, True, True, False]  # never bridged
    # error bars only where the interval exists: A in January and B in February
    bars = [c for c in eu.containers if c.has_yerr]
    segments = [seg for c in bars for seg in c.lines[2][0].get_segments()]
    assert sorted((round(s[0][1], 3), round(s[1][1], 3)) for s in segments) == \
        [(-0.3, 0.1), (0.1, 0.3)]
    hollow = [ln for ln in eu.lines if ln.get_markerfacecolor() == "white"]
    assert sum(len(ln.get_xdata()) for ln in hollow) == 2  # A April, B January
    assert "3 sentences in articles without a date precise to the month" in \
        axes[-1].get_xlabel()
    assert "no dated sentence mentions US" in [t.get_text() for t in axes[1].texts]
    legend = axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["A", "B"]
    plt.close("all")


def test_sentiment_trend_says_why_nothing_is_drawn():
    only_undated = _trend().assign(month="undated").drop_duplicates(["source", "target"])
    result = plots.plot_sentiment_trend(only_undated)
    text = _texts(result).replace("\n", " ")
    assert "no article dated to the month mentions the targets" in text
    assert "7 sentences in articles without a date" in text  # 6 (A, EU) + 1 (B, EU)
    plt.close("all")


def test_sentiment_trend_pooled_table_and_errors():
    pooled = _trend().drop(columns="source").iloc[:4]
    (ax,) = plots.plot_sentiment_trend(pooled)
    assert ax.get_legend() is None and len(ax.lines) >= 1
    with pytest.raises(ValueError, match="exactly one period column"):
        plots.plot_sentiment_trend(pooled.drop(columns="month"))
    with pytest.raises(ValueError, match="one Axes per target"):
        _, one = plt.subplots()
        plots.plot_sentiment_trend(_trend(), ax=one)
    yearly = _trend().rename(columns={"month": "period"}).assign(period="2025")
    (eu, _us) = plots.plot_sentiment_trend(yearly.drop_duplicates(["source", "target"]),
                                           period="period")
    assert [t.get_text() for t in _us.get_xticklabels()] == ["2025"]
    plt.close("all")


def test_sentiment_trend_thins_labels_of_a_long_axis():
    months = [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(24)]
    table = pd.DataFrame({"source": "A", "month": months, "target": "EU", "n_sentences": 3,
                          "mean": np.linspace(-0.5, 0.5, 24), "ci_low": np.nan,
                          "ci_high": np.nan, "reason": "2 articles: no interval"})
    (ax,) = plots.plot_sentiment_trend(table, max_ticks=12)
    assert [t.get_text() for t in ax.get_xticklabels()] == months[::2]
    plt.close("all")


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_save_figure_writes_each_format_byte_identically(tmp_path, fmt, magic):
    tf = term_frequencies(CORPUS, n_boot=50)
    one = plots.save_figure(plots.plot_term_frequencies(tf).figure, "x",
                            directory=tmp_path / "1", formats=("png", "svg", "pdf"))
    two = plots.save_figure(plots.plot_term_frequencies(tf).figure, "x",
                            directory=tmp_path / "2", formats=("png", "svg", "pdf"))
    assert one.name == "x.png" and sorted(p.name for p in one.parent.iterdir()) == [
        "x.pdf", "x.png", "x.svg"]
    a, b = (one.with_suffix(f".{fmt}").read_bytes(), two.with_suffix(f".{fmt}").read_bytes())
    assert a.startswith(magic)
    assert a == b
    assert b"CreationDate" not in a and b"<dc:date>" not in a  # no dates in the metadata


@pytest.mark.parametrize("formats", [(), ("jpg",), ("png", "eps")])
def test_save_figure_rejects_unknown_formats(tmp_path, formats):
    fig = plots.plot_term_frequencies(term_frequencies(CORPUS, n_boot=0)).figure
    with pytest.raises(ValueError, match="formats must name"):
        plots.save_figure(fig, "x", directory=tmp_path, formats=formats)


def test_sentiment_trend_keeps_the_corpus_colour_of_each_source():
    corpus_sources = ["A", "AA", "B"]  # "AA" has no row in the trend table
    axes = plots.plot_sentiment_trend(_trend(), sources=corpus_sources)
    colors = plots.source_colors(corpus_sources)
    lines = [ln for ln in axes[0].lines if ln.get_linestyle() == "-" and len(ln.get_xdata()) == 4]
    assert [ln.get_color() for ln in lines] == [colors["A"], colors["B"]]
    assert colors["B"] != plots.source_colors(["A", "B"])["B"]
    plt.close("all")
