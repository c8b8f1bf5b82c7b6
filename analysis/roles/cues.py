"""The cue words of every rule, declared once: the layer's pre-filter (:data:`ROLE_CUES`)."""

from __future__ import annotations

import re

from analysis.roles.words import (
    AIM_ADJECTIVES,
    AIM_VERBS,
    LABEL_VERBS,
    PRESUPPOSING,
    PSYCH_VERBS,
    RELATION_NOUNS,
    RELATION_PRAISE,
    VERB_POLARITY,
    WIN_VERBS,
)

__all__ = ["ALL_RULES", "NO_RELATION", "RELATION_ONLY", "ROLE_CUES", "SPEECH_ONLY",
           "SPEECH_RELATION", "cue_rules", "has_role_cue", "relation_near"]


# The cues of every rule, declared once: single words (lower case), and the few cues that are
# not one word (phrases, "not un-X", a possessive "'s").
_CUE_WORDS = frozenset(w.lower() for w in (
    *"unlike compared contrast rather than while whereas nobody hardly scarcely barely neither "
     "who whose which where whom sidelines by".split(),
    *VERB_POLARITY, *PRESUPPOSING, *WIN_VERBS, *PSYCH_VERBS, *RELATION_NOUNS))
# A sentence whose only cue is a relationship noun can only meet the relationship rule
_GENERAL_CUE_WORDS = _CUE_WORDS - RELATION_NOUNS
# The cues of the label, aim and attribution rules: a sentence whose only cues these are meets
# those rules alone, so that adding them changed no other rule's rows (NewsMTSC dev: running
# every rule on these sentences cost the model 1.5 points of mt macro-F1; bench/RESULTS.md)
_SPEECH_CUE_WORDS = frozenset({"according", *LABEL_VERBS, *AIM_VERBS, *AIM_ADJECTIVES})
_CUE_REST = re.compile(r"(?i)\b(?:no one|far from|not un\w+)\b|['’]s\b")
_WORDS = re.compile(r"\w+")

ROLE_CUES = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(map(re.escape, _CUE_WORDS | _SPEECH_CUE_WORDS), key=len,
                                    reverse=True))
    + r")\b|" + _CUE_REST.pattern.removeprefix("(?i)"))
"""Regex that finds every sentence a rule could apply to (the layer's pre-filter, as one
pattern; :func:`has_role_cue` gives the same verdict faster with a set of words)."""


def has_role_cue(sentence: str) -> bool:
    """Whether a role rule could apply to ``sentence``: what :data:`ROLE_CUES` finds, faster.

    Examples
    --------
    >>> has_role_cue("The EU condemned Armenia."), has_role_cue("The EU met.")
    (True, False)
    >>> has_role_cue("Baku's view"), has_role_cue("no one doubts it")
    (True, True)
    """
    return bool(cue_rules(sentence)[0])


ALL_RULES = ("split", "verb", "contrast", "negation", "relationship", "speech", "other_actor")


def cue_rules(sentence: str) -> tuple[tuple, frozenset]:
    """The rules a sentence's cue words let apply (all, the relationship rule alone when its
    only cue is a relationship noun, or none) and the sentence's lower-case words.

    Examples
    --------
    >>> cue_rules("Ties with Armenia grew.")[0], cue_rules("The EU met.")[0]
    (('split', 'relationship'), ())
    """
    words = frozenset(_WORDS.findall(sentence.lower()))
    relation = not RELATION_NOUNS.isdisjoint(words)
    if not _GENERAL_CUE_WORDS.isdisjoint(words) or _CUE_REST.search(sentence) is not None:
        return (ALL_RULES if relation else NO_RELATION), words
    if not _SPEECH_CUE_WORDS.isdisjoint(words):
        return (SPEECH_RELATION if relation else SPEECH_ONLY), words
    return (RELATION_ONLY if relation else ()), words


RELATION_ONLY = ("split", "relationship")
SPEECH_ONLY = ("split", "verb", "speech")
SPEECH_RELATION = ("split", "verb", "relationship", "speech")
NO_RELATION = tuple(rule for rule in ALL_RULES if rule != "relationship")
_RELATION_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(RELATION_NOUNS | RELATION_PRAISE,
                                                             key=len, reverse=True)) + r")\b")


def relation_near(sentence: str, start: int, end: int, *, reach: int = 120) -> bool:
    """Cheap test before tokens for a sentence whose only cue is a relationship noun: a praise
    noun anywhere, or a relationship noun within ``reach`` characters of the mention (the
    rule links them within six tokens).

    Examples
    --------
    >>> relation_near("Armenia is a partner.", 0, 7)
    True
    """
    for m in _RELATION_WORD.finditer(sentence):
        if m.group().lower() in RELATION_PRAISE or (
                start - reach <= m.start() and m.end() <= end + reach):
            return True
    return False
