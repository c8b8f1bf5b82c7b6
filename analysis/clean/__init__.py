"""Boilerplate removal for scraped news pages, with an audit of every removed line.

A scraped page arrives as plain text, one block per line: menus, share widgets, the headline,
the dateline, the article body, then teasers, footers and newsletter appeals. The cleaner
decides line by line, from signals that need no DOM:

* **line shape**: how many words, whether the line ends like a sentence, all-caps, name-shaped;
  a sentence broken into lines (at a page break, at its inline links: "... told", "The
  Associated Press", ", and ...") is prose when its pieces together make one;
* **vocabulary**: UI words ("Share:", "Log In", "Advertisement"), copyright, cookie and
  subscription patterns, counters ("Views: 44"), datelines, bylines, contact details, photo
  captions and gallery counters ("(Image: GETTY)", "Image 1 of 23"). An English prose line
  with footer, cookie, comment or share words is a notice only in the site's voice (it
  addresses the reader or states rights), else it is an article sentence about the subject;
* **position**: the article body is the densest run of prose lines on the page (a maximum-sum
  segment where prose lines score their word count and other lines a penalty), run on over
  sentence-shaped lines and list items right after it (with a lead-in line ending in ":" and
  its items, key points before it likewise, and an embedded post closed by its "— Name
  (@handle) date" signature); a short block of boilerplate between prose (a teaser or
  newsletter box, or a longer teaser box that a "Related ..." header opens, dates and bylines
  included) costs at most two boilerplate lines; a table flattened one cell a line (numbers
  recurring with the row's width) costs nothing and weighs as prose when a paragraph or a
  line ending in ":" leads into it; lines outside it are
  boilerplate, short lines inside it (a one-line quote, a list item, a subheading) stay,
  unless five or more of them in a row, short or title-cased, are neither sentences nor list
  items nor the items after a lead-in nor a fact box ("Price: $699" lines) (a menu or tag
  cloud the prose around it pulled in).
  After the span is fixed, teaser links ("... (3:05)", "... [Video]"), affiliate notes and an
  author's note among the last kept lines go too;
* **script**: a short line in another script than the page (Cyrillic UI on an English page),
  except Latin lines inside a Cyrillic body (code, names);
* **repetition**: a long line already kept once on the page (a gallery caption shown twice) and,
  corpus only, a line repeated across two or more articles of one source, unless long prose.

Its scores and speed on the article-extraction benchmark are in ``bench/RESULTS.md``.

:func:`strip_boilerplate` works on one page; :func:`line_audit` gives the decision and its
reason for every line of a corpus; :func:`clean_corpus` adds the body as ``text``;
:func:`cleaning_audit` lists the removed lines. Raw text is never modified: every non-empty raw
line is either in ``text`` or in the audit.

One module per concern: :mod:`~analysis.clean.patterns` (what a line's own words say),
:mod:`~analysis.clean.shape` (lines, words, prose shape, tables), :mod:`~analysis.clean.span`
(the body span), :mod:`~analysis.clean.passes` (later passes on kept lines),
:mod:`~analysis.clean.decision` (every line's decision), :mod:`~analysis.clean.metadata`
(headline and date), :mod:`~analysis.clean.corpus` (corpus evidence, audit, cleaning), with
the numbers in :mod:`~analysis.clean.rules`.
"""

from analysis.clean.corpus import clean_corpus, cleaning_audit, line_audit, line_counts
from analysis.clean.decision import Decision, decide, join_body, strip_boilerplate
from analysis.clean.rules import REASONS, Rules, make_rules
from analysis.clean.shape import Line

__all__ = [
    "REASONS",
    "Decision",
    "Line",
    "Rules",
    "clean_corpus",
    "cleaning_audit",
    "decide",
    "join_body",
    "line_audit",
    "line_counts",
    "make_rules",
    "strip_boilerplate",
]
