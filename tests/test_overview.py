"""Tests for analysis.overview on a hand-countable cleaned corpus."""

import pandas as pd
import pytest

from analysis.overview import audit_summary, corpus_overview

CLEANED = pd.DataFrame({
    "doc_id": ["b1", "a1"],
    "source": ["B", "A"],
    "raw_text": ["Menu\nShare this\nThe EU met. It ended.\n\nViews: 4", "Body only here."],
    "text": ["The EU met. It ended.", "Body only here."],
})


def test_corpus_overview_counts_by_hand():
    ov = corpus_overview(CLEANED)
    assert ov["doc_id"].tolist() == ["a1", "b1"]  # sorted by source
    b = ov.set_index("doc_id").loc["b1"]
    assert b["n_lines_raw"] == 4 and b["n_lines_body"] == 1
    # raw: menu share this the EU met it ended views = 9 words; body: 5
    assert b["n_tokens_raw"] == 9 and b["n_tokens_body"] == 5 and b["n_tokens_removed"] == 4
    assert b["n_sentences"] == 2
    assert b["share_removed"] == pytest.approx(4 / 9)
    assert ov.set_index("doc_id").loc["a1", "share_removed"] == 0


def test_corpus_overview_takes_body_counts_from_the_matrix():
    from analysis.freq import document_term_matrix

    dtm = document_term_matrix(CLEANED)
    assert dtm.n_tokens.tolist() == [5, 3]
    pd.testing.assert_frame_equal(corpus_overview(CLEANED, dtm=dtm), corpus_overview(CLEANED))
    with pytest.raises(ValueError, match="not this corpus"):
        corpus_overview(CLEANED.iloc[::-1], dtm=dtm)


@pytest.mark.parametrize("raw, body, expected", [
    ("Menu\nThe EU met.\nShare", "The EU met.", ["Menu", "Share"]),
    ("  Menu  \n\n  The EU met.  ", "The EU met.", ["Menu"]),
    # a paragraph split mid-sentence, re-joined by cleaning with a space
    ("Home\nThe EU and\nthe US met.\nViews: 4", "The EU and the US met.", ["Home", "Views: 4"]),
    # a removed line equal to the start of a kept one: other lines taken, the same words left
    ("The EU\nThe EU met.\nmet.", "The EU met.", ["The EU met."]),
    # a cut headline that starts the first paragraph: a re-joined line starts in lower case
    ("Ties with the\nViews: 4\nTies with the US grew.", "Ties with the US grew.",
     ["Ties with the", "Views: 4"]),
    ("Menu\nShare", "", ["Menu", "Share"]),
    # the body is not made of raw lines (edited): cannot be told
    ("Menu\nThe EU met.", "The EU met today.", None),
    ("The EU met.", "The EU", None),
])
def test_removed_lines(raw, body, expected):
    from analysis.overview import _removed_lines

    lines = [s for s in (line.strip() for line in raw.splitlines()) if s]  # as _sizes does
    assert _removed_lines(lines, body) == expected


@pytest.mark.parametrize("raw, body", [
    ("Menu\n**The EU** met.\nShare *this*", "**The EU** met."),
    ("Top\nU.S.-Azerbaijan ties\ngrew in 2025.\nEnd", "U.S.-Azerbaijan ties grew in 2025."),
    ("The EU\nThe EU met.\nmet.", "The EU met."),
    ("Menu\nThe EU met.", "The EU met today."),  # not a tiling: the whole raw text is counted
])
def test_corpus_overview_raw_token_count_equals_counting_the_raw_text(raw, body):
    from analysis.tokens import count_tokens

    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "raw_text": [raw], "text": [body]})
    assert corpus_overview(c).loc[0, "n_tokens_raw"] == count_tokens(raw)


def test_corpus_overview_raw_counts_on_the_seeds():
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.tokens import count_tokens

    cleaned = clean_corpus(load_corpus()).sort_values(["source", "doc_id"], kind="stable")
    ov = corpus_overview(cleaned)
    assert ov["n_tokens_raw"].tolist() == [count_tokens(t) for t in cleaned["raw_text"]]
    assert (ov["n_tokens_removed"] > 0).all()


def test_corpus_overview_takes_sentence_counts_from_the_sentence_table():
    from analysis.tokens import sentences

    sents = sentences(CLEANED)
    pd.testing.assert_frame_equal(corpus_overview(CLEANED, sentences=sents),
                                  corpus_overview(CLEANED))
    with pytest.raises(ValueError, match="not this corpus's sentence table"):
        corpus_overview(CLEANED, sentences=sents[sents["doc_id"] == "b1"])
    with pytest.raises(ValueError, match="not this corpus's sentence table"):
        corpus_overview(CLEANED, sentences=sents.assign(doc_id="zz"))


def test_corpus_overview_needs_a_cleaned_corpus():
    with pytest.raises(KeyError, match="needs a cleaned corpus"):
        corpus_overview(CLEANED.drop(columns="text"))


def test_audit_summary_groups_and_sorts():
    audit = pd.DataFrame({
        "doc_id": ["b1", "b1", "b2", "a1"], "source": ["B", "B", "B", "A"],
        "line_no": [1, 2, 1, 5], "line": ["Menu", "Share this", "Menu", "Views: 4"],
        "reason": ["menu/nav", "share widget", "menu/nav", "counter"],
    })
    s = audit_summary(audit)
    assert s[["source", "reason", "n_docs", "n_lines", "n_tokens"]].values.tolist() == [
        ["A", "counter", 1, 1, 1], ["B", "menu/nav", 2, 2, 2], ["B", "share widget", 1, 1, 2]]
    assert audit_summary(audit.iloc[0:0]).empty
