"""Which language an article is written in, detected offline with ``py3langid``.

``py3langid`` (a maintained fork of langid.py: a naive Bayes model over byte n-grams trained on
97 languages, Azerbaijani among them, shipped inside the package, no download) was chosen over
``lingua-language-detector`` (as accurate on our hand-made paragraphs, 20 times the size, 7
times slower) and ``langdetect`` (no Azerbaijani: it calls every Azerbaijani text Turkish);
``bench/language.py`` measures all three, ``bench/RESULTS.md`` has the figures.

The code is an ISO 639-1 code ("en", "ru", "az"), or ``""`` when a text has too few letters
to tell. :func:`language_code` reads a code as the rest of the suite compares it: "RU",
"ru-RU" and "ru_RU" are all "ru".
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.parallel import map_documents

__all__ = ["detect_language", "detect_languages", "language_code", "prose_sample"]

_PROSE_LINE = re.compile(r"(?:\S+\s+){4,}\S+")  # a line of five words or more


def language_code(language) -> str:
    """The bare lower-case ISO 639 code of a language value ("" for a missing one).

    Examples
    --------
    >>> [language_code(v) for v in ["ru-RU", " AZ ", "en_GB", None, ""]]
    ['ru', 'az', 'en', '', '']
    """
    if language is None or language != language:  # None or NaN
        return ""
    return re.split(r"[-_]", str(language).strip().lower(), maxsplit=1)[0]


@lru_cache(maxsize=1)
def _classify():
    """py3langid's classifier; its model (inside the package) is read on the first call."""
    import py3langid

    return py3langid.classify


def prose_sample(text: str, *, max_chars: int = 1000) -> str:
    """The part of an article :func:`detect_language` reads: its prose lines.

    Menus and bylines are short lines and are left out; a text without a line of five words
    or more is taken whole.

    Parameters
    ----------
    text : str
        The article.
    max_chars : int, default 1000
        Characters kept at most.

    Returns
    -------
    str
        The lines of five words or more, joined by line breaks, cut at ``max_chars``.

    Examples
    --------
    >>> prose_sample("Menu\\nThe ministers met in Baku today.\\nShare", max_chars=20)
    'The ministers met in'
    """
    lines, size = [], 0
    for line in text.split("\n"):
        if _PROSE_LINE.search(line):
            lines.append(line)
            size += len(line) + 1
            if size >= max_chars:
                break
    return ("\n".join(lines) if lines else text)[:max_chars]


def detect_language(text: str, *, min_letters: int = 20, max_chars: int = 1000) -> str:
    """Detect the language of one text.

    Parameters
    ----------
    text : str
        An article (raw or cleaned).
    min_letters : int, default 20
        Fewest letters (characters) in the sample for a verdict; shorter texts get ``""``.
    max_chars : int, default 1000
        Characters of prose read (lines of five words or more, from the top); the detector's
        time grows with them (about 0.8 ms per 1,000 characters) while a paragraph already
        tells English, Russian and Azerbaijani apart.

    Returns
    -------
    str
        An ISO 639-1 code ("en", "ru", "az", ...) or ``""`` when the text is too short.

    Examples
    --------
    >>> detect_language("Bakıda yeni metro stansiyası açılıb, sərnişinlər məmnundur.")
    'az'
    >>> detect_language("В Баку открылась новая станция метро.")
    'ru'
    >>> detect_language("EU, 2025")
    ''
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    sample = prose_sample(text, max_chars=max_chars)
    if sum(c.isalpha() for c in sample) < min_letters:
        return ""
    return str(_classify()(sample)[0])


def detect_languages(texts, *, min_letters: int = 20, max_chars: int = 1000,
                     n_jobs: int | None = None, progress: bool | None = False) -> list[str]:
    """:func:`detect_language` of every text, on several cores for a large corpus.

    Parameters
    ----------
    texts : sequence of str
        Article texts.
    min_letters, max_chars : int
        See :func:`detect_language`.
    n_jobs : int, optional
        Processes (:func:`analysis.parallel.map_documents`); same result for any value.
    progress : bool, optional
        Progress bar; off by default.

    Returns
    -------
    list of str
        One code per text, in order.

    Examples
    --------
    >>> detect_languages(["The talks resumed in Brussels on Monday.",
    ...                   "Переговоры возобновились в Брюсселе в понедельник."])
    ['en', 'ru']
    """
    from functools import partial

    return map_documents(partial(detect_language, min_letters=min_letters,
                                 max_chars=max_chars), texts, n_jobs=n_jobs,
                         progress=progress, desc="detecting languages")
