"""What a rule decides (:class:`Role`) and the valences and labels it sums to decide it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from analysis.roles.tokens import RoleTokens
from analysis.roles.words import NEGATORS, STRONG_NEGATORS

__all__ = ["NO_ROLE", "Role", "decide", "label_of", "squash", "vader_lexicon", "valence"]


class Role(NamedTuple):
    """What the scorer must do for one mention (see :func:`mention_role`).

    ``role``: ``holder``, ``object``, ``winner``, ``loser``, ``experiencer``, ``split``,
    ``contrast``, ``negated``, ``relationship``, ``other_actor`` or "" (no rule applies).
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
    """Lexicon valence of token ``i`` with the negations VADER misses and its own."""
    w = tok.lower[i]
    if i in skip:
        return 0.0
    v = lexicon.get(w, 0.0)
    if not v and w.startswith("un") and lexicon.get(w[2:], 0.0) > 0:
        v = -lexicon[w[2:]]  # "unhelpful": the opposite of "helpful"
    if not v:
        return 0.0
    before = [tok.lower[k] for k in range(max(0, i - 3), i) if tok.clause[k] == tok.clause[i]]
    if any(b in NEGATORS or b in STRONG_NEGATORS for b in before):
        v = -0.74 * v
    return v


def squash(total: float, alpha: float) -> float:
    return total / math.sqrt(total * total + alpha) if total else 0.0


def label_of(score: float, cuts: tuple[float, float]) -> str:
    return "positive" if score >= cuts[0] else "negative" if score <= cuts[1] else "neutral"


def decide(role: str, rule: str, total: float, cue: str, alpha: float, cuts) -> Role:
    score = squash(total, alpha)
    return Role(role, rule, round(score, 6), label_of(score, cuts), (), cue)


@lru_cache(maxsize=1)
def vader_lexicon() -> dict:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon
