"""The rule decisions: the reason, or none, of every line of one page.

:func:`decide` splits a page (:mod:`analysis.clean.shape`), finds its body span
(:mod:`analysis.clean.span`), decides every line from its own reason, its place, the page's
headline and script and the source's repeated lines, and runs the later passes
(:mod:`analysis.clean.passes`). A line outside the body span is dropped whatever its reason,
so that reason is only worked out when read (:attr:`Decision.reasons`, :meth:`Decision.reason`):
cleaning reads the kept lines, the headline and the dateline; the audit reads every line.
"""

from __future__ import annotations

import re
from collections import Counter

from analysis.clean.passes import later_passes
from analysis.clean.rules import Rules, make_rules
from analysis.clean.shape import Line, norm, scan
from analysis.clean.span import body_span

__all__ = ["Decision", "decide", "join_body", "strip_boilerplate"]

# Letters of the Latin script, and of its accented part.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_ASCII_NOT_ALPHA = bytes(c for c in range(128) if not chr(c).isalpha())
def _script(s: str) -> str:
    """The script of most of the letters of ``s``: "latin", "cyrillic" or "" (none)."""
    if s.isascii():
        return "latin" if any(c.isalpha() for c in s) else ""
    # U+0400-U+04FF are exactly the UTF-8 sequences led by bytes D0-D3: counting those bytes in
    # C is far cheaper than a regular expression over a whole page of Latin text.
    b = s.encode("utf-8", "surrogatepass")
    n_cyr = len(b) - len(b.translate(None, b"\xd0\xd1\xd2\xd3"))
    if not n_cyr:
        return "latin" if _LATIN.search(s) else ""
    # ASCII letters counted in C; only the accented ones go through the regular expression.
    n_lat = (len(s.encode("ascii", "ignore").translate(None, _ASCII_NOT_ALPHA))
             + len(_LATIN_ACCENTED.findall(s)))
    if n_cyr == 0 and n_lat == 0:
        return ""
    return "cyrillic" if n_cyr > n_lat else "latin"


class _Reasons(dict):
    """Line index -> reason, a line's decided when first read; and what the rule reads.

    (It holds no reference back to its :class:`Decision`: a page's objects then form no
    cycle, and are freed as soon as the page is done with, without waiting for the garbage
    collector.)"""

    __slots__ = ("lines", "start", "end", "heads", "head_prefixes", "near_title",
                 "page_script", "repeated", "long_words")

    def __init__(self, lines: list[Line], start: int, end: int, *, heads: set[str],
                 near_title: set[int], page_script: str, repeated: frozenset[str],
                 long_words: int) -> None:
        super().__init__()
        self.lines, self.start, self.end = lines, start, end
        self.heads = frozenset(heads)
        self.head_prefixes = tuple(h + " " for h in sorted(heads))
        self.near_title, self.page_script = near_title, page_script
        self.repeated, self.long_words = repeated, long_words

    def __missing__(self, i: int) -> str:
        reason = self[i] = self.decide_line(i)
        return reason

    def decide_line(self, i: int) -> str:
        """The reason of ``lines[i]`` before the later passes (which change kept lines only)."""
        line = self.lines[i]
        reason = line.reason
        if reason:
            return reason
        key, words, text = line.key, line.words, line.text
        inside = self.start <= i < self.end
        repeated, page_script = self.repeated, self.page_script
        if repeated and key in repeated and words < self.long_words:
            return "repeated across source"
        # Latin lines inside a Cyrillic body are code, names or quotes, not the site's UI.
        if (words <= 6 and page_script and not (page_script == "latin" and text.isascii())
                and (other := _script(text)) and other != page_script
                and not (inside and other == "latin")):
            return "ui string (non-English)"
        if inside:
            return "title" if key and key in self.heads else ""
        if key in self.heads or key.startswith(self.head_prefixes):
            return "title"
        if i in self.near_title and _name_shaped(text):
            return "byline"
        if i < self.start and text.isupper() and _caps_block(self.lines, i):
            return "letterhead/contact"
        return "menu/nav" if words <= 6 else "outside article body"


class Decision:
    """The cleaner's decision on one page (made by :func:`decide`).

    Attributes
    ----------
    lines : list of Line
        Every non-empty line, in page order.
    start, end : int
        The body span ``lines[start:end]``; every kept line lies in it.
    heads : frozenset of str
        Keys (:func:`analysis.clean.shape.norm`) taken for the headline.
    head_prefixes : tuple of str
        Each of ``heads`` and a space: outside the body, a line starting with one is a title.

    Examples
    --------
    >>> d = decide("Menu\\nTalks went on all night in Baku.\\nShare:", Rules(prose_words=5))
    >>> d.start, d.end, d.reasons
    (1, 2, ['menu/nav', '', 'share widget'])
    >>> [line.text for line in d.kept]
    ['Talks went on all night in Baku.']
    """

    __slots__ = ("lines", "start", "end", "heads", "head_prefixes", "_reasons")

    def __init__(self, reasons: _Reasons) -> None:
        self.lines, self.start, self.end = reasons.lines, reasons.start, reasons.end
        self.heads, self.head_prefixes = reasons.heads, reasons.head_prefixes
        self._reasons = reasons

    def reason(self, i: int) -> str:
        """The reason of ``lines[i]``: one of :data:`analysis.clean.REASONS`, "" when kept."""
        return self._reasons[i]

    @property
    def reasons(self) -> list[str]:
        """The reason of every line (all worked out: slower than :attr:`kept`)."""
        return [self._reasons[i] for i in range(len(self.lines))]

    @property
    def kept(self) -> list[Line]:
        """The body's lines."""
        reasons = self._reasons
        return [self.lines[i] for i in range(self.start, self.end) if not reasons[i]]


def decide(text: str, rules: Rules, *, repeated: frozenset[str] = frozenset(),
           title: str = "") -> Decision:
    """Decide every line of one page: body text, or boilerplate and why.

    Parameters
    ----------
    text : str
        The page as plain text, one block a line.
    rules : Rules
        The numbers the rules read (:func:`analysis.clean.rules.make_rules` checks the public
        ones).
    repeated : frozenset of str
        Keys of the lines that the page's source repeats across its articles.
    title : str
        The page's title from the manifest, if any: it helps find the headline line.

    Returns
    -------
    Decision

    Examples
    --------
    >>> page = "Talks in Baku\\nTalks went on all night in Baku, officials said.\\n© 2025 News"
    >>> d = decide(page, Rules(prose_words=5), title="Talks in Baku")
    >>> d.reasons
    ['title', '', 'footer/copyright']
    """
    lines = scan(text, rules)
    if not lines:
        return Decision(_Reasons([], 0, 0, heads=set(), near_title=set(), page_script="",
                                 repeated=repeated, long_words=rules.long_words))
    start, end = body_span(lines, rules)
    # Page script: the script of the body (or of the whole page if no body was found).
    max_chars = rules.script_chars
    parts, n_chars = [], 0
    for line in lines[start:end]:  # only the lines that make up the first max_chars
        parts.append(line.text)
        n_chars += len(line.text) + 1
        if n_chars > max_chars:
            break
    page_script = _script((" ".join(parts) or text)[:max_chars])
    # Headline: a line before the body that another pre-body line repeats, else the manifest
    # title, else the last headline-shaped line before the body.
    head = lines[:start]
    seen = Counter([line.key for line in head])
    heads = {k for k, n in seen.items() if n > 1 and len(k.split()) >= 3}
    title_norm = norm(title)
    if title_norm:
        heads.add(title_norm)
    if not heads:
        for line in reversed(head):
            if (3 <= line.words <= rules.max_title_words and not line.text.endswith(".")
                    and not line.reason):
                heads.add(line.key)
                break
    heads.discard("")
    # Lines up to three after a headline line, where a byline may stand.
    near_title = {j for i, line in enumerate(head) if line.key in heads
                  for j in range(i + 1, i + 4)}
    reasons = _Reasons(lines, start, end, heads=heads, near_title=near_title,
                       page_script=page_script, repeated=repeated, long_words=rules.long_words)
    # The body's lines are decided now, the passes then change some; the lines outside, never
    # kept, only when read.
    for i in range(start, end):
        reasons[i] = reasons.decide_line(i)
    later_passes(lines, reasons, start, end, rules)
    decision = Decision(reasons)
    return decision


# Closing punctuation that glues a line to the line before it in the body text.
_GLUED_START = frozenset(",.;:)]!?")


def join_body(kept: list[Line]) -> str:
    """Join kept lines with newlines, re-joining a paragraph split mid-sentence by a break, and
    gluing a line that starts with closing punctuation (", and ...", ".") to the line before.

    Parameters
    ----------
    kept : list of Line
        The lines of a body, in page order.

    Returns
    -------
    str

    Examples
    --------
    >>> from analysis.clean.shape import scan
    >>> lines = scan("The talks went on\\nall night\\n, officials said.\\nA deal.", Rules())
    >>> print(join_body(lines))
    The talks went on all night, officials said.
    A deal.
    """
    parts: list[str] = []
    for line in kept:
        s = line.text
        if s[0].islower() and parts and _continues(parts[-1], s):
            parts[-1] = parts[-1] + " " + s
        elif s[0] in _GLUED_START and parts and parts[-1][-1] not in _GLUED_START:
            parts[-1] = parts[-1] + s
        else:
            parts.append(s)
    return "\n".join(parts)


def _continues(first: str, second: str) -> bool:
    """Tell whether ``second`` continues the sentence ``first`` breaks off (lower-case seam)."""
    return first[-1:].isalpha() and first[-1:].islower() and second[:1].islower()


def _name_shaped(s: str) -> bool:
    """Two to four capitalised words of letters: a name ("Jane Roe", "J. R. Smith")."""
    parts = s.split()
    return 2 <= len(parts) <= 4 and all(p[:1].isupper() and p.replace(".", "").replace("-", "")
                                        .isalpha() for p in parts)


def _caps_block(lines: list[Line], i: int) -> bool:
    """Two or more consecutive short all-caps lines: a letterhead or logo text."""

    def caps(line: Line) -> bool:
        return line.words <= 4 and line.text.isupper() and any(c.isalpha() for c in line.text)

    if not caps(lines[i]):
        return False
    return (i > 0 and caps(lines[i - 1])) or (i + 1 < len(lines) and caps(lines[i + 1]))


def strip_boilerplate(text: str, *, prose_words: int = 10, long_words: int = 20,
                      short_penalty: float = 3.0, boiler_penalty: float = 12.0) -> str:
    """Return the article body of one scraped page (plain text, one block per line).

    Parameters
    ----------
    text : str
        The page as plain text, one block (paragraph, menu item, heading) per line.
    prose_words : int, default 10
        A line of at least this many words (``\\w+`` runs; a CJK character counts half) that
        ends like a sentence counts as prose.
    long_words : int, default 20
        A line of at least this many words counts as prose whatever its ending.
    short_penalty : float, default 3.0
        Cost, in words, of a short non-prose line inside the body run; higher values cut the
        body at menus sooner but may drop a paragraph isolated between subheadings.
    boiler_penalty : float, default 12.0
        Cost, in words, of a line matching a boilerplate pattern (share, copyright, byline...).

    Returns
    -------
    str
        The body lines, stripped, joined with ``"\\n"``; a paragraph broken mid-sentence (a line
        ending in a lower-case word followed by a line starting lower-case) is re-joined. Title,
        dateline and byline are not part of the body. Empty string when no body is found.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> page = "Home\\nPolitics\\nShare:\\n"
    >>> page += "Ministers met in Baku on Monday to sign a new trade deal.\\n"
    >>> page += "- First, tariffs fall.\\n© 2025 Example News. All rights reserved."
    >>> print(strip_boilerplate(page, prose_words=5))
    Ministers met in Baku on Monday to sign a new trade deal.
    - First, tariffs fall.
    """
    if not isinstance(text, str):
        raise TypeError(f"strip_boilerplate expects a str, got {type(text).__name__}")
    rules = make_rules(prose_words, long_words, short_penalty, boiler_penalty)
    return join_body(decide(text, rules).kept)


