"""Words about another actor: the spans to mask for a mention."""

from __future__ import annotations

from analysis.roles.verdict import Role, rule_doc
from analysis.roles.words import (
    CLAUSE_PUNCT,
    DETERMINERS,
    FRONTING,
    FUNCTION,
    OPENERS,
    PERSONAL,
    RELATIVE,
    SUBORDINATE,
)

__all__ = ["other_actor_mask"]


@rule_doc
def other_actor_mask(tok, t0, t1, names, lexicon, same=frozenset()) -> Role | None:
    """Spans of words about another actor: its clauses, relative clauses and possessives.

    A clause that names the target again or refers back by a pronoun is not masked.

    Parameters
    ----------
    {tok}
    {t0_t1}
    {names}
    {lexicon}
    same : frozenset of int, default frozenset()
        Tokens of the target's other mentions (another actor of the same target): a clause
        they open is not another actor's.

    Returns
    -------
    Role or None
        ``other_actor`` with the character spans to mask (``score`` ``None``: the base method
        rescores without them); ``None`` when no masked word carries valence.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> tok = role_tokens("Azerbaijan's corrupt elite laundered billions, while Armenia struggled.")
    >>> other_actor_mask(tok, 8, 8, {0}, {"corrupt": -2.0}).mask
    ((0, 46),)
    """
    lower, n = tok.lower, len(tok.lower)
    own = {lower[i] for i in range(t0, t1 + 1)}
    masked: set[int] = set()
    # a relative clause on another actor, or about one, that does not refer back to the
    # target by a pronoun ("Baku, where critics have condemned ..."; not "Spain, where he ...")
    for k in range(2, n):
        if lower[k] in RELATIVE and lower[k - 1] == "," and not t0 <= k - 2 <= t1:
            end = next((j for j in range(k + 1, n) if lower[j] in CLAUSE_PUNCT), n)
            inside = range(k + 1, end)
            if not k <= t0 < end and ((k - 2) in names or (k + 1) in names or any(
                    j in names and lower[j - 1] in DETERMINERS for j in inside[:2])) \
                    and not any(lower[j] in own or lower[j] in PERSONAL and (k - 2) not in names
                                for j in inside):
                masked.update(range(k, end))
    # a subordinate clause opened by another actor ("as Russia's economy suffered ...")
    for k in range(n - 1):
        if lower[k] in OPENERS and (k + 1) in names and not t0 <= k + 1 <= t1 and k > t1:
            end = next((j for j in range(k + 1, n) if lower[j] in CLAUSE_PUNCT), n)
            if not k <= t0 < end and not any(lower[j] in PERSONAL or lower[j] in own
                                             for j in range(k + 1, end)):
                masked.update(range(k, end))
    # a clause or fronted phrase whose subject is another actor ("Turkey's cruel blockade
    # crippled trade, and", "Despite Turkey's hostile rhetoric, ...", "Russia's offensive
    # stalled as EU ministers met")
    clauses = tok.actor_clause
    seen = set()
    for k in range(n):
        c = clauses[k]
        if c in seen or c == clauses[t0]:
            continue
        seen.add(c)
        span = tok.actor_spans[c]
        if span[0] == t1 + 2 and lower[t1 + 1] == ",":
            continue  # an apposition to the target describes it ("Sanders, a Brooklynite")
        j = span[0]
        while j <= span[-1] and (lower[j] in CLAUSE_PUNCT or lower[j] in ("the", "and")
                                 or lower[j] in SUBORDINATE or lower[j] in FRONTING):
            j += 1
        if j <= span[-1] and j in names and not t0 <= j <= t1 and j not in same \
                and not any(lower[i] in own or lower[i] in PERSONAL for i in span):
            masked.update(span)
    # the modifiers in another actor's possessive phrase before the target, in its clause:
    # "the Kremlin's cynical propaganda campaign was aimed at Armenian voters"
    for k in range(1, t0):
        if lower[k] == "'s" and (k - 1) in names and tok.clause[k] == tok.clause[t0]:
            for j in range(k + 1, min(k + 3, t0)):
                if j + 1 < n and tok.text[j + 1].isalpha() and tok.text[j + 1].islower() \
                        and tok.lower[j + 1] not in FUNCTION:
                    masked.add(j)
    masked -= set(range(t0, t1 + 1))
    if not any(lexicon.get(lower[j]) for j in masked):
        return None
    spans, run = [], None
    for j in sorted(masked):
        if run and j == run[1] + 1:
            run[1] = j
        else:
            run = [j, j]
            spans.append(run)
    return Role("other_actor", "other_actor", None, None,
                tuple((tok.starts[a], tok.ends[b]) for a, b in spans),
                " ".join(tok.text[a] for a, _ in spans))
