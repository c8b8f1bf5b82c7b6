"""Train the learned target-sentiment model on NewsMTSC train.jsonl and save it without pickles.

Reads ``<shared>/newsmtsc/data/train.jsonl`` only (``analysis.paths.SHARED_DIR``; NewsMTSC,
Hamborg and Donnay 2021, is third-party data and never copied into the project), fits
:class:`analysis.sentiment.TargetSentimentModel` with its default settings (or ``--min-df``),
and writes it with :func:`analysis.sentiment.save_model` as arrays (``.npz``) and a JSON with
its vocabularies, settings, classes, features version and SHA-256 checksum: no code runs when
it is read. ``--dev`` also prints macro-F1 on NewsMTSC's dev sets (``paper_split/rw_dev``,
``mt_dev``; the model alone, no role layer), for choosing settings; the test sets are never
read here (``bench/sentiment.py`` reports them).

By default the model goes to ``build/target_sentiment.npz`` (git-ignored). ``--install``
writes it into the package instead (``analysis/sentiment/data/target_sentiment.npz`` and
``.json``), where method ``"learned"`` reads it: do that after a change to the feature code
(the loader refuses a model whose features version is not the code's), then commit both files.

Run: ``.venv/bin/python bench/train_sentiment_model.py [--install] [--dev]``.

Measured (2-core machine under load, scikit-learn 1.9): about 100 s to train on 8,739
mentions; the shipped file (``--dtype float32``, ``min_df`` 2) is 1.9 MB of arrays and 2.4 MB
of JSON.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402

from sklearn.metrics import f1_score  # noqa: E402

from analysis import sentiment  # noqa: E402
from analysis.paths import ROOT, SHARED_DIR  # noqa: E402
from analysis.sentiment.model import SHIPPED_MODEL  # noqa: E402

DATA = SHARED_DIR / "newsmtsc" / "data"
DEFAULT_OUT = ROOT / "build" / "target_sentiment.npz"
DEV_SETS = ("rw_dev", "mt_dev")


def train(data_dir: Path, *, min_df: int = 2) -> sentiment.TargetSentimentModel:
    """The model fitted on ``data_dir/train.jsonl``, with a note of how it was trained."""
    path = data_dir / "train.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: NewsMTSC train.jsonl not found (--data names the "
                                "folder that holds it)")
    model = sentiment.train_model(path, min_df=min_df)
    model.training_ = {
        "data": "NewsMTSC train.jsonl (Hamborg and Donnay 2021, EACL)",
        "data_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "n_mentions": int(len(sentiment.read_newsmtsc(path))),
        "script": "bench/train_sentiment_model.py",
        "scikit_learn": version("scikit-learn"),
    }
    return model


def dev_scores(model, data_dir: Path) -> dict:
    """Macro-F1 (percent) of ``model`` alone on each NewsMTSC dev set that exists."""
    out = {}
    for name in DEV_SETS:
        path = data_dir / "paper_split" / f"{name}.jsonl"
        if path.is_file():
            data = sentiment.read_newsmtsc(path)
            out[name] = 100 * f1_score(data["label"], model.predict(data), average="macro")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DATA),
                        help="NewsMTSC data folder holding train.jsonl")
    parser.add_argument("--out", default=None,
                        help=f"where to write the .npz (default {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--install", action="store_true",
                        help="write into the package (analysis/sentiment/data/), the model "
                             "method 'learned' uses")
    parser.add_argument("--min-df", type=int, default=2,
                        help="mentions an n-gram must occur in (higher: smaller file)")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                        help="precision of the saved coefficients")
    parser.add_argument("--dev", action="store_true",
                        help="print macro-F1 on the NewsMTSC dev sets (model alone)")
    args = parser.parse_args(argv)
    if args.install and args.out:
        parser.error("--install writes into the package; give --out or --install, not both")
    out = SHIPPED_MODEL if args.install else Path(args.out or DEFAULT_OUT)
    if out.suffix != ".npz":
        parser.error(f"--out must end in .npz, got {out}")

    t = time.perf_counter()
    model = train(Path(args.data), min_df=args.min_df)
    print(f"trained on {model.training_['n_mentions']:,} mentions in "
          f"{time.perf_counter() - t:.0f} s ({len(model.feature_names_):,} features)")
    sentiment.save_model(model, out, dtype=args.dtype)
    meta = out.with_suffix(".json")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {meta.name} "
          f"({meta.stat().st_size / 1e6:.1f} MB)")
    loaded = sentiment.load_model(out)  # checks the checksum and features version
    print(f"sha256 {_sha(meta)} (features version {loaded.features_version_})")
    if args.dev:
        for name, f1 in dev_scores(loaded, Path(args.data)).items():
            print(f"{name}: macro-F1 {f1:.1f}")
    return 0


def _sha(meta: Path) -> str:
    import json

    return json.loads(meta.read_text(encoding="utf-8"))["sha256"]


if __name__ == "__main__":
    sys.exit(main())
