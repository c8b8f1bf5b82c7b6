"""Negations VADER's three-word window misses: denied doubts, "nobody", "hardly", litotes."""

from __future__ import annotations

from analysis.roles.tokens import clause_of
from analysis.roles.verdict import Role, decide, rule_doc, valence
from analysis.roles.words import DOUBT, NOBODY, STRONG_NEGATORS

__all__ = ["negation_role"]


@rule_doc
def negation_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    """The mention's clause under a negation VADER's three-word window misses.

    Parameters
    ----------
    {rule_arguments}

    Returns
    -------
    Role or None
        ``negated`` with the negated words' score; ``None`` when no such negation applies.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens("Nobody could call Armenia a failure.")
    >>> negation_role(tok, 3, 3, set(), {"failure": -3.0}, 15.0, (0.01, -0.03)).label
    'positive'
    """
    lower, n = tok.lower, len(tok.lower)
    skip = frozenset(names) | frozenset(range(t0, t1 + 1))
    clause = clause_of(tok, t0)
    for k in range(n):
        w = lower[k]
        nobody = w in NOBODY or (w == "no" and k + 1 < n and lower[k + 1] in ("one", "doubt"))
        if nobody and k < t0:
            after = k + 2 if w == "no" else k + 1
            if after < n and (lower[after] in DOUBT or w == "no" and lower[k + 1] == "doubt"):
                # "No one doubts that X ...": the doubt is denied, the rest is asserted
                rest = [j for j in range(after + 1, n) if j not in skip]
                total = sum(lexicon.get(lower[j], 0.0) for j in rest)
                return decide("negated", "negation", total, f"{tok.text[k]} ... "
                               f"{tok.text[after] if lower[k + 1] != 'doubt' else 'doubt'}",
                               alpha, cuts)
            if tok.clause[k] == tok.clause[t0]:
                rest = [j for j in clause if j > k and j not in skip]
                total = -sum(lexicon.get(lower[j], 0.0) for j in rest)
                if total:
                    return decide("negated", "negation", total, tok.text[k], alpha, cuts)
    total, cue, hit = 0.0, "", False
    for k in clause:
        w = lower[k]
        if w in STRONG_NEGATORS or w in ("neither", "nor") or (
                w == "far" and k + 1 < n and lower[k + 1] == "from"):
            for j in range(k + 1, min(n, k + 4)):
                v = lexicon.get(lower[j], 0.0)
                if v and j not in skip:
                    total -= 0.74 * v
                    cue, hit = f"{tok.text[k]} {tok.text[j]}", True
                    break
        if w == "not" and k + 1 < n and lower[k + 1].startswith("un") \
                and lexicon.get(lower[k + 1][2:], 0.0) > 0:
            total += 0.74 * lexicon[lower[k + 1][2:]]
            cue, hit = f"not {tok.text[k + 1]}", True
    if hit:
        rest = sum(valence(tok, j, lexicon, skip) for j in clause
                   if not (lower[j] in ("not",) or any(
                       lower[i] in STRONG_NEGATORS or lower[i] in ("neither", "nor", "from")
                       for i in range(max(0, j - 3), j)) or lower[j].startswith("un")))
        return decide("negated", "negation", total + rest, cue, alpha, cuts)
    return None
