"""Target-sentiment speed, one core: this checkout's methods against an older checkout's default.

Mentions scored per second of CPU time by ``target_sentiment(corpus, n_jobs=1)`` on the
synthetic archive of ``bench/scale.py`` (``--n`` articles, seed 0, cleaned once by this
checkout and handed to every variant as the same table), so the count is what a user's corpus
run costs (batched scoring, the role layer, the learned model's features), not a single
``classify_mention`` call. Every variant runs in its own process with ``sys.path`` set to its
checkout; the variants take turns, ``--repeat`` rounds, and the best round is kept (the
machine is shared, so the fastest run is the least disturbed).

The baseline is any older checkout, e.g. the code before issue 21 (vader, no role layer)::

    git worktree add /tmp/before 583ae47
    .venv/bin/python bench/sentiment_speed.py --baseline /tmp/before

Without ``--baseline`` only this checkout's methods are timed. Figures are in
``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# One timed run in a fresh process: argv = checkout, corpus pickle, method ("" = that
# checkout's default), roles ("1"/"0"/"" = not passed).
WORKER = r"""
import json, sys, time, warnings
sys.path.insert(0, sys.argv[1])
import pandas as pd
from analysis import sentiment
corpus = pd.read_pickle(sys.argv[2])
kwargs = {"n_jobs": 1, "progress": False}
if sys.argv[3]:
    kwargs["method"] = sys.argv[3]
if sys.argv[4]:
    kwargs["roles"] = sys.argv[4] == "1"
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    sentiment.target_sentiment(corpus.head(5), **kwargs)  # lexicon and model read untimed
    t = time.process_time()
    rows = sentiment.target_sentiment(corpus, **kwargs)
    cpu = time.process_time() - t
default = getattr(sentiment, "DEFAULT_METHOD", "vader")
print(json.dumps({"rows": int(rows["score"].notna().sum()), "cpu": cpu,
                  "method": sys.argv[3] or default,
                  "module": sentiment.__file__}))
"""


def make_corpus(n_docs: int, path: Path) -> int:
    """Generate and clean the synthetic archive; pickle ``doc_id, source, text`` to ``path``."""
    from scale import build_corpus

    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus

    folder = build_corpus(n_docs, n_sources=10, seed=0, cache_dir=path.parent)
    cleaned = clean_corpus(load_corpus(folder / "txt"), progress=False)
    cleaned[["doc_id", "source", "text"]].to_pickle(path)
    return len(cleaned)


def run_variant(checkout: Path, corpus: Path, method: str, roles: str) -> dict:
    """One timed ``target_sentiment`` call in a fresh process on ``checkout``'s code."""
    done = subprocess.run([sys.executable, "-c", WORKER, str(checkout), str(corpus), method,
                           roles], capture_output=True, text=True, cwd=checkout)
    if done.returncode:
        raise RuntimeError(f"{checkout} method={method or 'default'}: {done.stderr[-2000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(out["module"]).resolve().is_relative_to(checkout.resolve()):
        raise RuntimeError(f"{checkout}: imported {out['module']}, not that checkout's code")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600, help="synthetic articles (default 600)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (best is kept)")
    parser.add_argument("--baseline", type=Path,
                        help="an older checkout whose default method is timed as 'before'")
    args = parser.parse_args(argv)
    if args.baseline is not None and not (args.baseline / "analysis").is_dir():
        parser.error(f"--baseline {args.baseline}: no analysis/ package there")
    variants = []  # (label, checkout, method, roles)
    if args.baseline is not None:
        variants.append(("before (baseline default)", args.baseline, "", ""))
    variants += [("vader, no role layer", ROOT, "vader", "0"),
                 ("vader", ROOT, "vader", ""), ("learned", ROOT, "learned", ""),
                 ("default", ROOT, "", "")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.pkl"
        n_docs = make_corpus(args.n, corpus)
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for label, checkout, method, roles in variants:
                out = run_variant(checkout, corpus, method, roles)
                if label not in best or out["cpu"] < best[label]["cpu"]:
                    best[label] = out
    print(f"target_sentiment, {n_docs} synthetic articles, one core, best of {args.repeat} "
          f"(CPU seconds)")
    print(f"{'variant':<28} {'checkout':<22} {'method':<9} {'rows':>7} {'CPU s':>7} "
          f"{'rows/s':>8}")
    for label, checkout, _method, _roles in variants:
        out = best[label]
        print(f"{label:<28} {checkout.name[:22]:<22} {out['method']:<9} {out['rows']:>7} "
              f"{out['cpu']:>7.2f} {out['rows'] / out['cpu']:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
