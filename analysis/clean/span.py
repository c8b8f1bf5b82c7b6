"""The body span: the densest run of prose lines on a page, and what joins it at its edges.

:func:`body_span` finds the maximum-sum run (prose lines score their words, other lines a
cost) and extends it over the sentence-shaped lines, list items, lead-ins, embedded posts,
table cells and fact boxes right before and after it.
"""

from __future__ import annotations

import re
from typing import Callable

from analysis.clean.rules import Rules
from analysis.clean.shape import SENT_END, Line

__all__ = ["bare_item", "body_span", "fact_box", "lead_in"]

# The signature closing an embedded post: "— Jane Roe (@janeroe) November 2, 2019".
_POST_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)")
# A list item's start: a bullet or a number closed by "." or ")" (not "10 Best ...").
_LIST_ITEM = re.compile(r"(?:[-–—•*·▪►✓]|\d{1,2}[.)]\s)")
# A form's label asks for the reader's details ("Enter your email address:", "Your name:"); a
# lead-in ("In a statement, the company said:") does not.
_FORM_LABEL = re.compile(r"^(?:please\s+)?(?:enter|type|select|choose|confirm|provide|your)\b",
                         re.IGNORECASE)
# Reasons that mark the end of an article (footer, comments): prose after them weighs less
# (Rules.after_footer_weight). Crossing one costs no more than other boilerplate: a false
# barrier inside an article (a "© Name" credit) then costs the article's second half only when
# it is short. A cookie banner is an overlay that a scrape puts anywhere: not a barrier.
_BARRIERS = frozenset({"footer/copyright", "comment section"})
# A live blog's entry time: a clock time or "12m ago" without a date.
_ENTRY_TIME = re.compile(r"(?i)(?:updated\s+)?(?:\d{1,2}:\d\d\s?(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?"
                         r"|\d+\s?(?:m|mins?|h|hrs?|minutes?|hours?) ago)$")


def body_span(lines: list[Line], rules: Rules) -> tuple[int, int]:
    """Indices ``[start, end)`` of the article body: the maximum-sum run (prose scores its
    words, the rest a cost), extended over what joins it at its edges.

    Parameters
    ----------
    lines : list of Line
        A page, as :func:`analysis.clean.shape.scan` splits it.
    rules : Rules
        The costs and sizes read.

    Returns
    -------
    tuple of int
        ``(start, end)``; ``(0, 0)`` when the page has no prose line without a pattern reason.

    Examples
    --------
    >>> from analysis.clean.shape import scan
    >>> body_span(scan("Menu\\nTalks went on all night in Baku.\\nShare:", Rules(prose_words=5)),
    ...           Rules(prose_words=5))
    (1, 2)

    """
    best, best_span = 0.0, (0, 0)
    run, run_start = 0.0, 0
    weight = 1.0
    barrier, boiler, short = -rules.barrier_penalty, -rules.boiler_penalty, -rules.short_penalty
    # A block of at most ``max_block_lines`` non-prose lines between two prose lines (a teaser
    # box, an ad label, a newsletter box inside an article) costs no more than
    # ``max_block_cost`` in all, unless it holds a barrier, a byline or a dateline (the end of
    # an article or its head): at the prose line after it, the run carried over the block at
    # that cost replaces the run if it is higher. (The costs being negative, no best run ends
    # inside a block, so this is the maximum-sum run with the capped costs.) A teaser box that
    # a "Related ..." header opens, without menu items, may hold ``max_box_lines`` lines and
    # its teasers' dates and bylines.
    n_block, block_cost, cappable, head = 0, 0.0, True, False
    run_before, start_before = 0.0, 0
    max_block, block_cap = rules.max_block_lines, -rules.max_block_cost
    max_box, box = rules.max_box_lines, False
    # Every line but a prose line without a pattern reason costs: the run starts at the first
    # such line and ends by the last, so the lines outside them need no look.
    n = len(lines)
    first = next((i for i in range(n) if lines[i].prose and not lines[i].reason), n)
    last = next((i for i in range(n - 1, first, -1) if lines[i].prose and not lines[i].reason),
                first)
    for i in range(first, min(last + 1, n)):
        line = lines[i]
        reason = line.reason
        if not reason and (line.prose or line.cell):
            # (A table's cells that weigh nothing (see _tables) do not cut the body either.)
            score = line.words * weight if line.prose else 0.0
            if n_block:
                if (cappable and (n_block <= max_box if box else n_block <= max_block
                                  and not head)
                        and block_cost < block_cap and run_before + block_cap > max(run, 0.0)):
                    run, run_start = run_before + block_cap, start_before
                n_block, block_cost, cappable, head = 0, 0.0, True, False
        else:
            if not n_block:
                run_before, start_before = run, run_start
                # (A block that a "Related" header opens is a teaser box, whose teasers may
                # carry dates and bylines: no article head; unless it holds a menu.)
                box = reason == "related links"
            n_block += 1
            if not reason:
                score = short
                if line.words < 3:
                    box = False
            elif reason in _BARRIERS:
                score = barrier
                cappable = False
                # Prose after a footer or comment section that follows some prose is comments
                # or teasers far more often than article text.
                if best >= rules.min_body_words:
                    weight = rules.after_footer_weight
            else:
                score = boiler
                # (A live blog's entry time, a clock time or "12m ago" without a date, is
                # no article head.)
                if reason == "byline" or (
                        reason == "dateline" and _ENTRY_TIME.match(line.text) is None):
                    head = True
                elif reason == "menu/nav":
                    box = False
            block_cost += score
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, i + 1)
    start, end = best_span
    # Sentence-shaped lines right after the run (a closing list item, a one-line quote, an
    # editor's note) still belong to the body, and so do the items of a list closing it, with
    # the lead-in line that opens it ("What we know:").
    bulleted = False  # a bulleted list has started: its items stay however short
    while end < len(lines) and not lines[end].reason:
        line = lines[end]
        if _sentence_shaped(line, rules) or _list_item(line, rules):
            bulleted = bulleted or _LIST_ITEM.match(line.text) is not None
        elif bulleted and _short_item(line):
            pass
        elif lead_in(line, rules) and _opens_list(lines, end + 1, rules):
            bulleted = _short_item(lines[end + 1])
            if not (bulleted or lines[end + 1].prose or _sentence_shaped(lines[end + 1], rules)):
                # Unbulleted items look like the menu or teasers that may follow an article:
                # they count (with the lead-in) only as a short run that boilerplate or the
                # page's end closes.
                k = end + 1
                while (k < len(lines) and k - end <= rules.max_bare_items + 1
                       and not lines[k].reason and bare_item(lines[k])):
                    k += 1
                if k - end > rules.max_bare_items + 1 or (k < len(lines) and not lines[k].reason):
                    break
                end = k
                continue
        elif k := _embedded_post(lines, end):
            end = k
            continue
        elif line.cell:
            pass
        elif k := _headed_fact_box(lines, end, rules):
            end += k
            continue
        else:
            break
        end += 1
    # ... and so do the ones right before it (a short lead paragraph, a list of key points
    # and its lead-in).
    while start > 0 and not lines[start - 1].reason:
        line = lines[start - 1]
        if not (line.cell or _sentence_shaped(line, rules)
                or (_short_item(line) and line.words >= 3)
                or (lead_in(line, rules) and _opens_list(lines, start, rules))):
            break
        start -= 1
    return start, end


def _embedded_post(lines: list[Line], i: int) -> int:
    """The index after an embedded post that starts at ``lines[i]`` (its text in up to three
    lines, then its "— Name (@handle) date" signature), else 0."""
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j - 1].reason:
            return 0
        if _POST_SIGNATURE.match(lines[j].text):
            return 0 if lines[j].reason else j + 1
    return 0


def _short_item(line: Line) -> bool:
    """A bulleted or numbered line of two words or more, without a pattern reason."""
    return not line.reason and line.words >= 2 and _LIST_ITEM.match(line.text) is not None


def lead_in(line: Line, rules: Rules) -> bool:
    """Tell whether a line introduces a list or a quote: ``min_tail_words`` words or more
    ending in ":", no pattern reason, not a form's label ("Your email:").

    Examples
    --------
    >>> from analysis.clean.shape import scan
    >>> lines = scan("What we know so far:\\nYour email address:", Rules())
    >>> [lead_in(line, Rules()) for line in lines]
    [True, False]
    """
    return (not line.reason and line.words >= rules.min_tail_words and line.text.endswith(":")
            and not line.text[:1].islower() and not _FORM_LABEL.search(line.text))


def _opens_list(lines: list[Line], i: int, rules: Rules) -> bool:
    """Tell whether ``lines[i]`` can follow a lead-in: a list item or a sentence."""
    return i < len(lines) and not lines[i].reason and (
        _short_item(lines[i]) or _sentence_shaped(lines[i], rules) or lines[i].prose
        or bare_item(lines[i]))


def bare_item(line: Line) -> bool:
    """Tell whether a line may be an unbulleted list item: two to 12 words, not prose, no
    pattern reason, not a lead-in.

    Examples
    --------
    >>> from analysis.clean.shape import scan
    >>> [bare_item(line) for line in scan("Lower tariffs\\nShare", Rules())]
    [True, False]
    """
    return (not line.reason and 2 <= line.words <= 12 and not line.prose
            and not line.text.endswith(":"))


def _list_item(line: Line, rules: Rules) -> bool:
    """A bulleted or numbered ("1.", "2)") line of ``min_list_words`` words or more."""
    return (not line.reason and line.words >= rules.min_list_words
            and _LIST_ITEM.match(line.text) is not None)


def _sentence_shaped(line: Line, rules: Rules) -> bool:
    return (not line.reason and line.words >= rules.min_tail_words
            and line.text.endswith(SENT_END[:4]) and not line.text[:1].islower())


_FACT = re.compile(r"([A-Z][\w’'()/&-]*(?: [\w’'()/&-]+){0,2}):\s+\S")


def fact_box(lines: list[Line], reason: Callable[[int], str], i: int, end: int,
              rules: Rules) -> int:
    """How many lines from ``lines[i]`` make a fact box (``min_fact_lines`` or more "Label:
    value" lines in a row before ``end``, no ``reason(k)``, labels of one to three words all
    different, values of at most ``max_fact_words`` words), else 0. Teaser headlines with a colon
    ("Police: Gift card scam costs ...") have longer values; a menu's "Star Wars: Episode IX",
    "Star Wars: The Mandalorian" repeats its labels.

    ``reason(k)`` is the reason of ``lines[k]`` so far (a line's own, or the page's decision).

    Examples
    --------
    >>> from analysis.clean.shape import scan
    >>> lines = scan("Price: $699\\nWeight: 180 g\\nScreen: 6.1 inches\\nIt works.", Rules())
    >>> fact_box(lines, lambda k: lines[k].reason, 0, len(lines), Rules())
    3
    """
    labels = set()
    k = i
    while k < end and not reason(k):
        m = _FACT.match(lines[k].text)
        if (m is None or m.group(1) in labels
                or len(lines[k].text[m.end() - 1:].split()) > rules.max_fact_words):
            break
        labels.add(m.group(1))
        k += 1
    return k - i if k - i >= rules.min_fact_lines else 0


def _headed_fact_box(lines: list[Line], i: int, rules: Rules) -> int:
    """How many lines from ``lines[i]`` make a fact box, maybe after its heading of at most
    four words ("Specifications", then "Price: $999", ...), else 0."""
    def reason(k: int) -> str:
        return lines[k].reason

    if n := fact_box(lines, reason, i, len(lines), rules):
        return n
    line = lines[i]
    if line.words <= 4 and not line.text.endswith(SENT_END) and (
            n := fact_box(lines, reason, i + 1, len(lines), rules)):
        return n + 1
    return 0


