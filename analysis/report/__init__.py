"""Report: the notebooks' interpretive prose, written from the tables of the corpus at hand.

A notebook run with ``make figures CORPUS=...`` shows another corpus's figures; prose that types
the seeds' numbers ("about -0.15, 18 sentences") would then stand next to figures it does not
describe. So every number in a notebook's "Reading it" text comes from a function here, which
reads it off the measure's table and returns Markdown (the notebook shows it with
``IPython.display.Markdown``). What only a reader of the seeds can say (which outlet attacks whom,
and why the scorer misses it) goes through :func:`seeds_only`: shown when the corpus is the
seeds, replaced by a line saying so otherwise.

Every function takes a measure's table and returns a ``str`` of Markdown; none computes a
measure. Numbers are rounded for reading: rates and means to two decimals, shares to whole
percent.

One module per kind of note, all built on :mod:`~analysis.report.prose` (numbers, lists,
paragraphs, :func:`seeds_only`): :mod:`~analysis.report.corpus`, :mod:`~analysis.report.terms`,
:mod:`~analysis.report.topics`, :mod:`~analysis.report.sentiment` (with the validation notes).
``from analysis.report import ...`` works for every name below.
"""

from analysis.report.corpus import articles_note, audit_note, overview_note
from analysis.report.prose import fmt_list, fmt_share, seeds_only
from analysis.report.sentiment import (
    agreement_note,
    corrected_note,
    sample_note,
    sentiment_note,
    trained_note,
)
from analysis.report.terms import collocations_note, keyness_note, terms_note, tfidf_note
from analysis.report.topics import stability_note, topic_shares_note

__all__ = ["agreement_note", "articles_note", "audit_note", "collocations_note",
           "corrected_note", "fmt_list", "fmt_share", "keyness_note", "overview_note",
           "sample_note", "seeds_only", "sentiment_note", "stability_note", "terms_note",
           "tfidf_note", "topic_shares_note", "trained_note"]
