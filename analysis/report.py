"""Report: the notebooks' interpretive prose, written from the tables of the corpus at hand.

A notebook run with ``make figures CORPUS=...`` shows another corpus's figures; prose that types
the seeds' numbers ("about -0.15, 18 sentences") would then stand next to figures it does not
describe. So every number in a notebook's "Reading it" text comes from a function here, which
reads it off the measure's table and returns Markdown (the notebook shows it with
``IPython.display.Markdown``). What only a reader of the seeds can say (which outlet attacks whom,
and why the scorer misses it) goes through :func:`seeds_only`: shown when the corpus is the
seeds, replaced by a line saying so otherwise.

Every function takes a measure's table and returns a ``str`` of Markdown; none computes a
measure. Numbers are rounded for reading: rates and means to two decimals, shares to whole
percent.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.intervals import MIN_UNITS
from analysis.paths import corpus_is_seeds, corpus_name

__all__ = ["agreement_note", "articles_note", "audit_note", "collocations_note",
           "corrected_note", "fmt_list", "fmt_share", "keyness_note", "overview_note",
           "sample_note", "seeds_only", "sentiment_note", "stability_note", "terms_note",
           "tfidf_note", "topic_shares_note", "trained_note"]


def fmt_list(items: Iterable, *, limit: int | None = None, empty: str = "none") -> str:
    """Join items as prose: ``a``, ``a and b``, ``a, b and c``.

    Parameters
    ----------
    items : iterable
        Anything with a ``str``.
    limit : int, optional
        Name at most this many, then ``and N more``.
    empty : str, default "none"
        What an empty list reads as.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_list(["EU"]), fmt_list(["EU", "US"]), fmt_list(["EU", "US", "Armenia"])
    ('EU', 'EU and US', 'EU, US and Armenia')
    >>> fmt_list(["a", "b", "c", "d"], limit=2), fmt_list([])
    ('a, b and 2 more', 'none')
    """
    items = [str(item) for item in items]
    if limit is not None and limit < 1:
        raise ValueError(f"fmt_list: limit must be at least 1, got {limit}")
    if not items:
        return empty
    if limit is not None and len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def fmt_share(value: float, *, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage (``0.4533`` -> ``45 %``); NaN reads as ``n/a``.

    Examples
    --------
    >>> fmt_share(0.4533), fmt_share(0.4533, digits=1), fmt_share(float("nan"))
    ('45 %', '45.3 %', 'n/a')
    """
    if value is None or pd.isna(value):
        return "n/a"
    return f"{100 * float(value):.{digits}f} %"


def _num(value: float, digits: int = 2) -> str:
    """A signed-where-negative number with a true minus sign; NaN reads as ``n/a``."""
    if value is None or pd.isna(value):
        return "n/a"
    text = f"{float(value):.{digits}f}"
    if text.startswith("-") and float(text) == 0:  # -0.00 is 0.00 to a reader
        text = text[1:]
    return text.replace("-", "\u2212")


def _articles(n: int) -> str:
    return f"{n} article" + ("" if n == 1 else "s")


def _require(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"{what}: the table has no column {fmt_list(map(repr, missing))}")


def seeds_only(text: str, *, corpus=None) -> str:
    """Return ``text`` when the corpus is the seeds, else a line saying a seeds note is left out.

    For prose that only a reader of the seeds can write (which outlet attacks whom, what the hand
    codes of the seeds showed); numbers that the tables give belong in the other functions here.

    Parameters
    ----------
    text : str
        Markdown about the seeds.
    corpus : str or Path, optional
        The corpus the notebook reads; default :func:`analysis.paths.corpus_path`.

    Returns
    -------
    str
        ``text``, or an italic line naming the corpus this run reads.

    Examples
    --------
    >>> from analysis.paths import SEEDS_DIR
    >>> seeds_only("**On the seeds.** AzerNews is the EU outlet.", corpus=SEEDS_DIR)
    '**On the seeds.** AzerNews is the EU outlet.'
    >>> seeds_only("**On the seeds.** AzerNews is the EU outlet.", corpus="/data/news.csv")
    '*(A note about the seeds, the corpus in `seeds/`, stands here; this run reads `news`.)*'
    """
    if corpus_is_seeds(corpus):
        return text
    return (f"*(A note about the seeds, the corpus in `seeds/`, stands here; this run reads "
            f"`{corpus_name(corpus)}`.)*")


def overview_note(overview: pd.DataFrame, *, min_units: int = MIN_UNITS) -> str:
    """What :func:`analysis.overview.corpus_overview` says: articles per outlet, sizes, cleaning.

    Parameters
    ----------
    overview : DataFrame
        ``source``, ``doc_id``, ``n_tokens_raw``, ``n_tokens_body``, ``n_tokens_removed``.
    min_units : int, default :data:`analysis.intervals.MIN_UNITS`
        Outlets with fewer articles are named as too thin to speak for the outlet.

    Returns
    -------
    str
        Markdown.

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
    _require(overview, ["source", "doc_id", "n_tokens_raw", "n_tokens_body", "n_tokens_removed"],
             "overview_note")
    if overview.empty:
        return "The corpus has no articles."
    per = overview.groupby("source", sort=True).agg(
        n_docs=("doc_id", "nunique"), raw=("n_tokens_raw", "sum"),
        removed=("n_tokens_removed", "sum"))
    n_docs, n_sources = overview["doc_id"].nunique(), len(per)
    parts = [f"{_articles(n_docs)} from {n_sources} outlet{'' if n_sources == 1 else 's'}."]
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
    return _wrap(" ".join(parts))


def _wrap(text: str, width: int = 96) -> str:
    """Break a paragraph into lines (Markdown joins them again): readable as notebook source."""
    lines, line = [], ""
    for word in text.split(" "):
        # never start a line with "%": "45 %" stays one unit
        if line and len(line) + 1 + len(word) > width and not word.startswith("%"):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line]) if line else "\n".join(lines)


# Reasons under which the cleaner moves a line into the metadata rather than dropping it.
_MOVED = ("title", "dateline")


def audit_note(summary: pd.DataFrame, *, n_reasons: int = 3) -> str:
    """What :func:`analysis.overview.audit_summary` says: the main reasons lines were removed.

    Parameters
    ----------
    summary : DataFrame
        ``source``, ``reason``, ``n_lines``, ``n_tokens``.
    n_reasons : int, default 3
        How many reasons to name overall.

    Returns
    -------
    str
        Markdown.

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
    _require(summary, ["source", "reason", "n_lines", "n_tokens"], "audit_note")
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
    return _wrap(text)


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

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcde"), "source": ["A", "A", "A", "B", "C"]})
    >>> print(articles_note(corpus, drawn_as="drawn as hollow markers"))
    1 of 3 outlets has at least 3 articles and gets intervals (A). The others (B 1 article and C 1
    article) get none and are drawn as hollow markers: their numbers describe these articles, not
    the outlets.
    """
    _require(corpus, ["doc_id", by], "articles_note")
    if corpus.empty:
        return "The corpus has no articles."
    n_docs = corpus.groupby(by)["doc_id"].nunique().sort_index()
    enough = n_docs[n_docs >= min_units]
    few = n_docs[n_docs < min_units]
    few_list = fmt_list(f"{s} {_articles(n)}" for s, n in few.items())
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
    return _wrap(text)


def terms_note(terms: pd.DataFrame) -> str:
    """Each outlet's most frequent term, from :func:`analysis.freq.term_frequencies`.

    Parameters
    ----------
    terms : DataFrame
        ``source``, ``term``, ``count``.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> terms = pd.DataFrame({"source": ["A", "A", "B", "C"], "term": ["gas", "oil", "gas", "EU"],
    ...                       "count": [3, 5, 4, 2]})
    >>> terms_note(terms)
    'The most frequent term: "oil" in A, "gas" in B, "EU" in C.'
    >>> terms_note(terms[terms["source"] != "A"].assign(term="gas"))
    'The most frequent term is "gas" in every outlet.'
    """
    _require(terms, ["source", "term", "count"], "terms_note")
    if terms.empty:
        return "No terms were counted."
    top = (terms.sort_values(["source", "count", "term"], ascending=[True, False, True])
           .groupby("source").head(1))
    if top["term"].nunique() == 1 and len(top) > 1:
        return f'The most frequent term is "{top["term"].iloc[0]}" in every outlet.'
    return "The most frequent term: " + ", ".join(
        f'"{t}" in {s}' for s, t in top[["source", "term"]].itertuples(index=False)) + "."


def keyness_note(key: pd.DataFrame, *, alpha: float = 0.05, n_terms: int = 3) -> str:
    """Which over-used terms survive the multiple-comparison correction, per outlet.

    Parameters
    ----------
    key : DataFrame
        :func:`analysis.keyness.keyness`: ``source``, ``term``, ``g2``, ``p_adjusted``.
    alpha : float, default 0.05
        The adjusted p-value below which a term counts (the figure draws the others pale).
    n_terms : int, default 3
        Terms named per outlet.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> key = pd.DataFrame({"source": ["A", "A", "A", "B"], "term": ["gas", "oil", "war", "EU"],
    ...                     "g2": [12.0, 9.0, -8.0, 2.0], "p_adjusted": [0.01, 0.03, 0.04, 0.5]})
    >>> print(keyness_note(key))
    3 of 4 terms survive the Benjamini-Hochberg correction (adjusted p < 0.05); the pale bars are
    suggestive only. Over-used and surviving: A gas, oil; B none.
    """
    _require(key, ["source", "term", "g2", "p_adjusted"], "keyness_note")
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
    return _wrap(text)


def tfidf_note(distinctive: pd.DataFrame, *, n_terms: int = 3) -> str:
    """Each outlet's most distinctive terms, from :func:`analysis.topics.tfidf_terms`.

    Parameters
    ----------
    distinctive : DataFrame
        ``source``, ``term``, ``rank``.
    n_terms : int, default 3

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> distinctive = pd.DataFrame({"source": ["A", "A", "B"], "term": ["oil", "gas", "EU"],
    ...                             "rank": [2, 1, 1]})
    >>> print(tfidf_note(distinctive))
    Most distinctive: A "gas", "oil"; B "EU". With 2 outlets the inverse document frequency has
    only 2 levels, so read this with the keyness table of notebook 20, which tests the same
    contrast.
    """
    _require(distinctive, ["source", "term", "rank"], "tfidf_note")
    if distinctive.empty:
        return "No outlet has a term it uses at least twice that the others do not."
    top = (distinctive.sort_values(["source", "rank", "term"]).groupby("source").head(n_terms))
    per = "; ".join(f"{s} " + ", ".join(f'"{t}"' for t in group["term"])
                    for s, group in top.groupby("source", sort=True))
    n = distinctive["source"].nunique()
    return _wrap(f"Most distinctive: {per}. With {n} outlet{'' if n == 1 else 's'} the inverse "
                 f"document frequency has only {n} level{'' if n == 1 else 's'}, so read this "
                 "with the keyness table of notebook 20, which tests the same contrast.")


def stability_note(stability: pd.DataFrame) -> str:
    """What :func:`analysis.topics.topic_stability` suggests, against its shuffled-word null.

    Parameters
    ----------
    stability : DataFrame
        ``n_topics``, ``stability``, ``null_high``, ``corrected``, ``n_reproducible``,
        ``suggested``.

    Returns
    -------
    str
        Markdown.

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
    _require(stability, ["n_topics", "stability", "null_high", "corrected", "n_reproducible",
                         "suggested"], "stability_note")
    if stability.empty:
        return "No number of topics was tried."
    lo = stability.loc[stability["stability"].idxmin()]
    hi = stability.loc[stability["stability"].idxmax()]
    parts = [f"Mean stability runs from {_num(lo['stability'])} ({lo['n_topics']} topics) to "
             f"{_num(hi['stability'])} ({hi['n_topics']} topics); shuffled words reach "
             f"{_num(stability['null_high'].min())} to {_num(stability['null_high'].max())} "
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
            against = f", against {_num(other['corrected'])} for {other['n_topics']}"
        parts.append(f"The corrected score suggests {row['n_topics']} topics "
                     f"({_num(row['corrected'])}{against}); that suggestion is used below.")
    return _wrap(" ".join(parts))


def topic_shares_note(topic_terms: pd.DataFrame, topic_shares: pd.DataFrame) -> str:
    """Which topics are reproducible, and each outlet's largest topic.

    Parameters
    ----------
    topic_terms, topic_shares : DataFrame
        The two tables of :func:`analysis.topics.tfidf_topics`: ``topic``, ``label``,
        ``reproducible``; and ``source``, ``label``, ``share``.

    Returns
    -------
    str
        Markdown.

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
    _require(topic_terms, ["topic", "label", "reproducible"], "topic_shares_note")
    _require(topic_shares, ["source", "label", "share"], "topic_shares_note")
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
    return _wrap(text)


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
    _require(colloc, ["source", "target", "term", "count", "n_mentions", "rank"],
             "collocations_note")
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
        line = f"- **{target}**: {', '.join(cells)}"
        if missing:
            line += f"; no collocate in {fmt_list(missing, limit=8)}"
        bullets.append(line + ".")
    return "\n".join(bullets)


def sentiment_note(by_source: pd.DataFrame, *, min_sentences: int = 5) -> str:
    """Per target, each outlet's mean score with its sentences and articles, most negative first.

    Parameters
    ----------
    by_source : DataFrame
        :func:`analysis.sentiment.sentiment_by_source`: ``source``, ``target``, ``mean``,
        ``n_sentences`` and ``n_docs``.
    min_sentences : int, default 5
        Cells with fewer sentences are named as saying little.

    Returns
    -------
    str
        Markdown: one bullet per target, then a line on thin cells.

    Examples
    --------
    >>> by_source = pd.DataFrame({"source": ["A", "B", "C"], "target": ["EU"] * 3,
    ...                           "n_sentences": [18, 2, 0], "n_docs": [1, 2, 0],
    ...                           "mean": [-0.154, 0.02, float("nan")]})
    >>> print(sentiment_note(by_source))
    - **EU**: A −0.15 (18 sentences, 1 article), B 0.02 (2 sentences, 2 articles); no mention in C.
    <BLANKLINE>
    Fewer than 5 sentences say little about an outlet: B on EU (2).
    """
    _require(by_source, ["source", "target", "mean", "n_sentences", "n_docs"], "sentiment_note")
    table = by_source.assign(_n=by_source["n_sentences"])
    if table.empty:
        return "No sentence mentions a target."
    bullets = []
    for target, group in table.groupby("target", sort=False):
        scored = group.dropna(subset=["mean"]).sort_values(["mean", "source"])
        cells = [f"{s} {_num(m)} ({n} sentence{'' if n == 1 else 's'}, {_articles(d)})"
                 for s, m, n, d in scored[["source", "mean", "_n", "n_docs"]]
                 .itertuples(index=False)]
        silent = sorted(group.loc[group["mean"].isna(), "source"])
        line = f"- **{target}**: {', '.join(cells) if cells else 'no scored sentence'}"
        if silent:
            line += f"; no mention in {fmt_list(silent, limit=8)}"
        bullets.append(line + ".")
    thin = table[(table["_n"] > 0) & (table["_n"] < min_sentences)].sort_values(["target",
                                                                                  "source"])
    text = "\n".join(bullets)
    if not thin.empty:
        text += (f"\n\nFewer than {min_sentences} sentences say little about an outlet: "
                 + fmt_list((f"{s} on {t} ({n})" for s, t, n in
                             thin[["source", "target", "_n"]].itertuples(index=False)),
                            limit=10) + ".")
    return text


def sample_note(sample: pd.DataFrame, scores: pd.DataFrame, *,
                per=("source", "target")) -> str:
    """How :func:`analysis.validation.coding_sample` drew: cells taken whole, cells sampled.

    Parameters
    ----------
    sample : DataFrame
        The drawn rows (the ``per`` columns).
    scores : DataFrame
        The rows drawn from.
    per : tuple of str, default ("source", "target")
        The strata.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> scores = pd.DataFrame({"source": list("AAAAAB"), "target": ["EU"] * 6})
    >>> print(sample_note(scores.iloc[[0, 1, 5]], scores))
    3 of 6 mentions drawn (50 %) from 2 outlet × target cells: 1 cell with few mentions is taken
    whole (B–EU), the other gives 2 drawn at random.
    """
    per = list(per)
    _require(sample, per, "sample_note")
    _require(scores, per, "sample_note")
    total = scores.groupby(per).size()
    drawn = sample.groupby(per).size().reindex(total.index, fill_value=0)
    if total.empty:
        return "There are no scored mentions to sample."
    whole = drawn[(drawn == total) & (drawn > 0)]
    part = drawn[drawn < total]
    text = (f"{int(drawn.sum()):,} of {int(total.sum()):,} mentions drawn "
            f"({fmt_share(drawn.sum() / total.sum())}) from {len(total)} outlet × target cells")
    names = ["–".join(map(str, key if isinstance(key, tuple) else (key,))) for key in whole.index]
    clauses = []
    if len(whole):
        cells = "1 cell with few mentions is" if len(whole) == 1 else \
            f"{len(whole)} cells with few mentions are"
        clauses.append(f"{cells} taken whole ({fmt_list(names, limit=6)})")
    if len(part):
        sizes = sorted(set(part.tolist()))
        size = str(sizes[0]) if len(sizes) == 1 else f"{sizes[0]} to {sizes[-1]}"
        other = "the other gives" if len(part) == 1 else f"the other {len(part)} give"
        clauses.append(f"{other} {size} drawn at random")
    return _wrap(text + (": " + ", ".join(clauses) if clauses else "") + ".")


def _statistics(table: pd.DataFrame) -> pd.DataFrame:
    _require(table, ["statistic", "value", "ci_low", "ci_high", "n"], "agreement table")
    if "comparison" in table:
        table = table[table["comparison"] == "model vs coder"]
    return table.set_index("statistic")


def agreement_note(table: pd.DataFrame, *, strict: pd.DataFrame | None = None) -> str:
    """What :func:`analysis.validation.agreement` says about the scorer against the hand codes.

    Parameters
    ----------
    table : DataFrame
        ``agreement(codes)``: ``statistic``, ``value``, ``ci_low``, ``ci_high``, ``n``.
    strict : DataFrame, optional
        ``agreement(codes, exclude_borderline=True)``, compared in one sentence.

    Returns
    -------
    str
        Markdown; says that nothing is coded yet when no row is.

    Examples
    --------
    >>> table = pd.DataFrame({"statistic": ["accuracy", "kappa", "alpha", "macro_f1",
    ...                                     "recall_negative"],
    ...                       "value": [0.4533, 0.21, 0.171, 0.45, 0.407],
    ...                       "ci_low": [0.333, 0.05, -0.01, 0.33, 0.22],
    ...                       "ci_high": [0.573, 0.36, 0.34, 0.56, 0.6], "n": [75] * 5})
    >>> print(agreement_note(table))
    The default method agrees with the hand codes on 45 % of the 75 coded mentions (95 % interval
    33 % to 57 %). Chance-corrected, Cohen's kappa is 0.21 (0.05 to 0.36) and Krippendorff's
    alpha 0.17 (0 is chance, 1 perfect); macro-F1 is 0.45. Of the mentions coded negative it
    labels 41 % negative.
    """
    stats = _statistics(table)
    if "accuracy" not in stats.index or pd.isna(stats.loc["accuracy", "value"]):
        return ("No mention of the coding sheet is coded yet, so the scorer cannot be checked on "
                "this corpus: code the sheet (`codes_path()`, in a spreadsheet or with "
                "`Labeller`) and rerun.")
    acc = stats.loc["accuracy"]
    text = (f"The default method agrees with the hand codes on {fmt_share(acc['value'])} of the "
            f"{int(acc['n']):,} coded mentions (95 % interval {fmt_share(acc['ci_low'])} to "
            f"{fmt_share(acc['ci_high'])}).")
    if "kappa" in stats.index:
        kappa = stats.loc["kappa"]
        text += (f" Chance-corrected, Cohen's kappa is {_num(kappa['value'])} "
                 f"({_num(kappa['ci_low'])} to {_num(kappa['ci_high'])})")
        if "alpha" in stats.index:
            text += f" and Krippendorff's alpha {_num(stats.loc['alpha', 'value'])}"
        text += " (0 is chance, 1 perfect)"
        if "macro_f1" in stats.index:
            text += f"; macro-F1 is {_num(stats.loc['macro_f1', 'value'])}"
        text += "."
    if "recall_negative" in stats.index and pd.notna(stats.loc["recall_negative", "value"]):
        text += (" Of the mentions coded negative it labels "
                 f"{fmt_share(stats.loc['recall_negative', 'value'])} negative.")
    if strict is not None:
        tight = _statistics(strict)
        if "accuracy" in tight.index and pd.notna(tight.loc["accuracy", "value"]):
            kappa = _num(tight.loc["kappa", "value"]) if "kappa" in tight.index else "n/a"
            text += (f" Leaving out the borderline codes ({int(tight.loc['accuracy', 'n']):,} "
                     f"mentions remain): accuracy {fmt_share(tight.loc['accuracy', 'value'])}, "
                     f"kappa {kappa}.")
    return _wrap(text)


def trained_note(trained: pd.DataFrame, default: pd.DataFrame) -> str:
    """The held-out trained scorer against the default one, on the same hand codes.

    Parameters
    ----------
    trained, default : DataFrame
        :func:`analysis.validation.agreement` of ``held_out_labels(codes)`` and of ``codes``.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> def stats(acc, f1, n):
    ...     return pd.DataFrame({"statistic": ["accuracy", "macro_f1"], "value": [acc, f1],
    ...                          "ci_low": [0.0, 0.0], "ci_high": [1.0, 1.0], "n": [n, n]})
    >>> print(trained_note(stats(0.56, 0.40, 75), stats(0.45, 0.45, 75)))
    Trained on the codes of the other articles, the model is right on 56 % of the 75 mentions (the
    default method: 45 %), with macro-F1 0.40 (default: 0.45).
    """
    mine, base = _statistics(trained), _statistics(default)
    if "accuracy" not in mine.index or pd.isna(mine.loc["accuracy", "value"]):
        return ("No held-out labels: the trained model needs coded mentions from at least two "
                "articles.")
    text = (f"Trained on the codes of the other articles, the model is right on "
            f"{fmt_share(mine.loc['accuracy', 'value'])} of the {int(mine.loc['accuracy', 'n']):,} "
            f"mentions (the default method: {fmt_share(base.loc['accuracy', 'value'])})")
    if "macro_f1" in mine.index and "macro_f1" in base.index:
        text += (f", with macro-F1 {_num(mine.loc['macro_f1', 'value'])} "
                 f"(default: {_num(base.loc['macro_f1', 'value'])})")
    return _wrap(text + ".")


def corrected_note(corrected: pd.DataFrame) -> str:
    """Per target, each outlet's model mean next to its corrected mean, and out-of-range means.

    Parameters
    ----------
    corrected : DataFrame
        :func:`analysis.validation.corrected_by_source`: ``source``, ``target``, ``raw_mean``,
        ``mean``, ``n_coded``.

    Returns
    -------
    str
        Markdown: one bullet per target (model mean → corrected mean), then a line on corrected
        means outside [-1, 1].

    Examples
    --------
    >>> corrected = pd.DataFrame({"source": ["A", "B"], "target": ["EU", "EU"],
    ...                           "raw_mean": [-0.17, 0.4], "mean": [-1.17, float("nan")],
    ...                           "n_coded": [8, 0]})
    >>> print(corrected_note(corrected))
    - **EU** (model mean → corrected): A −0.17 → −1.17 (8 coded); not coded: B.
    <BLANKLINE>
    Unbiased is not bounded: with few coded mentions a corrected mean can leave [−1, 1] (A on EU
    −1.17); read it as "all negative (or positive), within noise", and code more mentions to
    narrow it.
    """
    _require(corrected, ["source", "target", "raw_mean", "mean", "n_coded"], "corrected_note")
    if corrected.empty or corrected["mean"].isna().all():
        return ("No corrected estimate yet: no mention is coded. Code the sheet and rerun; each "
                "outlet × target cell needs coded mentions of its own.")
    bullets = []
    for target, group in corrected.groupby("target", sort=False):
        done = group.dropna(subset=["mean"]).sort_values(["mean", "source"])
        cells = [f"{s} {_num(r)} → {_num(m)} ({c} coded)"
                 for s, r, m, c in done[["source", "raw_mean", "mean", "n_coded"]]
                 .itertuples(index=False)]
        undone = sorted(group.loc[group["mean"].isna() & group["raw_mean"].notna(), "source"])
        line = f"- **{target}** (model mean → corrected): {', '.join(cells) or 'none corrected'}"
        if undone:
            line += f"; not coded: {fmt_list(undone, limit=8)}"
        bullets.append(line + ".")
    text = "\n".join(bullets)
    out = corrected[corrected["mean"].abs() > 1].sort_values(["target", "source"])
    if not out.empty:
        cells = fmt_list(f"{s} on {t} {_num(m)}"
                         for s, t, m in out[["source", "target", "mean"]].itertuples(index=False))
        text += "\n\n" + _wrap(
            "Unbiased is not bounded: with few coded mentions a corrected mean can leave "
            f"[\u22121, 1] ({cells}); read it as \"all negative (or positive), within noise\", and "
            "code more mentions to narrow it.")
    return text
