"""Evidence and other sentence tables: whole sentences, wrapped, the mention marked."""

import re

import pandas as pd
import pytest

from analysis.display import mark_mentions, sentence_table
from analysis.sentiment import evidence, target_sentiment

LONG = ("The recently adopted US National Security Strategy names the South Caucasus as a "
        "priority, and its envoys have warmly praised the peace effort in Baku and Yerevan "
        "alike.")


@pytest.mark.parametrize("sentence, target, expected", [
    ("The EU and Europe disagree.", "EU", "The **EU** and **Europe** disagree."),
    ("The EU and Europe disagree.", "US", "The EU and Europe disagree."),  # no mention: as is
    ("Europe is behind the U.S.", "US", "Europe is behind the **U.S.**"),
    ("A bridge between Europe and Asia.", "EU", "A bridge between Europe and Asia."),  # place
    (LONG, "US", LONG.replace("US National", "**US** National")),
    ("Washington's envoys met the U.S. team.", "US",
     "**Washington**'s envoys met the **U.S.** team."),  # every alias of the target
])
def test_mark_mentions(sentence, target, expected):
    assert mark_mentions(sentence, target) == expected


def test_mark_mentions_uses_given_spans_and_marks():
    assert mark_mentions("EU, EU.", "EU", spans=[(4, 6)], before="[", after="]") == "EU, [EU]."


def test_evidence_table_shows_whole_sentences_marked_in_text_and_html():
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
                           "text": [LONG + " The EU failed badly and the EU lost ground."]})
    ev = evidence(target_sentiment(corpus), k=3)
    shown = sentence_table(ev)
    assert len(shown) == len(ev) and len(ev) >= 1
    us = shown.data[shown.data["target"] == "US"]["sentence"].tolist()
    assert LONG.replace("US National", "**US** National") in us  # whole: 150 characters
    eu = shown.data[shown.data["target"] == "EU"]["sentence"].tolist()
    assert eu == ["The **EU** failed badly and the **EU** lost ground."]
    page = shown._repr_html_()
    assert "Baku and Yerevan alike." in page and "..." not in page
    assert "The <mark><b>EU</b></mark> failed badly" in page
    assert "white-space:normal" in page  # wraps in JupyterLab instead of one long line
    text = repr(shown)
    assert "Baku and Yerevan alike." in text and "Stra..." not in text
    assert ev.equals(evidence(target_sentiment(corpus), k=3))  # the input is not changed


def test_scored_mention_is_the_one_marked_when_spans_are_known():
    scores = pd.DataFrame({"source": ["X"], "target": ["EU"], "score": [0.1],
                           "sentence": ["EU talks: the EU agreed."], "start": [14],
                           "end": [16]})
    shown = sentence_table(scores)
    assert shown.data["sentence"].tolist() == ["EU talks: the **EU** agreed."]
    assert "start" not in shown.data and "end" not in shown.data


def test_html_is_escaped_and_deterministic():
    t = pd.DataFrame({"target": ["EU"], "sentence": ["<script>EU</script> & co"],
                      "score": [float("nan")]})
    page = sentence_table(t)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page == sentence_table(t)._repr_html_()
    assert not re.search(r"0x[0-9a-f]+", page + repr(sentence_table(t)))  # no addresses


def test_missing_column_is_a_clear_error():
    with pytest.raises(KeyError, match=r"sentence_table: the table is missing.* sentence"):
        sentence_table(pd.DataFrame({"target": ["EU"], "text": ["EU"]}))
