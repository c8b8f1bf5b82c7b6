"""Holder, object, winner and loser, experiencer: the roles an evaluating verb gives."""

from __future__ import annotations

from analysis.roles.tokens import RoleTokens, clause_of
from analysis.roles.verdict import Role, decide, fixed_role, rule_doc, valence
from analysis.roles.words import (
    AUX,
    DETERMINERS,
    FUNCTION,
    PASSIVE,
    PREPOSITIONS,
    PRESUPPOSING,
    PSYCH_VERBS,
    TITLES,
    VERB_POLARITY,
    WIN_VERBS,
)

__all__ = ["verb_role"]


def _subject_gap(tok: RoleTokens, t1: int, v: int, names: set) -> bool:
    """Whether tokens t1+1 .. v-1 can stand between a subject and its verb."""
    k = t1 + 1
    if k < v and tok.lower[k] == "'s":
        k += 1
        while k < v and tok.lower[k] in TITLES:
            k += 1
    for j in range(k, v):
        w = tok.lower[j]
        if w in DETERMINERS or w in AUX or w in ("and", "&", ".") or j in names \
                or w.endswith("ly") or tok.text[j][:1].isupper():
            continue
        return False
    return True


def _object_gap(tok: RoleTokens, v: int, t0: int) -> bool:
    return all(tok.lower[j] in DETERMINERS for j in range(v + 1, t0)) and t0 - v <= 3


@rule_doc
def verb_role(tok, t0, t1, names, lexicon, alpha, cuts, object_score) -> Role | None:
    """The role an evaluating verb, a verb of outdoing or of feeling gives the mention.

    Parameters
    ----------
    {rule_arguments}
    object_score : float
        The score of an object, a winner (a loser: negated) and a presupposed holder.

    Returns
    -------
    Role or None
        ``holder``, ``object``, ``winner``, ``loser`` or ``experiencer``; ``None`` when no
        such verb governs the mention.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens("Azerbaijan outmanoeuvred Armenia.")
    >>> verb_role(tok, 2, 2, set(), {}, 15.0, (0.01, -0.03), 0.5)[:4]
    ('loser', 'win', -0.5, 'negative')
    """
    lower, n = tok.lower, len(tok.lower)
    # the target as subject: the first verb after it, in its clause
    for v in range(t1 + 1, min(n, t1 + 9)):
        w = lower[v]
        if tok.clause[v] != tok.clause[t1] and w != "'s":
            break
        if w in PASSIVE:
            # "Armenia was (widely) condemned by ...": the target receives the verb's polarity
            for u in range(v + 1, min(n, v + 3)):
                pol = VERB_POLARITY.get(lower[u])
                if pol and lower[u].endswith(("ed", "d")) and _subject_gap(tok, t1, v, names):
                    return fixed_role("object", "object", object_score * pol,
                                      f"{tok.text[v]} {tok.text[u]}", cuts)
                if not lower[u].endswith("ly"):
                    break
            break
        is_verb = w in VERB_POLARITY or w in PRESUPPOSING or w in WIN_VERBS
        if not is_verb or w.endswith("ing") or (v > 0 and lower[v - 1] in DETERMINERS):
            continue
        if not _subject_gap(tok, t1, v, names):
            break
        if w in WIN_VERBS:
            return fixed_role("winner", "win", object_score, tok.text[v], cuts)
        if w in PRESUPPOSING:
            return fixed_role("holder", "presupposes", object_score, tok.text[v], cuts)
        # the holder is neutral unless the words before the verb evaluate it
        start = clause_of(tok, t0)[0]
        own = sum(valence(tok, k, lexicon, frozenset(names)) for k in range(start, v)
                  if not t0 <= k <= t1)
        return decide("holder", "holder", own, tok.text[v], alpha, cuts)
    # the target as object (or owner of the object) of an evaluating verb before it
    for v in range(t0 - 1, max(-1, t0 - 4), -1):
        w = lower[v]
        pol = VERB_POLARITY.get(w)
        if w in WIN_VERBS and _object_gap(tok, v, t0) and (v == 0 or lower[v - 1] not in PASSIVE):
            return fixed_role("loser", "win", -object_score, tok.text[v], cuts)
        if w in PSYCH_VERBS and t0 - v <= 3 and (v == 0 or lower[v - 1] not in
                                                    PASSIVE | DETERMINERS) and any(
                j in names for j in clause_of(tok, v) if j < v) and all(
                lower[j] in DETERMINERS and lower[j] != "that" or tok.text[j].isalpha()
                and tok.text[j].islower() and lower[j] not in FUNCTION
                and lower[j] not in PREPOSITIONS for j in range(v + 1, t0)):
            # "Moscow's threats alarmed Yerevan": the object feels the alarm another named actor
            # caused, and is not evaluated by it; only its own modifiers ("impressed the
            # hardworking Cruz") evaluate it
            own = sum(valence(tok, j, lexicon, frozenset(names)) for j in range(v + 1, t0))
            return decide("experiencer", "experiencer", own, tok.text[v], alpha, cuts)
        if pol is None or w.endswith("ing") and v > 0 and lower[v - 1] in DETERMINERS:
            continue
        if w == "by" or not _object_gap(tok, v, t0) or (v > 0 and lower[v - 1] in PASSIVE):
            break
        if not pol:
            return None
        return fixed_role("object", "object", object_score * pol, tok.text[v], cuts)
    # the agent of a passive: "was condemned by the EU" holds the evaluation
    if t0 >= 2 and lower[t0 - 1] == "by" or (t0 >= 3 and lower[t0 - 1] in DETERMINERS
                                              and lower[t0 - 2] == "by"):
        b = t0 - 1 if lower[t0 - 1] == "by" else t0 - 2
        verb = lower[b - 1] if b > 0 else ""
        if verb in VERB_POLARITY or verb in WIN_VERBS:
            return decide("holder", "holder", 0.0, tok.text[b - 1], alpha, cuts)
    return None
