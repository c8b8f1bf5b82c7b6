"""Prose: numbers and lists as a reader reads them, paragraphs, seeds-only notes."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.docs import shared_docs
from analysis.paths import corpus_is_seeds, corpus_name

__all__ = ["NOTE_DOCS", "fmt_articles", "fmt_list", "fmt_number", "fmt_share", "note_doc",
           "seeds_only", "target_bullet", "wrap_prose"]

#: Docstring paragraphs the notes share, written once: a line ``{name}`` in a docstring
#: decorated with :data:`note_doc` stands for the text of ``name``.
NOTE_DOCS = {
    "returns_markdown": """Returns
-------
str
    Markdown.""",
    "n_terms": """n_terms : int, default 3
    Terms named per outlet.""",
}

#: The decorator of the notes: fills their ``{name}`` lines from :data:`NOTE_DOCS`
#: (:func:`analysis.docs.fill_doc`); an unknown name raises at import.
note_doc = shared_docs(NOTE_DOCS)


def fmt_list(items: Iterable, *, limit: int | None = None, empty: str = "none") -> str:
    """Join items as prose: ``a``, ``a and b``, ``a, b and c``.

    Parameters
    ----------
    items : iterable
        Anything with a ``str``.
    limit : int, optional
        Name at most this many, then ``and N more``.
    empty : str, default "none"
        What an empty list reads as.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_list(["EU"]), fmt_list(["EU", "US"]), fmt_list(["EU", "US", "Armenia"])
    ('EU', 'EU and US', 'EU, US and Armenia')
    >>> fmt_list(["a", "b", "c", "d"], limit=2), fmt_list([])
    ('a, b and 2 more', 'none')
    """
    items = [str(item) for item in items]
    if limit is not None and limit < 1:
        raise ValueError(f"fmt_list: limit must be at least 1, got {limit}")
    if not items:
        return empty
    if limit is not None and len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def fmt_share(value: float, *, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage (``0.4533`` -> ``45 %``); NaN reads as ``n/a``.

    Examples
    --------
    >>> fmt_share(0.4533), fmt_share(0.4533, digits=1), fmt_share(float("nan"))
    ('45 %', '45.3 %', 'n/a')
    """
    if value is None or pd.isna(value):
        return "n/a"
    return f"{100 * float(value):.{digits}f} %"


def fmt_number(value: float, digits: int = 2) -> str:
    """A signed-where-negative number with a true minus sign; NaN reads as ``n/a``.

    Examples
    --------
    >>> fmt_number(-0.1534), fmt_number(-0.001), fmt_number(float("nan"))
    ('\u22120.15', '0.00', 'n/a')
    """
    if value is None or pd.isna(value):
        return "n/a"
    text = f"{float(value):.{digits}f}"
    if text.startswith("-") and float(text) == 0:  # -0.00 is 0.00 to a reader
        text = text[1:]
    return text.replace("-", "\u2212")


def fmt_articles(n: int) -> str:
    """``"1 article"``, ``"3 articles"``.

    Examples
    --------
    >>> fmt_articles(1), fmt_articles(3)
    ('1 article', '3 articles')
    """
    return f"{n} article" + ("" if n == 1 else "s")


def target_bullet(target: str, cells: Iterable[str], *, heading: str = "",
                  empty: str = "none", absent: Iterable = (),
                  absent_as: str = "no mention in") -> str:
    """One Markdown bullet of a per-target note: the target, its outlets' cells, then the
    outlets it has none for.

    Parameters
    ----------
    target : str
        The target, in bold.
    cells : iterable of str
        One text per outlet, in the order to show.
    heading : str, optional
        Words after the target ("(model mean → corrected)").
    empty : str, default "none"
        What stands for no cell.
    absent : iterable, default ()
        Outlets without a cell (at most eight named).
    absent_as : str, default "no mention in"
        The words before them.

    Returns
    -------
    str

    Examples
    --------
    >>> target_bullet("EU", ["A −0.15", "B 0.02"], absent=["C"])
    '- **EU**: A −0.15, B 0.02; no mention in C.'
    >>> target_bullet("EU", [], heading="(model mean → corrected)", empty="none corrected")
    '- **EU** (model mean → corrected): none corrected.'
    """
    absent = list(absent)
    line = f"- **{target}**{' ' + heading if heading else ''}: {', '.join(cells) or empty}"
    if absent:
        line += f"; {absent_as} {fmt_list(absent, limit=8)}"
    return line + "."


def wrap_prose(text: str, width: int = 96) -> str:
    """Break a paragraph into lines (Markdown joins them again): readable as notebook source.

    Examples
    --------
    >>> print(wrap_prose("a share of 45 % of the articles", width=13))
    a share of
    45 % of the
    articles
    """
    lines, line = [], ""
    for word in text.split(" "):
        # never start a line with "%": "45 %" stays one unit
        if line and len(line) + 1 + len(word) > width and not word.startswith("%"):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line]) if line else "\n".join(lines)


def seeds_only(text: str, *, corpus=None) -> str:
    """Return ``text`` when the corpus is the seeds, else a line saying a seeds note is left out.

    For prose that only a reader of the seeds can write (which outlet attacks whom, what the hand
    codes of the seeds showed); numbers that the tables give belong in the other functions here.

    Parameters
    ----------
    text : str
        Markdown about the seeds.
    corpus : str or Path, optional
        The corpus the notebook reads; default :func:`analysis.paths.corpus_path`.

    Returns
    -------
    str
        ``text``, or an italic line naming the corpus this run reads.

    Examples
    --------
    >>> from analysis.paths import SEEDS_DIR
    >>> seeds_only("**On the seeds.** AzerNews is the EU outlet.", corpus=SEEDS_DIR)
    '**On the seeds.** AzerNews is the EU outlet.'
    >>> seeds_only("**On the seeds.** AzerNews is the EU outlet.", corpus="/data/news.csv")
    '*(A note about the seeds, the corpus in `seeds/`, stands here; this run reads `news`.)*'
    """
    if corpus_is_seeds(corpus):
        return text
    return (f"*(A note about the seeds, the corpus in `seeds/`, stands here; this run reads "
            f"`{corpus_name(corpus)}`.)*")
