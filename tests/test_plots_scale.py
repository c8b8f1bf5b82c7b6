"""Figures at many outlets (issue 22): one colour per source everywhere, bounded sizes, and no
text outside its figure or over a title, on synthetic corpora of 3, 12 and 25 sources.

Checked through the artists and the renderer's bounding boxes, never pixels.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from benchscripts import load_bench
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.text import Text

from analysis import plots
from analysis.context import collocations
from analysis.dictionary import dictionary_frequencies
from analysis.freq import term_frequencies
from analysis.keyness import keyness
from analysis.sentiment import sentiment_by_source, target_sentiment
from analysis.topics import tfidf_terms

VOCAB = ("gas pipeline energy corridor trade tariff border peace treaty summit visit army "
         "drill election court ruling harvest grain bank loan bond port ferry railway").split()
SENTENCES = ["The EU criticised the {a} deal harshly.", "The US praised the {a} progress warmly.",
             "Armenia welcomed the {a} and the {b}.", "Officials discussed {a} {b} and {c}."]
N_SIZES = [3, 12, 25]


def outlet_names(n: int) -> list[str]:
    """Names of uneven length, as real outlets have (short codes to long titles)."""
    stems = ["Daily", "The Caucasus Review of Politics", "AZ", "Evening Courier", "Region Watch"]
    return [f"{stems[i % len(stems)]} {i:02d}" for i in range(n)]


def synthetic_corpus(n_sources: int, *, n_docs: int = 3, seed: int = 0) -> pd.DataFrame:
    """``n_docs`` articles per source; each source leans on its own words of VOCAB."""
    rng = np.random.default_rng(seed)
    rows = []
    for i, source in enumerate(outlet_names(n_sources)):
        own = [VOCAB[(i + k) % len(VOCAB)] for k in range(4)]
        for d in range(n_docs):
            parts = []
            for _ in range(12):
                words = [own[rng.integers(4)] if rng.random() < 0.7 else
                         VOCAB[rng.integers(len(VOCAB))] for _ in range(3)]
                parts.append(SENTENCES[rng.integers(len(SENTENCES))].format(
                    a=words[0], b=words[1], c=words[2]))
            rows.append({"doc_id": f"{i:02d}_{d}", "source": source, "text": " ".join(parts)})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module", params=N_SIZES, ids=lambda n: f"{n}_sources")
def figures(request):
    """Every source-coloured figure of the notebooks, drawn from one synthetic corpus."""
    corpus = synthetic_corpus(request.param)
    sources = corpus["source"]
    scores = target_sentiment(corpus)
    by_source = sentiment_by_source(scores, sources=sources, targets=["EU", "US", "Armenia"],
                                    n_boot=50)
    colloc = pd.concat([collocations(corpus, t, window=5) for t in ("EU", "US", "Armenia")],
                       ignore_index=True)
    themes = {"energy": ["gas", "energy", "pipeline"], "peace": ["peace", "treaty", "border"]}
    tf = term_frequencies(corpus, n_boot=50)
    drawn = {
        "top_terms": plots.plot_term_frequencies(tf, n_terms=6, sources=sources),
        "keyness": plots.plot_keyness(
            keyness(corpus, min_count=1, min_tokens=1, max_size_ratio=100), n_terms=8,
            sources=sources),
        "tfidf": plots.plot_tfidf_terms(tfidf_terms(corpus, min_count=1), n_terms=8,
                                        sources=sources),
        "collocations": plots.plot_collocations(colloc, n_terms=6, sources=sources),
        "by_source": plots.plot_sentiment_by_source(by_source, sources=sources),
        "sentence_scores": plots.plot_target_sentiment(scores, sources=sources),
        "dictionary": plots.plot_dictionary_frequencies(
            dictionary_frequencies(corpus, themes), sources=sources),
    }
    yield request.param, sorted(sources.unique()), drawn
    plt.close("all")


def figure_of(result):
    return np.ravel(result)[0].figure if isinstance(result, np.ndarray) else result.figure


def colours_by_source(result, names) -> dict[str, set[str]]:
    """Source -> face colours of the artists labelled with, or titled by, that source."""
    found: dict[str, set[str]] = {}
    axes = np.ravel(result) if isinstance(result, np.ndarray) else [result]
    for ax in axes:
        legend = ax.get_legend()
        if legend is not None:
            for handle, text in zip(legend.legend_handles, legend.get_texts()):
                name = next((n for n in names if text.get_text().split(" (")[0] == n), None)
                if name is not None:
                    colour = (handle.get_color() if hasattr(handle, "get_color")
                              else handle.get_facecolor())
                    if not isinstance(colour, str) and np.ndim(colour) == 2:  # a collection
                        colour = colour[0]
                    found.setdefault(name, set()).add(to_hex(colour))
        # a scatter per (target, source) row: its source is the tick label at its height
        ticks = {round(t, 6): label.get_text() for t, label in
                 zip(ax.get_yticks(), ax.get_yticklabels())}
        for coll in ax.collections:
            offsets = coll.get_offsets()
            if isinstance(coll, PathCollection) and len(offsets):
                label = ticks.get(round(float(np.round(np.mean(offsets[:, 1]))), 6), "")
                name = label.split(" · ")[-1]
                if name in names:
                    found.setdefault(name, set()).update(
                        to_hex(c) for c in coll.get_facecolor())
        title = " ".join(ax.get_title(loc="left").split())  # wrapped titles: one line
        owner = [n for n in names if title == n or title.startswith(f"{n} vs")
                 or f" in {n} (" in title or title.endswith(f" in {n}")]
        if owner and ax.patches:
            # keyness draws insignificant bars pale, in the source's colour only at the edge
            face = {to_hex(p.get_facecolor()) for p in ax.patches} - {"#dddddd"}
            face = face or {to_hex(p.get_edgecolor()) for p in ax.patches}
            found.setdefault(owner[0], set()).update(face)
    return found


def test_each_source_has_one_distinct_colour_the_same_in_every_figure(figures):
    n, names, drawn = figures
    expected = plots.source_colors(names)
    assert len(set(expected.values())) == n  # distinct up to the palette's 30
    for name, result in drawn.items():
        seen = colours_by_source(result, names)
        assert seen, f"{name}: no source colour found"
        for source, colours in seen.items():
            assert colours == {expected[source].lower()}, (name, source, colours)
    # the legends name every source, bars or not (no default-blue swatches)
    for name in ("top_terms", "by_source", "dictionary"):
        legend = drawn[name].get_legend()
        labels = [t.get_text().split(" (")[0] for t in legend.get_texts()]
        assert labels == names, name


def test_colours_follow_the_corpus_not_the_table():
    """A source missing from one table (no collocates, say) keeps its corpus-wide colour."""
    names = outlet_names(5)
    one = plots.source_colors(names)
    table = pd.DataFrame({"source": [names[3]], "target": ["EU"], "term": ["gas"],
                          "count": [3], "llr": [5.0], "pmi": [1.0], "n_mentions": [4],
                          "rank": [1]})
    (ax,) = plots.plot_collocations(table, sources=names).ravel()
    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {one[names[3]].lower()}


def undrawn_ticks(fig) -> set[int]:
    """ids of tick labels outside their axis's view limits (kept by matplotlib, not drawn)."""
    out = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    out.update({id(tick.label1), id(tick.label2)})
    return out


def boxes(fig):
    """(text, window extent) of every drawn, non-empty text of the figure."""
    renderer = fig.canvas.get_renderer()
    skip = undrawn_ticks(fig)
    out = []
    for t in fig.findobj(Text):
        if (t.get_visible() and t.get_text().strip() and id(t) not in skip
                and all(a.get_visible() for a in fig.axes if t in a.findobj(Text))):
            out.append((t, t.get_window_extent(renderer)))
    return out


def test_texts_inside_the_figure_and_off_the_titles(figures):
    n, _, drawn = figures
    for name, result in drawn.items():
        fig = figure_of(result)
        fig.canvas.draw()
        frame = fig.bbox
        found = boxes(fig)
        for text, box in found:
            assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, \
                (name, n, text.get_text(), box, frame)
            assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1, \
                (name, n, text.get_text(), box, frame)
        titles = [(t, b) for t, b in found if t is getattr(fig, "_suptitle", None)
                  or any(t is ax.title or t is ax._left_title for ax in fig.axes)]
        for title, tbox in titles:
            for text, box in found:
                if text is title or not tbox.overlaps(box):
                    continue
                # a box touching by a pixel is not an overlap
                overlap_h = min(tbox.y1, box.y1) - max(tbox.y0, box.y0)
                overlap_w = min(tbox.x1, box.x1) - max(tbox.x0, box.x0)
                assert overlap_h <= 1 or overlap_w <= 1, \
                    (name, n, title.get_text(), text.get_text())


def test_tick_labels_do_not_overlap_each_other(figures):
    n, _, drawn = figures
    for name, result in drawn.items():
        fig = figure_of(result)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels()
                     if t.get_visible() and t.get_text()]
            ticks.sort(key=lambda b: b.y0)
            for low, high in zip(ticks, ticks[1:]):
                assert high.y0 >= low.y1 - 1.5, (name, n, ax.get_title(loc="left"))


def test_figure_sizes_are_bounded(figures):
    n, _, drawn = figures
    for name, result in drawn.items():
        width, height = figure_of(result).get_size_inches()
        assert width <= plots.MAX_FIGSIZE[0] and height <= plots.MAX_FIGSIZE[1], \
            (name, n, width, height)


def test_keyness_and_tfidf_wrap_into_rows_instead_of_one_wide_row(figures):
    n, _, drawn = figures
    for name in ("keyness", "tfidf"):
        axes = drawn[name]
        assert len(axes) == n  # one panel per source, every one present
        columns = {round(ax.get_position().x0, 3) for ax in axes}
        assert len(columns) == min(n, plots.MAX_COLUMNS)


def test_top_terms_are_capped(figures):
    _, _, drawn = figures
    ax = drawn["top_terms"]
    assert len(ax.get_yticklabels()) <= 25


@pytest.mark.parametrize("n, expected", [(8, 8), (30, 30), (31, 30)])
def test_palette_has_distinct_colours_up_to_30_then_grey(n, expected):
    colours = plots.source_colors([f"s{i:02d}" for i in range(n)])
    assert len(set(colours.values()) - {plots.OTHER_COLOR}) == expected
    if n > 30:
        assert colours["s30"] == plots.OTHER_COLOR


def test_palette_stays_apart_under_simulated_colour_blindness():
    """The palette's promise (bench/palette.py): any two of its 30 colours differ by at least
    Delta E 10 in CIELAB, for normal vision and simulated protan-, deuter- and tritanopia."""
    min_distance = load_bench("palette").min_distance
    assert plots.PALETTE[:8] == ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                 "#D55E00", "#F0E442", "#000000"]  # Okabe-Ito first
    assert len(plots.PALETTE) == 30
    assert min_distance(plots.PALETTE) >= 10
    assert min_distance(plots.PALETTE[:12]) >= 15
