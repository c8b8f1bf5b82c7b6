"""Corrected per-outlet sentiment against known truth: bias and coverage, raw vs DSL.

A simulation in which the truth is known. Each replication builds a synthetic corpus: four
outlets, each with ``--articles`` articles of 1 + Poisson(5) mentions. An outlet has known
shares of negative / neutral / positive portrayals ``p``; each article draws its own shares
from a Dirichlet(``--concentration`` x ``p``) (so mentions of one article are alike, as in real
news, and the outlet's expected shares stay ``p``), and each mention's true code is drawn from
its article's shares. The known per-outlet mean is ``p_positive - p_negative``.

The scorer is deliberately biased the way the default method is on the seeds: it pulls
negatives toward neutral (a negative mention is labelled neutral half the time) and labels
some neutral mentions positive. Per replication and per cell, ``k`` mentions are drawn with
:func:`analysis.validation.coding_sample` (``n = 4k``, ``min_per_cell = k``) and "coded" with
their true code; :func:`analysis.validation.corrected_by_source` then gives the scorer's raw
mean and the DSL-corrected mean, each with the suite's article-unit interval
(:mod:`analysis.intervals`).

The table gives, per estimator and coded mentions per cell, over all replications x outlets:
the bias (mean of estimate - truth) with its Monte Carlo standard error, the coverage of the
nominal 95 % interval (with its Monte Carlo standard error) and the mean interval width.
Targets (issue 19): corrected coverage >= 93 % at 30 coded mentions per cell, corrected bias
within Monte Carlo error of zero (|bias| < 2 MC s.e.).

``--seeds-model`` instead measures agreement with the seeds' hand codes (``seeds/codes.csv``):
of methods ``"vader"`` and ``"learned"`` (the shipped model, with the role layer, as
``target_sentiment`` gives them), and what the codes add to the supervised model trained on
NewsMTSC's ``train.jsonl``: leave-one-article-out macro-F1 on the coded seed mentions of the
model trained on NewsMTSC alone and of NewsMTSC plus the other articles' codes
(:func:`analysis.validation.held_out_labels`). It exits 0 with a message when the NewsMTSC
folder is absent.

Run: ``.venv/bin/python bench/validation.py`` (``--help`` for options; about 2 minutes with the
defaults on one core). Measured figures are in ``bench/RESULTS.md`` (section "Validation").
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from analysis.sentiment import LABELS
from analysis.validation import coding_sample, corrected_by_source

#: Known shares (negative, neutral, positive) per outlet.
OUTLETS = {"A": (0.50, 0.40, 0.10), "B": (0.30, 0.50, 0.20), "C": (0.10, 0.60, 0.30),
           "D": (0.20, 0.30, 0.50)}
#: The biased scorer: P(label | true code), rows negative, neutral, positive.
SCORER = np.array([[0.45, 0.50, 0.05],
                   [0.10, 0.70, 0.20],
                   [0.05, 0.25, 0.70]])


def truth() -> dict[str, float]:
    """Known per-outlet mean on the -1/0/1 scale."""
    return {name: p[2] - p[0] for name, p in OUTLETS.items()}


def corpus(rng: np.random.Generator, *, articles: int, concentration: float) -> pd.DataFrame:
    """One synthetic scored corpus: a row per mention with its true ``code`` and ``label``."""
    parts = []
    for name, p in OUTLETS.items():
        shares = rng.dirichlet(concentration * np.asarray(p), size=articles)
        sizes = 1 + rng.poisson(5, size=articles)
        art = np.repeat(np.arange(articles), sizes)
        u = rng.random(len(art))[:, None]
        code = (u > np.cumsum(shares[art], axis=1)).sum(axis=1)
        label = (rng.random(len(art))[:, None] > np.cumsum(SCORER[code], axis=1)).sum(axis=1)
        parts.append(pd.DataFrame({
            "doc_id": [f"{name}{a:04d}" for a in art], "source": name,
            "sent_id": np.concatenate([np.arange(s) for s in sizes]), "target": "EU",
            "alias": "EU", "actor": "", "sentence": "The EU met.", "start": 4, "end": 6,
            "code": np.asarray(LABELS)[code], "label": np.asarray(LABELS)[label]}))
    return pd.concat(parts, ignore_index=True)


def replicate(rng, *, per_cell, articles, concentration, seed,
              skew_correction=False) -> list[tuple]:
    """Rows ``(k, outlet, truth, raw, raw_low, raw_high, dsl, low, high)`` of one corpus."""
    scores = corpus(rng, articles=articles, concentration=concentration)
    known = truth()
    out = []
    for k in per_cell:
        sample = coding_sample(scores, n=k * len(OUTLETS), min_per_cell=k, seed=seed)
        codes = sample.drop(columns="code").merge(
            scores[["doc_id", "sent_id", "target", "code"]], on=["doc_id", "sent_id", "target"])
        table = corrected_by_source(scores.drop(columns="code"), codes,
                                    skew_correction=skew_correction)
        for row in table.itertuples():
            out.append((k, row.source, known[row.source], row.raw_mean, row.raw_ci_low,
                        row.raw_ci_high, row.mean, row.ci_low, row.ci_high))
    return out


def summarise(rows: pd.DataFrame) -> pd.DataFrame:
    """Bias, its MC s.e., coverage and width per estimator and coded mentions per cell."""
    out = []
    first = rows["k"].min()
    for k, g in rows.groupby("k", sort=True):
        for name, est, low, high in (("raw", "raw", "raw_low", "raw_high"),
                                     ("corrected", "dsl", "low", "high")):
            if name == "raw" and k != first:
                continue  # the scorer's own mean does not depend on what was coded
            err = g[est] - g["truth"]
            covered = (g[low] <= g["truth"]) & (g["truth"] <= g[high])
            has = g[low].notna()
            out.append((name, k, len(g), err.mean(), err.std(ddof=1) / np.sqrt(len(g)),
                        covered[has].mean(), np.sqrt(covered[has].mean()
                                                     * (1 - covered[has].mean()) / has.sum()),
                        (g[high] - g[low])[has].mean(), 1 - has.mean()))
    return pd.DataFrame(out, columns=["estimator", "coded_per_cell", "n", "bias", "bias_se",
                                      "coverage", "coverage_se", "width", "no_interval"])


def seeds_model(data) -> int:
    """Print leave-one-article-out agreement on the seeds' codes with and without them."""
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.paths import SEEDS_DIR
    from analysis.sentiment import DEFAULT_METHOD, target_sentiment, train_model
    from analysis.validation import agreement, held_out_labels, read_codes

    train = data / "train.jsonl"
    if not train.is_file():
        print(f"no NewsMTSC train set at {train}: nothing to measure")
        return 0
    corpus = clean_corpus(load_corpus(SEEDS_DIR))
    # the coding sample was drawn from the "vader" table: draw it the same way whatever the
    # default, then give each coded row every method's label
    scores = target_sentiment(corpus, method="vader")
    codes = read_codes(SEEDS_DIR / "codes.csv",
                       sample=coding_sample(scores, n=72, min_per_cell=8, seed=0))
    key = ["doc_id", "sent_id", "target"]
    learned = target_sentiment(corpus, method="learned")[key + ["label"]]
    newsmtsc = train_model(train)
    runs = {"vader": codes,
            "learned (shipped model)": codes.drop(columns="label").merge(learned, on=key,
                                                                         how="left"),
            "NewsMTSC train only, no roles": codes.assign(label=newsmtsc.predict(codes)),
            "NewsMTSC + other articles' codes": held_out_labels(codes, extra=[train]),
            "other articles' codes only": held_out_labels(codes)}
    print(f"default method: {DEFAULT_METHOD}")
    print(f"{'labels':<34} {'accuracy':>9} {'macro-F1':>9} {'95% CI':>13} {'kappa':>7}")
    print("-" * 76)
    for name, table in runs.items():
        t = agreement(table).set_index("statistic")
        f1 = t.loc["macro_f1"]
        print(f"{name:<34} {t.at['accuracy', 'value']:>9.3f} {f1['value']:>9.3f} "
              f"{f1['ci_low']:>6.3f}-{f1['ci_high']:.3f} {t.at['kappa', 'value']:>7.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=300, help="replications (corpora)")
    ap.add_argument("--articles", type=int, default=50, help="articles per outlet")
    ap.add_argument("--concentration", type=float, default=5.0,
                    help="Dirichlet concentration of article shares (smaller = more clustered)")
    ap.add_argument("--per-cell", type=int, nargs="+", default=[10, 30, 100],
                    help="coded mentions per outlet")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skew-correction", action="store_true",
                    help="corrected intervals with Hall's skewness correction")
    ap.add_argument("--seeds-model", action="store_true",
                    help="instead: what the seeds' codes add to a model trained on NewsMTSC")
    args = ap.parse_args(argv)
    if args.seeds_model:
        from analysis.paths import SHARED_DIR

        return seeds_model(SHARED_DIR / "newsmtsc" / "data")
    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    rows = []
    for r in range(args.reps):
        rows += replicate(rng, per_cell=args.per_cell, articles=args.articles,
                          concentration=args.concentration, seed=args.seed + r,
                          skew_correction=args.skew_correction)
    rows = pd.DataFrame(rows, columns=["k", "source", "truth", "raw", "raw_low", "raw_high",
                                       "dsl", "low", "high"])
    table = summarise(rows)
    print(f"{args.reps} corpora x {len(OUTLETS)} outlets, {args.articles} articles each, "
          f"concentration {args.concentration:g}, "
          f"skew correction {'on' if args.skew_correction else 'off'}; true means "
          + ", ".join(f"{k} {v:+.2f}" for k, v in truth().items()))
    print(f"{'estimator':<10} {'coded/cell':>10} {'bias':>8} {'MC se':>7} {'coverage':>9} "
          f"{'MC se':>6} {'width':>7}")
    print("-" * 63)
    for row in table.itertuples():
        k = "-" if row.estimator == "raw" else f"{row.coded_per_cell:d}"
        print(f"{row.estimator:<10} {k:>10} {row.bias:>+8.4f} "
              f"{row.bias_se:>7.4f} {100 * row.coverage:>8.1f}% {100 * row.coverage_se:>5.1f}% "
              f"{row.width:>7.3f}")
    at30 = table[(table["estimator"] == "corrected") & (table["coded_per_cell"] == 30)]
    if len(at30):
        ok_cov = bool(at30["coverage"].iloc[0] >= 0.93)
        ok_bias = bool(abs(at30["bias"].iloc[0]) < 2 * at30["bias_se"].iloc[0])
        print(f"targets at 30 per cell: coverage >= 93 % {'met' if ok_cov else 'NOT met'}; "
              f"|bias| < 2 MC se {'met' if ok_bias else 'NOT met'}")
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
