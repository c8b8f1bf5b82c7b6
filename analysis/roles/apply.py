"""The role of one mention (:func:`mention_role`) and the layer over a base method's rows
(:func:`apply_roles`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from inspect import signature

from analysis.roles.contrast import contrast_role
from analysis.roles.cues import (
    ALL_RULES,
    NO_RELATION,
    RELATION_ONLY,
    SPEECH_ONLY,
    SPEECH_RELATION,
    cue_rules,
    relation_near,
)
from analysis.roles.negation import negation_role
from analysis.roles.other_actor import other_actor_mask
from analysis.roles.relationship import relationship_role
from analysis.roles.speech import attribution_role
from analysis.roles.split import same_target, split_possible, split_role
from analysis.roles.tokens import role_tokens, span_tokens
from analysis.roles.verbs import aim_role, label_role, verb_role
from analysis.roles.verdict import NO_ROLE, Role, vader_lexicon
from analysis.roles.words import IMPORTANCE, RELATION_NOUNS, RELATION_PRAISE, SETTING, TREND

__all__ = ["apply_roles", "mention_role"]


def mention_role(sentence: str, start: int, end: int, *, mask_spans: Sequence = (),
                 same_spans: Sequence = (), lexicon: Mapping[str, float] | None = None,
                 object_score: float = 0.5, contrast_weight: float = 1.0,
                 split_valence: float = 0.3, alpha: float = 15.0,
                 cuts: tuple[float, float] = (0.01, -0.03)) -> Role:
    """The role of the mention ``sentence[start:end]`` and what the scorer must do for it.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        Character offsets of the mention (end exclusive).
    mask_spans : sequence of (int, int), default ()
        The other mentions of targets in the sentence (characters): names, never evaluation.
    same_spans : sequence of (int, int), default ()
        Those of ``mask_spans`` that mention the same target (another actor of it: "Trump"
        and "the Biden administration" for the US), for the actor-split rule; their words are
        not masked as another actor's.
    lexicon : mapping of str to float, optional
        Word valences on VADER's -4..+4 scale (lower-cased words); VADER's own lexicon if not
        given (the scorer passes its news-extended one).
    object_score : float, default 0.5
        Score given to the object of an evaluating verb (with the verb's sign), to the winner
        (and, negated, the loser) of a verb of outdoing and to a holder a verb presupposes is
        right.
    contrast_weight : float, default 1.0
        How much the other side's evaluative words count (reversed) for a side of a contrast.
    split_valence : float, default 0.3
        The valence (VADER's word scale) the words about each of two actors of one target must
        reach, with opposite signs, for the actor-split rule (neutral).
    alpha : float, default 15.0
        VADER's normalisation, ``score = s / sqrt(s**2 + alpha)``, for the rules that sum
        valences.
    cuts : (float, float), default (0.01, -0.03)
        Positive and negative label cut-offs of a rule's score (the default method's).

    Returns
    -------
    Role
        ``role``, ``rule``, ``score``/``label`` (``None`` unless the rule decides the polarity),
        ``mask`` (character spans to ignore for this mention) and ``cue``. ``Role()`` (all
        empty) when no rule applies.

    Examples
    --------
    >>> s = "The US and the European Union sharply condemned Armenia."
    >>> mention_role(s, 4, 6)[:4], mention_role(s, 48, 55)[:4]
    (('holder', 'holder', 0.0, 'neutral'), ('object', 'object', -0.5, 'negative'))
    >>> mention_role("Unlike weak Armenia, the United States acted decisively.", 25, 38).label
    'positive'
    """
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"mention offsets {start}:{end} outside the sentence "
                         f"(length {len(sentence)})")
    if lexicon is None:
        lexicon = vader_lexicon()
    return _mention_role(sentence, start, end, mask_spans, same_spans, lexicon, object_score,
                         contrast_weight, split_valence, alpha, cuts, ALL_RULES)


# mention_role's options and their defaults, for apply_roles
_ROLE_OPTIONS = {name: p.default for name, p in signature(mention_role).parameters.items()
                 if p.kind is p.KEYWORD_ONLY}


def _mention_role(sentence, start, end, mask_spans, same_spans, lexicon, object_score,
                  contrast_weight, split_valence, alpha, cuts, rules) -> Role:
    """:func:`mention_role` with its arguments checked, for the rules named in ``rules``."""
    tok = role_tokens(sentence)
    target = span_tokens(tok, start, end)
    if not target:
        return NO_ROLE
    t0, t1 = target[0], target[-1]
    names = set()
    for a, b in mask_spans:
        names.update(span_tokens(tok, a, b))
    own = {tok.lower[i] for i in target}
    names.update(tok.caps)
    names = {i for i in names if tok.lower[i] not in own}  # the target named again
    same = []
    for a, b in same_spans:
        span = span_tokens(tok, a, b)
        if span and not t0 <= span[0] <= t1:
            same.append((span[0], span[-1]))
    attributed = None
    for name in rules:  # in the order of ALL_RULES: the first rule that applies decides
        if name == "split":
            role = split_role(tok, t0, t1, same, names, lexicon, split_valence) if same \
                else None
        elif name == "verb":
            role = verb_role(tok, t0, t1, names, lexicon, alpha, cuts, object_score) \
                or label_role(tok, t0, t1, names, lexicon, alpha, cuts) \
                or aim_role(tok, t0, t1, names, lexicon, alpha, cuts)
        elif name == "speech":
            role = attribution_role(tok, t0, t1, names, lexicon, alpha, cuts)
            if role is not None and role.score is None:
                attributed = role  # a mask: another actor's words are masked as well
                continue
        elif name == "contrast":
            role = contrast_role(tok, t0, t1, names, lexicon, alpha, cuts, contrast_weight)
        elif name == "negation":
            role = negation_role(tok, t0, t1, names, lexicon, alpha, cuts)
        elif name == "relationship":
            role = relationship_role(tok, t0, t1, names, lexicon, alpha, cuts)
        else:
            role = None if tok.headline else other_actor_mask(
                tok, t0, t1, names, lexicon, frozenset(i for a, b in same
                                                       for i in range(a, b + 1)))
        if role is not None:
            if attributed is not None and role.score is None:
                return attributed._replace(mask=attributed.mask + role.mask)
            return role
    return attributed or NO_ROLE


def apply_roles(sentences: Sequence[str], row_sentence: Sequence[int], starts: Sequence[int],
                ends: Sequence[int], scores: list, labels: list, words: list, *,
                mention_spans: Sequence = (), mention_targets: Sequence = (),
                rescore: Callable | None = None,
                describe: Callable | None = None, **options) -> tuple[list, list, list, list]:
    """The role layer over a base method's rows: override the rows a rule decides.

    Row ``r`` is the mention ``starts[r]:ends[r]`` of ``sentences[row_sentence[r]]`` (whose
    target mentions are ``mention_spans[row_sentence[r]]``) with the base method's ``scores``,
    ``labels`` and ``words``. Only sentences :data:`ROLE_CUES` matches are looked at. A rule's
    polarity replaces the row's score and label, and ``words`` becomes the rule's cue; a
    masking rule (``other_actor``, ``relationship``) replaces them with
    ``rescore(sentence, start, end, mask)``, ``(score, label, words)`` of the mention with
    ``mask`` (the other mentions and the rule's spans) ignored; without ``rescore`` it is left
    as it is. A sentence with no cue word (:func:`has_role_cue`) is looked at only for a row
    whose target has another mention in it (the actor-split rule).

    Parameters
    ----------
    sentences, row_sentence, starts, ends : sequences
        As above.
    scores, labels, words : list
        The base method's values per row (not modified).
    mention_spans : sequence of lists of (int, int), default ()
        Every target mention of each sentence.
    mention_targets : sequence of lists of str, default ()
        The target of each of ``mention_spans`` (same shape). With it, the other mentions of
        a row's own target are known (the actor-split rule, :func:`mention_role`'s
        ``same_spans``); without it no row is split.
    rescore : callable, optional
        ``rescore(sentence, start, end, mask) -> (score, label, words)``.
    describe : callable, optional
        ``describe(rule, cue, score)``: the ``words`` value of a row a rule decides; default
        ``"rule: cue"``.
    **options
        Passed to :func:`mention_role`.

    Returns
    -------
    tuple of lists
        ``(scores, labels, words, rules)``: ``rules`` names the rule of each overridden row and
        is "" elsewhere.

    Examples
    --------
    >>> s = ["Brussels criticised the United States for its reckless tariffs."]
    >>> apply_roles(s, [0, 0], [0, 24], [8, 37], [-0.4, -0.4], ["negative"] * 2, ["", ""],
    ...             mention_spans=[[(0, 8), (24, 37)]])
    ([0.0, -0.5], ['neutral', 'negative'], ['holder: criticised', 'object: criticised'], \
['holder', 'object'])
    """
    scores, labels, words = list(scores), list(labels), list(words)
    rules = [""] * len(scores)
    hit = [cue_rules(s) for s in sentences]
    unknown = set(options) - set(_ROLE_OPTIONS)
    if unknown:
        raise TypeError(f"apply_roles: unknown option(s) {sorted(unknown)}, expected some of "
                        f"{sorted(_ROLE_OPTIONS)} (mention_role's options)")
    settings = {**_ROLE_OPTIONS, **options}
    lexicon = settings.pop("lexicon") or vader_lexicon()
    # the words without which the relationship rule changes nothing (with this lexicon)
    relation_words = {w for w in RELATION_NOUNS | TREND | IMPORTANCE if lexicon.get(w)} \
        | RELATION_PRAISE | SETTING
    del settings["mask_spans"], settings["same_spans"]
    for r, (j, a, b) in enumerate(zip(row_sentence, starts, ends)):
        if not (isinstance(scores[r], float) and scores[r] == scores[r]):
            continue  # a row left unscored (NaN)
        spans = mention_spans[j] if len(mention_spans) else ()
        same = same_target(spans, mention_targets[j], a, b) \
            if len(spans) > 1 and len(mention_targets) else []
        which, present = hit[j]
        if which is ALL_RULES and relation_words.isdisjoint(present):
            which = NO_RELATION  # the relationship rule would find nothing to change
        elif which is SPEECH_RELATION and relation_words.isdisjoint(present):
            which = SPEECH_ONLY
        elif which is RELATION_ONLY and (relation_words.isdisjoint(present)
                                          or not relation_near(sentences[j], a, b)):
            which = ()
        if same and not split_possible(sentences[j], a, b, same, present):
            same = []  # one actor named twice, or nothing to set two actors against each other
        if not which:
            if not same:
                continue  # no cue, and no other actor of the target set against this one
            which = ("split",)
        if not 0 <= a < b <= len(sentences[j]):
            raise ValueError(f"mention offsets {a}:{b} outside the sentence "
                             f"(length {len(sentences[j])})")
        others = [s for s in spans if tuple(s) != (a, b)]
        role = _mention_role(sentences[j], a, b, others, same, lexicon, **settings,
                             rules=which)
        if role.score is not None:
            scores[r], labels[r] = role.score, role.label
            words[r] = describe(role.rule, role.cue, role.score) if describe else \
                f"{role.rule}: {role.cue}"
            rules[r] = role.rule
        elif role.mask and rescore is not None:
            score, label, text = rescore(sentences[j], a, b, [*others, *role.mask])
            scores[r], labels[r], words[r], rules[r] = score, label, text, role.rule
    return scores, labels, words, rules
