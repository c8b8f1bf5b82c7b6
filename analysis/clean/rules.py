"""The cleaner's numbers (:class:`Rules`) and the vocabulary of its reasons (:data:`REASONS`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["REASONS", "Rules", "make_rules"]

# The fixed vocabulary of the audit's ``reason`` column (kept lines have "").
REASONS = (
    "menu/nav",
    "share widget",
    "footer/copyright",
    "cookie notice",
    "subscription appeal",
    "comment section",
    "advertisement",
    "counter",
    "related links",
    "photo credit",
    "site signature",
    "repeated across source",
    "title",
    "dateline",
    "byline",
    "letterhead/contact",
    "ui string (non-English)",
    "outside article body",
    "repeated within page",
    "outside the extracted article",
)


@dataclass(frozen=True)
class Rules:
    """Every number the cleaner's rules read; words are ``\\w+`` runs (a CJK character half).

    The first four are the options of :func:`analysis.clean.strip_boilerplate`; the others are
    tuned on the benchmark's dev pages and not exposed.

    Attributes
    ----------
    prose_words : int
        A line of this many words that ends like a sentence is prose.
    long_words : int
        A line of this many words is prose whatever its ending; a line repeated across a
        source's articles stays when it is this long.
    short_penalty, boiler_penalty, barrier_penalty : float
        Cost, in words, inside the body run, of a short line, of a line a pattern matched and
        of a footer or comment line.
    min_body_words : int
        Past a run of this many words, prose after a footer weighs ``after_footer_weight``.
    after_footer_weight : float
        Weight of a prose word after a footer or comment section.
    max_title_words : int
        Longest line (words) taken for the headline.
    max_pattern_chars : int
        Longer lines (characters) are prose-shaped by a whitespace count, no pattern split.
    min_tail_words : int
        Words of a sentence-shaped line or lead-in that the body run takes in at its edges.
    min_menu_run, max_menu_words : int
        A run of this many short kept lines inside the body (short: at most ``max_menu_words``
        words or title-cased) is a menu.
    bio_lines : int
        How many last kept lines may be an author's note.
    min_repeat_words : int
        A kept line of this many words seen before on the page is repeated.
    script_chars : int
        Characters of the body read to tell the page's script.
    min_list_words, max_bare_items : int
        Words of a list item the run takes in; unbulleted items after a lead-in at most.
    max_block_lines, max_block_cost, max_box_lines : int, float, int
        A block of boilerplate between prose of at most ``max_block_lines`` lines (a teaser
        box opened by "Related ...": ``max_box_lines``) costs at most ``max_block_cost``.
    max_table_columns, min_table_numbers : int
        A table flattened one cell a line: at most this many columns, at least this many
        number cells.
    min_fact_lines, max_fact_words : int
        A fact box: this many "Label: value" lines or more, values of at most this many words.

    Examples
    --------
    >>> Rules().prose_words, Rules(prose_words=6).long_words
    (10, 20)
    """

    prose_words: int = 10
    long_words: int = 20
    short_penalty: float = 3.0
    boiler_penalty: float = 12.0
    barrier_penalty: float = 12.0
    min_body_words: int = 80
    after_footer_weight: float = 0.25
    max_title_words: int = 30
    max_pattern_chars: int = 400
    min_tail_words: int = 3
    min_menu_run: int = 5
    bio_lines: int = 2
    min_repeat_words: int = 8
    script_chars: int = 5000
    min_list_words: int = 5
    max_bare_items: int = 8
    max_menu_words: int = 6
    max_block_lines: int = 6
    max_block_cost: float = 24.0
    max_box_lines: int = 16
    max_table_columns: int = 12
    min_fact_lines: int = 3
    max_fact_words: int = 5
    min_table_numbers: int = 4


@lru_cache(maxsize=64)  # (a frozen dataclass of 26 fields takes microseconds to build)
def make_rules(prose_words, long_words, short_penalty, boiler_penalty) -> Rules:
    """The :class:`Rules` of the four public options, checked.

    Parameters
    ----------
    prose_words, long_words, short_penalty, boiler_penalty
        As in :func:`analysis.clean.strip_boilerplate`.

    Returns
    -------
    Rules
        The same object for the same options (cached).

    Raises
    ------
    ValueError
        If an option is not a non-negative number.

    Examples
    --------
    >>> make_rules(10, 20, 3.0, 12.0) == Rules()
    True
    """
    for name, value in [("prose_words", prose_words), ("long_words", long_words),
                        ("short_penalty", short_penalty), ("boiler_penalty", boiler_penalty)]:
        if not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    return Rules(prose_words=prose_words, long_words=long_words, short_penalty=short_penalty,
                 boiler_penalty=boiler_penalty)
