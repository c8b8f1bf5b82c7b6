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
silently. Text must be UTF-8 (a byte-order mark is accepted), or UTF-16 / UTF-32 with a
byte-order mark; a fallback encoding is used only when asked for, and the ``encoding`` column
records which one decoded each article. Every text is then normalised (:func:`normalize_raw`:
one line break, ``"\\n"``; Unicode NFC; no zero-width characters or soft hyphens) and the
``normalized`` column records what changed, so the cleaner sees the lines a reader sees.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import unicodedata
from collections import Counter
from decimal import Decimal
from functools import partial
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import CorpusColumnsError, CorpusError, check_columns
from analysis.parallel import map_documents, release_memory

__all__ = ["COLUMNS", "CorpusError", "check_ids", "html_text", "load_corpus", "normalize_raw"]

COLUMNS = ["doc_id", "source", "date", "title", "url", "language", "raw_text", "encoding",
           "normalized", "outside_text"]
_META = ["title", "date", "url", "language"]
MANIFEST_NAME = "sources.csv"



def load_corpus(path: str | Path | None = None, *, manifest: str | Path | None = None,
                fallback_encoding: str | None = None, normalize: bool = True,
                detect_language: bool = True, n_jobs: int | None = None,
                progress: bool | None = None) -> pd.DataFrame:
    """Load articles from a folder of ``.txt`` files or from a table file.

    Parameters
    ----------
    path : str or Path, optional
        A folder of ``.txt`` files or a ``.csv`` / ``.jsonl`` / ``.json`` / ``.parquet`` table
        (``.csv.gz``, ``.jsonl.gz`` and ``.json.gz`` too). Defaults to
        :func:`analysis.paths.corpus_path` (``$ANALYSIS_CORPUS`` or ``seeds/``).
    manifest : str or Path, optional
        Manifest CSV for a folder (default ``<path>/sources.csv``); one row per ``.txt`` file
        (any case: ``.TXT`` too), ``doc_id`` being the file name without ``.txt``. Ignored for
        table files.
    fallback_encoding : str, optional
        Encoding tried when a file or value is not valid UTF-8 (e.g. ``"cp1251"`` for
        Cyrillic archives), also after a UTF-8 byte-order mark. ``None`` (default) raises
        instead. A UTF-16 or UTF-32 byte-order mark is always honoured.
    normalize : bool, default True
        Apply :func:`normalize_raw` to every text (recorded in ``normalized``). ``False``
        keeps each decoded text character for character; the cleaner then refuses a text
        holding a line break other than ``"\\n"`` (or ``"\\r\\n"``).
    detect_language : bool, default True
        Fill an empty ``language`` with the code :func:`analysis.language.detect_language`
        finds in the article ("en", "ru", "az", ...; "" for a text too short to tell). A
        value the manifest or table gives is kept as written.
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
        url, language, raw_text, encoding, normalized, outside_text``. Missing metadata is the
        empty string (but ``language``, detected unless ``detect_language=False``); ``date``
        is kept as written ("2025-11", "2025-12-23 15:14");
        ``normalized`` says what :func:`normalize_raw` changed ("" when nothing);
        ``outside_text`` holds, for a saved page, its visible text lines that the extractor
        left out of ``raw_text`` (one a line, "" for other input), which the cleaning audit
        lists as "outside the extracted article".

    Raises
    ------
    CorpusError
        Missing path, missing or extra manifest rows, duplicate ``doc_id``, no articles at all,
        empty, missing or non-text ``text``, undecodable bytes, NUL characters (a binary file),
        a broken gzip file, a JSON file that is not a table of records, missing required
        columns, empty ``source``.

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
        manifest = Path(manifest) if manifest else path / MANIFEST_NAME
        table = _load_folder(path, manifest, fallback_encoding, n_jobs=n_jobs,
                             progress=progress)
        where = manifest
    else:
        table, where = _load_table(path, fallback_encoding), path
    if table.empty:
        raise CorpusError(f"{where}: no articles (a header, no rows)")
    if "outside_text" not in table:
        table["outside_text"] = ""
    if normalize:
        done = [normalize_raw(text) for text in table["raw_text"]]
        table["raw_text"] = [text for text, _ in done]
        table["normalized"] = [note for _, note in done]
        table["outside_text"] = [normalize_raw(text)[0] if text else ""
                                 for text in table["outside_text"]]
    else:
        table["normalized"] = ""
    if detect_language:
        table["language"] = _detected_languages(table, n_jobs=n_jobs)
    table = table[COLUMNS].sort_values("doc_id", kind="stable").reset_index(drop=True)
    if len(table) >= 2000:
        release_memory()  # the texts were read as Python strings, now held in the table
    return table


def _detected_languages(table: pd.DataFrame, *, n_jobs: int | None = None) -> list[str]:
    """The ``language`` column with every empty value detected from the article's text."""
    from analysis.language import detect_languages

    given = table["language"].tolist()
    empty = [i for i, value in enumerate(given) if not str(value).strip()]
    if empty:
        found = detect_languages(table["raw_text"].iloc[empty], n_jobs=n_jobs)
        for i, code in zip(empty, found):
            given[i] = code
    return given


# Line breaks other than "\n" (those str.splitlines knows), CRLF first so it counts as one.
_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BREAK_NAMES = {"\r\n": "CRLF", "\r": "CR", "\x0b": "VT", "\x0c": "FF", "\x1c": "FS",
                "\x1d": "GS", "\x1e": "RS", "\x85": "NEL", "\u2028": "U+2028", "\u2029": "U+2029"}
# Invisible characters that split a word or a name without showing: soft hyphen, zero-width
# space / non-joiner / joiner, word joiner, Mongolian vowel separator, zero-width no-break space.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\u180e\ufeff"
_SPECIAL = re.compile(f"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029{_INVISIBLE}]")


def normalize_raw(text: str) -> tuple[str, str]:
    """Normalise line breaks and invisible characters, then apply Unicode NFC.

    Every line break Python knows (CRLF, a lone CR, vertical tab, form feed, U+001C-U+001E,
    NEL, U+2028, U+2029) becomes ``"\\n"``, so a page saved with ``"\\r"`` is split into its
    lines; soft hyphens, zero-width spaces, (non-)joiners, word joiners and zero-width no-break
    spaces are removed, so "E\\u200bU" is "EU"; NFC composes "u" + combining diaeresis into
    "ü", so a word is one token however it was typed.

    Parameters
    ----------
    text : str
        A decoded text.

    Returns
    -------
    tuple of (str, str)
        The normalised text and a note of what changed: counts by kind, e.g.
        ``"2 CRLF->LF; 1 U+200B removed; NFC"``, or ``""`` when nothing did.

    Examples
    --------
    >>> normalize_raw("Talks\\r\\nin Baku\\rE\\u200bU Zu\\u0308rich")
    ('Talks\\nin Baku\\nEU Zürich', '1 CRLF->LF; 1 CR->LF; 1 U+200B removed; NFC')
    >>> normalize_raw("Plain text.\\n")
    ('Plain text.\\n', '')
    """
    special = _SPECIAL.search(text) is not None
    if not special and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text, ""
    notes = []
    if special:
        breaks = Counter(m.group() for m in _BREAK.finditer(text))
        if breaks:
            text = _BREAK.sub("\n", text)
            notes += [f"{n} {_BREAK_NAMES[k]}->LF" for k, n in
                      sorted(breaks.items(), key=lambda kv: list(_BREAK_NAMES).index(kv[0]))]
        for c in _INVISIBLE:
            n = text.count(c)
            if n:
                text = text.replace(c, "")
                notes.append(f"{n} U+{ord(c):04X} removed")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        notes.append("NFC")
    return text, "; ".join(notes)


# Byte-order marks, UTF-32 before UTF-16 (FF FE 00 00 starts with FF FE).
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"), (b"\xef\xbb\xbf", "utf-8"))


def _decode(data: bytes, where: str, fallback: str | None) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes; errors name ``where``."""
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", "utf-8"))
    body = data[len(bom):]
    try:
        text = body.decode(codec)
        encoding = "utf-8-sig" if bom and codec == "utf-8" else codec
    except UnicodeDecodeError as err:
        at = f"byte {err.start + len(bom)}: {body[err.start:err.start + 4]!r}"
        marked = f"starts with a {codec.upper()} byte-order mark but " if bom else ""
        if codec != "utf-8":
            raise CorpusError(f"{where}: {marked}is not valid {codec.upper()} ({at})") from None
        if fallback is None:
            raise CorpusError(
                f"{where}: {marked}not valid UTF-8 ({at}); re-encode it or pass"
                " fallback_encoding='cp1251' (or the right one)") from None
        try:
            text, encoding = body.decode(fallback), fallback
        except UnicodeDecodeError:
            raise CorpusError(f"{where}: {marked}neither UTF-8 nor {fallback}") from None
    if "\x00" in text:
        raise CorpusError(
            f"{where}: holds NUL characters (decoded as {encoding}): a binary file, or UTF-16 /"
            " UTF-32 without a byte-order mark; save it as UTF-8") from None
    return text, encoding


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
    check_ids(table, manifest)
    files = _text_files(folder)
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
        kind = ".txt" if all(files[d].suffix.lower() == ".txt" for d in extra) else "article"
        raise CorpusError(f"{folder}: {len(extra)} {kind} file(s) without a manifest row in"
                          f" {manifest.name}: {', '.join(files[d].name for d in extra[:5])}")
    items = [(str(files[doc_id]), doc_id in pages) for doc_id in table["doc_id"]]
    # HTML extraction is slow (tens of ms a page) and worth a pool; plain files are I/O.
    read = map_documents(partial(_read_file, fallback=fallback), items,
                         n_jobs=n_jobs if pages else 1, progress=progress, desc="reading")
    texts = [text for text, _, _ in read]
    encodings = [enc for _, enc, _ in read]
    found = [page for _, _, page in read]
    table = _fill(table.assign(raw_text=texts, encoding=encodings,
                               outside_text=[page.get("outside", "") for page in found]),
                  manifest)
    for col in ("title", "date", "url"):  # page metadata fill what the manifest leaves empty
        table[col] = [cur if cur.strip() else page.get(col, "")
                      for cur, page in zip(table[col], found)]
    return table


def _text_files(folder: Path) -> dict[str, Path]:
    """``doc_id -> path`` of the folder's ``.txt`` files, the extension in any case."""
    out: dict[str, Path] = {}
    # One folder: ordering by name is Path ordering, without its slow comparisons.
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        if p.name.lower().endswith(".txt") and p.is_file():
            doc_id = p.name[:-4]
            if doc_id in out:
                raise CorpusError(f"{folder}: both {out[doc_id].name} and {p.name} for doc_id"
                                  f" {doc_id}; keep one")
            out[doc_id] = p
    return out


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
        left out), ``title``, ``date`` (ISO ``YYYY-MM-DD`` when the page states it), ``url``
        (the canonical URL), each "" when absent, and ``outside``: the page's visible text
        lines (a block element or ``<br>`` ends a line; scripts, styles and the ``<head>``
        are not visible) that are not in ``text``, one a line, so that what the extractor
        left out can be audited.

    Raises
    ------
    CorpusError
        If the bytes are not a readable page or trafilatura is not installed.

    Examples
    --------
    >>> page = (b"<html><head><title>Talks in Baku</title></head><body><nav>Home</nav>"
    ...         b"<article><p>" +
    ...         b"The ministers of both countries met in Baku on Monday to sign a deal. " * 3 +
    ...         b"</p></article></body></html>")
    >>> out = html_text(page)
    >>> out["title"], out["outside"]
    ('Talks in Baku', 'Home')
    """
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError:  # pragma: no cover - a declared dependency
        raise CorpusError(f"{where}: reading HTML needs trafilatura (pip install trafilatura)"
                          ) from None
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, where)
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=False)
    meta = {} if doc is None else doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    out = {k: str(meta.get(k) or "") for k in ("text", "title", "date", "url")}
    tree = load_html(data)
    lines = _visible_lines(tree) if tree is not None else []
    out["outside"] = "\n".join(_outside(lines, out["text"]))
    return out


def _outside(lines: list[str], text: str, *, min_words: int = 4) -> list[str]:
    """The visible ``lines`` not in the extracted ``text``: neither one of its lines nor, with
    ``min_words`` words or more, a word-bounded part of one (a paragraph that a ``<br>`` split).
    A shorter line inside a body line ("Home", "EU") counts as left out: when in doubt a line
    is listed, never lost."""
    body = [" ".join(line.split()) for line in text.split("\n")]
    whole = set(body)
    padded = " " + " \n ".join(body) + " "
    return [line for line in lines if line not in whole
            and not (len(line.split()) >= min_words and f" {line} " in padded)]


# Elements whose start and end break a line of visible text, and elements never shown.
_BLOCKS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption"
    " figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary"
    " table tbody thead tfoot tr td th caption ul option button label select".split())
_HIDDEN = frozenset("head script style noscript template svg math iframe object".split())


def _visible_lines(tree) -> list[str]:
    """The text lines a browser shows for an lxml tree, whitespace collapsed, empty ones left
    out."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions
        if tag.lower() in _HIDDEN or not tag:
            if tag:
                parts.append("\n")
            parts.append(el.tail or "")
            return
        block = tag.lower() in _BLOCKS
        if block:
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        parts.append(el.tail or "")

    walk(tree)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _gunzip(data: bytes, where: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise CorpusError(f"{where}: broken gzip file: {err}") from None


def _load_table(file: Path, fallback: str | None) -> pd.DataFrame:
    suffix = "".join(file.suffixes[-2:]) if file.suffix.lower() == ".gz" else file.suffix
    suffix = suffix.lower()
    kind = suffix.removesuffix(".gz")
    if kind not in {".csv", ".jsonl", ".json", ".parquet"} or suffix == ".parquet.gz":
        raise CorpusError(f"{file}: unsupported corpus file type {suffix!r}; use a folder"
                          " of .txt files, .csv, .jsonl, .json or .parquet")
    encoding = "utf-8"
    try:
        if kind == ".parquet":
            table = pd.read_parquet(file)
        else:
            data = file.read_bytes()
            if suffix.endswith(".gz"):
                data = _gunzip(data, str(file))
            text, encoding = _decode(data, str(file), fallback)
            if kind == ".csv":
                table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
            else:
                table = _json_table(text, file, lines=kind == ".jsonl")
    except CorpusError:
        raise
    except (ValueError, OSError, pd.errors.ParserError) as err:
        raise CorpusError(f"{file}: cannot read table: {err}") from None
    if table.empty:
        raise CorpusError(f"{file}: no articles (no rows)")
    _require(table, ["doc_id", "source", "text"], file)
    table = table.copy()
    for col in ["doc_id", "source", *(_META)]:
        if col in table:
            table[col] = [_cell(v, col, n, file) for n, v in enumerate(table[col].tolist(), 1)]
    check_ids(table, file)
    for doc_id, text in zip(table["doc_id"], table["text"].tolist()):
        problem = _text_problem(text)
        if problem:
            raise CorpusError(f"{file}: doc_id {doc_id!r} {problem}")
    table = table.rename(columns={"text": "raw_text"}).assign(encoding=encoding)
    return _fill(table, file)


def _kind(v) -> str:
    """What a non-text value is, for a message."""
    if isinstance(v, (bool,)):
        return "a boolean"
    if isinstance(v, (int, float, Decimal)) or type(v).__module__ == "numpy":
        return "a number" if getattr(v, "ndim", 0) == 0 else "a list"
    if isinstance(v, (list, tuple)):
        return "a list"
    if isinstance(v, dict):
        return "a JSON object"
    return f"a {type(v).__name__}"


def _missing(v) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)


def _cell(v, col: str, n: int, file: Path) -> str:
    """A metadata or id cell as text ("" when missing); a list or object is an error."""
    if _missing(v):
        return ""
    if isinstance(v, (list, tuple, dict)) or getattr(v, "ndim", 0):
        raise CorpusError(f"{file}: row {n}: {col} is {_kind(v)}, not a value ({str(v)[:60]})")
    return str(v)


def _text_problem(text) -> str:
    """Why ``text`` cannot be an article ("" when it can)."""
    if _missing(text):
        return "has no text (missing value)"
    if not isinstance(text, str):
        return f"has {_kind(text)} as text, not a string ({str(text)[:60]})"
    if not text.strip():
        return "has empty text"
    if "\x00" in text:
        return "has NUL characters in its text (binary data?)"
    return ""


def _json_table(text: str, file: Path, *, lines: bool) -> pd.DataFrame:
    """The records of a JSON Lines text, or of a JSON text holding a list of records,
    pandas' default ``to_json()`` layout (``{column: {index: value}}``) or its ``"split"``
    layout. Numbers keep the digits written (a float id is not rounded); columns keep Python
    values (``dtype=object``), so one float never turns the integers beside it into floats."""
    loads = partial(json.loads, parse_float=Decimal)
    if not lines:
        try:
            obj = loads(text)
        except json.JSONDecodeError as err:
            if err.msg != "Extra data":
                raise CorpusError(f"{file}: not valid JSON (line {err.lineno}): {err.msg}"
                                  ) from None
            lines = True  # one JSON object a line in a .json file
        else:
            return _records(_json_rows(obj, file), file, "record")
    rows = []
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                rows.append((n, loads(line)))
            except json.JSONDecodeError as err:
                raise CorpusError(f"{file}: line {n} is not valid JSON: {err.msg}") from None
    return _records(rows, file, "line")


def _json_rows(obj, file: Path) -> list[tuple[int, object]]:
    if isinstance(obj, list):
        return list(enumerate(obj, 1))
    if isinstance(obj, dict) and obj and all(isinstance(v, dict) for v in obj.values()):
        index = list(dict.fromkeys(k for col in obj.values() for k in col))  # to_json() layout
        return [(n, {col: values.get(i) for col, values in obj.items()})
                for n, i in enumerate(index, 1)]
    if isinstance(obj, dict) and {"columns", "data"} <= set(obj):  # orient="split"
        return [(n, dict(zip(obj["columns"], row))) for n, row in enumerate(obj["data"], 1)]
    if isinstance(obj, dict) and "doc_id" in obj:
        return [(1, obj)]
    raise CorpusError(f"{file}: holds {_kind(obj)}, not a table; write a list of records"
                      " ([{\"doc_id\": ..., \"source\": ..., \"text\": ...}, ...]) or JSON Lines")


def _records(rows: list[tuple[int, object]], file: Path, unit: str) -> pd.DataFrame:
    for n, row in rows:
        if not isinstance(row, dict):
            raise CorpusError(f"{file}: {unit} {n} is {_kind(row)}, not a JSON object with"
                              " doc_id, source and text")
    records = [row for _, row in rows]
    columns = list(dict.fromkeys(k for row in records for k in row))
    return pd.DataFrame([[row.get(c) for c in columns] for row in records], columns=columns,
                        dtype=object)


def _require(table: pd.DataFrame, columns: list[str], where: Path) -> None:
    check_columns(table, columns, what=str(where), found=True, error=CorpusColumnsError)


def check_ids(table: pd.DataFrame, where: Path) -> None:
    """Raise on an empty or repeated ``doc_id`` or an empty ``source`` in a corpus table.

    Parameters
    ----------
    table : pandas.DataFrame
        At least ``doc_id`` and ``source``.
    where : Path or str
        The file named in the error.

    Raises
    ------
    CorpusError
        Naming ``where`` and up to five offending ids or rows.

    Examples
    --------
    >>> check_ids(pd.DataFrame({"doc_id": ["a", "a"], "source": ["X", "X"]}), "x.csv")
    Traceback (most recent call last):
    ...
    analysis.errors.CorpusError: x.csv: duplicate doc_id a
    """
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
