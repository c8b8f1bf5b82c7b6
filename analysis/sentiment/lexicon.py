"""VADER with the news lexicon: the analyzer, its per-word valence rules and their memo.

VADER's own rules (vaderSentiment 3.3.2, MIT), reading lower-cased tokens computed once per
sentence; :func:`vader_analyzer` adds ``analysis/data/news_lexicon.tsv`` to VADER's lexicon.
"""

from __future__ import annotations

from functools import lru_cache

from analysis import paths
from analysis.parallel import worker_cache

__all__ = ["memo_valence", "NEWS_LEXICON", "vader_analyzer", "valence_memo", "valence_modifiers"]

NEWS_LEXICON = paths.ROOT / "analysis" / "data" / "news_lexicon.tsv"


def _negation_check(valence: float, low, start_i: int, i: int) -> float:
    """VADER's ``_negation_check`` (vaderSentiment 3.3.2, MIT) over lower-cased tokens ``low``.

    The same rules, reading tokens lower-cased once by the caller instead of lower-casing the
    whole sentence again in every check. Pure: nothing is kept between calls.
    """
    from vaderSentiment.vaderSentiment import N_SCALAR, NEGATE

    def negated(word):
        return word in NEGATE or "n't" in word

    if start_i == 0:
        if negated(low[i - 1]):
            valence = valence * N_SCALAR
    elif start_i == 1:
        if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif negated(low[i - 2]):
            valence = valence * N_SCALAR
    elif start_i == 2:
        if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or \
                low[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif low[i - 3] == "without" and "doubt" in (low[i - 2], low[i - 1]):
            pass
        elif negated(low[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _idioms_check(valence: float, low, i: int) -> float:
    """VADER's ``_special_idioms_check`` (vaderSentiment 3.3.2, MIT) over lower-cased tokens
    ``low``; pure, as :func:`_negation_check`."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SPECIAL_CASES

    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(low) - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


class _Lowered:
    """A token list read lower-cased, each token when it is read (negative indices wrap, as in
    VADER's own checks); holds nothing but the list, so threads share no state through it."""

    __slots__ = ("words",)

    def __init__(self, words):
        self.words = words

    def __getitem__(self, k: int) -> str:
        return str(self.words[k]).lower()

    def __len__(self) -> int:
        return len(self.words)


def _fast_analyzer_class():
    """VADER's analyzer whose negation and idiom checks lower-case only the tokens they read.

    VADER re-lower-cases the whole sentence inside every negation and idiom check (several
    times per sentiment word); :func:`_negation_check` and :func:`_idioms_check` are VADER's
    rules (vaderSentiment 3.3.2, MIT) reading the few tokens they need. Scores are identical,
    and the analyzer keeps no per-sentence state: one cached instance is safe under threads.
    """
    from vaderSentiment import vaderSentiment as vs

    class FastAnalyzer(vs.SentimentIntensityAnalyzer):
        def _negation_check(self, valence, words, start_i, i):
            return _negation_check(valence, _Lowered(words), start_i, i)

        def _special_idioms_check(self, valence, words, i):
            return _idioms_check(valence, _Lowered(words), i)

    return FastAnalyzer


@lru_cache(maxsize=2)
def vader_analyzer(news_lexicon: bool = True):
    """The shared VADER analyzer (one per lexicon): VADER's lexicon, plus the news lexicon
    (:data:`NEWS_LEXICON`) when ``news_lexicon``. Read only after it is made."""
    analyzer = _fast_analyzer_class()()
    if news_lexicon:
        for line in NEWS_LEXICON.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, value = line.split("\t")
                if float(value):
                    analyzer.lexicon.setdefault(word, float(value))
                else:  # a VADER word that is no evaluation in news ("party", "security")
                    analyzer.lexicon.pop(word, None)
    return analyzer


_VALENCE_MEMO: dict = worker_cache({})


@lru_cache(maxsize=1)
def valence_modifiers() -> frozenset:
    """Lower-cased words that can make VADER's valence of a word differ from its lexicon value.

    :func:`_valence` changes a word's lexicon value only through words at most three before it
    or two after it: "no", boosters ("very", "kind of"), negations ("not", "never", any
    "n't"), "so"/"this" (VADER's x1.25), "least", and the idioms of ``SPECIAL_CASES``. Every
    such rule needs one of these words in that window (for a multi-word booster or idiom, one
    word of it suffices: "kind", "kiss"); capitals are handled apart. A word with none of them
    nearby has exactly its lexicon value.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES

    words = {w for w in BOOSTER_DICT if " " not in w} | {w.lower() for w in NEGATE}
    words |= {"no", "never", "without", "so", "this", "least"}
    # one rare word of each multi-word booster and idiom ("of", "the" would block everything)
    multi = {"just enough": "enough", "kind of": "kind", "sort of": "sort", "the shit": "shit",
             "the bomb": "bomb", "bad ass": "ass", "bus stop": "bus", "yeah right": "yeah",
             "kiss of death": "kiss", "to die for": "die", "beating heart": "beating",
             "broken heart": "broken"}
    for phrase in [*BOOSTER_DICT, *SPECIAL_CASES]:
        if " " in phrase:
            if phrase not in multi:
                raise RuntimeError(f"VADER phrase {phrase!r} has no modifier word here")
            words.add(multi[phrase])
    return frozenset(words)


def _valence(analyzer, words, low, i: int, is_cap_diff: bool) -> float:
    """VADER's ``sentiment_valence`` for the lexicon word at ``i`` (vaderSentiment 3.3.2, MIT).

    The same rules in the same order, reading the lower-cased tokens computed once per
    sentence instead of lower-casing neighbours again inside every check. Scores are identical
    (a test compares them with VADER's own method on every word of a sentence set).
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, C_INCR, N_SCALAR

    lexicon = analyzer.lexicon
    item, item_lowercase = words[i], low[i]
    valence = lexicon[item_lowercase]
    if item_lowercase == "no" and i != len(words) - 1 and low[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") \
            or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
        valence = lexicon[item_lowercase] * N_SCALAR
    if is_cap_diff and item.isupper():
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for start_i in range(0, 3):
        if i > start_i and low[i - (start_i + 1)] not in lexicon:
            prev_low = low[i - (start_i + 1)]
            s = 0.0
            if prev_low in BOOSTER_DICT:  # scalar_inc_dec
                s = BOOSTER_DICT[prev_low]
                if valence < 0:
                    s *= -1
                if words[i - (start_i + 1)].isupper() and is_cap_diff:
                    s = s + C_INCR if valence > 0 else s - C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, low, start_i, i)
            if start_i == 2:
                valence = _idioms_check(valence, low, i)
    # _least_check
    if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def valence_memo(news_lexicon: bool) -> dict:
    """The memo of :func:`memo_valence` for a lexicon, emptied once it holds 500,000 entries."""
    memo = _VALENCE_MEMO.setdefault(news_lexicon, {})
    if len(memo) > 500_000:
        memo.clear()
    return memo


def memo_valence(analyzer, memo: dict, words, low, i: int, is_cap_diff: bool) -> float:
    """:func:`_valence`, looked up in ``memo`` by the words it reads (three before the word,
    two after) and the all-caps differential: news repeats such windows."""
    lo = i - 3 if i > 3 else 0
    key = (words[lo:i + 3], i - lo, is_cap_diff)
    value = memo.get(key)
    if value is None:
        value = memo[key] = float(_valence(analyzer, words, low, i, is_cap_diff))
    return value
