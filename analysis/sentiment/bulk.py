"""The bulk engine: scoped VADER for many mentions at once with array operations."""

from __future__ import annotations

import threading
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from analysis.parallel import worker_cache
from analysis.sentiment.classify import classify_row, vader_options
from analysis.sentiment.lexicon import memo_valence, vader_analyzer, valence_memo
from analysis.sentiment.parsing import (
    CLAUSE_END,
    NAME_ENDS,
    NAME_STRIP,
    QUOTE_MARKS,
    STRIP,
    TOKEN_INFO,
    is_title,
    quoted_positions,
    token_info,
    token_starts,
)
from analysis.sentiment.rules import (
    HARM,
    HARM_ACTS,
    NAMING,
    PRONOUNS,
    SAY,
    SETTING_BEFORE,
    TALK,
    TIME_UNITS,
    is_possessive,
)
from analysis.sentiment.scoped import SCOPED_CUTS

__all__ = ["score_rows"]

# Facts about a whitespace token that decide whether a row needs the rules of
# :func:`vader_scoped` the bulk scorer leaves to it (speech, settings, victims, "against").
_B_SAY, _B_TALK, _B_SET_BEFORE, _B_TIME, _B_AGAINST, _B_HARM, _B_QUOTE, _B_COLON, _B_THAN, \
    _B_NAMING, _B_CLAUSE_END, _B_POSSESSIVE, _B_PRONOUN = (1 << k for k in range(13))
_VOCAB_COLUMNS = (("flags", np.int64), ("bits", np.int64), ("lexval", np.float64),
                  ("caps", bool), ("is_word", bool), ("title", bool), ("length", np.int64),
                  ("name_title", bool), ("name_end", bool))



class _Vocabulary:
    """The whitespace tokens seen in this process, numbered, with their facts as arrays.

    The bulk scorer looks each token of a chunk up once (one dict lookup in C per token) and
    then reads every fact of every token by array indexing: :func:`parse` does the same
    work token by token in Python. Threads may share one: they add tokens in turn, and a
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
        analyzer = vader_analyzer(self.news_lexicon)
        lexicon = analyzer.lexicon
        cache = TOKEN_INFO.setdefault(self.news_lexicon, {})
        rows = {name: [] for name, _ in _VOCAB_COLUMNS}
        words, lowers = [], []
        for token in tokens:
            info = cache.get(token) or token_info(token, lexicon, cache)
            word, low, caps, is_word, title, flags = info
            words.append(word)
            lowers.append(low)
            stripped, said = low.strip(STRIP), low.strip(",.")
            rows["flags"].append(flags)
            rows["bits"].append(
                (_B_SAY if said in SAY else 0) | (_B_TALK if low in TALK else 0)
                | (_B_SET_BEFORE if stripped in SETTING_BEFORE else 0)
                | (_B_TIME if stripped in TIME_UNITS else 0)
                | (_B_AGAINST if stripped == "against" else 0)
                | (_B_HARM if low in HARM or low in HARM_ACTS else 0)
                | (_B_QUOTE if token[:1] in QUOTE_MARKS
                   or token.rstrip(".,;:!?")[-1:] in "\"”" else 0)
                | (_B_COLON if token[-1] == ":" else 0) | (_B_THAN if low == "than" else 0)
                | (_B_NAMING if stripped in NAMING else 0)
                | (_B_CLAUSE_END if low[-1:] in CLAUSE_END else 0)
                | (_B_POSSESSIVE if is_possessive(token) else 0)
                | (_B_PRONOUN if stripped in PRONOUNS else 0))
            rows["lexval"].append(lexicon[low] if flags & 4 else 0.0)
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


def _vocabulary(news_lexicon: bool) -> _Vocabulary:
    vocab = _VOCABULARIES.get(news_lexicon)
    if vocab is None or len(vocab.words) > 2_000_000:
        vocab = _VOCABULARIES[news_lexicon] = _Vocabulary(news_lexicon)
    return vocab


def _segment_starts(lengths: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)


def score_rows(sentences: list[str], mention_spans: list[list[tuple[int, int]]],
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
    opts = vader_options(options)
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
        scores[r], labels[r], words_out[r] = classify_row(
            sentences[j], mention_spans[j], starts[r], ends[r], "vader", options)
    return scores, labels, words_out


class _BulkParse(NamedTuple):
    """:func:`parse` of many sentences as flat arrays over their tokens (sentence after
    sentence); ``first``/``last`` per sentence, the rest per token unless said."""

    ids: np.ndarray       # vocabulary number
    bits: np.ndarray      # _B_* facts
    first: np.ndarray     # first token of each sentence
    last: np.ndarray      # last token of each sentence
    base: np.ndarray      # each sentence's offset in one string of all (a space between)
    g_start: np.ndarray   # start offset in that string
    g_end: np.ndarray     # end offset in that string
    clause: np.ndarray    # equal within a sentence exactly where parse's clause numbers are
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
        start[first[j]:first[j] + n_tok[j]] = token_starts(sentences[j], raw[j])
    end = start + length
    base = _segment_starts(s_len + 1)
    g_start, g_end = base[seg] + start, base[seg] + end

    # clause numbers: equal within a sentence exactly where parse's are
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
        analyzer = vader_analyzer(bool(opts["news_lexicon"]))
        memo = valence_memo(bool(opts["news_lexicon"]))
        word_of, lower_of = vocab.words.__getitem__, vocab.lower.__getitem__
        slow_seg = seg[slow]
        for j, group in groupby(zip(slow_seg.tolist(), slow.tolist()), key=itemgetter(0)):
            sent_ids = ids[first[j]:first[j] + n_tok[j]].tolist()
            words, lower = tuple(map(word_of, sent_ids)), tuple(map(lower_of, sent_ids))
            is_cap_diff = bool(cap_diff[j])
            for _, g in group:
                values[g] = memo_valence(analyzer, memo, words, lower, g - first[j],
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
            inside = quoted_positions(sentences[j], raw[j])
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
    """``(fallback, scores, labels, words)`` of the rows :func:`score_rows` can score with
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
    # (is_setting) are left to classify_mention
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

    # what the mention says (speech_scope): the far side of a reporting verb or colon right
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

    # which quotations are speech for each row (speech_scope): none when the mention stands
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
    pos_threshold = SCOPED_CUTS[0] if pos_threshold is None else pos_threshold
    neg_threshold = SCOPED_CUTS[1] if neg_threshold is None else neg_threshold
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
