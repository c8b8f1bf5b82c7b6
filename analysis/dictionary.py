"""User dictionaries: categories of glob patterns counted per source (quanteda's ``dictionary()``).

A dictionary maps a category to word patterns: ``{"security": ["secur*", "militar*",
"peacekeep*"], "peace process": ["peace treat*", "normali?ation"]}``. A pattern is one or more
words separated by spaces; in each word ``*`` stands for any run of characters and ``?`` for
one, and case is ignored. Patterns are matched against the tokens of
:func:`analysis.tokens.tokenize`, so "U.S." is the token ``US`` and a possessive "'s" is gone.
A token (or run of tokens) counts once per category however many of its patterns it matches;
it may count in several categories.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import check_columns
from analysis.intervals import MIN_UNITS, grouped_ratio_intervals
from analysis.tokens import tokenize

__all__ = ["dictionary_frequencies", "read_dictionary"]


def read_dictionary(dictionary) -> dict[str, list[str]]:
    """Check a dictionary and return it as ``{category: [pattern, ...]}``.

    Parameters
    ----------
    dictionary : mapping or str or Path
        A mapping of category name to a pattern or a list of patterns, or the path of a JSON or
        YAML (``.yml``/``.yaml``) file holding such a mapping.

    Returns
    -------
    dict
        Categories in their given order, each with its patterns (stripped, duplicates removed).

    Raises
    ------
    ValueError
        An empty dictionary, a category without patterns, a pattern that is not text or has no
        letter, digit or wildcard; the message names the category (and the file).

    Examples
    --------
    >>> read_dictionary({"economy": ["econom*", "trade", "trade"], "peace": "peace treat*"})
    {'economy': ['econom*', 'trade'], 'peace': ['peace treat*']}
    """
    where = ""
    if isinstance(dictionary, (str, Path)):
        path = Path(dictionary)
        where = f"{path}: "
        if not path.is_file():
            raise ValueError(f"{path}: no such dictionary file")
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in (".yml", ".yaml"):
            import yaml

            try:
                dictionary = yaml.safe_load(text)
            except yaml.YAMLError as error:
                raise ValueError(f"{where}not valid YAML: {error}") from None
        elif path.suffix.lower() == ".json":
            try:
                dictionary = json.loads(text)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}not valid JSON: {error}") from None
        else:
            raise ValueError(f"{where}a dictionary file is .json, .yml or .yaml")
    if not isinstance(dictionary, Mapping) or not dictionary:
        raise ValueError(f"{where}a dictionary is a non-empty mapping of category to patterns")
    out: dict[str, list[str]] = {}
    for category, patterns in dictionary.items():
        if not isinstance(category, str) or not category.strip():
            raise ValueError(f"{where}category names must be non-empty text, got {category!r}")
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, (list, tuple)) or not patterns:
            raise ValueError(f"{where}category {category!r} has no patterns")
        kept: list[str] = []
        for pattern in patterns:
            if not isinstance(pattern, str) or not re.search(r"[\w*?]", pattern):
                raise ValueError(f"{where}category {category!r}: pattern {pattern!r} is not a "
                                 "word pattern")
            pattern = " ".join(pattern.split())
            if pattern not in kept:
                kept.append(pattern)
        out[category] = kept
    return out


def _compile(dictionary: dict[str, list[str]]):
    """Per category, a list of token-regex sequences (one regex per word of a pattern)."""
    return {category: [[re.compile(fnmatch.translate(word.lower())) for word in p.split()]
                       for p in patterns]
            for category, patterns in dictionary.items()}


def _count(tokens: list[str], compiled) -> dict[str, int]:
    lower = [t.lower() for t in tokens]
    counts = {}
    for category, sequences in compiled.items():
        hits: set[tuple[int, int]] = set()
        for seq in sequences:
            k = len(seq)
            for i in range(len(lower) - k + 1):
                if all(seq[j].match(lower[i + j]) for j in range(k)):
                    hits.add((i, k))
        counts[category] = len(hits)
    return counts


def dictionary_frequencies(corpus: pd.DataFrame, dictionary, *, by: str = "source",
                           text_column: str = "text", level: float = 0.95,
                           min_units: int = MIN_UNITS) -> pd.DataFrame:
    """Count each dictionary category per group, per 1,000 tokens, with article-level intervals.

    Parameters
    ----------
    corpus : pandas.DataFrame
        One row per article with ``doc_id``, the ``by`` column and ``text_column``.
    dictionary : mapping or str or Path
        Categories of glob patterns, or a JSON / YAML file of them (see :func:`read_dictionary`).
    by : str, default "source"
        Grouping column.
    text_column : str, default "text"
        Column holding the (cleaned) text.
    level : float, default 0.95
        Confidence level of the interval.
    min_units : int, default :data:`analysis.intervals.MIN_UNITS`
        Fewest articles in a group for an interval (below it, NaN and a ``reason``).

    Returns
    -------
    pandas.DataFrame
        One row per (group, category): ``<by>, category, count`` (matches), ``n_tokens`` (word
        tokens of the group's articles), ``per_1k`` (count per 1,000 tokens), ``n_docs``
        (articles in the group), ``n_docs_matched`` (articles with at least one match),
        ``ci_low, ci_high`` (per 1,000 tokens; articles are the units, see
        :mod:`analysis.intervals`) and ``reason`` (why an interval is missing, else ""). Sorted
        by group, then category in dictionary order. Categories without a match keep their row
        (count 0).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"],
    ...                        "text": ["Security first: military drills.", "Trade and security."]})
    >>> t = dictionary_frequencies(corpus, {"security": ["secur*", "militar*"], "trade": "trade"})
    >>> t[["source", "category", "count", "n_tokens", "per_1k", "n_docs_matched"]]
      source  category  count  n_tokens      per_1k  n_docs_matched
    0      X  security      3         7  428.571429               2
    1      X     trade      1         7  142.857143               1
    >>> t["reason"].iloc[0]
    '2 articles: no interval'
    """
    dictionary = read_dictionary(dictionary)
    check_columns(corpus, ["doc_id", by, text_column])
    compiled = _compile(dictionary)
    categories = list(dictionary)
    rows = []
    for doc_id, group, text in zip(corpus["doc_id"], corpus[by], corpus[text_column]):
        if not isinstance(text, str):
            raise ValueError(f"doc_id {doc_id!r}: {text_column!r} is not text ({text!r})")
        tokens = tokenize(text)
        counts = _count(tokens, compiled)
        rows.extend((group, doc_id, c, counts[c], len(tokens)) for c in categories)
    per_doc = pd.DataFrame(rows, columns=[by, "doc_id", "category", "count", "n_tokens"])
    columns = [by, "category", "count", "n_tokens", "per_1k", "n_docs", "n_docs_matched",
               "ci_low", "ci_high", "reason"]
    if per_doc.empty:
        return pd.DataFrame(columns=columns)
    per_doc["matched"] = per_doc["count"] > 0
    table = per_doc.groupby([by, "category"], sort=False).agg(
        count=("count", "sum"), n_tokens=("n_tokens", "sum"), n_docs=("doc_id", "nunique"),
        n_docs_matched=("matched", "sum")).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        table["per_1k"] = 1000 * table["count"] / table["n_tokens"]
    intervals = grouped_ratio_intervals(per_doc, by=[by, "category"], numerator="count",
                                        denominator="n_tokens", level=level,
                                        min_units=min_units)
    table = table.merge(intervals[[by, "category", "ci_low", "ci_high", "reason"]],
                        on=[by, "category"], how="left")
    table[["ci_low", "ci_high"]] = table[["ci_low", "ci_high"]] * 1000
    # A group whose articles have no tokens has no rate either: say so rather than NaN alone.
    table["reason"] = table["reason"].fillna("no word tokens")
    table["category"] = pd.Categorical(table["category"], categories=categories, ordered=True)
    table = table.sort_values([by, "category"], kind="stable").reset_index(drop=True)
    table["category"] = table["category"].astype(str)
    table["n_docs_matched"] = table["n_docs_matched"].astype(int)
    return table[columns]
