"""Learning curve of the supervised sentiment method: how macro-F1 grows with training data.

Trains :class:`analysis.sentiment.TargetSentimentModel` (default settings) on random shares of
NewsMTSC ``train.jsonl`` and scores it on ``paper_split/rw_dev.jsonl`` and ``mt_dev.jsonl``.
The test files are never read. A share is drawn by article (mentions whose ``primary_gid``
starts with the same source and article numbers stay together), so no article is split
between the share and the rest, with a fresh seed per repetition; the full set is fitted once
(it is the same set every time).

The table gives, per share, the mean macro-F1 over the repetitions and its standard deviation
(the spread that comes from which articles are drawn; the dev sets add their own sampling
error, about +-3 points of macro-F1 at 95 %), and the last line the least-squares slope of
macro-F1 against log2(training mentions): points gained per doubling of the training data.
That slope is what says how much more labelled data a target would take.

Run: ``.venv/bin/python bench/sentiment_curve.py`` (``--help`` for options; about 4 minutes
with the defaults on one core). Exits 0 with a message when the NewsMTSC folder is absent.

Measured figures: ``bench/RESULTS.md`` ("Learning curve of the supervised method").
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from analysis import sentiment  # noqa: E402

# NewsMTSC's folder and macro-F1 as the test-set benchmark has them
sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentiment import DATA, macro_f1  # noqa: E402  (bench/sentiment.py)

DEVS = ("rw_dev", "mt_dev")


def article_ids(path: Path) -> list[str]:
    """One article id per target mention, in :func:`analysis.sentiment.read_newsmtsc` order:
    the first three ``_``-separated parts of the line's ``primary_gid`` (source and article
    numbers, "allsides_1000_401")."""
    ids = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            gid = record.get("primary_gid")
            if not isinstance(gid, str):
                raise ValueError(f"{path}:{n}: no primary_gid to group mentions by article")
            ids += ["_".join(gid.split("_")[:3])] * len(record["targets"])
    return ids


def draw(ids: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """Boolean mask of the mentions of a random ``share`` of the articles."""
    articles = np.unique(ids)
    chosen = rng.permutation(articles)[: int(round(share * len(articles)))]
    return np.isin(ids, chosen)


def slope(n_mentions: list[float], scores: list[float]) -> float:
    """Least-squares slope of ``scores`` against log2(``n_mentions``)."""
    return float(np.polyfit(np.log2(n_mentions), scores, 1)[0])


def dev_f1(model, data) -> float:
    """Macro-F1 of ``model`` on ``data``, in percent."""
    return 100 * macro_f1(data["label"], model.predict(data[["sentence", "start", "end"]]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shares", default="0.25,0.5,0.75,1",
                        help="shares of the training articles, comma-separated")
    parser.add_argument("--draws", type=int, default=8, help="random draws per share below 1")
    args = parser.parse_args(argv)
    shares = sorted(float(s) for s in args.shares.split(","))
    if not shares or shares[0] <= 0 or shares[-1] > 1:
        parser.error("--shares must lie in (0, 1]")
    if args.draws < 1:
        parser.error("--draws must be at least 1")

    if not (DATA / "paper_split").is_dir():
        print(f"NewsMTSC not found at {DATA}; nothing to measure.")
        return 0
    train = sentiment.read_newsmtsc(DATA / "train.jsonl")
    ids = np.asarray(article_ids(DATA / "train.jsonl"))
    devs = {name: sentiment.read_newsmtsc(DATA / "paper_split" / f"{name}.jsonl")
            for name in DEVS}

    rows = []  # (share, mean mentions, {dev: [scores]})
    for share in shares:
        scores = {name: [] for name in DEVS}
        sizes = []
        for d in range(1 if share == 1 else args.draws):
            part = train[draw(ids, share, np.random.default_rng(d))]
            model = sentiment.TargetSentimentModel().fit(part[["sentence", "start", "end"]],
                                                         part["label"])
            sizes.append(len(part))
            for name, data in devs.items():
                scores[name].append(dev_f1(model, data))
        rows.append((share, float(np.mean(sizes)), scores))

    head = f"{'share':<6} {'mentions':>8}" + "".join(
        f" {name + ' F1':>11} {'sd':>7}" for name in DEVS)
    lines = [head, "-" * len(head)]
    for share, size, scores in rows:
        cells = "".join(
            f" {np.mean(s):>11.1f} {np.std(s, ddof=1) if len(s) > 1 else float('nan'):>7.1f}"
            for s in scores.values()).replace("nan", "  -")
        lines.append(f"{share:<6.2f} {size:>8,.0f}{cells}")
    if len(rows) > 1:
        sizes = [size for _, size, scores in rows for _ in scores[DEVS[0]]]
        cells = "".join(
            f" {slope(sizes, [x for _, _, s in rows for x in s[name]]):>+11.1f} {'':>7}"
            for name in DEVS)
        lines.append(f"{'points per doubling':<15}{cells}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
