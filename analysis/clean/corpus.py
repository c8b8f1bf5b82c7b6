"""Cleaning a corpus: the evidence of lines repeated across a source, the audit, the body.

:func:`line_counts` counts, per source, the articles holding each line; :func:`line_audit`
and :func:`cleaning_audit` give the decision and reason of every line; :func:`clean_corpus`
adds the body as ``text`` and fills an empty title and date from the page.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import partial

import pandas as pd

from analysis.clean.decision import decide, join_body
from analysis.clean.metadata import page_date, page_headline
from analysis.clean.rules import REASONS, Rules, make_rules
from analysis.clean.shape import line_keys
from analysis.errors import check_columns
from analysis.options import resolve_options
from analysis.parallel import document_parallel_options, map_documents, release_memory

__all__ = ["clean_corpus", "cleaning_audit", "line_audit", "line_counts"]

_CORPUS_COLUMNS = ("doc_id", "source", "raw_text")


def _check_corpus(corpus) -> None:
    """Raise a clear error unless ``corpus`` is a table of string pages split on "\\n"."""
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(corpus).__name__}")
    check_columns(corpus, _CORPUS_COLUMNS, hint="load it with analysis.corpus.load_corpus")
    bad = [d for d, t in zip(corpus["doc_id"], corpus["raw_text"]) if not isinstance(t, str)]
    if bad:
        raise ValueError(f"raw_text is not a string for doc_id {', '.join(map(str, bad[:5]))}")
    # Lines are split on "\n" (a "\r" ending a line is stripped with its spaces); another
    # line break before more text would hide those lines from every rule and reach the body.
    odd = [d for d, t in zip(corpus["doc_id"], corpus["raw_text"])
           if _ODD_BREAK_CHAR.search(t) is not None and _ODD_BREAK.search(t) is not None]
    if odd:
        raise ValueError(f"raw_text holds a line break other than \"\\n\" (a lone CR, U+2028,"
                         f" ...) for doc_id {', '.join(map(str, odd[:5]))}; load the corpus"
                         " with analysis.corpus.load_corpus or apply"
                         " analysis.corpus.normalize_raw")


_ODD_BREAK_CHAR = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ODD_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029][^\\S\n]*\\S")


def _line_doc_counts(texts) -> dict[str, int]:
    """Normalised line -> number of ``texts`` holding it."""
    counts = Counter()
    for text in texts:
        counts.update(line_keys(text))
    return dict(counts)


def _repeated_lines(corpus, min_docs: int, evidence=None) -> dict[str, frozenset[str]]:
    """Per source, the normalised lines that occur in at least ``min_docs`` of its articles."""
    if evidence is not None:
        check_columns(evidence, _EVIDENCE_COLUMNS, what="evidence",
                      hint="build it with line_counts")
        found = evidence[evidence["n_docs"] >= min_docs]
        lines = found.groupby("source", sort=False)["line"].agg(frozenset).to_dict()
        return {s: lines.get(s, frozenset()) for s in set(corpus["source"])}
    return {source: frozenset(k for k, n in counts.items() if n >= min_docs)
            for source, counts in _line_doc_counts_by_source(corpus)}


def _line_doc_counts_by_source(corpus):
    """Yield ``(source, _line_doc_counts of its raw texts)``, sources in sorted order."""
    # (Grouping the one column copies it alone, not the whole table.)
    for source, texts in corpus["raw_text"].groupby(corpus["source"], sort=True):
        yield source, _line_doc_counts(texts)


_EVIDENCE_COLUMNS = ["source", "line", "n_docs"]


def line_counts(corpus) -> pd.DataFrame:
    """Count, per source, the articles holding each line: the evidence for repeated lines.

    Counts of disjoint parts of a corpus add up (sum ``n_docs`` per ``source, line``), so the
    evidence of a corpus too large for one machine is built part by part (see
    :mod:`analysis.distributed`) and passed to :func:`clean_corpus` as ``evidence=``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id, source, raw_text``.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, line, n_docs``: ``line`` as compared (lower-cased, punctuation
        ignored), ``n_docs`` the articles of the source holding it. Sorted by ``source, line``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"],
    ...                   "raw_text": ["Share:\\nTalks in Baku.", "Share!\\nA deal."]})
    >>> line_counts(c).values.tolist()
    [['X', 'a deal', 1], ['X', 'share', 2], ['X', 'talks in baku', 1]]
    """
    _check_corpus(corpus)
    rows = [(source, key, n) for source, counts in _line_doc_counts_by_source(corpus)
            for key, n in counts.items()]
    table = pd.DataFrame(rows, columns=_EVIDENCE_COLUMNS).astype({"n_docs": "int64"})
    return table.sort_values(["source", "line"], kind="stable").reset_index(drop=True)


def _audit_rows(corpus, rules: Rules, repeat_min_docs: int, evidence=None):
    """Yield (doc_id, source, line_no, line, kept, reason) for every non-empty line."""
    repeated = _repeated_lines(corpus, repeat_min_docs, evidence)
    titles = corpus["title"] if "title" in corpus.columns else [""] * len(corpus)
    # A saved page's visible lines that the extractor left out of raw_text (load_corpus).
    outside = (corpus["outside_text"] if "outside_text" in corpus.columns
               else [""] * len(corpus))
    for doc_id, source, text, title, rest in zip(corpus["doc_id"], corpus["source"],
                                                 corpus["raw_text"], titles, outside):
        title = title if isinstance(title, str) else ""
        for line in (rest.split("\n") if isinstance(rest, str) and rest else ()):
            if line.strip():
                yield doc_id, source, 0, line.strip(), False, REASONS[-1]
        decision = decide(text, rules, repeated=repeated[source], title=title)
        for line, reason in zip(decision.lines, decision.reasons):
            yield doc_id, source, line.no, line.text, not reason, reason


_AUDIT_COLUMNS = ["doc_id", "source", "line_no", "line", "kept", "reason"]


def line_audit(corpus, *, prose_words: int = 10, long_words: int = 20,
               short_penalty: float = 3.0, boiler_penalty: float = 12.0,
               repeat_min_docs: int = 2, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Decide, for every non-empty raw line of every article, whether it is body text.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table from :func:`analysis.corpus.load_corpus` (needs ``doc_id, source, raw_text``;
        ``title`` from the manifest, when present, helps find the headline line).
    prose_words, long_words, short_penalty, boiler_penalty
        As in :func:`strip_boilerplate`.
    repeat_min_docs : int, default 2
        A line (compared lower-cased, punctuation ignored) found in at least this many articles
        of the same source is boilerplate, unless it has ``long_words`` words or more.
    evidence : pandas.DataFrame, optional
        :func:`line_counts` of the whole corpus when ``corpus`` is only a part of it (a Dask
        partition, a new batch); repeated lines are then counted there, not in ``corpus``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, line_no, line, kept, reason``: ``line_no`` is the 1-based line
        number in ``raw_text``, ``line`` the stripped line, ``kept`` a bool and ``reason`` one
        of :data:`REASONS` ("" when kept). A saved page's visible lines that the extractor
        left out (``outside_text`` of :func:`analysis.corpus.load_corpus`) come first, with
        ``line_no`` 0 and reason "outside the extracted article". Sorted by ``doc_id,
        line_no``.

    Raises
    ------
    TypeError, ValueError
        If ``corpus`` is not a DataFrame, lacks the required columns, or a ``raw_text`` holds
        a line break other than ``"\\n"`` (``load_corpus`` normalises them).

    Examples
    --------
    >>> text = "Share:\\nThe minister met his counterpart in Baku today.\\n6"
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "raw_text": [text]})
    >>> line_audit(c, prose_words=5)[["line_no", "kept", "reason"]].values.tolist()
    [[1, False, 'share widget'], [2, True, ''], [3, False, 'counter']]
    """
    _check_corpus(corpus)
    rules = make_rules(prose_words, long_words, short_penalty, boiler_penalty)
    rows = list(_audit_rows(corpus, rules, repeat_min_docs, evidence))
    table = pd.DataFrame(rows, columns=_AUDIT_COLUMNS)
    table = table.astype({"line_no": "int64", "kept": "bool"})
    return table.sort_values(["doc_id", "line_no"], kind="stable").reset_index(drop=True)


def cleaning_audit(corpus, *, prose_words: int = 10, long_words: int = 20,
                   short_penalty: float = 3.0, boiler_penalty: float = 12.0,
                   repeat_min_docs: int = 2, evidence: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """List the raw lines that cleaning removed, with the reason.

    Parameters
    ----------
    corpus : pandas.DataFrame
        As in :func:`line_audit`.
    prose_words, long_words, short_penalty, boiler_penalty, repeat_min_docs, evidence
        As in :func:`line_audit`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, line_no, line, reason``, one row per removed line, sorted by
        ``doc_id, line_no``.

    Examples
    --------
    >>> text = "Views: 44\\nThe minister met his counterpart in Baku today."
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "raw_text": [text]})
    >>> cleaning_audit(c, prose_words=5)[["line", "reason"]].values.tolist()
    [['Views: 44', 'counter']]
    """
    table = line_audit(corpus, prose_words=prose_words, long_words=long_words,
                       short_penalty=short_penalty, boiler_penalty=boiler_penalty,
                       repeat_min_docs=repeat_min_docs, evidence=evidence)
    removed = table[~table["kept"]]
    return removed[["doc_id", "source", "line_no", "line", "reason"]].reset_index(drop=True)


@document_parallel_options
def clean_corpus(corpus, *, prose_words: int = 10, long_words: int = 20,
                 short_penalty: float = 3.0, boiler_penalty: float = 12.0,
                 repeat_min_docs: int = 2, evidence: pd.DataFrame | None = None,
                 n_jobs: int | None = None, min_docs_parallel: int | None = None,
                 progress: bool | None = None) -> pd.DataFrame:
    """Add the article body (``text``) to a corpus table, using page rules and corpus evidence.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table from :func:`analysis.corpus.load_corpus`. Not modified.
    prose_words, long_words, short_penalty, boiler_penalty, repeat_min_docs, evidence
        As in :func:`line_audit`.
    {parallel_options}

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` (``raw_text`` unchanged) plus ``text``: the kept lines joined with
        ``"\\n"``, a paragraph split mid-sentence re-joined. An empty ``title`` is filled from
        the line detected as the headline and an empty ``date`` from the dateline (ISO-like,
        "" when the dateline has no year). Row order is kept.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "title": [""], "date": [""],
    ...                   "raw_text": ["Talks in Baku\\n5 May 2025\\nThe two ministers met in"
    ...                                " Baku on Monday and\\nsigned a deal.\\nShare:"]})
    >>> out = clean_corpus(c, prose_words=3)
    >>> out.loc[0, ["title", "date", "text"]].tolist()
    ['Talks in Baku', '2025-05-05', 'The two ministers met in Baku on Monday and signed a deal.']
    """
    _check_corpus(corpus)
    rules = make_rules(prose_words, long_words, short_penalty, boiler_penalty)
    repeated = _repeated_lines(corpus, repeat_min_docs, evidence)
    titles = corpus["title"] if "title" in corpus.columns else [""] * len(corpus)
    out = corpus.copy()
    current = {col: (out[col].fillna("").astype(str) if col in out
                     else pd.Series("", index=out.index)).tolist() for col in ("title", "date")}
    # The raw texts stay a column (turned into Python strings chunk by chunk, where cleaned).
    items = pd.DataFrame({
        "raw_text": corpus["raw_text"].reset_index(drop=True),
        "repeated": [repeated[source] for source in corpus["source"]],
        "title": [title if isinstance(title, str) else "" for title in titles],
        # Only an empty title or date is filled from the page: the others need no search.
        "find_title": [not cur.strip() for cur in current["title"]],
        "find_date": [not cur.strip() for cur in current["date"]]})
    cleaned = map_documents(partial(_clean_document, rules=rules), items, n_jobs=n_jobs,
                            min_docs=min_docs_parallel, progress=progress, desc="cleaning")
    out["text"] = [body for body, _, _ in cleaned]
    for col, k in [("title", 1), ("date", 2)]:
        out[col] = [cur if cur.strip() else found[k] for cur, found in zip(current[col], cleaned)]
    if len(out) >= resolve_options(min_docs_parallel=min_docs_parallel).min_docs_parallel:
        del cleaned
        release_memory()  # the bodies came back as Python strings, now held in the table
    return out


def _clean_document(item, *, rules: Rules) -> tuple[str, str, str]:
    """``(body, headline, date)`` of one article ``(raw_text, repeated lines, title,
    find_title, find_date)``; the headline (date) is "" unless ``find_title`` (``find_date``).

    Only the lines that the body, headline and date need are decided (see
    :class:`analysis.clean.decision.Decision`)."""
    text, repeated, title, find_title, find_date = item
    decision = decide(text, rules, repeated=repeated, title=title)
    return (join_body(decision.kept), page_headline(decision) if find_title else "",
            page_date(decision) if find_date else "")
