"""Holder, object, winner and loser, experiencer, label, aim: the roles a verb gives."""

from __future__ import annotations

from analysis.roles.tokens import RoleTokens, clause_of
from analysis.roles.verdict import Role, decide, fixed_role, rule_doc, valence
from analysis.roles.words import (
    AIM_ADJECTIVES,
    AIM_VERBS,
    AUX,
    DETERMINERS,
    FUNCTION,
    LABEL_AS,
    LABEL_VERBS,
    NEGATORS,
    NOBODY,
    PASSIVE,
    PERSONAL,
    PREPOSITIONS,
    PRESUPPOSING,
    PSYCH_VERBS,
    RELATION_NOUNS,
    SETTING,
    SPEECH_VERBS,
    STRONG_NEGATORS,
    TITLES,
    VERB_POLARITY,
    WIN_VERBS,
)

__all__ = ["aim_role", "label_role", "verb_role"]


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


def _about_self(tok: RoleTokens, v: int) -> bool:
    """Whether what the speaker of verb ``v`` says is about a pronoun (itself, as a rule):
    "said (that) it was ready", "told reporters he would ..."."""
    for j in range(v + 1, min(len(tok.lower), v + 4)):
        if tok.lower[j] in PERSONAL:
            return True
        if tok.lower[j] not in ("that", "reporters", "journalists", "the", "press", ","):
            return False
    return False


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


def _label_words(tok: RoleTokens, k: int, names: set) -> list:
    """The tokens of a label from token ``k`` to the end of its clause or a setting ("during
    the crisis"), names left out."""
    out = []
    for j in range(k, len(tok.lower)):
        if tok.clause[j] != tok.clause[k] or tok.lower[j] in SETTING:
            break
        if j not in names:
            out.append(j)
    return out


@rule_doc
def label_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    """The label a verb of naming gives the mention: "described Yerevan as revanchist and
    aggressive", "branded Brussels a toothless observer", "Armenia was portrayed as weak".

    The words of the label (after the object, or after "as": "describe", "portray", "depict",
    "paint", "characterise" and "cast" need it) to the end of the clause portray the mention,
    whoever gives the label (codebook: quoted and reported speech count like the author's
    voice).

    Parameters
    ----------
    {rule_arguments}

    Returns
    -------
    Role or None
        ``labelled`` with the label's score; ``None`` when no such verb names the mention or
        its label has no evaluative word.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens('Azerbaijani media described Yerevan as "revanchist and aggressive".')
    >>> label_role(tok, 3, 3, set(), {"aggressive": -0.6}, 15.0, (0.01, -0.03))[:4]
    ('labelled', 'label', -0.153093, 'negative')
    """
    lower, n = tok.lower, len(tok.lower)
    verb = None
    # the object of an active verb of naming: "described the EU as ..."
    for v in range(t0 - 1, max(-1, t0 - 4), -1):
        if lower[v] in LABEL_VERBS and _object_gap(tok, v, t0) and not (
                v > 0 and lower[v - 1] in PASSIVE):
            verb = v
            break
    # the subject of its passive: "Armenia was portrayed as ..."
    if verb is None and t1 + 2 < n and lower[t1 + 1] in PASSIVE:
        u = t1 + 2 + (lower[t1 + 2].endswith("ly") and t1 + 3 < n)
        if lower[u] in LABEL_VERBS and lower[u].endswith("ed"):
            verb, t1 = u, u
    if verb is None or t1 + 1 >= n or tok.clause[t1 + 1] != tok.clause[t1]:
        return None
    if any(lower[j] in NEGATORS or lower[j] in STRONG_NEGATORS or lower[j] in NOBODY
           or lower[j] == "one" and j and lower[j - 1] == "no"
           for j in clause_of(tok, verb) if j < verb):
        return None  # "Nobody could call X a failure": the negation rule reads it
    k = t1 + 1
    if lower[k] == "as":
        k += 1
    elif lower[verb] in LABEL_AS or lower[k] in FUNCTION or lower[k] in PREPOSITIONS:
        return None  # "described the EU's role", "called on the EU", "called for ..."
    if k >= n:
        return None
    words = _label_words(tok, k, names)
    if any(lower[j] in RELATION_NOUNS for j in words):
        return None  # "called the EU a trusted partner": praise of a relationship or not
    skip = frozenset(names)
    total = sum(valence(tok, j, lexicon, skip) for j in words)
    if not total:
        return None
    return decide("labelled", "label", total, f"{tok.text[verb]} ... "
                  + " ".join(tok.text[j] for j in words if lexicon.get(lower[j])), alpha, cuts)


@rule_doc
def aim_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    """A stated aim of the mention: "Armenia is ready for peace", "the EU seeks a deal".

    The codebook codes a target's stated aims and its interest in cooperating as neutral when
    no evaluative wording is attached to the target: the words of the aim do not count, only
    those before the verb that evaluate the mention itself ("the hapless EU wants ...").
    An aim whose words are negative ("ready to sabotage the talks") is not a stated aim of this
    kind, and is left to the other rules.

    Parameters
    ----------
    {rule_arguments}

    Returns
    -------
    Role or None
        ``aim`` (neutral unless the mention's own modifiers evaluate it); ``None`` when the
        mention states no aim.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens('"Armenia is ready for peace," its foreign minister said.')
    >>> aim_role(tok, 1, 1, set(), {"ready": 1.5, "peace": 2.5}, 15.0, (0.01, -0.03))[:4]
    ('aim', 'aim', 0.0, 'neutral')
    """
    lower, n = tok.lower, len(tok.lower)
    if t1 + 2 < n and lower[t1 + 1] in SPEECH_VERBS and _about_self(tok, t1 + 1):
        # "the EU said it was committed to peace": the aim of the pronoun is the EU's
        t1 = next(j for j in range(t1 + 2, n) if lower[j] in PERSONAL)
        t0 = t1
    for v in range(t1 + 1, min(n, t1 + 9)):
        if tok.clause[v] != tok.clause[t1]:
            return None
        w = lower[v]
        aim = None
        if w in AIM_VERBS and not (v > 0 and lower[v - 1] in DETERMINERS):
            aim = v
        elif w in PASSIVE:
            u = v + 1 + (v + 2 < n and lower[v + 1].endswith("ly"))
            if u + 1 < n and lower[u] in AIM_ADJECTIVES and lower[u + 1] in ("to", "for", "in"):
                aim = u
            else:
                continue
        if aim is None:
            continue
        if not _subject_gap(tok, t1, v, names):
            return None
        skip = frozenset(names)
        after = [j for j in range(aim + 1, n) if tok.clause[j] == tok.clause[aim]]
        if sum(valence(tok, j, lexicon, skip) for j in after) < 0:
            return None
        start = clause_of(tok, t0)[0]
        own = sum(valence(tok, j, lexicon, skip) for j in range(start, v) if not t0 <= j <= t1)
        return decide("aim", "aim", own, tok.text[aim], alpha, cuts)
    return None
