"""Attributed statements: "According to Z, X is Y" counts like the author's own voice."""

from __future__ import annotations

from analysis.roles.tokens import clause_of
from analysis.roles.verdict import Role, decide, rule_doc, valence

__all__ = ["attribution_role"]

_QUOTES = frozenset('"“”«»\'')


@rule_doc
def attribution_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    """The mention in, or under, an attribution "according to Z" that opens a clause.

    The codebook counts quoted and reported speech like the author's own voice: "According to
    the Kremlin, the EU mission is a tool of Western interference" portrays the EU as the
    sentence without "According to the Kremlin" would. The attribution's words are masked for
    a mention outside it (at the start of the sentence or after the statement: "..., according
    to Z"); the source of the statement (a mention inside the attribution) holds it and is
    neutral unless the attribution's own words evaluate it.

    Parameters
    ----------
    {rule_arguments}

    Returns
    -------
    Role or None
        ``attributed`` with the attribution's character span to mask; ``source`` (a verdict)
        for the mention that is the source; ``None`` with no "according to" in another clause.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> s = 'According to the Kremlin, the EU mission is "a tool of Western interference".'
    >>> tok = role_tokens(s)
    >>> role = attribution_role(tok, 6, 6, {3}, {}, 15.0, (0.01, -0.03))
    >>> role.rule, [s[a:b] for a, b in role.mask]
    ('attributed', ['According to the Kremlin,'])
    >>> attribution_role(tok, 3, 3, set(), {}, 15.0, (0.01, -0.03))[:4]
    ('source', 'attributed', 0.0, 'neutral')
    """
    lower, n = tok.lower, len(tok.lower)
    for k in range(n - 1):
        if lower[k] != "according" or lower[k + 1] != "to" or (
                k and tok.clause[k - 1] == tok.clause[k] and tok.text[k - 1] not in _QUOTES):
            continue  # "operates according to old templates" attributes nothing
        span = clause_of(tok, k)
        if span.start <= t0 and t1 < span.stop:
            # the source itself: "According to the European Commission, ..."
            skip = frozenset(names) | frozenset(range(t0, t1 + 1))
            own = sum(valence(tok, j, lexicon, skip) for j in span)
            return decide("source", "attributed", own, "according to", alpha, cuts)
        if tok.clause[t0] == tok.clause[k] or k + 2 >= n:
            return None
        last = span[-1]
        return Role("attributed", "attributed", None, None,
                    ((tok.starts[k], tok.ends[last]),), "according to")
    return None
