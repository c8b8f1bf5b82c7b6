"""Later passes: decisions on the kept lines once the body span is fixed.

Each pass reads the lines and their reasons so far and drops some kept lines (all inside the
body span): a reader-addressing line before an appeal, the links after a "Related" header, a
menu pulled into the body, an author's note, teaser links, affiliate notes and repeats.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping

from analysis.clean.patterns import READ_MORE, RELATED_FIRST_WORDS
from analysis.clean.rules import Rules
from analysis.clean.shape import SENT_END, Line
from analysis.clean.span import bare_item, fact_box, lead_in

__all__ = ["later_passes"]

# A line addressing the reader.
_READER = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
# The author's note closing an article: "Jane Roe (@jroe) is a senior editor at ...".
# (Two patterns: the anchored alternatives are tried at the start only, the other one only when
# its first word is there; one unanchored alternation is tried at every position of the line.)
_BIO_START = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:\s+\([^)]{1,60}\))?\s+"
    r"(?:is|was|joined|has been|covers|writes)\b(?i:.{0,150}?\b(?:writer|reporter|editor|"
    r"contributor|correspondent|columnist|journalist|fellow|curator|producer|author|publisher"
    r"|freelancer?|analyst|host)\b)"
    r"|additional reporting by\b")
_BIO_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?this (?:report|story|article)\b")
# Teaser links: a video's running time or a bracketed tag closing a headline.
_TEASER = re.compile(r"(?:\(\d{1,2}:\d\d\)|\[(?:[Vv]ideo|[A-Z]{4,})\])$")
_AFFILIATE = re.compile(
    r"\b(?:may|might|could) (?:get|earn|receive) a (?:small )?(?:share of the sale|commission)\b"
    r"|\baffiliate commission\b", re.IGNORECASE)
# Boxes that a page puts between an article's paragraphs.
_MID_BOXES = frozenset({"advertisement", "subscription appeal"})


def later_passes(lines: list[Line], reasons: MutableMapping[int, str], start: int, end: int,
                 rules: Rules) -> None:
    """Drop, in place, the kept lines that the later passes find to be boilerplate.

    Parameters
    ----------
    lines : list of Line
        The page.
    reasons : mutable mapping of int to str
        The reason of every line so far, by index ("" kept). Kept lines all lie inside
        ``[start, end)``; a line outside is read only next to the span or where it may be a
        "Related ..." header.
    start, end : int
        The body span (:func:`analysis.clean.span.body_span`).
    rules : Rules
        ``long_words``, ``bio_lines``, ``min_repeat_words`` and the menu sizes are read.

    Examples
    --------
    >>> from analysis.clean.shape import scan
    >>> rules = Rules(prose_words=4)
    >>> lines = scan("Talks went on all night.\\nYou can help us.\\nSubscribe now", rules)
    >>> reasons = {i: line.reason for i, line in enumerate(lines)}
    >>> later_passes(lines, reasons, 0, 2, rules)
    >>> [reasons[i] for i in range(3)]
    ['', 'subscription appeal', 'subscription appeal']
    """
    _appeal_run(lines, reasons, rules.long_words, start, end)
    _related_run(lines, reasons, start, end)
    _menu_run(lines, reasons, start, end, rules)
    _author_note(lines, reasons, rules.bio_lines, start, end)
    _teasers_and_repeats(lines, reasons, start, end, rules.min_repeat_words)
def _teasers_and_repeats(lines: list[Line], reasons: MutableMapping[int, str], start: int, end: int,
                         min_words: int) -> None:
    """Among the kept lines of ``lines[start:end]``: teaser links ("... (3:05)", "... [Video]"),
    affiliate notes, and lines repeated within the page.

    Teasers are decided after the body span so that, unlike other patterns, they do not cut the
    span: the article may go on after them. A kept line of ``min_words`` or more seen earlier
    in the body is a gallery caption or a teaser shown twice: the body keeps its first copy."""
    kept: set[str] = set()
    quotes: list[int] = []  # short lines in quotes: a pull quote repeats a body sentence
    for i in range(start, end):
        if reasons[i]:
            continue
        line = lines[i]
        s = line.text
        words = line.words
        if words <= 50:
            if s[0] in "“\"" and words >= min_words:
                quotes.append(i)
            if words <= 20 and s[-1] in ")]" and _TEASER.search(s):
                reasons[i] = "related links"
                continue
            if ("commission" in s or "sale" in s) and _AFFILIATE.search(s):
                reasons[i] = "advertisement"
                continue
        if words < min_words:
            continue
        if s in kept:
            reasons[i] = "repeated within page"
        else:
            kept.add(s)
    if quotes:
        others = set(quotes)
        body = "\n".join(lines[k].text for k in range(start, end)
                         if not reasons[k] and k not in others)
        for i in quotes:
            if lines[i].text.strip("“”\" ") in body:
                reasons[i] = "repeated within page"


def _author_note(lines: list[Line], reasons: MutableMapping[int, str], n_last: int, start: int,
                 end: int) -> None:
    """Among the last ``n_last`` kept lines (all in ``[start, end)``), an author's biography or
    credit line is a byline."""
    seen = 0
    for i in range(end - 1, start - 1, -1):
        if reasons[i]:
            continue
        seen += 1
        if seen > n_last:
            break
        line = lines[i]
        if line.words <= 60 and _is_bio(line.text):
            reasons[i] = "byline"


def _is_bio(s: str) -> bool:
    return _BIO_START.match(s) is not None or (
        "contributed " in s and _BIO_CONTRIBUTED.search(s) is not None)

def _appeal_run(lines: list[Line], reasons: MutableMapping[int, str], long_words: int, start: int,
                end: int) -> None:
    """A kept line addressing the reader right before a subscription appeal belongs to it
    (kept lines all lie in ``lines[start:end]``)."""
    n = len(lines)
    for i in range(min(end, n - 1), max(start, 0), -1):
        if reasons[i] != "subscription appeal":
            continue
        line = lines[i - 1]
        block = i + 1 == n or reasons[i + 1]  # the appeal opens a boilerplate block
        if (block and not reasons[i - 1]
                and line.words < long_words and _READER.search(line.text)):
            reasons[i - 1] = "subscription appeal"


_BULLET = tuple("-–—•*·▪►✓") + tuple("0123456789")


def _menu_run(lines: list[Line], reasons: MutableMapping[int, str], start: int, end: int,
              rules: Rules) -> None:
    """Inside the body span, a run of ``min_menu_run`` or more short kept lines that are neither
    sentences nor list items is a menu, tag cloud or teaser block that prose around it pulled in."""
    i = start
    while i < end:
        if lines[i].prose or lines[i].cell:
            i += 1
            continue
        j = i
        while j < end and not (lines[j].prose or lines[j].cell):
            j += 1
        short = []
        k = i
        while k < j:
            s = lines[k].text
            if reasons[k] or s.startswith(_BULLET) or s.endswith(SENT_END[:4]):
                k += 1
                continue
            if ":" in s and (n := fact_box(lines, reasons.__getitem__, k, j, rules)):
                k += n  # a fact box's lines, not a menu
                continue
            if lead_in(lines[k], rules):
                # A lead-in and the few short items after it are a list, not a menu.
                k += 1
                n = 0
                while (k < j and n < rules.max_bare_items and not reasons[k]
                       and bare_item(lines[k])):
                    k += 1
                    n += 1
                continue
            short.append(k)
            k += 1
        # (Menu items and teaser headlines are short or title-cased: a run of longer lines in
        # sentence case, such as a deals post's offers, is not a menu unless it holds enough
        # of those.)
        if len(short) >= rules.min_menu_run and sum(
                lines[k].words <= rules.max_menu_words or _title_cased(lines[k].text)
                for k in short) >= rules.min_menu_run:
            for k in short:
                reasons[k] = "menu/nav"
        i = j


# A fact box's line: a short label, a colon and a short value ("Release date: March 2020").
def _title_cased(s: str) -> bool:
    """Every word of five letters or more capitalised ("Talks Resume With a New Agenda")."""
    return all(w[0].isupper() for w in s.split() if len(w) >= 5 and w[0].isalpha())


def _related_run(lines: list[Line], reasons: MutableMapping[int, str], start: int,
                 end: int) -> None:
    """Headline-shaped lines right after a "Related ..." header are its links.

    ("Read more: <a headline>" is a teaser of its own, no header: no run starts at it.)
    A run may open before the body span; the kept lines it takes are all inside it."""
    # Whether a run is open at the span's first line: the last header before it opened one
    # and no prose line came after that header.
    # (A prose line is no header: its own words gave it no reason, or not that one.)
    in_run = False
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if line.prose:
            break
        key = line.key
        if ((not key or key.partition(" ")[0] in RELATED_FIRST_WORDS)
                and reasons[i] == "related links"):
            in_run = READ_MORE.match(line.text) is None
            break
    if not in_run and "related links" not in reasons.values():
        return
    for i in range(start, end):
        reason = reasons[i]
        if reason == "related links":
            in_run = READ_MORE.match(lines[i].text) is None
        elif not in_run:
            continue
        elif not reason:
            line = lines[i]
            # (An embedded post's signature, "— Name (@handle) date", is the article's; so
            # is a subheading after an ad label or an appeal box that closes the teasers,
            # right before a paragraph.)
            if line.prose or line.cell or "(@" in line.text:
                in_run = False
            elif line.words >= 3 and not line.text.endswith(SENT_END[:3]) and not (
                    reasons[i - 1] in _MID_BOXES and i + 1 < len(lines)
                    and lines[i + 1].prose and not reasons[i + 1]):
                reasons[i] = "related links"
            else:
                in_run = False
        elif lines[i].prose:
            in_run = False

