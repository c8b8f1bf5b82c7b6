"""Metadata from the page: the headline and the date that a page's lines give.

:func:`page_headline` and :func:`page_date` read a :class:`analysis.clean.decision.Decision`:
the first line decided a title, and the first dateline with a year.
"""

from __future__ import annotations

import re

from analysis.clean.decision import Decision
from analysis.clean.patterns import may_be_dateline
from analysis.dates import dateline_date

__all__ = ["page_date", "page_headline", "parse_date", "title_text"]

_TITLE_TAIL = re.compile(r"\s+[|]\s+")

#: The date a dateline gives, as text: :func:`analysis.dates.dateline_date` (its former name
#: here; ``analysis.dates`` says why it differs from :func:`analysis.dates.parse_date`).
parse_date = dateline_date


def title_text(s: str) -> str:
    """The headline from a title line, without a "| site | section" tail.

    Examples
    --------
    >>> title_text("Talks resume | Example News | World")
    'Talks resume'
    """
    return _TITLE_TAIL.split(s, maxsplit=1)[0].strip()


def page_headline(decision: Decision) -> str:
    """The headline of a page: the first line decided a title, without its site tail.

    Only the lines that may be a title (their key a headline, or starting with one) are
    decided, not the whole page.

    Parameters
    ----------
    decision : Decision
        The page, from :func:`analysis.clean.decision.decide`.

    Returns
    -------
    str
        "" when no line is a title.

    Examples
    --------
    >>> from analysis.clean.decision import decide
    >>> from analysis.clean.rules import Rules
    >>> page = "Talks in Baku | News\\nTalks went on all night in Baku, officials said."
    >>> page_headline(decide(page, Rules(prose_words=5), title="Talks in Baku"))
    'Talks in Baku'
    """
    heads, prefixes = decision.heads, decision.head_prefixes
    for i, line in enumerate(decision.lines):
        key = line.key
        if (key in heads or key.startswith(prefixes)) and decision.reason(i) == "title":
            return title_text(line.text)
    return ""


def page_date(decision: Decision) -> str:
    """The date of a page: that of its first dateline with a year (see
    :func:`analysis.dates.dateline_date`).

    Only the lines that may be a dateline are decided, not the whole page.

    Parameters
    ----------
    decision : Decision
        What :func:`analysis.clean.decision.decide` made of the page.

    Returns
    -------
    str
        ISO-like, "" when no dateline has a year.

    Examples
    --------
    >>> from analysis.clean import Rules, decide
    >>> d = decide("Monday\\n5 May 2025\\nTalks went on all night in Baku.", Rules(prose_words=5))
    >>> page_date(d)
    '2025-05-05'
    """
    for i, line in enumerate(decision.lines):
        if (may_be_dateline(line.text, line.key, line.words)
                and decision.reason(i) == "dateline"):
            date = dateline_date(line.text)
            if date:  # (a dateline without a year: the next may have one)
                return date
    return ""
