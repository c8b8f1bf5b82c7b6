"""Offline word and sentence tokenization for news text (no ``nltk.download``, no models).

Handles what scraped news carries: dotted acronyms ("U.S.", "J.D."), en/em-dash compounds
without spaces ("U.S.–Azerbaijan", "position—between"), curly quotes, titles and month
abbreviations ("Mr.", "Aug. 8"), bullet lists and Markdown ``**bold**`` markers.

Normalisation keeps short all-caps acronyms in upper case, so the country "US" never collides
with the pronoun "us"; everything else is lower-cased. Lemmas (``simplemma``, an installed
package with its data inside) and stopwords (scikit-learn's list, adjusted) are those of
:mod:`analysis.words`; the names are importable from here too.

Languages: every function takes the article's ``language`` (an ISO 639 code, see
:mod:`analysis.language`). English ("en", and any language without rules of its own) gets the
rules above. Russian ("ru") and Azerbaijani ("az") sentences are split with ``razdel`` (rules
for Russian abbreviations and initials; no line is joined to the next), their stopwords are the
project's lists in ``analysis/data`` (:func:`language_stopwords`), Russian lemmas come from
``simplemma``; Azerbaijani has no lemmatizer installed (simplemma has none), so its words stay
as written, lower-cased by Azerbaijani rules ("İ" -> "i", "I" -> "ı").
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.language import language_code
from analysis.parallel import document_parallel_options, worker_cache
from analysis.words import (
    LANGUAGES,
    LEMMA_LANGUAGES,
    STOPWORDS,
    language_stopwords,
    lemma,
    rules_language,
    stopwords_for,
)

__all__ = [
    "LANGUAGES",
    "STOPWORDS",
    "count_tokens",
    "language_stopwords",
    "normalize_text",
    "plainly_lower",
    "sentence_spans",
    "split_sentences",
    "tokenize",
    "word_spans",
    "sentences",
    "stopwords_for",
    "tokens",
]

_RAZDEL_LANGUAGES = frozenset({"ru", "az"})

# Abbreviations after which a period does not end a sentence (compared lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr messrs rev hon pres
    amb dept univ inc ltd corp co vs etc al approx est fig no nos vol pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e u.s u.k u.n e.u u.s.a u.s.s.r a.m p.m""".split()
)
# Dotted acronyms like "U.S." may end a sentence; they do when one of these words follows.
_SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i this that these those there in on at but and so yet however
    meanwhile after before while when if as for his her its their our what why how who""".split()
)

_BOLD = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
_BULLET = re.compile(r"(?m)^[ \t]*(?:[-*•·▪◦‣–—]|\d{1,2}[.)])[ \t]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "\u00a0": " ", "\u2009": " ", "\u202f": " "})

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, whitespace.
_END = re.compile(r"""([.!?…]+)(["'”’)\]]*)(\s+)""")
_NEXT_START = re.compile(r"""["'“‘(\[]*[A-Z0-9ÀÖØ-ÞĀ-Ž]""")


def normalize_text(text: str) -> str:
    """Return ``text`` with Markdown bold markers, bullet glyphs and curly quotes normalised.

    Parameters
    ----------
    text : str
        Raw article text.

    Returns
    -------
    str
        Same text with ``**`` markers removed, list bullets removed at line starts, curly
        quotes made straight and non-breaking spaces made plain. Line breaks are kept.

    Examples
    --------
    >>> normalize_text("- **First**, the “peace” agenda")
    'First, the "peace" agenda'
    """
    text = _BULLET.sub("", text)
    text = _BOLD.sub("", text)
    return text.translate(_QUOTES)


_DOTTED_WORD = re.compile(r"(?:[a-z]\.)+[a-z]")  # "e.g", "u.s" before the final period


def _is_abbreviation(text: str, dot: int) -> bool:
    """Tell whether the period at ``text[dot]`` closes an abbreviation or an initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS or _DOTTED_WORD.fullmatch(word):
        return True
    # A single capital letter ("J." in "J.D. Vance", "D." in "Donald J. Trump") is an initial.
    return len(word) == 1 and text[dot - 1].isupper()


def sentence_spans(text: str, *, language: str = "en") -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their character spans.

    Line breaks always end a sentence (scraped articles put one paragraph, heading or list
    item per line). Within a line a sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by
    whitespace and a capital, digit or opening quote, except after a known abbreviation
    ("Mr.", "Aug.", "e.g.") or an initial ("J."). A dotted acronym ("U.S.") ends a sentence only
    when a typical sentence-opening word follows ("... the U.S. The next ...").
    Russian and Azerbaijani lines are split by ``razdel`` instead (Cyrillic capitals, "г.",
    "т.е.", initials such as "И. Алиев").

    Parameters
    ----------
    text : str
        Text to split; offsets refer to this exact string.
    language : str, default "en"
        The article's language code; "ru" and "az" use ``razdel``, any other the rules above.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` character offsets, end exclusive, stripped of surrounding whitespace.
        Empty lines give no span.

    Examples
    --------
    >>> s = "The U.S. Embassy said Mr. Smith left. He returned on Aug. 8."
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['The U.S. Embassy said Mr. Smith left.', 'He returned on Aug. 8.']
    >>> s = "В 2024 г. И. Алиев посетил Брюссель. ЕС это приветствовал."
    >>> [s[a:b] for a, b in sentence_spans(s, language="ru")]
    ['В 2024 г. И. Алиев посетил Брюссель.', 'ЕС это приветствовал.']
    """
    if language != "en" and language_code(language) in _RAZDEL_LANGUAGES:
        return _razdel_spans(text)
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base, chunk = line.start(), line.group()
        cuts = [0]
        for m in _END.finditer(chunk):
            nxt = m.end()
            if nxt >= len(chunk) or not _NEXT_START.match(chunk, nxt):
                continue
            if m.group(1) == "." and _is_abbreviation(chunk, m.start(1)):
                word = re.match(r"[A-Za-z']+", chunk[nxt:].lstrip("\"'“‘("))
                dotted = "." in chunk[max(0, m.start(1) - 4):m.start(1)]
                if not (dotted and word and word.group().lower() in _SENTENCE_STARTERS):
                    continue
            cuts.append(nxt)
        cuts.append(len(chunk))
        for a, b in zip(cuts, cuts[1:]):
            seg = chunk[a:b]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                spans.append((base + a + lead, base + a + len(seg.rstrip())))
    return spans


def _razdel_spans(text: str) -> list[tuple[int, int]]:
    """``razdel``'s sentences of each line (a line break always ends a sentence)."""
    from razdel import sentenize

    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for sent in sentenize(line.group()):
            if sent.text.strip():
                spans.append((base + sent.start, base + sent.stop))
    return spans


def split_sentences(text: str, *, language: str = "en") -> list[str]:
    """Split ``text`` into sentence strings (see :func:`sentence_spans` for the rules).

    Examples
    --------
    >>> split_sentences("Vice President J.D. Vance arrives.\\n- First, trade.\\n- Second, peace.")
    ['Vice President J.D. Vance arrives.', '- First, trade.', '- Second, peace.']
    >>> split_sentences("Bu barədə İ. Əliyev bildirib. Əməkdaşlıq davam edir.", language="az")
    ['Bu barədə İ. Əliyev bildirib.', 'Əməkdaşlıq davam edir.']
    """
    return [text[a:b] for a, b in sentence_spans(text, language=language)]


# Token pattern, tried in order: domain names (Caliber.Az, also before a full stop that ends the
# sentence, but not inside a longer name such as news.am.ru), dotted acronyms (U.S., J.D.), words
# with inner hyphens or apostrophes (post-conflict, 44-day, Azerbaijan's), numbers. The last
# branch is written without a per-character alternation, which the re engine runs ~2x slower.
_TOKEN_PATTERN = (
    r"[A-Za-z0-9-]+\.(?i:az|com|org|net|ru|am|ge|tr|uk|eu|gov|edu|info|io|news)(?!\w|\.\w)"
    r"|(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|[^\W_]\w*(?:[-'’][^\W_]\w*)*"
)
# Python 3.11+: possessive quantifiers. What follows each run can never match inside it (a "."
# after a run without dots, a non-letter after "U.S.", a hyphen or apostrophe after \w), so
# giving characters back never helps; not trying is 15 % faster on news text, same tokens.
try:
    _TOKEN = re.compile(_TOKEN_PATTERN.replace("-]+", "-]++").replace("{2,}", "{2,}+")
                        .replace("\\w*", "\\w*+").replace(")*", ")*+"))
except re.error:  # Python 3.10
    _TOKEN = re.compile(_TOKEN_PATTERN)
_FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) - {"us", "it"}
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _normalize_token(tok: str, lower=str.lower) -> list[str]:
    if "." in tok:
        if re.fullmatch(r"(?:[A-Za-z]\.)+", tok):  # dotted acronym: U.S. -> US, J.D. -> JD
            return [tok.replace(".", "").upper()]
        return [lower(tok)]  # a domain name: Caliber.Az -> caliber.az
    tok = _POSSESSIVE.sub("", tok.replace("’", "'"))
    parts = tok.split("-")
    # "Armenia-Azerbaijan", "Azerbaijan-US", "Biden-Blinken": a compound of names is two names.
    if len(parts) > 1 and all(p[:1].isupper() for p in parts if p):
        return [q for p in parts if p for q in _normalize_token(p, lower)]
    if 2 <= len(tok) <= 5 and tok.isupper() and tok.isalpha():
        return [tok]  # acronym: EU, US, USA, NATO, TRIPP, ЕС, США, Aİ
    return [lower(tok)]


_AZ_CASE = str.maketrans({"I": "ı", "İ": "i"})


def _az_lower(word: str) -> str:
    """Lower case by Azerbaijani rules: "İ" is "i" (not "i" with a combining dot), "I" is "ı"."""
    return word.translate(_AZ_CASE).lower()


_LOWER = {"en": str.lower, "ru": str.lower, "az": _az_lower}


def tokenize(text: str, *, keep_numbers: bool = False, stopwords: frozenset[str] | None = None,
             lemmatize: bool = False, language: str = "en") -> list[str]:
    """Split ``text`` into normalised word tokens.

    Parameters
    ----------
    text : str
        Any text; Markdown bold markers and curly quotes are handled.
    keep_numbers : bool, default False
        Keep tokens without letters ("2025", "907"). Mixed tokens ("44-day") are always kept.
    stopwords : frozenset of str, optional
        Normalised tokens to drop. :data:`STOPWORDS` stands for the list of ``language``
        (:func:`stopwords_for`); any other set is used as given. ``None`` keeps every token.
    lemmatize : bool, default False
        Replace lower-case words by their ``simplemma`` lemma in ``language`` ("relations" ->
        "relation"); acronyms are left as they are, and so are Azerbaijani words (no
        lemmatizer for Azerbaijani is installed).
    language : str, default "en"
        The text's language code: "ru" and "az" have their own stopwords, lemmas and (for
        "az") lower-casing; any other code is read as English.

    Returns
    -------
    list of str
        Tokens in text order. Short all-caps acronyms keep their case ("US", "EU"), dotted
        acronyms lose their dots ("U.S." -> "US"), possessive "'s" is dropped, hyphenated names
        split ("U.S.-Azerbaijan" -> "US", "azerbaijan"); other words are lower-cased.

    Examples
    --------
    >>> tokenize("U.S.–Azerbaijan ties: let us see—Mr. Trump’s **post-conflict** plan")
    ['US', 'azerbaijan', 'ties', 'let', 'us', 'see', 'mr', 'trump', 'post-conflict', 'plan']
    >>> tokenize("The EU and the bloc's members", stopwords=STOPWORDS)
    ['EU', 'bloc', 'members']
    >>> tokenize("WHAT ARE YOU LOOKING FOR? EU")
    ['what', 'are', 'you', 'looking', 'for', 'eu']
    >>> tokenize("News on Caliber.Az")
    ['news', 'on', 'caliber.az']
    >>> tokenize("ЕС и США обсудили отношения", stopwords=STOPWORDS, lemmatize=True,
    ...          language="ru")
    ['ЕС', 'США', 'обсудить', 'отношение']
    >>> tokenize("İlham Əliyev və Aİ İrəvanda", stopwords=STOPWORDS, language="az")
    ['ilham', 'əliyev', 'Aİ', 'irəvanda']
    """
    out: list[str] = []
    if "*" in text:
        text = _BOLD.sub("", text)
    lang = rules_language(language)
    if lang != "en":
        stopwords = stopwords_for(stopwords, lang)
    for line in text.split("\n"):
        out.extend(_line_tokens(line, keep_numbers, stopwords, lemmatize, lang))
    return out


def word_spans(text: str) -> list[tuple[int, int, int]]:
    """Character spans of the words :func:`tokenize` reads, with how many tokens each gives.

    Parameters
    ----------
    text : str
        One line or sentence (offsets are into it).

    Returns
    -------
    list of (int, int, int)
        ``(start, end, n_tokens)`` per raw word, end exclusive; ``n_tokens`` is 2 or more for
        a compound of names that :func:`tokenize` splits ("Armenia-Azerbaijan"), 1 for any
        other word, a possessive or a hyphenated word included ("EU’s", "Armenia-centric").

    Examples
    --------
    >>> word_spans("The EU’s Armenia-centric and Armenia-Azerbaijan plans")
    [(0, 3, 1), (4, 8, 1), (9, 24, 1), (25, 28, 1), (29, 47, 2), (48, 53, 1)]
    """
    return [(m.start(), m.end(), len(_normalize_token(m.group()))) for m in _TOKEN.finditer(text)]


def count_tokens(text: str, *, keep_numbers: bool = False,
                 stopwords: frozenset[str] | None = None, language: str = "en") -> int:
    """Return ``len(tokenize(text, ...))`` without building the token list.

    Parameters
    ----------
    text : str
        Any text.
    keep_numbers : bool, default False
        See :func:`tokenize`.
    stopwords : frozenset of str, optional
        See :func:`tokenize`.
    language : str, default "en"
        See :func:`tokenize`.

    Returns
    -------
    int
        Number of tokens :func:`tokenize` gives with the same options.

    Examples
    --------
    >>> count_tokens("U.S.-Azerbaijan ties in 2025")  # US, azerbaijan, ties, in
    4
    """
    if "*" in text:
        text = _BOLD.sub("", text)
    lang = rules_language(language)
    if lang != "en":
        stopwords = stopwords_for(stopwords, lang)
    # Without stopwords an all-caps line only changes the case of its tokens, not their
    # number, and no token spans a line break: the whole text is counted in one pass.
    lines = [text] if stopwords is None else text.split("\n")
    n = 0
    for line in lines:
        shouted = stopwords is not None and _shouted(line)
        key = (keep_numbers, stopwords, shouted, lang)
        counts = _COUNT_CACHES.get(key)
        if counts is None or len(counts) > _MAX_CACHED:
            counts = _COUNT_CACHES[key] = {}
        raws = _TOKEN.findall(line)
        try:
            n += sum(map(counts.__getitem__, raws))
        except KeyError:  # first sight of some token: normalise it once
            for raw in raws:
                if raw not in counts:
                    counts[raw] = len(_final_tokens(raw, keep_numbers, stopwords, False,
                                                    shouted, lang))
            n += sum(map(counts.__getitem__, raws))
    return n


_COUNT_CACHES: dict = worker_cache({})


def plainly_lower(text: str) -> bool:
    """Tell cheaply that capitals cannot be 80 % of the letters of ``text``.

    Common lower-case letters alone are over a fifth of its characters ("e", "t", "a" usually
    settle it). True for ordinary prose, before any list is built; False says nothing (the
    text may still be mostly lower case). The first test of every "set in capitals" rule.

    Parameters
    ----------
    text : str
        A line or sentence.

    Returns
    -------
    bool

    Examples
    --------
    >>> plainly_lower("The ministers met in Baku."), plainly_lower("WHAT ARE YOU LOOKING FOR")
    (True, False)
    """
    n = len(text)
    return (5 * (text.count("e") + text.count("t") + text.count("a")) > n
            or 5 * sum(map(text.count, "etaoinsrhl")) > n)


def _shouted(line: str) -> bool:
    """Tell whether a line is set in capitals ("WHAT ARE YOU LOOKING FOR").

    Such a line has no acronyms to keep. A line of acronyms ("EU, US and NATO") is not shouted:
    it needs a capitalised function word or a long capitalised word.
    """
    if plainly_lower(line):
        return False
    words = line.split()
    if len(words) < 3:
        return False
    letters = [c for c in line if c.isalpha()]
    if sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    return any(w.isalpha() and w.isupper() and (len(w) >= 6 or w.lower() in _FUNCTION_WORDS)
               for w in words)


def _line_tokens(line, keep_numbers, stopwords, lemmatize, lang="en"):
    shouted = _shouted(line)
    # Each distinct raw token is normalised once per option set: a corpus repeats its words.
    key = (keep_numbers, stopwords, lemmatize, shouted, lang)
    cache = _TOKEN_CACHES.get(key)
    if cache is None or len(cache) > _MAX_CACHED:
        cache = _TOKEN_CACHES[key] = {}
    out = []
    for raw in _TOKEN.findall(line):
        toks = cache.get(raw)
        if toks is None:
            toks = cache[raw] = _final_tokens(raw, keep_numbers, stopwords, lemmatize, shouted,
                                              lang)
        out += toks
    return out


_TOKEN_CACHES: dict = worker_cache({})
_MAX_CACHED = 500_000  # distinct raw tokens per option set before the cache starts over


def _final_tokens(raw, keep_numbers, stopwords, lemmatize, shouted, lang="en") -> list[str]:
    out = []
    lower = _LOWER[lang]
    for tok in _normalize_token(raw, lower):
        if shouted and not re.fullmatch(r"(?:[A-Za-z]\.)+", raw):
            tok = lower(tok)
        if not keep_numbers and not any(c.isalpha() for c in tok):
            continue
        if lemmatize and lang in LEMMA_LANGUAGES and tok.islower():
            tok = lemma(tok) if lang == "en" else lemma(tok, lang)
        if stopwords is not None and tok in stopwords:
            continue
        out.append(tok)
    return out


# Multi-word names counted as one term, so "United States" is not "united" + "states".
PHRASES = (
    "United States", "European Union", "South Caucasus", "White House", "State Department",
    "Middle East", "Central Asia", "Middle Corridor", "Zangezur Corridor", "Prime Minister",
    "Vice President", "Secretary of State", "National Security Strategy", "Joint Declaration",
    "Peace Summit", "Board of Peace", "Organization of Turkic States",
    "Organisation of Turkic States",
)


def compile_phrases(phrases=PHRASES) -> dict[tuple[str, ...], str]:
    """Map each phrase's token sequence to the single term that replaces it.

    Examples
    --------
    >>> compile_phrases(["United States"])
    {('united', 'states'): 'united states'}
    """
    table = {}
    for phrase in phrases:
        toks = tuple(tokenize(phrase))
        if len(toks) > 1:
            table[toks] = " ".join(toks)
    return table


def join_phrases(toks: list[str], table: dict[tuple[str, ...], str]) -> list[str]:
    """Replace every phrase occurrence in ``toks`` by one term, longest phrase first.

    Parameters
    ----------
    toks : list of str
        Tokens from :func:`tokenize` (stopwords not yet removed).
    table : dict
        From :func:`compile_phrases`.

    Returns
    -------
    list of str

    Examples
    --------
    >>> t = compile_phrases(["United States", "Secretary of State"])
    >>> join_phrases(tokenize("the United States Secretary of State"), t)
    ['the', 'united states', 'secretary of state']
    """
    if not table:
        return toks
    firsts, lengths = _phrase_index(table)
    if firsts.isdisjoint(toks):
        return toks
    out, pos = [], 0
    for i in [j for j, t in enumerate(toks) if t in firsts]:
        if i < pos:
            continue  # inside a phrase already joined
        for n in lengths:
            gram = tuple(toks[i:i + n])
            if gram in table:
                out += toks[pos:i]
                out.append(table[gram])
                pos = i + n
                break
    out += toks[pos:]
    return out


_PHRASE_INDEX: dict = {}


def _phrase_index(table: dict) -> tuple[frozenset, list[int]]:
    """First words and lengths (longest first) of a phrase table, worked out once per table."""
    hit = _PHRASE_INDEX.get(id(table))
    if hit is None or hit[0] is not table:
        if len(_PHRASE_INDEX) > 16:
            _PHRASE_INDEX.clear()
        hit = _PHRASE_INDEX[id(table)] = (
            table, frozenset(k[0] for k in table), sorted({len(k) for k in table}, reverse=True))
    return hit[1], hit[2]


@document_parallel_options
def sentences(corpus, *, text_column: str = "text", n_jobs: int | None = None,
              min_docs_parallel: int | None = None, progress: bool | None = None):
    """Return one row per sentence of every article in ``corpus``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text_column``; a ``language`` column picks
        each article's sentence rules (:func:`sentence_spans`), English without one.
    text_column : str, default "text"
        Column holding the text to split (the cleaned body by default).
    {parallel_options}

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, sentence, start, end``: ``sent_id`` counts from 0
        within each article, ``start``/``end`` are character offsets into the article text
        (end exclusive).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["One. Two.\\nThree"]})
    >>> sentences(c)["sentence"].tolist()
    ['One.', 'Two.', 'Three']
    """
    import pandas as pd

    from analysis.parallel import map_chunks

    # One table per chunk of articles: only a chunk's texts and sentences are ever Python
    # objects at once, in this process or in a worker.
    columns = ["doc_id", "source", text_column] + (["language"] if "language" in corpus else [])
    chunks = map_chunks(_sentence_table, corpus[columns],
                        n_jobs=n_jobs, min_docs=min_docs_parallel, progress=progress,
                        desc="sentences")
    chunks = [c for c in chunks if len(c)]
    if not chunks:
        return pd.DataFrame([], columns=_SENTENCE_COLUMNS)
    return pd.concat(chunks, ignore_index=True)


_SENTENCE_COLUMNS = ["doc_id", "source", "sent_id", "sentence", "start", "end"]


def sentence_spans_by_doc(table, corpus, *, text_column: str = "text") -> list:
    """Each article's sentence spans, in corpus order, from a :func:`sentences` table.

    Lets a later stage reuse the sentences split once instead of splitting every article
    again. The table must be ``sentences(corpus)`` of this corpus (articles in corpus order,
    ``sent_id`` counting from 0); an article without sentences must have a blank body.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`sentences` output (``doc_id, sent_id, start, end`` are read).
    corpus : pandas.DataFrame
        The corpus it was built from (``doc_id`` and ``text_column``).
    text_column : str, default "text"
        Column the sentences were split from.

    Returns
    -------
    list of numpy.ndarray
        One ``(n_sentences, 2)`` int64 array of ``(start, end)`` per article of ``corpus``,
        equal to :func:`sentence_spans` of its text.

    Raises
    ------
    ValueError
        When the table cannot be this corpus's sentence table.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"], "text": ["One. Two.", ""]})
    >>> [s.tolist() for s in sentence_spans_by_doc(sentences(c), c)]
    [[[0, 4], [5, 9]], []]
    """
    import numpy as np
    import pandas as pd

    def mismatch(why):
        return ValueError(f"sentences is not this corpus's sentence table ({why}); build it "
                          "with sentences(corpus)")

    doc_ids = corpus["doc_id"].to_numpy()
    position = pd.Index(doc_ids)
    if not position.is_unique:
        raise ValueError("corpus doc_id values are not unique")
    rows = position.get_indexer(table["doc_id"].to_numpy())
    if (rows < 0).any():
        raise mismatch("articles not in the corpus")
    if len(rows) and (np.diff(rows) < 0).any():
        raise mismatch("articles out of corpus order")
    counts = np.bincount(rows, minlength=len(doc_ids))
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    if not np.array_equal(table["sent_id"].to_numpy(), np.arange(len(rows)) - first[rows]):
        raise mismatch("sent_id does not count from 0 in each article")
    blank = corpus[text_column].fillna("").astype(str).str.strip().eq("").to_numpy()
    if ((counts == 0) != blank).any():
        raise mismatch("an article with a body but no sentence")
    pairs = np.column_stack((table["start"].to_numpy(dtype=np.int64),
                             table["end"].to_numpy(dtype=np.int64)))
    return np.split(pairs, np.cumsum(counts)[:-1])


def _sentence_table(items):
    import pandas as pd

    rows = []
    for item in items:
        doc_id, source, text = item[:3]
        language = item[3] if len(item) > 3 else "en"
        for i, (a, b) in enumerate(sentence_spans(text, language=language)):
            rows.append((doc_id, source, i, text[a:b], a, b))
    return pd.DataFrame(rows, columns=_SENTENCE_COLUMNS)


def tokens(corpus, *, text_column: str = "text", stopwords: frozenset[str] | None = STOPWORDS,
           lemmatize: bool = False, n_jobs: int | None = None, progress: bool | None = None):
    """Return one row per token of every article (long format).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text_column``; a ``language`` column picks
        each article's rules (:func:`tokenize`), English without one.
    text_column : str, default "text"
        Column to tokenize.
    stopwords : frozenset of str or None, default STOPWORDS
        Tokens to drop; ``None`` keeps all. :data:`STOPWORDS` stands for each article's
        language's list (:func:`stopwords_for`).
    lemmatize : bool, default False
        Lemmatize lower-case words with ``simplemma`` (English and Russian).
    n_jobs : int, optional
        Processes for large corpora (see :func:`analysis.parallel.map_documents`); the table
        is identical for any value.
    progress : bool, optional
        Progress bar; ``None`` shows one for large corpora on a terminal or in a notebook.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, position, term``; ``position`` counts kept tokens from 0.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["The U.S. and the EU."]})
    >>> tokens(c)["term"].tolist()
    ['US', 'EU']
    """
    from functools import partial

    import numpy as np
    import pandas as pd

    from analysis.parallel import map_documents

    if "language" in corpus:
        per_doc = map_documents(partial(_tokenize_item, stopwords=stopwords,
                                        lemmatize=lemmatize),
                                corpus[[text_column, "language"]], n_jobs=n_jobs,
                                progress=progress, desc="tokenizing")
    else:
        per_doc = map_documents(partial(tokenize, stopwords=stopwords, lemmatize=lemmatize),
                                corpus[text_column], n_jobs=n_jobs, progress=progress,
                                desc="tokenizing")
    lengths = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(per_doc))
    # Columns are built whole (repeat, concatenate) rather than one Python tuple per token.
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows = pd.DataFrame({
        "doc_id": np.repeat(corpus["doc_id"].to_numpy(dtype=object), lengths),
        "source": np.repeat(corpus["source"].to_numpy(dtype=object), lengths),
        "position": np.arange(int(lengths.sum()), dtype=np.int64) - starts,
        "term": [t for toks in per_doc for t in toks],
    })
    if not len(rows):
        return pd.DataFrame([], columns=["doc_id", "source", "position", "term"])
    return rows


def _tokenize_item(item, **options) -> list[str]:
    """:func:`tokenize` of a ``(text, language)`` pair."""
    text, language = item
    return tokenize(text, language=language, **options)
