"""Benchmark boilerplate removal against gold article bodies (issue 6).

Runs :func:`analysis.clean.strip_boilerplate` and two baselines (no cleaning; dropping lines of
fewer than 5 words) on every page of ``../shared/boilerplate/pages/`` and scores each against
``gold/``:

* token precision / recall / F1: tokens are lower-cased ``\\w+`` runs, each CJK ideograph or kana
  its own token, compared as bags with multiplicity; micro (summed over a split's pages) and
  macro (mean over pages);
* body sentences lost: the gold is split into sentences; a gold token survives when one of the
  gold token trigrams containing it occurs in the output; a sentence is lost when fewer than half
  of its tokens survive;
* empty outputs and pages per second (one core, the cleaning call only).

Usage (from the project root)::

    .venv/bin/python bench/boilerplate.py            # plain-text benchmark table
    .venv/bin/python bench/boilerplate.py --html     # also the HTML path (trafilatura)
    .venv/bin/python bench/boilerplate.py --worst 10 --split dev   # pages to look at

The data are third-party (Scrapinghub article-extraction benchmark) and are read in place from
``analysis.paths.SHARED_DIR``; nothing is copied into the project.

Results (plain text, ``strip_boilerplate`` defaults; rules tuned on ``dev`` only)::

    split langs pages      P      R     F1  F1mac  lost% empty
    dev   all      62  0.915  0.996  0.954  0.947   0.68     0
    dev   en       53  0.912  0.998  0.953  0.945   0.52     0
    test  all     119  0.833  0.959  0.891  0.879   7.87     0
    test  en      108  0.822  0.959  0.886  0.886   7.69     0

How the table got there, round by round, and the speed runs: ``bench/RESULTS.md``
("Boilerplate benchmark: the rounds").
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

from analysis.clean import strip_boilerplate
from analysis.paths import SHARED_DIR
from analysis.tokens import split_sentences

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
                    r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_STOP = re.compile(r"(?<=[。！？])")


def bench_tokens(text: str) -> list[str]:
    """Lower-cased ``\\w+`` runs; each CJK ideograph or kana is a token of its own."""
    return _TOKEN.findall(text.lower())


def no_cleaning(text: str) -> str:
    return text


def drop_short_lines(text: str, *, min_words: int = 5) -> str:
    return "\n".join(x for x in text.split("\n") if len(x.split()) >= min_words)


def _trigrams(toks: list[str]) -> set[tuple[str, ...]]:
    return {tuple(toks[i:i + 3]) for i in range(len(toks) - 2)}


def gold_sentences(gold: str) -> list[list[str]]:
    """Gold sentences as token lists (line breaks, sentence punctuation and 。！？ split)."""
    out = []
    for sent in split_sentences(gold):
        for part in _CJK_STOP.split(sent):
            toks = bench_tokens(part)
            if toks:
                out.append(toks)
    return out


def score_page(output: str, gold: str) -> dict:
    """Token overlap and sentence-loss counts of one page."""
    out_toks, gold_toks = bench_tokens(output), bench_tokens(gold)
    overlap = sum((Counter(out_toks) & Counter(gold_toks)).values())
    sents = gold_sentences(gold)
    seq = [t for s in sents for t in s]
    if len(seq) >= 3:
        have = _trigrams(out_toks)
        alive = [False] * len(seq)
        for i in range(len(seq) - 2):
            if tuple(seq[i:i + 3]) in have:
                alive[i] = alive[i + 1] = alive[i + 2] = True
    else:  # too short for trigrams: a token survives if it occurs at all
        present = set(out_toks)
        alive = [t in present for t in seq]
    n_lost, pos = 0, 0
    for s in sents:
        n_alive = sum(alive[pos:pos + len(s)])
        pos += len(s)
        if n_alive < len(s) / 2:
            n_lost += 1
    p = overlap / len(out_toks) if out_toks else float(not gold_toks)
    r = overlap / len(gold_toks) if gold_toks else 1.0
    return {"n_out": len(out_toks), "n_gold": len(gold_toks), "n_overlap": overlap,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "n_sentences": len(sents), "n_lost": n_lost, "empty": not output.strip()}


def summarize(rows: list[dict]) -> dict:
    n_out = sum(r["n_out"] for r in rows)
    n_gold = sum(r["n_gold"] for r in rows)
    n_overlap = sum(r["n_overlap"] for r in rows)
    p = n_overlap / n_out if n_out else 0.0
    r = n_overlap / n_gold if n_gold else 0.0
    n = len(rows)
    return {
        "pages": n,
        "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "P_macro": sum(x["precision"] for x in rows) / n,
        "R_macro": sum(x["recall"] for x in rows) / n,
        "F1_macro": sum(x["f1"] for x in rows) / n,
        "lost_pct": 100 * sum(x["n_lost"] for x in rows) / max(1, sum(x["n_sentences"]
                                                                      for x in rows)),
        "empty": sum(x["empty"] for x in rows),
    }


def load_pages(root: Path) -> list[dict]:
    with open(root / "split.csv", encoding="utf-8", newline="") as f:
        meta = list(csv.DictReader(f))
    pages = []
    for m in sorted(meta, key=lambda m: m["id"]):
        pages.append({
            "id": m["id"], "split": m["split"], "lang": m["lang"],
            "page": (root / "pages" / f"{m['id']}.txt").read_text(encoding="utf-8"),
            "gold": (root / "gold" / f"{m['id']}.txt").read_text(encoding="utf-8"),
        })
    return pages


def run_method(func, pages: list[dict]) -> tuple[list[str], float]:
    """Outputs of ``func`` on every page and pages per second (best of the timed repeats)."""
    outputs = [func(p["page"]) for p in pages]  # warm-up (regex compilation, caches)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for p in pages:
            func(p["page"])
        best = min(best, time.perf_counter() - t0)
    return outputs, len(pages) / best if best > 0 else float("inf")


def html_outputs(root: Path, pages: list[dict]) -> tuple[list[str], float]:
    """Bodies extracted from the original HTML by ``load_corpus`` (trafilatura)."""
    from analysis.corpus import html_text

    outputs = []
    t0 = time.perf_counter()
    for p in pages:
        outputs.append(html_text((root / "html" / f"{p['id']}.html.gz").read_bytes())["text"])
    return outputs, len(pages) / (time.perf_counter() - t0)


def table(results: dict[str, tuple[list[str], float]], pages: list[dict]) -> str:
    head = (f"{'method':<22} {'split':<5} {'langs':<5} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} "
            f"{'F1mac':>6} {'lost%':>6} {'empty':>5} {'pages/s':>8}")
    lines = [head, "-" * len(head)]
    for split in ("dev", "test"):
        for langs in ("all", "en"):
            idx = [i for i, p in enumerate(pages) if p["split"] == split
                   and (langs == "all" or p["lang"] == "en")]
            for name, (outputs, speed) in results.items():
                s = summarize([score_page(outputs[i], pages[i]["gold"]) for i in idx])
                lines.append(f"{name:<22} {split:<5} {langs:<5} {s['pages']:>5} {s['P']:>6.3f} "
                             f"{s['R']:>6.3f} {s['F1']:>6.3f} {s['F1_macro']:>6.3f} "
                             f"{s['lost_pct']:>6.2f} {s['empty']:>5} {speed:>8.0f}")
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED_DIR / "boilerplate",
                    help="benchmark folder (default: ../shared/boilerplate next to the project)")
    ap.add_argument("--html", action="store_true", help="also score the HTML path (trafilatura)")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages by F1")
    ap.add_argument("--split", default="dev", help="split for --worst (default dev)")
    args = ap.parse_args(argv)
    if not (args.data / "split.csv").is_file():
        print(f"benchmark data not found at {args.data} (expected split.csv, pages/, gold/);"
              " nothing to do", file=sys.stderr)
        return 0
    pages = load_pages(args.data)
    results = {
        "strip_boilerplate": run_method(strip_boilerplate, pages),
        "no cleaning": run_method(no_cleaning, pages),
        "drop lines < 5 words": run_method(drop_short_lines, pages),
    }
    if args.html:
        results["trafilatura (html)"] = html_outputs(args.data, pages)
    print(table(results, pages))
    if args.worst:
        outputs = results["strip_boilerplate"][0]
        scored = [(score_page(outputs[i], p["gold"]), p) for i, p in enumerate(pages)
                  if p["split"] == args.split]
        scored.sort(key=lambda x: x[0]["f1"])
        for s, p in scored[:args.worst]:
            print(f"{p['id'][:10]} {p['lang']} P={s['precision']:.2f} R={s['recall']:.2f} "
                  f"F1={s['f1']:.2f} lost={s['n_lost']}/{s['n_sentences']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
