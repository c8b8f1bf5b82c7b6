"""Tokens of a sentence for the role rules: words, "'s", "n't", punctuation, clauses and names."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from analysis.roles.words import (
    CLAUSE_PUNCT,
    DETERMINERS,
    NOT_OPENING,
    RELATIVE,
    SUB_OPENERS,
    SUBORDINATE,
)

__all__ = ["RoleTokens", "clause_of", "role_tokens", "span_tokens"]


_TOKEN = re.compile(r"\w+(?=n['’]t\b)|n['’]t\b|['’]s\b|\w+(?:[-.&]\w+)*|[^\w\s]")
# The same tokens for a sentence with no "n't" (most): without the look-ahead, twice as fast
_TOKEN_NO_NT = re.compile(r"['’]s\b|\w+(?:[-.&]\w+)*|[^\w\s]")
_NT = re.compile(r"n['’]t")


class RoleTokens(NamedTuple):
    """The tokens of one sentence (:func:`role_tokens`), one tuple entry per token."""

    starts: tuple
    ends: tuple
    text: tuple   # as written
    lower: tuple
    clause: tuple  # clause number per token
    caps: frozenset = frozenset()  # tokens that are names (_is_name)
    actor_clause: tuple = ()  # clause numbers split also where a subordinate clause opens
    clause_spans: tuple = ()  # the token range of each clause number of ``clause``
    actor_spans: tuple = ()  # the same for ``actor_clause``
    headline: bool = False  # Title Case or shouted: capitals do not mark names


@lru_cache(maxsize=4096)
def role_tokens(sentence: str) -> RoleTokens:
    """Tokens of ``sentence`` for the role rules: words, "'s", "n't" and punctuation marks,
    with character offsets and a clause number (a new clause at , ; : dashes and brackets, and
    at "while", "whereas", "although", "though", "but").

    Examples
    --------
    >>> role_tokens("The EU's plan, while late, works.").text
    ('The', 'EU', "'s", 'plan', ',', 'while', 'late', ',', 'works', '.')
    >>> role_tokens("The EU's plan, while late, works.").clause
    (0, 0, 0, 0, 0, 1, 1, 1, 2, 2)
    """
    pattern = _TOKEN if _NT.search(sentence) else _TOKEN_NO_NT
    spans = [m.span() for m in pattern.finditer(sentence)]
    text = tuple([sentence[a:b] for a, b in spans])
    low = sentence.lower().replace("’", "'")
    lower = tuple([low[a:b] for a, b in spans]) if len(low) == len(sentence) else \
        tuple(t.lower().replace("’", "'") for t in text)  # "İ" lower-cases to two characters
    n = len(lower)
    clause, clause_spans, c, lo = [], [], 0, 0
    for i, w in enumerate(lower):
        if w in SUBORDINATE and i and lower[i - 1] not in CLAUSE_PUNCT:
            c += 1
            clause_spans.append(range(lo, i))
            lo = i
        clause.append(c)
        if w in CLAUSE_PUNCT and not (
                w == "–" and 0 < i < n - 1 and spans[i - 1][1] == spans[i][0]
                and spans[i][1] == spans[i + 1][0]):
            c += 1  # not at an en dash inside a compound ("the Armenia–Azerbaijan border")
            clause_spans.append(range(lo, i + 1))
            lo = i + 1
    if lo < n:
        clause_spans.append(range(lo, n))
    starts, ends = zip(*spans) if spans else ((), ())
    tok = RoleTokens(starts, ends, text, lower, tuple(clause), clause_spans=tuple(clause_spans))
    # computed once per sentence: every mention of it and every rule reads them
    upper = [i for i, t in enumerate(text) if t[0].isupper()]
    if SUB_OPENERS.isdisjoint(lower):
        actor, actor_spans = tok.clause, tok.clause_spans
    else:
        actor = _actor_clauses(tok)
        actor_spans = _spans_of(actor)
    return tok._replace(caps=frozenset(i for i in upper if _is_name(tok, i)),
                        actor_clause=actor, actor_spans=actor_spans,
                        headline=_is_headline(text, len(upper)))


def _is_headline(text: tuple, n_upper: int) -> bool:
    """Six words or more, three quarters of them capitalised (a Title Case or shouted line);
    ``n_upper`` is the number of tokens that start with a capital (all of them words)."""
    if n_upper < 5:
        return False
    n_words = sum(t[:1].isalpha() for t in text)
    return n_words >= 6 and n_upper >= 0.75 * n_words


def _spans_of(numbers: tuple) -> tuple:
    """The token range of each clause number (numbers run 0, 1, 2 ... without gaps)."""
    out, lo = [], 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[lo]:
            out.append(range(lo, i))
            lo = i
    return tuple(out)


def span_tokens(tok: RoleTokens, start: int, end: int) -> range:
    """The tokens that overlap characters ``start:end`` (starts and ends are sorted).

    Examples
    --------
    >>> span_tokens(role_tokens("The European Union met."), 4, 18)
    range(1, 3)
    """
    return range(bisect_right(tok.ends, start), bisect_left(tok.starts, end))


def _is_name(tok: RoleTokens, i: int) -> bool:
    """A capitalised word that is not the sentence's first word (unless a possessor)."""
    t = tok.text[i]
    if not t[:1].isupper() or tok.lower[i] in DETERMINERS or tok.lower[i] in RELATIVE:
        return False
    return i > 0 or (i + 1 < len(tok.text) and tok.lower[i + 1] == "'s")


def clause_of(tok: RoleTokens, i: int) -> range:
    """The token range of the clause of token ``i``.

    Examples
    --------
    >>> clause_of(role_tokens("The EU's plan, while late, works."), 6)
    range(5, 8)
    """
    return tok.clause_spans[tok.clause[i]]


def _actor_clauses(tok: RoleTokens) -> tuple:
    """Clause numbers that also start a clause at a subordinating word followed by a name
    ("... as EU ministers met", "... when the Kremlin ..."), each with its own subject."""
    lower, text, n = tok.lower, tok.text, len(tok.lower)
    out, shift = [], 0
    for k in range(n):
        if lower[k] in SUB_OPENERS and 0 < k < n - 1 and tok.clause[k - 1] == tok.clause[k] \
                and lower[k - 1] not in NOT_OPENING and (
                    text[k + 1][:1].isupper() or lower[k + 1] in DETERMINERS
                    and k + 2 < n and text[k + 2][:1].isupper()):
            shift += 1
        out.append(tok.clause[k] + shift)
    return tuple(out)
