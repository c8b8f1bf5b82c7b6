"""Terms in context: KWIC lines bounded by the sentence, hand-counted collocations."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.context import collocations, kwic, target_aliases
from analysis.plots import plot_collocations
from analysis.tokens import normalize_text, sentences


def one(text, doc_id="a", source="X"):
    return pd.DataFrame({"doc_id": [doc_id], "source": [source], "text": [text]})


# --- kwic ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, pattern, window, expected", [
    # the window stops at the sentence end on both sides
    ("Talks stalled. The EU sent envoys. Nobody came.", "EU", 10,
     [("The", "EU", "sent envoys.")]),
    # window counts words on each side
    ("Let us see what the US does next week.", "US", 3,
     [("see what the", "US", "does next week.")]),
    # the country "US" is never the pronoun "us"
    ("Let us go.", "US", 3, []),
    # multi-word pattern, any whitespace between the words
    ("The European  Union and the bloc agreed.", "European Union", 2,
     [("The", "European  Union", "and the")]),
    # a plain lower-case pattern ignores case; "*" stands for a word ending
    ("Peace first. Armenian and Armenia talk peace.", "peace", 1,
     [("", "Peace", "first."), ("talk", "peace", ".")]),
    ("Armenian and Armenia talk.", "Armenia*", 1,
     [("", "Armenian", "and"), ("and", "Armenia", "talk.")]),
    # known limit: a line break ends a sentence, so a name split over two lines is not found
    ("The European\nUnion met.", "European Union", 3, []),
])
def test_kwic_rows(text, pattern, window, expected):
    table = kwic(one(text), pattern, window=window)
    assert list(zip(table["left"], table["match"], table["right"])) == expected


def test_kwic_columns_and_sentence_ids_follow_tokens_sentences():
    c = pd.DataFrame({"doc_id": ["b", "a"], "source": ["Y", "X"],
                      "text": ["No target here. Talks in Brussels ended.",
                               "The EU met. Then the European Union and the EU met again."]})
    table = kwic(c, "EU", window=2)
    assert list(table.columns) == ["source", "doc_id", "sent_id", "target", "left", "match",
                                   "right", "start", "end"]
    assert list(zip(table["source"], table["sent_id"], table["match"])) == [
        ("X", 0, "EU"), ("X", 1, "European Union"), ("X", 1, "EU"), ("Y", 1, "Brussels")]
    sents = sentences(c).set_index(["doc_id", "sent_id"])["sentence"]
    for row in table.itertuples():
        assert sents[row.doc_id, row.sent_id][row.start:row.end] == row.match


def test_kwic_target_name_uses_the_alias_rules():
    text = "A bridge between Europe and Asia. Brussels and the European Union agreed."
    table = kwic(one(text), "EU")
    assert table["match"].tolist() == ["Brussels", "European Union"]
    assert set(table["target"]) == {"EU"}


def test_kwic_lists_dicts_patterns_and_groups():
    c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"],
                      "text": ["Baku and Yerevan met.", "Yerevan hosted Baku."]})
    listed = kwic(c, ["Yerevan", "Armenia"])
    assert set(listed["target"]) == {"Yerevan"} and len(listed) == 2
    both = kwic(c, {"Armenia": ["Yerevan"], "Azerbaijan": ["Baku"]})
    assert both.groupby("target").size().to_dict() == {"Armenia": 2, "Azerbaijan": 2}
    regex = kwic(c, re.compile(r"ba\w+", re.IGNORECASE))
    assert regex["match"].tolist() == ["Baku", "Baku"]
    by_doc = kwic(c, "Baku", by="doc_id")
    assert list(by_doc.columns[:3]) == ["source", "doc_id", "sent_id"]
    assert by_doc["doc_id"].tolist() == ["a", "b"]


@pytest.mark.parametrize("call, match", [
    (lambda: kwic(one("x"), "EU", window=-1), "window must be"),
    (lambda: kwic(one("x"), []), "empty alias list"),
    (lambda: kwic(one("x").drop(columns="text"), "EU"), "missing column"),
    (lambda: target_aliases(pd.DataFrame({"alias": ["x"]})), "missing column"),
    (lambda: collocations(one("x"), "EU", measure="dice"), "measure must be"),
    (lambda: collocations(one("x"), "EU", window=0), "window must be"),
])
def test_context_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- collocations --------------------------------------------------------------------------

# Hand count, window 2, "EU" and "Brussels" as one target, stopwords ("the", "on") never
# collocates but still window positions:
#   s0  the [EU] imposed sanctions on russia  -> window: the imposed sanctions
#   s1  sanctions hurt trade                  -> no mention, no window
#   s2  [Brussels] lifted sanctions           -> window: lifted sanctions
# Collocate tokens in the group: imposed 1, sanctions 3, russia 1, hurt 1, trade 1, lifted 1
# (N = 8); in windows: imposed 1, sanctions 2, lifted 1 (N_w = 4).
HAND = "The EU imposed sanctions on Russia. Sanctions hurt trade. Brussels lifted sanctions."


def test_collocation_counts_by_hand():
    table = collocations(one(HAND), ["EU", "Brussels"], window=2, min_count=1)
    got = table.set_index("term")
    assert got["count"].to_dict() == {"sanctions": 2, "imposed": 1, "lifted": 1}
    assert got["n_total"].to_dict() == {"sanctions": 3, "imposed": 1, "lifted": 1}
    assert set(table["n_mentions"]) == {2} and set(table["target"]) == {"EU"}
    # sanctions: O = [[2, 2], [1, 3]], E11 = 3 * 4 / 8
    o = np.array([2, 2, 1, 3], dtype=float)
    e = np.array([3 * 4 / 8, 5 * 4 / 8, 3 * 4 / 8, 5 * 4 / 8])
    assert got.loc["sanctions", "expected"] == pytest.approx(1.5)
    assert got.loc["sanctions", "llr"] == pytest.approx(2 * np.sum(o * np.log(o / e)))
    assert got.loc["sanctions", "pmi"] == pytest.approx(np.log2(2 / 1.5))
    # imposed: O11 = 1, E11 = 1 * 4 / 8 -> PMI 1 bit
    assert got.loc["imposed", "pmi"] == pytest.approx(1.0)


def test_collocation_window_stops_at_the_sentence_end():
    table = collocations(one(HAND), ["EU", "Brussels"], window=10, min_count=1)
    assert set(table["term"]) == {"imposed", "sanctions", "russia", "lifted"}  # not hurt/trade


def test_a_token_in_two_windows_counts_once():
    table = collocations(one("EU sanctions EU. Talks."), "EU", window=1, min_count=1)
    assert table[["term", "count", "n_mentions"]].values.tolist() == [["sanctions", 1, 2]]


def test_min_count_ranking_and_sources_compared():
    c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                      "text": [HAND, "The EU imposed tariffs. The EU imposed tariffs. Rain fell."]})
    table = collocations(c, ["EU", "Brussels"], window=2, min_count=2)
    assert list(table.columns) == ["source", "target", "term", "count", "n_total", "expected",
                                   "llr", "pmi", "p_value", "n_mentions", "rank"]
    assert table[["source", "term", "count", "rank"]].values.tolist() == [
        ["X", "sanctions", 2, 1], ["Y", "imposed", 2, 1], ["Y", "tariffs", 2, 2]]
    pmi = collocations(c, ["EU", "Brussels"], window=2, min_count=1, measure="pmi")
    x = pmi[pmi.source == "X"]
    assert x["pmi"].is_monotonic_decreasing and x["rank"].tolist() == [1, 2, 3]


def test_collocations_deterministic_and_several_targets():
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
                      "text": ["Yerevan and Baku signed the peace treaty. Baku signed deals."]})
    targets = {"Armenia": ["Yerevan"], "Azerbaijan": ["Baku"]}
    one_run = collocations(c, targets, window=3, min_count=1)
    pd.testing.assert_frame_equal(one_run, collocations(c, targets, window=3, min_count=1))
    assert one_run.groupby("target")["term"].apply(list).to_dict() == {
        "Armenia": ["baku", "signed"], "Azerbaijan": ["signed", "deals", "peace", "yerevan"]}


def test_no_mention_gives_an_empty_table_with_columns():
    table = collocations(one("Nothing to see."), "EU")
    assert table.empty and "llr" in table.columns


def test_plot_collocations_grid():
    c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                      "text": [HAND, "The EU imposed tariffs. The EU imposed tariffs. Rain."]})
    table = collocations(c, ["EU", "Brussels"], window=2, min_count=1)
    axes = plot_collocations(table, n_terms=2)
    assert axes.shape == (1, 2)
    assert [len(ax.patches) for ax in axes.ravel()] == [2, 2]
    assert axes[0, 0].get_title(loc="left") == "EU in X (2 mentions)"
    plt.close("all")


def test_kwic_context_drops_markdown_and_curly_quotes():
    table = kwic(one("Only **irreversible** peace and “lasting” calm."), "peace", window=2)
    assert table[["left", "match", "right"]].values.tolist() == [
        ["Only irreversible", "peace", 'and "lasting"']]


@pytest.mark.parametrize("text, window, expected", [
    # words normalize_text deletes (a lone "**") do not count toward the window
    ("Then a ** ** ** b EU c ** ** d e.", 2, [("a b", "EU", "c d")]),
    # a dash inside the line is a word, not a bullet, however the window is cut
    ("Then a - b EU c - d.", 2, [("- b", "EU", "c -")]),
    ("Then a - b EU c - d.", 3, [("a - b", "EU", "c - d.")]),
    # (known quirk kept) right after the match the side starts a line for the bullet rule
    ("Then EU - c d.", 2, [("Then", "EU", "c d.")]),
    # many mentions in one sentence: each row sees its own neighbours
    ("EU " * 5 + "end.", 1, [("", "EU", "EU")] + [("EU", "EU", "EU")] * 3
     + [("EU", "EU", "end.")]),
    ("EU EU", 0, [("", "EU", ""), ("", "EU", "")]),
])
def test_kwic_windows_around_deleted_words_and_many_mentions(text, window, expected):
    table = kwic(one(text), "EU", window=window)
    assert list(zip(table["left"], table["match"], table["right"])) == expected


def test_kwic_equals_normalizing_each_whole_side():
    # The readable definition (normalize the whole side, then split), on random sentences of
    # the words normalize_text changes; kwic normalizes only the pieces the window needs.
    rng = np.random.default_rng(7)
    words = ["EU", "EU", "**", "*", "***", "**EU**", "-", "•", "1.", "12)", "“q”", "’s", "a",
             "bb", "c.d"]
    spaces = [" ", " ", "  ", "\t", "\u00a0", " \t "]
    texts = ["".join(w + rng.choice(spaces) for w in rng.choice(words, size=rng.integers(1, 40)))
             for _ in range(300)]
    corpus = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(len(texts))], "source": "X",
                           "text": texts})
    sents = sentences(corpus).set_index(["doc_id", "sent_id"])["sentence"]
    for window in (0, 1, 3):
        table = kwic(corpus, "EU", window=window)
        assert len(table) > 300
        for row in table.itertuples():
            sentence = sents[row.doc_id, row.sent_id]
            left = normalize_text(sentence[:row.start]).split()
            right = normalize_text(sentence[row.end:]).split()
            assert (row.left, row.right) == (" ".join(left[max(0, len(left) - window):]),
                                             " ".join(right[:window])), (sentence, row)


@pytest.mark.parametrize("n_mentions", [200, 2000])
def test_kwic_normalizes_a_window_per_mention_not_the_sentence(monkeypatch, n_mentions):
    # Issue 23: each row normalized its whole sentence, so a sentence of m mentions cost m times
    # its length (107 s for "EU " * 30000). Counted in characters, not timed: at most a few
    # windows' worth per mention, whatever the sentence length.
    import analysis.context as context

    seen = []
    monkeypatch.setattr(context, "normalize_text", lambda text: seen.append(len(text))
                        or normalize_text(text))
    table = kwic(one("EU " * n_mentions), "EU", window=8)
    assert len(table) == n_mentions
    assert sum(seen) <= 4 * n_mentions * (8 + 1) * len("EU ")


def test_seed_smoke():
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.paths import SEEDS_DIR

    corpus = clean_corpus(load_corpus(SEEDS_DIR))
    lines = kwic(corpus, "Armenia")
    assert len(lines) > 10 and set(lines["target"]) == {"Armenia"}
    assert (lines["match"].str.len() > 0).all()
    table = collocations(corpus, "US")
    assert (table["count"] >= 2).all() and (table["count"] <= table["n_total"]).all()


@pytest.mark.parametrize("text, target, expected", [
    # a possessive belongs to its word: "sanctions" is the first word after "EU’s"
    ("The EU’s sanctions hit Russia hard today.", "EU", [["sanctions", 1, 1]]),
    ("The EU's sanctions hit Russia hard today.", "EU", [["sanctions", 1, 1]]),
    ("The European Union’s sanctions bite.", ["European Union"], [["sanctions", 1, 1]]),
    # a mention inside a hyphenated word is a mention (as analysis.targets.mentions counts
    # it), and the word is one slot: no "centric" collocate
    ("An Armenia-centric view of Armenia peace.", "Armenia", [["peace", 1, 2], ["view", 1, 2]]),
    # a compound of names splits in two words (as tokenize does): the other name is a word
    ("The Armenia-Azerbaijan talks.", "Armenia", [["azerbaijan", 1, 1]]),
])
def test_collocation_window_counts_words_as_the_tokenizer_does(text, target, expected):
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    table = collocations(c, target, window=1, min_count=1)
    assert table[["term", "count", "n_mentions"]].values.tolist() == expected


def test_collocation_mentions_agree_with_targets_mentions():
    from analysis.targets import mentions

    text = "An Armenia-centric view of Armenia peace. The EU’s sanctions. Pro-EU voices."
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    found = mentions(c)
    for target in ("Armenia", "EU"):
        table = collocations(c, target, window=2, min_count=1)
        assert table["n_mentions"].iloc[0] == (found["target"] == target).sum()


# --- languages: sentence rules, stopwords and lemmas of each article -------------------------

RU_ALIASES = {"EU": ["ЕС"], "Armenia": ["Армения"]}


def test_collocations_drop_russian_function_words_and_use_russian_lemmas():
    text = ("ЕС и Армения подписали соглашение в Брюсселе.\n"
            "ЕС не скрывал, что соглашение важно и что Армения в нём участвует.")
    c = one(text).assign(language="ru")
    table = collocations(c, RU_ALIASES, window=3, min_count=1, lemmatize=True)
    assert not set(table["term"]) & {"и", "в", "что", "нём"}
    # EU, window 3: "и Армения подписали" | "не скрывал , что" -> подписать, скрывать, не
    # (negations stay, as in English) and the other target's name
    eu = table.query("target == 'EU'").set_index("term")["count"].to_dict()
    assert eu == {"Армения": 1, "не": 1, "подписать": 1, "скрывать": 1}
    # Read as English (no language column) the function words are collocates
    plain = collocations(c.drop(columns="language"), RU_ALIASES, window=3, min_count=1)
    assert {"и", "в", "что"} <= set(plain["term"])


def test_kwic_cuts_russian_and_azerbaijani_sentences_by_their_rules():
    c = pd.DataFrame({"doc_id": ["ru", "az", "en"], "source": ["X", "X", "X"],
                      "language": ["ru", "az", "en"],
                      "text": ["В 2024 г. Армения подписала договор. Затем ЕС приветствовал это.",
                               "Bu barədə İ. Əliyev bildirib. Əməkdaşlıq Aİ ilə davam edir.",
                               "Talks stalled. The EU sent envoys."]})
    lines = kwic(c, {"EU": ["ЕС", "Aİ", "EU"]}, window=3)
    assert lines[["doc_id", "sent_id", "left", "match", "right", "start"]].values.tolist() == [
        ["az", 1, "Əməkdaşlıq", "Aİ", "ilə davam edir.", 11],
        ["en", 1, "The", "EU", "sent envoys.", 4],
        ["ru", 1, "Затем", "ЕС", "приветствовал это.", 6]]
    # English rules keep each non-English article as one sentence
    plain = kwic(c.drop(columns="language"), {"EU": ["ЕС", "Aİ", "EU"]}, window=3)
    assert plain["sent_id"].tolist() == [0, 1, 0]


def test_english_context_does_not_depend_on_the_language_column():
    c = one("The EU sanctions hit Russia. EU sanctions expire. Brussels and the EU agreed.")
    tagged = c.assign(language="en")
    pd.testing.assert_frame_equal(kwic(c, "EU"), kwic(tagged, "EU"))
    pd.testing.assert_frame_equal(collocations(c, "EU", window=2, min_count=1),
                                  collocations(tagged, "EU", window=2, min_count=1))
