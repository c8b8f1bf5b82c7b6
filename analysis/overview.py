"""Corpus overview: how big each article and source is, before and after cleaning."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import check_columns
from analysis.parallel import map_documents
from analysis.tokens import count_tokens, sentence_spans, sentence_spans_by_doc, tokenize

__all__ = ["audit_summary", "corpus_overview"]


def _removed_lines(lines: list[str], body: str) -> list[str] | None:
    """Which of the raw ``lines`` (stripped, non-empty) cleaning removed, or None when that
    cannot be told.

    A cleaned body is the kept raw lines, stripped, joined by line breaks or (a paragraph
    re-joined: the next line starts in lower case) by spaces. Raw lines that tile the body in
    order that way are the kept ones; the rest were removed. When a removed line equals the
    start of a kept one, the lines taken may differ from cleaning's, but they still tile the
    body, so the tokens of the rest are the removed tokens all the same (no token spans a
    space or a line break).
    """
    removed, pos, n = [], 0, len(body)
    for s in lines:
        end = pos + len(s)
        # cleaning re-joins a line only to one that starts in lower case
        if body.startswith(s, pos) and (end == n or body[end] == "\n" or (
                body[end] == " " and body[end + 1:end + 2].islower())):
            pos = end + 1
        else:
            removed.append(s)
    return removed if pos >= n else None


def _sizes(item) -> tuple:
    raw, body, n_body, n_sentences = item
    n_body = count_tokens(body) if n_body < 0 else int(n_body)
    lines = [s for s in (line.strip() for line in raw.splitlines()) if s]
    removed = _removed_lines(lines, body)
    # Only the removed lines are tokenized: the kept ones are the body, counted already.
    n_raw = count_tokens(raw) if removed is None else n_body + count_tokens("\n".join(removed))
    if n_sentences < 0:
        n_sentences = len(sentence_spans(body))
    return (len(lines), sum(1 for line in body.splitlines() if line.strip()),
            n_raw, n_body, n_raw - n_body, int(n_sentences),
            (n_raw - n_body) / n_raw if n_raw else 0.0)


_SIZE_COLUMNS = ["n_lines_raw", "n_lines_body", "n_tokens_raw", "n_tokens_body",
                 "n_tokens_removed", "n_sentences", "share_removed"]


def corpus_overview(corpus: pd.DataFrame, *, dtm=None, sentences=None, n_jobs: int | None = None,
                    progress: bool | None = None) -> pd.DataFrame:
    """Size of every article, raw and cleaned.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A cleaned corpus (``clean_corpus`` output) with ``doc_id, source, raw_text, text``.
    dtm : analysis.freq.DocumentTermMatrix, optional
        :func:`analysis.freq.document_term_matrix` of this corpus (same articles in the same
        order, counted from ``text``): its word counts are the body token counts, so the
        bodies are not tokenized again.
    sentences : pandas.DataFrame, optional
        :func:`analysis.tokens.sentences` of this corpus (``doc_id`` per sentence): the
        sentences are counted from it instead of splitting the bodies again.
    n_jobs : int, optional
        Processes for large corpora (:func:`analysis.parallel.map_documents`); the table is
        identical for any value. ``None`` means one when both ``dtm`` and ``sentences`` are
        given (little work is left), else every core.
    progress : bool, optional
        Progress bar; ``None`` shows one for large corpora on a terminal or in a notebook.

    Returns
    -------
    pandas.DataFrame
        One row per article, sorted by ``source, doc_id``: ``source, doc_id, n_lines_raw,
        n_lines_body`` (non-empty lines), ``n_tokens_raw, n_tokens_body`` (word tokens,
        stopwords included), ``n_tokens_removed``, ``n_sentences`` (in the body) and
        ``share_removed`` (fraction of raw tokens removed by cleaning).

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "raw_text": ["Menu\\nBody one. Body two.\\nShare"],
    ...                   "text": ["Body one. Body two."]})
    >>> row = corpus_overview(c).iloc[0]
    >>> [int(row[k]) for k in ["n_lines_raw", "n_lines_body", "n_tokens_raw", "n_tokens_body"]]
    [3, 1, 6, 4]
    >>> round(float(row["share_removed"]), 3)
    0.333
    """
    check_columns(corpus, ["doc_id", "source", "raw_text", "text"],
                  hint="corpus_overview needs a cleaned corpus: clean_corpus(load_corpus())")
    items = corpus[["raw_text", "text"]].assign(n_body=-1, n_sentences=-1)
    if dtm is not None:
        if not np.array_equal(dtm.docs["doc_id"].to_numpy(), corpus["doc_id"].to_numpy()):
            raise ValueError("dtm is not this corpus's document-term matrix (other doc_id "
                             "order); build it with document_term_matrix(corpus)")
        items["n_body"] = dtm.n_tokens
    if sentences is not None:
        items["n_sentences"] = [len(s) for s in sentence_spans_by_doc(sentences, corpus)]
        if dtm is not None and n_jobs is None:
            # Left to do: count lines and tokenize the removed ones, less work than sending
            # every raw text and body to a worker (10,000 synthetic articles: 1.4 s against
            # 2.2 s on two processes).
            n_jobs = 1
    sizes = map_documents(_sizes, items, n_jobs=n_jobs, progress=progress, desc="overview")
    out = pd.DataFrame(sizes, columns=_SIZE_COLUMNS)
    out.insert(0, "doc_id", corpus["doc_id"].to_numpy())
    out.insert(0, "source", corpus["source"].to_numpy())
    out["share_removed"] = out["share_removed"].astype(float)
    return out.sort_values(["source", "doc_id"], kind="stable").reset_index(drop=True)


def audit_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Count removed lines and tokens by source and reason.

    Parameters
    ----------
    audit : pandas.DataFrame
        ``cleaning_audit`` output: ``doc_id, source, line_no, line, reason``.

    Returns
    -------
    pandas.DataFrame
        ``source, reason, n_docs, n_lines, n_tokens``, sorted by source then ``n_lines``
        descending then reason.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a", "a", "b"], "source": ["X", "X", "X"],
    ...                   "line_no": [1, 9, 1], "line": ["Share:", "Views: 4", "Share:"],
    ...                   "reason": ["share widget", "counter", "share widget"]})
    >>> print(audit_summary(a).to_string(index=False))
    source       reason  n_docs  n_lines  n_tokens
         X share widget       2        2         2
         X      counter       1        1         1
    """
    if audit.empty:
        return pd.DataFrame(columns=["source", "reason", "n_docs", "n_lines", "n_tokens"])
    table = audit.assign(n_tokens=audit["line"].map(lambda s: len(tokenize(s))))
    out = (table.groupby(["source", "reason"], sort=True)
           .agg(n_docs=("doc_id", "nunique"), n_lines=("line", "size"),
                n_tokens=("n_tokens", "sum"))
           .reset_index())
    out = out.sort_values(["source", "n_lines", "reason"], ascending=[True, False, True],
                          kind="stable")
    return out.reset_index(drop=True)
