"""Terms in context: keyword-in-context lines and collocations of a target, per source.

A *target* can be given four ways, all resolved by :func:`target_aliases` into an alias table
(``target, alias, pattern, kind, actor``, the format of :func:`analysis.targets.alias_table`):

* a target name of the alias table ("EU", "US", "Armenia"): its aliases and the
  disambiguation rules of :mod:`analysis.targets` ("between Europe and Asia" is not the EU);
* a plain string ("European Union", "peace", "Armenia*"): matched as a whole word or phrase,
  ``*`` standing for any word ending; all-caps strings ("US") match case-sensitively so the
  country is never the pronoun, other strings ignore case;
* a list of such strings (the aliases of one target, labelled by the first) or a dict
  ``{label: [alias, ...]}`` for several targets at once;
* an alias table itself.

Matching is done sentence by sentence (the sentences of :func:`analysis.tokens.sentences`),
so both a concordance line and a collocation window stop at the sentence boundary. A
``language`` column picks each article's sentence rules, tokenizer, stopwords and lemmas
(:func:`analysis.words.rules_language`); English without one. Both functions work article
by article, on every core when the corpus is large (:func:`analysis.parallel.map_chunks`),
with a progress bar on long runs; the tables are the same for any number of processes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import partial

import numpy as np
import pandas as pd
from scipy.stats import chi2

from analysis.errors import check_columns
from analysis.parallel import document_parallel_options, map_chunks
from analysis.tokens import (
    PHRASES,
    STOPWORDS,
    compile_phrases,
    join_phrases,
    normalize_text,
    sentence_spans,
    tokenize,
    word_spans,
)
from analysis.words import LANGUAGES, rules_language, stopwords_for

__all__ = ["article_rows", "check_collocations", "check_kwic", "collocation_articles",
           "collocation_counter", "collocation_table", "collocations", "group_keys", "kwic",
           "merge_windows", "sentence_mentions", "target_aliases"]

_ALIAS_COLUMNS = ["target", "alias", "pattern", "kind", "actor"]
_MEASURES = ("llr", "pmi")


def _literal_pattern(alias: str) -> str:
    """Regex for one plain alias: flexible whitespace, ``*`` as a word ending, case rule."""
    words = [re.escape(w).replace(r"\*", r"\w*") for w in alias.split()]
    body = r"\s+".join(words)
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return body  # an acronym: "US" must not match "us"
    return f"(?i:{body})"


def target_aliases(target) -> pd.DataFrame:
    """Resolve a target name, pattern, list, dict or alias table into an alias table.

    Parameters
    ----------
    target : str, list of str, dict, re.Pattern or pandas.DataFrame
        See the module docstring. A string naming a target of
        :func:`analysis.targets.alias_table` resolves to that target's aliases.

    Returns
    -------
    pandas.DataFrame
        Columns ``target, alias, pattern, kind, actor``, one row per alias.

    Raises
    ------
    ValueError
        An empty target or alias list, or a table without the alias columns.

    Examples
    --------
    >>> t = target_aliases(["European Union", "EU"])
    >>> t[["target", "alias"]].values.tolist()
    [['European Union', 'European Union'], ['European Union', 'EU']]
    >>> t["pattern"].tolist()
    ['(?i:European\\\\s+Union)', 'EU']
    >>> "Brussels" in set(target_aliases("EU")["alias"])
    True
    """
    if isinstance(target, pd.DataFrame):
        check_columns(target, _ALIAS_COLUMNS, what="alias table")
        return target[_ALIAS_COLUMNS].fillna("").astype(str).reset_index(drop=True)
    if isinstance(target, re.Pattern):
        flags = "(?i)" if target.flags & re.IGNORECASE else ""
        body = f"(?i:{target.pattern})" if flags else target.pattern
        return pd.DataFrame([(target.pattern, target.pattern, body, "pattern", "")],
                            columns=_ALIAS_COLUMNS)
    if isinstance(target, str):
        known = _known_targets()
        if known is not None and target in set(known["target"]):
            return known[known["target"] == target].reset_index(drop=True)
        target = {target: [target]}
    elif not isinstance(target, dict):
        aliases = [str(a) for a in target]
        if not aliases:
            raise ValueError("empty alias list")
        target = {aliases[0]: aliases}
    rows = []
    for label, aliases in target.items():
        aliases = [aliases] if isinstance(aliases, str) else list(aliases)
        if not aliases or not all(str(a).strip() for a in aliases):
            raise ValueError(f"target {label!r} has an empty alias")
        rows.extend((str(label), a, _literal_pattern(a), "pattern", "") for a in aliases)
    return pd.DataFrame(rows, columns=_ALIAS_COLUMNS)


def _known_targets() -> pd.DataFrame | None:
    """The project's default alias table, imported lazily (``analysis.targets`` is optional)."""
    try:
        from analysis.targets import alias_table
    except ImportError:
        return None
    return alias_table()


def sentence_mentions(text: str, aliases: pd.DataFrame, *, language: str = "en"):
    """The sentence spans of an article and its target mentions, by sentence number.

    :func:`analysis.targets.doc_mentions` scans the whole article once and applies the
    boundaries and disambiguation rules of :mod:`analysis.targets`; it finds what searching
    each sentence would.

    Parameters
    ----------
    text : str
        The article.
    aliases : pandas.DataFrame
        From :func:`target_aliases`.
    language : str, default "en"
        The article's language code; picks the sentence rules.

    Returns
    -------
    tuple
        ``(spans, {sent_id: [(target, start, end), ...]})``: the
        :func:`analysis.tokens.sentence_spans` of ``text`` in ``language`` and the mentions,
        offsets into the sentence.

    Examples
    --------
    >>> spans, found = sentence_mentions("Talks. The EU met.", target_aliases("EU"))
    >>> spans, found
    ([(0, 6), (7, 18)], {1: [('EU', 4, 6)]})
    """
    from analysis.targets import doc_mentions

    spans = sentence_spans(text, language=language)
    found: dict[int, list] = {}
    for sent_id, _, m in doc_mentions(text, aliases=aliases, spans=spans):
        found.setdefault(sent_id, []).append((m["target"], m["start"], m["end"]))
    return spans, found


def group_keys(by: str) -> list[str]:
    """The grouping columns of a table grouped ``by`` a column: ``source`` always comes first.

    Parameters
    ----------
    by : str
        The grouping column.

    Returns
    -------
    list of str

    Examples
    --------
    >>> group_keys("source"), group_keys("date")
    (['source'], ['source', 'date'])
    """
    return ["source"] if by == "source" else ["source", by]


def _check(corpus: pd.DataFrame, by: str, text_column: str) -> None:
    check_columns(corpus, ["doc_id", "source", text_column, by])


def article_rows(corpus: pd.DataFrame, keys: list[str], text_column: str) -> pd.DataFrame:
    """One row per article: its group values, ``doc_id`` (unless a group) and its text.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, the ``keys`` and ``text_column``.
    keys : list of str
        From :func:`group_keys`.
    text_column : str
        Column with the article body.

    Returns
    -------
    pandas.DataFrame
        The ``keys``, ``doc_id`` and ``_text`` (the body, missing values as ``""``), in
        corpus order; :func:`kwic` reads them with the article's language after the text.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [None]})
    >>> article_rows(c, ["source"], "text").values.tolist()
    [['X', 'a', '']]
    """
    columns = list(dict.fromkeys([*keys, "doc_id"]))
    return corpus[columns].assign(_text=corpus[text_column].fillna("").astype(str))


def _with_language(articles: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with ``_language`` last: :func:`analysis.words.rules_language` of each
    article's ``language``, "en" for a corpus without the column."""
    language = ([rules_language(v) for v in corpus["language"]] if "language" in corpus
                else "en")
    return articles.assign(_language=language)


@document_parallel_options
def kwic(corpus: pd.DataFrame, pattern, *, window: int = 8, by: str = "source",
         text_column: str = "text", n_jobs: int | None = None, min_docs_parallel: int | None = None,
         progress: bool | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for a pattern or target, cut at the sentence boundary.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text_column``; a ``language`` column picks
        each article's sentence rules (English without one).
    pattern : str, list of str, dict, re.Pattern or pandas.DataFrame
        What to find; see :func:`target_aliases`. "European Union" matches the phrase with any
        whitespace between the words; "EU" resolves to the EU's aliases.
    window : int, default 8
        Words (whitespace-separated, punctuation attached) shown on each side at most; fewer
        when the sentence ends first.
    by : str, default "source"
        Grouping column; the table is sorted by it first. Groups other than ``source`` keep
        ``source`` beside them.
    text_column : str, default "text"
        Column with the article body.
    {parallel_options}

    Returns
    -------
    pandas.DataFrame
        One row per match: ``source`` (and ``by``), ``doc_id, sent_id, target, left, match,
        right, start, end``; ``left``/``right`` are shown with Markdown bold markers removed
        and quotes straightened; ``sent_id`` is the sentence number within the article as in
        :func:`analysis.tokens.sentences`, ``start``/``end`` are character offsets of the match
        in that sentence. Sorted by group, ``doc_id``, ``sent_id``, ``start``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "text": ["Talks stalled. The European Union sent envoys to Baku today."]})
    >>> kwic(c, "European Union", window=2)[["sent_id", "left", "match", "right"]].values.tolist()
    [[1, 'The', 'European Union', 'sent envoys']]
    """
    check_kwic(window)
    _check(corpus, by, text_column)
    aliases = target_aliases(pattern)
    keys = group_keys(by)
    ids = [c for c in ["doc_id", "sent_id"] if c not in keys]
    chunks = map_chunks(partial(_kwic_rows, aliases=aliases, window=window),
                        _with_language(article_rows(corpus, keys, text_column), corpus),
                        n_jobs=n_jobs,
                        min_docs=min_docs_parallel, progress=progress, desc="kwic")
    columns = keys + ids + ["target", "left", "match", "right", "start", "end"]
    out = pd.DataFrame([row for chunk in chunks for row in chunk], columns=columns)
    order = [*keys, *ids, "start", "target"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)


def _kwic_rows(articles, *, aliases, window: int) -> list[tuple]:
    """Concordance rows of a chunk of :func:`article_rows` rows, group values first."""
    rows = []
    for *group, text, language in articles:
        spans, found = sentence_mentions(text, aliases, language=language)
        for sent_id in sorted(found):
            a, b = spans[sent_id]
            sentence = text[a:b]
            gaps = [(m.start(), m.end()) for m in _SPACE.finditer(sentence)]
            gap_starts, gap_ends = [g[0] for g in gaps], [g[1] for g in gaps]
            for target, start, end in found[sent_id]:
                rows.append((*group, sent_id, target,
                             " ".join(_left_words(sentence, start, window, gaps, gap_ends)),
                             sentence[start:end],
                             " ".join(_right_words(sentence, end, window, gaps, gap_starts)),
                             start, end))
    return rows


_SPACE = re.compile(r"\s+")


# A concordance shows its words with Markdown bold markers and curly quotes removed
# (normalize_text), but never normalizes more of the sentence than the window needs: a sentence
# with m mentions costs O(m * window), not O(m * sentence length). normalize_text acts on a
# word and on its line start only, so a piece cut at whitespace normalizes to the same words as
# the whole side; a piece that loses words (a lone "**" or bullet) is widened until it holds
# ``window`` words or reaches the sentence end.


def _left_words(sentence: str, start: int, window: int, gaps, gap_ends) -> list[str]:
    """The last ``window`` words of ``normalize_text(sentence[:start]).split()``."""
    if window == 0:
        return []
    before = bisect_right(gap_ends, start)  # whitespace runs wholly left of the match
    k = window + 1
    while True:
        if k > before:
            words = normalize_text(sentence[:start]).split()
        else:
            # "x" stands for the word before the cut: the piece's first line is then not a
            # line start for the bullet rule, as in the whole side; it is dropped again.
            cut = gaps[before - k][0]
            words = normalize_text("x" + sentence[cut:start]).split()[1:]
        if len(words) >= window or k > before:
            return words[len(words) - min(window, len(words)):]
        k *= 2


def _right_words(sentence: str, end: int, window: int, gaps, gap_starts) -> list[str]:
    """The first ``window`` words of ``normalize_text(sentence[end:]).split()``."""
    if window == 0:
        return []
    first = bisect_left(gap_starts, end)  # whitespace runs right of the match
    k = window + 1
    while True:
        if first + k > len(gaps):
            words = normalize_text(sentence[end:]).split()
        else:
            words = normalize_text(sentence[end:gaps[first + k - 1][1]]).split()
        if len(words) >= window or first + k > len(gaps):
            return words[:window]
        k *= 2


def _words(text: str, lemmatize: bool, phrases, lang: str = "en") -> list[str]:
    return join_phrases(tokenize(text, lemmatize=lemmatize, language=lang), phrases)


def _word_slots(sentence: str, spans) -> list[tuple[int, int]]:
    """Mention spans widened to the whole word the tokenizer reads: a possessive ("EU’s") or
    a hyphenated word ("Armenia-centric") is one word, so one slot, and leaves no fragment
    ("s", "centric") behind; a compound of names the tokenizer splits ("Armenia-Azerbaijan")
    keeps its other name as a word of its own."""
    words = word_spans(sentence)
    out = []
    for start, end in spans:
        lo, hi = start, end
        for a, b, n_tokens in words:
            if a < end and start < b and n_tokens == 1:  # a word holding part of the mention
                lo, hi = min(a, lo), max(b, hi)
        out.append((lo, hi))
    return sorted(out)


def _segments(sentence: str, spans, lemmatize: bool, phrases, lang: str = "en"):
    """Tokens of a sentence with each mention as one slot: list of (term or None, is_mention)."""
    items: list[tuple[str | None, bool]] = []
    pos = 0
    for start, end in _word_slots(sentence, spans):
        if start < pos:  # overlapping match of another alias: already covered
            continue
        items.extend((t, False) for t in _words(sentence[pos:start], lemmatize, phrases, lang))
        items.append((None, True))
        pos = end
    items.extend((t, False) for t in _words(sentence[pos:], lemmatize, phrases, lang))
    return items


def collocations(corpus: pd.DataFrame, target, *, window: int = 5, by: str = "source",
                 min_count: int = 2, measure: str = "llr", lemmatize: bool = False,
                 stopwords: frozenset[str] | None = STOPWORDS, phrases=PHRASES,
                 text_column: str = "text", n_jobs: int | None = None,
                 min_docs_parallel: int | None = None,
                 progress: bool | None = None) -> pd.DataFrame:
    """Words that occur within ``window`` tokens of a target's mentions, per source.

    In each sentence, every mention of the target (any alias, e.g. "European Union", "EU",
    "Brussels") is one slot; the ``window`` tokens on each side of it, counted over all word
    tokens including stopwords and never past the sentence boundary, form its window. A token
    inside the windows of two mentions counts once. Stopwords and the target's own mentions are
    not collocates. Association compares the window with the rest of the group's text in a 2x2
    table per term: ``count`` of the term in windows, ``n_total - count`` outside; the other
    collocate tokens in windows, and outside.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text_column``; a ``language`` column picks
        each article's sentence rules, tokenizer, stopwords and lemmas (English without one).
    target : str, list of str, dict, re.Pattern or pandas.DataFrame
        See :func:`target_aliases`; a dict or alias table with several targets gives each its
        own rows.
    window : int, default 5
        Word tokens on each side of a mention.
    by : str, default "source"
        Grouping column; other groups are nested within source.
    min_count : int, default 2
        Collocates seen fewer times in a group's windows are dropped (PMI is unreliable on
        one-off pairs).
    measure : {"llr", "pmi"}, default "llr"
        Which association orders ``rank``; both columns are always returned.
    lemmatize : bool, default False
        Count ``simplemma`` lemmas (of the article's language; Azerbaijani words as they are).
    stopwords : frozenset of str or None, default STOPWORDS
        Tokens that are never collocates (they still count as window positions). The default
        stands for each article's language's list (:func:`analysis.words.stopwords_for`).
    phrases : sequence of str, default :data:`analysis.tokens.PHRASES`
        Multi-word names counted as one token ("united states"), as in ``analysis.freq``.
    text_column : str, default "text"
        Column with the article body.
    n_jobs, min_docs_parallel, progress
        As in :func:`kwic`; the counts of chunks of articles add up to the same table.

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` (and ``by``), ``target, term, count`` (occurrences in windows),
        ``n_total`` (occurrences in the group), ``expected`` (count expected if the term were
        spread evenly), ``llr`` (log-likelihood G2, negative when the term is rarer near the
        target than elsewhere), ``pmi`` (log2 observed / expected), ``p_value`` (chi-squared,
        1 df, uncorrected), ``n_mentions`` (target mentions in the group), ``rank`` (1 = most
        associated by ``measure``). Sorted by group, ``target``, ``rank``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [
    ...     "EU sanctions hit Russia. EU sanctions expire. Markets rose. Markets fell."]})
    >>> collocations(c, "EU", window=1)[["term", "count", "n_total", "n_mentions"]]
            term  count  n_total  n_mentions
    0  sanctions      2        2           2
    """
    check_collocations(measure, window)
    _check(corpus, by, text_column)
    keys = group_keys(by)
    count = collocation_counter(target, window=window, lemmatize=lemmatize,
                                stopwords=stopwords, phrases=phrases)
    articles = collocation_articles(corpus, keys, text_column)
    windows = merge_windows(map_chunks(count, articles, n_jobs=n_jobs,
                                       min_docs=min_docs_parallel, progress=progress,
                                       desc="collocations"))
    return collocation_table(windows, keys, min_count=min_count, measure=measure)


def check_kwic(window: int) -> None:
    """Raise ``ValueError`` for a window :func:`kwic` cannot show.

    Parameters
    ----------
    window : int
        Words on each side.

    Examples
    --------
    >>> check_kwic(-1)
    Traceback (most recent call last):
    ...
    ValueError: window must be >= 0 words, got -1
    """
    if window < 0:
        raise ValueError(f"window must be >= 0 words, got {window}")


def check_collocations(measure: str, window: int) -> None:
    """Raise ``ValueError`` for a measure or window :func:`collocations` does not take.

    Parameters
    ----------
    measure : str
        ``"llr"`` or ``"pmi"``.
    window : int
        Tokens on each side, at least 1.

    Examples
    --------
    >>> check_collocations("chi2", 5)
    Traceback (most recent call last):
    ...
    ValueError: measure must be one of ('llr', 'pmi'), got 'chi2'
    """
    if measure not in _MEASURES:
        raise ValueError(f"measure must be one of {_MEASURES}, got {measure!r}")
    if window < 1:
        raise ValueError(f"window must be >= 1 token, got {window}")


def collocation_articles(corpus: pd.DataFrame, keys: list[str],
                         text_column: str) -> pd.DataFrame:
    """The rows a :func:`collocation_counter` reads: group values, then the text.

    Parameters
    ----------
    corpus, keys, text_column
        As in :func:`article_rows`; a ``language`` column of ``corpus`` gives ``_language``.

    Returns
    -------
    pandas.DataFrame
        The ``keys``, ``_text`` and ``_language`` (:func:`analysis.words.rules_language` of
        the article's ``language``, "en" without the column; no ``doc_id`` unless it is a
        group).

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["EU talks."]})
    >>> collocation_articles(c, ["source"], "text").values.tolist()
    [['X', 'EU talks.', 'en']]
    """
    articles = _with_language(article_rows(corpus, keys, text_column), corpus)
    return articles if "doc_id" in keys else articles.drop(columns="doc_id")


def collocation_counter(target, *, window, lemmatize, stopwords, phrases):
    """The function that counts a target's windows in a chunk of articles.

    Parameters
    ----------
    target : str, list, dict, re.Pattern or pandas.DataFrame
        As in :func:`collocations`.
    window, lemmatize, stopwords, phrases
        As in :func:`collocations`.

    Returns
    -------
    callable
        Takes rows of :func:`collocation_articles` (as tuples: group values, text,
        language) and returns
        ``{(group, target): (window counts, group counts, [n_mentions])}``; add the results
        of several chunks with :func:`merge_windows`.

    Examples
    --------
    >>> count = collocation_counter("EU", window=1, lemmatize=False, stopwords=None,
    ...                             phrases=())
    >>> windows = count([("X", "EU sanctions hit.", "en")])
    >>> dict(windows[(("X",), "EU")][0])
    {'sanctions': 1}
    """
    aliases = target_aliases(target)
    # each language's list once, not once per article
    stop_of = {lang: stopwords_for(stopwords, lang) or frozenset() for lang in LANGUAGES}
    return partial(_window_counts, aliases=aliases, window=window,
                   stop_of=stop_of, lemmatize=lemmatize,
                   phrase_table=compile_phrases(phrases),
                   names=list(dict.fromkeys(aliases["target"])))


def merge_windows(parts) -> dict:
    """Add up the window counts of disjoint chunks of articles.

    Parameters
    ----------
    parts : iterable of dict
        Results of a :func:`collocation_counter`.

    Returns
    -------
    dict
        The same mapping with every count summed.

    Examples
    --------
    >>> count = collocation_counter("EU", window=1, lemmatize=False, stopwords=None,
    ...                             phrases=())
    >>> merged = merge_windows([count([("X", "EU sanctions.", "en")]),
    ...                         count([("X", "EU sanctions.", "en")])])
    >>> dict(merged[(("X",), "EU")][0]), merged[(("X",), "EU")][2]
    ({'sanctions': 2}, [2])
    """
    windows: dict = {}
    for part in parts:
        for key, (w_part, t_part, n_part) in part.items():
            w_counts, t_counts, n_ment = windows.setdefault(key, (Counter(), Counter(), [0]))
            w_counts.update(w_part)
            t_counts.update(t_part)
            n_ment[0] += n_part[0]
    return windows


def collocation_table(windows: dict, keys: list[str], *, min_count: int,
                      measure: str) -> pd.DataFrame:
    """The table of :func:`collocations` from merged window counts.

    Parameters
    ----------
    windows : dict
        From :func:`merge_windows` (or one :func:`collocation_counter` call).
    keys : list of str
        From :func:`group_keys`.
    min_count, measure
        As in :func:`collocations`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`collocations`.

    Examples
    --------
    >>> count = collocation_counter("EU", window=1, lemmatize=False, stopwords=None,
    ...                             phrases=())
    >>> windows = count([("X", "EU sanctions hit. EU sanctions end.", "en")])
    >>> collocation_table(windows, ["source"], min_count=2, measure="llr")["term"].tolist()
    ['sanctions']
    """
    frames = []
    for (group, name), (w_counts, t_counts, n_ment) in sorted(windows.items()):
        if not w_counts:
            continue
        frames.append(_associate(w_counts, t_counts, group, keys, name, n_ment[0],
                                 min_count=min_count, measure=measure))
    columns = keys + ["target", "term", "count", "n_total", "expected", "llr", "pmi",
                      "p_value", "n_mentions", "rank"]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)[columns]
    return out.sort_values([*keys, "target", "rank"], kind="stable").reset_index(drop=True)


def _window_counts(articles, *, aliases, window: int, stop_of: dict, lemmatize: bool,
                   phrase_table, names: list) -> dict:
    """The ``(group, target) -> (window counts, group counts, [n_mentions])`` of a chunk of
    :func:`article_rows` rows (group values, then the text and its rules language)."""
    windows: dict = {}
    for *group, text, lang in articles:
        group = tuple(group)
        lang = lang if lang in stop_of else rules_language(lang)
        stop = stop_of[lang]
        spans, found = sentence_mentions(text, aliases, language=lang)
        for sent_id, (a, b) in enumerate(spans):
            sentence = text[a:b]
            hits = found.get(sent_id, ())
            plain = None
            for name in names:
                spans_of = sorted((s, e) for t, s, e in hits if t == name)
                entry = windows.get((group, name))
                if entry is None:  # (not setdefault: that builds the Counters every time)
                    entry = windows[group, name] = (Counter(), Counter(), [0])
                w_counts, t_counts, n_ment = entry
                if not spans_of:
                    if plain is None:
                        plain = [t for t in _words(sentence, lemmatize, phrase_table, lang)
                                 if t not in stop]
                    t_counts.update(plain)
                    continue
                items = _segments(sentence, spans_of, lemmatize, phrase_table, lang)
                slots = [i for i, (_, is_m) in enumerate(items) if is_m]
                n_ment[0] += len(slots)
                near = set()
                for i in slots:
                    near.update(range(max(0, i - window), min(len(items), i + window + 1)))
                for i, (term, is_m) in enumerate(items):
                    if is_m or term in stop:
                        continue
                    t_counts[term] += 1
                    if i in near:
                        w_counts[term] += 1
    return windows


def _xlogx_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(o / e), 0.0)


def _associate(w_counts, t_counts, group, keys, name, n_mentions, *, min_count, measure):
    terms = np.array(sorted(w_counts), dtype=object)
    o11 = np.array([w_counts[t] for t in terms], dtype=float)
    f = np.array([t_counts[t] for t in terms], dtype=float)
    n_window = float(sum(w_counts.values()))
    n = float(sum(t_counts.values()))
    o12, o21 = n_window - o11, f - o11
    o22 = n - n_window - o21
    e11 = f * n_window / n
    e12 = (n - f) * n_window / n
    e21 = f * (n - n_window) / n
    e22 = (n - f) * (n - n_window) / n
    g2 = 2 * (_xlogx_ratio(o11, e11) + _xlogx_ratio(o12, e12) + _xlogx_ratio(o21, e21)
              + _xlogx_ratio(o22, e22))
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-15
    table = pd.DataFrame({"term": terms, "count": o11.astype(int), "n_total": f.astype(int),
                          "expected": e11, "llr": np.where(o11 >= e11, g2, -g2),
                          "pmi": np.log2(o11 / e11), "p_value": chi2.sf(g2, 1)})
    table = table[table["count"] >= min_count]
    table = table.sort_values([measure, "count", "term"], ascending=[False, False, True],
                              kind="stable")
    for k, v in zip(keys, group):
        table[k] = v
    return table.assign(target=name, n_mentions=n_mentions, rank=np.arange(1, len(table) + 1))
