"""Praise of a relationship the target is part of (codebook)."""

from __future__ import annotations

from analysis.roles.tokens import clause_of
from analysis.roles.verdict import Role, decide, label_of, rule_doc, valence
from analysis.roles.words import (
    IMPORTANCE,
    NEGATORS,
    PRAISE_WEIGHT,
    RELATION_NOUNS,
    RELATION_PRAISE,
    REPORTING,
    SETTING,
    STRONG_NEGATORS,
    TREND,
)

__all__ = ["relationship_role"]


_LINKS = frozenset("with between and the of to &".split())


def _linked(tok, t0, t1, k, names) -> bool:
    """Whether the relationship noun at ``k`` is the target's: a named target close before it
    with no other name between ("Washington's partnership", "The EU is an important partner"),
    or after it through "with", "between", "and" ("ties between Armenia and the US")."""
    if not tok.text[t0][:1].isupper():
        return False  # a pronoun is no mention (codebook)
    if k < t0:
        return t0 - k <= 6 and all(tok.lower[j] in _LINKS or j in names
                                   for j in range(k + 1, t0))
    return 0 < k - t1 <= 6 and not any(j in names or tok.lower[j] in REPORTING
                                       for j in range(t1 + 1, k))


@rule_doc
def relationship_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    """Praise of a relationship the target is part of (codebook), in a clause with a
    relationship noun ("relations", "ties", "partner" ...).

    A praise noun VADER lacks ("a pillar of stability", "a cornerstone") decides: positive,
    with the clause's other evaluative words. Otherwise the words that are not praise are
    masked for the base method to rescore without them: trend and importance words, the
    relationship nouns themselves ("cooperation" and "partnership" carry VADER valence) and a
    setting ("throughout the crisis").

    Parameters
    ----------
    {rule_arguments}

    Returns
    -------
    Role or None
        ``relationship`` with its score (a praise noun, or nothing but words that are not
        praise: neutral) or with the character spans to mask (``score`` ``None``); ``None``
        when the rule changes nothing.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> lexicon = {"stability": 1.0, "important": 0.8, "reliable": 1.0}
    >>> tok = role_tokens("The partnership with Georgia is a pillar of stability.")
    >>> relationship_role(tok, 3, 3, set(), lexicon, 15.0, (0.01, -0.03))[:5]
    ('relationship', 'relationship', 0.612372, 'positive', ())
    >>> tok = role_tokens("Armenia is an important and reliable partner.")
    >>> relationship_role(tok, 0, 0, set(), lexicon, 15.0, (0.01, -0.03))[2:]
    (None, None, ((14, 23),), 'not praise: important')
    """
    lower, n = tok.lower, len(tok.lower)
    clause = clause_of(tok, t0)
    if not any(lower[k] in RELATION_NOUNS for k in clause):
        return None
    if any(lower[k] in REPORTING for k in range(t1 + 1, min(n, t1 + 4))
           if tok.clause[k] == tok.clause[t0]):
        return None  # the target speaks about a relationship: the speech rules decide
    skip = frozenset(names) | frozenset(range(t0, t1 + 1))
    total, praise, dropped, setting = 0.0, [], [], 0
    for k in clause:
        w = lower[k]
        if w in SETTING:
            setting = 4  # the preposition and up to three words of its phrase
        if setting:
            setting -= 1
            if lexicon.get(w, 0.0) and k not in skip:
                dropped.append(k)
            continue
        if k in skip:
            continue
        if w in RELATION_NOUNS or w in TREND or w in IMPORTANCE:
            if lexicon.get(w, 0.0):
                dropped.append(k)
        elif w in RELATION_PRAISE and k + 1 < n and lower[k + 1] in ("of", "for"):
            # "a pillar of stability", "an anchor for reforms" (not "news anchor Yonit Levi")
            negated = any(lower[i] in NEGATORS or lower[i] in STRONG_NEGATORS
                          for i in range(max(clause[0], k - 3), k))
            total += -0.74 * PRAISE_WEIGHT if negated else PRAISE_WEIGHT
            praise.append(k)
        else:
            total += valence(tok, k, lexicon, skip)
    if praise and total > 0:
        return decide("relationship", "relationship", total,
                       " ".join(tok.text[k] for k in praise), alpha, cuts)
    if not dropped or praise or not any(_linked(tok, t0, t1, k, names) for k in clause
                                        if lower[k] in RELATION_NOUNS):
        return None  # nothing this rule changes, praise denied, or the relationship is not
        # the target's ("whatever cooperation he gave"): the base method decides
    if not total:  # nothing but what is not praise: neutral, no need to rescore
        return Role("relationship", "relationship", 0.0, label_of(0.0, cuts), (),
                    "not praise: " + " ".join(tok.text[k] for k in dropped))
    return Role("relationship", "relationship", None, None,
                tuple((tok.starts[k], tok.ends[k]) for k in dropped),
                "not praise: " + " ".join(tok.text[k] for k in dropped))
