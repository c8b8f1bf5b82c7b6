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
