"""The measure: :func:`target_sentiment`, one row per sentence and target of a corpus."""

from __future__ import annotations

import re
import warnings
from functools import partial
from itertools import groupby
from operator import itemgetter

import numpy as np
import pandas as pd

from analysis.errors import check_columns
from analysis.language import detect_language, language_code
from analysis.parallel import document_parallel_options, map_chunks
from analysis.roles import apply_roles
from analysis.sentiment.bulk import Rescores, score_rows
from analysis.sentiment.classify import (
    DEFAULT_METHOD,
    check_method,
    classify_row,
    is_callable_method,
    model_rows,
    resolve_method,
    score_callable,
)
from analysis.sentiment.lexicon import vader_analyzer
from analysis.sentiment.model import TargetSentimentModel
from analysis.targets import alias_table, doc_mentions
from analysis.tokens import sentence_spans, sentence_spans_by_doc

__all__ = ["SCORE_COLUMNS", "method_languages", "score_mention_rows", "target_sentiment",
           "unstated_language"]

SCORE_COLUMNS = ["doc_id", "source", "sent_id", "sentence", "target", "alias", "actor",
                 "n_mentions", "start", "end", "score", "label", "words", "rule"]


@document_parallel_options
def target_sentiment(corpus: pd.DataFrame, *, method=DEFAULT_METHOD, aliases=None,
                     text_column: str = "text", sentences=None, include_venues: bool = False,
                     n_jobs: int | None = None, min_docs_parallel: int | None = None,
                     progress: bool | None = None,
                     **options) -> pd.DataFrame:
    """Score every (sentence, target) pair of ``corpus``.

    Each sentence that mentions a target gives one row per target; its first mention is
    scored with :func:`classify_mention` while every mention of any target in the sentence is
    masked (their words are names, not sentiment). With method ``"vader"`` the mentions of a
    chunk of articles are scored together with array operations, by the scorer
    :func:`classify_mention` runs on one mention (the scores are the same).

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, ``source`` and ``text_column``. With a ``language`` column, an
        article's sentences are split by its language's rules and the rows of a language the
        method cannot score (:func:`method_languages`) are not scored (see Returns).
    method : {"learned", "vader", "sentence"}, TargetSentimentModel or callable, default "learned"
        See :func:`classify_mention`; any other value is a ValueError (:func:`check_method`).
        A model (``"learned"`` or a fitted one) scores each chunk's rows in one batch.
        A callable ``method(sentences, starts, ends) -> scores in [-1, 1]`` (a transformers
        model, a local LLM, ...) gets each chunk's rows in one call and runs in this process
        (``n_jobs`` does not apply: a loaded model need not be copied to workers); its rows
        have no ``words`` (:func:`analysis.sentiment.classify.score_callable`).
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
    {parallel_options}
    **options
        Passed to :func:`classify_mention` (``window``, ``decay``, thresholds, ...).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, sentence, target, alias, actor, n_mentions, start,
        end, score, label, words, rule``: ``alias``/``start``/``end`` of the scored mention (offsets
        into ``sentence``), ``actor`` the office holders named (";"-joined, may be empty),
        ``n_mentions`` of the target in the sentence, ``score`` in [-1, 1], ``label`` and
        ``words`` ("word +0.31; ..."), ``rule`` the role rule of :mod:`analysis.roles`
        that decided the row ("" where none did). Sorted by ``doc_id, sent_id, target``. A row of an
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
    check_columns(corpus, ["doc_id", "source", text_column],
                  hint="run clean_corpus(load_corpus()) first or pass text_column=")
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
                        items, n_jobs=1 if is_callable_method(method) else n_jobs,
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


_OTHER_SCRIPT = re.compile("[\u0400-\u04ffəƏ]")


def unstated_language(text: str, *, max_chars: int = 5000) -> str:
    """The language of an article whose ``language`` is empty: "" (English rules) for a text in
    Latin letters without "ə"; otherwise :func:`analysis.language.detect_language`, and
    "und" (undetermined, scored by no method) when the text is too short to tell, so that a
    Russian or Azerbaijani article is never scored as English.

    Examples
    --------
    >>> unstated_language("The EU met."), unstated_language("Евросоюз осудил Армению.")
    ('', 'ru')
    >>> unstated_language("ЕС, 2025")
    'und'
    """
    if _OTHER_SCRIPT.search(text, 0, max_chars) is None:
        return ""
    return detect_language(text) or "und"


def score_mention_rows(sentences: list[str], mention_spans: list, row_sentence: list[int],
                       starts: list[int], ends: list[int], *, method=DEFAULT_METHOD,
                       options: dict | None = None,
                       mention_targets: list = ()) -> tuple[list, list, list, list]:
    """``(scores, labels, words, rules)`` of mentions by ``method`` with the role layer over
    them: the route of :func:`target_sentiment` once its mentions are found.

    Row ``r`` is the mention ``starts[r]:ends[r]`` of ``sentences[row_sentence[r]]``, whose
    target mentions are ``mention_spans[row_sentence[r]]`` (masked while it is scored).
    ``"vader"``, a model and a callable score every row in one batch call, ``"sentence"`` row
    by row; then :func:`analysis.roles.apply_roles` (unless ``options["roles"]`` is False),
    whose rescoring of masked rows is answered in one batch (:class:`Rescores`, ``"vader"``).

    Parameters
    ----------
    sentences : list of str
        The sentences.
    mention_spans : list of lists of (int, int)
        Every target mention of each sentence (characters).
    row_sentence, starts, ends : list of int
        Each row's sentence and mention offsets (characters, end exclusive).
    method : str, TargetSentimentModel or callable, default DEFAULT_METHOD
        As in :func:`target_sentiment`.
    options : dict, optional
        :func:`classify_mention`'s options, and ``roles``.
    mention_targets : list of lists of str, default ()
        The target of each of ``mention_spans`` (the actor-split rule needs it).

    Returns
    -------
    tuple of lists
        Scores, labels, evidence words and role rule ("" where no rule decided) per row.

    Examples
    --------
    >>> s = ["The EU condemned Armenia."]
    >>> score_mention_rows(s, [[(4, 6), (17, 24)]], [0, 0], [4, 17], [6, 24], method="vader")
    ([0.0, -0.5], ['neutral', 'negative'], ['holder: condemned', 'object: condemned'], \
['holder', 'object'])
    """
    options = dict(options or {})
    roles = options.pop("roles", True)
    method = resolve_method(method)  # "learned": the shipped model, read once per process
    own = is_callable_method(method)
    if isinstance(method, str) and method == "vader":
        scored = score_rows(sentences, mention_spans, row_sentence, starts, ends, options)
    elif own:  # the user's scorer: every row of the chunk in one call, so it can batch
        scored = score_callable(method, [sentences[j] for j in row_sentence], starts, ends,
                                pos_threshold=options.get("pos_threshold"),
                                neg_threshold=options.get("neg_threshold"))
    elif isinstance(method, TargetSentimentModel):  # one batch: features of all rows at once
        scored = model_rows(method, [sentences[j] for j in row_sentence], starts, ends)
    else:
        scored = [], [], []
        for j, a, b in zip(row_sentence, starts, ends):
            for column, value in zip(scored, classify_row(sentences[j], mention_spans[j], a,
                                                          b, method, options)):
                column.append(value)
    if not roles:
        return (*scored, [""] * len(row_sentence))
    # the role layer (analysis.roles) over whatever method scored the rows
    rescore = None if own else Rescores(options)  # answered together, after the layer
    scored = apply_roles(sentences, row_sentence, starts, ends, *scored,
                         mention_spans=mention_spans, mention_targets=mention_targets,
                         lexicon=vader_analyzer(options.get("news_lexicon", True)).lexicon,
                         rescore=rescore)
    return rescore.fill(*scored) if rescore is not None else scored


def _chunk_scores(items, *, method, aliases, include_venues, options,
                  languages=frozenset({"en"})) -> pd.DataFrame:
    """The rows of :func:`target_sentiment` for a chunk of articles ``(doc_id, source,
    text, language)``, or ``(doc_id, source, text, language, spans)`` with their sentence
    spans.

    Each sentence's first mention of each target is scored while every mention in the
    sentence is masked; with method ``"vader"`` the whole chunk is scored at once
    (:func:`score_rows`). Rows of an article whose language is not in ``languages`` are left
    unscored: score NaN, label and words "". An empty language counts as English unless the
    text has Cyrillic letters or "ə" (:func:`unstated_language`).
    """
    sentences, mention_spans, mention_targets, row_sentence, starts, ends = [], [], [], [], [], []
    doc_ids, sources, sent_ids, targets, aliases_, actors, n_mentions = [], [], [], [], [], [], []
    row_language, row_scored = [], []
    for item in items:
        doc_id, source, text, language = item[:4]
        code = language_code(language) or unstated_language(text)
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
                    mention_targets.append([m["target"] for m in group])
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
    scored = score_mention_rows(sentences, mention_spans, pick(row_sentence), pick(starts),
                                pick(ends), method=method, options=options,
                                mention_targets=mention_targets)
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
