"""What a sentence is before any target: VADER's tokens and valences, clauses, cues, names,
quotations (:func:`parse`, cached per sentence)."""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress
from operator import add
from typing import NamedTuple

from analysis.parallel import worker_cache
from analysis.sentiment.lexicon import (
    memo_valence,
    vader_analyzer,
    valence_memo,
    valence_modifiers,
)

__all__ = ["CLAUSE_END", "CUES", "is_title", "NAME_ENDS", "NAME_STRIP", "parse", "Parsed",
           "PASSIVE_AUX", "QUOTE_MARKS", "quoted_positions", "STRIP", "TOKEN_INFO", "token_info",
           "token_range", "token_starts", "valences"]

_WORD = re.compile(r"\S+")
_CLAUSE_WORDS = frozenset("but while whereas although though however yet".split())
CLAUSE_END = frozenset(",;:—–()")
_DASHES = frozenset({"—", "–", "-"})
# Comparative cues: value for what stands before the cue (the other side gets the opposite).
CUES = {"behind": -1.5, "lags": -1.5, "lagging": -1.5, "lagged": -1.5, "trails": -1.5,
         "trailing": -1.5, "trailed": -1.5, "than": 0.0, "outpaced": 1.5, "outpaces": 1.5,
         "outperformed": 1.5, "outperforms": 1.5, "surpassed": 1.5, "surpasses": 1.5,
         "overtook": 1.5, "overtakes": 1.5, "defeated": 1.5, "defeats": 1.5, "defeating": 1.5,
         "beat": 1.5, "beats": 1.5, "trounced": 1.5, "trounces": 1.5}
# Wins: cues only as active verbs (the winner stands before them), not after a passive
# auxiliary ("was defeated") or an article ("the defeated candidate")
_WINS = frozenset("defeated defeats defeating beat beats trounced trounces".split())
PASSIVE_AUX = frozenset("was were been being be is are got gets get".split())
_NOT_ACTIVE = PASSIVE_AUX | frozenset("the a an".split())
_UNLIKE = frozenset({"unlike"})
QUOTE_MARKS = frozenset('"“”‘’\'')
STRIP = "\"'“”‘’.,;:!?()"


_VADER_PUNCT = string.punctuation  # what SentiText strips from a token's ends


TOKEN_INFO: dict = worker_cache({})


def token_info(token: str, lexicon: dict, cache: dict) -> tuple:
    """Everything ``parse`` needs from one whitespace token, worked out once per corpus.

    ``(word, lower, all_caps, is_word, capitalised, flags)``: VADER's word
    (``SentiText._strip_punc_if_word``) and its lower case, whether it is all caps (VADER's
    ``allcap_differential``), whether it is a word for the headline test (it starts with a
    letter once quotes and punctuation are stripped) and whether that word starts with a
    capital, and bit flags: 1 a clause word ("but") opens a clause here, 2 the token closes
    one (a comma, a dash), 4 VADER scores it (in ``lexicon``, not a booster), 8 a comparative
    cue, 16 "unlike", 32 it may change a neighbour's valence (:func:`valence_modifiers`).
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    stripped = token.strip(_VADER_PUNCT)
    word = token if len(stripped) <= 2 else stripped
    low = word.lower()
    head = token.strip(STRIP)[:1]
    is_word = head.isalpha()
    flags = (1 if low in _CLAUSE_WORDS else 0) \
        | (2 if token[-1] in CLAUSE_END or low in _DASHES else 0) \
        | (4 if low in lexicon and low not in BOOSTER_DICT else 0) \
        | (8 if low in CUES else 16 if low in _UNLIKE else 0) \
        | (32 if low in valence_modifiers() or "n't" in low else 0)
    if len(cache) > 500_000:
        cache.clear()
    out = cache[token] = (word, low, word.isupper(), is_word, is_word and head.isupper(), flags)
    return out


def token_starts(sentence: str, raw) -> list[int]:
    """Start offset of each whitespace token ``raw`` of ``sentence``, found left to right."""
    starts, pos = [], 0
    for tok in raw:
        pos = sentence.index(tok, pos)
        starts.append(pos)
        pos += len(tok)
    return starts


class Parsed(NamedTuple):
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
def parse(sentence: str, news_lexicon: bool = True) -> Parsed:
    """Everything about ``sentence`` that does not depend on the target (cached per sentence)."""
    analyzer = vader_analyzer(news_lexicon)
    cache = TOKEN_INFO.setdefault(news_lexicon, {})
    raw = sentence.split()  # the whitespace tokens VADER's SentiText splits into
    n = len(raw)
    # Per-token work is the cost of target sentiment on a large corpus, so it is done in
    # bulk: one cache lookup per token (all its flags), transposed by zip, offsets summed.
    infos = list(map(cache.get, raw))
    if None in infos:
        lexicon = analyzer.lexicon
        infos = [info or token_info(tok, lexicon, cache) for tok, info in zip(raw, infos)]
    words, lower, caps, is_word, title, flags = zip(*infos) if n else ((),) * 6
    n_caps, n_words, n_title = sum(caps), sum(is_word), sum(title)
    lens = list(map(len, raw))
    if len(sentence) == sum(lens) + n - 1:  # one space between tokens, none around them
        starts = list(accumulate(map((1).__add__, lens[:-1]), initial=0))
    else:
        starts = token_starts(sentence, raw)
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
    # A word's valence depends only on the three words before it and the two after it (and
    # the sentence's all-caps differential): news repeats such windows, so each is scored once.
    memo = valence_memo(news_lexicon)
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
        values[i] = memo_valence(analyzer, memo, words, lower, i, is_cap_diff)
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
    return Parsed(words, tuple(values), lower, tuple(clause),
                   active, frozenset(i for i in active if _in_name(raw, i)),
                   quoted_positions(sentence, raw), cues, tuple(unlike), tuple(starts), tuple(ends),
                   capitalised)


def token_range(p: Parsed, start: int, end: int) -> range:
    """Positions of the tokens that overlap characters ``[start, end)``."""
    return range(bisect_right(p.ends, start), bisect_left(p.starts, end))


def valences(sentence: str, news_lexicon: bool = True):
    """Per-word VADER valence of ``sentence`` (negation and boosters applied, no 'but' rule)."""
    p = parse(sentence, news_lexicon)
    return p.words, p.spans, p.values


def is_title(word: str) -> bool:
    """Whether ``word`` starts with a capital and is not all capitals."""
    return word[:1].isupper() and not word.isupper()


NAME_STRIP = "\"'“‘("  # stripped before the capital test of a name word
NAME_ENDS = (".", ",", ":", ";", "\"", "”", ")")  # a name does not run on past these


def _in_name(raw, i: int) -> bool:
    """A capitalised word next to another capitalised word of the same phrase."""
    if not is_title(raw[i].strip(NAME_STRIP)):
        return False
    prev = i > 0 and is_title(raw[i - 1].strip(NAME_STRIP)) \
        and not raw[i - 1].endswith(NAME_ENDS)
    nxt = i + 1 < len(raw) and is_title(raw[i + 1].strip(NAME_STRIP)) \
        and not raw[i].endswith(NAME_ENDS)
    return prev or nxt


_HAS_QUOTE = re.compile("[\"“”‘’']")


def quoted_positions(sentence: str, raw) -> frozenset:
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
        opens = token[:1] in QUOTE_MARKS
        closes = token.rstrip(".,;:!?")[-1:]
        if opens and not inside:
            inside = True
        if not seen and not inside and closes in '"”':
            quoted.update(range(i + 1))  # the sentence starts inside a quotation
        seen = seen or opens or closes in QUOTE_MARKS
        if inside:
            quoted.add(i)
        if closes in QUOTE_MARKS and inside and (not opens or len(token) > 1):
            inside = False
    return frozenset(quoted)
