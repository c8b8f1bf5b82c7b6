"""KWIC time against mentions per sentence: whole-side normalization (before) and ours.

Issue 23 found :func:`analysis.context.kwic` quadratic in the mentions of one sentence: each
row normalized (``normalize_text``) and split the whole text left and right of its match, so
``"EU " * 30000`` (one sentence, 30,000 mentions) took 107 s. ``kwic`` now normalizes only the
pieces the window needs. The reference here is the former row builder, kept verbatim; both run
on the same corpora in the same process, and their tables are compared (``same``).

Cases: ``"EU " * n`` for each ``--sizes`` n (one sentence), and the seeds (ordinary text,
every EU mention), so the fast path is shown not to cost time where sentences are short. The
reference is not run above ``--baseline-max`` mentions (its time grows with the square).

Run: ``.venv/bin/python bench/kwic.py`` (``--help`` for options).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from analysis import context
from analysis.tokens import normalize_text


def whole_side_rows(articles, *, aliases, window: int) -> list[tuple]:
    """The former ``analysis.context._kwic_rows``: both whole sides normalized per row."""
    rows = []
    for *group, text in articles:
        spans, found = context.sentence_mentions(text, aliases)
        for sent_id in sorted(found):
            a, b = spans[sent_id]
            sentence = text[a:b]
            for target, start, end in found[sent_id]:
                left = normalize_text(sentence[:start]).split()
                right = normalize_text(sentence[end:]).split()
                rows.append((*group, sent_id, target,
                             " ".join(left[max(0, len(left) - window):]),
                             sentence[start:end], " ".join(right[:window]), start, end))
    return rows


def baseline_kwic(corpus: pd.DataFrame, pattern, *, window: int = 8) -> pd.DataFrame:
    """``kwic(corpus, pattern, window=window)`` (source groups, one process) with the former
    row builder."""
    keys = ["source"]
    articles = context.article_rows(corpus, keys, "text")
    rows = whole_side_rows(articles.itertuples(index=False, name=None),
                           aliases=context.target_aliases(pattern), window=window)
    columns = keys + ["doc_id", "sent_id", "target", "left", "match", "right", "start", "end"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values([*keys, "doc_id", "sent_id", "start", "target"],
                           kind="stable").reset_index(drop=True)


def timed(func, *args, **kwargs):
    """(result, wall seconds) of one call."""
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def cases(sizes: list[int]):
    """(name, corpus) pairs: one sentence of n mentions per size, then the seeds."""
    for n in sizes:
        yield f'"EU " * {n:,}', pd.DataFrame({"doc_id": ["a"], "source": ["X"],
                                               "text": ["EU " * n]})
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus

    yield "seeds (cleaned)", clean_corpus(load_corpus())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000],
                        help="mentions in the one-sentence cases")
    parser.add_argument("--baseline-max", type=int, default=10000,
                        help="largest case the quadratic reference runs on (mentions)")
    parser.add_argument("--window", type=int, default=8)
    args = parser.parse_args(argv)

    head = f"{'case':<18} {'mentions':>8} {'before s':>9} {'ours s':>8} {'speed-up':>9} same"
    lines = [head, "-" * len(head)]
    warm = pd.DataFrame({"doc_id": ["w"], "source": ["W"], "text": ["The EU met."]})
    context.kwic(warm, "EU", n_jobs=1), baseline_kwic(warm, "EU")  # imports, alias table
    for name, corpus in cases(args.sizes):
        ours, t_ours = timed(context.kwic, corpus, "EU", window=args.window, n_jobs=1)
        if len(ours) <= args.baseline_max:
            before, t_before = timed(baseline_kwic, corpus, "EU", window=args.window)
            same = "yes" if before.equals(ours) else "NO"
            cells = f"{t_before:>9.2f} {t_ours:>8.3f} {t_before / t_ours:>8.1f}x {same}"
        else:
            cells = f"{'not run':>9} {t_ours:>8.3f} {'':>9} -"
        lines.append(f"{name:<18} {len(ours):>8,} {cells}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
