"""Notes on terms: frequencies, keyness, distinctive terms, collocations."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.errors import check_columns
from analysis.report.prose import (
    note_doc,
    target_bullet,
    wrap_prose,
)

__all__ = ["collocations_note", "keyness_note", "terms_note", "tfidf_note"]


@note_doc
def terms_note(terms: pd.DataFrame) -> str:
    """Each outlet's most frequent term, from :func:`analysis.freq.term_frequencies`.

    Parameters
    ----------
    terms : DataFrame
        ``source``, ``term``, ``count``.

    {returns_markdown}

    Examples
    --------
    >>> terms = pd.DataFrame({"source": ["A", "A", "B", "C"], "term": ["gas", "oil", "gas", "EU"],
    ...                       "count": [3, 5, 4, 2]})
    >>> terms_note(terms)
    'The most frequent term: "oil" in A, "gas" in B, "EU" in C.'
    >>> terms_note(terms[terms["source"] != "A"].assign(term="gas"))
    'The most frequent term is "gas" in every outlet.'
    """
    check_columns(terms, ["source", "term", "count"], what="terms_note: the table")
    if terms.empty:
        return "No terms were counted."
    top = (terms.sort_values(["source", "count", "term"], ascending=[True, False, True])
           .groupby("source").head(1))
    if top["term"].nunique() == 1 and len(top) > 1:
        return f'The most frequent term is "{top["term"].iloc[0]}" in every outlet.'
    return "The most frequent term: " + ", ".join(
        f'"{t}" in {s}' for s, t in top[["source", "term"]].itertuples(index=False)) + "."


@note_doc
def keyness_note(key: pd.DataFrame, *, alpha: float = 0.05, n_terms: int = 3) -> str:
    """Which over-used terms survive the multiple-comparison correction, per outlet.

    Parameters
    ----------
    key : DataFrame
        :func:`analysis.keyness.keyness`: ``source``, ``term``, ``g2``, ``p_adjusted``.
    alpha : float, default 0.05
        The adjusted p-value below which a term counts (the figure draws the others pale).
    {n_terms}

    {returns_markdown}

    Examples
    --------
    >>> key = pd.DataFrame({"source": ["A", "A", "A", "B"], "term": ["gas", "oil", "war", "EU"],
    ...                     "g2": [12.0, 9.0, -8.0, 2.0], "p_adjusted": [0.01, 0.03, 0.04, 0.5]})
    >>> print(keyness_note(key))
    3 of 4 terms survive the Benjamini-Hochberg correction (adjusted p < 0.05); the pale bars are
    suggestive only. Over-used and surviving: A gas, oil; B none.
    """
    check_columns(key, ["source", "term", "g2", "p_adjusted"], what="keyness_note: the table")
    if key.empty:
        return "No term was compared."
    significant = key[key["p_adjusted"] < alpha]
    over = (significant[significant["g2"] > 0]
            .sort_values(["source", "g2", "term"], ascending=[True, False, True]))
    per = [f"{s} " + (", ".join(over.loc[over["source"] == s, "term"].head(n_terms)) or "none")
           for s in sorted(key["source"].unique())]
    text = (f"{len(significant):,} of {len(key):,} terms survive the Benjamini-Hochberg correction "
            f"(adjusted p < {alpha:g}); the pale bars are suggestive only. Over-used and "
            f"surviving: {'; '.join(per)}.")
    return wrap_prose(text)


@note_doc
def tfidf_note(distinctive: pd.DataFrame, *, n_terms: int = 3) -> str:
    """Each outlet's most distinctive terms, from :func:`analysis.topics.tfidf_terms`.

    Parameters
    ----------
    distinctive : DataFrame
        ``source``, ``term``, ``rank``.
    {n_terms}

    {returns_markdown}

    Examples
    --------
    >>> distinctive = pd.DataFrame({"source": ["A", "A", "B"], "term": ["oil", "gas", "EU"],
    ...                             "rank": [2, 1, 1]})
    >>> print(tfidf_note(distinctive))
    Most distinctive: A "gas", "oil"; B "EU". With 2 outlets the inverse document frequency has
    only 2 levels, so read this with the keyness table of notebook 20, which tests the same
    contrast.
    """
    check_columns(distinctive, ["source", "term", "rank"], what="tfidf_note: the table")
    if distinctive.empty:
        return "No outlet has a term it uses at least twice that the others do not."
    top = (distinctive.sort_values(["source", "rank", "term"]).groupby("source").head(n_terms))
    per = "; ".join(f"{s} " + ", ".join(f'"{t}"' for t in group["term"])
                    for s, group in top.groupby("source", sort=True))
    n = distinctive["source"].nunique()
    plural = "" if n == 1 else "s"
    return wrap_prose(f"Most distinctive: {per}. With {n} outlet{plural} the inverse "
                      f"document frequency has only {n} level{plural}, so read this "
                      "with the keyness table of notebook 20, which tests the same contrast.")


def collocations_note(colloc: pd.DataFrame, *, sources: Iterable[str] | None = None) -> str:
    """Per target: mentions and the strongest collocate in each outlet.

    Parameters
    ----------
    colloc : DataFrame
        Rows of :func:`analysis.context.collocations` (several targets concatenated):
        ``source``, ``target``, ``term``, ``count``, ``n_mentions`` (mentions of the target in
        the outlet), ``rank``.
    sources : iterable of str, optional
        Every outlet of the corpus, to name those without a collocate of a target.

    Returns
    -------
    str
        Markdown: one bullet per target.

    Examples
    --------
    >>> colloc = pd.DataFrame({"source": ["A", "A", "B"], "target": ["EU", "EU", "EU"],
    ...                        "term": ["crisis", "talks", "trade"], "count": [4, 2, 3],
    ...                        "n_mentions": [20, 20, 9], "rank": [1, 2, 1]})
    >>> print(collocations_note(colloc, sources=["A", "B", "C"]))
    - **EU**: A (20 mentions; "crisis" 4 times nearby), B (9; "trade" 3); no collocate in C.
    """
    check_columns(colloc, ["source", "target", "term", "count", "n_mentions", "rank"],
                  what="collocations_note: the table")
    everyone = sorted(set(sources)) if sources is not None else sorted(colloc["source"].unique())
    if colloc.empty:
        return "No target has a collocate (a word near it at least twice in an outlet)."
    bullets = []
    for target, group in colloc.groupby("target", sort=False):
        top = (group.sort_values(["n_mentions", "source", "rank"], ascending=[False, True, True])
               .groupby("source", sort=False).head(1))
        cells = [f'{s} ({m} mentions; "{t}" {c} times nearby)' if i == 0
                 else f'{s} ({m}; "{t}" {c})' for i, (s, m, t, c) in
                 enumerate(top[["source", "n_mentions", "term", "count"]].itertuples(index=False))]
        missing = [s for s in everyone if s not in set(top["source"])]
        bullets.append(target_bullet(target, cells, absent=missing, absent_as="no collocate in"))
    return "\n".join(bullets)
