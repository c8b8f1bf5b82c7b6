"""Tests for analysis.targets: alias table, disambiguation rules, mentions and the audit."""

import pandas as pd
import pytest

from analysis.errors import ColumnsError
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


# Issue 21: "Europe" / "European" are the EU only in the political sense.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # not the EU: a place, a market, a firm, a body that is not the EU
        ("The Black Death in Europe killed a third of the population.", []),
        ("In Europe, there'll be two versions of the new SUV, the company said.", []),
        ("The European Space Agency launched a new weather satellite.", []),
        ("The pan-European STOXX 600 index fell 1.2 percent.", []),
        ("European stocks closed higher on Friday.", []),
        ("Europe's largest carmaker raised its profit forecast.", []),
        ("The European Broadcasting Union announced the host city.", []),
        ("A hub linking Central Asia, the South Caucasus, and Europe.", []),
        ("These questions are addressed by American and European political analysts.", []),
        ("He won the European Championships in Rome.", []),
        ("Prices are high around Europe and beyond.", []),
        # the EU: Europe as an actor, its leaders, states, institutions and policy
        ("European leaders agreed on new sanctions against Moscow.", [("EU", "European")]),
        ("Europe must respond to Washington's tariffs.", [("EU", "Europe"),
                                                         ("US", "Washington")]),
        ("The European Commission proposed a levy.", [("EU", "European Commission")]),
        ("Several European countries backed the plan.", [("EU", "European")]),
        ("Parts of Europe’s approach to the South Caucasus are outdated.", [("EU", "Europe")]),
        ("Europe’s long-term energy security depends on Caspian gas.", [("EU", "Europe")]),
        ("Trump did not wait for Europe to develop a strategy.", [("US", "Trump"),
                                                                  ("EU", "Europe")]),
        ("Europeans must take charge of their own defence.", [("EU", "Europeans")]),
        ("European and American diplomats met in Baku.", [("EU", "European"),
                                                          ("US", "American")]),
        ("The European Central Bank raised rates.", [("EU", "European Central Bank")]),
        # known limit: a market reached "to Europe" reads as the political noun
        ("Azerbaijan's gas exports to Europe grew.", [("EU", "Europe")]),
    ],
    ids=["black-death", "car-maker", "esa", "stoxx", "stocks", "largest-carmaker", "ebu",
         "region-list", "political-analysts", "championships", "around-europe", "leaders",
         "must-respond", "commission", "countries", "approach", "energy-security",
         "waiting-for", "europeans", "coordinated", "ecb", "exports-limit"],
)
def test_europe_counts_only_in_the_political_sense(sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The Black Death in Europe spread.", "dropped: geographic"),
        ("European stocks closed higher.", "dropped: not political (stocks)"),
        ("Europe's largest carmaker grew.", "dropped: not political (carmaker)"),
        ("European analysts expect a rise.", "dropped: nationality (analysts)"),
        ("The European Space Agency met.", "dropped: excluded (European Space Agency)"),
        ("Is that so European?", "dropped: not political (no noun)"),
        ("European sanctions bit.", "kept"),
    ],
)
def test_europe_decision_says_why(sentence, status):
    (m,) = find_mentions(sentence, keep_dropped=True)
    assert m["status"] == status


def test_company_location_in_brackets_is_not_the_state():
    assert _found("The valves are made by Acme Industries (USA) under licence.") == []
    assert _found("Valves from KI Asset Management Co. (USA) and the USA.") == [("US", "USA")]


@pytest.mark.parametrize(
    ("alias", "valuetype", "sentence", "matched"),
    [
        ("Армени*", "glob", "Премьер Армении встретил посла Армения.", ["Армении", "Армения"]),
        ("Армени*", "glob", "Армянский язык.", []),        # the glob keeps its letters
        ("Azərbaycan", "fixed", "Azərbaycan və Azərbaycanın", ["Azərbaycan"]),
        ("Ереван?", "glob", "Ереван, Еревана, Ереванский", ["Еревана"]),
        ("Kreml(?:in)?", "regex", "The Kremlin and the Kreml.", ["Kremlin", "Kreml"]),
        ("(?i)kremlin", "regex", "KREMLIN, Kremlin", ["KREMLIN", "Kremlin"]),
        ("kremlin", "fixed", "The Kremlin.", []),             # case-sensitive, as literals are
        ("Kreml*", "fixed", "Kreml* and Kremlin", ["Kreml*"]),  # a literal star
        ("U.S.", "fixed", "UXSX and U.S. ties", ["U.S."]),     # a literal dot
    ],
    ids=["glob-cyrillic", "glob-stem", "fixed-azerbaijani", "glob-one-char", "regex",
         "regex-flag", "fixed-case", "fixed-star", "fixed-dot"],
)
def test_alias_valuetypes(alias, valuetype, sentence, matched):
    table = alias_table({"X": [alias]}, replace=True, valuetype=valuetype)
    assert [m["matched"] for m in find_mentions(sentence, aliases=table)] == matched


@pytest.mark.parametrize(
    ("alias", "valuetype", "message"),
    [
        ("Russia", "wildcard", "unknown valuetype 'wildcard'"),
        ("  ", "fixed", "empty alias"),
        ("*", "glob", "matches the empty string"),
        ("Kreml(in", "regex", "not a valid regex pattern"),
        ("(?P<name>Kremlin)", "regex", "named groups"),
        ("x?", "regex", "matches the empty string"),
    ],
)
def test_bad_aliases_raise(alias, valuetype, message):
    with pytest.raises(ValueError, match=message):
        alias_table({"X": [alias]}, valuetype=valuetype)


def test_alias_pattern_is_what_the_table_holds():
    from analysis.targets import alias_pattern

    table = alias_table({"Armenia": ["Армени*"]}, valuetype="glob")
    assert table["pattern"].iloc[-1] == alias_pattern("Армени*", valuetype="glob") == r"Армени\w*"


@pytest.mark.parametrize(
    ("exclude", "sentence", "expected"),
    [
        # a context: the mention inside the phrase goes, the rest stays
        (["Brussels sprouts"], "Brussels sprouts and Brussels' rules.", [("EU", "Brussels")]),
        # an alias itself
        (["Brussels"], "Brussels and the EU agreed.", [("EU", "EU")]),
        # a phrase that holds only part of a longer alias does not remove it
        (["European"], "The European Union met.", [("EU", "European Union")]),
        # per target: the US keeps "Washington" where the EU exclusion does not apply
        ({"EU": ["Washington"]}, "Washington and Brussels.", [("US", "Washington"),
                                                              ("EU", "Brussels")]),
        ({"US": ["Washington"]}, "Washington and Brussels.", [("EU", "Brussels")]),
    ],
    ids=["context", "alias", "longer-alias-stays", "other-target", "own-target"],
)
def test_exclude_in_one_line(exclude, sentence, expected):
    assert _found(sentence, aliases=alias_table(exclude=exclude)) == expected


def test_exclude_with_a_glob_and_a_user_target():
    table = alias_table({"Armenia": ["Армени*"]}, replace=True, valuetype="glob",
                        exclude=["Армянск*", "Армени? радио"])
    assert table["kind"].tolist() == ["name", "exclude", "exclude"]
    found = find_mentions("Армения и Армении радио.", aliases=table, keep_dropped=True)
    assert [(m["matched"], m["status"]) for m in found] == [
        ("Армения", "kept"), ("Армении", "dropped: excluded (Армени? радио)")]


def test_exclude_errors():
    with pytest.raises(ValueError, match="exclusion for unknown target 'Russia'"):
        alias_table(exclude={"Russia": ["Kremlin"]})
    with pytest.raises(ValueError, match="without targets"):
        alias_table(replace=True, exclude=["Kremlin"])


def test_exclusions_reach_mentions_and_doc_mentions():
    from analysis.tokens import sentence_spans

    table = alias_table(exclude=["Brussels sprouts"])
    text = "Brussels sprouts grew. The EU and Brussels agreed.\nBrussels sprouts again."
    found = [(i, m["matched"]) for i, _, m in doc_mentions(text, aliases=table)]
    assert found == [(1, "EU"), (1, "Brussels")]
    expected = [(i, text[a:b], m) for i, (a, b) in enumerate(sentence_spans(text))
                for m in find_mentions(text[a:b], aliases=table, keep_dropped=True)]
    assert doc_mentions(text, aliases=table, keep_dropped=True) == expected
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    assert mentions(corpus, aliases=table)["matched"].tolist() == ["EU", "Brussels"]


def test_alias_audit_shows_an_example_of_each_decision():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"], "text": [
        "European stocks fell. European leaders met.",
        "The European Space Agency flew. European leaders spoke again."]})
    audit = alias_audit(corpus)
    rows = audit[["matched", "status", "n_mentions", "doc_id", "example"]].values.tolist()
    assert rows == [
        ["European", "kept", 2, "a", "[European] leaders met."],
        ["European", "dropped: excluded (European Space Agency)", 1, "b",
         "The [European] Space Agency flew."],
        ["European", "dropped: not political (stocks)", 1, "a", "[European] stocks fell."],
    ]


def test_alias_audit_of_a_corpus_without_mentions_has_its_columns():
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["Nothing here."]})
    assert list(alias_audit(corpus).columns) == ["target", "alias", "matched", "status",
                                                 "n_mentions", "n_docs", "n_sources", "doc_id",
                                                 "example"]


# --- languages: an article's sentences follow its language's rules --------------------------

def test_russian_mentions_land_in_their_sentence():
    text = "В 2024 г. Армения подписала договор. Затем ЕС приветствовал это решение."
    aliases = alias_table({"EU": ["ЕС"], "Armenia": ["Армения"]})
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text], "language": ["ru"]})
    table = mentions(c, aliases=aliases)
    assert table[["sent_id", "target", "start", "end"]].values.tolist() == [
        [0, "Armenia", 10, 17], [1, "EU", 6, 8]]
    assert table["sentence"].tolist() == ["В 2024 г. Армения подписала договор.",
                                          "Затем ЕС приветствовал это решение."]
    # Read with English rules (no language column) the article is one sentence
    plain = mentions(c.drop(columns="language"), aliases=aliases)
    assert plain[["sent_id", "start"]].values.tolist() == [[0, 10], [0, 43]]


def test_azerbaijani_mentions_split_with_razdel():
    text = "Bu barədə İ. Əliyev bildirib. Əməkdaşlıq Aİ ilə davam edir."
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text], "language": ["az"]})
    table = mentions(c, aliases=alias_table({"EU": ["Aİ"]}))
    assert table[["sent_id", "sentence", "start"]].values.tolist() == [
        [1, "Əməkdaşlıq Aİ ilə davam edir.", 11]]


def test_english_mentions_do_not_depend_on_the_language_column():
    c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                      "text": ["Talks in Brussels. The EU and Pashinyan agreed.",
                               "Mr. Smith met U.S. officials. Washington agreed."]})
    pd.testing.assert_frame_equal(mentions(c), mentions(c.assign(language=["en", None])))
    pd.testing.assert_frame_equal(alias_audit(c), alias_audit(c.assign(language="en")))


@pytest.mark.parametrize(("aliases", "error", "match"), [
    ({"EU": ["EU"]}, TypeError, "alias_table, got dict; for a dict"),
    (pd.DataFrame({"target": ["EU"], "alias": ["EU"]}), ColumnsError,
     "lacks column\\(s\\) pattern, kind, actor"),
])
def test_aliases_that_are_not_an_alias_table_raise_a_clear_error(aliases, error, match):
    with pytest.raises(error, match=match):
        find_mentions("The EU met.", aliases=aliases)
