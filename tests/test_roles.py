"""Role rules (analysis.roles) on hand-checkable sentences, alone and as the scorer's layer."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.roles import ROLE_CUES, Role, apply_roles, mention_role, role_tokens
from analysis.sentiment import classify_mention, target_sentiment


def _span(sentence, name, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(name, start + 1)
    return start, start + len(name)


def _labels(text, method="vader"):
    corpus = pd.DataFrame({"doc_id": ["d"], "source": ["s"], "text": [text]})
    table = target_sentiment(corpus, method=method)
    return dict(zip(table["target"], table["label"])), dict(zip(table["target"], table["rule"]))


# The issue's sentences, scored as the suite scores a corpus (every mention masked)
@pytest.mark.parametrize(("text", "expected"), [
    ("The US and the European Union sharply condemned Armenia.",
     {"US": "neutral", "EU": "neutral", "Armenia": "negative"}),
    ("Brussels criticised the United States for its reckless tariffs.",
     {"US": "negative", "EU": "neutral"}),
    ("The European Union praised Armenia for its democratic reforms.",
     {"EU": "neutral", "Armenia": "positive"}),
    ("Unlike weak Armenia, the United States acted decisively.",
     {"US": "positive", "Armenia": "negative"}),
    ("No one doubts that Washington played a constructive role.", {"US": "positive"}),
    ("The European Union is not a reliable partner.", {"EU": "negative"}),
    ("Washington moved quickly while Brussels dithered.", {"US": "positive", "EU": "negative"}),
])
def test_issue_sentences(text, expected):
    labels, _ = _labels(text)
    assert labels == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The US and the European Union sharply condemned Armenia.",
     {"US": "neutral", "EU": "neutral", "Armenia": "negative"}),
    ("Unlike weak Armenia, the United States acted decisively.",
     {"US": "positive", "Armenia": "negative"}),
])
def test_roles_decide_over_the_sentence_baseline(text, expected):
    assert _labels(text, "sentence")[0] == expected


def test_other_actor_praise_does_not_reach_the_target():
    labels, rules = _labels("Azerbaijan's dynamic diplomacy impressed observers, while the EU "
                            "watched from the sidelines.")
    assert labels["EU"] != "positive"
    assert rules["EU"] == "contrast"


@pytest.mark.parametrize(("sentence", "name", "role", "rule", "label"), [
    ("The US and the European Union sharply condemned Armenia.", "US", "holder", "holder",
     "neutral"),
    ("The US and the European Union sharply condemned Armenia.", "Armenia", "object", "object",
     "negative"),
    ("Armenia was condemned by the EU.", "Armenia", "object", "object", "negative"),
    ("Armenia was condemned by the EU.", "EU", "holder", "holder", "neutral"),
    ("Armenia's foreign ministry condemned the EU's silence.", "Armenia", "holder", "holder",
     "neutral"),
    ("Armenia's foreign ministry condemned the EU's silence.", "EU", "object", "object",
     "negative"),
    ("Yerevan welcomed the EU's decision.", "EU", "object", "object", "positive"),
    ("Washington clearly understands the stakes.", "Washington", "holder", "presupposes",
     "positive"),
    ("Azerbaijan outmanoeuvred Armenia at every stage.", "Armenia", "loser", "win", "negative"),
    ("The US moved faster than the EU.", "US", "contrast", "contrast", "positive"),
    ("The US moved faster than the EU.", "EU", "contrast", "contrast", "negative"),
    ("While Brussels talked, Washington acted.", "Brussels", "contrast", "contrast", "negative"),
    ("The EU was not unhelpful during the talks.", "EU", "negated", "negation", "positive"),
    ("Washington's mediation was hardly a success.", "Washington", "negated", "negation",
     "negative"),
    ("The State Department's approach is neither pragmatic nor effective.", "State Department",
     "negated", "negation", "negative"),
    # the hapless holder: words before the verb evaluate the holder itself
    ("The hapless EU condemned Armenia.", "EU", "holder", "holder", "negative"),
])
def test_mention_role(sentence, name, role, rule, label):
    got = mention_role(sentence, *_span(sentence, name))
    assert (got.role, got.rule, got.label) == (role, rule, label)


@pytest.mark.parametrize(("sentence", "name"), [
    ("The EU opened an office in Yerevan.", "EU"),  # no cue
    ("The EU said it would send monitors.", "EU"),  # a speaker: the base method's speech scope
    ("Leaders met on the sidelines of the summit, while the EU waited.", "EU"),  # a venue
    ("Hunt took them to Spain, where he tried to sell them.", "Hunt"),  # "he" refers back
])
def test_no_role(sentence, name):
    assert mention_role(sentence, *_span(sentence, name)) == Role()


def test_other_actor_masks_relative_clause_and_rescores():
    s = "Pashinyan met Aliyev, who was praised by the Kremlin for his wise leadership."
    role = mention_role(s, 0, 9)
    assert role.rule == "other_actor"
    assert s[role.mask[0][0]:role.mask[0][1]].startswith("who was praised")
    assert classify_mention(s, 0, 9).label == "neutral"
    assert classify_mention(s, 0, 9, roles=False).label == "positive"


def test_classify_mention_names_the_rule_and_can_be_turned_off():
    s = "The EU condemned Armenia."
    assert classify_mention(s, 4, 6) == (0.0, "neutral", (("holder: condemned", 0.0),), "holder")
    off = classify_mention(s, 4, 6, roles=False)
    assert off.label == "negative" and off.rule == ""


def test_layer_applies_over_any_method_and_agrees_with_classify_mention():
    text = ("The US and the European Union sharply condemned Armenia. The EU is great. "
            "Brussels criticised the United States for its reckless tariffs.")
    corpus = pd.DataFrame({"doc_id": ["d"], "source": ["s"], "text": [text]})
    for method in ("vader", "sentence"):
        table = target_sentiment(corpus, method=method)
        assert set(table["rule"]) == {"", "holder", "object"}
        assert table.loc[table["rule"].eq(""), "label"].tolist() == ["positive"]
        for row in table.itertuples():
            others = [(r.start, r.end) for r in table.itertuples()
                      if r.sent_id == row.sent_id and r.target != row.target]
            one = classify_mention(row.sentence, row.start, row.end, method=method,
                                   mask_spans=others)
            assert (round(one.score, 6), one.label, one.rule) == (row.score, row.label,
                                                                  row.rule)
    off = target_sentiment(corpus, roles=False)
    assert set(off["rule"]) == {""}
    assert off.loc[off["target"].eq("US"), "label"].tolist() == ["negative", "negative"]


def test_apply_roles_leaves_rows_without_cues_and_unscored_rows():
    s = ["The EU is great.", "The EU condemned Armenia."]
    out = apply_roles(s, [0, 1], [4, 4], [6, 6], [0.5, float("nan")], ["positive", ""],
                      ["great +0.50", ""])
    assert out[0][0] == 0.5 and out[0][1] != out[0][1]
    assert out[1:] == (["positive", ""], ["great +0.50", ""], ["", ""])


def test_role_cues_and_tokens():
    assert ROLE_CUES.search("The EU condemned Armenia.")
    assert not ROLE_CUES.search("The EU opened an office in Yerevan.")
    tok = role_tokens("Washington didn't act, while Brussels dithered.")
    assert tok.text[:4] == ("Washington", "did", "n't", "act")
    assert tok.clause == (0, 0, 0, 0, 0, 1, 1, 1, 1)


def test_bad_offsets_raise():
    with pytest.raises(ValueError, match="outside the sentence"):
        mention_role("The EU.", 4, 40)


def test_the_fast_cue_test_passes_the_sentences_the_cue_regex_finds():
    from analysis.roles import has_role_cue
    rows = pd.read_csv(Path(__file__).parent / "data" / "capabilities.csv")["sentence"].tolist()
    odd = ["stand-by", "Baku’s", "NO ONE", "not unhelpful", "far fromage", "bypass", "By"]
    for sentence in rows + odd:
        assert has_role_cue(sentence) == bool(ROLE_CUES.search(sentence)), sentence


# The rules of the i21caps round: each on small sentences written for the tests (not rows of
# tests/data/capabilities.csv)
def _role(sentence, name, *, same=(), occurrence=0):
    spans = [_span(sentence, s) for s in same]
    return mention_role(sentence, *_span(sentence, name, occurrence), same_spans=spans)


@pytest.mark.parametrize(("sentence", "name", "label"), [
    ("Moscow's threats alarmed Yerevan.", "Yerevan", "neutral"),
    ("Moscow's verdict disappointed the European Union.", "European Union", "neutral"),
    ("Baku's quick reforms impressed the cautious EU.", "EU", "negative"),  # its own modifier
])
def test_experiencer_of_a_feeling_is_not_evaluated_by_it(sentence, name, label):
    got = _role(sentence, name)
    assert (got.role, got.rule, got.label) == ("experiencer", "experiencer", label)


@pytest.mark.parametrize(("sentence", "name"), [
    ("Analysts worried that the EU would fail.", "EU"),  # "that" opens a clause: no object
    ("Voters were alarmed by the EU's plans.", "EU"),  # the stimulus after "by"
    ("Critics were worried about the EU.", "EU"),  # the stimulus after "about"
    ("The verdict disappointed the EU.", "EU"),  # no named actor caused the feeling
])
def test_experiencer_needs_the_object_of_the_feeling(sentence, name):
    assert _role(sentence, name).role != "experiencer"


@pytest.mark.parametrize(("sentence", "name", "cue"), [
    ("Relations with the EU are a pillar of stability.", "EU", "pillar"),
    ("Armenia's partnership with the EU is a cornerstone of the region.", "EU", "cornerstone"),
])
def test_relationship_praise_noun_decides(sentence, name, cue):
    got = _role(sentence, name)
    assert (got.rule, got.label, got.cue) == ("relationship", "positive", cue)


@pytest.mark.parametrize(("sentence", "name", "cue"), [
    ("Ties with the EU are growing.", "EU", "not praise: growing"),
    ("The EU is an important partner for Armenia.", "EU", "not praise: important"),
    ("Yerevan is strengthening its cooperation with the EU.", "EU",
     "not praise: strengthening"),
])
def test_relationship_trend_and_importance_alone_are_neutral(sentence, name, cue):
    got = _role(sentence, name)
    assert (got.rule, got.label, got.cue, got.mask) == ("relationship", "neutral", cue, ())
    assert classify_mention(sentence, *_span(sentence, name), roles=False).label == "positive"


def test_relationship_masks_what_is_not_praise_and_rescores_the_rest():
    # a setting is not about the relationship; the praise is
    s = "Yerevan called the EU a trusted partner throughout the crisis."
    got = _role(s, "EU")
    assert (got.rule, got.label, got.cue) == ("relationship", None, "not praise: crisis")
    assert [s[a:b] for a, b in got.mask] == ["crisis"]
    assert classify_mention(s, *_span(s, "EU"), roles=False).label == "negative"
    after = classify_mention(s, *_span(s, "EU"))
    assert (after.label, [w for w, _ in after.words], after.rule) == ("positive", ["trusted"],
                                                                      "relationship")


@pytest.mark.parametrize(("sentence", "name"), [
    ("Relations with the EU have deteriorated badly.", "EU"),  # criticised: the base decides
    ("Relations with the EU are not a pillar of anything.", "EU"),  # praise denied
    ("Pashinyan said ties with the EU were a pillar of stability.", "Pashinyan"),  # a speaker
    ("The EU opened an office in Yerevan.", "EU"),  # no relationship noun
])
def test_relationship_rule_stays_out(sentence, name):
    assert _role(sentence, name).rule != "relationship"


@pytest.mark.parametrize(("sentence", "name", "same"), [
    ("Trump deserves credit, while the Biden administration wasted four years.", "Trump",
     ["Biden administration"]),
    ("Kallas acted wisely; the European Commission failed.", "Kallas",
     ["European Commission"]),
    ("Vance's wise approach contrasts with Biden's arrogance.", "Vance", ["Biden"]),
    # the object of a verb that undoes it credits the actor: "repaired the damage"
    ("Rubio repaired the damage that Biden had caused through arrogance.", "Rubio",
     ["Biden"]),
])
def test_two_actors_of_one_target_with_opposite_polarity_are_neutral(sentence, name, same):
    got = _role(sentence, name, same=same)
    assert (got.role, got.rule, got.label) == ("split", "actor_split", "neutral")


@pytest.mark.parametrize(("sentence", "name", "same"), [
    ("Trump failed, while the Biden administration failed too.", "Trump",
     ["Biden administration"]),  # the same polarity
    ("Trump deserves credit, and the Biden administration wasted four years.", "Trump",
     ["Biden administration"]),  # no contrast between the two parts
    ("Armenia acted wisely, while Armenia's rivals failed.", "Armenia", []),  # one actor
])
def test_no_split_without_two_opposed_actors(sentence, name, same):
    assert _role(sentence, name, same=same).rule != "actor_split"


def test_split_needs_the_same_target_spans():
    s = "Trump deserves credit, while the Biden administration wasted four years."
    assert _role(s, "Trump").rule != "actor_split"  # without same_spans Biden is another actor


@pytest.mark.parametrize(("sentence", "name", "masked"), [
    ("Despite Turkey's hostile rhetoric, Armenia reopened the border crossing.", "Armenia",
     "Despite Turkey's hostile rhetoric,"),
    ("Russia's brutal offensive stalled as EU ministers met in Luxembourg.", "EU",
     "Russia's brutal offensive stalled"),
])
def test_other_actor_fronted_phrase_and_subordinate_clause(sentence, name, masked):
    got = _role(sentence, name)
    assert got.rule == "other_actor"
    assert [sentence[a:b] for a, b in got.mask] == [masked]


def test_actor_clauses_split_at_an_opener_with_a_subject_only():
    assert role_tokens("Russia lost as EU ministers met.").actor_clause == (0, 0, 1, 1, 1, 1, 1)
    assert set(role_tokens("Powers such as Russia lost.").actor_clause) == {0}
    assert set(role_tokens("Armenia grew as expected.").actor_clause) == {0}


def test_an_en_dash_inside_a_compound_does_not_end_a_clause():
    assert set(role_tokens("The Armenia–Azerbaijan border was calm.").clause) == {0}
    assert role_tokens("Calm – for now.").clause == (0, 0, 1, 1, 1)


def test_apply_roles_splits_with_mention_targets_only():
    s = ["Trump deserves credit, while the Biden administration wasted four years."]
    spans = [[(0, 5), (33, 53)]]
    base = ([0.4], ["positive"], ["credit +0.40"])
    with_targets = apply_roles(s, [0], [0], [5], *base, mention_spans=spans,
                               mention_targets=[["US", "US"]])
    assert with_targets[1:] == (["neutral"], ["actor_split: Trump + / Biden administration -"],
                                ["actor_split"])
    other_targets = apply_roles(s, [0], [0], [5], *base, mention_spans=spans,
                                mention_targets=[["US", "EU"]])
    assert other_targets[3] != ["actor_split"]


def test_target_sentiment_names_the_split_rule():
    labels, rules = _labels("Trump deserves credit for the peace deal, while the Biden "
                            "administration wasted four years.")
    assert (labels["US"], rules["US"]) == ("neutral", "actor_split")


# Quotation and reported speech (codebook: it counts like the author's voice): a label given to
# the target, an attribution "according to Z", a stated aim
@pytest.mark.parametrize(("sentence", "name", "label", "cue"), [
    ('Azerbaijani media described Yerevan as "revanchist and aggressive".', "Yerevan",
     "negative", "described ... aggressive"),
    ("Local media branded Brussels a toothless observer.", "Brussels", "negative",
     "branded ... toothless"),
    ("Armenia was widely portrayed as a brave and honest neighbour.", "Armenia", "positive",
     "portrayed ... brave honest"),
    ("Analysts called the US deal a triumph in Washington.", "US", "positive",
     "called ... triumph"),
])
def test_a_label_portrays_its_object_whoever_gives_it(sentence, name, label, cue):
    got = _role(sentence, name)
    assert (got.role, got.rule, got.label, got.cue) == ("labelled", "label", label, cue)


@pytest.mark.parametrize(("sentence", "name"), [
    ("Nobody could call the EU a failure.", "EU"),  # denied: the negation rule reads it
    ("The minister described the EU's plan in detail.", "EU"),  # no "as": not a label
    ("Baku called on the EU to act.", "EU"),  # a call on someone, not a label
    ("Yerevan called the EU a trusted partner.", "EU"),  # a relationship: that rule's
    ("Analysts described Armenia as a neighbour.", "Armenia"),  # no evaluative word
])
def test_no_label(sentence, name):
    assert _role(sentence, name).rule != "label"


@pytest.mark.parametrize(("sentence", "name", "label"), [
    ('"Armenia is ready for peace," its foreign minister said.', "Armenia", "neutral"),
    ("The US said it was committed to a lasting peace.", "US", "neutral"),
    ("The EU seeks closer cooperation with Baku.", "EU", "neutral"),
    ("The hapless EU wants a seat at the table.", "EU", "negative"),  # its own modifier
])
def test_a_stated_aim_is_neutral(sentence, name, label):
    got = _role(sentence, name)
    assert (got.role, got.rule, got.label) == ("aim", "aim", label)
    if name == "Armenia":  # without the rule, "ready" and "peace" read as praise
        assert classify_mention(sentence, *_span(sentence, name), roles=False).label \
            == "positive"


@pytest.mark.parametrize(("sentence", "name"), [
    ("Armenia is ready to sabotage the talks.", "Armenia"),  # a negative aim: not this rule
    ("Armenia is not ready for peace.", "Armenia"),  # denied
    ("Moscow's envoy wants peace with the EU.", "EU"),  # the EU is not the one who wants
])
def test_no_aim(sentence, name):
    assert _role(sentence, name).rule != "aim"


def test_according_to_masks_the_attribution_and_its_source_holds_it():
    s = 'According to the Kremlin, the EU mission is "a tool of Western interference".'
    got = _role(s, "EU")
    assert (got.role, got.rule, got.score) == ("attributed", "attributed", None)
    assert [s[a:b] for a, b in got.mask] == ["According to the Kremlin,"]
    assert classify_mention(s, *_span(s, "EU")).rule == "attributed"
    # the source of the statement holds it
    source = _role("According to the EU, Armenia has made progress.", "EU")
    assert (source.role, source.label) == ("source", "neutral")
    # after the statement as well; an "according to" inside a clause attributes nothing
    after = "The EU is weak, according to Moscow."
    assert [after[a:b] for a, b in _role(after, "EU").mask] == ["according to Moscow."]
    assert _role("The EU operates according to outdated rules.", "EU").rule != "attributed"


@pytest.mark.parametrize(("sentence", "name", "label", "cue"), [
    ("Turkey proved far more helpful than the EU.", "EU", "negative", "more helpful than"),
    ("Turkey was less helpful than the United States.", "United States", "positive",
     "less helpful than"),
    ("Turkey was less hostile than the United States.", "United States", "negative",
     "less hostile than"),
])
def test_more_or_less_of_a_quality_than_the_target(sentence, name, label, cue):
    got = _role(sentence, name)
    assert (got.rule, got.label, got.cue) == ("contrast", label, cue)


@pytest.mark.parametrize(("sentence", "label"), [
    ("Unlike Georgia, Armenia has made little progress.", "negative"),  # "little" denies it
    ("Unlike Georgia, Armenia has made a little progress.", "positive"),  # "a little" does not
])
def test_little_before_a_positive_word_denies_it(sentence, label):
    assert _role(sentence, "Armenia").label == label


def test_unlike_is_a_preposition_not_a_negated_like():
    from analysis.roles.verdict import valence
    tok = role_tokens("Unlike Georgia, Armenia is unhelpful.")
    assert [valence(tok, i, {"like": 1.5, "helpful": 1.9}, frozenset()) for i in (0, 5)] \
        == [0.0, -1.9]
