"""What a sentence is before any target: VADER's tokens and valences, clauses, comparative cues,
names, quotations and the facts the rules read, for many sentences at once with arrays
(:func:`parse_sentences`) or one (:func:`parse`, cached per sentence; :func:`parse_many` parses a
batch's sentences together into that cache)."""

from __future__ import annotations

import re
import string
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from analysis.parallel import worker_cache
from analysis.sentiment.lexicon import (
    memo_valence,
    vader_analyzer,
    valence_memo,
    valence_modifiers,
)
from analysis.sentiment.rules import (
    CLAUSE_END,
    CUES,
    PASSIVE_AUX,
    QUOTE_MARKS,
    RULE_BITS,
    STRIP,
    rule_bits,
)

__all__ = ["CLAUSE_END", "CUES", "is_title", "NAME_ENDS", "NAME_STRIP", "parse", "parse_each",
           "parse_many", "ParseCache", "PARSED", "Parsed", "parse_sentences", "PASSIVE_AUX",
           "QUOTE_MARKS", "quoted_positions", "Sentences", "STRIP", "TOKEN_INFO", "token_info",
           "token_range", "token_starts", "valences", "vocabulary"]

_CLAUSE_WORDS = frozenset("but while whereas although though however yet".split())
_DASHES = frozenset({"—", "–", "-"})
_VADER_PUNCT = string.punctuation  # what SentiText strips from a token's ends

TOKEN_INFO: dict = worker_cache({})


def token_info(token: str, lexicon: dict, cache: dict) -> tuple:
    """Every fact of one whitespace token, worked out once per corpus (and kept in ``cache``).

    ``(word, lower, all_caps, is_word, capitalised, flags, bits)``: VADER's word
    (``SentiText._strip_punc_if_word``) and its lower case, whether it is all caps (VADER's
    ``allcap_differential``), whether it is a word for the headline test (it starts with a
    letter once quotes and punctuation are stripped) and whether that word starts with a
    capital; bit flags: 1 a clause word ("but") opens a clause here, 2 the token closes
    one (a comma, a dash), 4 VADER scores it (in ``lexicon``, not a booster), 8 a comparative
    cue, 16 "unlike", 32 it may change a neighbour's valence (:func:`valence_modifiers`); and
    the facts the scoping rules read (:func:`analysis.sentiment.rules.rule_bits`).

    Examples
    --------
    >>> from analysis.sentiment.lexicon import vader_analyzer
    >>> token_info("Behind,", vader_analyzer(True).lexicon, {})[:6]
    ('Behind', 'behind', False, True, True, 10)
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
        | (8 if low in CUES else 16 if low == "unlike" else 0) \
        | (32 if low in valence_modifiers() or "n't" in low else 0)
    if len(cache) > 500_000:
        cache.clear()
    out = cache[token] = (word, low, word.isupper(), is_word, is_word and head.isupper(), flags,
                          rule_bits(token, low))
    return out


def token_starts(sentence: str, raw) -> list[int]:
    """Start offset of each whitespace token ``raw`` of ``sentence``, found left to right."""
    starts, pos = [], 0
    for tok in raw:
        pos = sentence.index(tok, pos)
        starts.append(pos)
        pos += len(tok)
    return starts


def is_title(word: str) -> bool:
    """Whether ``word`` starts with a capital and is not all capitals."""
    return word[:1].isupper() and not word.isupper()


NAME_STRIP = "\"'“‘("  # stripped before the capital test of a name word
NAME_ENDS = (".", ",", ":", ";", "\"", "”", ")")  # a name does not run on past these
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


# --------------------------------------------------------------------------------------------
# Token facts: one table per lexicon
# --------------------------------------------------------------------------------------------

_VOCAB_COLUMNS = (("flags", np.int64), ("bits", np.int64), ("lexval", np.float64),
                  ("cue", np.float64), ("caps", bool), ("is_word", bool), ("title", bool),
                  ("length", np.int64), ("name_title", bool), ("name_end", bool))


class _Vocabulary:
    """The whitespace tokens seen in this process, numbered, with their facts as arrays.

    The facts are those of :func:`token_info` (VADER's word, flags for clauses, valences and
    cues, the facts the rules read). Each token is looked up once per chunk (one dict lookup
    in C), then read by array indexing. Threads may share one: they add tokens in turn, and a
    token's number is published only once every fact of it is in the arrays.
    """

    def __init__(self, news_lexicon: bool):
        self.news_lexicon = news_lexicon
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.lower: list[str] = []
        self.columns = {name: np.zeros(0, dtype) for name, dtype in _VOCAB_COLUMNS}
        self._lock = threading.Lock()

    def lookup(self, tokens: list[str]) -> np.ndarray:
        ids = list(map(self.ids.get, tokens))
        if None in ids:
            with self._lock:
                new = [t for t, i in zip(tokens, ids) if i is None and t not in self.ids]
                self._add(list(dict.fromkeys(new)))
            ids = list(map(self.ids.__getitem__, tokens))
        return np.array(ids, dtype=np.int64)

    def _add(self, tokens: list[str]) -> None:
        lexicon = vader_analyzer(self.news_lexicon).lexicon
        cache = TOKEN_INFO.setdefault(self.news_lexicon, {})
        rows = {name: [] for name, _ in _VOCAB_COLUMNS}
        words, lowers = [], []
        for token in tokens:
            word, low, caps, is_word, title, flags, bits = cache.get(token) or \
                token_info(token, lexicon, cache)
            words.append(word)
            lowers.append(low)
            rows["flags"].append(flags)
            rows["bits"].append(bits)
            rows["lexval"].append(lexicon[low] if flags & 4 else 0.0)
            rows["cue"].append(CUES.get(low, 0.0))
            rows["caps"].append(caps)
            rows["is_word"].append(is_word)
            rows["title"].append(title)
            rows["length"].append(len(token))
            rows["name_title"].append(is_title(token.strip(NAME_STRIP)))
            rows["name_end"].append(token.endswith(NAME_ENDS))
        for name, dtype in _VOCAB_COLUMNS:
            self.columns[name] = np.concatenate([self.columns[name],
                                                 np.array(rows[name], dtype=dtype)])
        base = len(self.words)
        self.words.extend(words)
        self.lower.extend(lowers)
        self.ids.update(zip(tokens, range(base, base + len(tokens))))  # last: see the class


_VOCABULARIES: dict = worker_cache({})


def vocabulary(news_lexicon: bool) -> _Vocabulary:
    """The token table of this process for a lexicon (a new one past 2,000,000 tokens)."""
    vocab = _VOCABULARIES.get(news_lexicon)
    if vocab is None or len(vocab.words) > 2_000_000:
        vocab = _VOCABULARIES[news_lexicon] = _Vocabulary(news_lexicon)
    return vocab


def _segment_starts(lengths: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)[:len(lengths)]


def _shift(a: np.ndarray, k: int, fill) -> np.ndarray:
    """``a`` moved ``k`` places right (left for a negative ``k``), ``fill`` where it is empty."""
    out = np.full_like(a, fill)
    if k > 0:
        out[k:] = a[:-k]
    elif k < 0:
        out[:k] = a[-k:]
    else:
        out[:] = a
    return out


# --------------------------------------------------------------------------------------------
# What the sentences are before any target
# --------------------------------------------------------------------------------------------

class Sentences(NamedTuple):
    """Many sentences as flat arrays over their tokens (sentence after sentence);
    ``first``/``last``/``base`` per sentence, the rest per token."""

    vocab: _Vocabulary    # the token table (``vocab.words[ids[k]]``: VADER's word of token k)
    ids: np.ndarray       # vocabulary number
    bits: np.ndarray      # rule_bits
    first: np.ndarray     # first token of each sentence
    last: np.ndarray      # last token of each sentence
    base: np.ndarray      # each sentence's offset in one string of all (a space between)
    g_start: np.ndarray   # start offset in that string
    g_end: np.ndarray     # end offset in that string
    seg: np.ndarray       # sentence number
    clause: np.ndarray    # equal within a sentence exactly where two tokens share a clause
    valence: np.ndarray   # VADER's valence (negation and boosters applied)
    values: np.ndarray    # the word's value: VADER's valence, or the cue's when it compares
    cue: np.ndarray       # a comparative cue ("than" only after an evaluative word)
    cue_word: np.ndarray  # a cue with a value of its own (all but "than")
    unlike: np.ndarray    # "unlike"
    quoted: np.ndarray    # inside quotation marks (only computed when ``speech`` is not 1)
    named: np.ndarray     # masked as part of a multi-word name (not in Title Case headlines)
    capitalised: np.ndarray  # per sentence: share of its words (of 4 or more) that are capitalised


def parse_sentences(sentences: list[str], *, news_lexicon: bool = True, quotes: bool = True,
                    mask_names: bool = True, headline: float = 1.01) -> Sentences:
    """Everything about many sentences that does not depend on a target, as flat arrays over
    their tokens (sentence after sentence): one whitespace token a position.

    Quotations are found when ``quotes``; with ``mask_names`` the words of multi-word names are
    ``named``, except in a sentence whose share of capitalised words (of four or more) is
    ``headline`` or more (a Title Case headline).

    Examples
    --------
    >>> p = parse_sentences(["The EU is not good, but fine.", "Hi"])
    >>> p.first.tolist(), [round(v, 2) for v in p.values[:7].tolist()], p.clause[:7].tolist()
    ([0, 7], [0.0, 0.0, 0.0, 0.0, -1.41, 0.0, -0.59], [0, 0, 0, 0, 0, 2, 2])
    """
    vocab = vocabulary(bool(news_lexicon))
    raw = [s.split() for s in sentences]  # the whitespace tokens VADER's SentiText splits into
    n_tok = np.fromiter(map(len, raw), dtype=np.int64, count=len(raw))
    ids = vocab.lookup([t for toks in raw for t in toks])
    cols = vocab.columns
    flags, bits = cols["flags"][ids], cols["bits"][ids]
    n_sent, n = len(sentences), len(ids)
    first = _segment_starts(n_tok)
    seg = np.repeat(np.arange(n_sent), n_tok)
    last = first + n_tok - 1
    starts_here = np.zeros(n, dtype=bool)
    starts_here[first[n_tok > 0]] = True
    ends_here = np.zeros(n, dtype=bool)
    ends_here[last[n_tok > 0]] = True

    # character offsets of the tokens: one space between tokens, or found one by one
    length = cols["length"][ids]
    s_len = np.fromiter(map(len, sentences), dtype=np.int64, count=n_sent)
    spaced = s_len == np.bincount(seg, weights=length, minlength=n_sent).astype(np.int64) \
        + n_tok - 1
    step = np.cumsum(length + 1) - (length + 1)
    start = step - np.repeat(step[first[n_tok > 0]], n_tok[n_tok > 0])
    for j in np.flatnonzero(~spaced).tolist():
        start[first[j]:first[j] + n_tok[j]] = token_starts(sentences[j], raw[j])
    end = start + length
    base = _segment_starts(s_len + 1)
    g_start, g_end = base[seg] + start, base[seg] + end

    # clauses: a clause word ("but", "while") opens one, a token that closes one (a comma, a
    # dash) makes the next word open one
    closes_before = _shift((flags & 2) != 0, 1, False) & ~starts_here
    clause = np.cumsum(((flags & 1) != 0).astype(np.int64) + closes_before)

    # valences: the lexicon value, unless a modifier is near or the word is shouted (VADER's
    # rules then: a word's valence depends only on the three words before it and the two after
    # it, and on the sentence's all-caps differential, so each such window is scored once)
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
        analyzer = vader_analyzer(bool(news_lexicon))
        memo = valence_memo(bool(news_lexicon))
        word_of, lower_of = vocab.words.__getitem__, vocab.lower.__getitem__
        for j, group in groupby(zip(seg[slow].tolist(), slow.tolist()), key=itemgetter(0)):
            sent_ids = ids[first[j]:first[j] + n_tok[j]].tolist()
            words, lower = tuple(map(word_of, sent_ids)), tuple(map(lower_of, sent_ids))
            is_cap_diff = bool(cap_diff[j])
            for _, g in group:
                values[g] = memo_valence(analyzer, memo, words, lower, g - first[j],
                                         is_cap_diff)

    # comparative cues: "than" only after an evaluative word ("better than", not "more than
    # 100"), a win only as an active verb ("X defeated Y", not "X was defeated", "the defeated
    # candidate" or "beat up"); a cue's own value replaces the word's
    def has(bit, k=0):  # the fact of the token k places before (after, for k < 0)
        flag = _shift((bits & RULE_BITS[bit]) != 0, k, False)
        return flag & ~starts_here if k > 0 else flag & ~ends_here if k < 0 else flag

    cue = ((flags & 8) != 0) & (~has("than") | (_shift(values, 1, 0.0) != 0) & ~starts_here)
    cue &= ~has("win") | ~(has("not_active", 1) | has("up", -1))
    cue_value = cols["cue"][ids]
    cue_word = cue & (cue_value != 0)
    valence, values = values, np.where(cue_word, cue_value, values)

    # words inside quotation marks, in sentences with a token that can open or close one
    quoted = np.zeros(n, dtype=bool)
    if quotes:
        quote = np.bincount(seg, weights=has("quote"), minlength=n_sent) > 0
        for j in np.flatnonzero(quote).tolist():
            inside = quoted_positions(sentences[j], raw[j])
            if inside:
                quoted[first[j] + np.fromiter(inside, dtype=np.int64, count=len(inside))] = True

    # multi-word names (a capitalised word next to another of the same phrase), unless the
    # sentence is a Title Case headline
    name_title, name_end = cols["name_title"][ids], cols["name_end"][ids]
    prev_ok = _shift(name_title & ~name_end, 1, False) & ~starts_here
    next_ok = _shift(name_title, -1, False) & ~name_end & ~ends_here
    in_name = name_title & (prev_ok | next_ok)
    n_words = np.bincount(seg, weights=cols["is_word"][ids], minlength=n_sent)
    n_title = np.bincount(seg, weights=cols["title"][ids], minlength=n_sent)
    capitalised = np.divide(n_title, n_words, out=np.zeros(n_sent), where=n_words >= 4)
    names = bool(mask_names) & (capitalised < headline)
    return Sentences(vocab, ids, bits, first, last, base, g_start, g_end, seg, clause, valence,
                     values, cue, cue_word, (flags & 16) != 0, quoted, names[seg] & in_name,
                     capitalised)




class Parsed(NamedTuple):
    """One sentence of :func:`parse_sentences` as tuples (cached by :func:`parse`)."""

    words: tuple      # VADER's tokens (punctuation stripped)
    values: tuple     # VADER valence per token (negation and boosters applied)
    lower: tuple      # lower-cased tokens
    clause: tuple     # clause number per token (0 for the first clause)
    quoted: frozenset  # tokens inside quotation marks
    starts: tuple     # start of each token (for bisecting character offsets)
    ends: tuple       # end of each token
    capitalised: float  # share of words that start with a capital (Title Case headlines: ~1)

    @property
    def spans(self) -> tuple:
        """(start, end) of each whitespace token in the sentence."""
        return tuple(zip(self.starts, self.ends))


class ParseCache:
    """The :class:`Parsed` of the sentences parsed last, keyed by ``(sentence, news_lexicon)``:
    the least recently used dropped first; threads may share one.

    Parameters
    ----------
    maxsize : int
        Entries kept (sentences, whatever their length).

    Examples
    --------
    >>> cache = ParseCache(maxsize=1)
    >>> cache.put("a", 1); cache.put("b", 2)
    >>> cache.get("a"), cache.get("b"), len(cache)
    (None, 2, 1)
    """

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """The value of ``key`` (now the most recently used), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        """Keep ``value`` for ``key``, dropping the least recently used past ``maxsize``."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


# What parse and parse_many keep: as many sentences as the lru_cache parse had, emptied in pool
# workers after every chunk
PARSED = worker_cache(ParseCache(maxsize=20_000))


def parse_each(sentences, *, news_lexicon: bool = True) -> list[Parsed]:
    """The :class:`Parsed` of each of ``sentences`` from one :func:`parse_sentences` call over
    them all (nothing cached), each exactly what :func:`parse_sentences` gives for that
    sentence alone: clause numbers restart at each sentence, and offsets (characters) and
    quoted positions (tokens) count from its start.

    Parameters
    ----------
    sentences : iterable of str
        The sentences, repeats allowed.
    news_lexicon : bool, default True
        VADER's lexicon with ``analysis/data/news_lexicon.tsv`` (else VADER's own).

    Returns
    -------
    list of Parsed
        One per sentence, in order.

    Examples
    --------
    >>> [p.clause for p in parse_each(["But a, b.", "c, d"])]
    [(1, 1, 2), (0, 1)]
    """
    sentences = list(sentences)
    if not sentences:
        return []
    s = parse_sentences(sentences, news_lexicon=news_lexicon)
    # one conversion to Python objects for the whole batch, then slices of it per sentence
    words, lower = s.vocab.words, s.vocab.lower
    ids, valence, clause = s.ids.tolist(), s.valence.tolist(), s.clause.tolist()
    g_start, g_end = s.g_start.tolist(), s.g_end.tolist()
    first, last, base = s.first.tolist(), s.last.tolist(), s.base.tolist()
    capitalised, quoted = s.capitalised.tolist(), s.quoted
    out = []
    for j in range(len(sentences)):
        lo, hi, b = first[j], last[j] + 1, base[j]
        # the clause count runs on over the batch: a sentence alone starts from 0
        before = clause[lo - 1] if lo > 0 else 0
        out.append(Parsed(tuple(words[i] for i in ids[lo:hi]), tuple(valence[lo:hi]),
                          tuple(lower[i] for i in ids[lo:hi]),
                          tuple(c - before for c in clause[lo:hi]),
                          frozenset(np.flatnonzero(quoted[lo:hi]).tolist()),
                          tuple(a - b for a in g_start[lo:hi]),
                          tuple(a - b for a in g_end[lo:hi]), capitalised[j]))
    return out


def parse_many(sentences, *, news_lexicon: bool = True) -> list[Parsed]:
    """:func:`parse` of each of ``sentences``, those not cached yet parsed together in one
    :func:`parse_sentences` call (:func:`parse_each`) and cached in :data:`PARSED`.

    A batch's sentences are parsed together this way before :func:`parse` reads them one by
    one. A batch of more distinct sentences than the cache keeps (``PARSED.maxsize``) still gets
    every parse back, but later :func:`parse` calls then miss for its first sentences: callers
    pass a few thousand at a time.

    Parameters
    ----------
    sentences : iterable of str
        The sentences, repeats allowed (each distinct one is parsed once).
    news_lexicon : bool, default True
        VADER's lexicon with ``analysis/data/news_lexicon.tsv`` (else VADER's own).

    Returns
    -------
    list of Parsed
        One per sentence, in order; the very objects :func:`parse` returns.

    Examples
    --------
    >>> a, b, c = parse_many(["The EU failed.", "Fine.", "The EU failed."])
    >>> a is c, a == parse("The EU failed."), b.words
    (True, True, ('Fine',))
    """
    sentences = list(sentences)
    key = bool(news_lexicon)
    found = {}
    for sentence in dict.fromkeys(sentences):
        hit = PARSED.get((sentence, key))
        if hit is not None:
            found[sentence] = hit
    new = [sentence for sentence in dict.fromkeys(sentences) if sentence not in found]
    for sentence, parsed in zip(new, parse_each(new, news_lexicon=key)):
        PARSED.put((sentence, key), parsed)
        found[sentence] = parsed
    return [found[sentence] for sentence in sentences]


def parse(sentence: str, news_lexicon: bool = True) -> Parsed:
    """Everything about ``sentence`` that does not depend on the target (cached per sentence in
    :data:`PARSED`): :func:`parse_sentences` of this one sentence.

    Examples
    --------
    >>> p = parse("The EU, sadly, failed.")
    >>> p.words, p.clause, [round(v, 2) for v in p.values]
    (('The', 'EU,', 'sadly', 'failed'), (0, 0, 1, 2), [0.0, 0.0, -1.8, -2.3])
    """
    hit = PARSED.get((sentence, bool(news_lexicon)))
    return hit if hit is not None else parse_many([sentence], news_lexicon=news_lexicon)[0]


def token_range(p: Parsed, start: int, end: int) -> range:
    """Positions of the tokens that overlap characters ``[start, end)``."""
    return range(bisect_right(p.ends, start), bisect_left(p.starts, end))


def valences(sentence: str, news_lexicon: bool = True):
    """Per-word VADER valence of ``sentence`` (negation and boosters applied, no 'but' rule)."""
    p = parse(sentence, news_lexicon)
    return p.words, p.spans, p.values
