"""Scoped VADER for one mention (:func:`vader_scoped`), whole-sentence VADER and labels."""

from __future__ import annotations

import math
from typing import NamedTuple

from analysis.sentiment.lexicon import vader_analyzer
from analysis.sentiment.parsing import CUES, STRIP, parse, token_range, valences
from analysis.sentiment.rules import (
    HARM,
    NAMING,
    TALK,
    is_setting,
    is_victim,
    speech_scope,
    undergoes,
)

__all__ = ["label_of", "LABELS", "MentionScore", "SCOPED_CUTS", "SENTENCE_CUTS", "vader_scoped",
           "vader_sentence"]

LABELS = ("negative", "neutral", "positive")


class MentionScore(NamedTuple):
    """Score of one mention: ``score`` in [-1, 1], ``label``, the words that carried it and
    the role rule that decided it ("" when none did: :mod:`analysis.roles`)."""

    score: float
    label: str
    words: tuple[tuple[str, float], ...]
    rule: str = ""


# Default label cut-offs (positive at or above, negative at or below) of classify_mention:
# scoped VADER (see its docstring) and VADER's conventional ones for whole sentences
SCOPED_CUTS = (0.01, -0.03)
SENTENCE_CUTS = (0.05, -0.05)


def label_of(score: float, pos_threshold: float, neg_threshold: float) -> str:
    """``"positive"`` at or above ``pos_threshold``, ``"negative"`` at or below the other."""
    if score >= pos_threshold:
        return "positive"
    if score <= neg_threshold:
        return "negative"
    return "neutral"


def vader_scoped(sentence, start, end, *, mask_spans, window, decay, other_clause,
                  mask_names, alpha, news_lexicon, pos_weight=1.0, speech=1.0, setting=1.0,
                  headline=1.01, against=0.0, victim=1.0):
    """``(score, words)`` of the mention ``sentence[start:end]`` by the default method (see
    :func:`analysis.sentiment.classify_mention` for the options): every rule of the scoped
    scorer in one place, one mention at a time."""
    p = parse(sentence, news_lexicon)
    target = token_range(p, start, end)
    if not target:
        return 0.0, ()
    t0, t1 = target[0], target[-1]
    if setting != 1.0 and is_setting(sentence, p, t0, t1):
        if not setting:
            return 0.0, ()  # a place or a time is not portrayed: nothing is evidence
        alpha = alpha / (setting * setting)  # the same as scaling every word by ``setting``
    masked = set(target)
    for a2, b2 in mask_spans:
        masked.update(token_range(p, a2, b2))
    clause, lower, values = p.clause, p.lower, p.values
    # In a Title Case headline every word looks like part of a name: mask none of them
    names = mask_names and p.capitalised < headline
    cues = [k for k in p.cues if not t0 <= k <= t1]
    unlike = any(k < t0 and clause[k] == clause[t0] for k in p.unlike)
    quoted, said_lo, said_hi = speech_scope(sentence, p, t0, t1) if speech != 1.0 else ((), 0, 0)
    if quoted and t0 > 0 and lower[t0 - 1].strip(STRIP) in NAMING:
        quoted = ()
    # a victim is not blamed for the crime around it either ("convicted of murder in the
    # shooting of X"): every negative word counts ``victim``
    victimised = victim != 1.0 and is_victim(sentence, p, t0, t1)
    # the topic of a target that talks ("X spoke of the enemies of Y", "X talks with Y about
    # the attacks"): its negative words count ``speech``, its positive ones stay
    talk = len(lower)
    if speech != 1.0:
        talk = next((k for k in range(t1 + 1, min(t1 + 3, talk)) if lower[k] in TALK), talk)
    total, carried = 0.0, []
    for i in p.active:
        value = values[i]
        cue = CUES.get(lower[i]) if i in cues else None
        if cue:
            value = cue
        if not value or i in masked or (names and i in p.in_name):
            continue  # masked: the target, other mentions, multi-word names
        d = max(t0 - i, i - t1, 0)
        weight = 1.0 if d <= window else decay ** (d - window)
        undergone = victim != 1.0 and lower[i] in HARM and undergoes(lower, i, t0, t1)
        if undergone:
            weight *= victim  # "the murder of X", "X died": X is a victim, not blamed
        if clause[i] != clause[t0]:
            weight *= other_clause
            if unlike:
                weight = -weight  # "Unlike the EU, Washington acted": the EU gets the opposite
        if i in quoted or said_lo <= i < said_hi:
            weight *= speech
        if value > 0:
            weight *= pos_weight
        elif victimised:
            if not undergone:  # a harm word the target undergoes has its factor already
                weight *= victim
        elif i > talk:
            weight *= speech
        if cue:
            if t0 > i:
                weight = -weight  # the target stands after "behind": it is the one ahead
        elif cues and any(i < k < t0 or t1 < k < i for k in cues):
            weight = -weight  # a cue between word and target: "the successful US outpaced EU"
        if not weight:
            continue  # scoped out entirely (speech=0, other_clause=0): not evidence
        total += value * weight
        carried.append((p.words[i], value * weight))
    if against and t0 > 0 and lower[t0 - 1].strip(STRIP) == "against":
        total += against  # "the case against X", "protests against X": X is opposed
        carried.append((p.words[t0 - 1], against))
    score = total / math.sqrt(total * total + alpha)
    norm = score / total if total else 0.0
    carried.sort(key=lambda wc: -abs(wc[1]))
    return score, tuple((w, round(c * norm, 4)) for w, c in carried)


def vader_sentence(sentence):
    """``(compound, words)``: plain whole-sentence VADER (method ``"sentence"``)."""
    compound = vader_analyzer(False).polarity_scores(sentence)["compound"]
    words, _, values = valences(sentence, False)
    norm = compound / sum(values) if sum(values) else 0.0
    carried = sorted(((w, v * norm) for w, v in zip(words, values) if v), key=lambda x: -abs(x[1]))
    return compound, tuple((w, round(c, 4)) for w, c in carried)
