"""The rows of :func:`analysis.sentiment.target_sentiment` by method ``"vader"``, a slice of
sentences at a time, as the table shows them (:func:`score_rows`)."""

from __future__ import annotations

import numpy as np

from analysis.sentiment.classify import format_words, vader_options
from analysis.sentiment.scoped import SCOPED_CUTS, label_of, score_mentions

__all__ = ["Rescores", "score_rows"]


def score_rows(sentences: list[str], mention_spans: list[list[tuple[int, int]]],
               row_sentence: list[int], starts: list[int], ends: list[int],
               options: dict, *, batch: int = 2000) -> tuple[list[float], list[str], list[str]]:
    """Scoped VADER for many mentions at once: ``(score, label, words)`` per row.

    Row ``r`` scores the mention ``starts[r]:ends[r]`` of ``sentences[row_sentence[r]]``, all
    of whose ``mention_spans`` are masked, with the ``options`` of :func:`classify_mention`
    (method ``"vader"``), by :func:`analysis.sentiment.scoped.score_mentions`, the scorer
    :func:`classify_mention` also uses: the score rounded to six places, the label and the six
    strongest words. ``batch`` sentences are scored at a time (their token arrays take a few MB;
    a worker's whole chunk would take hundreds).

    Examples
    --------
    >>> score_rows(["The EU is not helpful."], [[(4, 6)]], [0], [4], [6], {})
    ([-0.325224], ['negative'], ['helpful -0.33'])
    """
    opts = vader_options(options)
    pos = SCOPED_CUTS[0] if opts["pos_threshold"] is None else opts["pos_threshold"]
    neg = SCOPED_CUTS[1] if opts["neg_threshold"] is None else opts["neg_threshold"]
    n_rows = len(row_sentence)
    scores: list = [None] * n_rows
    labels: list = [None] * n_rows
    words_out: list = [None] * n_rows
    row_sentence = np.asarray(row_sentence, dtype=np.int64)
    order = np.argsort(row_sentence, kind="stable")
    bounds = np.searchsorted(row_sentence[order], np.arange(0, len(sentences) + batch, batch))
    starts_a, ends_a = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    for k, j0 in enumerate(range(0, len(sentences), batch)):
        rows = order[bounds[k]:bounds[k + 1]]
        if not len(rows):
            continue
        j1 = min(j0 + batch, len(sentences))
        out = score_mentions(sentences[j0:j1], mention_spans[j0:j1], row_sentence[rows] - j0,
                             starts_a[rows], ends_a[rows], opts, top=6)
        for r, score, words in zip(rows.tolist(), out.score.tolist(), out.words):
            scores[r], labels[r], words_out[r] = round(score, 6), label_of(score, pos, neg), \
                format_words(words)
    return scores, labels, words_out


class _Later(int):
    """The place of a rescore request in :class:`Rescores`, standing in for its result."""


class Rescores:
    """The role layer's ``rescore`` for rows of one chunk, answered all at once.

    :func:`analysis.roles.apply_roles` asks ``rescore(sentence, start, end, mask)`` for the
    rows its other-actor rule decides and puts the answer in its output lists; one
    :func:`score_rows` over every such request costs what a handful of single rows do, so each
    call here returns a stand-in and :meth:`fill` replaces the stand-ins in those lists by the
    answers (method ``"vader"`` with ``options`` and ``mask`` masked).

    Examples
    --------
    >>> rescore = Rescores({})
    >>> later = rescore("The EU is not helpful.", 4, 6, [])
    >>> rescore.fill([later[0]], [later[1]], [later[2]], ["other_actor"])
    ([-0.325224], ['negative'], ['helpful -0.33'], ['other_actor'])
    """

    def __init__(self, options: dict):
        self.options = options
        self.requests: list[tuple] = []

    def __call__(self, sentence: str, start: int, end: int, mask) -> tuple:
        self.requests.append((sentence, start, end, [*mask, (start, end)]))
        later = _Later(len(self.requests) - 1)
        return later, later, later

    def fill(self, scores: list, labels: list, words: list, rules: list) -> tuple:
        """The lists with every stand-in replaced by its answer."""
        if not self.requests:
            return scores, labels, words, rules
        sentences, starts, ends, spans = (list(x) for x in zip(*self.requests))
        answers = score_rows(sentences, spans, list(range(len(sentences))), starts, ends,
                             self.options)
        for column, answer in zip((scores, labels, words), answers):
            for r, value in enumerate(column):
                if isinstance(value, _Later):
                    column[r] = answer[value]
        return scores, labels, words, rules
