"""Keyness: which terms each source uses more (or less) than all the other sources.

Each group is compared with the rest of the corpus in one call: log-likelihood G2 (Dunning
1993) for significance, the log ratio (Hardie 2014) for effect size, and Benjamini-Hochberg
adjusted p-values over every test in the returned table.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2

from analysis.freq import as_document_term_matrix, group_keys
from analysis.tokens import PHRASES, STOPWORDS

__all__ = ["KeynessWarning", "benjamini_hochberg", "keyness", "keyness_table", "log_likelihood"]


class KeynessWarning(UserWarning):
    """Groups too small or too unequal for keyness to say much about the outlet."""


def log_likelihood(a, b, n_a, n_b):
    """Signed log-likelihood G2 for counts ``a`` in ``n_a`` tokens vs ``b`` in ``n_b`` tokens.

    Positive when the term is relatively more frequent in the target (``a``), negative when
    less. Uses the 2x2 contingency table (term vs all other tokens), zero cells contributing 0.

    Examples
    --------
    >>> round(float(log_likelihood(10, 10, 1000, 1000)), 6)
    0.0
    >>> round(float(log_likelihood(20, 5, 1000, 1000)), 3)
    9.751
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    n_a, n_b = np.asarray(n_a, float), np.asarray(n_b, float)
    c, d = n_a - a, n_b - b
    total = n_a + n_b
    e_a = n_a * (a + b) / total
    e_b = n_b * (a + b) / total
    e_c = n_a * (c + d) / total
    e_d = n_b * (c + d) / total

    def term(o, e):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(o / e), 0.0)

    g2 = 2 * (term(a, e_a) + term(b, e_b) + term(c, e_c) + term(d, e_d))
    g2 = np.maximum(g2, 0.0)
    return np.where(a / n_a >= b / n_b, g2, -g2)


def benjamini_hochberg(p):
    """Benjamini-Hochberg adjusted p-values (false discovery rate), in input order.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, float)
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def keyness(corpus: pd.DataFrame, *, by="source", dates: pd.DataFrame | None = None,
            min_count: int = 3,
            stopwords: frozenset[str] | None = STOPWORDS, ngram_range: tuple[int, int] = (1, 1),
            lemmatize: bool = False, smoothing: float = 0.5, min_docs: int = 2,
            min_tokens: int = 1000, max_size_ratio: float = 20.0,
            text_column: str = "text", phrases=PHRASES) -> pd.DataFrame:
    """Compare every group with the rest of the corpus, term by term.

    Parameters
    ----------
    corpus : pandas.DataFrame or analysis.freq.DocumentTermMatrix
        Cleaned corpus with ``doc_id``, ``by`` and ``text_column``, or a matrix built from one
        (its counting options are then the ones used).
    by : str or list of str, default "source"
        Grouping column; each of its values is a target against all other rows. A period
        (``"month"``, ``"year"``, any of :data:`analysis.dates.PERIODS`) is taken from the
        corpus's ``date``: each period against all the others, articles without a date that
        precise in an ``"undated"`` group (with a warning). A list (``["source", "year"]``)
        makes each combination a group, compared with every other article.
    dates : pandas.DataFrame, optional
        The corpus (``doc_id, date``), when ``corpus`` is a matrix and ``by`` names a period.
    min_count : int, default 3
        Test only terms occurring at least this often in the whole corpus (fewer tests, less
        multiple-comparison penalty; rarer terms cannot reach significance anyway).
    stopwords, ngram_range, lemmatize, text_column, phrases
        As in :func:`analysis.freq.term_frequencies`.
    smoothing : float, default 0.5
        Added to zero counts for the log ratio only, so it stays finite.
    min_docs : int, default 2
        Warn when a group has fewer articles: its keyness describes those articles, not the
        outlet.
    min_tokens : int, default 1000
        Warn when a group has fewer word tokens.
    max_size_ratio : float, default 20.0
        Warn when target and reference differ in size by more than this factor.

    Returns
    -------
    pandas.DataFrame
        One row per (group, term): the ``by`` column(s), ``term, n_target, n_reference``
        (term counts),
        ``n_tokens_target, n_tokens_reference``, ``per_1k_target, per_1k_reference``,
        ``n_docs`` (target articles with the term), ``g2`` (signed log-likelihood, negative when
        the term is under-used), ``log_ratio`` (log2 of the ratio of relative frequencies;
        +1 means twice as frequent), ``p_value`` (chi-squared, 1 df) and ``p_adjusted``
        (Benjamini-Hochberg over all rows). Sorted by group, then ``g2`` descending, then term.

    Warns
    -----
    KeynessWarning
        When fewer than two groups exist, a group is below ``min_docs`` / ``min_tokens``, or
        target and reference sizes differ by more than ``max_size_ratio``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                   "text": ["EU EU EU EU trade", "US US US US trade"]})
    >>> k = keyness(c, min_count=2, min_docs=1, min_tokens=1)
    >>> print(k[["source", "term", "n_target", "n_reference", "log_ratio"]].to_string(index=False))
    source  term  n_target  n_reference  log_ratio
         X    EU         4            0        3.0
         X trade         1            1        0.0
         X    US         0            4       -3.0
         Y    US         4            0        3.0
         Y trade         1            1        0.0
         Y    EU         0            4       -3.0
    """
    dtm = as_document_term_matrix(corpus, by=by, dates=dates, ngram_range=ngram_range,
                                  stopwords=stopwords, lemmatize=lemmatize,
                                  text_column=text_column, phrases=phrases)
    by, row_group, names = group_keys(dtm.docs, by)
    # groups x articles indicator: one product sums every group's counts, kept sparse
    member = sparse.csr_matrix((np.ones(len(row_group), dtype=np.int64),
                                (row_group, np.arange(len(row_group)))),
                               shape=(len(names), len(row_group)))
    return keyness_table(
        names if len(by) > 1 else [n[0] for n in names], dtm.terms, member @ dtm.counts,
        member @ (dtm.counts > 0).astype(np.int64),
        n_tokens=(member @ dtm.n_tokens).tolist(), n_docs=np.bincount(row_group).tolist(),
        by=by if len(by) > 1 else by[0], min_count=min_count, smoothing=smoothing,
        min_docs=min_docs, min_tokens=min_tokens, max_size_ratio=max_size_ratio)


def keyness_table(names, terms, counts, docs, *, n_tokens, n_docs, by: str, min_count: int,
                   smoothing: float, min_docs: int, min_tokens: int,
                   max_size_ratio: float) -> pd.DataFrame:
    """The :func:`keyness` table from per-group term counts (one sparse pass already summed).

    Used by :func:`keyness` and by :mod:`analysis.distributed`, which sums the counts over
    partitions first. Warnings point at the caller's caller.

    Parameters
    ----------
    names : list
        The sorted groups; with several grouping columns (``by`` a list) each is a tuple.
    terms : array-like of str
        The sorted terms (columns of ``counts`` and ``docs``).
    counts, docs : scipy.sparse matrix
        Groups x terms: each term's count, and the group's articles carrying it.
    n_tokens, n_docs : list of int
        Each group's word tokens and articles.
    by, min_count, smoothing, min_docs, min_tokens, max_size_ratio
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`keyness`, in its order.

    Examples
    --------
    >>> from scipy import sparse
    >>> k = keyness_table(["X", "Y"], ["EU", "US"], sparse.csr_matrix([[4, 0], [0, 4]]),
    ...                   sparse.csr_matrix([[1, 0], [0, 1]]), n_tokens=[4, 4], n_docs=[1, 1],
    ...                   by="source", min_count=1, smoothing=0.5, min_docs=1, min_tokens=1,
    ...                   max_size_ratio=20.0)
    >>> k[["source", "term", "n_target"]].values.tolist()[:2]
    [['X', 'EU', 4], ['X', 'US', 0]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, "term", "n_target", "n_reference", "n_tokens_target", "n_tokens_reference",
               "per_1k_target", "per_1k_reference", "n_docs", "g2", "log_ratio", "p_value",
               "p_adjusted"]
    if len(names) < 2:
        warnings.warn(f"keyness needs at least two values of {by!r}; got {len(names)}",
                      KeynessWarning, stacklevel=3)
        return pd.DataFrame(columns=columns)
    terms = np.asarray(terms, dtype=object)
    total_counts = np.asarray(counts.sum(axis=0)).ravel()
    tested = np.flatnonzero(total_counts >= min_count)
    total_counts = total_counts[tested]
    counts, docs = sparse.csr_matrix(counts)[:, tested], sparse.csr_matrix(docs)[:, tested]
    all_tokens = int(sum(n_tokens))
    frames, problems = [], []
    for i, (name, n_a, n_rows) in enumerate(zip(names, n_tokens, n_docs)):
        label = " / ".join(name) if isinstance(name, tuple) else name
        a = counts[i].toarray().ravel()
        b = total_counts - a
        n_b = all_tokens - n_a
        if n_rows < min_docs:
            problems.append(f"{label!r} has {n_rows} article(s)")
        if n_a < min_tokens:
            problems.append(f"{label!r} has {n_a} tokens")
        if n_a and n_b and max(n_a, n_b) / min(n_a, n_b) > max_size_ratio:
            problems.append(f"{label!r} is {max(n_a, n_b) / min(n_a, n_b):.0f}x smaller or larger"
                            " than its reference")
        if n_a == 0 or n_b == 0:
            continue
        g2 = log_likelihood(a, b, n_a, n_b)
        sa = np.where(a == 0, smoothing, a)
        sb = np.where(b == 0, smoothing, b)
        frames.append(pd.DataFrame({
            **dict(zip(keys, name if isinstance(name, tuple) else (name,))),
            "term": terms[tested], "n_target": a, "n_reference": b,
            "n_tokens_target": n_a, "n_tokens_reference": n_b,
            "per_1k_target": a * 1000.0 / n_a, "per_1k_reference": b * 1000.0 / n_b,
            "n_docs": docs[i].toarray().ravel(),
            "g2": g2, "log_ratio": np.log2((sa / n_a) / (sb / n_b)),
            "p_value": chi2.sf(np.abs(g2), df=1),
        }))
    if problems:
        warnings.warn("keyness groups too small or unequal to generalise to the outlet: "
                      + "; ".join(problems) + f" (thresholds: min_docs={min_docs}, "
                      f"min_tokens={min_tokens}, max_size_ratio={max_size_ratio})",
                      KeynessWarning, stacklevel=3)
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["term"] = out["term"].astype(str)
    out["p_adjusted"] = benjamini_hochberg(out["p_value"].to_numpy())
    out = out.sort_values([*keys, "g2", "term"], ascending=[True] * len(keys) + [False, True],
                          kind="stable")
    return out.reset_index(drop=True)[columns]
