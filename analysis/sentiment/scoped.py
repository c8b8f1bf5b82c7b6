"""Scoped VADER (method ``"vader"``): every rule of the scorer, in one place, for any number of
mentions at once (:func:`score_mentions`; one mention: :func:`vader_scoped`), with array
operations over the tokens of all their sentences; whole-sentence VADER and labels."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from analysis.sentiment.lexicon import vader_analyzer
from analysis.sentiment.parsing import parse_sentences, valences
from analysis.sentiment.rules import RULE_BITS

__all__ = ["label_of", "LABELS", "MentionScore", "SCOPED_CUTS", "SCOPED_OPTIONS", "Scored",
           "score_mentions", "SENTENCE_CUTS", "vader_scoped", "vader_sentence"]

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

# The options of :func:`score_mentions`, each of which it needs (meaning: classify_mention)
SCOPED_OPTIONS = ("window", "decay", "other_clause", "speech", "pos_weight", "setting",
                  "against", "victim", "mask_names", "headline", "alpha", "news_lexicon")


def label_of(score: float, pos_threshold: float, neg_threshold: float) -> str:
    """``"positive"`` at or above ``pos_threshold``, ``"negative"`` at or below the other.

    Examples
    --------
    >>> label_of(0.2, 0.05, -0.05), label_of(0.0, 0.05, -0.05)
    ('positive', 'neutral')
    """
    if score >= pos_threshold:
        return "positive"
    if score <= neg_threshold:
        return "negative"
    return "neutral"


def vader_scoped(sentence, start, end, *, mask_spans, window, decay, other_clause,
                 mask_names, alpha, news_lexicon, pos_weight=1.0, speech=1.0, setting=1.0,
                 headline=1.01, against=0.0, victim=1.0):
    """``(score, words)`` of the mention ``sentence[start:end]`` by the default method (see
    :func:`analysis.sentiment.classify_mention` for the options): :func:`score_mentions` on
    one mention, with ``mask_spans`` masked."""
    opts = dict(window=window, decay=decay, other_clause=other_clause, mask_names=mask_names,
                alpha=alpha, news_lexicon=news_lexicon, pos_weight=pos_weight, speech=speech,
                setting=setting, headline=headline, against=against, victim=victim)
    out = score_mentions([sentence], [[(start, end), *mask_spans]], [0], [start], [end], opts)
    return float(out.score[0]), tuple(out.words[0])


def vader_sentence(sentence):
    """``(compound, words)``: plain whole-sentence VADER (method ``"sentence"``)."""
    compound = vader_analyzer(False).polarity_scores(sentence)["compound"]
    words, _, values = valences(sentence, False)
    norm = compound / sum(values) if sum(values) else 0.0
    carried = sorted(((w, v * norm) for w, v in zip(words, values) if v), key=lambda x: -abs(x[1]))
    return compound, tuple((w, round(c, 4)) for w, c in carried)


# --------------------------------------------------------------------------------------------
# The mentions
# --------------------------------------------------------------------------------------------

class Scored(NamedTuple):
    """What :func:`score_mentions` gives per row."""

    score: np.ndarray     # in [-1, 1]
    setting: np.ndarray   # the mention is a setting (a time, a place, an addressee)
    words: list           # (word, contribution) pairs, strongest first (ties in sentence order)


def score_mentions(sentences, mention_spans, row_sentence, starts, ends, options, *,
                   top: int | None = None) -> Scored:
    """Scoped VADER of many mentions at once (method ``"vader"``: every rule of it is here).

    Row ``r`` is the mention ``starts[r]:ends[r]`` (characters) of
    ``sentences[row_sentence[r]]``, all of whose ``mention_spans`` are masked (the row's own
    among them: its words are a name, not sentiment).

    Parameters
    ----------
    sentences : list of str
    mention_spans : list of lists of (int, int)
        Per sentence, the character spans whose words carry no sentiment.
    row_sentence, starts, ends : sequences of int
        Per row: its sentence and the mention's character offsets (end exclusive).
    options : mapping
        Every name of :data:`SCOPED_OPTIONS` (see :func:`analysis.sentiment.classify_mention`).
    top : int, optional
        Keep only so many words per row (all by default).

    Returns
    -------
    Scored
        ``score`` (float array), ``setting`` (bool array), ``words`` (a list per row).

    Examples
    --------
    >>> from analysis.sentiment.classify import VADER_OPTIONS
    >>> s = "Europe is hopelessly behind the U.S."
    >>> out = score_mentions([s], [[(0, 6), (32, 36)]], [0, 0], [0, 32], [6, 36], VADER_OPTIONS)
    >>> [round(x, 2) for x in out.score.tolist()], out.words[1]
    ([-0.69, 0.69], [('hopelessly', 0.4107), ('behind', 0.28)])
    """
    opts = {name: options[name] for name in SCOPED_OPTIONS}
    n_rows = len(row_sentence)
    p = parse_sentences(list(sentences), news_lexicon=bool(opts["news_lexicon"]),
                        quotes=opts["speech"] != 1.0, mask_names=opts["mask_names"],
                        headline=opts["headline"])
    vocab = p.vocab
    first, last, base, g_start, g_end = p.first, p.last, p.base, p.g_start, p.g_end
    bits, clause, values = p.bits, p.clause, p.values
    n_sent, n = len(sentences), len(p.ids)
    if not n:  # no words at all: no mention is found
        return Scored(np.zeros(n_rows), np.zeros(n_rows, dtype=bool), [[] for _ in range(n_rows)])

    def token_span(sent, a, b):  # the tokens overlapping characters [a, b) of their sentence
        lo = np.searchsorted(g_end, base[sent] + a, side="right")
        hi = np.searchsorted(g_start, base[sent] + b, side="left") - 1
        return np.minimum(np.maximum(lo, first[sent]), last[sent] + 1), \
            np.minimum(np.maximum(hi, first[sent] - 1), last[sent])

    # every mention of a sentence is masked for each of its rows
    span_sent = np.repeat(np.arange(n_sent), [len(s) for s in mention_spans])
    spans = np.array([ab for s in mention_spans for ab in s], dtype=np.int64).reshape(-1, 2)
    m_lo, m_hi = token_span(span_sent, spans[:, 0], spans[:, 1])
    cover = np.zeros(n + 1, dtype=np.int64)
    np.add.at(cover, m_lo, 1)
    np.add.at(cover, np.maximum(m_hi + 1, m_lo), -1)
    masked = np.cumsum(cover[:-1]) > 0
    eligible = (values != 0) & ~masked & ~p.named

    # rows: the mention's tokens t0..t1, and what stands next to it
    r_sent = np.asarray(row_sentence, dtype=np.int64)
    t0, t1 = token_span(r_sent, np.asarray(starts, dtype=np.int64),
                        np.asarray(ends, dtype=np.int64))
    found = t1 >= t0
    t0c, t1c = np.minimum(t0, n - 1), np.maximum(t1, 0)
    r_first, r_last = first[r_sent], last[r_sent]
    ok = found.copy()

    def fact(bit):
        return (bits & RULE_BITS[bit]) != 0

    def at(k, bit):  # whether token k (of the row's sentence, else False) has the fact
        return found & (k >= r_first) & (k <= r_last) & \
            ((bits.take(k, mode="clip") & RULE_BITS[bit]) != 0)

    def count(flag):  # count(flag)[k]: tokens before k with the flag
        return np.concatenate([[0], np.cumsum(flag)])

    def none_between(counts, lo, hi):  # no flagged token in lo..hi-1 (empty when hi <= lo)
        return counts.take(hi, mode="clip") - counts.take(lo, mode="clip") <= 0

    # a setting: a time ("Sunday", "last week"), or a name right after "in" or a verb of
    # addressing (not after a clause boundary) that is neither a possessive nor a pronoun
    not_time_word = count(~fact("time_word"))
    not_time_lead = count(~(fact("time_word") | fact("time_det")))
    is_time = none_between(not_time_word, t0c, t1c + 1) | (
        (t1c > t0c) & at(t1c, "time_unit") & none_between(not_time_lead, t0c, t1c))
    addressed = at(t0c - 1, "setting_before") & ~at(t0c - 1, "word_ends_clause") & \
        ~at(t1c, "possessive") & ~((t0c == t1c) & at(t0c, "pronoun"))
    setting = found & (is_time | addressed)
    alpha = np.full(n_rows, float(opts["alpha"]))
    if opts["setting"] != 1.0:
        if not opts["setting"]:
            ok &= ~setting  # a place or a time is not portrayed: nothing is evidence
        else:  # the same as scaling every word by ``setting``
            alpha[setting] = opts["alpha"] / (opts["setting"] * opts["setting"])
    rows = np.flatnonzero(ok)

    # a victim: the object of a harm word at most three words before it in its clause ("the
    # murder of X", "fatally shooting X"), or the subject of one it undergoes at most three
    # words after it, before any clause boundary ("X was shot", "X has died", "X died")
    gap = count(~fact("object_gap"))
    victimised = np.zeros(n_rows, dtype=bool)
    if opts["victim"] != 1.0:
        for k in (1, 2, 3):
            victimised |= at(t0c - k, "harm_act") & ~at(t0c - k, "undergone") & \
                ~at(t0c - k, "token_ends_clause") & none_between(gap, t0c - k + 1, t0c)
        open_after = found.copy()
        for k in (1, 2, 3):
            open_after &= ~at(t1c + k - 1, "token_ends_clause")
            victimised |= open_after & at(t1c + k, "harm_act") & (
                at(t1c + k - 1, "passive") | at(t1c + k, "undergone") & (
                    (k == 1) | at(t1c + k - 1, "undergo_aux")))

    # what the mention says: the far side of a reporting verb or colon right after it, the
    # part before one right before it
    said1, said2, colon = at(t1c + 1, "say"), at(t1c + 2, "say"), at(t1c, "colon") & \
        (t1c + 1 <= r_last)
    says = said1 | said2 | colon
    said_before1, said_before2 = at(t0c - 1, "say"), at(t0c - 2, "say")
    said_lo = np.where(said1, t1c + 2, np.where(said2, t1c + 3, np.where(colon, t1c + 1,
                                                                         r_first)))
    said_hi = np.where(says, r_last + 1, np.where(said_before1, t0c - 1,
                                                  np.where(said_before2, t0c - 2, r_first)))
    # the negative words after a verb of talking right after the mention ("X talks of ...")
    talks = np.where(at(t1c + 1, "talk"), t1c + 1, np.where(at(t1c + 2, "talk"), t1c + 2, n))
    # quotations: none is speech when the mention stands inside one or right after "called";
    # only those before it when one follows it with no reporting verb in between (it
    # describes the mention: "Comey's comment that Trump is 'unethical'"); otherwise all
    quoted = p.quoted
    n_quoted, n_say = count(quoted), count(fact("say"))
    next_quoted = np.append(np.minimum.accumulate(np.where(quoted, np.arange(n), n)[::-1])[::-1],
                            n)
    after = next_quoted[np.minimum(t1c + 1, n)]
    no_speech = ~none_between(n_quoted, t0c, t1c + 1) | at(t0c - 1, "naming")
    before_only = ~says & (after <= r_last) & none_between(n_say, t1c + 1, after)

    # "Unlike the EU, Washington acted": the words of other clauses count the other way
    clause_start = np.maximum(np.searchsorted(clause, clause[t0c], side="left"), r_first)
    unlike = ~none_between(count(p.unlike), clause_start, t0c)
    n_cue = count(p.cue)

    # pairs (row, eligible token of its sentence), tokens in sentence order
    token_of = np.flatnonzero(eligible)
    e_first = np.searchsorted(token_of, first)
    e_count = np.searchsorted(token_of, last + 1) - e_first
    n_pairs = e_count[r_sent[rows]]
    p_row = np.repeat(rows, n_pairs)
    p_rank = np.arange(n_pairs.sum()) - np.repeat(np.cumsum(n_pairs) - n_pairs, n_pairs)
    p_tok = token_of[np.repeat(e_first[r_sent[rows]], n_pairs) + p_rank]
    r0, r1 = t0[p_row], t1[p_row]
    value = values[p_tok]
    # full weight within ``window`` words, then ``decay`` per word (each power once)
    d = np.maximum(np.maximum(r0 - p_tok, p_tok - r1), 0)
    window, decay = opts["window"], opts["decay"]
    beyond = d > window
    exponent, index = np.unique(np.where(beyond, d - window, 0), return_inverse=True)
    powers = np.array([decay ** e for e in exponent.tolist()], dtype=float)
    weight = np.where(beyond, powers[index.reshape(-1)] if len(index) else 0.0, 1.0)
    # a harm the mention undergoes: its object right after it, its subject right before it
    undergone = np.zeros(len(p_tok), dtype=bool)
    if opts["victim"] != 1.0:
        object_of = (p_tok >= r0 - 3) & (p_tok < r0)
        undergone = fact("harm")[p_tok] & np.where(
            object_of, none_between(gap, p_tok + 1, r0),
            (p_tok > r1) & (p_tok <= r1 + 3) & (fact("undergone")[p_tok]
                                                | fact("passive")[np.maximum(p_tok - 1, 0)]))
        weight = np.where(undergone, weight * opts["victim"], weight)
    other = clause[p_tok] != clause[r0]
    weight = np.where(other, weight * opts["other_clause"], weight)
    weight = np.where(other & unlike[p_row], -weight, weight)
    speech = quoted[p_tok] & ~no_speech[p_row] & (~before_only[p_row] | (p_tok < r0))
    speech |= (p_tok >= said_lo[p_row]) & (p_tok < said_hi[p_row])
    weight = np.where(speech, weight * opts["speech"], weight)
    weight = np.where(value > 0, weight * opts["pos_weight"], np.where(
        victimised[p_row], np.where(undergone, weight, weight * opts["victim"]),
        np.where(p_tok > talks[p_row], weight * opts["speech"], weight)))
    # comparative cues: a cue counts for the side it stands on (the mention after "behind" is
    # the one ahead), and a cue between a word and the mention turns the word round
    between = np.where(p_tok < r0, ~none_between(n_cue, p_tok + 1, r0),
                       ~none_between(n_cue, r1 + 1, p_tok))
    weight = np.where(np.where(p.cue_word[p_tok], p_tok < r0, between), -weight, weight)
    keep = weight != 0  # scoped out entirely (speech=0, other_clause=0): not evidence
    p_row, p_rank, p_tok, contribution = p_row[keep], p_rank[keep], p_tok[keep], \
        value[keep] * weight[keep]
    word_of = vocab.words.__getitem__
    p_word = [word_of(i) for i in p.ids[p_tok].tolist()]

    # "the case against X", "protests against X": X is opposed
    against = opts["against"]
    if against:
        opposed = np.flatnonzero(ok & at(t0c - 1, "against"))
        p_row = np.concatenate([p_row, opposed])
        p_rank = np.concatenate([p_rank, np.full(len(opposed), n, dtype=np.int64)])
        contribution = np.concatenate([contribution, np.full(len(opposed), float(against))])
        p_word += [word_of(i) for i in p.ids[t0c[opposed] - 1].tolist()]

    # totals summed in token order
    total = np.zeros(n_rows)
    order = np.argsort(p_rank, kind="stable")
    bounds = np.searchsorted(p_rank[order], np.unique(p_rank[order]).tolist() + [n + 1])
    for k in range(len(bounds) - 1):
        at_k = order[bounds[k]:bounds[k + 1]]
        total[p_row[at_k]] += contribution[at_k]
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(ok, total / np.sqrt(total * total + alpha), 0.0)
    norm = np.divide(score, total, out=np.zeros(n_rows), where=total != 0)

    # words: strongest first, ties in sentence order
    order = np.lexsort((p_rank, -np.abs(contribution), p_row))
    carried = (contribution * norm[p_row])[order].tolist()
    words: list = [[] for _ in range(n_rows)]
    for r, k, c in zip(p_row[order].tolist(), order.tolist(), carried):
        if top is None or len(words[r]) < top:
            words[r].append((p_word[k], round(c, 4)))
    return Scored(score, setting, words)
