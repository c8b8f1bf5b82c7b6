"""Contrasts and comparisons: "unlike X", "while" clauses, "faster than", "rather than"."""

from __future__ import annotations

from analysis.roles.tokens import clause_of
from analysis.roles.verdict import Role, decide, rule_doc, valence
from analysis.roles.words import (
    ACTION,
    CLAUSE_PUNCT,
    COMPARATIVES,
    FRONT_CONTRAST,
    FRONT_FIRST,
    INACTION,
    ONLY,
    RELATIVE,
    SIDELINE_VERBS,
    SIDELINES,
)

__all__ = ["contrast_role"]


def _side_valence(tok, span: range, lexicon, skip) -> tuple[float, float, bool]:
    """Evaluative valence, (in)action sign and whether "only" belittles, of a token range."""
    val = sum(valence(tok, k, lexicon, skip) for k in span)
    act = 0.0
    for k in span:
        w = tok.lower[k]
        if k in skip:
            continue
        if w in ACTION:
            act += 1.0
        elif w in INACTION:
            act -= 1.0
        elif w in SIDELINES and tok.lower[k - 2] in ("from", "on") and any(
                tok.lower[i] in SIDELINE_VERBS for i in range(max(0, k - 5), k)) and (
                k + 1 >= len(tok.lower) or tok.lower[k + 1] != "of"):
            act -= 2.0  # "watched from the sidelines" (not "on the sidelines of the summit")
    only = any(tok.lower[k] in ONLY for k in span)
    return val, act, only


@rule_doc
def contrast_role(tok, t0, t1, names, lexicon, alpha, cuts, contrast_weight) -> Role | None:
    """The mention as one side of a contrast or comparison, scored against the other side.

    Parameters
    ----------
    {rule_arguments}
    contrast_weight : float
        How much the other side's evaluative words count (reversed).

    Returns
    -------
    Role or None
        ``contrast`` with its score; ``None`` when the mention is on no side of one.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens("Unlike weak Armenia, the US acted.")
    >>> contrast_role(tok, 6, 6, {2}, {"weak": -1.9}, 15.0, (0.01, -0.03), 1.0).label
    'positive'
    """
    lower, n = tok.lower, len(tok.lower)
    skip = frozenset(names) | frozenset(range(t0, t1 + 1))
    sides = None
    # "Unlike X, Y ...", "Compared with X, Y ..." (fronted) or "Y ..., unlike X" (trailing)
    for k in range(n):
        if lower[k] not in FRONT_FIRST:  # most words start no contrast cue
            continue
        cue = next((c for c in FRONT_CONTRAST if lower[k:k + len(c)] == c), None)
        if not cue:
            continue
        a = k + len(cue)
        end = next((j for j in range(a, n) if lower[j] in CLAUSE_PUNCT), n)
        if end + 1 < n and lower[end + 1] in RELATIVE:  # "Unlike the EU, which only ..., X"
            end = next((j for j in range(end + 1, n) if lower[j] in CLAUSE_PUNCT), n)
        if k == 0 or lower[k - 1] in CLAUSE_PUNCT:
            first = range(k, end)  # the contrasted side
            second = range(end + 1, n) if k == 0 else range(0, k - 1)
            sides = (first, second, " ".join(cue))
        break
    # "X ... while/whereas Y ...": two clauses, each with its own named subject
    if sides is None:
        for k in range(1, n):
            if lower[k] not in ("while", "whereas"):
                continue
            c0 = clause_of(tok, k - 1) if lower[k - 1] not in CLAUSE_PUNCT else \
                clause_of(tok, k - 2)
            c1 = clause_of(tok, k)
            if k == 0 or k == c0[0]:
                continue
            if lower[0] == "while" or lower[0] == "whereas":
                break
            sides = (range(c0[0], c0[-1] + 1), range(k, c1[-1] + 1), lower[k])
            break
        if sides is None and lower[:1] in (("while",), ("whereas",)):
            c1 = clause_of(tok, 0)
            sides = (range(0, c1[-1] + 1), range(c1[-1] + 1, n), lower[0])
        if sides is not None:
            a, b, cue = sides
            named = [any(j in names or t0 <= j <= t1 or tok.text[j][:1].isupper() and j > 0
                         for j in s) for s in (a, b)]
            if not all(named):
                sides = None
    if sides is not None:
        a, b, cue = sides
        if t0 in a:
            own, other = a, b
        elif t0 in b:
            own, other = b, a
        else:
            return None
        if any(j in names for j in other) is False and not any(
                tok.text[j][:1].isupper() for j in other if j > 0):
            return None
        v_own, act_own, only_own = _side_valence(tok, own, lexicon, skip)
        v_other, act_other, only_other = _side_valence(tok, other, lexicon, skip)
        total = v_own - contrast_weight * v_other
        if act_own * act_other < 0:  # action set against inaction
            total += 1.5 * (act_own - act_other) / 2
        elif act_own <= -2:  # on the sidelines while another acts
            total = min(total, 0.0) + 1.5 * act_own / 2
        if not total and only_own != only_other:
            total = -1.5 if only_own else 1.5
        if cue in ("while", "whereas") and not act_own * act_other < 0 and act_own > -2:
            # no contrast of action: the other clause is another actor's; the own one decides
            return None
        return decide("contrast", "contrast", total, cue, alpha, cuts)
    # "X moved faster than Y", "X rather than Y"
    for k in range(1, n - 1):
        w = lower[k]
        if w == "than" and lower[k - 1] in COMPARATIVES:
            sign = COMPARATIVES[lower[k - 1]]
            c = clause_of(tok, k)
            if t0 in c and t0 < k - 1:
                return decide("contrast", "contrast", 1.5 * sign, f"{tok.text[k - 1]} than",
                               alpha, cuts)
            if t0 in c and t0 > k and t0 - k <= 3:
                return decide("contrast", "contrast", -1.5 * sign, f"{tok.text[k - 1]} than",
                               alpha, cuts)
        if w == "than" and k >= 2 and lower[k - 2] in ("more", "less") and t0 > k \
                and t0 - k <= 3 and t0 in clause_of(tok, k):
            # "far more generous than the United States": less generous, the side after
            v = valence(tok, k - 1, lexicon, skip) * (1.0 if lower[k - 2] == "more" else -1.0)
            if v:
                return decide("contrast", "contrast", -v, f"{tok.text[k - 2]} "
                              f"{tok.text[k - 1]} than", alpha, cuts)
        if w == "rather" and lower[k + 1] == "than" and t0 > k + 1:
            after = range(k + 2, clause_of(tok, k + 1)[-1] + 1)
            if t0 in after:
                v, _, _ = _side_valence(tok, after, lexicon, skip)
                if v:
                    return decide("contrast", "contrast", v, "rather than", alpha, cuts)
    return None
