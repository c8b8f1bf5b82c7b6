"""Load a corpus of scraped articles into one table, one row per article.

Two input shapes are accepted:

* a folder of ``<doc_id>.txt`` files with a manifest CSV (``sources.csv`` in the folder by
  default) holding at least ``doc_id`` and ``source``, optionally ``title``, ``date``, ``url``,
  ``language``; the folder may also hold saved pages, ``<doc_id>.html`` or ``.html.gz``, whose
  article is extracted with trafilatura (see :func:`html_text`) and whose page metadata fill an
  empty ``title``, ``date`` or ``url``;
* one table file, ``.csv``, ``.jsonl`` / ``.json`` or ``.parquet``, holding at least
  ``doc_id``, ``source`` and ``text``.

Bad input raises :class:`CorpusError` naming the file and what is wrong; nothing is dropped
silently. Text must be UTF-8 (a byte-order mark is accepted); a fallback encoding is used only
when asked for, and the ``encoding`` column records which one decoded each article.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.parallel import map_documents, release_memory

__all__ = ["COLUMNS", "CorpusError", "html_text", "load_corpus"]

COLUMNS = ["doc_id", "source", "date", "title", "url", "language", "raw_text", "encoding"]
_META = ["title", "date", "url", "language"]
MANIFEST_NAME = "sources.csv"


class CorpusError(ValueError):
    """Raised when corpus input is malformed; the message names the file and the problem."""


def load_corpus(path: str | Path | None = None, *, manifest: str | Path | None = None,
                fallback_encoding: str | None = None, n_jobs: int | None = None,
                progress: bool | None = None) -> pd.DataFrame:
    """Load articles from a folder of ``.txt`` files or from a table file.

    Parameters
    ----------
    path : str or Path, optional
        A folder of ``.txt`` files or a ``.csv`` / ``.jsonl`` / ``.json`` / ``.parquet`` table.
        Defaults to :func:`analysis.paths.corpus_path` (``$ANALYSIS_CORPUS`` or ``seeds/``).
    manifest : str or Path, optional
        Manifest CSV for a folder (default ``<path>/sources.csv``); one row per ``.txt`` file,
        ``doc_id`` being the file name without ``.txt``. Ignored for table files.
    fallback_encoding : str, optional
        Encoding tried when a file or value is not valid UTF-8 (e.g. ``"cp1251"`` for
        Cyrillic archives). ``None`` (default) raises instead.
    n_jobs : int, optional
        Processes extracting HTML pages of a large folder (:func:`analysis.parallel.
        map_documents`); ``.txt`` files are read in this process. Same table for any value.
    progress : bool, optional
        Progress bar while reading a folder; ``None`` shows one for large corpora on a
        terminal or in a notebook.

    Returns
    -------
    pandas.DataFrame
        One row per article, sorted by ``doc_id``, columns ``doc_id, source, date, title,
        url, language, raw_text, encoding``. Missing metadata is the empty string; ``date``
        is kept as written ("2025-11", "2025-12-23 15:14").

    Raises
    ------
    CorpusError
        Missing path, missing or extra manifest rows, duplicate ``doc_id``, empty text,
        undecodable bytes, missing required columns, empty ``source``.

    Examples
    --------
    >>> corpus = load_corpus(paths.SEEDS_DIR)
    >>> print(corpus[["doc_id", "source"]].head(2).to_string(index=False))
                  doc_id     source
    000_c41a3b09f7ac46e2 Caliber.az
    001_5dbe3e34a99322db Caliber.az
    """
    path = Path(path) if path is not None else paths.corpus_path()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        table = _load_folder(path, Path(manifest) if manifest else path / MANIFEST_NAME,
                             fallback_encoding, n_jobs=n_jobs, progress=progress)
    else:
        table = _load_table(path, fallback_encoding)
    table = table[COLUMNS].sort_values("doc_id", kind="stable").reset_index(drop=True)
    if len(table) >= 2000:
        release_memory()  # the texts were read as Python strings, now held in the table
    return table


def _decode(data: bytes, where: str, fallback: str | None) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if fallback is None:
            raise CorpusError(
                f"{where}: not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 4]!r});"
                " re-encode it or pass fallback_encoding='cp1251' (or the right one)"
            ) from None
        try:
            return data.decode(fallback), fallback
        except UnicodeDecodeError:
            raise CorpusError(f"{where}: neither UTF-8 nor {fallback}") from None


def _read_manifest(manifest: Path) -> pd.DataFrame:
    if not manifest.is_file():
        raise CorpusError(f"{manifest}: manifest not found (a folder corpus needs one CSV row"
                          " per .txt file with at least doc_id and source)")
    try:
        table = pd.read_csv(manifest, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise CorpusError(f"{manifest}: cannot read manifest: {err}") from None
    _require(table, ["doc_id", "source"], manifest)
    return table


def _read_file(item: tuple[str, bool], *, fallback: str | None) -> tuple[str, str, dict]:
    """``(text, encoding, page metadata)`` of one article file; errors name the file."""
    path, is_page = item
    file = Path(path)
    if is_page:
        page = html_text(file.read_bytes(), where=path)
        text, enc = page["text"], "html"
    else:
        (text, enc), page = _decode(file.read_bytes(), path, fallback), {}
    if not text.strip():
        raise CorpusError(f"{file}: " + ("no article text found in the page"
                                         if enc == "html" else "empty file (no text)"))
    return text, enc, page


def _load_folder(folder: Path, manifest: Path, fallback: str | None, *,
                 n_jobs: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    table = _read_manifest(manifest)
    _check_ids(table, manifest)
    # One folder: ordering by name is Path ordering, without its slow comparisons.
    files = {p.stem: p for p in sorted(folder.glob("*.txt"), key=lambda p: p.name)}
    pages = _html_files(folder)
    both = sorted(set(files) & set(pages))
    if both:
        raise CorpusError(f"{folder}: both a .txt and an .html file for doc_id"
                          f" {', '.join(both[:5])}; keep one")
    files.update(pages)
    listed = set(table["doc_id"])
    missing = sorted(listed - set(files))
    if missing:
        raise CorpusError(f"{manifest}: {len(missing)} manifest row(s) without a .txt file"
                          f"{' (or .html)' if pages else ''} in {folder}:"
                          f" {', '.join(missing[:5])}")
    extra = sorted(set(files) - listed)
    if extra:
        kind = ".txt" if all(files[d].suffix == ".txt" for d in extra) else "article"
        raise CorpusError(f"{folder}: {len(extra)} {kind} file(s) without a manifest row in"
                          f" {manifest.name}: {', '.join(extra[:5])}")
    items = [(str(files[doc_id]), doc_id in pages) for doc_id in table["doc_id"]]
    # HTML extraction is slow (tens of ms a page) and worth a pool; plain files are I/O.
    read = map_documents(partial(_read_file, fallback=fallback), items,
                         n_jobs=n_jobs if pages else 1, progress=progress, desc="reading")
    texts = [text for text, _, _ in read]
    encodings = [enc for _, enc, _ in read]
    found = [page for _, _, page in read]
    table = _fill(table.assign(raw_text=texts, encoding=encodings), manifest)
    for col in ("title", "date", "url"):  # page metadata fill what the manifest leaves empty
        table[col] = [cur if cur.strip() else page.get(col, "")
                      for cur, page in zip(table[col], found)]
    return table


def _html_files(folder: Path) -> dict[str, Path]:
    out = {}
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        name = p.name
        for suffix in (".html.gz", ".html", ".htm"):
            if name.lower().endswith(suffix) and p.is_file():
                out[name[: -len(suffix)]] = p
                break
    return out


def html_text(data: bytes, *, where: str = "page") -> dict[str, str]:
    """Extract the article body and metadata from a saved HTML page with trafilatura.

    Parameters
    ----------
    data : bytes
        The page, raw or gzip-compressed (detected from the magic bytes); the character set is
        detected by trafilatura.
    where : str, default "page"
        Name used in error messages (the file path).

    Returns
    -------
    dict
        ``text`` (the article body, one paragraph a line; comments and tables of navigation
        left out), ``title``, ``date`` (ISO ``YYYY-MM-DD`` when the page states it) and ``url``
        (the canonical URL), each "" when absent.

    Raises
    ------
    CorpusError
        If the bytes are not a readable page or trafilatura is not installed.

    Examples
    --------
    >>> page = (b"<html><head><title>Talks in Baku</title></head><body><article><p>" +
    ...         b"The ministers of both countries met in Baku on Monday to sign a deal. " * 3 +
    ...         b"</p></article></body></html>")
    >>> html_text(page)["title"]
    'Talks in Baku'
    """
    import gzip

    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        raise CorpusError(f"{where}: reading HTML needs trafilatura (pip install trafilatura)"
                          ) from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise CorpusError(f"{where}: broken gzip file: {err}") from None
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=False)
    if doc is None:
        return {"text": "", "title": "", "date": "", "url": ""}
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {k: str(meta.get(k) or "") for k in ("text", "title", "date", "url")}


def _load_table(file: Path, fallback: str | None) -> pd.DataFrame:
    suffix = "".join(file.suffixes[-2:]) if file.suffix == ".gz" else file.suffix
    suffix = suffix.lower()
    encoding = "utf-8"
    try:
        if suffix in {".csv", ".csv.gz"}:
            raw = file.read_bytes() if suffix == ".csv" else None
            if raw is not None:
                text, encoding = _decode(raw, str(file), fallback)
                import io

                table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
            else:
                table = pd.read_csv(file, dtype=str, keep_default_na=False)
        elif suffix in {".jsonl", ".json", ".jsonl.gz"}:
            text, encoding = _decode(file.read_bytes(), str(file), fallback) \
                if not suffix.endswith(".gz") else (None, "utf-8")
            if text is not None and suffix == ".json" and text.lstrip().startswith("["):
                records = json.loads(text)
                table = pd.DataFrame.from_records(records)
            elif text is not None:
                table = pd.DataFrame.from_records(_jsonl(text, file))
            else:
                table = pd.read_json(file, lines=True, dtype=False)
        elif suffix == ".parquet":
            table = pd.read_parquet(file)
        else:
            raise CorpusError(f"{file}: unsupported corpus file type {suffix!r}; use a folder"
                              " of .txt files, .csv, .jsonl, .json or .parquet")
    except (ValueError, pd.errors.ParserError) as err:
        if isinstance(err, CorpusError):
            raise
        raise CorpusError(f"{file}: cannot read table: {err}") from None
    _require(table, ["doc_id", "source", "text"], file)
    table = table.copy()
    for col in ["doc_id", "source", *(_META)]:
        if col in table:
            table[col] = table[col].map(lambda v: "" if v is None or v != v else str(v))
    _check_ids(table, file)
    texts = table["text"].tolist()
    for doc_id, text in zip(table["doc_id"], texts):
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{file}: doc_id {doc_id!r} has empty text")
    table = table.rename(columns={"text": "raw_text"}).assign(encoding=encoding)
    return _fill(table, file)


def _jsonl(text: str, file: Path) -> list[dict]:
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise CorpusError(f"{file}: line {n} is not valid JSON: {err.msg}") from None
    return records


def _require(table: pd.DataFrame, columns: list[str], where: Path) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise CorpusError(f"{where}: missing required column(s) {', '.join(missing)}"
                          f" (found: {', '.join(map(str, table.columns)) or 'none'})")


def _check_ids(table: pd.DataFrame, where: Path) -> None:
    ids = table["doc_id"].astype(str)
    blank = table.index[ids.str.strip() == ""].tolist()
    if blank:
        raise CorpusError(f"{where}: empty doc_id in row(s) {', '.join(map(str, blank[:5]))}")
    dup = sorted(ids[ids.duplicated()].unique())
    if dup:
        raise CorpusError(f"{where}: duplicate doc_id {', '.join(dup[:5])}")
    no_source = ids[table["source"].astype(str).str.strip() == ""].tolist()
    if no_source:
        raise CorpusError(f"{where}: empty source for doc_id {', '.join(no_source[:5])}")


def _fill(table: pd.DataFrame, where: Path) -> pd.DataFrame:
    table = table.copy()
    for col in _META:
        if col not in table:
            table[col] = ""
        table[col] = table[col].fillna("").astype(str)
    table["doc_id"] = table["doc_id"].astype(str)
    table["source"] = table["source"].astype(str).str.strip()
    return table
