"""User dictionaries: glob categories counted per source with article-level intervals."""

import json

import numpy as np
import pandas as pd
import pytest

from analysis.dictionary import dictionary_frequencies, read_dictionary
from analysis.intervals import ratio_interval
from analysis.plots import plot_dictionary_frequencies


def corpus(*texts, source="X"):
    return pd.DataFrame({"doc_id": [f"{source}{i}" for i in range(len(texts))],
                         "source": source, "text": list(texts)})


def count(text, patterns):
    return int(dictionary_frequencies(corpus(text), {"c": patterns})["count"].iloc[0])


@pytest.mark.parametrize("text, patterns, expected", [
    ("Security and secure borders", ["secur*"], 2),
    ("defence or defense, not defiance", ["defen?e"], 2),
    ("The U.S. and the United States", ["US"], 1),             # tokens: "US", "united", "states"
    ("The United States and the US", ["united states"], 1),    # a two-word pattern
    ("a peace treaty, peace talks, treaty of peace", ["peace treat*"], 1),  # words in order
    ("Security", ["secur*", "security"], 1),                   # one token counts once a category
    ("SECURITY Security security", ["security"], 3),           # case ignored
    ("Armenia’s claims", ["armenia"], 1),                      # possessive gone, as tokenize does
    ("let us see", ["US"], 1),                                 # known limit: the pronoun matches
    ("nothing here", ["secur*"], 0),
])
def test_pattern_counts(text, patterns, expected):
    assert count(text, patterns) == expected


def test_one_token_may_count_in_several_categories_and_zero_rows_stay():
    t = dictionary_frequencies(corpus("security trade"),
                               {"a": ["secur*"], "b": ["secur*", "trad*"], "none": ["xyz"]})
    assert t["category"].tolist() == ["a", "b", "none"]  # dictionary order
    assert t["count"].tolist() == [1, 2, 0]
    assert t["n_docs_matched"].tolist() == [1, 1, 0]


def test_rates_and_intervals_use_articles_as_units():
    texts = ["peace " * 2 + "word " * 8, "peace " + "word " * 9, "word " * 20]  # 2/10, 1/10, 0/20
    t = dictionary_frequencies(corpus(*texts), {"peace": ["peace"]})
    row = t.iloc[0]
    assert (row["count"], row["n_tokens"], row["n_docs"]) == (3, 40, 3)
    assert row["per_1k"] == pytest.approx(75.0)
    ref = ratio_interval([2, 1, 0], [10, 10, 20])
    assert row["ci_low"] == pytest.approx(1000 * ref.ci_low)
    assert row["ci_high"] == pytest.approx(1000 * ref.ci_high)
    assert row["ci_low"] < row["per_1k"] < row["ci_high"] and row["reason"] == ""


def test_groups_below_three_articles_have_no_interval_and_say_why():
    both = pd.concat([corpus("peace now", "peace"), corpus("peace", source="Y")])
    t = dictionary_frequencies(both, {"peace": "peace"})
    assert t["source"].tolist() == ["X", "Y"]
    assert t["ci_low"].isna().all() and t["ci_high"].isna().all()
    assert t["reason"].tolist() == ["2 articles: no interval", "1 article: no interval"]


def test_dictionary_files(tmp_path):
    (tmp_path / "d.json").write_text(json.dumps({"eco": ["econom*"]}), encoding="utf-8")
    (tmp_path / "d.yaml").write_text("eco:\n  - econom*\npeace: peace treat*\n", encoding="utf-8")
    assert read_dictionary(tmp_path / "d.json") == {"eco": ["econom*"]}
    assert read_dictionary(str(tmp_path / "d.yaml")) == {"eco": ["econom*"],
                                                         "peace": ["peace treat*"]}
    (tmp_path / "bad.json").write_text("{eco: 1", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.json: not valid JSON"):
        read_dictionary(tmp_path / "bad.json")
    (tmp_path / "d.txt").write_text("eco", encoding="utf-8")
    with pytest.raises(ValueError, match=r"d\.txt: a dictionary file is \.json, \.yml or \.yaml"):
        read_dictionary(tmp_path / "d.txt")
    with pytest.raises(ValueError, match="no such dictionary file"):
        read_dictionary(tmp_path / "missing.yaml")


@pytest.mark.parametrize("dictionary, message", [
    ({}, "non-empty mapping"),
    (["secur*"], "non-empty mapping"),
    ({"eco": []}, "category 'eco' has no patterns"),
    ({"eco": ["econom*", 3]}, "category 'eco': pattern 3 is not a word pattern"),
    ({"eco": ["--"]}, "pattern '--' is not a word pattern"),
    ({"": ["x"]}, "category names must be non-empty"),
])
def test_bad_dictionaries_are_refused(dictionary, message):
    with pytest.raises(ValueError, match=message):
        read_dictionary(dictionary)


def test_bad_corpora_are_refused():
    with pytest.raises(KeyError, match="missing column"):
        dictionary_frequencies(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), {"c": "x"})
    with pytest.raises(ValueError, match="doc_id 'X0': 'text' is not text"):
        dictionary_frequencies(corpus(np.nan), {"c": "x"})


def test_plot_marks_groups_without_interval_hollow():
    t = dictionary_frequencies(pd.concat([corpus("peace a", "peace b c", "d"),
                                          corpus("peace", source="Y")]), {"peace": "peace"})
    ax = plot_dictionary_frequencies(t)
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [1000.0]
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["X", "Y"]
