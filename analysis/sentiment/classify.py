"""The per-row scorer: :func:`classify_mention` for one mention by any method."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pandas as pd

from analysis.roles import apply_roles
from analysis.sentiment.lexicon import vader_analyzer
from analysis.sentiment.model import TargetSentimentModel, shipped_model
from analysis.sentiment.scoped import (
    SCOPED_CUTS,
    SENTENCE_CUTS,
    MentionScore,
    label_of,
    vader_scoped,
    vader_sentence,
)

__all__ = ["check_method", "classify_mention", "classify_row", "DEFAULT_METHOD", "format_words",
           "is_callable_method", "METHODS", "model_rows", "resolve_method", "score_callable",
           "VADER_OPTIONS", "vader_options"]

# The methods named by a string: "learned" is the model shipped in the package
# (analysis/sentiment/data/, trained by bench/train_sentiment_model.py); a fitted
# TargetSentimentModel or a callable are methods too.
METHODS = ("vader", "sentence", "learned")

# The method every function of the suite uses unless told otherwise, declared once here
# (classify_mention, target_sentiment, analysis.distributed.target_sentiment read it): the one
# best across NewsMTSC test and the capability set (bench/sentiment.py; rule and figures in
# bench/RESULTS.md, "The default method").
DEFAULT_METHOD = "learned"

# The options of method "vader" and their defaults, declared once: classify_mention's signature
# and the bulk engine (vader_options) read them here.
VADER_OPTIONS = MappingProxyType({
    "window": 3, "decay": 0.97, "other_clause": 0.2, "speech": 0.0, "pos_weight": 0.4,
    "setting": 0.0, "against": -1.0, "victim": 0.0, "mask_names": True, "headline": 0.75,
    "alpha": 15.0, "pos_threshold": None, "neg_threshold": None, "news_lexicon": True})


def vader_options(options: dict) -> dict:
    """Every option of method ``"vader"``: :data:`VADER_OPTIONS` updated with ``options``.

    Raises
    ------
    TypeError
        For a name :func:`classify_mention` does not take, as a call would.

    Examples
    --------
    >>> vader_options({"window": 5})["window"], vader_options({})["decay"]
    (5, 0.97)
    """
    unknown = set(options) - set(VADER_OPTIONS)
    if unknown:
        raise TypeError(f"classify_mention() got unexpected keyword arguments {sorted(unknown)}")
    return {**VADER_OPTIONS, **options}


def classify_mention(sentence: str, start: int, end: int, *, method=DEFAULT_METHOD,
                     mask_spans=(), window: int = VADER_OPTIONS["window"],
                     decay: float = VADER_OPTIONS["decay"],
                     other_clause: float = VADER_OPTIONS["other_clause"],
                     speech: float = VADER_OPTIONS["speech"],
                     pos_weight: float = VADER_OPTIONS["pos_weight"],
                     setting: float = VADER_OPTIONS["setting"],
                     against: float = VADER_OPTIONS["against"],
                     victim: float = VADER_OPTIONS["victim"],
                     mask_names: bool = VADER_OPTIONS["mask_names"],
                     headline: float = VADER_OPTIONS["headline"],
                     alpha: float = VADER_OPTIONS["alpha"],
                     pos_threshold: float | None = VADER_OPTIONS["pos_threshold"],
                     neg_threshold: float | None = VADER_OPTIONS["neg_threshold"],
                     news_lexicon: bool = VADER_OPTIONS["news_lexicon"],
                     roles: bool = True) -> MentionScore:
    """Score the sentiment expressed toward one mention in one sentence.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        Character offsets of the mention in ``sentence`` (end exclusive).
    method : {"learned", "vader", "sentence"}, TargetSentimentModel or callable, default "learned"
        ``"vader"``: target-scoped VADER (see the module docstring); ``"sentence"``: plain
        whole-sentence VADER; ``"learned"``: the model shipped in the package (trained on
        NewsMTSC, read once per process: :func:`analysis.sentiment.model.shipped_model`); a
        fitted :class:`TargetSentimentModel` (a saved one: ``load_model(path)``); or any
        scorer of your own as a callable
        ``method(sentences, starts, ends) -> scores`` (see :func:`score_callable`). See
        :func:`check_method`.
    mask_spans : sequence of (int, int), default ()
        Further character spans whose words carry no sentiment (other mentions, names).
    window : int, default 3
        Words on each side of the mention that count fully (``"vader"`` only).
    decay : float, default 0.97
        Weight factor per word beyond ``window``.
    other_clause : float, default 0.2
        Weight factor for words in another clause (split at , ; : dashes, "but", "while", ...).
    speech : float, default 0.0
        Weight factor for words that are speech rather than description of the target: the
        part on the far side of a reporting verb or colon next to it ("Rice said Gates ...",
        "Jacobs: ..."), and quotations the target stands outside of, except those that follow
        it with no reporting verb in between ("the claim that Trump is 'unethical'", "Comey
        said Trump was 'dishonest'") or right after "called X" ("Tom called Varadkar
        'arrogant'"), which describe it. Also the negative words after a verb of talking
        right after the target ("talks", "spoke", "discussed", "referring": "Ingraham spoke of
        the enemies of Trump", "NPR's Kelly talks with Jones about the attacks"): the topic
        does not blame the one who talks of it (positive words stay: talking up good news
        shows the target in its light).
    pos_weight : float, default 0.4
        Weight factor for positive words relative to negative ones.
    setting : float, default 0.0
        Weight factor for every word when the target is a setting rather than a participant:
        a time ("Sunday", "last week"), or a name right after "in" or a verb of addressing
        ("told", "asked", "informed", "phoned", "briefed") that is neither a possessive nor a
        pronoun ("protests in France", "on Sunday", "told CNN", "asked Sanders if"). Such targets
        are neutral by default.
    against : float, default -1.0
        Valence (VADER's scale) added when the word right before the target is "against"
        ("the lawsuit against Uber", "protests against Maduro").
    victim : float, default 0.0
        Weight factor for words of violence, death or illness that happen to the target: right
        before it as their object ("killed X", "the murder of X") or right after it as what it
        undergoes ("X died", "X was stabbed", "X went missing"). A victim is not portrayed
        negatively; the one who harms ("X stabbed Y", "hurt by X") still is. When the target
        is such a victim in its own clause ("fatally shooting X", "X has died", "X was
        killed"), every negative word of the sentence gets this factor too: the crime around a
        victim ("convicted of murder", "a brutal attack") does not portray it.
    mask_names : bool, default True
        Also ignore capitalised words inside multi-word names ("Freedom Support Act", "Dick
        Cheney"), which VADER would read as "freedom", "support", "dick".
    headline : float, default 0.75
        Share of capitalised words (of four or more) from which a sentence counts as a Title
        Case headline ("Gingrich Accuses Megyn Kelly Of ..."), where ``mask_names`` is off.
    alpha : float, default 15.0
        VADER's normalisation constant: ``score = s / sqrt(s**2 + alpha)``.
    pos_threshold, neg_threshold : float, optional
        Label cut-offs on ``score``. ``"sentence"`` keeps VADER's conventional 0.05 and
        -0.05; ``"vader"`` defaults to 0.01 and -0.03, closer to zero: news prose is
        restrained, so even one distant sentiment word in the sentence tends to mark how the
        target is portrayed; the positive cut-off is the lower one because positive words
        already count only ``pos_weight`` (tuned on NewsMTSC train and dev).
    news_lexicon : bool, default True
        Add the news-domain words of ``analysis/data/news_lexicon.tsv`` to VADER's lexicon
        and drop the VADER words it lists with value 0 (a political "party", national
        "security", "intelligence" agencies, a "special" counsel, a "top" official, health
        "care", "a number of").
    roles : bool, default True
        Apply the role rules of :mod:`analysis.roles` over the method's score: a holder of an
        evaluation is neutral, its object gets the verb's polarity, contrasts, negations
        VADER misses and words about another actor (:func:`analysis.roles.apply_roles`).

    Returns
    -------
    MentionScore
        ``score`` in [-1, 1], ``label`` in {negative, neutral, positive}, ``words``: the
        ``(word, contribution)`` pairs that carried the score, strongest first (contributions
        sum to ``score`` for the VADER methods; the rule and its cue when a role rule
        decided), and ``rule``: the role rule that decided ("" if none).

    Examples
    --------
    >>> s = "Europe is hopelessly behind the U.S."
    >>> classify_mention(s, 0, 6).label, classify_mention(s, 32, 36).label
    ('negative', 'positive')
    >>> classify_mention("The United States said nothing.", 4, 17).label
    'neutral'
    >>> round(classify_mention("The EU is not helpful.", 4, 6, method="vader").score, 2)
    -0.33
    >>> classify_mention("The EU is not helpful.", 4, 6).words[0]  # the default, "learned"
    ('vader_default', -1.0356)
    >>> classify_mention("The EU condemned Armenia.", 4, 6)[1:]
    ('neutral', (('holder: condemned', 0.0),), 'holder')
    """
    method = resolve_method(check_method(method))
    own = is_callable_method(method)
    if own:
        (score,), (label,), _ = score_callable(method, [sentence], [start], [end],
                                               pos_threshold=pos_threshold,
                                               neg_threshold=neg_threshold)
        words = ()
    elif isinstance(method, TargetSentimentModel):
        (score,), (label,), (words,) = method.score_rows(
            pd.DataFrame({"sentence": [sentence], "start": [start], "end": [end]}))
        label = str(label)
    else:
        if method == "sentence":
            score, words = vader_sentence(sentence)
            cuts = SENTENCE_CUTS
        else:
            score, words = vader_scoped(sentence, start, end, mask_spans=tuple(mask_spans),
                                         window=window, decay=decay, other_clause=other_clause,
                                         mask_names=mask_names, alpha=alpha,
                                         news_lexicon=news_lexicon, pos_weight=pos_weight,
                                         speech=speech, setting=setting, headline=headline,
                                         against=against, victim=victim)
            cuts = SCOPED_CUTS
        label = label_of(score, cuts[0] if pos_threshold is None else pos_threshold,
                         cuts[1] if neg_threshold is None else neg_threshold)
    if not roles:
        return MentionScore(float(score), label, words)
    options = dict(window=window, decay=decay, other_clause=other_clause, speech=speech,
                   pos_weight=pos_weight, setting=setting, against=against, victim=victim,
                   mask_names=mask_names, headline=headline, alpha=alpha,
                   pos_threshold=pos_threshold, neg_threshold=neg_threshold,
                   news_lexicon=news_lexicon)
    (score,), (label,), (words,), (rule,) = apply_roles(
        [sentence], [0], [start], [end], [float(score)], [label], [words],
        mention_spans=[[*mask_spans, (start, end)]],
        lexicon=vader_analyzer(news_lexicon).lexicon,
        # the other-actor rule rescores with "vader" and the words masked; a callable cannot be
        # told which words to ignore, so its score is left as it is
        rescore=None if own else (
            lambda s, a, b, mask: classify_mention(s, a, b, method="vader", mask_spans=mask,
                                                   roles=False, **options)[:3]),
        describe=lambda rule, cue, value: ((f"{rule}: {cue}", value),))
    return MentionScore(float(score), label, words, rule)


def is_callable_method(method) -> bool:
    """Whether ``method`` is a scorer of the user's own (:func:`score_callable`): a callable
    that is not a fitted :class:`TargetSentimentModel` (nor a class)."""
    return callable(method) and not isinstance(method, (TargetSentimentModel, type))


def score_callable(method, sentences, starts, ends, *, pos_threshold: float | None = None,
                   neg_threshold: float | None = None) -> tuple[list, list, list]:
    """Score rows with a scorer of your own: ``method(sentences, starts, ends) -> scores``.

    The callable gets every row of a chunk at once (lists of the sentence and the mention's
    character offsets, end exclusive), so a transformers pipeline or a local LLM can batch, and
    returns one score per row in [-1, 1] (negative ... positive), or NaN for a row it cannot
    score (the row is then "not scored": label "", counted apart by
    :func:`analysis.sentiment.sentiment_by_source`). Labels follow the thresholds of method
    ``"sentence"`` (+-0.05) unless given. A callable scores English rows only unless it has an
    attribute ``languages`` listing the language codes it handles (e.g. ``("en", "ru")``).

    Parameters
    ----------
    method : callable
        ``method(sentences: list[str], starts: list[int], ends: list[int])`` returning a
        sequence of floats, one per row.
    sentences, starts, ends : sequences
        The rows.
    pos_threshold, neg_threshold : float, optional
        Label cut-offs (positive at or above, negative at or below).

    Returns
    -------
    tuple of lists
        ``(scores, labels, words)``; ``words`` are "" (a callable reports no evidence words).

    Raises
    ------
    ValueError
        When the callable returns the wrong number of scores, or a score outside [-1, 1].

    Examples
    --------
    >>> def by_keyword(sentences, starts, ends):
    ...     return [-0.8 if "condemn" in s else 0.0 for s in sentences]
    >>> score_callable(by_keyword, ["Armenia was condemned.", "Armenia voted."], [0, 0], [7, 7])
    ([-0.8, 0.0], ['negative', 'neutral'], ['', ''])
    """
    n = len(sentences)
    if not n:
        return [], [], []
    raw = method(list(sentences), [int(a) for a in starts], [int(b) for b in ends])
    try:
        scores = [float(x) for x in raw]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the scoring callable {method!r} must return one number per row: "
                         f"{exc}") from None
    if len(scores) != n:
        raise ValueError(f"the scoring callable {method!r} returned {len(scores)} scores for "
                         f"{n} rows")
    bad = [x for x in scores if x == x and not -1.0 <= x <= 1.0]
    if bad:
        raise ValueError(f"the scoring callable {method!r} returned scores outside [-1, 1], "
                         f"e.g. {bad[0]!r}")
    pos = SENTENCE_CUTS[0] if pos_threshold is None else pos_threshold
    neg = SENTENCE_CUTS[1] if neg_threshold is None else neg_threshold
    labels = ["" if x != x else label_of(x, pos, neg) for x in scores]
    return scores, labels, [""] * n


def check_method(method):
    """Return ``method`` if it names a scoring method, else raise a ValueError listing them.

    A method is one of :data:`METHODS`, a fitted :class:`TargetSentimentModel` or a callable
    ``(sentences, starts, ends) -> scores`` (:func:`score_callable`). A path is
    not: a saved model is read with :func:`analysis.sentiment.load_model` (a pickle only with
    ``trusted=True``). ``"learned"`` stays a name here (no file is read), so it travels to
    worker processes as a word and each reads the shipped model once (:func:`resolve_method`).

    Examples
    --------
    >>> check_method("sentence"), check_method("learned")
    ('sentence', 'learned')
    >>> check_method("/any/path")
    Traceback (most recent call last):
    ...
    ValueError: method must be 'vader', 'sentence', 'learned', a TargetSentimentModel or a ...
    """
    if isinstance(method, TargetSentimentModel):
        return method
    if isinstance(method, str) and method in METHODS:
        return method
    if is_callable_method(method):
        return method
    hint = (" (a saved model: method=load_model(path); a pickle only with trusted=True)"
            if isinstance(method, (str, Path)) else "")
    names = ", ".join(repr(m) for m in METHODS)
    raise ValueError(f"method must be {names}, a TargetSentimentModel or a callable "
                     f"(sentences, starts, ends) -> scores, got {method!r}{hint}")


def resolve_method(method):
    """The scorer behind a checked ``method``: the shipped model for ``"learned"`` (read on
    first use, once per process), else ``method`` itself.

    Examples
    --------
    >>> resolve_method("vader"), type(resolve_method("learned")).__name__
    ('vader', 'TargetSentimentModel')
    """
    if isinstance(method, str) and method == "learned":
        return shipped_model()
    return method


def model_rows(model: TargetSentimentModel, sentences, starts, ends) -> tuple[list, list, list]:
    """``(scores, labels, words)`` of many mentions scored by a fitted model in one batch,
    rounded and formatted as :func:`classify_row` gives them one by one.

    Examples
    --------
    >>> scores, labels, words = model_rows(resolve_method("learned"),
    ...                                    ["The EU failed badly."], [4], [6])
    >>> labels, isinstance(scores[0], float), isinstance(words[0], str)
    (['negative'], True, True)
    """
    if not len(sentences):
        return [], [], []
    scores, labels, words = model.score_rows(pd.DataFrame(
        {"sentence": list(sentences), "start": list(starts), "end": list(ends)}))
    return ([round(float(x), 6) for x in scores], [str(x) for x in labels],
            [format_words(w) for w in words])


def format_words(words, k=6) -> str:
    """The ``k`` strongest ``(word, contribution)`` pairs as a table shows them ("bad -0.40")."""
    return "; ".join(f"{w} {c:+.2f}" for w, c in words[:k])


def classify_row(sentence: str, spans, a: int, b: int, method, options: dict) -> tuple:
    """``(score, label, words)`` of one row of :func:`target_sentiment`: the mention
    ``a:b`` scored by :func:`classify_mention` with the sentence's other mentions ``spans``
    masked, rounded and formatted as the table shows them."""
    others = [span for span in spans if span != (a, b)]
    result = classify_mention(sentence, a, b, method=method, mask_spans=others, roles=False,
                              **options)
    return round(result.score, 6), result.label, format_words(result.words)
