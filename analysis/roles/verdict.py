"""What a rule decides (:class:`Role`) and the valences and labels it sums to decide it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from analysis.docs import shared_docs
from analysis.roles.tokens import RoleTokens
from analysis.roles.words import NEGATORS, STRONG_NEGATORS

__all__ = ["NO_ROLE", "RULE_PARAMETERS", "Role", "decide", "fixed_role", "label_of", "rule_doc",
           "squash", "vader_lexicon", "valence"]

#: The parameters the rule functions share (``tok, t0, t1, names, lexicon, alpha, cuts``),
#: written once: a line ``{name}`` in a docstring decorated with :data:`rule_doc` stands for
#: the text of ``name`` (``{rule_arguments}``: all six).
RULE_PARAMETERS = {
    "tok": """tok : RoleTokens
    The sentence's tokens (:func:`analysis.roles.tokens.role_tokens`).""",
    "t0_t1": """t0, t1 : int
    The mention's first and last token.""",
    "names": """names : set of int
    Tokens of other names (other mentions, capitalised words), never evaluation.""",
    "lexicon": """lexicon : mapping of str to float
    Word valences on VADER's -4..+4 scale.""",
    "alpha": """alpha : float
    VADER's normalisation (:func:`analysis.roles.verdict.squash`).""",
    "cuts": """cuts : (float, float)
    Positive and negative label cut-offs.""",
}
# The six together, in this order: the first arguments of every rule that decides a polarity
RULE_PARAMETERS["rule_arguments"] = "\n".join(RULE_PARAMETERS[name] for name in (
    "tok", "t0_t1", "names", "lexicon", "alpha", "cuts"))

#: The decorator of the rule functions: fills their ``{name}`` lines from
#: :data:`RULE_PARAMETERS` (:func:`analysis.docs.fill_doc`); an unknown name raises at import.
rule_doc = shared_docs(RULE_PARAMETERS)


class Role(NamedTuple):
    """What the scorer must do for one mention (see :func:`mention_role`).

    ``role``: ``holder``, ``object``, ``winner``, ``loser``, ``experiencer``, ``labelled``,
    ``aim``, ``split``, ``contrast``, ``negated``, ``relationship``, ``attributed``, ``source``,
    ``other_actor`` or "" (no rule applies).
    ``rule``: the rule's name, written to the ``rule`` column when it decides.
    ``score``/``label``: the override (``None`` when the rule does not decide the polarity by
    itself). ``mask``: character spans whose words must not count for this mention. ``cue``:
    the words that triggered the rule.
    """

    role: str = ""
    rule: str = ""
    score: float | None = None
    label: str | None = None
    mask: tuple[tuple[int, int], ...] = ()
    cue: str = ""


NO_ROLE = Role()


def valence(tok: RoleTokens, i: int, lexicon: Mapping[str, float], skip: frozenset) -> float:
    """Lexicon valence of token ``i`` with the negations VADER misses and its own.

    Examples
    --------
    >>> from analysis.roles.tokens import role_tokens
    >>> valence(role_tokens("The EU was not helpful."), 4, {"helpful": 1.9}, frozenset())
    -1.406
    """
    w = tok.lower[i]
    if i in skip:
        return 0.0
    v = lexicon.get(w, 0.0)
    if not v and w.startswith("un") and w != "unlike" and lexicon.get(w[2:], 0.0) > 0:
        v = -lexicon[w[2:]]  # "unhelpful": the opposite of "helpful"
    if not v:
        return 0.0
    before = [tok.lower[k] for k in range(max(0, i - 3), i) if tok.clause[k] == tok.clause[i]]
    if any(b in NEGATORS or b in STRONG_NEGATORS for b in before) or (
            v > 0 and before[-1:] == ["little"] and before[-2:-1] != ["a"]):
        v = -0.74 * v  # "made little progress" (not "a little progress"): VADER misses it
    return v


def squash(total: float, alpha: float) -> float:
    """VADER's normalisation of a sum of valences to [-1, 1]: ``total / sqrt(total**2 + alpha)``.

    Examples
    --------
    >>> squash(3.0, 15.0), squash(0.0, 15.0)
    (0.6123724356957946, 0.0)
    """
    return total / math.sqrt(total * total + alpha) if total else 0.0


def label_of(score: float, cuts: tuple[float, float]) -> str:
    """The label of ``score``: positive at or above ``cuts[0]``, negative at or below ``cuts[1]``.

    Examples
    --------
    >>> label_of(0.02, (0.01, -0.03)), label_of(-0.02, (0.01, -0.03))
    ('positive', 'neutral')
    """
    return "positive" if score >= cuts[0] else "negative" if score <= cuts[1] else "neutral"


def fixed_role(role: str, rule: str, score: float, cue: str, cuts) -> Role:
    """A rule's verdict with a given ``score`` (rounded to six places) and its label.

    Examples
    --------
    >>> fixed_role("object", "object", -0.5, "condemned", (0.01, -0.03))[:4]
    ('object', 'object', -0.5, 'negative')
    """
    return Role(role, rule, round(score, 6), label_of(score, cuts), (), cue)


def decide(role: str, rule: str, total: float, cue: str, alpha: float, cuts) -> Role:
    """A rule's verdict from a sum of valences ``total`` (:func:`squash`, then :func:`fixed_role`).

    Examples
    --------
    >>> decide("contrast", "contrast", 3.0, "unlike", 15.0, (0.01, -0.03))[:4]
    ('contrast', 'contrast', 0.612372, 'positive')
    """
    return fixed_role(role, rule, squash(total, alpha), cue, cuts)


@lru_cache(maxsize=1)
def vader_lexicon() -> dict:
    """VADER's own lexicon (lower-case word -> valence on its -4..+4 scale), read once."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon
