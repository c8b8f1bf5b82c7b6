"""analysis.report: the notebooks' prose, written from small hand-checkable tables."""

import math

import pandas as pd
import pytest

from analysis import report
from analysis.paths import SEEDS_DIR

NAN = math.nan


@pytest.mark.parametrize("items, options, expected", [
    ([], {}, "none"),
    ([], {"empty": "no outlet"}, "no outlet"),
    (["EU"], {}, "EU"),
    (["EU", "US"], {}, "EU and US"),
    (["EU", "US", "Armenia"], {}, "EU, US and Armenia"),
    (["a", "b", "c", "d"], {"limit": 3}, "a, b, c and 1 more"),
    (["a", "b", "c"], {"limit": 3}, "a, b and c"),
    ((x for x in [1, 2]), {}, "1 and 2"),  # any iterable, any str()-able item
])
def test_fmt_list(items, options, expected):
    assert report.fmt_list(items, **options) == expected


def test_fmt_list_rejects_a_limit_below_one():
    with pytest.raises(ValueError, match="limit must be at least 1"):
        report.fmt_list(["a"], limit=0)


@pytest.mark.parametrize("value, digits, expected", [
    (0.4533, 0, "45 %"), (0.4533, 1, "45.3 %"), (1.0, 0, "100 %"), (0.0, 0, "0 %"),
    (NAN, 0, "n/a"), (None, 0, "n/a"),
])
def test_fmt_share(value, digits, expected):
    assert report.fmt_share(value, digits=digits) == expected


@pytest.mark.parametrize("corpus, shown", [
    (SEEDS_DIR, True), (SEEDS_DIR / ".." / "seeds", True), ("/data/news.csv", False),
    ("/data/seeds_copy", False),
])
def test_seeds_only_shows_the_note_only_on_the_seeds(corpus, shown):
    note = "**On the seeds.** AzerNews is the EU outlet (45 %)."
    text = report.seeds_only(note, corpus=corpus)
    assert (text == note) is shown
    if not shown:
        assert "45 %" not in text and "AzerNews" not in text and "about the seeds" in text


def test_seeds_only_follows_the_corpus_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_CORPUS", str(tmp_path / "news"))
    assert "this run reads `news`" in report.seeds_only("seed text")
    monkeypatch.delenv("ANALYSIS_CORPUS")
    assert report.seeds_only("seed text") == "seed text"


def overview(sources, docs, raw, body):
    return pd.DataFrame({"source": sources, "doc_id": docs, "n_tokens_raw": raw,
                         "n_tokens_body": body,
                         "n_tokens_removed": [r - b for r, b in zip(raw, body)]})


@pytest.mark.parametrize("table, expected, absent", [
    (overview(["A", "B", "B"], ["a", "b1", "b2"], [100, 300, 100], [90, 240, 100]),
     ["3 articles from 2 outlets", "Every outlet has fewer than 3 articles (A 1 and B 2)",
      "`b1` of B (240 word tokens, 2.4 times the median", "least from A (10 %",
      "most from B (15 %)"], []),
    (overview(["A"] * 3 + ["B"], list("abcd"), [10, 10, 10, 10], [10, 10, 10, 5]),
     ["1 of 2 outlets have fewer than 3 articles (B 1)", "most from B (50 %)"], ["Every"]),
    (overview(["A"], ["a"], [50], [40]),
     ["1 article from 1 outlet.", "removes 20 % of the word tokens"], ["longest"]),
])
def test_overview_note(table, expected, absent):
    text = " ".join(report.overview_note(table).split())
    for part in expected:
        assert part in text
    for part in absent:
        assert part not in text


def test_overview_note_on_an_empty_table_and_a_missing_column():
    assert report.overview_note(overview([], [], [], [])) == "The corpus has no articles."
    missing = r"overview_note: the table is missing column\(s\) n_tokens_raw"
    with pytest.raises(KeyError, match=missing):
        report.overview_note(pd.DataFrame({"source": [], "doc_id": [], "n_tokens_body": [],
                                           "n_tokens_removed": []}))
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        report.overview_note([1, 2])


def test_audit_note_counts_reasons_and_moved_lines():
    summary = pd.DataFrame({"source": ["A", "A", "B", "B"],
                            "reason": ["menu/nav", "dateline", "menu/nav", "title"],
                            "n_lines": [4, 1, 2, 3], "n_tokens": [8, 1, 2, 9]})
    text = " ".join(report.audit_note(summary).split())
    assert "10 lines (20 word tokens)" in text
    assert "menu/nav (6 lines), title (3) and dateline (1)" in text
    assert "A menu/nav (4 lines), B title (3)" in text
    assert "4 of these lines (titles, datelines) moved" in text
    empty = summary.iloc[:0]
    assert report.audit_note(empty).startswith("Cleaning removed no line")


@pytest.mark.parametrize("sources, expected", [
    (["A", "B"], "No outlet has at least 3 articles (A 1 article and B 1 article)"),
    (["A"] * 3 + ["B"] * 3, "Every outlet has at least 3 articles"),
    (["A"] * 4 + ["B"] * 2, "1 of 2 outlets has at least 3 articles and gets intervals (A). "
                            "The others (B 2 articles) get none and are drawn as X"),
])
def test_articles_note(sources, expected):
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(sources))], "source": sources})
    assert expected in " ".join(report.articles_note(corpus, drawn_as="drawn as X").split())


def test_terms_and_keyness_notes():
    terms = pd.DataFrame({"source": ["A", "A", "B"], "term": ["gas", "oil", "oil"],
                          "count": [2, 2, 7]})
    # a tie goes to the alphabetically first term
    assert report.terms_note(terms) == 'The most frequent term: "gas" in A, "oil" in B.'
    key = pd.DataFrame({"source": ["A", "A", "A", "A", "B"],
                        "term": ["w", "x", "y", "z", "v"], "g2": [5.0, 9.0, 7.0, -9.0, 3.0],
                        "p_adjusted": [0.01, 0.02, 0.2, 0.01, 0.04]})
    text = " ".join(report.keyness_note(key, n_terms=1).split())
    assert "4 of 5 terms survive" in text
    assert "surviving: A x; B v." in text  # the strongest over-used one; z is under-used


def test_tfidf_note_orders_by_rank():
    distinctive = pd.DataFrame({"source": ["A", "A", "A", "B"], "term": ["c", "a", "b", "d"],
                                "rank": [3, 1, 2, 1]})
    text = " ".join(report.tfidf_note(distinctive, n_terms=2).split())
    assert text.startswith('Most distinctive: A "a", "b"; B "d".')
    assert "With 2 outlets" in text


def test_stability_note_names_the_suggestion_and_the_runner_up():
    stability = pd.DataFrame({"n_topics": [2, 3, 4, 5], "stability": [0.4, 0.9, 0.95, 0.8],
                              "null_high": [0.9, 0.92, 0.96, 0.91],
                              "corrected": [-2.0, 0.66, 0.65, 0.1],
                              "n_reproducible": [0, 1, 2, 1],
                              "suggested": [False, True, False, False]})
    text = " ".join(report.stability_note(stability).split())
    assert "from 0.40 (2 topics) to 0.95 (4 topics)" in text
    assert "reach 0.90 to 0.96" in text
    assert "No topic is reproducible with 2 topics." in text
    assert "suggests 3 topics (0.66, against 0.65 for 4)" in text
    none = stability.assign(suggested=False)
    assert "No number of topics is suggested" in report.stability_note(none)


def test_topic_shares_note():
    terms = pd.DataFrame({"topic": [1, 2, 3], "label": ["1: a", "2: b", "3: c"],
                          "reproducible": [True, True, True]})
    shares = pd.DataFrame({"source": ["A", "A", "A"], "label": ["1: a", "2: b", "3: c"],
                           "share": [0.2, 0.5, 0.3]})
    text = " ".join(report.topic_shares_note(terms, shares).split())
    assert text == ("3 of 3 topics are clearly more stable than the shuffled-word null (1: a, 2: b "
                    "and 3: c). Each outlet's largest topic: A 2: b (50 %).")


def test_collocations_note_one_bullet_per_target():
    colloc = pd.DataFrame({"source": ["A", "A", "B", "A"], "target": ["EU", "EU", "EU", "US"],
                           "term": ["x", "y", "z", "w"], "count": [2, 5, 3, 2],
                           "n_mentions": [9, 9, 12, 4], "rank": [2, 1, 1, 1]})
    lines = report.collocations_note(colloc, sources=["A", "B", "C"]).split("\n")
    assert lines == ['- **EU**: B (12 mentions; "z" 3 times nearby), A (9; "y" 5); no collocate '
                     'in C.',
                     '- **US**: A (4 mentions; "w" 2 times nearby); no collocate in B and C.']


def test_sentiment_note_orders_means_and_flags_thin_cells():
    by_source = pd.DataFrame({"source": ["A", "B", "C", "A"],
                              "target": ["EU", "EU", "EU", "US"],
                              "n_sentences": [10, 3, 0, 1], "n_docs": [2, 1, 0, 1],
                              "mean": [0.2, -0.004, NAN, -0.5]})
    text = report.sentiment_note(by_source)
    assert ("- **EU**: B 0.00 (3 sentences, 1 article), A 0.20 (10 sentences, 2 articles); "
            "no mention in C.") in text
    assert "- **US**: A \u22120.50 (1 sentence, 1 article)." in text
    assert "Fewer than 5 sentences say little about an outlet: B on EU (3) and A on US (1)." \
        in text


def test_sample_note():
    scores = pd.DataFrame({"source": ["A"] * 10 + ["B"] * 2 + ["C"] * 6, "target": "EU"})
    sample = scores.iloc[[0, 1, 2, 10, 11, 12, 13, 14]]
    text = " ".join(report.sample_note(sample, scores).split())
    assert text == ("8 of 18 mentions drawn (44 %) from 3 outlet × target cells: 1 cell with few "
                    "mentions is taken whole (B–EU), the other 2 give 3 drawn at random.")


def agreement(acc, kappa, n, *, comparison="model vs coder"):
    return pd.DataFrame({"comparison": comparison, "statistic": ["accuracy", "kappa"],
                         "value": [acc, kappa], "ci_low": [acc - 0.1, kappa - 0.1],
                         "ci_high": [acc + 0.1, kappa + 0.1], "n": [n, n]})


def test_agreement_note_and_trained_note():
    table = agreement(0.5, 0.3, 40)
    text = " ".join(report.agreement_note(table, strict=agreement(0.6, 0.4, 30)).split())
    assert "on 50 % of the 40 coded mentions (95 % interval 40 % to 60 %)" in text
    assert "kappa is 0.30 (0.20 to 0.40)" in text
    assert "(30 mentions remain): accuracy 60 %, kappa 0.40." in text
    text = " ".join(report.trained_note(agreement(0.7, 0.5, 40), table).split())
    assert text == ("Trained on the codes of the other articles, the model is right on 70 % of "
                    "the 40 mentions (the default method: 50 %).")


def test_notes_say_when_nothing_is_coded():
    uncoded = agreement(NAN, NAN, 0)
    assert "No mention of the coding sheet is coded yet" in report.agreement_note(uncoded)
    assert report.trained_note(uncoded, uncoded).startswith("No held-out labels")
    corrected = pd.DataFrame({"source": ["A"], "target": ["EU"], "raw_mean": [0.5],
                              "mean": [NAN], "n_coded": [0]})
    assert report.corrected_note(corrected).startswith("No corrected estimate yet")


def test_corrected_note_flags_means_outside_the_scale():
    corrected = pd.DataFrame({"source": ["A", "B"], "target": ["EU", "EU"],
                              "raw_mean": [0.1, -0.2], "mean": [0.3, -1.25], "n_coded": [5, 6]})
    text = report.corrected_note(corrected)
    assert text.startswith("- **EU** (model mean → corrected): B \u22120.20 → \u22121.25 "
                           "(6 coded), A 0.10 → 0.30 (5 coded).")
    assert "(B on EU \u22121.25)" in " ".join(text.split())


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"cells": ["A 1"]}, "- **EU**: A 1."),
    ({"cells": []}, "- **EU**: none."),
    ({"cells": [], "empty": "no scored sentence", "absent": ["B"]},
     "- **EU**: no scored sentence; no mention in B."),
    ({"cells": ["A 1"], "heading": "(x)", "absent": list("BCDEFGHIJK"), "absent_as": "not coded:"},
     "- **EU** (x): A 1; not coded: B, C, D, E, F, G, H, I and 2 more."),
])
def test_target_bullet_is_the_one_per_target_line(kwargs, expected):
    from analysis.report.prose import target_bullet
    cells = kwargs.pop("cells")
    assert target_bullet("EU", cells, **kwargs) == expected
