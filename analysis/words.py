"""Word lists and word forms per language: which rules apply, stopwords, lemmas.

:mod:`analysis.tokens` reads an article with the rules of its language (:data:`LANGUAGES`);
any other language is read as English. Stopwords are scikit-learn's English list (adjusted)
and the project's lists in ``analysis/data`` for Russian and Azerbaijani; lemmas come from
``simplemma`` (English and Russian: it has no Azerbaijani dictionary). Everything is offline.
"""

from __future__ import annotations

from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import paths
from analysis.language import language_code
from analysis.parallel import worker_cache

__all__ = ["LANGUAGES", "LEMMA_LANGUAGES", "STOPWORDS", "language_stopwords", "lemma",
           "rules_language", "stopwords_for"]

# Languages with rules of their own; any other language is read with the English rules.
LANGUAGES = ("en", "ru", "az")
# Languages simplemma lemmatizes here (it has no Azerbaijani dictionary).
LEMMA_LANGUAGES = frozenset({"en", "ru"})


def rules_language(language) -> str:
    """The language whose rules apply to a text: "ru" or "az", else "en".

    Parameters
    ----------
    language : str
        A language code ("en", "ru-RU", "de", ...).

    Returns
    -------
    str
        One of :data:`LANGUAGES`.

    Examples
    --------
    >>> rules_language("ru-RU"), rules_language("de")
    ('ru', 'en')
    """
    if language == "en":
        return "en"
    code = language_code(language)
    return code if code in LANGUAGES else "en"


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma's lemmatizer as ``simplemma.lemmatize`` builds it (not greedy), without its
    own cache: :func:`lemma` caches, and a vocabulary of 500,000 mostly rare terms only churns
    a second one (about 10 % of the lemmatizing time)."""
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(cache_max_size=0,
                                lemmatization_strategy=DefaultStrategy(greedy=False))


@worker_cache
@lru_cache(maxsize=200_000)
def lemma(word: str, language: str = "en") -> str:
    """The ``simplemma`` lemma of one word (the one lemma cache of the package).

    Parameters
    ----------
    word : str
        One word, as :func:`analysis.tokens.tokenize` gives it.
    language : str, default "en"
        One of :data:`LEMMA_LANGUAGES`; the word is returned as it is in any other. Passed
        positionally (English calls pass the word alone: the cache's fastest key).

    Returns
    -------
    str
        The lemma; simplemma may capitalise a proper noun ("azerbaijan" -> "Azerbaijan").

    Examples
    --------
    >>> lemma("sanctions"), lemma("отношения", "ru"), lemma("ölkələr", "az")
    ('sanction', 'отношение', 'ölkələr')
    """
    if language not in LEMMA_LANGUAGES:
        return word
    return _lemmatizer().lemmatize(word, language)


# scikit-learn's list, owned here: negations and pronouns stay out of it so a sentiment scope
# can still see "not" or "we"; scraped-text debris (single letters, "s") is added.
_NEGATIONS = frozenset({"no", "not", "nor", "never", "none", "nothing", "cannot"})
STOPWORDS = frozenset(
    (set(ENGLISH_STOP_WORDS) - _NEGATIONS)
    | {"s", "t", "ll", "ve", "re", "d", "m", "said", "says", "also", "would", "could"}
)


@lru_cache(maxsize=None)
def _listed_stopwords(lang: str) -> frozenset[str]:
    path = paths.ROOT / "analysis" / "data" / f"stopwords_{lang}.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            words += line.split()
    return frozenset(words)


def language_stopwords(language: str) -> frozenset[str]:
    """The stopwords of a language: :data:`STOPWORDS` for English and any language without a
    list, the project's lists ``analysis/data/stopwords_ru.txt`` and ``stopwords_az.txt``
    (function words; negations kept, as in English) for Russian and Azerbaijani.

    Parameters
    ----------
    language : str
        A language code ("ru", "ru-RU", "az", ...).

    Returns
    -------
    frozenset of str
        Lower-case words (by the language's casing rules).

    Examples
    --------
    >>> sorted({"и", "не", "мир"} & language_stopwords("ru"))
    ['и']
    >>> sorted({"və", "deyil", "sülh"} & language_stopwords("az"))
    ['və']
    >>> language_stopwords("de") is STOPWORDS
    True
    """
    lang = rules_language(language)
    return STOPWORDS if lang == "en" else _listed_stopwords(lang)


def stopwords_for(stopwords: frozenset[str] | None, language: str) -> frozenset[str] | None:
    """The stopwords to use for an article in ``language``.

    :data:`STOPWORDS`, every function's default, stands for "the article language's list"
    (:func:`language_stopwords`); any other set, or ``None``, is used as given. The default is
    recognised by value, not identity, so a copy of it (what a worker process receives) means
    the same.

    Examples
    --------
    >>> stopwords_for(STOPWORDS, "ru") == language_stopwords("ru")
    True
    >>> stopwords_for(frozenset({"x"}), "ru")
    frozenset({'x'})
    >>> stopwords_for(frozenset(STOPWORDS), "ru") == language_stopwords("ru")  # a copy
    True
    """
    if stopwords is STOPWORDS or stopwords == STOPWORDS:  # sizes differ: a cheap test
        return language_stopwords(language)
    return stopwords
