"""Two actors of one target with opposite polarity in one sentence (codebook: neutral)."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.roles.verdict import Role, rule_doc, valence
from analysis.roles.words import (
    AUX,
    DETERMINERS,
    FUNCTION,
    PASSIVE,
    REMEDY,
    SPLIT_BOUNDARY,
    SPLIT_SEPARATORS,
)

__all__ = ["same_target", "split_possible", "split_role"]


def _mention_regions(tok, mentions: list, skip: frozenset, lexicon) -> list[float]:
    """Valence of the words about each of several mentions of one target: its own part of
    the sentence (up to a clause boundary, a relative word or the next mention), or the
    words of its possessive phrase ("Vance's pragmatic approach") where they evaluate."""
    lower, n = tok.lower, len(tok.lower)
    bounds = [k for k in range(n) if lower[k] in SPLIT_BOUNDARY]
    out = []
    for i, (m0, m1) in enumerate(mentions):
        lo = max([b + 1 for b in bounds if b < m0], default=0)
        hi = min([b - 1 for b in bounds if b > m1], default=n - 1)
        if i and mentions[i - 1][1] >= lo:
            lo = m0  # the previous mention shares the part: each gets its own words
        if i + 1 < len(mentions) and mentions[i + 1][0] <= hi:
            hi = mentions[i + 1][0] - 1
        value = 0.0
        if m1 + 1 < n and lower[m1 + 1] == "'s":
            k = m1 + 2
            while k < n and k - m1 <= 5 and tok.text[k].isalpha() and not (
                    lower[k] in FUNCTION or lower[k] in DETERMINERS or lower[k] in AUX
                    or lower[k] in PASSIVE or lower[k] in SPLIT_BOUNDARY):
                value += valence(tok, k, lexicon, skip)
                k += 1
        if not value:
            for k in range(lo, hi + 1):
                v = valence(tok, k, lexicon, skip)
                if v < 0 and any(lower[u] in REMEDY for u in range(max(lo, k - 3), k)):
                    v = -v  # "repaired the damage"
                value += v
        out.append(value)
    return out


@rule_doc
def split_role(tok, t0, t1, same, names, lexicon, min_valence) -> Role | None:
    """Two actors of one target with opposite polarity in one sentence (codebook): neutral.

    ``same`` holds the token ranges of the target's other mentions ("Trump deserves credit,
    while the Biden administration wasted four years").

    Parameters
    ----------
    {tok}
    {t0_t1}
    same : list of (int, int)
        First and last token of each other mention of the target.
    {names}
    {lexicon}
    min_valence : float
        The valence (VADER's word scale) the words about each of two actors must reach, with
        opposite signs.

    Returns
    -------
    Role or None
        ``split``, neutral (score 0.0), its cue naming the two actors with their signs;
        ``None`` when no two actors of the target are set against each other.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens("Trump earns credit, while the Biden administration wasted years.")
    >>> split_role(tok, 0, 0, [(6, 7)], {6}, {"credit": 1.6, "wasted": -1.9}, 0.3).cue
    'Trump + / Biden administration -'
    """
    mentions = sorted([(t0, t1), *same])
    lower = tok.lower

    def words(m):
        return " ".join(tok.text[m[0]:m[1] + 1])

    def opposable(first, second):  # two actors (not one named twice) set against each other
        if words(first).lower() == words(second).lower():
            return False
        if all(m[1] + 1 < len(lower) and lower[m[1] + 1] == "'s" for m in (first, second)):
            return True
        return any(lower[k] in SPLIT_SEPARATORS for k in range(first[1] + 1, second[0]))

    pairs = [(i, j) for i in range(len(mentions)) for j in range(i + 1, len(mentions))
             if opposable(mentions[i], mentions[j])]
    if not pairs:
        return None
    skip = frozenset(names) | frozenset(i for a, b in mentions for i in range(a, b + 1))
    values = _mention_regions(tok, mentions, skip, lexicon)
    for i, j in pairs:
        if values[i] * values[j] < 0 and min(abs(values[i]), abs(values[j])) >= min_valence:
            up, down = (i, j) if values[i] > 0 else (j, i)
            return Role("split", "actor_split", 0.0, "neutral", (),
                        f"{words(mentions[up])} + / {words(mentions[down])} -")
    return None


def split_possible(sentence: str, start: int, end: int, same: Sequence,
                    words: frozenset) -> bool:
    """Cheap test before tokens: another actor's name differs from this mention's, and a word
    that can set two parts against each other (:data:`SPLIT_SEPARATORS`) or a possessive
    is there; ``words`` are the sentence's lower-case words.

    Examples
    --------
    >>> s = "Trump deserves credit, while the Biden administration wasted four years."
    >>> split_possible(s, 0, 5, [(33, 53)], frozenset(s.lower().split()))
    True
    """
    own = sentence[start:end].lower()
    if all(sentence[a:b].lower() == own for a, b in same):
        return False
    return ";" in sentence or not SPLIT_SEPARATORS.isdisjoint(words) or (
        "'s" in sentence or "’s" in sentence)


def same_target(spans: Sequence, targets: Sequence, start: int, end: int) -> list:
    """The spans of ``spans`` other than ``(start, end)`` whose target is that mention's.

    Examples
    --------
    >>> same_target([(0, 5), (10, 14), (20, 22)], ["US", "US", "EU"], 0, 5)
    [(10, 14)]
    """
    own = next((t for s, t in zip(spans, targets) if tuple(s) == (start, end)), None)
    return [tuple(s) for s, t in zip(spans, targets) if t == own and tuple(s) != (start, end)] \
        if own is not None else []
