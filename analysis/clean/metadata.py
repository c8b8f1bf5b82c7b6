"""Metadata from the page: the headline and the date that a page's lines give.

:func:`page_headline` and :func:`page_date` read a :class:`analysis.clean.decision.Decision`:
the first line decided a title, and the first dateline with a year.
"""

from __future__ import annotations

import re

from analysis.clean.decision import Decision
from analysis.clean.patterns import may_be_dateline

__all__ = ["page_date", "page_headline", "parse_date", "title_text"]

# Month numbers by the first three letters of an English month name.
_MONTH_NUM = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?",
                         re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d\d)\b")
_TITLE_TAIL = re.compile(r"\s+[|]\s+")


def parse_date(s: str) -> str:
    """The ISO-like date of a dateline: "2025-12-23 15:14", "2025-11"; "" without a year.

    Examples
    --------
    >>> parse_date("Updated 23 December 2025, 15:14"), parse_date("Monday 12:30")
    ('2025-12-23 15:14', '')
    """
    m = _ISO_DATE.search(s)
    year = month = day = None
    if m:
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        y = _YEAR.search(s)
        mon = _MONTH_NAME.search(s) if y else None
        if not (y and mon):
            return ""
        year, month = y.group(), _MONTH_NUM[mon.group(1).lower()]
        d = re.search(rf"\b(\d{{1,2}})\s+{re.escape(mon.group())}|{re.escape(mon.group())}\s+"
                      r"(\d{1,2})\b", s)
        day = int(d.group(1) or d.group(2)) if d else None
    out = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    t = _CLOCK.search(s)
    if day and t:
        out += f" {int(t.group(1)):02d}:{t.group(2)}"
    return out


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
    """The date of a page: that of its first dateline with a year (see :func:`parse_date`).

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
            date = parse_date(line.text)
            if date:  # (a dateline without a year: the next may have one)
                return date
    return ""
