"""Benchmark target-level sentiment on NewsMTSC's test sets, all methods in one run.

Reads ``<shared>/newsmtsc/data/paper_split/{rw,mt}_test.jsonl`` (``analysis.paths.SHARED_DIR``;
NewsMTSC is third-party data and never copied into the project) and scores every target
mention with :func:`analysis.sentiment.classify_mention`:

* ``sentence``   plain whole-sentence VADER compound (>= 0.05 positive, <= -0.05 negative);
* ``vader``      target-scoped VADER;
* ``learned``    the default: the :class:`analysis.sentiment.TargetSentimentModel` shipped in
  the package (``bench/train_sentiment_model.py``, NewsMTSC ``train.jsonl``);
* ``supervised`` only with ``--retrain`` (a model trained on ``train.jsonl`` in this run) or
  ``--model PATH`` (a saved model of yours).

Reports accuracy and macro-F1 (percent) with a seeded bootstrap 95% interval over mentions,
and mentions per second on one core: CPU time of this single-threaded process (BLAS limited to
one thread), so other load on the machine does not distort it; best of ``--repeat`` runs,
sentence caches cleared before each. Every method is timed on the route ``target_sentiment``
takes on a corpus (:func:`run_method`): ``vader`` and a model in one batch call (scores, labels
and evidence words), ``sentence`` row by row, then the role layer. (Until issue 21 closed,
``vader`` and ``sentence`` were timed one ``classify_mention`` call per mention, about 1 ms a
call, and read five to ten times slower than on a corpus.) ``--dev`` scores the dev sets, for
tuning a rule; figures are reported on the test sets.

Beside it, in the same run, the capability table (CheckList style, Ribeiro et al., ACL 2020):
the share of the hand-written rows of ``tests/data/capabilities.csv`` (sentence, target,
expected label, capability, note; labelled by ``CODEBOOK.md``) each method gets right, per
capability (holder vs target, contrasts, negation, words about another actor, quotations, the
relationship praised, an actor split within one target, mention disambiguation). Each row is
scored as the suite scores a corpus: the sentence is one article for
:func:`analysis.sentiment.target_sentiment` with the default aliases, and the label of its row
for the target is compared with the expected one; ``none`` expects no row (no mention found).

The role rules of :mod:`analysis.roles` were written on the tuning rows only (row index % 3 !=
2); ``--split`` prints the table for the tuning and the held-out rows apart. Every method is
scored with the role layer over it (the models too: their labels, then the layer).

Run: ``.venv/bin/python bench/sentiment.py`` (``--help`` for options; ``--capabilities-only``
skips the NewsMTSC table). Without the NewsMTSC folder it prints the capability table alone
(the shipped model needs no NewsMTSC; ``--retrain`` does).

Measured with the role layer and the shipped model (``--split --repeat 3``, 2-core machine
under other load; ``bench/RESULTS.md``, "The default method")::

    test set  method          n accuracy macro-F1     F1 95% CI mentions/s
    rw_test   sentence      803     52.8     52.5     49.2-55.9      5,065
    rw_test   vader         803     62.9     61.2     58.0-64.8      8,896
    rw_test   learned       803     69.5     68.1     64.5-71.4      1,593
    mt_test   sentence     1034     51.3     49.9     46.8-52.8      4,152
    mt_test   vader        1034     61.2     58.1     54.8-61.2      9,023
    mt_test   learned      1034     68.2     64.8     61.5-67.8      1,651

Capabilities, all rows: sentence 71.2, vader 80.8, learned 78.2 %.

Before the role layer (2-core machine under other load, Python 3.11, scikit-learn 1.9; the
supervised model trained in 31 s)::

    test set  method          n accuracy macro-F1     F1 95% CI mentions/s
    rw_test   sentence      803     51.6     51.3     48.1-54.7      7,587
    rw_test   vader         803     62.3     60.9     57.4-64.3     13,172
    rw_test   supervised    803     69.4     68.1     64.7-71.4      1,165
    mt_test   sentence     1034     49.1     48.1     45.1-51.1      9,019
    mt_test   vader        1034     60.6     58.0     54.7-61.1     22,162
    mt_test   supervised   1034     69.3     66.3     63.1-69.2      1,360

``supervised`` gave 64.7 / 65.0 macro-F1 (rw / mt; 1,793 / 2,000 mentions/s, 17 s to train)
before its n-grams were NB-scaled per class, a linear SVM joined the regressions and the
lexicon-polarity n-grams were added (chosen on grouped cross-validation on train.jsonl,
66.6 -> 68.3, and the dev sets, rw 71.8 -> 74.5, mt 65.6 -> 67.6; test read once, after).

Before issue 4, ``vader`` gave 57.9 / 54.0 and ``supervised`` 65.1 / 62.9 macro-F1 (rw / mt);
after its first retuning 59.3 / 55.4 and 64.1 / 63.7 (settings, headlines, "called X" and
"against" in the default, placeholder n-grams and the default's score in the model came
after); then 59.4 / 56.3 and 65.0 / 64.6, before the quotation scope (a quotation after the
target describes it, "X:" speaks, a sentence may start inside a quotation), victims and the
second batch of news words in the default; then 60.6 / 56.8 and 64.9 / 64.7, before wins as
comparative cues ("X defeated Y"), the addressee after "asked", "informed" as a setting and
seven institutional VADER words ("party", "security") dropped from the default's lexicon; then
60.4 / 57.7 and 64.5 / 65.1, before a victim was no longer blamed for the crime around it
("convicted of murder in the shooting of X") and the negative topic of a target that talks
("X spoke of the enemies of Y") no longer blamed it.
Rates vary with machine load by about a factor of two.

With the role layer (issue 21, the subpackage ``analysis/roles/``) over every method: rw / mt
macro-F1 ``sentence`` 52.5 / 49.9, ``vader`` 61.2 / 58.1, ``supervised`` 68.1 / 64.8; after the
actor-split, relationship and experiencer rules 52.6 / 49.8, 61.2 / 58.1, 68.2 / 64.7; per-row rates
roughly halve (``bench/RESULTS.md``).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the targets are stated
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from analysis import sentiment  # noqa: E402
from analysis.paths import ROOT, SHARED_DIR  # noqa: E402
from analysis.sentiment.measure import score_mention_rows  # noqa: E402

DATA = SHARED_DIR / "newsmtsc" / "data"
TESTS = ("rw_test", "mt_test")
DEVS = ("rw_dev", "mt_dev")
CAPABILITIES = ROOT / "tests" / "data" / "capabilities.csv"
CAPABILITY_COLUMNS = ["sentence", "target", "expected", "capability", "note"]
NO_MENTION = "none"


def bootstrap(y, p, metric, *, n_boot=1000, random_state=0, level=0.95):
    """Percentile bootstrap interval of ``metric(y, p)`` over mentions (seeded)."""
    y, p = np.asarray(y), np.asarray(p)
    rng = np.random.default_rng(random_state)
    stats = [metric(y[i], p[i]) for i in rng.integers(0, len(y), size=(n_boot, len(y)))]
    tail = (1 - level) / 2
    return float(np.quantile(stats, tail)), float(np.quantile(stats, 1 - tail))


def macro_f1(y, p):
    return f1_score(y, p, average="macro", labels=list(sentiment.LABELS), zero_division=0)


def _timed(fn, n, repeat):
    """Run ``fn`` ``repeat`` times (caches cleared each time); best rate in CPU seconds."""
    best, out = 0.0, None
    for _ in range(repeat):
        sentiment.parsing.PARSED.clear()
        t = time.process_time()
        out = fn()
        best = max(best, n / max(time.process_time() - t, 1e-9))
    return out, best


def run_method(data, method, *, repeat=1):
    """Labels of ``method`` (a name or a model) with the role layer over them, and mentions per
    CPU second, by the route :func:`analysis.sentiment.target_sentiment` takes on a corpus
    (:func:`analysis.sentiment.measure.score_mention_rows`: ``vader`` and a model score all
    rows in one batch call, ``sentence`` row by row, then the role layer)."""
    sentences = list(data["sentence"])
    starts, ends = [int(a) for a in data["start"]], [int(b) for b in data["end"]]
    spans = [[(a, b)] for a, b in zip(starts, ends)]
    rows = list(range(len(sentences)))
    sentiment.classify_mention("Warm up.", 0, 4, method="vader")  # the lexicon, untimed
    return _timed(lambda: score_mention_rows(sentences, spans, rows, starts, ends,
                                             method=method)[1], len(rows), repeat)


def read_capabilities(path=CAPABILITIES) -> pd.DataFrame:
    """The capability rows, checked: columns, labels (or ``none``), no empty sentence."""
    cases = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(CAPABILITY_COLUMNS) - set(cases.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    bad = ~cases["expected"].isin([*sentiment.LABELS, NO_MENTION])
    if bad.any():
        raise ValueError(f"{path}: unknown expected label(s) "
                         f"{sorted(set(cases.loc[bad, 'expected']))}, expected one of "
                         f"{[*sentiment.LABELS, NO_MENTION]}")
    empty = cases["sentence"].str.strip().eq("") | cases["target"].str.strip().eq("")
    if empty.any():
        raise ValueError(f"{path}: empty sentence or target in row(s) "
                         f"{[int(i) + 2 for i in cases.index[empty]]} (file line numbers)")
    return cases[CAPABILITY_COLUMNS]


def capability_predictions(cases: pd.DataFrame, method) -> list[str]:
    """The label ``method`` gives each row's target, as the suite scores a corpus
    (``target_sentiment``, default aliases); ``none`` where the target is not found."""
    corpus = pd.DataFrame({"doc_id": [f"c{i:04d}" for i in range(len(cases))],
                           "source": "capabilities", "text": list(cases["sentence"])})
    scores = sentiment.target_sentiment(corpus, method=method, progress=False)
    first = scores.drop_duplicates(["doc_id", "target"])  # sorted by sent_id already
    found = dict(zip(zip(first["doc_id"], first["target"]), first["label"]))
    return [found.get((doc_id, target), NO_MENTION)
            for doc_id, target in zip(corpus["doc_id"], cases["target"])]


def capability_table(cases: pd.DataFrame, methods: dict) -> pd.DataFrame:
    """Pass counts and rates per capability and method, tidy.

    Columns ``capability, method, n, n_pass, pass_rate`` (percent); capabilities in file
    order, then ``all``.
    """
    rows = []
    for label, method in methods.items():
        passed = cases.assign(ok=[p == e for p, e in zip(capability_predictions(cases, method),
                                                         cases["expected"])])
        order = list(dict.fromkeys(cases["capability"]))
        for capability, group in [*((c, passed[passed.capability == c]) for c in order),
                                  ("all", passed)]:
            rows.append((capability, label, len(group), int(group["ok"].sum())))
    table = pd.DataFrame(rows, columns=["capability", "method", "n", "n_pass"])
    return table.assign(pass_rate=100 * table["n_pass"] / table["n"])


def format_capabilities(table: pd.DataFrame) -> str:
    """One line per capability, one pass-rate column (percent) per method."""
    wide = table.pivot(index="capability", columns="method", values="pass_rate")
    order = list(dict.fromkeys(table["capability"]))
    methods = list(dict.fromkeys(table["method"]))
    n = table.drop_duplicates("capability").set_index("capability")["n"]
    header = f"{'capability':<23} {'n':>4} " + " ".join(f"{m:>10}" for m in methods)
    lines = [header, "-" * len(header)]
    for c in order:
        lines.append(f"{c:<23} {n[c]:>4} " + " ".join(f"{wide.loc[c, m]:>10.1f}"
                                                    for m in methods))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="a saved TargetSentimentModel of yours, as column "
                                         "'supervised' (.npz, or a pickle you trust)")
    parser.add_argument("--retrain", action="store_true",
                        help="also train a model on NewsMTSC train.jsonl in this run, as column "
                             "'supervised'")
    parser.add_argument("--save-model", help="where to save the model --retrain trains")
    parser.add_argument("--no-supervised", action="store_true",
                        help="skip the learned methods (the shipped model and --retrain)")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats (best is kept)")
    parser.add_argument("--capabilities-only", action="store_true",
                        help="print the capability table alone (no NewsMTSC test sets)")
    parser.add_argument("--split", action="store_true",
                        help="capability table also for the tuning rows (row index %% 3 != 2) "
                             "and the held-out rows (index %% 3 == 2) apart")
    parser.add_argument("--capabilities", default=str(CAPABILITIES),
                        help="capability rows (CSV: sentence, target, expected, capability, note)")
    parser.add_argument("--dev", action="store_true",
                        help="score the NewsMTSC dev sets (rw_dev, mt_dev) instead of the test "
                             "sets: for tuning a rule; report test figures")
    parser.add_argument("--data", default=None,
                        help="NewsMTSC data folder (default: <shared>/newsmtsc/data)")
    args = parser.parse_args(argv)

    data_dir = Path(args.data) if args.data else DATA
    have_newsmtsc = (data_dir / "paper_split").is_dir()
    if not have_newsmtsc:
        print(f"NewsMTSC not found at {data_dir}: the capability table alone"
              + (" (--retrain needs NewsMTSC train.jsonl, skipped)" if args.retrain else "")
              + ".")
    cases = read_capabilities(args.capabilities)

    methods = {"sentence": "sentence", "vader": "vader"}
    if not args.no_supervised:
        methods["learned"] = sentiment.shipped_model()  # the package's own, read once
    if args.model:
        # named on the command line by whoever runs the benchmark: their own file
        methods["supervised"] = sentiment.load_model(args.model, trusted=True)
    elif args.retrain and have_newsmtsc:
        t = time.perf_counter()
        model = sentiment.train_model(data_dir / "train.jsonl")
        print(f"trained supervised model on train.jsonl in {time.perf_counter() - t:.0f} s")
        if args.save_model:
            print(f"saved to {sentiment.save_model(model, args.save_model)}")
        methods["supervised"] = model

    print(format_capabilities(capability_table(cases, methods)))
    if args.split:
        for name, part in (("tuning rows", cases[cases.index % 3 != 2]),
                           ("held-out rows", cases[cases.index % 3 == 2])):
            print(f"\n{name} (row index % 3 {'!=' if name[0] == 't' else '=='} 2)")
            print(format_capabilities(capability_table(part, methods)))
    if args.capabilities_only or not have_newsmtsc:
        return 0
    print()
    sets = DEVS if args.dev else TESTS
    tests = {name: sentiment.read_newsmtsc(data_dir / "paper_split" / f"{name}.jsonl")
             for name in sets}
    header = (f"{'test set':<9} {'method':<11} {'n':>5} {'accuracy':>8} {'macro-F1':>8} "
              f"{'F1 95% CI':>13} {'mentions/s':>10}")
    lines = [header, "-" * len(header)]
    for name, data in tests.items():
        y = list(data["label"])
        for label, method in methods.items():
            pred, rate = run_method(data, method, repeat=args.repeat)
            low, high = bootstrap(y, pred, macro_f1, n_boot=args.n_boot)
            interval = f"{100 * low:.1f}-{100 * high:.1f}"
            lines.append(f"{name:<9} {label:<11} {len(y):>5} "
                         f"{100 * accuracy_score(y, pred):>8.1f} {100 * macro_f1(y, pred):>8.1f} "
                         f"{interval:>13} {rate:>10,.0f}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
