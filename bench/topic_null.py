"""Topic stability against a null: real seeds, word salad and the seeds' tokens shuffled.

:func:`analysis.topics.topic_stability` on three corpora, for 2 to 6 topics:

``seeds``
    The seed articles (cleaned), paragraphs as units.
``word salad``
    40 articles of 4 paragraphs, 20-40 pseudo-words each, drawn independently from a Zipf
    distribution over 400 pseudo-words: no structure at all.
``shuffled seeds``
    The seeds' paragraph units with every token dealt out again at random (each paragraph keeps
    its length, the corpus its vocabulary): the seeds' word frequencies without their topics.

Columns: ``stability`` (mean over topics; the figure the suite reported before), ``old
repro`` (topics the former rule flagged reproducible: stability >= 0.6), ``null`` and
``null max`` (mean and largest of the 19 null fits' topic stabilities), ``corrected`` (mean
chance-corrected score) and ``repro`` (topics above every null topic with a corrected score
of at least 0.75: the new rule); ``old k`` / ``new k`` mark the suggested number of topics by
raw stability and by the corrected score. On word salad and shuffled seeds no topic should be
reproducible.

Run: ``.venv/bin/python bench/topic_null.py`` (under a minute on one core).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.clean import clean_corpus  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.topic_models import matched_stability, topic_fits, unit_matrix  # noqa: E402,I001
from analysis.topics import topic_stability, topic_units  # noqa: E402,I001

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sha", "vor", "ne", "pi", "dal", "gu", "zer",
             "bo", "qui", "lan", "mes"]


def word_salad(*, n_docs: int = 40, n_words: int = 400, seed: int = 0) -> pd.DataFrame:
    """Articles of independent Zipf-distributed pseudo-words (4 paragraphs of 20-40 words)."""
    rng = np.random.default_rng(seed)
    vocab = sorted({"".join(rng.choice(SYLLABLES, size=rng.integers(2, 4)))
                    for _ in range(n_words * 3)})[:n_words]
    p = 1 / np.arange(1, len(vocab) + 1)
    p /= p.sum()
    texts = ["\n".join(" ".join(rng.choice(vocab, size=rng.integers(20, 41), p=p)) + "."
                       for _ in range(4)) for _ in range(n_docs)]
    return pd.DataFrame({"doc_id": [f"w{i:02d}" for i in range(n_docs)],
                         "source": ["A", "B"] * (n_docs // 2), "text": texts})


def shuffled_units(units: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """``units`` with every token dealt out again at random, lengths kept."""
    rng = np.random.default_rng(seed)
    flat = np.array([t for toks in units["tokens"] for t in toks], dtype=object)
    flat = flat[rng.permutation(len(flat))]
    cuts = np.cumsum(units["tokens"].map(len).to_numpy())[:-1]
    return units.assign(tokens=[list(part) for part in np.split(flat, cuts)])


def _old_reproducible(units: pd.DataFrame, k: int, *, min_stability: float = 0.6) -> int:
    """Topics the former rule flagged reproducible (stability >= 0.6), from the same fits
    :func:`topic_stability` makes (same defaults, same seeds)."""
    x, _ = unit_matrix(units, method="nmf", min_df=2, max_df=1.0)
    (_, comp), refits = topic_fits(x, n_topics=k, method="nmf", n_seeds=5, subsample=0.8,
                                   random_state=0, max_iter=None, nmf_tol=3e-3)
    return int((matched_stability(comp, refits) >= min_stability).sum())


def run(*, n_topics=range(2, 7), n_null: int = 19) -> pd.DataFrame:
    seeds = topic_units(clean_corpus(load_corpus()))
    corpora = {"seeds": seeds, "word salad": topic_units(word_salad()),
               "shuffled seeds": shuffled_units(seeds)}
    frames = []
    for name, units in corpora.items():
        table = topic_stability(units, n_topics=n_topics, n_null=n_null)
        raw_best = table["stability"].max()
        old_k = table.loc[table["stability"] >= raw_best - 0.01, "n_topics"].max()
        old = [_old_reproducible(units, k) for k in table["n_topics"]]
        frames.append(pd.DataFrame({
            "corpus": name, "k": table["n_topics"], "units": len(units),
            "stability": table["stability"], "old repro": old,
            "null": table["null_stability"], "null max": table["null_high"],
            "corrected": table["corrected"], "repro": table["n_reproducible"],
            "old k": np.where(table["n_topics"] == old_k, "*", ""),
            "new k": np.where(table["suggested"], "*", "")}))
    return pd.concat(frames, ignore_index=True)


def calibration(*, n_corpora: int = 20, n_topics=(3, 4), n_null: int = 19) -> pd.DataFrame:
    """How often the null test flags a topic on structureless corpora, over many of them.

    ``n_corpora`` shuffles of the seeds (shuffle seeds 0, 1, ...) and as many word salads: each
    (corpus, k) is one test, so the share of tests with any topic flagged reproducible is the
    false-flag rate, which the rule means to hold near or below 1 / (n_null + 1) (5 % at 19).
    """
    seeds = topic_units(clean_corpus(load_corpus()))
    rows = []
    for i in range(n_corpora):
        for name, units in (("shuffled seeds", shuffled_units(seeds, seed=i)),
                            ("word salad", topic_units(word_salad(seed=i)))):
            table = topic_stability(units, n_topics=n_topics, n_null=n_null)
            for k, n_rep, corr in zip(table["n_topics"], table["n_reproducible"],
                                      table["corrected"]):
                rows.append((name, i, k, int(n_rep), corr))
    raw = pd.DataFrame(rows, columns=["corpus", "seed", "k", "repro", "corrected"])
    return (raw.assign(flagged=raw["repro"] > 0)
            .groupby(["corpus", "k"], as_index=False)
            .agg(tests=("seed", "size"), flagged=("flagged", "sum"),
                 false_flag_rate=("flagged", "mean"), flagged_seeds=(
                     "seed", lambda s: " ".join(map(str, s[raw.loc[s.index, "repro"] > 0])))))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-null", type=int, default=19)
    parser.add_argument("--calibration", type=int, metavar="N", default=0,
                        help="instead: the false-flag rate over N shuffles and N word salads")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.calibration:
        table = calibration(n_corpora=args.calibration, n_null=args.n_null)
    else:
        table = run(n_null=args.n_null)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
