"""Line shape: split a page into :class:`Line` objects, their words, prose shape and table cells.

A line's shape (words, whether it ends like a sentence) is measured for every line at once;
its pattern reason (:func:`analysis.clean.patterns.pattern_reason`) only when first read, since
most lines far from the article body are dropped whatever their reason. A sentence broken into
lines (at a page break, at its inline links) and a table flattened one cell a line are marked
here, before the body span is looked for.
"""

from __future__ import annotations

import re
from typing import Callable

from analysis.clean.patterns import WORD, pattern_reason
from analysis.clean.rules import Rules

__all__ = ["SENT_END", "Line", "line_keys", "norm", "scan"]

# ASCII bytes: word characters lower-cased, everything else a space.
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32
                     for c in range(128)) + b" " * 128
# The same, keeping line breaks.
_ASCII_WORDS_NL = _ASCII_WORDS[:10] + b"\n" + _ASCII_WORDS[11:]
_ASCII_BYTES = bytes(range(128))
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]")
# A non-ASCII word character or a CJK character (``_words`` counts those apart): a line without
# any is tokenised as if its non-ASCII characters were spaces.
# (A non-ASCII character, then a look back at it: far faster than a class with ``\W`` in it.)
_SPECIAL_WORD = re.compile(r"[^\x00-\x7f]"
                           r"(?<=[\w\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff])")
# A line ending like a sentence.
SENT_END = tuple(".!?…:;\"'”’»)]*。！？")
class Line:
    """One non-empty line of a page, its shape, and the reason its own words give.

    Parameters
    ----------
    no : int
        1-based line number in the raw text.
    text : str
        The stripped line.
    facts : tuple
        ``(words, prose, key, plain, reason)`` of the line's text as :func:`scan` measured it;
        ``plain``: no non-ASCII word character; ``reason`` None if not worked out yet (then
        the line was not prose).
    found : dict
        Text -> reason worked out later, shared by the page's lines.

    Attributes
    ----------
    no, text
        As above.
    words : float
        ``\\w+`` words (a CJK character counts half).
    prose : bool
        Shaped like prose: ``long_words`` words, or ``prose_words`` and a sentence's end, or a
        piece of a sentence broken into lines, or a cell of a table that prose leads into.
    key : str
        Lower-cased words joined by spaces, for comparing lines.
    cell : bool
        A cell of a table flattened one cell a line.
    reason : str
        The reason the line's words give (:func:`analysis.clean.patterns.pattern_reason`),
        "" for none; worked out when first read, once per distinct text of a page.

    Examples
    --------
    >>> lines = scan("Share:\\n\\nA b c.", Rules())
    >>> [(line.no, line.words, line.prose, line.reason) for line in lines]
    [(1, 1, False, 'share widget'), (3, 3, False, '')]
    """

    __slots__ = ("no", "text", "words", "prose", "key", "cell", "reason", "_plain", "_found")

    def __init__(self, no: int, text: str, facts: tuple, found: dict[str, str]) -> None:
        self.no, self.text, self._found = no, text, found
        self.words, self.prose, self.key, self._plain, reason = facts
        self.cell = False
        if reason is not None:  # (else left unset: see __getattr__)
            self.reason = reason

    def __getattr__(self, name: str):
        # Python calls this only for an attribute it did not find: ``reason`` before its first
        # read (or assignment), worked out then, once per distinct text; later reads are
        # plain attribute reads.
        if name != "reason":
            raise AttributeError(f"'Line' object has no attribute {name!r}")
        text = self.text
        reason = self._found.get(text)
        if reason is None:
            # (Prose lines have theirs from the start: this line was not prose then.)
            reason = self._found[text] = pattern_reason(text, self.key.split(), self.words,
                                                        False, self._plain)
        self.reason = reason
        return reason

    def __repr__(self) -> str:
        return f"Line({self.no}, {self.text!r})"


def _words(s: str, toks: list[str]) -> float:
    """Words of ``s`` (``toks`` its ``\\w+`` runs), a CJK character counting half."""
    if s.isascii() or _CJK.search(s) is None:
        return len(toks)
    n_cjk = len(_CJK.findall(s))
    if n_cjk:
        return len(WORD.findall(_CJK.sub(" ", s))) + n_cjk / 2
    return len(toks)
def scan(text: str, rules: Rules) -> list[Line]:
    """Every non-empty line of a page with its shape; sentences broken into lines and tables
    flattened one cell a line marked.

    Parameters
    ----------
    text : str
        The page, one block a line.
    rules : Rules
        ``prose_words``, ``long_words``, ``max_pattern_chars`` and the table sizes are read.

    Returns
    -------
    list of Line
        In page order; a line's ``reason`` is worked out when first read.

    Examples
    --------
    >>> [line.prose for line in scan("The talks went on\\nall night.", Rules(prose_words=5))]
    [True, True]
    """
    findall = WORD.findall
    max_chars, prose_words, long_words = (rules.max_pattern_chars, rules.prose_words,
                                          rules.long_words)
    stripped = list(map(str.strip, text.split("\n")))
    # ``WORD.findall(s.lower())`` of every line by one byte translation of the whole page and
    # a split, 3-5x faster; exact for a line without non-ASCII word characters (curly quotes and
    # dashes are fine: all their bytes become separators). UTF-8 never has a "\n" byte inside a
    # character, so the translated page splits into the same lines.
    raw_bytes = text.encode("utf-8", "surrogatepass")
    tok_lines = raw_bytes.translate(_ASCII_WORDS_NL).decode()
    # Which lines have a non-ASCII word character (or a CJK one); without CJK characters on the
    # page, no line needs _words.
    has_letter, cjk = _letter_test(text, raw_bytes)
    # Menus repeat within a page: analyse each distinct line once.
    seen: dict[str, str | tuple] = dict(zip(stripped, tok_lines.split("\n")))
    seen.pop("", None)
    numbers: set[str] = set()  # lines that are a number alone: a table's cells, maybe
    for s, tok_line in seen.items():
        if len(s) > max_chars:
            # Long lines are prose whatever they say; a whitespace split counts them faster.
            toks, plain = [], False
            if s.isascii():
                words = len(s.split())
            elif has_letter is None or not has_letter(s):
                words = len(tok_line.split())
            else:
                words = _words(s, findall(s)) if cjk else len(findall(s))
        elif has_letter is None or s.isascii() or not has_letter(s):
            toks = tok_line.split()
            words = len(toks)
            plain = True
        else:
            toks = findall(s.lower())
            words = _words(s, toks) if cjk else len(toks)
            plain = False
        prose = words >= long_words or (words >= prose_words and s.endswith(SENT_END))
        if words <= 2 and s[0] in _NUMBER_START and _NUMBER_CELL.match(s):
            numbers.add(s)
        # (Every prose line's reason is read: the body span starts and ends at such lines.)
        seen[s] = (words, prose, " ".join(toks), plain,
                   pattern_reason(s, toks, words, prose, plain) if prose else None)
    found: dict[str, str] = {}
    lines = [Line(no, s, seen[s], found) for no, s in enumerate(stripped, 1) if s]
    # A paragraph cut mid-sentence by a page break: both halves are prose if together they are
    # (the seam: a lower-case letter, a line break, a lower-case start). More generally, a
    # sentence broken into lines at its inline links ("... told", "The Associated Press",
    # ", and ...") is a chain of lines joined at open seams (see _seam): its lines are
    # prose if together they make a sentence-shaped line of ``prose_words`` or more.
    a = lines[0] if lines else None
    a_end = a.text[-1] if lines else ""
    for i in range(1, len(lines)):
        b = lines[i]
        text = b.text
        end = text[-1]
        if text[0].islower():
            if (a_end.isalpha() and a_end.islower() and a.words + b.words >= prose_words
                    and not (a.reason or b.reason)):
                a.prose = b.prose = True
        # A line that may end a sentence which the line before leaves open (see _seam).
        if (end in _STOP_OR_CLOSING and a_end not in _SENT_END_CHARS
                and (b.words <= 6 or text[0].islower() or text[0] in _CONTINUING_START)):
            _chain_prose(lines, i, prose_words)
        a, a_end = b, end
    if len(numbers) >= 2:
        _tables(lines, numbers, rules)
    return lines


# A table's number cell: "5040", "12.3%", "$1,200", "-0.5".
_NUMBER_CELL = re.compile(r"[+\-−]?[$€£]?\d[\d.,]*%?$")
_NUMBER_START = frozenset("0123456789+-−$€£")


def _is_cell(line: Line) -> bool:
    return line.words <= 4 and not line.prose and len(line.text) <= 40


def _tables(lines: list[Line], numbers: set[str], rules: Rules) -> None:
    """Mark as cells, without a pattern reason, the lines of a table flattened one cell a line;
    as prose too when the line before the table is a paragraph or ends with a colon.

    A table is a run of short lines (cells) in which the lines that are a number alone
    (``numbers``) recur with a period (the row's width, at most ``max_table_columns``): the
    same two or more columns of each row of two rows or more hold numbers, and one column at
    least holds none (a row's label). The run takes in up to a header row and a label before
    its first number and a label column after its last, lines without a pattern reason. A
    menu with counts ("World", "12") has one number column, a pager no label: neither is a
    table."""
    pos = [i for i, line in enumerate(lines) if line.text in numbers]
    max_cols, min_numbers = rules.max_table_columns, rules.min_table_numbers
    # (Most pages' numbers lie far apart: no table.)
    if not any(pos[k + min_numbers - 1] - pos[k] <= (min_numbers - 1) * max_cols
               for k in range(len(pos) - min_numbers + 1)):
        return
    n_pos, g = len(pos), 0
    while g < n_pos:
        # A cluster: numbers at most a row apart, all lines between them cells.
        h = g
        while (h + 1 < n_pos and pos[h + 1] - pos[h] <= max_cols
               and all(_is_cell(lines[k]) for k in range(pos[h] + 1, pos[h + 1]))):
            h += 1
        a, b = pos[g], pos[h]
        if h - g + 1 >= min_numbers:
            num = set(pos[g:h + 1])
            for p in range(2, max_cols + 1):
                cols = {(k - a) % p for k in num}
                if (2 <= len(cols) < p and (b - a) // p >= 1
                        and all(((k - a) % p in cols) == (k in num) for k in range(a, b + 1))):
                    lo, hi = a, b
                    while lo > 0 and a - lo < 2 * p - 1 and _is_cell(lines[lo - 1]) \
                            and lines[lo - 1].text not in numbers and not lines[lo - 1].reason:
                        lo -= 1
                    while hi + 1 < len(lines) and hi - b < p - len(cols) \
                            and _is_cell(lines[hi + 1]) and lines[hi + 1].text not in numbers \
                            and not lines[hi + 1].reason:
                        hi += 1
                    # (A table that a paragraph or a line ending with a colon leads into is
                    # the article's: its cells weigh like prose. Others, a sidebar's standings
                    # or a ticker, weigh nothing.)
                    before = lines[lo - 1] if lo > 0 else None
                    weighs = (before is not None and (before.prose or before.text[-1] == ":")
                              and not before.reason)
                    for line in lines[lo:hi + 1]:
                        line.cell, line.reason = True, ""
                        line.prose = line.prose or weighs
                    break
        g = h + 1


# Words that leave a sentence open when a line ends with them: the next line goes on with it.
_OPEN_END_WORDS = frozenset(
    "the a an of to in for with on at by from and or but nor that which who whom whose as than "
    "is are was were be been being has have had will would can could should may might must not "
    "into onto about over under after before between against during without within through "
    "across toward towards its their his her our your my this these those where when while if "
    "because although though since until via per amid among said told according "
    "including".split())
# Closing punctuation that a line may start with when it goes on with the previous one.
_CONTINUING_START = frozenset(",.;:)]!?”’")
# A sentence's end: a full stop (or "!", "?", "..."), maybe followed by closing quotes.
_FULL_STOP = tuple(".!?…")
_CLOSING = "\"'”’»)"
_CLOSING_QUOTES = frozenset("”\"’'")
_STOP_OR_CLOSING = frozenset(_FULL_STOP) | _CLOSING_QUOTES  # (not ")": "World (3031)")
_BULLET_START = frozenset("-–—•*·▪►✓#|>»")
_SENT_END_CHARS = frozenset(".!?…:")


def _seam(first: str, second: Line, first_key: str) -> int:
    """How ``second`` may go on with the sentence ``first`` leaves open: 2 (surely: ``first``
    does not end a sentence and ``second`` starts lower-case or with closing punctuation,
    ``first`` ends with a word that cannot end one, "of", "the", "said", or with a comma and
    a closing quote), 1 (maybe: ``second`` is a capitalised link text of six words or fewer
    after an open line, "... friendship with" "Jeffrey Epstein"), 0 (no: a full stop, or a
    longer line after an open one, such as a headline after a truncated teaser)."""
    end = first[-1]
    start = second.text[0]
    if not (start.islower() or start in _CONTINUING_START) and (
            second.words > 6 or start in _BULLET_START):
        return 0
    if end.isalnum() or end == "," or end == ";":
        if start.islower() or start in _CONTINUING_START:
            return 2
        if end.islower() and first_key[first_key.rfind(" ") + 1:] in _OPEN_END_WORDS:
            return 2
        return 1
    # '..., the minister said,”' then "Smith added."
    return 2 if end in _CLOSING_QUOTES and first[-2:-1] == "," else 0


def _chain_prose(lines: list[Line], j: int, prose_words: int) -> None:
    """Mark as prose the sentence that ``lines[j]`` ends, if it is one broken into lines.

    ``lines[j]`` ends with a full stop (or "!", "?", "...", a closing quote after one); the
    sentence is the chain of seams (see :func:`_seam`) before it, back to the line after an
    earlier full stop once it has ``prose_words`` words. It is prose when no more of its seams
    are maybe than sure and no line has a pattern reason: a run of mostly capitalised lines is
    a menu, and lines after a chain's last full stop (class names, handles, truncated teasers)
    are no sentence."""
    if not lines[j].text.rstrip(_CLOSING).endswith(_FULL_STOP):
        return
    words, sure, k = lines[j].words, 0, j
    while k > 0:
        a, b = lines[k - 1], lines[k]
        seam = _seam(a.text, b, a.key)
        if not seam or (words >= prose_words
                        and a.text.rstrip(_CLOSING).endswith(_FULL_STOP)):
            break
        sure += seam == 2
        words += a.words
        k -= 1
    run = lines[k:j + 1]
    # (Their reasons are read last: working them out costs.)
    if (words >= prose_words and 2 * sure >= j - k and not all(x.prose for x in run)
            and not any(x.reason for x in run)):
        for x in run:
            x.prose = True


def norm(s: str) -> str:
    """A line's key: its lower-cased ``\\w+`` words joined by spaces.

    Examples
    --------
    >>> norm("Talks, in BAKU!")
    'talks in baku'
    """
    return " ".join(WORD.findall(s.lower()))

def line_keys(text: str) -> set[str]:
    """The keys (:func:`norm`) of the lines of ``text``, "" left out.

    Computed mostly without a regex per line.

    One byte translation of the whole text lower-cases ASCII word characters and turns every
    other byte into a space (UTF-8 has no "\\n" byte inside a character, so the lines stay
    put): splitting a translated line on whitespace gives its words. That is exact for a line
    without non-ASCII word characters (no non-word character lower-cases into a word
    character), so only lines with some go through :func:`norm`: the lines holding one of the
    text's non-ASCII word characters, found among its non-ASCII characters alone (its UTF-8
    bytes less the ASCII ones).

    Examples
    --------
    >>> sorted(line_keys("Share:\\nTalks in Baku.\\n\\nSHARE"))
    ['share', 'talks in baku']
    """
    raw = text.encode("utf-8", "surrogatepass")
    flat = raw.translate(_ASCII_WORDS_NL).decode().split("\n")
    has_letter, _ = _letter_test(text, raw)
    if has_letter is not None:
        for i, s in enumerate(text.split("\n")):
            if not s.isascii() and has_letter(s):
                flat[i] = norm(s)
    keys = {" ".join(line.split()) for line in set(flat)}
    keys.discard("")
    return keys


def _letter_test(text: str, raw: bytes, *, max_letters: int = 8
                 ) -> tuple[Callable[[str], bool] | None, bool]:
    """``(has_letter, cjk)``: a test whether a line of ``text`` (UTF-8 encoding ``raw``) holds a
    non-ASCII word character or a CJK character, None when ``text`` holds none; and whether it
    holds CJK characters.

    They are looked for among the page's non-ASCII characters alone. A page with a few such
    letters (an accented name on an English page) gets a substring search for each, cheaper
    than a regular expression on every line. A Cyrillic or CJK page, with dozens or hundreds,
    gets the regular expression, which stops at a line's first letter: its distinct letters are
    only counted up to ``max_letters`` + 1, each found by removing the ones before it, never
    by a set of all its characters (a new string object for each non-Latin-1 one)."""
    if text.isascii():
        return None, False
    others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if _SPECIAL_WORD.search(others) is None:
        return None, False
    letters: list[str] = []
    rest = others
    while rest and len(letters) <= max_letters:
        c = rest[0]
        if _SPECIAL_WORD.match(c) is not None:
            letters.append(c)
        rest = rest.replace(c, "")
    if rest:  # more than max_letters letters
        return (lambda s: _SPECIAL_WORD.search(s) is not None), _CJK.search(others) is not None
    return (lambda s: any(map(s.__contains__, letters))), any(map(_CJK.match, letters))


