"""Reading a corpus stored as many table files into a Dask DataFrame, one partition a file."""

from __future__ import annotations

import glob as _glob
from pathlib import Path

import pandas as pd

from analysis.corpus import COLUMNS, CorpusError, check_ids, load_corpus
from analysis.distributed.common import (
    STR,
    dask_modules,
    one_process,
)

__all__ = ["read_corpus"]


_TABLE_SUFFIXES = (".parquet", ".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".json")

def _files(path) -> list[Path]:
    if isinstance(path, (list, tuple)):
        files = [Path(p) for p in path]
    elif Path(path).is_dir():
        files = sorted(p for p in Path(path).iterdir()
                       if p.is_file() and p.name.lower().endswith(_TABLE_SUFFIXES))
    elif any(ch in str(path) for ch in "*?["):
        files = [Path(p) for p in sorted(_glob.glob(str(path)))]
    else:
        files = [Path(path)]
    if not files:
        raise CorpusError(f"{path}: no corpus files (.parquet, .csv, .jsonl, .json) found")
    for file in files:
        if not file.is_file():
            raise CorpusError(f"{file}: no such file")
        if not file.name.lower().endswith(_TABLE_SUFFIXES):
            raise CorpusError(f"{file}: unsupported corpus file type; read_corpus takes table"
                              " files (.parquet, .csv, .jsonl, .json), one partition each")
    return files


def _file_ids(file: str, fallback: str | None) -> pd.DataFrame:
    """``doc_id`` of one file, checked as :func:`analysis.corpus.load_corpus` checks them."""
    if file.lower().endswith(".parquet"):  # only the id columns are read
        import pyarrow.parquet as pq

        names = pq.read_schema(file).names
        missing = [c for c in ("doc_id", "source", "text") if c not in names]
        if missing:
            raise CorpusError(f"{file}: missing required column(s) {', '.join(missing)}"
                              f" (found: {', '.join(names) or 'none'})")
        table = pd.read_parquet(file, columns=["doc_id", "source"])
        for col in ("doc_id", "source"):
            table[col] = table[col].map(lambda v: "" if v is None or v != v else str(v))
        check_ids(table, Path(file))
    else:
        table = one_process(load_corpus)(file, fallback_encoding=fallback)
    return pd.DataFrame({"doc_id": table["doc_id"].astype(str), "file": file})


def read_corpus(path, *, fallback_encoding: str | None = None, check: bool = True):
    """Read a corpus stored as many table files into a Dask DataFrame, one partition a file.

    Parameters
    ----------
    path : str, Path or list of them
        A folder of table files, a glob (``"archive/*.parquet"``) or a list of files; each
        file is a ``.parquet``, ``.csv``, ``.jsonl`` or ``.json`` table as
        :func:`analysis.corpus.load_corpus` reads it (at least ``doc_id, source, text``).
        Partitions follow the sorted file names (a list: its order). Every worker must be
        able to read the files. A file is one partition: split a huge file in several.
    fallback_encoding : str, optional
        As in :func:`analysis.corpus.load_corpus`.
    check : bool, default True
        Read every file's ids now, on the workers, and raise on missing columns, empty
        ``doc_id`` or ``source``, and ``doc_id`` repeated within or across files. A Parquet
        file gives only its ``doc_id, source`` columns for this, and its remaining checks
        (empty text) run when its partition is computed; other formats are read and checked
        whole.

    Returns
    -------
    dask.dataframe.DataFrame
        The columns of :func:`analysis.corpus.load_corpus` (``doc_id, source, date, title, url,
        language, raw_text, encoding, normalized, outside_text``), with pandas' dtypes; each
        partition is one file sorted by ``doc_id`` (the whole is not re-sorted: that would
        shuffle every article).

    Raises
    ------
    CorpusError
        No files, unsupported files, or (with ``check``) a bad ``doc_id`` or missing column,
        naming the file(s).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for i, src in enumerate(["X", "Y"]):
    ...     pd.DataFrame({"doc_id": [f"{src}1", f"{src}2"], "source": src,
    ...                   "text": ["EU talks.", "US talks."]}).to_parquet(folder / f"{i}.parquet")
    >>> ddf = read_corpus(folder / "*.parquet")
    >>> ddf.npartitions, ddf.compute()["doc_id"].tolist()
    (2, ['X1', 'X2', 'Y1', 'Y2'])
    """
    dask, dd = dask_modules()
    files = [str(f) for f in _files(path)]
    meta = pd.DataFrame({c: pd.Series(dtype=STR) for c in COLUMNS})
    with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' own dtypes
        ddf = dd.from_map(one_process(load_corpus), files,
                          fallback_encoding=fallback_encoding, meta=meta,
                          divisions=[None] * (len(files) + 1), enforce_metadata=False)
        if check:
            ids = dd.from_map(_file_ids, files, fallback=fallback_encoding,
                              meta=pd.DataFrame({"doc_id": pd.Series(dtype=STR),
                                                 "file": pd.Series(dtype=STR)}),
                              enforce_metadata=False)
            sizes = ids.groupby("doc_id").size()
            dup = sorted(sizes[sizes > 1].index.compute().tolist())
            if dup:
                where = ids[ids["doc_id"].isin(dup[:5])].compute()
                named = "; ".join(f"{d} ({', '.join(sorted(set(g['file'])))})"
                                  for d, g in where.groupby("doc_id", sort=True))
                raise CorpusError(f"{len(dup)} duplicate doc_id across files: {named}")
    return ddf
