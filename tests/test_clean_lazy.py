"""Cleaning reads only part of a page's decision, and gets what the audit's full reading gets.

:func:`analysis.clean.decide` works out a line's reason only when it is read: cleaning
(:func:`analysis.clean.strip_boilerplate`, :func:`analysis.clean.clean_corpus`) reads the kept
lines, the headline and the date; the audit (:func:`analysis.clean.line_audit`) reads every
line. Their body, headline and date must agree on every page, or the audit would explain a
cleaning that did not happen.
"""

from __future__ import annotations

import pytest

from analysis import paths
from analysis.clean import decide, make_rules
from analysis.clean import shape as clean_shape
from analysis.clean.metadata import page_date, page_headline, parse_date, title_text
from analysis.corpus import load_corpus

OPTIONS = [dict(prose_words=10, long_words=20, short_penalty=3.0, boiler_penalty=12.0),
           dict(prose_words=10, long_words=20, short_penalty=1.0, boiler_penalty=30.0),
           dict(prose_words=6, long_words=15, short_penalty=0.0, boiler_penalty=12.0)]

TOY = [
    "Home\nPolitics\nThe foreign ministers of both countries met in Baku on Monday to discuss "
    "a new agreement on transit.\nShare\nRelated: Talks resume\nOfficials said the talks "
    "covered trade, energy and transport links across the region.\n© 2025 News",
    "Menu\nWorld\nEU envoy visits Yerevan\n12 March 2025\nThe EU envoy arrived in Yerevan on "
    "Tuesday for two days of talks with the government.\nRead more\nThe visit follows "
    "months of preparation by both sides, officials said.\nSubscribe to our newsletter",
]


def _differences(texts: dict[str, str]) -> list[str]:
    """Where what cleaning reads differs from what every line's reason gives."""
    out = []
    for name, text in texts.items():
        for options in OPTIONS:
            rules = make_rules(**options)
            part = decide(text, rules)  # read as cleaning reads it
            full = decide(text, rules)
            reasons = full.reasons
            kept = [line.no for line, r in zip(full.lines, reasons) if not r]
            titles = [title_text(line.text) for line, r in zip(full.lines, reasons)
                      if r == "title"]
            dates = [d for line, r in zip(full.lines, reasons)
                     if r == "dateline" and (d := parse_date(line.text))]
            for what, a, b in [("kept lines", [line.no for line in part.kept], kept),
                               ("headline", page_headline(part), (titles or [""])[0]),
                               ("date", page_date(part), (dates or [""])[0])]:
                if a != b:
                    out.append(f"{name} {options}: {what} differs")
    return out


def test_cleaning_reads_what_the_audit_reads_on_seeds_and_toy_pages():
    seeds = load_corpus(paths.SEEDS_DIR)
    texts = dict(zip(seeds["doc_id"], seeds["raw_text"]))
    texts.update({f"toy{i}": t for i, t in enumerate(TOY)})
    assert len(texts) == 7
    assert _differences(texts) == []


def test_cleaning_reads_what_the_audit_reads_on_the_benchmark_pages():
    folder = paths.SHARED_DIR / "boilerplate" / "pages"
    if not folder.is_dir():
        pytest.skip("../shared/boilerplate not present")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    assert len(texts) > 100
    assert _differences(texts) == []


def test_lines_far_from_the_body_are_not_analysed_for_cleaning(monkeypatch):
    calls = []
    analyse = clean_shape.pattern_reason

    def counted(s, *args):
        calls.append(s)
        return analyse(s, *args)

    monkeypatch.setattr(clean_shape, "pattern_reason", counted)
    menu = "\n".join(f"Section {i}" for i in range(30))
    page = f"{menu}\n{TOY[0]}\n{menu.replace('Section', 'Footer link')}"
    rules = make_rules(10, 20, 3.0, 12.0)
    decision = decide(page, rules)
    body = [line.text for line in decision.kept]
    n_cleaning = len(calls)
    reasons = decision.reasons
    assert len(reasons) == 67 and "menu/nav" in reasons
    assert body[0].startswith("The foreign ministers")
    # every distinct line analysed once for the audit; far fewer for the body
    assert len(calls) == len(set(calls)) == 67
    assert n_cleaning < 20
