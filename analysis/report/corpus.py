"""Notes on the corpus: articles and tokens per source, what cleaning removed, articles."""

from __future__ import annotations

import pandas as pd

from analysis.errors import check_columns
from analysis.intervals import MIN_UNITS
from analysis.report.prose import (
    fmt_articles,
    fmt_list,
    fmt_share,
    note_doc,
    wrap_prose,
)

__all__ = ["articles_note", "audit_note", "overview_note"]


@note_doc
def overview_note(overview: pd.DataFrame, *, min_units: int = MIN_UNITS) -> str:
    """What :func:`analysis.overview.corpus_overview` says: articles per outlet, sizes, cleaning.

    Parameters
    ----------
    overview : DataFrame
        ``source``, ``doc_id``, ``n_tokens_raw``, ``n_tokens_body``, ``n_tokens_removed``.
    min_units : int, default :data:`analysis.intervals.MIN_UNITS`
        Outlets with fewer articles are named as too thin to speak for the outlet.

    {returns_markdown}

    Examples
    --------
    >>> overview = pd.DataFrame({"source": ["A", "B", "B"], "doc_id": ["a", "b1", "b2"],
    ...                          "n_tokens_raw": [100, 300, 100], "n_tokens_body": [90, 240, 100],
    ...                          "n_tokens_removed": [10, 60, 0]})
    >>> print(overview_note(overview))
    3 articles from 2 outlets. Every outlet has fewer than 3 articles (A 1 and B 2), so any
    per-outlet difference in later notebooks is a difference between *articles* as much as between
    outlets. The longest article is `b1` of B (240 word tokens, 2.4 times the median article).
    Cleaning removes least from A (10 % of its word tokens) and most from B (15 %); the next
    notebook lists every removed line.
    """
    check_columns(overview,
                  ["source", "doc_id", "n_tokens_raw", "n_tokens_body", "n_tokens_removed"],
                  what="overview_note: the table")
    if overview.empty:
        return "The corpus has no articles."
    per = overview.groupby("source", sort=True).agg(
        n_docs=("doc_id", "nunique"), raw=("n_tokens_raw", "sum"),
        removed=("n_tokens_removed", "sum"))
    n_docs, n_sources = overview["doc_id"].nunique(), len(per)
    parts = [f"{fmt_articles(n_docs)} from {n_sources} outlet{'' if n_sources == 1 else 's'}."]
    few = per[per["n_docs"] < min_units]
    listed = fmt_list(f"{s} {n}" for s, n in few["n_docs"].items())
    if len(few) == n_sources:
        parts.append(f"Every outlet has fewer than {min_units} articles ({listed}), so any "
                     "per-outlet difference in later notebooks is a difference between "
                     "*articles* as much as between outlets.")
    elif len(few):
        parts.append(f"{len(few)} of {n_sources} outlets have fewer than {min_units} articles "
                     f"({listed}): differences involving them are differences between *articles* "
                     "as much as between outlets.")
    else:
        parts.append(f"Every outlet has at least {min_units} articles.")
    if n_docs > 1:
        longest = overview.sort_values(["n_tokens_body", "doc_id"],
                                       ascending=[False, True]).iloc[0]
        median = overview["n_tokens_body"].median()
        ratio = f", {longest['n_tokens_body'] / median:.1f} times the median article" \
            if median > 0 else ""
        parts.append(f"The longest article is `{longest['doc_id']}` of {longest['source']} "
                     f"({longest['n_tokens_body']:,} word tokens{ratio}).")
    share = (per["removed"] / per["raw"].where(per["raw"] > 0)).dropna().sort_values(kind="stable")
    if len(share) > 1:
        parts.append(f"Cleaning removes least from {share.index[0]} ({fmt_share(share.iloc[0])} "
                     f"of its word tokens) and most from {share.index[-1]} "
                     f"({fmt_share(share.iloc[-1])}); the next notebook lists every removed line.")
    elif len(share) == 1:
        parts.append(f"Cleaning removes {fmt_share(share.iloc[0])} of the word tokens; the next "
                     "notebook lists every removed line.")
    return wrap_prose(" ".join(parts))


# Reasons under which the cleaner moves a line into the metadata rather than dropping it.
_MOVED = ("title", "dateline")


@note_doc
def audit_note(summary: pd.DataFrame, *, n_reasons: int = 3) -> str:
    """What :func:`analysis.overview.audit_summary` says: the main reasons lines were removed.

    Parameters
    ----------
    summary : DataFrame
        ``source``, ``reason``, ``n_lines``, ``n_tokens``.
    n_reasons : int, default 3
        How many reasons to name overall.

    {returns_markdown}

    Examples
    --------
    >>> summary = pd.DataFrame({"source": ["A", "A", "B"],
    ...                         "reason": ["menu/nav", "title", "share widget"],
    ...                         "n_lines": [5, 1, 2], "n_tokens": [9, 6, 3]})
    >>> print(audit_note(summary))
    Cleaning took 8 lines (18 word tokens) out of the bodies. The most frequent reasons: menu/nav
    (5 lines), share widget (2) and title (1). The largest per outlet: A menu/nav (5 lines), B share
    widget (2). 1 of these lines (titles, datelines) moved to the `title` and `date` metadata
    rather than being dropped.
    """
    check_columns(summary, ["source", "reason", "n_lines", "n_tokens"],
                  what="audit_note: the table")
    if summary.empty or summary["n_lines"].sum() == 0:
        return "Cleaning removed no line: every non-empty raw line is in an article body."
    by_reason = (summary.groupby("reason")["n_lines"].sum().reset_index()
                 .sort_values(["n_lines", "reason"], ascending=[False, True]))
    top = [f"{r} ({n} line{'' if n == 1 else 's'})" if i == 0 else f"{r} ({n})"
           for i, (r, n) in enumerate(by_reason.head(n_reasons).itertuples(index=False))]
    largest = (summary.sort_values(["source", "n_lines", "reason"], ascending=[True, False, True])
               .groupby("source").head(1))
    per = [f"{s} {r} ({n} line{'' if n == 1 else 's'})" if i == 0 else f"{s} {r} ({n})"
           for i, (s, r, n) in enumerate(largest[["source", "reason", "n_lines"]]
                                         .itertuples(index=False))]
    n_lines, n_tokens = int(summary["n_lines"].sum()), int(summary["n_tokens"].sum())
    text = (f"Cleaning took {n_lines:,} lines ({n_tokens:,} word tokens) out of the bodies. "
            f"The most frequent reasons: {fmt_list(top)}. The largest per outlet: "
            f"{', '.join(per)}.")
    moved = int(summary.loc[summary["reason"].isin(_MOVED), "n_lines"].sum())
    if moved:
        text += (f" {moved} of these lines (titles, datelines) moved to the `title` and `date` "
                 "metadata rather than being dropped.")
    return wrap_prose(text)


@note_doc
def articles_note(corpus: pd.DataFrame, *, min_units: int = MIN_UNITS,
                  drawn_as: str = "drawn without an interval", by: str = "source") -> str:
    """Which outlets have enough articles for an interval, and how the others are drawn.

    Parameters
    ----------
    corpus : DataFrame
        One row per article: ``doc_id`` and the ``by`` column.
    min_units : int, default :data:`analysis.intervals.MIN_UNITS`
        Articles an outlet needs for an interval.
    drawn_as : str
        How the figure draws an outlet without interval ("hollow markers without bars").
    by : str, default "source"
        The column that names an outlet.

    {returns_markdown}

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcde"), "source": ["A", "A", "A", "B", "C"]})
    >>> print(articles_note(corpus, drawn_as="drawn as hollow markers"))
    1 of 3 outlets has at least 3 articles and gets intervals (A). The others (B 1 article and C 1
    article) get none and are drawn as hollow markers: their numbers describe these articles, not
    the outlets.
    """
    check_columns(corpus, ["doc_id", by], what="articles_note: the table")
    if corpus.empty:
        return "The corpus has no articles."
    n_docs = corpus.groupby(by)["doc_id"].nunique().sort_index()
    enough = n_docs[n_docs >= min_units]
    few = n_docs[n_docs < min_units]
    few_list = fmt_list(f"{s} {fmt_articles(n)}" for s, n in few.items())
    if enough.empty:
        text = (f"No outlet has at least {min_units} articles ({few_list}), so no number gets an "
                f"interval and all are {drawn_as}: they describe these articles, not the "
                "outlets.")
    elif few.empty:
        text = (f"Every outlet has at least {min_units} articles, so every number gets an "
                "interval over its outlet's articles.")
    else:
        verb = "has" if len(enough) == 1 else "have"
        get = "gets" if len(enough) == 1 else "get"
        text = (f"{len(enough)} of {len(n_docs)} outlets {verb} at least {min_units} articles and "
                f"{get} intervals ({fmt_list(enough.index, limit=8)}). The others ({few_list}) get "
                f"none and are {drawn_as}: their numbers describe these articles, not the outlets.")
    return wrap_prose(text)
