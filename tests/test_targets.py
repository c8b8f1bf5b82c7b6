"""Tests for analysis.targets: alias table, disambiguation rules, mentions and the audit."""

import pandas as pd
import pytest

from analysis.targets import (
    ALIAS_COLUMNS,
    MENTION_COLUMNS,
    alias_audit,
    alias_table,
    doc_mentions,
    find_mentions,
    mentions,
)


def _found(sentence, **kw):
    return [(m["target"], m["matched"]) for m in find_mentions(sentence, **kw)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "US" is the country, "us" the pronoun
        ("Let us see what the US does.", [("US", "US")]),
        ("Tell us more.", []),
        # dash compounds find the US on either side
        ("U.S.-Azerbaijan relations grew.", [("US", "U.S.")]),
        ("Azerbaijan–United States ties deepened.", [("US", "United States")]),
        ("The US–Azerbaijan charter was signed.", [("US", "US")]),
        # geography is not the EU, "American journalist" is not the state
        ("Azerbaijan is a bridge between Europe and Asia.", []),
        ("Trade routes from Asia to Europe are busy.", []),
        ("Across Europe, prices rose.", []),
        ("American journalist John Smith wrote about Baku.", []),
        ("A European-born analyst spoke.", []),
        ("Latin America watched.", []),
        ("The Council of Europe and the European Court of Human Rights ruled.", []),
        ("The Organization for Security and Co-operation in Europe sent monitors.", []),
        ("The American side insisted on the deal.", [("US", "American")]),
        ("Europe is hopelessly behind the U.S.", [("EU", "Europe"), ("US", "U.S.")]),
        # longest alias wins, institutions and office holders
        ("The European Union and the European Commission agreed.",
         [("EU", "European Union"), ("EU", "European Commission")]),
        ("The bloc's monitors and EUMA left.", [("EU", "The bloc"), ("EU", "EUMA")]),
        ("The Trump administration and Secretary Blinken spoke.",
         [("US", "Trump administration"), ("US", "Blinken")]),
        ("Vice President J.D. Vance met Pashinyan.", [("US", "J.D. Vance"),
                                                      ("Armenia", "Pashinyan")]),
        ("The Armenian National Committee of America lobbied.",
         [("Armenia", "Armenian National Committee of America")]),
        ("The White House and the State Department replied.",
         [("US", "White House"), ("US", "State Department")]),
        ("Armenians and Armenia's government.", [("Armenia", "Armenians"),
                                                 ("Armenia", "Armenia")]),
        # other entities named after a capital
        ("The Washington Post reported it.", []),
        ("A statue of George Washington.", []),
        # known limit: an all-caps line may use "US" as the pronoun, so it is not counted
        ("LET US TALK ABOUT PEACE", []),
    ],
    ids=["US-vs-us", "us-only", "US-dash-left", "US-dash-right", "US-endash", "between-continents",
         "route", "across-europe", "american-journalist", "european-born", "latin-america",
         "council-of-europe", "osce",
         "american-side", "behind", "longest", "bloc-euma", "office-holders", "vance-pashinyan",
         "lobby", "institutions", "armenians", "washington-post", "george-washington",
         "shouted-limit"],
)
def test_find_mentions(sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("Talks were held in Brussels on Monday.", True),
        ("Blinken's visit to Yerevan was brief.", True),
        ("The meeting in Washington ended.", True),
        ("Brussels criticised Baku.", False),
        ("Washington imposed sanctions.", False),
    ],
    ids=["held-in", "visit-to", "meeting-in", "brussels-actor", "washington-actor"],
)
def test_capital_as_venue_is_flagged(sentence, venue):
    capital = [m for m in find_mentions(sentence) if m["kind"] == "capital"]
    assert [m["venue"] for m in capital] == [venue]


def test_offsets_are_end_exclusive():
    s = "Azerbaijan–United States ties and the EU's role."
    assert [s[m["start"]:m["end"]] for m in find_mentions(s)] == ["United States", "EU"]


def test_alias_table_extends_in_one_line():
    table = alias_table({"Russia": ["Russia", "Kremlin", ("Putin", "Putin")]})
    assert list(table.columns) == ALIAS_COLUMNS
    found = find_mentions("The Kremlin and Putin met the EU.", aliases=table)
    assert [(m["target"], m["actor"]) for m in found] == [("Russia", ""), ("Russia", "Putin"),
                                                          ("EU", "")]


def test_alias_table_replace():
    table = alias_table({"Iran": ["Iran", "Tehran"]}, replace=True)
    assert set(table.target) == {"Iran"}
    assert _found("Iran and the EU.", aliases=table) == [("Iran", "Iran")]


def test_actor_recorded_within_target():
    m = find_mentions("President Trump called.")
    assert [(x["target"], x["actor"], x["kind"]) for x in m] == [("US", "Trump",
                                                                  "office_holder")]


def _corpus():
    return pd.DataFrame({
        "doc_id": ["d1", "d2"],
        "source": ["A", "B"],
        "text": ["The EU praised Armenia. Talks were held in Brussels.\nAn American journalist "
                 "wrote that the US lags.", "Nothing about anyone here."],
    })


def test_mentions_table():
    table = mentions(_corpus())
    assert list(table.columns) == MENTION_COLUMNS
    assert table[["sent_id", "target", "alias", "venue"]].values.tolist() == [
        [0, "EU", "EU", False], [0, "Armenia", "Armenia", False], [1, "EU", "Brussels", True],
        [2, "US", "US", False]]
    row = table.iloc[3]
    assert row["sentence"][row["start"]:row["end"]] == "US"


def test_mentions_deterministic_and_empty():
    assert mentions(_corpus()).equals(mentions(_corpus()))
    empty = mentions(_corpus().iloc[1:])
    assert empty.empty and list(empty.columns) == MENTION_COLUMNS


def test_alias_audit_counts_kept_and_dropped():
    audit = alias_audit(_corpus())
    rows = audit[["target", "matched", "status", "n_mentions"]].values.tolist()
    assert ["US", "American", "dropped: nationality (journalist)", 1] in rows
    assert ["EU", "Brussels", "venue", 1] in rows
    assert audit["n_mentions"].sum() == 5


def test_seed_smoke():
    from analysis.corpus import load_corpus

    corpus = load_corpus().rename(columns={"raw_text": "text"})
    table = mentions(corpus)
    assert set(table.target) == {"EU", "US", "Armenia"}
    assert (table["start"] < table["end"]).all()


@pytest.mark.parametrize("pattern, first", [
    ("EU", {"E"}),
    ("[Tt]he bloc", {"T", "t"}),
    ("(?:Ursula )?von der Leyen", {"U", "v"}),
    ("(?:U\\.?S\\.? )?State Department|Department of State", {"U", "S", "D"}),
    ("(?i:eu)", {"e", "E"}),
    ("\\w+ Party", None),        # can start with any word character: no guard
    ("x?", None),                  # can match the empty string: no guard
])
def test_first_characters_of_alias_patterns(pattern, first):
    from analysis.targets import _first_chars, _parser

    chars, empty = _first_chars(_parser.parse(pattern))
    assert (None if chars is None or empty else chars) == first


def test_alias_pattern_without_a_first_character_set_still_matches():
    aliases = alias_table(replace=True)
    aliases.loc[0] = ["Party", "Party", "[A-Z]\\w+ Party", "name", ""]
    assert _found("Then the Green Party spoke.", aliases=aliases) == [("Party", "Green Party")]


@pytest.mark.parametrize("text", [
    "The EU met. Nothing here. Then Washington and Yerevan spoke.",
    "No mention at all.\nStill none.",
    "Talks in Brussels.\nU.S.-Azerbaijan ties grew. The bloc agreed.",
    "A bridge between Europe and Asia. An American journalist wrote about the American side.",
    # the longest alias wins where a shorter one starts at the same place
    "The EU Mission in Armenia and the U.S. State Department met Pashinyan's team.",
])
def test_doc_mentions_equal_searching_every_sentence(text):
    from analysis.tokens import sentence_spans

    expected = [(i, text[a:b], m) for i, (a, b) in enumerate(sentence_spans(text))
                for m in find_mentions(text[a:b], keep_dropped=True)]
    assert doc_mentions(text, keep_dropped=True) == expected
    assert doc_mentions(text, keep_dropped=True, spans=sentence_spans(text)) == expected


def test_doc_mentions_scan_without_a_first_character_set():
    aliases = alias_table(replace=True)
    aliases.loc[0] = ["Party", "Party", "[A-Z]\\w+ Party", "name", ""]
    text = "Talks. Then the Green Party spoke and the Red Party left."
    found = [(i, m["matched"]) for i, _, m in doc_mentions(text, aliases=aliases)]
    assert found == [(1, "Green Party"), (1, "Red Party")]


def test_an_empty_alias_table_finds_nothing():
    empty = alias_table(replace=True)
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["The EU met."]})
    assert find_mentions("The EU met.", aliases=empty) == []
    assert mentions(corpus, aliases=empty).empty


def test_doc_mentions_when_a_whole_text_match_crosses_a_sentence_end():
    aliases = alias_table()
    aliases.loc[len(aliases)] = ["EU", "Euro Commission", r"Euro\s+Commission", "name", ""]
    text = "Talks with Euro\nCommission staff. The EU agreed. Euro Commission."
    found = [(i, m["alias"], m["start"]) for i, _, m in doc_mentions(text, aliases=aliases)]
    # "Euro\nCommission" spans two lines (two sentences): neither sentence holds the alias.
    assert found == [(2, "EU", 4), (3, "Euro Commission", 0)]


@pytest.mark.parametrize("text, shouted", [
    ("WHAT THE US SAYS IS LOUD", True),
    ("What the US says is calm", False),
    ("US EU", False),                        # fewer than three words
    ("THE EU AND US MET IN Baku", True),     # 16 of 19 letters are capitals: over 80%
    ("THE EU AND US MET in Baku today", False),
])
def test_all_caps_sentence(text, shouted):
    from analysis.targets import _shouted

    letters = [c for c in text if c.isalpha()]
    slow = len(text.split()) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    assert _shouted(text) is shouted is slow
