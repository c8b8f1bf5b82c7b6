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


def corpus_is_seeds(corpus: str | Path | None = None) -> bool:
    """Whether ``corpus`` (default :func:`corpus_path`) is the project's own ``seeds/`` folder.

    Prose that describes the seeds (their outlets, their numbers) is shown only when this holds
    (:func:`analysis.report.seeds_only`).

    Examples
    --------
    >>> corpus_is_seeds(SEEDS_DIR), corpus_is_seeds("/data/archive.parquet")
    (True, False)
    """
    path = Path(corpus).expanduser().resolve() if corpus is not None else corpus_path()
    return path == SEEDS_DIR.resolve()


def _stem(path: Path) -> str:
    """A file's name without all its suffixes (``archive.jsonl.gz`` -> ``archive``)."""
    return path.name[:-len("".join(path.suffixes))] if path.suffixes else path.name


def corpus_name(corpus: str | Path | None = None) -> str:
    """A short name for a corpus: its folder's name, or its table file's name without suffixes.

    The rebuild (``make figures``) writes the executed notebooks of a corpus to
    ``build/<corpus name>/`` (``build/seeds/`` for the seeds), so runs on two corpora keep their
    copies apart.

    Examples
    --------
    >>> corpus_name(SEEDS_DIR), corpus_name("/data/archive.jsonl.gz"), corpus_name("/data/my_news")
    ('seeds', 'archive', 'my_news')
    """
    path = Path(corpus).expanduser().resolve() if corpus is not None else corpus_path()
    if path.is_dir() or not path.suffix:
        return path.name
    return _stem(path) or path.name


def figures_dir() -> Path:
    """Return where figures are written: ``$ANALYSIS_FIGURES`` if set, else ``figures/``."""
    env = os.environ.get("ANALYSIS_FIGURES", "").strip()
    return Path(env).expanduser().resolve() if env else FIGURES_DIR


def codes_path(corpus: str | Path | None = None) -> Path:
    """Where the hand codes of a corpus live (:mod:`analysis.validation`'s coding sheet).

    Beside the corpus, like its manifest: ``<folder>/codes.csv`` for a folder corpus (the seeds'
    are ``seeds/codes.csv``), ``<name>.codes.csv`` beside a table file.

    Examples
    --------
    >>> codes_path(SEEDS_DIR) == SEEDS_DIR / "codes.csv"
    True
    >>> codes_path("/data/archive.parquet").name
    'archive.codes.csv'
    """
    path = Path(corpus) if corpus is not None else corpus_path()
    if path.is_dir() or not path.suffix:
        return path / "codes.csv"
    return path.with_name(f"{_stem(path)}.codes.csv")
