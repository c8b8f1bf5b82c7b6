"""Target-level sentiment: how is each target portrayed in each sentence that mentions it?

Three methods score one mention (a character span in a sentence):

``"vader"`` (default, no training data, offline)
    VADER word valences (``vaderSentiment``'s lexicon, plus ``analysis/data/news_lexicon.tsv``,
    a small hand-made list of news words VADER lacks, such as "alleged" or "indicted", which
    also drops seven VADER words whose news sense is institutional: "party", "security") summed
    with weights that fall off with distance from the target (full weight within ``window``
    words, then ``decay`` per word) and across clause boundaries (``other_clause``); what the
    target itself says or others say does not count (``speech``: the clause after "X said" or
    "X:", quotations the target stands outside of, except one that follows the target with no
    reporting verb in between, which describes it: "Comey's comment that Trump is 'unethical'";
    nor do the negative words of what the target talks about: "X spoke of the enemies of Y").
    Positive words count ``pos_weight`` of negative ones: in news, VADER's
    positive words ("support", "deal", "join") are mostly neutral, negative ones are not.
    The target's own words, the other mentions and multi-word names are masked, so "United
    States" is not positive for free, nor "Freedom Support Act". VADER's negation and booster
    rules apply per word. Comparative cues flip the sign for whatever stands on the other
    side: in "Europe is hopelessly behind the U.S." the EU gets the negative words and the
    cue ("behind"), the US gets them reversed; a win is such a cue too ("X defeated Y", "X
    beats Y", but not "X was defeated", "the defeated X" or "beat up"). A target that is a
    setting rather than a participant (a time, a name right after "in", the one addressed
    after "told" or "asked") is neutral (``setting``); a victim of violence, death or illness
    ("the murder of X", "X died") is not blamed for it, nor for the crime around it
    ("convicted of murder in the shooting of X": ``victim``); "against" right before
    the target counts as a negative word (``against``); a quotation right after "called X"
    describes X rather than being X's speech; in a Title Case headline no word is masked as
    part of a name (``headline``). Labels are cut close to zero (>= 0.01 positive, <= -0.03
    negative): one faint word near the target already tilts its portrayal.
    The numbers were tuned on NewsMTSC train and dev (never the test sets or the seeds).
``"sentence"``
    Plain whole-sentence VADER compound (>= 0.05 positive, <= -0.05 negative), the baseline.
a :class:`TargetSentimentModel`
    Scikit-learn logistic regressions over features taken relative to the mention (words by
    side and distance, the mention's clause, character n-grams nearby, n-grams with the
    mention and other names as placeholders, scoped VADER scores including the default's),
    one per class with the n-grams scaled by their naive Bayes log-count ratios (NB-LR),
    trained on NewsMTSC-format JSONL with :func:`train_model`, saved with :func:`save_model`
    as a file the user owns (about 7 MB) and read back with :func:`load_model` (a pickle, which
    runs code when read: only with ``trusted=True``; a path is never a method by itself).

Macro-F1 on NewsMTSC's test sets (``bench/sentiment.py``, single-target rw / multi-target mt):
``"vader"`` 60.9 / 58.0, ``"sentence"`` 51.3 / 48.1, the model trained on NewsMTSC's
``train.jsonl`` 68.1 / 66.3 (64.7 / 65.0 before the NB-scaled n-grams, the SVM and the
lexicon-polarity n-grams). Roughly two mentions in five are misjudged by the default.

Every method scores English only: rows of an article whose ``language`` is another
(Russian, Azerbaijani, ...) are *not scored* (score NaN, label ""), with a warning naming the
languages and row counts; :func:`sentiment_by_source` counts them apart (``n_not_scored``).
An article without a language is scored.

Measures: :func:`target_sentiment` (one row per sentence and target),
:func:`sentiment_by_source` (means with intervals over articles and label shares, every
source x target cell present) and :func:`evidence` (the sentences and words behind each score).
"""

from __future__ import annotations

import json
import math
import re
import string
import warnings
from bisect import bisect_left, bisect_right
from functools import lru_cache, partial
from itertools import accumulate, compress, groupby
from operator import add, itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import paths
from analysis.language import language_code
from analysis.parallel import map_chunks, worker_cache
from analysis.roles import apply_roles
from analysis.targets import alias_table, doc_mentions
from analysis.tokens import sentence_spans, sentence_spans_by_doc

__all__ = ["LABELS", "METHODS", "MentionScore", "TargetSentimentModel", "check_method",
           "classify_mention", "evidence", "load_model", "method_languages", "read_newsmtsc",
           "save_model",
           "sentiment_by_source", "target_sentiment", "train_model"]

LABELS = ("negative", "neutral", "positive")
METHODS = ("vader", "sentence")  # the methods named by a string; a fitted model is the third
NEWS_LEXICON = paths.ROOT / "analysis" / "data" / "news_lexicon.tsv"
_POLARITY = {2: "negative", 4: "neutral", 6: "positive"}  # NewsMTSC's 7-point codes in use


class MentionScore(NamedTuple):
    """Score of one mention: ``score`` in [-1, 1], ``label``, the words that carried it and
    the role rule that decided it ("" when none did: :mod:`analysis.roles`)."""

    score: float
    label: str
    words: tuple[tuple[str, float], ...]
    rule: str = ""


# --------------------------------------------------------------------------------------------
# VADER, scoped to the target


def _fast_analyzer_class():
    """VADER's analyzer with its per-word checks reading one lower-cased copy of the sentence.

    VADER re-lower-cases the whole sentence inside every negation and idiom check (several
    times per sentiment word); the rules below are VADER's own (vaderSentiment 3.3.2, MIT),
    only the repeated work is gone. Scores are identical.
    """
    from vaderSentiment import vaderSentiment as vs

    negate = frozenset(vs.NEGATE)

    def negated(word):
        return word in negate or "n't" in word

    class FastAnalyzer(vs.SentimentIntensityAnalyzer):
        _words = None
        _low = ()

        def _lower(self, words):
            if self._words is not words:  # the list is held, so identity cannot be reused
                self._words, self._low = words, [str(w).lower() for w in words]
            return self._low

        def _negation_check(self, valence, words, start_i, i):
            low = self._lower(words)
            if start_i == 0:
                if negated(low[i - 1]):
                    valence = valence * vs.N_SCALAR
            elif start_i == 1:
                if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
                    valence = valence * 1.25
                elif low[i - 2] == "without" and low[i - 1] == "doubt":
                    pass
                elif negated(low[i - 2]):
                    valence = valence * vs.N_SCALAR
            elif start_i == 2:
                if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or \
                        low[i - 1] in ("so", "this"):
                    valence = valence * 1.25
                elif low[i - 3] == "without" and "doubt" in (low[i - 2], low[i - 1]):
                    pass
                elif negated(low[i - 3]):
                    valence = valence * vs.N_SCALAR
            return valence

        def _special_idioms_check(self, valence, words, i):
            low = self._lower(words)
            onezero = f"{low[i - 1]} {low[i]}"
            twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
            twoone = f"{low[i - 2]} {low[i - 1]}"
            threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
            threetwo = f"{low[i - 3]} {low[i - 2]}"
            for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
                if seq in vs.SPECIAL_CASES:
                    valence = vs.SPECIAL_CASES[seq]
                    break
            if len(low) - 1 > i:
                zeroone = f"{low[i]} {low[i + 1]}"
                if zeroone in vs.SPECIAL_CASES:
                    valence = vs.SPECIAL_CASES[zeroone]
            if len(low) - 1 > i + 1:
                zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
                if zeroonetwo in vs.SPECIAL_CASES:
                    valence = vs.SPECIAL_CASES[zeroonetwo]
            for n_gram in (threetwoone, threetwo, twoone):
                if n_gram in vs.BOOSTER_DICT:
                    valence = valence + vs.BOOSTER_DICT[n_gram]
            return valence

    return FastAnalyzer


@lru_cache(maxsize=2)
def _analyzer(news_lexicon: bool = True):
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


_WORD = re.compile(r"\S+")
_CLAUSE_WORDS = frozenset("but while whereas although though however yet".split())
_CLAUSE_END = frozenset(",;:—–()")
_DASHES = frozenset({"—", "–", "-"})
# Comparative cues: value for what stands before the cue (the other side gets the opposite).
_CUES = {"behind": -1.5, "lags": -1.5, "lagging": -1.5, "lagged": -1.5, "trails": -1.5,
         "trailing": -1.5, "trailed": -1.5, "than": 0.0, "outpaced": 1.5, "outpaces": 1.5,
         "outperformed": 1.5, "outperforms": 1.5, "surpassed": 1.5, "surpasses": 1.5,
         "overtook": 1.5, "overtakes": 1.5, "defeated": 1.5, "defeats": 1.5, "defeating": 1.5,
         "beat": 1.5, "beats": 1.5, "trounced": 1.5, "trounces": 1.5}
# Wins: cues only as active verbs (the winner stands before them), not after a passive
# auxiliary ("was defeated") or an article ("the defeated candidate")
_WINS = frozenset("defeated defeats defeating beat beats trounced trounces".split())
_PASSIVE_AUX = frozenset("was were been being be is are got gets get".split())
_NOT_ACTIVE = _PASSIVE_AUX | frozenset("the a an".split())
_UNLIKE = frozenset({"unlike"})
_QUOTE_MARKS = frozenset('"“”‘’\'')
_SAY = frozenset("""said says say told tells tweeted tweets wrote writes added adds argued argues
stated states claimed claims asked asks insisted insists declared declares noted notes
warned warns replied replies explained explains according""".split())
# "X talks with Y about the attacks": what a target talks about does not blame it
_TALK = frozenset("""talks talked talking speaks spoke speaking discussed discusses referring
referred refers""".split())
# "X called Y 'a liar'": the quotation is said about Y, whoever says it.
_NAMING = frozenset("called calls calling dubbed labeled labelled branded described".split())


_VADER_PUNCT = string.punctuation  # what SentiText strips from a token's ends


_TOKEN_INFO: dict = worker_cache({})
_VALENCE_MEMO: dict = worker_cache({})


def _token_info(token: str, lexicon: dict, cache: dict) -> tuple:
    """Everything ``_parse`` needs from one whitespace token, worked out once per corpus.

    ``(word, lower, all_caps, is_word, capitalised, flags)``: VADER's word
    (``SentiText._strip_punc_if_word``) and its lower case, whether it is all caps (VADER's
    ``allcap_differential``), whether it is a word for the headline test (it starts with a
    letter once quotes and punctuation are stripped) and whether that word starts with a
    capital, and bit flags: 1 a clause word ("but") opens a clause here, 2 the token closes
    one (a comma, a dash), 4 VADER scores it (in ``lexicon``, not a booster), 8 a comparative
    cue, 16 "unlike", 32 it may change a neighbour's valence (:func:`_valence_modifiers`).
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    stripped = token.strip(_VADER_PUNCT)
    word = token if len(stripped) <= 2 else stripped
    low = word.lower()
    head = token.strip(_STRIP)[:1]
    is_word = head.isalpha()
    flags = (1 if low in _CLAUSE_WORDS else 0) \
        | (2 if token[-1] in _CLAUSE_END or low in _DASHES else 0) \
        | (4 if low in lexicon and low not in BOOSTER_DICT else 0) \
        | (8 if low in _CUES else 16 if low in _UNLIKE else 0) \
        | (32 if low in _valence_modifiers() or "n't" in low else 0)
    if len(cache) > 500_000:
        cache.clear()
    out = cache[token] = (word, low, word.isupper(), is_word, is_word and head.isupper(), flags)
    return out


@lru_cache(maxsize=1)
def _valence_modifiers() -> frozenset:
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
            valence = analyzer._negation_check(valence, words, start_i, i)
            if start_i == 2:
                valence = analyzer._special_idioms_check(valence, words, i)
    # _least_check
    if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def _valence_memo(news_lexicon: bool) -> dict:
    """The memo of :func:`_memo_valence` for a lexicon, emptied once it holds 500,000 entries."""
    memo = _VALENCE_MEMO.setdefault(news_lexicon, {})
    if len(memo) > 500_000:
        memo.clear()
    return memo


def _memo_valence(analyzer, memo: dict, words, low, i: int, is_cap_diff: bool) -> float:
    """:func:`_valence`, looked up in ``memo`` by the words it reads (three before the word,
    two after) and the all-caps differential: news repeats such windows."""
    lo = i - 3 if i > 3 else 0
    key = (words[lo:i + 3], i - lo, is_cap_diff)
    value = memo.get(key)
    if value is None:
        value = memo[key] = float(_valence(analyzer, words, low, i, is_cap_diff))
    return value


def _token_starts(sentence: str, raw) -> list[int]:
    """Start offset of each whitespace token ``raw`` of ``sentence``, found left to right."""
    starts, pos = [], 0
    for tok in raw:
        pos = sentence.index(tok, pos)
        starts.append(pos)
        pos += len(tok)
    return starts


class _Parsed(NamedTuple):
    """Everything about a sentence that does not depend on the target (cached)."""

    words: tuple      # VADER's tokens (punctuation stripped)
    values: tuple     # VADER valence per token (negation and boosters applied)
    lower: tuple      # lower-cased tokens
    clause: tuple     # clause number per token
    active: tuple     # tokens with a valence or a comparative cue
    in_name: frozenset  # active tokens that are part of a multi-word capitalised name
    quoted: frozenset  # tokens inside quotation marks
    cues: tuple       # comparative cue positions ("than" only after an evaluative word)
    unlike: tuple     # positions of "unlike"
    starts: tuple     # start of each token (for bisecting character offsets)
    ends: tuple       # end of each token
    capitalised: float  # share of words that start with a capital (Title Case headlines: ~1)

    @property
    def spans(self) -> tuple:
        """(start, end) of each whitespace token in the sentence."""
        return tuple(zip(self.starts, self.ends))


@worker_cache
@lru_cache(maxsize=20_000)
def _parse(sentence: str, news_lexicon: bool = True) -> _Parsed:
    analyzer = _analyzer(news_lexicon)
    cache = _TOKEN_INFO.setdefault(news_lexicon, {})
    raw = sentence.split()  # the whitespace tokens VADER's SentiText splits into
    n = len(raw)
    # Per-token work is the cost of target sentiment on a large corpus, so it is done in
    # bulk: one cache lookup per token (all its flags), transposed by zip, offsets summed.
    infos = list(map(cache.get, raw))
    if None in infos:
        lexicon = analyzer.lexicon
        infos = [info or _token_info(tok, lexicon, cache) for tok, info in zip(raw, infos)]
    words, lower, caps, is_word, title, flags = zip(*infos) if n else ((),) * 6
    n_caps, n_words, n_title = sum(caps), sum(is_word), sum(title)
    lens = list(map(len, raw))
    if len(sentence) == sum(lens) + n - 1:  # one space between tokens, none around them
        starts = list(accumulate(map((1).__add__, lens[:-1]), initial=0))
    else:
        starts = _token_starts(sentence, raw)
    ends = list(map(add, starts, lens))
    clause = [0] * n
    scored, cues, unlike = [], [], []
    c = last = 0
    modifiers = []
    for i in compress(range(n), flags):
        f = flags[i]
        if f & 32:
            modifiers.append(i)
        if f & 1:  # "but", "while": this word opens the next clause
            clause[last:i] = [c] * (i - last)
            last, c = i, c + 1
        if f & 2:  # a comma, a dash: the next word opens the next clause
            clause[last:i + 1] = [c] * (i + 1 - last)
            last, c = i + 1, c + 1
        if f & 4:
            scored.append(i)
        if f & 8:
            cues.append(i)
        elif f & 16:
            unlike.append(i)
    clause[last:] = [c] * (n - last)
    is_cap_diff = 0 < n - n_caps < n  # VADER's allcap_differential
    values = [0.0] * n
    analyzer._words, analyzer._low = words, lower  # its negation and idiom checks read these
    # A word's valence depends only on the three words before it and the two after it (and
    # the sentence's all-caps differential): news repeats such windows, so each is scored once.
    memo = _valence_memo(news_lexicon)
    # Most sentiment words have no modifier within three words before or two after them (and
    # are not shouted): their valence is their lexicon value, with no rule to run.
    near = set()
    for r in modifiers:
        near.update(range(r - 2, r + 4))
    lexicon = analyzer.lexicon
    for i in scored:
        if i not in near and not (is_cap_diff and caps[i]):
            values[i] = lexicon[lower[i]]
            continue
        values[i] = _memo_valence(analyzer, memo, words, lower, i, is_cap_diff)
    # "than" compares only after an evaluative word ("better than", "weaker than"), not in
    # "more than 100" or "rather than"
    cues = tuple(i for i in cues if lower[i] != "than" or (i > 0 and values[i - 1] != 0))
    # a win compares only as an active verb ("X defeated Y"), not in "X was defeated", "the
    # defeated candidate" or "beat up"
    cues = tuple(i for i in cues if lower[i] not in _WINS or not (
        (i > 0 and lower[i - 1] in _NOT_ACTIVE) or (i + 1 < n and lower[i + 1] == "up")))
    active = tuple(sorted({i for i in scored if values[i]}.union(cues)))
    # Share of the words that start with a capital (Title Case headlines: ~1)
    capitalised = n_title / n_words if n_words >= 4 else 0.0
    return _Parsed(words, tuple(values), lower, tuple(clause),
                   active, frozenset(i for i in active if _in_name(raw, i)),
                   _quoted(sentence, raw), cues, tuple(unlike), tuple(starts), tuple(ends),
                   capitalised)


def _token_range(p: _Parsed, start: int, end: int) -> range:
    """Positions of the tokens that overlap characters ``[start, end)``."""
    return range(bisect_right(p.ends, start), bisect_left(p.starts, end))


def _valences(sentence: str, news_lexicon: bool = True):
    """Per-word VADER valence of ``sentence`` (negation and boosters applied, no 'but' rule)."""
    p = _parse(sentence, news_lexicon)
    return p.words, p.spans, p.values


# Default label cut-offs (positive at or above, negative at or below) of classify_mention:
# scoped VADER (see its docstring) and VADER's conventional ones for whole sentences
_SCOPED_CUTS = (0.01, -0.03)
_SENTENCE_CUTS = (0.05, -0.05)


def _label(score: float, pos_threshold: float, neg_threshold: float) -> str:
    if score >= pos_threshold:
        return "positive"
    if score <= neg_threshold:
        return "negative"
    return "neutral"


def _title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


_NAME_STRIP = "\"'“‘("  # stripped before the capital test of a name word
_NAME_ENDS = (".", ",", ":", ";", "\"", "”", ")")  # a name does not run on past these


def _in_name(raw, i: int) -> bool:
    """A capitalised word next to another capitalised word of the same phrase."""
    if not _title(raw[i].strip(_NAME_STRIP)):
        return False
    prev = i > 0 and _title(raw[i - 1].strip(_NAME_STRIP)) \
        and not raw[i - 1].endswith(_NAME_ENDS)
    nxt = i + 1 < len(raw) and _title(raw[i + 1].strip(_NAME_STRIP)) \
        and not raw[i].endswith(_NAME_ENDS)
    return prev or nxt


_HAS_QUOTE = re.compile("[\"“”‘’']")


def _quoted(sentence: str, raw) -> frozenset:
    """Token positions inside quotation marks.

    A sentence whose first quotation mark is a closing double quote starts inside a
    quotation (its opening mark is in an earlier sentence): its words up to that mark are
    quoted.
    """
    quoted, inside = set(), False
    if not _HAS_QUOTE.search(sentence):
        return frozenset()
    seen = False
    for i, token in enumerate(raw):
        opens = token[:1] in _QUOTE_MARKS
        closes = token.rstrip(".,;:!?")[-1:]
        if opens and not inside:
            inside = True
        if not seen and not inside and closes in '"”':
            quoted.update(range(i + 1))  # the sentence starts inside a quotation
        seen = seen or opens or closes in _QUOTE_MARKS
        if inside:
            quoted.add(i)
        if closes in _QUOTE_MARKS and inside and (not opens or len(token) > 1):
            inside = False
    return frozenset(quoted)


def _speech_scope(sentence: str, p: _Parsed, t0: int, t1: int):
    """Word positions that the target *says* rather than is described by.

    When the target is the speaker of a reporting verb ("Rice said Gates ...", "...,
    Kavanaugh said.") or of a headline colon ("Jacobs: 'You broke my glasses'"), the reported
    part on the far side, and quotations the target stands outside of. Otherwise only the
    quotations before the target, and those after it with a reporting verb in between ("Merkel,
    who later told reporters 'this is a disaster'"): a quotation that follows the target
    without one describes it ("Comey's comment that Trump is 'unethical'"). Returns
    ``(quoted, low, high)``: a set and a half-open range of positions.
    """
    quoted = p.quoted
    if quoted and any(i in quoted for i in range(t0, t1 + 1)):
        quoted = frozenset()
    lower, n = p.lower, len(p.lower)
    for i in range(t1 + 1, min(t1 + 3, n)):
        if lower[i].strip(",.") in _SAY:
            return quoted, i + 1, n
    if sentence[p.ends[t1] - 1] == ":" and t1 + 1 < n:
        return quoted, t1 + 1, n
    after = [i for i in quoted if i > t1]
    if after and not any(lower[k].strip(",.") in _SAY for k in range(t1 + 1, min(after))):
        quoted = frozenset(i for i in quoted if i < t0)
    for i in range(t0 - 1, max(0, t0 - 2) - 1, -1):
        if lower[i].strip(",.") in _SAY:
            return quoted, 0, i
    return quoted, 0, 0


_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december today yesterday
tomorrow""".split())
_TIME_UNITS = _TIME_WORDS | frozenset("""week weekend month year night morning evening afternoon
day""".split())
_TIME_DET = frozenset("this last next that the early late same".split())
# where it happens; whom a speaker addresses
_SETTING_BEFORE = frozenset("""in told tells telling asked asks asking informed phoned
briefed""".split())
_PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their
this that these those""".split())
_STRIP = "\"'“”‘’.,;:!?()"


def _possessive(token: str) -> bool:
    """Whether a whitespace token ends in a possessive ("Obama's", "states'")."""
    return token.rstrip(".,;:!?)\"”").endswith(("'s", "’s", "'", "’"))


def _is_setting(sentence: str, p: _Parsed, t0: int, t1: int) -> bool:
    """Whether the target is where or when something happens rather than who is portrayed.

    A time ("Trump on Sunday lashed out", "last week"), a name right after "in" ("the war in
    Afghanistan", "arrested in Phoenix") or the one a speaker addresses, after "told", "asked",
    "informed", "phoned" or "briefed" ("he told BBC Wales he was suspended", "Acosta asked
    Sanders if ..."); not a possessive ("boosts in Obama's approval") nor a pronoun ("In his
    capacity"), which stay portrayed.
    """
    words = [w.strip(_STRIP) for w in p.lower[t0:t1 + 1]]
    if words and all(w in _TIME_WORDS for w in words):
        return True
    if len(words) > 1 and words[-1] in _TIME_UNITS and \
            all(w in _TIME_WORDS or w in _TIME_DET for w in words[:-1]):
        return True  # "last week", "Monday night"
    if t0 == 0 or p.lower[t0 - 1].strip(_STRIP) not in _SETTING_BEFORE \
            or p.lower[t0 - 1][-1:] in _CLAUSE_END:
        return False
    return not _possessive(sentence[p.starts[t1]:p.ends[t1]]) \
        and " ".join(words) not in _PRONOUNS


# Violence, death and illness: what happens to a victim says nothing against it.
_HARM = frozenset("""died die death dead killed kill killing murdered murder stabbed injured
hurt abducted abduction assaulted assault beaten raped rape tortured missing victim victims
suffered suffering sick illness cancer""".split())  # those VADER scores
_HARM_UNDERGONE = frozenset("died die dead missing suffered suffering sick victim".split())
_OBJECT_GAP = frozenset("of the a an".split())
# Harm that VADER does not score, which still makes its object a victim ("shot X")
_HARM_ACTS = frozenset("shot shooting stabbing slain wounded wounding kidnapped kidnapping".split())
# What may stand between a victim and what it undergoes ("X has died", "X went missing")
_UNDERGO_AUX = frozenset("has had have went gone who".split())


def _undergoes(lower, i: int, t0: int, t1: int) -> bool:
    """Whether the harm word at ``i`` happens to the target at ``t0..t1``.

    Its object right after it ("killed X", "the murder of X", not "hurt by X"), or its
    subject right before it ("X died", "X was stabbed", "X went missing"; not "X stabbed Y").
    """
    if t0 - 3 <= i < t0:
        return all(w in _OBJECT_GAP for w in lower[i + 1:t0])
    return t1 < i <= t1 + 3 and (lower[i] in _HARM_UNDERGONE or lower[i - 1] in _PASSIVE_AUX)


def _is_victim(sentence: str, p: _Parsed, t0: int, t1: int) -> bool:
    """Whether the target at ``t0..t1`` suffers violence, death or illness in this sentence.

    It is the object of a harm word at most three words before it, in the same clause ("the
    murder of X", "fatally shooting X"; not "hours before X died, Y"), or the subject of one
    it undergoes at most three words after it, before any clause boundary ("X was shot",
    "X has died", "X died"; not "X stabbed Y", "called X a 'sick puppy'").
    """
    lower, ends = p.lower, p.ends
    for k in range(max(0, t0 - 3), t0):
        w = lower[k]
        if (w in _HARM or w in _HARM_ACTS) and w not in _HARM_UNDERGONE \
                and sentence[ends[k] - 1] not in _CLAUSE_END \
                and all(x in _OBJECT_GAP for x in lower[k + 1:t0]):
            return True
    for k in range(t1 + 1, min(len(lower), t1 + 4)):
        if sentence[ends[k - 1] - 1] in _CLAUSE_END:
            return False
        w = lower[k]
        if (w in _HARM or w in _HARM_ACTS) and (lower[k - 1] in _PASSIVE_AUX or (
                w in _HARM_UNDERGONE and (k == t1 + 1 or lower[k - 1] in _UNDERGO_AUX))):
            return True
    return False


def _vader_scoped(sentence, start, end, *, mask_spans, window, decay, other_clause,
                  mask_names, alpha, news_lexicon, pos_weight=1.0, speech=1.0, setting=1.0,
                  headline=1.01, against=0.0, victim=1.0):
    p = _parse(sentence, news_lexicon)
    target = _token_range(p, start, end)
    if not target:
        return 0.0, ()
    t0, t1 = target[0], target[-1]
    if setting != 1.0 and _is_setting(sentence, p, t0, t1):
        if not setting:
            return 0.0, ()  # a place or a time is not portrayed: nothing is evidence
        alpha = alpha / (setting * setting)  # the same as scaling every word by ``setting``
    masked = set(target)
    for a2, b2 in mask_spans:
        masked.update(_token_range(p, a2, b2))
    clause, lower, values = p.clause, p.lower, p.values
    # In a Title Case headline every word looks like part of a name: mask none of them
    names = mask_names and p.capitalised < headline
    cues = [k for k in p.cues if not t0 <= k <= t1]
    unlike = any(k < t0 and clause[k] == clause[t0] for k in p.unlike)
    quoted, said_lo, said_hi = _speech_scope(sentence, p, t0, t1) if speech != 1.0 else ((), 0, 0)
    if quoted and t0 > 0 and lower[t0 - 1].strip(_STRIP) in _NAMING:
        quoted = ()
    # a victim is not blamed for the crime around it either ("convicted of murder in the
    # shooting of X"): every negative word counts ``victim``
    victimised = victim != 1.0 and _is_victim(sentence, p, t0, t1)
    # the topic of a target that talks ("X spoke of the enemies of Y", "X talks with Y about
    # the attacks"): its negative words count ``speech``, its positive ones stay
    talk = len(lower)
    if speech != 1.0:
        talk = next((k for k in range(t1 + 1, min(t1 + 3, talk)) if lower[k] in _TALK), talk)
    total, carried = 0.0, []
    for i in p.active:
        value = values[i]
        cue = _CUES.get(lower[i]) if i in cues else None
        if cue:
            value = cue
        if not value or i in masked or (names and i in p.in_name):
            continue  # masked: the target, other mentions, multi-word names
        d = max(t0 - i, i - t1, 0)
        weight = 1.0 if d <= window else decay ** (d - window)
        undergone = victim != 1.0 and lower[i] in _HARM and _undergoes(lower, i, t0, t1)
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
    if against and t0 > 0 and lower[t0 - 1].strip(_STRIP) == "against":
        total += against  # "the case against X", "protests against X": X is opposed
        carried.append((p.words[t0 - 1], against))
    score = total / math.sqrt(total * total + alpha)
    norm = score / total if total else 0.0
    carried.sort(key=lambda wc: -abs(wc[1]))
    return score, tuple((w, round(c * norm, 4)) for w, c in carried)


def _vader_sentence(sentence):
    compound = _analyzer(False).polarity_scores(sentence)["compound"]
    words, _, values = _valences(sentence, False)
    norm = compound / sum(values) if sum(values) else 0.0
    carried = sorted(((w, v * norm) for w, v in zip(words, values) if v), key=lambda x: -abs(x[1]))
    return compound, tuple((w, round(c, 4)) for w, c in carried)


def classify_mention(sentence: str, start: int, end: int, *, method="vader",
                     mask_spans=(), window: int = 3, decay: float = 0.97,
                     other_clause: float = 0.2, speech: float = 0.0, pos_weight: float = 0.4,
                     setting: float = 0.0, against: float = -1.0, victim: float = 0.0,
                     mask_names: bool = True,
                     headline: float = 0.75, alpha: float = 15.0,
                     pos_threshold: float | None = None,
                     neg_threshold: float | None = None,
                     news_lexicon: bool = True, roles: bool = True) -> MentionScore:
    """Score the sentiment expressed toward one mention in one sentence.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        Character offsets of the mention in ``sentence`` (end exclusive).
    method : {"vader", "sentence"} or TargetSentimentModel, default "vader"
        ``"vader"``: target-scoped VADER (see the module docstring); ``"sentence"``: plain
        whole-sentence VADER; a fitted :class:`TargetSentimentModel` (a saved one:
        ``load_model(path, trusted=True)``). See :func:`check_method`.
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
    >>> round(classify_mention("The EU is not helpful.", 4, 6).score, 2)
    -0.33
    >>> classify_mention("The EU condemned Armenia.", 4, 6)[1:]
    ('neutral', (('holder: condemned', 0.0),), 'holder')
    """
    method = check_method(method)
    if isinstance(method, TargetSentimentModel):
        score, words = method._score_one(sentence, start, end)
    elif method == "sentence":
        score, words = _vader_sentence(sentence)
    else:
        score, words = _vader_scoped(sentence, start, end, mask_spans=tuple(mask_spans),
                                     window=window, decay=decay, other_clause=other_clause,
                                     mask_names=mask_names, alpha=alpha,
                                     news_lexicon=news_lexicon, pos_weight=pos_weight,
                                     speech=speech, setting=setting, headline=headline,
                                     against=against, victim=victim)
    if isinstance(method, TargetSentimentModel):
        label = method._label_one(sentence, start, end)
    else:
        cuts = _SCOPED_CUTS if method != "sentence" else _SENTENCE_CUTS
        label = _label(score, cuts[0] if pos_threshold is None else pos_threshold,
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
        mention_spans=[[*mask_spans, (start, end)]], lexicon=_analyzer(news_lexicon).lexicon,
        rescore=lambda s, a, b, mask: classify_mention(s, a, b, mask_spans=mask, roles=False,
                                                       **options)[:3],
        describe=lambda rule, cue, value: ((f"{rule}: {cue}", value),))
    return MentionScore(float(score), label, words, rule)


# --------------------------------------------------------------------------------------------
# Supervised method (scikit-learn)


def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """Read a NewsMTSC-format JSONL file into one row per target mention.

    Parameters
    ----------
    path : str or Path
        JSONL with ``sentence_normalized`` and ``targets`` (each with ``from``, ``to`` and
        ``polarity``: 2 negative, 4 neutral, 6 positive; other codes are rounded to these).

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence, start, end, label`` (``end`` exclusive), in file order.

    Raises
    ------
    ValueError
        When a line is not JSON or lacks the fields, naming the file and line.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.jsonl")
    >>> _ = open(p, "w").write('{"sentence_normalized": "The EU failed.", '
    ...     '"targets": [{"from": 4, "to": 6, "polarity": 2.0}]}\\n')
    >>> read_newsmtsc(p).values.tolist()
    [['The EU failed.', 4, 6, 'negative']]
    """
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sentence = record["sentence_normalized"]
                for t in record["targets"]:
                    code = min(_POLARITY, key=lambda c: abs(c - float(t["polarity"])))
                    rows.append((sentence, int(t["from"]), int(t["to"]), _POLARITY[code]))
            except (ValueError, KeyError, TypeError) as err:
                raise ValueError(f"{path}: line {n} is not a NewsMTSC record ({err!r})") from err
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "label"])


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|[!?]")


def _context_docs(sentence: str, start: int, end: int, window: int) -> tuple[str, str]:
    left = _TOKEN.findall(sentence[:start].lower())
    right = _TOKEN.findall(sentence[end:].lower())
    whole = " ".join(left + ["TARGET"] + right)
    near = " ".join([f"L_{w}" for w in left[-window:]] + [f"R_{w}" for w in right[:window]])
    return whole, near


def _distance_features(sentence: str, start: int, end: int, tau: float) -> dict:
    """Words weighted by their distance from the mention, and the words that border it.

    Each word gets ``exp(-d / tau)`` (``d`` in words, 0 for a neighbour), once unsided
    (``D_word``) and once with its side (``DL_word``, ``DR_word``), keeping the nearest
    occurrence; plus the bigrams and trigrams that contain the mention (``B_the_T``,
    ``B_T_said``) and the words of the mention's own clause (``C_word``, clauses as in the
    ``"vader"`` method).
    """
    left = _TOKEN.findall(sentence[:start].lower())
    right = _TOKEN.findall(sentence[end:].lower())
    f: dict[str, float] = {}
    for side, seq in (("DL_", left[::-1]), ("DR_", right)):
        for d, w in enumerate(seq):
            weight = math.exp(-d / tau)
            for key in (side + w, "D_" + w):
                if f.get(key, 0.0) < weight:
                    f[key] = weight
    l1, l2 = (left[-1:] or ["<s>"])[0], (left[-2:-1] or ["<s>"])[0]
    r1, r2 = (right[:1] or ["</s>"])[0], (right[1:2] or ["</s>"])[0]
    for key in (f"B_{l1}_T", f"B_{l2}_{l1}_T", f"B_T_{r1}", f"B_T_{r1}_{r2}"):
        f[key] = 1.0
    p = _parse(sentence)
    target = _token_range(p, start, end)
    if target:
        own = p.clause[target[0]]
        for i, w in enumerate(p.lower):
            if p.clause[i] == own and not target[0] <= i <= target[-1]:
                f["C_" + w.strip("\"'“”‘’.,;:!?()")] = 1.0
    return f


# Scoped VADER settings whose scores (and positive and negative parts) are model features;
# written out, not taken from classify_mention's defaults, so a saved model keeps its meaning.
_SCOPED_FEATURES = (
    ("scoped", dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=0.4)),
    ("clause_only", dict(window=3, decay=0.97, other_clause=0.0, speech=0.0, pos_weight=0.4)),
    ("symmetric", dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=1.0)),
    ("near", dict(window=0, decay=0.7, other_clause=0.2, speech=0.0, pos_weight=0.4)),
    ("unscoped", dict(window=3, decay=1.0, other_clause=1.0, speech=1.0, pos_weight=1.0)),
    ("default", dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=0.4,
                     setting=0.0, headline=0.75, against=-1.0)),
)
_DENSE_NAMES = [f"vader_{name}{part}" for name, _ in _SCOPED_FEATURES
                for part in ("", "_pos", "_neg")] + \
    ["vader_compound", "vader_pos", "vader_neg", "position", "length", "setting", "headline"]


def _dense_features(sentence: str, start: int, end: int) -> list[float]:
    row = []
    for _, options in _SCOPED_FEATURES:
        score, words = _vader_scoped(sentence, start, end, mask_spans=(), mask_names=True,
                                     alpha=15.0, news_lexicon=True, **options)
        row += [score, sum(c for _, c in words if c > 0), sum(c for _, c in words if c < 0)]
    whole = _analyzer(True).polarity_scores(sentence)
    p = _parse(sentence)
    target = _token_range(p, start, end)
    setting = bool(target) and _is_setting(sentence, p, target[0], target[-1])
    return row + [whole["compound"], whole["pos"], whole["neg"], start / max(len(sentence), 1),
                  min(len(sentence), 400) / 400, float(setting), float(p.capitalised >= 0.75)]


def _placeholder_doc(sentence: str, start: int, end: int) -> str:
    """The sentence as lower-cased words with the mention as ``TARGET`` and every other run of
    capitalised words (past the first word) as ``ENT``: "TARGET met ENT in ENT today"."""
    p = _parse(sentence)
    target = _token_range(p, start, end)
    out: list[str] = []
    for i, (a, b) in enumerate(p.spans):
        if target and target[0] <= i <= target[-1]:
            if i == target[0]:
                out.append("TARGET")
            continue
        word = sentence[a:b].strip(_STRIP)
        if i > 0 and word[:1].isupper():
            if out[-1:] != ["ENT"]:
                out.append("ENT")
        else:
            out.append(word.lower())
    return " ".join(out)


def _polarity_doc(doc: str, *, window: int = 4) -> str:
    """A placeholder document (:func:`_placeholder_doc`) cut to ``window`` words on each side of
    ``TARGET``, with each word of the VADER + news lexicon as ``POS`` or ``NEG`` by the sign of
    its valence: "ENT NEG TARGET of NEG", so the n-grams learn where sentiment stands relative
    to the target whatever the word. Without ``TARGET`` the whole document is kept."""
    lexicon = _analyzer(True).lexicon
    words = ["POS" if lexicon.get(w, 0.0) > 0 else "NEG" if lexicon.get(w, 0.0) < 0 else w
             for w in doc.split()]
    if "TARGET" in words:
        i = words.index("TARGET")
        words = words[max(0, i - window):i + window + 1]
    return " ".join(words)


def _log_count_ratio(X, positive, *, alpha: float = 1.0) -> np.ndarray:
    """Naive Bayes log-count ratio of each column of ``X`` for ``positive`` rows vs the rest.

    ``log((p / |p|) / (q / |q|))`` with ``p = alpha + `` the number of ``positive`` rows in
    which the column is non-zero and ``q`` the same for the other rows (Wang and Manning 2012,
    "Baselines and bigrams"); a feature's evidence for one class, learned by counting.
    """
    present = (X != 0).astype(np.float64)
    positive = np.asarray(positive, dtype=bool)
    p = alpha + np.asarray(present[positive].sum(axis=0)).ravel()
    q = alpha + np.asarray(present[~positive].sum(axis=0)).ravel()
    return np.log(p / p.sum()) - np.log(q / q.sum())


# What a saved model must match to be loaded: 2 since the n-gram columns are NB-scaled,
# 3 since a linear SVM joins the regressions, 4 with the lexicon-polarity n-grams.
_FEATURES_VERSION = 4


class _NBLogisticRegression:
    """One-vs-rest logistic regressions over NB-scaled columns (NB-LR, as NBSVM), plus an SVM.

    For each class the first ``n_scaled`` columns are multiplied by their log-count ratio for
    that class (:func:`_log_count_ratio`) before a binary, class-balanced logistic regression
    is fitted; the rest (dense scores) enter as they are. A class-balanced linear SVM
    (one-vs-rest, ``svm_C``) over the unscaled columns is added with ``svm_weight``, its
    decisions first brought to the spread of the regressions' on the training rows, and the
    sum divided by ``1 + svm_weight``. Ratios and both models are folded into ``coef_`` and
    ``intercept_``, so prediction is one sparse product: ``X @ coef_.T + intercept_``.
    """

    def __init__(self, *, C: float = 1.0, n_scaled: int = 0, alpha: float = 1.0,
                 svm_weight: float = 0.5, svm_C: float = 0.03):
        self.C = C
        self.n_scaled = n_scaled
        self.alpha = alpha
        self.svm_weight = svm_weight
        self.svm_C = svm_C

    def fit(self, X, y):
        import scipy.sparse as sp
        from sklearn.linear_model import LogisticRegression

        X = sp.csr_matrix(X)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        coef, intercept = [], []
        for label in self.classes_:
            ratio = np.ones(X.shape[1])
            ratio[:self.n_scaled] = _log_count_ratio(X[:, :self.n_scaled], y == label,
                                                     alpha=self.alpha)
            lr = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
            lr.fit(X.multiply(ratio).tocsr(), y == label)
            coef.append(lr.coef_[0] * ratio)
            intercept.append(lr.intercept_[0])
        self.coef_ = np.vstack(coef)
        self.intercept_ = np.array(intercept)
        if self.svm_weight:
            from sklearn.svm import LinearSVC

            svm = LinearSVC(C=self.svm_C, class_weight="balanced").fit(X, y)
            svm_coef, svm_intercept = svm.coef_, svm.intercept_
            if len(self.classes_) == 2:  # one decision for two classes: spell out both
                svm_coef = np.vstack([-svm_coef, svm_coef])
                svm_intercept = np.array([-svm_intercept[0], svm_intercept[0]])
            spread = self.decision_function(X).std() / (
                np.asarray(X @ svm_coef.T + svm_intercept).std() or 1.0)
            w = self.svm_weight * spread
            self.coef_ = (self.coef_ + w * svm_coef) / (1 + self.svm_weight)
            self.intercept_ = (self.intercept_ + w * svm_intercept) / (1 + self.svm_weight)
        return self

    def decision_function(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        # each class's own sigmoid, normalised to sum to one (as one-vs-rest in scikit-learn)
        proba = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.decision_function(X).argmax(axis=1)]


class TargetSentimentModel:
    """Target-aware sentiment classifier: NB-scaled logistic regression over n-grams and VADER.

    Features, all relative to the mention: word 1-2-grams of the sentence with the mention
    replaced by ``TARGET``; the ``window`` words on each side marked by side (``L_word``,
    ``R_word``); every word weighted by its distance from the mention (``exp(-d / tau)``, with
    and without its side), the n-grams that contain the mention and the words of its clause;
    character 3-5-grams of the ``char_window`` words on each side (so "praised" and "praising"
    share evidence); word 1-3-grams of the sentence with the mention as ``TARGET`` and other
    capitalised names as ``ENT`` ("ENT accused TARGET of"), and the same within
    ``polarity_window`` words with VADER's words as ``POS`` and ``NEG`` ("ENT NEG TARGET of
    NEG"); and scoped VADER scores under six
    scopings (one of them the default ``"vader"`` method), whether the target is a setting
    and whether the sentence is a Title Case headline, plus whole-sentence VADER.
    Each class gets its own class-balanced logistic regression (one-vs-rest) with the n-gram
    columns scaled by their naive Bayes log-count ratio for that class (NB-LR, after Wang and
    Manning's NBSVM), which counts how much each n-gram favours the class before the
    regression weighs it; in grouped 5-fold cross-validation on NewsMTSC train this gave
    macro-F1 67.8 instead of 66.6 for one plain multinomial regression; half as much again of
    a plain linear SVM's decisions raised it to 68.1, the lexicon-polarity n-grams to 68.3.
    Follows scikit-learn's estimator conventions: ``fit(X, y)``, ``predict(X)``,
    ``predict_proba(X)``, where ``X`` is a table with ``sentence, start, end``.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of each class's logistic regression.
    window : int, default 10
        Words on each side of the mention that get side-marked features.
    min_df : int, default 2
        Minimum number of training mentions an n-gram must occur in.
    tau : float, default 2.0
        Decay length (words) of the distance-weighted features.
    char_window : int, default 6
        Words on each side whose character n-grams are features.
    polarity_window : int, default 4
        Words on each side of the mention in the lexicon-polarity n-grams.
    svm_weight : float, default 0.5
        Weight of a plain linear SVM over the same features, added to the NB-scaled
        regressions (0 for none).

    Examples
    --------
    >>> X = pd.DataFrame({"sentence": ["The EU failed badly.", "The EU helped a lot.",
    ...                                "The EU met today."] * 3,
    ...                   "start": [4] * 9, "end": [6] * 9})
    >>> y = ["negative", "positive", "neutral"] * 3
    >>> TargetSentimentModel(min_df=1).fit(X, y).predict(X)[:3].tolist()
    ['negative', 'positive', 'neutral']
    """

    def __init__(self, *, C: float = 1.0, window: int = 10, min_df: int = 2,
                 tau: float = 2.0, char_window: int = 6, polarity_window: int = 4,
                 svm_weight: float = 0.5):
        self.C = C
        self.window = window
        self.min_df = min_df
        self.tau = tau
        self.char_window = char_window
        self.polarity_window = polarity_window
        self.svm_weight = svm_weight

    def _features(self, X, *, fit=False):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        rows = list(zip(X["sentence"], X["start"].astype(int), X["end"].astype(int)))
        docs = [_context_docs(s, a, b, self.window) for s, a, b in rows]
        texts = {
            "whole": [d[0] for d in docs],
            "near": [d[1] for d in docs],
            "dist": [_distance_features(s, a, b, self.tau) for s, a, b in rows],
            "char_left": [" ".join(_TOKEN.findall(s[:a].lower())[-self.char_window:])
                          for s, a, _ in rows],
            "char_right": [" ".join(_TOKEN.findall(s[b:].lower())[:self.char_window])
                           for s, _, b in rows],
            "placeholder": [_placeholder_doc(s, a, b) for s, a, b in rows],
        }
        texts["polarity"] = [_polarity_doc(d, window=self.polarity_window)
                             for d in texts["placeholder"]]
        if fit:
            blocks = [self.vectorizers_[k].fit_transform(v) for k, v in texts.items()]
            # keep the distance features seen in min_df mentions, as for the n-grams
            support = np.asarray((blocks[2] > 0).sum(axis=0)).ravel() >= self.min_df
            self.vectorizers_["dist"].restrict(support)
            blocks[2] = blocks[2][:, support]
        else:
            blocks = [self.vectorizers_[k].transform(v) for k, v in texts.items()]
        blocks[2] = normalize(blocks[2])
        dense = np.array([_dense_features(s, a, b) for s, a, b in rows]).reshape(len(rows), -1)
        return sp.hstack(blocks + [sp.csr_matrix(dense * 2.0)]).tocsr()

    def fit(self, X, y):
        """Fit on a table with ``sentence, start, end`` and labels ``y``; returns self."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        X = pd.DataFrame(X)
        chars = dict(analyzer="char_wb", ngram_range=(3, 5), min_df=self.min_df + 1,
                     sublinear_tf=True)
        self.vectorizers_ = {
            "whole": TfidfVectorizer(ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True,
                                     token_pattern=r"\S+"),
            "near": TfidfVectorizer(min_df=self.min_df, sublinear_tf=True, token_pattern=r"\S+",
                                    lowercase=False),
            "dist": DictVectorizer(),
            "char_left": TfidfVectorizer(**chars),
            "char_right": TfidfVectorizer(**chars),
            "placeholder": TfidfVectorizer(ngram_range=(1, 3), min_df=self.min_df,
                                           sublinear_tf=True, token_pattern=r"\S+",
                                           lowercase=False),
            "polarity": TfidfVectorizer(ngram_range=(1, 3), min_df=self.min_df,
                                        sublinear_tf=True, token_pattern=r"\S+", lowercase=False),
        }
        features = self._features(X, fit=True)
        for vectorizer in self.vectorizers_.values():
            if hasattr(vectorizer, "stop_words_"):
                del vectorizer.stop_words_  # the pruned terms: bulk in the saved file
        self.classifier_ = _NBLogisticRegression(
            C=self.C, n_scaled=features.shape[1] - len(_DENSE_NAMES),
            svm_weight=self.svm_weight).fit(features, np.asarray(y))
        self.features_version_ = _FEATURES_VERSION
        self.classes_ = self.classifier_.classes_
        prefix = {"char_left": "charL_", "char_right": "charR_", "placeholder": "P_",
                  "polarity": "Pol_"}
        self.feature_names_ = np.concatenate(
            [[prefix.get(k, "") + str(n) for n in v.get_feature_names_out()]
             for k, v in self.vectorizers_.items()] + [_DENSE_NAMES])
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, columns in ``classes_`` order."""
        return self.classifier_.predict_proba(self._features(pd.DataFrame(X)))

    def predict(self, X) -> np.ndarray:
        """Predicted labels."""
        return self.classifier_.predict(self._features(pd.DataFrame(X)))

    def score_mentions(self, X) -> np.ndarray:
        """``P(positive) - P(negative)`` per mention, in [-1, 1]."""
        proba = self.predict_proba(X)
        classes = list(self.classes_)
        pos = proba[:, classes.index("positive")] if "positive" in classes else 0.0
        neg = proba[:, classes.index("negative")] if "negative" in classes else 0.0
        return pos - neg

    def _one(self, sentence, start, end):
        return pd.DataFrame({"sentence": [sentence], "start": [start], "end": [end]})

    def _label_one(self, sentence, start, end) -> str:
        return str(self.predict(self._one(sentence, start, end))[0])

    def _score_one(self, sentence, start, end):
        X = self._one(sentence, start, end)
        score = float(self.score_mentions(X)[0])
        row = self._features(X)
        classes = list(self.classes_)
        coef = self.classifier_.coef_
        direction = np.zeros(coef.shape[1])
        if "positive" in classes:
            direction += coef[classes.index("positive")]
        if "negative" in classes:
            direction -= coef[classes.index("negative")]
        contrib = row.multiply(direction).tocsr()
        pairs = [(str(self.feature_names_[j]), round(float(v), 4))
                 for j, v in zip(contrib.indices, contrib.data) if v]
        pairs.sort(key=lambda p: -abs(p[1]))
        return score, tuple(pairs[:10])


def _training_rows(paths, in_domain_weight: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows of NewsMTSC JSONL files and coding sheets (coded rows only), and their weights."""
    from analysis.validation import read_codes

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise ValueError("train_model needs at least one training file")
    parts, weights = [], []
    for path in paths:
        if Path(path).suffix.lower() == ".csv":
            codes = read_codes(path)
            rows = codes[codes["code"].notna()][["sentence", "start", "end", "code"]]
            rows = rows.rename(columns={"code": "label"})
            weight = in_domain_weight
        else:
            rows, weight = read_newsmtsc(path), 1
        parts.append(rows[["sentence", "start", "end", "label"]])
        weights.append(np.full(len(rows), weight))
    return pd.concat(parts, ignore_index=True), np.concatenate(weights)


def train_model(path, *, C: float = 1.0, window: int = 10,
                min_df: int = 2, tau: float = 2.0,
                char_window: int = 6, polarity_window: int = 4,
                svm_weight: float = 0.5, in_domain_weight: int = 3) -> TargetSentimentModel:
    """Train the supervised method on NewsMTSC-format JSONL and/or hand-coded sheets.

    Parameters
    ----------
    path : str, Path or list of them
        Training files: NewsMTSC-format JSONL (see :func:`read_newsmtsc`), e.g. NewsMTSC's
        ``train.jsonl``, and/or coding sheets (``.csv``, see
        :func:`analysis.validation.read_codes`), whose coded rows are in-domain examples.
    C, window, min_df, tau, char_window, polarity_window, svm_weight
        See :class:`TargetSentimentModel`.
    in_domain_weight : int, default 3
        How many times each coded row of a sheet counts (it is repeated): a few hundred
        in-domain mentions would otherwise vanish among NewsMTSC's 8,700. Rows of JSONL files
        count once.

    Returns
    -------
    TargetSentimentModel
        Fitted model; keep it with :func:`save_model`.

    Examples
    --------
    >>> from analysis.paths import ROOT
    >>> m = train_model(ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl", min_df=1)
    >>> sorted(m.classes_)
    ['negative', 'neutral', 'positive']
    """
    if int(in_domain_weight) != in_domain_weight or in_domain_weight < 1:
        raise ValueError(f"in_domain_weight must be a whole number >= 1, got {in_domain_weight}")
    data, weights = _training_rows(path, int(in_domain_weight))
    data = data.loc[data.index.repeat(weights)].reset_index(drop=True)
    return TargetSentimentModel(C=C, window=window, min_df=min_df, tau=tau,
                                char_window=char_window, polarity_window=polarity_window,
                                svm_weight=svm_weight).fit(
        data[["sentence", "start", "end"]], data["label"])


def save_model(model: TargetSentimentModel, path: str | Path) -> Path:
    """Save a fitted model to ``path`` (a compressed pickle via joblib; the file is yours to keep).

    A model trained on NewsMTSC's ``train.jsonl`` takes about 7 MB.

    Examples
    --------
    >>> import tempfile, os
    >>> from analysis.paths import ROOT
    >>> m = train_model(ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl", min_df=1)
    >>> p = save_model(m, os.path.join(tempfile.mkdtemp(), "m.joblib"))
    >>> import warnings
    >>> with warnings.catch_warnings():  # the file was made just above
    ...     warnings.simplefilter("ignore")
    ...     loaded = load_model(p, trusted=True)
    >>> loaded.predict(pd.DataFrame({"sentence": ["The EU failed."], "start": [4],
    ...                              "end": [6]})).shape
    (1,)
    """
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path, compress=3)  # a few MB instead of tens
    return path


def load_model(path: str | Path, *, trusted: bool = False) -> TargetSentimentModel:
    """Load a model saved by :func:`save_model`, only when told the file is trusted.

    The file is a pickle: reading one runs whatever code it holds, before anything can check
    what it is. So nothing is read unless ``trusted=True`` says the file is one you made (or
    got from someone you trust), and even then a warning repeats it.

    Parameters
    ----------
    path : str or Path
        A file written by :func:`save_model`.
    trusted : bool, default False
        Must be True to read the file at all.

    Returns
    -------
    TargetSentimentModel

    Warns
    -----
    UserWarning
        On every load: a pickle runs code.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ValueError
        Without ``trusted=True`` (the file is not opened); or when the model was saved by an
        older version with other features (retrain it).
    TypeError
        When the file holds something other than a :class:`TargetSentimentModel`.
    """
    import joblib

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no saved sentiment model here (see train_model)")
    if trusted is not True:
        raise ValueError(f"{path}: not loaded: a saved model is a pickle, and reading a pickle "
                         "runs any code it holds; if you made this file or trust who did, "
                         "call load_model(path, trusted=True)")
    warnings.warn(f"{path}: loading a pickle runs the code it holds; trusted=True says this "
                  "file is yours", UserWarning, stacklevel=2)
    model = joblib.load(path)
    if not isinstance(model, TargetSentimentModel):
        raise TypeError(f"{path}: holds {type(model).__name__}, not a TargetSentimentModel")
    if getattr(model, "features_version_", 1) != _FEATURES_VERSION:
        raise ValueError(f"{path}: a model saved by an older analysis.sentiment with other "
                         "features; retrain it with train_model")
    return model


def check_method(method):
    """Return ``method`` if it names a scoring method, else raise a ValueError listing them.

    A method is one of :data:`METHODS` or a fitted :class:`TargetSentimentModel`. A path is
    not: reading a saved model runs code (:func:`load_model` asks for ``trusted=True``).

    Examples
    --------
    >>> check_method("sentence")
    'sentence'
    >>> check_method("/any/path")
    Traceback (most recent call last):
    ...
    ValueError: method must be 'vader', 'sentence' or a TargetSentimentModel, got '/any/path' ...
    """
    if isinstance(method, TargetSentimentModel):
        return method
    if isinstance(method, str) and method in METHODS:
        return method
    hint = (" (a saved model: method=load_model(path, trusted=True))"
            if isinstance(method, (str, Path)) else "")
    names = ", ".join(repr(m) for m in METHODS)
    raise ValueError(f"method must be {names} or a TargetSentimentModel, got {method!r}{hint}")


# --------------------------------------------------------------------------------------------
# Measures over a corpus

SCORE_COLUMNS = ["doc_id", "source", "sent_id", "sentence", "target", "alias", "actor",
                 "n_mentions", "start", "end", "score", "label", "words", "rule"]


def _format_words(words, k=6) -> str:
    return "; ".join(f"{w} {c:+.2f}" for w, c in words[:k])


def target_sentiment(corpus: pd.DataFrame, *, method="vader", aliases=None,
                     text_column: str = "text", sentences=None, include_venues: bool = False,
                     n_jobs: int | None = None, min_docs_parallel: int = 2000,
                     progress: bool | None = None,
                     **options) -> pd.DataFrame:
    """Score every (sentence, target) pair of ``corpus``.

    Each sentence that mentions a target gives one row per target; its first mention is
    scored with :func:`classify_mention` while every mention of any target in the sentence is
    masked (their words are names, not sentiment). With method ``"vader"`` the mentions of a
    chunk of articles are scored together with array operations, and only rows that need
    the rarer rules (comparative cues, "unlike", harm, times, "against") go through
    :func:`classify_mention` one by one: the scores are the same (a test compares them row
    by row), at about half the cost on a large corpus.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, ``source`` and ``text_column``. With a ``language`` column, an
        article's sentences are split by its language's rules and the rows of a language the
        method cannot score (:func:`method_languages`) are not scored (see Returns).
    method : {"vader", "sentence"} or TargetSentimentModel, default "vader"
        See :func:`classify_mention`; any other value is a ValueError (:func:`check_method`).
    aliases : pandas.DataFrame, optional
        From :func:`analysis.targets.alias_table`.
    text_column : str, default "text"
        Column with the article body.
    sentences : pandas.DataFrame, optional
        :func:`analysis.tokens.sentences` of this corpus: its sentence spans are used
        instead of splitting the articles again (the same table results).
    include_venues : bool, default False
        Also score sentences where a target's only mention is a capital used as a venue
        ("talks in Brussels").
    n_jobs : int, optional
        Processes for large corpora (:func:`analysis.parallel.map_documents`); the table is
        identical for any value.
    min_docs_parallel : int, default 2000
        Smaller corpora run in this process (a pool's start-up costs more than it saves).
    progress : bool, optional
        Progress bar; ``None`` shows one for large corpora on a terminal or in a notebook.
    **options
        Passed to :func:`classify_mention` (``window``, ``decay``, thresholds, ...).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, sentence, target, alias, actor, n_mentions, start,
        end, score, label, words``: ``alias``/``start``/``end`` of the scored mention (offsets
        into ``sentence``), ``actor`` the office holders named (";"-joined, may be empty),
        ``n_mentions`` of the target in the sentence, ``score`` in [-1, 1], ``label`` and
        ``words`` ("word +0.31; ..."). Sorted by ``doc_id, sent_id, target``. A row of an
        article in a language the method does not score has ``score`` NaN and ``label`` and
        ``words`` "" ("not scored", never neutral), and a ``UserWarning`` names those
        languages and their row counts.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "text": ["Europe is hopelessly behind the U.S."]})
    >>> target_sentiment(c)[["target", "label"]].values.tolist()
    [['EU', 'negative'], ['US', 'positive']]
    """
    method = check_method(method)
    if aliases is None:
        aliases = alias_table()
    items = corpus[["doc_id", "source", text_column]].assign(
        _language=corpus["language"] if "language" in corpus else "")
    if sentences is not None:
        items = items.assign(_spans=sentence_spans_by_doc(sentences, corpus,
                                                          text_column=text_column))
    # Each chunk of articles comes back as one table (compact string columns), not as a
    # Python tuple per row: on 50,000 articles the tuples alone took over a gigabyte.
    chunks = map_chunks(partial(_chunk_scores, method=method, aliases=aliases,
                                include_venues=include_venues, options=options,
                                languages=method_languages(method)),
                        items, n_jobs=n_jobs,
                        min_docs=min_docs_parallel, progress=progress,
                        desc="target sentiment")
    chunks = [c for c in chunks if len(c)]
    table = pd.concat(chunks, ignore_index=True) if chunks else \
        pd.DataFrame([], columns=SCORE_COLUMNS + ["_language"])
    _warn_not_scored(table)
    table = table.drop(columns="_language")
    ids = corpus["doc_id"]
    # Rows come out article by article, sentences in order and targets sorted: with unique,
    # increasing doc_ids the table is sorted already (sorting a million rows takes seconds).
    if not (ids.is_monotonic_increasing and ids.is_unique):
        table = table.sort_values(["doc_id", "sent_id", "target"], kind="stable")
    return table.reset_index(drop=True)


def method_languages(method) -> frozenset[str]:
    """The language codes ``method`` can score: a method's own ``languages`` attribute, else
    English only (VADER, the sentence baseline and the NewsMTSC models are all English).

    Examples
    --------
    >>> sorted(method_languages("vader"))
    ['en']
    """
    return frozenset(map(language_code, getattr(method, "languages", ("en",))))


def _warn_not_scored(table: pd.DataFrame) -> None:
    """Warn, naming each language and its row count, when rows were left unscored."""
    missed = table["_language"].dropna()
    if len(missed):
        counts = missed.value_counts().sort_index()
        listed = ", ".join(f"{lang} ({n} rows)" for lang, n in counts.items())
        warnings.warn(f"target_sentiment: no scoring method for language(s) {listed}: these "
                      "rows are not scored (score NaN, label ''), not neutral", UserWarning,
                      stacklevel=3)


def _chunk_scores(items, *, method, aliases, include_venues, options,
                  languages=frozenset({"en"})) -> pd.DataFrame:
    """The rows of :func:`target_sentiment` for a chunk of articles ``(doc_id, source,
    text, language)``, or ``(doc_id, source, text, language, spans)`` with their sentence
    spans.

    Each sentence's first mention of each target is scored while every mention in the
    sentence is masked; with method ``"vader"`` the whole chunk is scored at once
    (:func:`_score_rows`). Rows of an article whose language is not in ``languages`` (an
    empty language counts as scorable) are left unscored: score NaN, label and words "".
    """
    sentences, mention_spans, row_sentence, starts, ends = [], [], [], [], []
    doc_ids, sources, sent_ids, targets, aliases_, actors, n_mentions = [], [], [], [], [], [], []
    row_language, row_scored = [], []
    for item in items:
        doc_id, source, text, language = item[:4]
        code = language_code(language)
        scorable = not code or code in languages
        spans = item[4].tolist() if len(item) > 4 else None
        if spans is None and code and code != "en":
            spans = sentence_spans(text, language=code)
        found = doc_mentions(text, aliases=aliases, spans=spans)
        for sent_id, hits in groupby(found, key=itemgetter(0)):
            hits = list(hits)
            group = [m for _, _, m in hits]
            by_target: dict[str, list[dict]] = {}
            for m in group:
                by_target.setdefault(m["target"], []).append(m)
            j = None
            for target in sorted(by_target):
                g = by_target[target]
                scored = g if include_venues else [m for m in g if not m["venue"]]
                if not scored:
                    continue
                if j is None:
                    j = len(sentences)
                    sentences.append(hits[0][1])
                    mention_spans.append([(m["start"], m["end"]) for m in group])
                first = scored[0]
                doc_ids.append(doc_id)
                sources.append(source)
                sent_ids.append(int(sent_id))
                targets.append(target)
                aliases_.append(first["alias"])
                actors.append("; ".join(dict.fromkeys(m["actor"] for m in g if m["actor"])))
                n_mentions.append(len(g))
                row_sentence.append(j)
                starts.append(int(first["start"]))
                ends.append(int(first["end"]))
                row_language.append(code)
                row_scored.append(scorable)
    keep = [i for i, ok in enumerate(row_scored) if ok]
    pick = (lambda xs: xs) if len(keep) == len(row_scored) else \
        (lambda xs: [xs[i] for i in keep])
    options = dict(options)
    roles = options.pop("roles", True)
    if isinstance(method, str) and method == "vader":
        scored = _score_rows(sentences, mention_spans, pick(row_sentence), pick(starts),
                             pick(ends), options)
    else:
        scored = [], [], []
        for j, a, b in zip(pick(row_sentence), pick(starts), pick(ends)):
            for column, value in zip(scored, _classify_row(sentences[j], mention_spans[j], a,
                                                           b, method, options)):
                column.append(value)
    if roles:  # the role layer (analysis.roles) over whatever method scored the rows
        scored = apply_roles(sentences, pick(row_sentence), pick(starts), pick(ends), *scored,
                             mention_spans=mention_spans,
                             lexicon=_analyzer(options.get("news_lexicon", True)).lexicon,
                             rescore=lambda s, a, b, mask: _classify_row(
                                 s, mask, a, b, "vader", options))
    else:
        scored = (*scored, [""] * len(keep))
    scores, labels, words, rules = scored
    if len(keep) < len(row_scored):  # the rows of languages the method cannot score
        scores, labels, words, rules = [np.nan] * len(row_scored), [""] * len(row_scored), \
            [""] * len(row_scored), [""] * len(row_scored)
        for i, score, label, text, rule in zip(keep, *scored):
            scores[i], labels[i], words[i], rules[i] = score, label, text, rule
    columns = [doc_ids, sources, sent_ids, [sentences[j] for j in row_sentence], targets,
               aliases_, actors, n_mentions, starts, ends, scores, labels, words, rules]
    table = pd.DataFrame(dict(zip(SCORE_COLUMNS, columns)))
    # The language of each row left unscored (None for a scored row), for the warning
    table["_language"] = pd.Series([None if ok else code for ok, code in
                                    zip(row_scored, row_language)], dtype=object)
    return table


# --------------------------------------------------------------------------------------------
# Scoring a corpus in bulk

# Facts about a whitespace token that decide whether a row needs the rules of
# :func:`_vader_scoped` the bulk scorer leaves to it (speech, settings, victims, "against").
_B_SAY, _B_TALK, _B_SET_BEFORE, _B_TIME, _B_AGAINST, _B_HARM, _B_QUOTE, _B_COLON, _B_THAN, \
    _B_NAMING, _B_CLAUSE_END, _B_POSSESSIVE, _B_PRONOUN = (1 << k for k in range(13))
_VOCAB_COLUMNS = (("flags", np.int64), ("bits", np.int64), ("lexval", np.float64),
                  ("caps", bool), ("is_word", bool), ("title", bool), ("length", np.int64),
                  ("name_title", bool), ("name_end", bool))


class _Vocabulary:
    """The whitespace tokens seen in this process, numbered, with their facts as arrays.

    The bulk scorer looks each token of a chunk up once (one dict lookup in C per token) and
    then reads every fact of every token by array indexing: :func:`_parse` does the same
    work token by token in Python.
    """

    def __init__(self, news_lexicon: bool):
        self.news_lexicon = news_lexicon
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.lower: list[str] = []
        self.columns = {name: np.zeros(0, dtype) for name, dtype in _VOCAB_COLUMNS}

    def lookup(self, tokens: list[str]) -> np.ndarray:
        ids = list(map(self.ids.get, tokens))
        if None in ids:
            new = [t for t, i in zip(tokens, ids) if i is None]
            self._add(list(dict.fromkeys(new)))
            ids = list(map(self.ids.__getitem__, tokens))
        return np.array(ids, dtype=np.int64)

    def _add(self, tokens: list[str]) -> None:
        analyzer = _analyzer(self.news_lexicon)
        lexicon = analyzer.lexicon
        cache = _TOKEN_INFO.setdefault(self.news_lexicon, {})
        rows = {name: [] for name, _ in _VOCAB_COLUMNS}
        for token in tokens:
            info = cache.get(token) or _token_info(token, lexicon, cache)
            word, low, caps, is_word, title, flags = info
            self.ids[token] = len(self.words)
            self.words.append(word)
            self.lower.append(low)
            stripped, said = low.strip(_STRIP), low.strip(",.")
            rows["flags"].append(flags)
            rows["bits"].append(
                (_B_SAY if said in _SAY else 0) | (_B_TALK if low in _TALK else 0)
                | (_B_SET_BEFORE if stripped in _SETTING_BEFORE else 0)
                | (_B_TIME if stripped in _TIME_UNITS else 0)
                | (_B_AGAINST if stripped == "against" else 0)
                | (_B_HARM if low in _HARM or low in _HARM_ACTS else 0)
                | (_B_QUOTE if token[:1] in _QUOTE_MARKS
                   or token.rstrip(".,;:!?")[-1:] in "\"”" else 0)
                | (_B_COLON if token[-1] == ":" else 0) | (_B_THAN if low == "than" else 0)
                | (_B_NAMING if stripped in _NAMING else 0)
                | (_B_CLAUSE_END if low[-1:] in _CLAUSE_END else 0)
                | (_B_POSSESSIVE if _possessive(token) else 0)
                | (_B_PRONOUN if stripped in _PRONOUNS else 0))
            rows["lexval"].append(lexicon[low] if flags & 4 else 0.0)
            rows["caps"].append(caps)
            rows["is_word"].append(is_word)
            rows["title"].append(title)
            rows["length"].append(len(token))
            rows["name_title"].append(_title(token.strip(_NAME_STRIP)))
            rows["name_end"].append(token.endswith(_NAME_ENDS))
        for name, dtype in _VOCAB_COLUMNS:
            self.columns[name] = np.concatenate([self.columns[name],
                                                 np.array(rows[name], dtype=dtype)])


_VOCABULARIES: dict = worker_cache({})


def _vocabulary(news_lexicon: bool) -> _Vocabulary:
    vocab = _VOCABULARIES.get(news_lexicon)
    if vocab is None or len(vocab.words) > 2_000_000:
        vocab = _VOCABULARIES[news_lexicon] = _Vocabulary(news_lexicon)
    return vocab


def _segment_starts(lengths: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)


def _classify_row(sentence: str, spans, a: int, b: int, method, options: dict) -> tuple:
    """``(score, label, words)`` of one row of :func:`target_sentiment`: the mention
    ``a:b`` scored by :func:`classify_mention` with the sentence's other mentions ``spans``
    masked, rounded and formatted as the table shows them."""
    others = [span for span in spans if span != (a, b)]
    result = classify_mention(sentence, a, b, method=method, mask_spans=others, roles=False,
                              **options)
    return round(result.score, 6), result.label, _format_words(result.words)


def _options(options: dict) -> dict:
    """Every option of :func:`classify_mention` for method ``"vader"``: its defaults, updated
    with ``options`` (an unknown name is a TypeError, as in a call)."""
    import inspect

    opts = {k: v.default for k, v in inspect.signature(classify_mention).parameters.items()
            if v.default is not inspect.Parameter.empty and k not in ("method", "mask_spans")}
    unknown = set(options) - set(opts)
    if unknown:
        raise TypeError(f"classify_mention() got unexpected keyword arguments {sorted(unknown)}")
    return {**opts, **options}


def _score_rows(sentences: list[str], mention_spans: list[list[tuple[int, int]]],
                row_sentence: list[int], starts: list[int], ends: list[int],
                options: dict, *, batch: int = 2000) -> tuple[list[float], list[str], list[str]]:
    """Scoped VADER for many mentions at once: ``(score, label, words)`` per row.

    Row ``r`` scores the mention ``starts[r]:ends[r]`` of ``sentences[row_sentence[r]]``, all
    of whose ``mention_spans`` are masked, with the ``options`` of :func:`classify_mention`
    (method ``"vader"``). The result is :func:`classify_mention`'s, rounded as
    :func:`target_sentiment` shows it (a test compares the two row by row). Rows are scored
    here with array operations over all rows (quotations, reporting and talking verbs and
    settings included), except those of sentences with comparative cues, "unlike" or words of
    harm, and mentions that are a time, follow "against", or are settings while ``setting``
    is neither 0 nor 1: those go to :func:`classify_mention` itself (on NewsMTSC's sentences
    about one row in ten, on the synthetic benchmark corpus fewer). ``batch`` sentences are
    scored at a time.
    """
    opts = _options(options)
    n_rows = len(row_sentence)
    scores: list = [None] * n_rows
    labels: list = [None] * n_rows
    words_out: list = [None] * n_rows
    fallback = np.ones(n_rows, dtype=bool)
    row_sentence = np.asarray(row_sentence, dtype=np.int64)
    # A slice of sentences at a time: a chunk's token arrays would take hundreds of MB in
    # every worker (four times the texts), a slice's take a few.
    order = np.argsort(row_sentence, kind="stable")
    bounds = np.searchsorted(row_sentence[order], np.arange(0, len(sentences) + batch, batch))
    starts_a, ends_a = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    for k, j0 in enumerate(range(0, len(sentences), batch)):
        rows = order[bounds[k]:bounds[k + 1]]
        if not len(rows):
            continue
        j1 = min(j0 + batch, len(sentences))
        done, *out = _bulk(sentences[j0:j1], mention_spans[j0:j1], row_sentence[rows] - j0,
                           starts_a[rows], ends_a[rows], opts)
        fallback[rows] = done
        for r, score, label, words in zip(rows.tolist(), *out):
            scores[r], labels[r], words_out[r] = score, label, words
    for r in np.flatnonzero(fallback).tolist():
        j = row_sentence[r]
        scores[r], labels[r], words_out[r] = _classify_row(
            sentences[j], mention_spans[j], starts[r], ends[r], "vader", options)
    return scores, labels, words_out


class _BulkParse(NamedTuple):
    """:func:`_parse` of many sentences as flat arrays over their tokens (sentence after
    sentence); ``first``/``last`` per sentence, the rest per token unless said."""

    ids: np.ndarray       # vocabulary number
    bits: np.ndarray      # _B_* facts
    first: np.ndarray     # first token of each sentence
    last: np.ndarray      # last token of each sentence
    base: np.ndarray      # each sentence's offset in one string of all (a space between)
    g_start: np.ndarray   # start offset in that string
    g_end: np.ndarray     # end offset in that string
    clause: np.ndarray    # equal within a sentence exactly where _parse's clause numbers are
    values: np.ndarray    # VADER valence (negation and boosters applied)
    quoted: np.ndarray    # inside quotation marks (only computed when ``speech`` is not 1)
    odd: np.ndarray       # per sentence: left to classify_mention (cues, "unlike", harm)
    named: np.ndarray     # masked as part of a multi-word name (not in Title Case headlines)
    seg: np.ndarray       # sentence number


def _bulk_parse(sentences: list[str], vocab: _Vocabulary, opts: dict) -> _BulkParse:
    raw = [s.split() for s in sentences]
    n_tok = np.fromiter(map(len, raw), dtype=np.int64, count=len(raw))
    ids = vocab.lookup([t for toks in raw for t in toks])
    cols = vocab.columns
    flags, bits = cols["flags"][ids], cols["bits"][ids]
    n_sent, n = len(sentences), len(ids)
    first = _segment_starts(n_tok)  # first token of each sentence
    seg = np.repeat(np.arange(n_sent), n_tok)
    last = first + n_tok - 1

    # character offsets of the tokens: one space between tokens, or found one by one
    length = cols["length"][ids]
    s_len = np.fromiter(map(len, sentences), dtype=np.int64, count=n_sent)
    spaced = s_len == np.bincount(seg, weights=length, minlength=n_sent).astype(np.int64) \
        + n_tok - 1
    step = np.cumsum(length + 1) - (length + 1)
    start = step - step[first][seg]
    for j in np.flatnonzero(~spaced).tolist():
        start[first[j]:first[j] + n_tok[j]] = _token_starts(sentences[j], raw[j])
    end = start + length
    base = _segment_starts(s_len + 1)
    g_start, g_end = base[seg] + start, base[seg] + end

    # clause numbers: equal within a sentence exactly where _parse's are
    opens = (flags & 1) != 0
    closes_before = np.zeros(n, dtype=bool)
    closes_before[1:] = (flags[:-1] & 2) != 0
    closes_before[first] = False
    clause = np.cumsum(opens.astype(np.int64) + closes_before)

    # valences: the lexicon value, unless a modifier is near or the word is shouted
    caps = cols["caps"][ids]
    n_caps = np.bincount(seg, weights=caps, minlength=n_sent)
    cap_diff = (n_caps > 0) & (n_caps < n_tok)
    scored = (flags & 4) != 0
    modifier = np.concatenate([[0], np.cumsum((flags & 32) != 0)])
    lo, hi = np.maximum(np.arange(n) - 3, first[seg]), np.minimum(np.arange(n) + 2, last[seg])
    near = modifier[hi + 1] - modifier[lo] > 0
    values = np.where(scored, cols["lexval"][ids], 0.0)
    slow = np.flatnonzero(scored & (near | (cap_diff[seg] & caps)))
    if len(slow):
        analyzer = _analyzer(bool(opts["news_lexicon"]))
        memo = _valence_memo(bool(opts["news_lexicon"]))
        word_of, lower_of = vocab.words.__getitem__, vocab.lower.__getitem__
        slow_seg = seg[slow]
        for j, group in groupby(zip(slow_seg.tolist(), slow.tolist()), key=itemgetter(0)):
            sent_ids = ids[first[j]:first[j] + n_tok[j]].tolist()
            words, lower = tuple(map(word_of, sent_ids)), tuple(map(lower_of, sent_ids))
            analyzer._words, analyzer._low = words, lower
            is_cap_diff = bool(cap_diff[j])
            for _, g in group:
                values[g] = _memo_valence(analyzer, memo, words, lower, g - first[j],
                                          is_cap_diff)

    # sentences left to classify_mention: cues, "unlike", harm
    prev_value = np.zeros(n)
    prev_value[1:] = values[:-1]
    prev_value[first] = 0.0
    odd = ((flags & 16) != 0) | ((bits & _B_HARM) != 0) \
        | (((flags & 8) != 0) & (((bits & _B_THAN) == 0) | (prev_value != 0)))
    odd_sent = np.bincount(seg, weights=odd, minlength=n_sent) > 0

    # words inside quotation marks (only a token that opens with a quotation mark or closes
    # with a double one can start a quotation: an apostrophe in "Azerbaijan's" cannot)
    quoted = np.zeros(n, dtype=bool)
    if opts["speech"] != 1.0:
        for j in np.flatnonzero(np.bincount(seg, weights=(bits & _B_QUOTE) != 0,
                                            minlength=n_sent) > 0).tolist():
            inside = _quoted(sentences[j], raw[j])
            if inside and not odd_sent[j]:
                quoted[first[j] + np.fromiter(inside, dtype=np.int64, count=len(inside))] = True

    # multi-word names, unless the sentence is a Title Case headline
    name_title, name_end = cols["name_title"][ids], cols["name_end"][ids]
    prev_ok = np.zeros(n, dtype=bool)
    prev_ok[1:] = name_title[:-1] & ~name_end[:-1]
    prev_ok[first] = False
    next_ok = np.zeros(n, dtype=bool)
    next_ok[:-1] = name_title[1:] & ~name_end[:-1]
    next_ok[last] = False
    in_name = name_title & (prev_ok | next_ok)
    n_words = np.bincount(seg, weights=cols["is_word"][ids], minlength=n_sent)
    n_title = np.bincount(seg, weights=cols["title"][ids], minlength=n_sent)
    capitalised = np.divide(n_title, n_words, out=np.zeros(n_sent), where=n_words >= 4)
    names = bool(opts["mask_names"]) & (capitalised < opts["headline"])
    return _BulkParse(ids, bits, first, last, base, g_start, g_end, clause, values, quoted,
                      odd_sent, names[seg] & in_name, seg)


def _bulk(sentences, mention_spans, row_sentence, row_start, row_end, opts) -> tuple:
    """``(fallback, scores, labels, words)`` of the rows :func:`_score_rows` can score with
    arrays: ``fallback`` marks the rows it leaves to :func:`classify_mention` (their entries
    are None)."""
    n_rows = len(row_sentence)
    scores: list = [None] * n_rows
    labels: list = [None] * n_rows
    words_out: list = [None] * n_rows
    vocab = _vocabulary(bool(opts["news_lexicon"]))
    window = opts["window"]
    if window != int(window):  # the weights come from a table of whole powers of ``decay``
        return np.ones(n_rows, dtype=bool), scores, labels, words_out
    p = _bulk_parse(sentences, vocab, opts)
    ids, bits, first, last, base, g_start, g_end = p[:7]
    clause, values, quoted, odd_sent = p.clause, p.values, p.quoted, p.odd
    n_sent, n = len(sentences), len(ids)

    # every mention of a sentence is masked for each of its rows
    span_sent = np.repeat(np.arange(n_sent), [len(s) for s in mention_spans])
    spans = np.array([ab for s in mention_spans for ab in s], dtype=np.int64).reshape(-1, 2)
    m_lo = np.searchsorted(g_end, base[span_sent] + spans[:, 0], side="right")
    m_hi = np.searchsorted(g_start, base[span_sent] + spans[:, 1], side="left")
    cover = np.zeros(n + 1, dtype=np.int64)
    np.add.at(cover, m_lo, 1)
    np.add.at(cover, np.maximum(m_hi, m_lo), -1)
    masked = np.cumsum(cover[:-1]) > 0
    eligible = (values != 0) & ~masked & ~p.named & ~odd_sent[p.seg]

    # rows: the mention's tokens, and what stands next to it
    r_sent = row_sentence
    t0 = np.searchsorted(g_end, base[r_sent] + row_start, side="right")
    t1 = np.searchsorted(g_start, base[r_sent] + row_end, side="left") - 1
    fallback = odd_sent[r_sent] | (t1 < t0)
    t0c, t1c = np.minimum(t0, n - 1), np.clip(t1, 0, n - 1)
    r_first, r_last = first[r_sent], last[r_sent]

    def bit_at(k, valid, bit):
        return valid & ((bits[np.clip(k, 0, n - 1)] & bit) != 0)

    everywhere = np.ones(len(t0), dtype=bool)
    before1, before2 = t0c - 1 >= r_first, t0c - 2 >= r_first
    after1, after2 = t1c + 1 <= r_last, t1c + 2 <= r_last
    # "against" right before the mention; a time (its last word is one), whose other rules
    # (_is_setting) are left to classify_mention
    fallback |= bit_at(t0c - 1, before1, _B_AGAINST) | bit_at(t1c, everywhere, _B_TIME)
    # a place or an addressee ("in X", "told X"): neutral with ``setting`` 0, scaled otherwise
    setting = bit_at(t0c - 1, before1, _B_SET_BEFORE) & ~bit_at(t0c - 1, before1, _B_CLAUSE_END) \
        & ~bit_at(t1c, everywhere, _B_POSSESSIVE) & ~((t0c == t1c) & bit_at(t0c, everywhere,
                                                                             _B_PRONOUN))
    if opts["setting"] == 1.0:
        setting[:] = False
    elif opts["setting"] != 0.0:
        fallback |= setting
    rows = np.flatnonzero(~fallback)
    if not len(rows):
        return fallback, scores, labels, words_out

    # what the mention says (_speech_scope): the far side of a reporting verb or colon right
    # after it, or the part before one right before it
    said1, said2 = bit_at(t1c + 1, after1, _B_SAY), bit_at(t1c + 2, after2, _B_SAY)
    colon = bit_at(t1c, after1, _B_COLON)
    says = said1 | said2 | colon
    said_before1 = bit_at(t0c - 1, before1, _B_SAY)
    said_before2 = bit_at(t0c - 2, before2, _B_SAY)
    said_lo = np.where(said1, t1c + 2, np.where(said2, t1c + 3, np.where(colon, t1c + 1,
                                                                          r_first)))
    said_hi = np.where(says, r_last + 1, np.where(said_before1, t0c - 1,
                                                  np.where(said_before2, t0c - 2, r_first)))
    # the negative words after a verb of talking right after the mention ("X talks of ...")
    talks = np.where(bit_at(t1c + 1, after1, _B_TALK), t1c + 1,
                     np.where(bit_at(t1c + 2, after2, _B_TALK), t1c + 2, n))

    # which quotations are speech for each row (_speech_scope): none when the mention stands
    # inside one or right after "called"; only those before it when one follows it with no
    # reporting verb in between (it describes the mention); otherwise all
    n_quoted = np.concatenate([[0], np.cumsum(quoted)])
    n_say = np.concatenate([[0], np.cumsum((bits & _B_SAY) != 0)])
    next_quoted = np.minimum.accumulate(np.where(quoted, np.arange(n), n)[::-1])[::-1]
    next_quoted = np.append(next_quoted, n)
    after = next_quoted[np.minimum(t1c + 1, n)]
    no_speech = (n_quoted[t1c + 1] - n_quoted[t0c] > 0) | bit_at(t0c - 1, before1, _B_NAMING)
    before_only = ~says & (after <= r_last) & (n_say[np.minimum(after, n)] - n_say[t1c + 1] == 0)

    # pairs (row, eligible token of its sentence), tokens in sentence order
    token_of = np.flatnonzero(eligible)
    e_first = np.searchsorted(token_of, first)
    e_count = np.searchsorted(token_of, last + 1) - e_first
    count = np.where(setting[rows], 0, e_count[r_sent[rows]])  # a setting has no evidence
    p_row = np.repeat(rows, count)
    p_rank = np.arange(count.sum()) - np.repeat(_segment_starts(count), count)
    p_tok = token_of[np.repeat(e_first[r_sent[rows]], count) + p_rank]
    r0, r1 = t0[p_row], t1[p_row]
    d = np.maximum(np.maximum(r0 - p_tok, p_tok - r1), 0)
    decay = opts["decay"]
    far = np.maximum(d - int(window), 0)
    powers = np.array([decay ** k if k else 1.0 for k in range(int(far.max(initial=0)) + 1)])
    weight = np.where(d <= window, 1.0, powers[far])
    weight = np.where(clause[p_tok] != clause[r0], weight * opts["other_clause"], weight)
    speech = quoted[p_tok] & ~no_speech[p_row] & (~before_only[p_row] | (p_tok < r0))
    speech |= (p_tok >= said_lo[p_row]) & (p_tok < said_hi[p_row])
    weight = np.where(speech, weight * opts["speech"], weight)
    value = values[p_tok]
    weight = np.where(value > 0, weight * opts["pos_weight"],
                      np.where(p_tok > talks[p_row], weight * opts["speech"], weight))
    keep = weight != 0
    p_row, p_rank, p_tok, contribution = p_row[keep], p_rank[keep], p_tok[keep], \
        value[keep] * weight[keep]

    # totals summed in token order, as classify_mention adds them
    total = np.zeros(n_rows)
    order = np.argsort(p_rank, kind="stable")
    bounds = np.searchsorted(p_rank[order], np.arange(int(p_rank.max(initial=-1)) + 2))
    for k in range(len(bounds) - 1):
        at = order[bounds[k]:bounds[k + 1]]
        total[p_row[at]] += contribution[at]
    alpha = opts["alpha"]
    score = total / np.sqrt(total * total + alpha)
    norm = np.divide(score, total, out=np.zeros(n_rows), where=total != 0)

    pos_threshold, neg_threshold = opts["pos_threshold"], opts["neg_threshold"]
    pos_threshold = _SCOPED_CUTS[0] if pos_threshold is None else pos_threshold
    neg_threshold = _SCOPED_CUTS[1] if neg_threshold is None else neg_threshold
    label = np.where(score >= pos_threshold, "positive",
                     np.where(score <= neg_threshold, "negative", "neutral"))
    for r, s, lab in zip(rows.tolist(), score[rows].tolist(), label[rows].tolist()):
        scores[r], labels[r], words_out[r] = round(s, 6), lab, ""

    # words: the six strongest of each row, ties in sentence order
    order = np.lexsort((p_rank, -np.abs(contribution), p_row))
    p_row, p_tok, carried = p_row[order], p_tok[order], (contribution * norm[p_row])[order]
    rank = np.arange(len(p_row)) - np.searchsorted(p_row, p_row)
    top = rank < 6
    word_of = vocab.words.__getitem__
    for r, group in groupby(zip(p_row[top].tolist(), ids[p_tok[top]].tolist(),
                                carried[top].tolist()), key=itemgetter(0)):
        words_out[r] = "; ".join(f"{word_of(w)} {round(c, 4):+.2f}" for _, w, c in group)
    return fallback, scores, labels, words_out


# --------------------------------------------------------------------------------------------
# Per-source results


def _listed(values) -> list:
    return [] if values is None else list(values)


BY_SOURCE_COLUMNS = ["source", "target", "n_mentions", "n_docs", "n_not_scored", "mean",
                     "ci_low", "ci_high", "share_negative", "share_neutral", "share_positive",
                     "reason"]


def sentiment_by_source(scores: pd.DataFrame, *, sources=None, targets=None,
                        unit: str = "article", min_docs: int | None = None,
                        n_boot: int = 2000, level: float = 0.95,
                        random_state: int = 0, max_boot_n: int = 5_000) -> pd.DataFrame:
    """Mean target score per source with an interval over articles, plus label shares.

    The question is about the outlet, so its articles are the sampling unit: mentions in one
    article are not independent draws. By default (``unit="article"``) the interval is the
    policy of :mod:`analysis.intervals`: the mean is the ratio (sum of scores) / (number of
    mentions) over the cell's articles, with a cluster-robust CR2 variance and a
    Bell-McCaffrey t; a cell of fewer than ``min_docs`` articles, or whose articles all have
    the same mean score, has no interval (NaN) and ``reason`` says why (``"1 article: no
    interval"``). ``unit="sentence"`` is the former interval: it resamples the cell's scored
    sentences with replacement ``n_boot`` times (percentile method, generator seeded with
    ``random_state``, cells visited in sorted order), treating sentences as independent (it
    covers 0.75-0.85 instead of 0.95 at 5 articles, ``bench/coverage.py``); a cell of more
    than ``max_boot_n`` sentences gets the normal interval ``mean +- z * sd / sqrt(n)``
    instead, and a single sentence no interval.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`target_sentiment`.
    sources, targets : iterable of str, optional
        Every source and target to report; cells without mentions get ``n_mentions = 0`` and
        empty statistics. Defaults to those present in ``scores``.
    unit : {"article", "sentence"}, default "article"
        The resampling unit of the interval (see above).
    min_docs : int, optional
        Fewest articles for an ``"article"`` interval; default
        :data:`analysis.intervals.MIN_UNITS` (3).
    n_boot : int, default 2000
        Bootstrap resamples (``unit="sentence"``).
    level : float, default 0.95
        Nominal interval coverage.
    random_state : int, default 0
        Seed of the sentence bootstrap.
    max_boot_n : int, default 5000
        Largest cell bootstrapped (``unit="sentence"``); larger cells get the normal interval.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, n_mentions, n_docs, n_not_scored, mean, ci_low, ci_high,
        share_negative, share_neutral, share_positive, reason``; ``n_mentions`` counts scored
        (sentence, target) rows and ``n_docs`` their articles, ``n_not_scored`` the rows left
        unscored (score NaN: a language the method cannot score), which no statistic counts;
        ``reason`` is ``""`` where there is an interval. Sorted by ``source, target``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "source": ["X", "X", "Y"],
    ...                   "target": ["EU", "EU", "US"], "score": [0.5, -0.1, 0.2],
    ...                   "label": ["positive", "negative", "positive"]})
    >>> t = sentiment_by_source(s, targets=["EU", "US"])
    >>> t[["source", "target", "n_mentions", "mean"]].values.tolist()
    [['X', 'EU', 2, 0.2], ['X', 'US', 0, nan], ['Y', 'EU', 0, nan], ['Y', 'US', 1, 0.2]]
    >>> t["reason"].tolist()
    ['1 article: no interval', 'no mentions', 'no mentions', '1 article: no interval']
    >>> ru = s.assign(score=[0.5, np.nan, np.nan], label=["positive", "", ""])
    >>> t = sentiment_by_source(ru)
    >>> t.loc[t.n_mentions + t.n_not_scored > 0,
    ...       ["target", "n_mentions", "n_not_scored", "mean", "reason"]].values.tolist()
    [['EU', 1, 1, 0.5, '1 article: no interval'], ['US', 0, 1, nan, 'not scored: 1 row']]
    """
    from analysis import intervals as _intervals

    if unit not in ("article", "sentence"):
        raise ValueError(f"unit must be 'article' or 'sentence', got {unit!r}")
    min_docs = _intervals.MIN_UNITS if min_docs is None else min_docs
    # (distinct values first: iterating a string column of a million rows in Python is slow)
    source_of, target_of = scores["source"].astype(str), scores["target"].astype(str)
    sources = sorted(set(source_of.unique()) | set(map(str, _listed(sources))))
    targets = sorted(set(target_of.unique()) | set(map(str, _listed(targets))))
    rng = np.random.default_rng(random_state)
    tail = (1 - level) / 2
    rows = []
    cells = scores.groupby([source_of, target_of], sort=False).indices if len(scores) else {}
    all_values = scores["score"].to_numpy(dtype=float)
    not_scored = np.isnan(all_values)
    # Integer codes: comparing and counting them is fast for any string column type
    all_labels, label_names = pd.factorize(scores["label"])
    label_code = {str(name): code for code, name in enumerate(label_names)}
    all_docs = pd.factorize(scores["doc_id"])[0]
    for source in sources:
        for target in targets:
            idx = cells.get((source, target))
            if idx is None:
                rows.append((source, target, 0, 0, 0) + (np.nan,) * 6 + ("no mentions",))
                continue
            n_not_scored = int(not_scored[idx].sum())
            if n_not_scored:
                idx = idx[~not_scored[idx]]
                if not len(idx):
                    rows.append((source, target, 0, 0, n_not_scored) + (np.nan,) * 6
                                + (f"not scored: {n_not_scored} row"
                                   f"{'s' if n_not_scored > 1 else ''}",))
                    continue
            values, n = all_values[idx], len(idx)
            docs = all_docs[idx]
            if unit == "article":
                low, high, reason = _article_interval(values, docs, level=level,
                                                      min_docs=min_docs)
            else:
                low, high, reason = _sentence_interval(values, n_boot=n_boot, tail=tail,
                                                       rng=rng, max_boot_n=max_boot_n)
            labels = all_labels[idx]
            shares = [float(np.mean(labels == label_code.get(lab, -2))) for lab in LABELS]
            rows.append((source, target, n, len(np.unique(docs)), n_not_scored,
                         float(values.mean()), float(low), float(high), *shares, reason))
    table = pd.DataFrame(rows, columns=BY_SOURCE_COLUMNS)
    for column in ("n_mentions", "n_docs", "n_not_scored"):
        table[column] = table[column].astype(int)
    return table


def _article_interval(values: np.ndarray, docs: np.ndarray, *, level: float,
                      min_docs: int) -> tuple[float, float, str]:
    """The policy interval of one cell's mean score, articles as clusters."""
    from analysis import intervals as _intervals

    _, inverse = np.unique(docs, return_inverse=True)
    found = _intervals.ratio_interval(np.bincount(inverse, weights=values),
                                      np.bincount(inverse), level=level, min_units=min_docs)
    return found.ci_low, found.ci_high, found.reason


def _sentence_interval(values: np.ndarray, *, n_boot: int, tail: float,
                       rng: np.random.Generator, max_boot_n: int) -> tuple[float, float, str]:
    """The former interval: percentile bootstrap over sentences (normal above max_boot_n)."""
    n = len(values)
    if n > max_boot_n:
        half = _normal_quantile(1 - tail) * values.std(ddof=1) / math.sqrt(n)
        return values.mean() - half, values.mean() + half, ""
    boot = _bootstrap_means(values, n_boot=n_boot, rng=rng)
    if n < 2:  # one sentence: every resample is that sentence, a zero-width "interval"
        return np.nan, np.nan, "1 sentence: no interval"
    return np.quantile(boot, tail), np.quantile(boot, 1 - tail), ""


def _normal_quantile(p: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(p))


def _bootstrap_means(values: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                     max_cells: int = 4_000_000) -> np.ndarray:
    """Means of ``n_boot`` resamples of ``values``, drawn in blocks of at most ``max_cells``
    indices so memory stays bounded on large cells; the draws are the same as one block."""
    n = len(values)
    per_block = max(1, max_cells // n)
    out = np.empty(n_boot)
    for start in range(0, n_boot, per_block):
        stop = min(n_boot, start + per_block)
        out[start:stop] = values[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    return out


EVIDENCE_COLUMNS = ["source", "target", "direction", "rank", "doc_id", "sent_id", "score",
                    "words", "sentence"]


def evidence(scores: pd.DataFrame, *, k: int = 3) -> pd.DataFrame:
    """The ``k`` most negative and most positive scored sentences per (source, target).

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`target_sentiment`.
    k : int, default 3
        Sentences per direction.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, direction, rank, doc_id, sent_id, score, words, sentence``;
        ``direction`` is "negative" (score < 0) or "positive" (score > 0), ``rank`` starts at
        1 for the strongest, ``words`` lists the words that carried the score with their
        contributions. Ties break by ``doc_id, sent_id``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "source": ["X", "X"], "sent_id": [0, 1],
    ...                   "target": ["EU", "EU"], "score": [0.5, -0.4],
    ...                   "words": ["good +0.50", "bad -0.40"], "sentence": ["s0", "s1"]})
    >>> evidence(s, k=1)[["direction", "score", "words"]].values.tolist()
    [['negative', -0.4, 'bad -0.40'], ['positive', 0.5, 'good +0.50']]
    """
    parts = []
    for direction, sign in (("negative", -1), ("positive", 1)):
        side = scores[np.sign(scores["score"]) == sign].copy()
        side["_key"] = -sign * side["score"]
        side = side.sort_values(["source", "target", "_key", "doc_id", "sent_id"], kind="stable")
        side = side.groupby(["source", "target"], sort=True).head(k)
        side["rank"] = side.groupby(["source", "target"]).cumcount() + 1
        side["direction"] = direction
        parts.append(side)
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["source", "target", "direction", "rank"], kind="stable")
    return out[EVIDENCE_COLUMNS].reset_index(drop=True)
