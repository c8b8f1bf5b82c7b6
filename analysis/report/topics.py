"""Notes on topics: stability against the null, topic shares per source."""

from __future__ import annotations

import pandas as pd

from analysis.errors import check_columns
from analysis.report.prose import (
    fmt_list,
    fmt_number,
    fmt_share,
    note_doc,
    wrap_prose,
)

__all__ = ["stability_note", "topic_shares_note"]


@note_doc
def stability_note(stability: pd.DataFrame) -> str:
    """What :func:`analysis.topics.topic_stability` suggests, against its shuffled-word null.

    Parameters
    ----------
    stability : DataFrame
        ``n_topics``, ``stability``, ``null_high``, ``corrected``, ``n_reproducible``,
        ``suggested``.

    {returns_markdown}

    Examples
    --------
    >>> stability = pd.DataFrame({"n_topics": [2, 3, 4], "stability": [0.5, 0.9, 0.85],
    ...                           "null_high": [0.95, 0.93, 0.94], "corrected": [-1.0, 0.6, 0.5],
    ...                           "n_reproducible": [0, 2, 1], "suggested": [False, True, False]})
    >>> print(stability_note(stability))
    Mean stability runs from 0.50 (2 topics) to 0.90 (3 topics); shuffled words reach 0.93 to 0.95
    (the top of the grey band), and 0 to 2 topics per model stand clearly above that noise. No
    topic is reproducible with 2 topics. The corrected score suggests 3 topics (0.60, against 0.50
    for 4); that suggestion is used below.
    """
    check_columns(stability, ["n_topics", "stability", "null_high", "corrected", "n_reproducible",
                              "suggested"], what="stability_note: the table")
    if stability.empty:
        return "No number of topics was tried."
    lo = stability.loc[stability["stability"].idxmin()]
    hi = stability.loc[stability["stability"].idxmax()]
    parts = [f"Mean stability runs from {fmt_number(lo['stability'])} ({lo['n_topics']} topics) to "
             f"{fmt_number(hi['stability'])} ({hi['n_topics']} topics); shuffled words reach "
             f"{fmt_number(stability['null_high'].min())} to "
             f"{fmt_number(stability['null_high'].max())} "
             f"(the top of the grey band), and {stability['n_reproducible'].min()} to "
             f"{stability['n_reproducible'].max()} topics per model stand clearly above that "
             "noise."]
    none = stability.loc[stability["n_reproducible"] == 0, "n_topics"].tolist()
    if none:
        parts.append(f"No topic is reproducible with {fmt_list(none)} topics.")
    chosen = stability[stability["suggested"].astype(bool)]
    if chosen.empty:
        parts.append("No number of topics is suggested (no corrected score could be computed).")
    else:
        row = chosen.iloc[0]
        rest = stability[stability["n_topics"] != row["n_topics"]].dropna(subset=["corrected"])
        against = ""
        if not rest.empty:
            other = rest.sort_values(["corrected", "n_topics"], ascending=[False, True]).iloc[0]
            against = f", against {fmt_number(other['corrected'])} for {other['n_topics']}"
        parts.append(f"The corrected score suggests {row['n_topics']} topics "
                     f"({fmt_number(row['corrected'])}{against}); that suggestion is used below.")
    return wrap_prose(" ".join(parts))


@note_doc
def topic_shares_note(topic_terms: pd.DataFrame, topic_shares: pd.DataFrame) -> str:
    """Which topics are reproducible, and each outlet's largest topic.

    Parameters
    ----------
    topic_terms, topic_shares : DataFrame
        The two tables of :func:`analysis.topics.tfidf_topics`: ``topic``, ``label``,
        ``reproducible``; and ``source``, ``label``, ``share``.

    {returns_markdown}

    Examples
    --------
    >>> terms = pd.DataFrame({"topic": [1, 1, 2], "label": ["1: gas", "1: gas", "2: war"],
    ...                       "reproducible": [True, True, False]})
    >>> shares = pd.DataFrame({"source": ["A", "A", "B", "B"],
    ...                        "label": ["1: gas", "2: war", "1: gas", "2: war"],
    ...                        "share": [0.7, 0.3, 0.4, 0.6]})
    >>> print(topic_shares_note(terms, shares))
    1 of 2 topics is clearly more stable than the shuffled-word null (1: gas); the others are
    marked "not reproducible" in the topic-terms figure and should not be interpreted. Each
    outlet's largest topic: A 1: gas (70 %), B 2: war (60 %).
    """
    check_columns(topic_terms, ["topic", "label", "reproducible"],
                  what="topic_shares_note: the topic terms table")
    check_columns(topic_shares, ["source", "label", "share"],
                  what="topic_shares_note: the topic shares table")
    topics = topic_terms.drop_duplicates("topic").sort_values("topic")
    if topics.empty:
        return "No topic was fitted."
    good = topics.loc[topics["reproducible"].astype(bool), "label"]
    verb = "is" if len(good) == 1 else "are"
    text = (f"{len(good)} of {len(topics)} topics {verb} clearly more stable than the "
            f"shuffled-word null ({fmt_list(good)})")
    if len(good) < len(topics):
        text += ('; the others are marked "not reproducible" in the topic-terms figure and should '
                 "not be interpreted")
    text += "."
    top = (topic_shares.dropna(subset=["share"])
           .sort_values(["source", "share", "label"], ascending=[True, False, True])
           .groupby("source").head(1))
    if not top.empty:
        text += " Each outlet's largest topic: " + ", ".join(
            f"{s} {label} ({fmt_share(v)})"
            for s, label, v in top[["source", "label", "share"]].itertuples(index=False)) + "."
    return wrap_prose(text)
