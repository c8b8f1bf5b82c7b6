"""On-disk cache of corpus-long tables (cleaned text, sentences, tokens), as Parquet files.

Re-running a notebook on a large corpus should not redo the cleaning or the sentence split it
already did. :func:`cached` stores a stage's output under a key made of the stage's name, its
options, the library version and a hash of every input column the stage reads, so a changed
article, option or release gives a new key and the stale file is never read. Files are written
atomically (a temporary name, then a rename), so an interrupted run leaves no half entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis import paths

__all__ = ["cache_key", "cached"]


def _version() -> str:
    """The installed release plus a hash of the package's own code and data files.

    A release number alone would let an edited, not yet released library read tables made by
    the old code; the file hash makes any change to ``analysis/`` a new version.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("analysis")
    except PackageNotFoundError:
        release = "unknown"
    return f"{release}+{_code_hash()}"


def _code_hash(package: Path | None = None) -> str:
    package = Path(__file__).resolve().parent if package is None else Path(package)
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".tsv", ".txt", ".json"}:
            h.update(path.relative_to(package).as_posix().encode() + b"\x00")
            h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(corpus: pd.DataFrame, columns: Sequence[str], *, stage: str, options: dict,
              version: str) -> str:
    """Hash of the input columns, the stage, its options and the library version.

    Each value is length-prefixed before hashing, so moving text between cells changes the key.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "text": ["One."]})
    >>> k = cache_key(c, ["doc_id", "text"], stage="s", options={}, version="1")
    >>> k == cache_key(c, ["doc_id", "text"], stage="s", options={}, version="2")
    False
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(json.dumps([stage, version, sorted(map(str, columns)), options], sort_keys=True,
                        default=repr).encode())
    for col in columns:
        h.update(f"\x00{col}\x00{len(corpus)}".encode())
        for value in corpus[col].astype(str).tolist():
            data = value.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return h.hexdigest()


def cached(func: Callable[..., pd.DataFrame], corpus: pd.DataFrame, *,
           columns: Sequence[str] | None = None,
           cache_dir: str | Path | None = None, version: str | None = None,
           **options) -> pd.DataFrame:
    """Return ``func(corpus, **options)``, from disk when the same input was seen before.

    Parameters
    ----------
    func : callable
        A stage returning a table, e.g. :func:`analysis.clean.clean_corpus` or
        :func:`analysis.tokens.sentences`.
    corpus : pandas.DataFrame
        Its input.
    columns : sequence of str, optional
        The columns ``func`` reads; they alone are hashed. Default: every column of
        ``corpus`` (safe; name fewer only to skip hashing columns the stage never reads).
    cache_dir : str or Path, optional
        Default ``build/cache`` in the project (git-ignored).
    version : str, optional
        Library version in the key; default the installed ``analysis`` release plus a hash
        of the package's code and data files.
    **options
        Keyword options for ``func``; part of the key.

    Returns
    -------
    pandas.DataFrame
        The stage's table (index reset), freshly computed or read back from Parquet.
        Without pyarrow the stage simply runs every time.

    Examples
    --------
    >>> import tempfile
    >>> from analysis.tokens import sentences
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["One. Two."]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = cached(sentences, c, columns=["doc_id", "source", "text"], cache_dir=d)
    ...     again = cached(sentences, c, columns=["doc_id", "source", "text"], cache_dir=d)
    >>> again["sentence"].tolist()
    ['One.', 'Two.']
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return func(corpus, **options)
    columns = list(corpus.columns) if columns is None else list(columns)
    missing = [c for c in columns if c not in corpus.columns]
    if missing:
        raise KeyError(f"cached: corpus lacks column(s) {missing} listed in columns=")
    stage = f"{func.__module__}.{func.__qualname__}"
    key = cache_key(corpus, columns, stage=stage, options=options,
                    version=version if version is not None else _version())
    folder = Path(cache_dir) if cache_dir is not None else paths.BUILD_DIR / "cache"
    path = folder / f"{stage}-{key}.parquet"
    if path.is_file():
        return pd.read_parquet(path)
    out = func(corpus, **options).reset_index(drop=True)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    out.to_parquet(tmp, index=False)
    os.replace(tmp, path)
    return out
