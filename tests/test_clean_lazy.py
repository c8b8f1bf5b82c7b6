"""The cleaner's fast path keeps exactly the lines its full path (the audit's) keeps.

:func:`analysis.clean.strip_boilerplate` and :func:`analysis.clean.clean_corpus` decide lines
with ``lazy=True``, which leaves lines unanalysed when no outcome can depend on them;
:func:`analysis.clean.line_audit` analyses every line. Their kept lines, body span and headline
must agree on every page, or the audit would explain a cleaning that did not happen.
"""

from __future__ import annotations

import pytest

from analysis import paths
from analysis.clean import _decide, _rules
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


def _differences(texts: dict[str, str]) -> tuple[list[str], int]:
    """What differs between the two paths, and how many dropped lines the fast path left
    unanalysed (their reason "outside article body" instead of their own)."""
    out, unanalysed = [], 0
    for name, text in texts.items():
        for options in OPTIONS:
            rules = _rules(**options)
            fast = _decide(text, rules, lazy=True, find_title=True)
            full = _decide(text, rules, lazy=False, find_title=True)
            unanalysed += sum(a != b for a, b in zip(fast[1], full[1]))
            for what, a, b in [
                    ("body span", fast[2:], full[2:]),
                    ("kept lines", [not r for r in fast[1]], [not r for r in full[1]]),
                    ("headline", [r == "title" for r in fast[1]],
                     [r == "title" for r in full[1]])]:
                if a != b:
                    out.append(f"{name} {options}: {what} differs")
    return out, unanalysed


def test_fast_path_keeps_what_the_audit_keeps_on_seeds_and_toy_pages():
    seeds = load_corpus(paths.SEEDS_DIR)
    texts = dict(zip(seeds["doc_id"], seeds["raw_text"]))
    texts.update({f"toy{i}": t for i, t in enumerate(TOY)})
    assert len(texts) == 7
    differences, unanalysed = _differences(texts)
    assert differences == []
    assert unanalysed > 0  # the fast path did skip work: the two paths are not the same code


def test_fast_path_keeps_what_the_audit_keeps_on_the_benchmark_pages():
    folder = paths.SHARED_DIR / "boilerplate" / "pages"
    if not folder.is_dir():
        pytest.skip("../shared/boilerplate not present")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    assert len(texts) > 100
    differences, unanalysed = _differences(texts)
    assert differences == []
    assert unanalysed > 0
