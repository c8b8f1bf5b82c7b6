"""Project paths, derived from this file's location; the only module that knows them.

``ANALYSIS_CORPUS`` (environment variable) points the whole suite at another corpus: a folder of
``.txt`` files with a ``sources.csv`` manifest, or a CSV / JSONL / Parquet table.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
SHARED_DIR = ROOT.parent / "shared"


def corpus_path() -> Path:
    """Return the corpus the notebooks analyse: ``$ANALYSIS_CORPUS`` if set, else ``seeds/``.

    Examples
    --------
    >>> corpus_path().name in {"seeds", Path(os.environ.get("ANALYSIS_CORPUS", "seeds")).name}
    True
    """
    env = os.environ.get("ANALYSIS_CORPUS", "").strip()
    return Path(env).expanduser().resolve() if env else SEEDS_DIR


def figures_dir() -> Path:
    """Return where figures are written: ``$ANALYSIS_FIGURES`` if set, else ``figures/``."""
    env = os.environ.get("ANALYSIS_FIGURES", "").strip()
    return Path(env).expanduser().resolve() if env else FIGURES_DIR
