"""The coding sheet: the columns of a sample and of its codes, writing a sheet, reading it back.

A coder fills in ``code`` in a CSV any spreadsheet opens (:func:`write_coding_sheet`), or with
:class:`analysis.validation.labeller.Labeller`; :func:`read_codes` reads the sheet back and
stops with an error naming the file, the row and the problem.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import check_columns

__all__ = ["CODES_COLUMNS", "CODE_VALUES", "KEY", "SAMPLE_COLUMNS", "SHEET_COLUMNS", "mark_mention",
           "open_codes", "parse_code", "parse_confidence", "read_codes", "read_sheet",
           "unmark_mention", "write_coding_sheet"]

CODE_VALUES = {"negative": -1, "neutral": 0, "positive": 1}
SAMPLE_COLUMNS = ["doc_id", "source", "sent_id", "target", "alias", "actor", "sentence", "start",
                  "end", "label", "p_sample", "code"]
SHEET_COLUMNS = ["row", "doc_id", "source", "sent_id", "target", "alias", "actor", "p_sample",
                 "sentence", "code", "confidence", "note"]
CODES_COLUMNS = ["doc_id", "source", "sent_id", "target", "alias", "actor", "sentence", "start",
                 "end", "p_sample", "label", "code", "confidence", "code_2", "note"]
KEY = ["doc_id", "sent_id", "target"]
_SPELLINGS = {"-1": "negative", "0": "neutral", "1": "positive", "+1": "positive",
              "-1.0": "negative", "0.0": "neutral", "1.0": "positive",
              "negative": "negative", "neutral": "neutral", "positive": "positive",
              "neg": "negative", "neu": "neutral", "pos": "positive"}
OPEN, CLOSE = "[[", "]]"


def mark_mention(sentence: str, start: int, end: int) -> str:
    """The sentence with the mention between ``[[`` and ``]]``.

    Examples
    --------
    >>> mark_mention("Europe is behind the U.S.", 21, 25)
    'Europe is behind the [[U.S.]]'
    """
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"mention span {start}:{end} is outside the sentence "
                         f"({len(sentence)} characters)")
    return sentence[:start] + OPEN + sentence[start:end] + CLOSE + sentence[end:]


def unmark_mention(marked: str) -> tuple[str, int, int]:
    """The sentence without its ``[[`` ``]]`` marks, and the mention's start and end.

    The inverse of :func:`mark_mention`; a sentence that does not mark one mention is an error.

    Examples
    --------
    >>> unmark_mention("Europe is behind the [[U.S.]]")
    ('Europe is behind the U.S.', 21, 25)
    """
    if marked.count(OPEN) != 1 or marked.count(CLOSE) != 1:
        raise ValueError(f"the sentence must mark the mention once as {OPEN}...{CLOSE}")
    start = marked.index(OPEN)
    end = marked.index(CLOSE) - len(OPEN)
    if end <= start:
        raise ValueError(f"the mention marks are out of order or empty ({OPEN}{CLOSE})")
    return marked.replace(OPEN, "", 1).replace(CLOSE, "", 1), start, end


def write_coding_sheet(sample: pd.DataFrame, path: str | Path, *, show_label: bool = False,
                       second_coder: bool = False, overwrite: bool = False) -> Path:
    """Write a coding sheet: a CSV (UTF-8) any spreadsheet opens, one mention per row.

    Columns ``row, doc_id, source, sent_id, target, alias, actor, p_sample, sentence, code,
    confidence, note``: ``sentence`` marks the mention as ``[[EU]]``; the coder writes ``code``
    (-1/0/1 or negative/neutral/positive, per the codebook), optionally ``confidence`` (3
    clear, 2 some interpretation, 1 borderline) and a ``note``. Leave the identifying columns
    and ``p_sample`` as they are: :func:`read_codes` matches rows by them and the correction
    needs ``p_sample``.

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`coding_sample`.
    path : str or Path
        Where to write (folders are created).
    show_label : bool, default False
        Also show the model's ``label`` (it anchors the coder: keep it hidden for validation).
    second_coder : bool, default False
        Add an empty ``code_2`` column for a second, independent coder.
    overwrite : bool, default False
        Replace an existing file; by default an existing sheet is never overwritten, so a
        coder's work cannot be lost by running a notebook again.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, os
    >>> s = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "sent_id": [0], "target": ["EU"],
    ...                   "alias": ["EU"], "actor": [""], "sentence": ["The EU met."],
    ...                   "start": [4], "end": [6], "label": ["neutral"], "p_sample": [1.0]})
    >>> p = write_coding_sheet(s, os.path.join(tempfile.mkdtemp(), "sheet.csv"))
    >>> pd.read_csv(p, keep_default_na=False)["sentence"].tolist()
    ['The [[EU]] met.']
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path}: a coding sheet is already there (codes would be lost); "
                              "pass overwrite=True or choose another path")
    sheet = pd.DataFrame({
        "row": np.arange(1, len(sample) + 1),
        **{c: sample[c].to_numpy() for c in SHEET_COLUMNS[1:7]},
        "p_sample": [repr(float(p)) for p in sample["p_sample"]],
        "sentence": [mark_mention(s, int(a), int(b)) for s, a, b in
                     zip(sample["sentence"], sample["start"], sample["end"])],
    })
    sheet["actor"] = sheet["actor"].fillna("")
    if show_label:
        sheet["label"] = sample["label"].to_numpy()
    code = sample["code"] if "code" in sample.columns else pd.Series([pd.NA] * len(sample))
    sheet["code"] = code.fillna("").astype(str).to_numpy()
    sheet["confidence"] = ""
    sheet["note"] = ""
    if second_coder:
        sheet["code_2"] = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(path, index=False, encoding="utf-8")
    return path


def read_sheet(path: Path) -> pd.DataFrame:
    """The sheet as strings, blanks as ""; a ``;``-separated export is read as well."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no coding sheet here")
    with path.open(encoding="utf-8-sig") as f:
        header = f.readline()
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep,
                           encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise ValueError(f"{path}: not a readable CSV coding sheet ({err})") from err


def parse_code(value: str):
    """A sheet's ``code`` cell as a label: -1/0/1 or a label's name; blank is ``pd.NA``.

    Examples
    --------
    >>> parse_code(" +1 "), parse_code("NEG"), parse_code("")
    ('positive', 'negative', <NA>)
    """
    text = value.strip().lower()
    if not text:
        return pd.NA
    if text in _SPELLINGS:
        return _SPELLINGS[text]
    raise ValueError(f"unknown code {value!r} (use -1/0/1 or negative/neutral/positive, "
                     "blank for not coded yet)")


def parse_confidence(value: str):
    """A sheet's ``confidence`` cell as 1, 2 or 3; blank is ``pd.NA``.

    Examples
    --------
    >>> parse_confidence("3"), parse_confidence("1.0"), parse_confidence(" ")
    (3, 1, <NA>)
    """
    text = value.strip()
    if not text:
        return pd.NA
    if text in {"1", "2", "3", "1.0", "2.0", "3.0"}:
        return int(float(text))
    raise ValueError(f"unknown confidence {value!r} (use 3 clear, 2 some interpretation, "
                     "1 borderline, or leave blank)")


def open_codes(sample: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """The codes of ``sample`` from the sheet at ``path``, writing a blank sheet if there is none.

    A corpus without hand codes yet gets its coding sheet (model labels hidden) and a warning
    saying where it is; every row then reads as "not coded yet", so agreement statistics are
    missing with their reason and corrected means equal the raw ones until someone codes.

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`coding_sample`.
    path : str or Path
        The sheet, e.g. :func:`analysis.paths.codes_path`.

    Returns
    -------
    pandas.DataFrame
        As :func:`read_codes` with ``sample=sample``.

    Examples
    --------
    >>> import tempfile, warnings
    >>> s = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "sent_id": [0], "target": ["EU"],
    ...                   "alias": ["EU"], "actor": [""], "sentence": ["The EU acted."],
    ...                   "start": [4], "end": [6], "label": ["neutral"], "p_sample": [1.0],
    ...                   "code": [None]})
    >>> path = Path(tempfile.mkdtemp()) / "codes.csv"
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     codes = open_codes(s, path)
    >>> path.is_file(), bool(codes["code"].isna().all())
    (True, True)
    >>> "blank coding sheet" in str(caught[0].message)
    True
    """
    path = Path(path)
    if not path.is_file():
        write_coding_sheet(sample, path)
        warnings.warn(f"no hand codes yet: wrote a blank coding sheet of {len(sample)} mentions "
                      f"to {path}; code it (a spreadsheet or Labeller) and rerun", UserWarning,
                      stacklevel=2)
    return read_codes(path, sample=sample)


def read_codes(path: str | Path, *, sample: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read a coding sheet written by :func:`write_coding_sheet` and filled in by a coder.

    Codes are -1/0/1, +1, or negative/neutral/positive (any case; neg/neu/pos too); a blank
    code means "not coded yet" and the row stays in the table with ``code`` missing (the
    correction needs to know what was drawn but not coded). A second coder's ``code_2``
    column is read the same way when present. Rows are spreadsheet rows: the header is row 1.

    Parameters
    ----------
    path : str or Path
        The sheet (CSV, UTF-8; a ``;``-separated spreadsheet export is read too).
    sample : pandas.DataFrame, optional
        From :func:`coding_sample`: the sheet must hold exactly its rows, with the same
        sentences, and ``label`` and ``p_sample`` are taken from it (so the model label can
        stay hidden from the coder; a new scorer's sample gives its labels to the same codes).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, target, alias, actor, sentence, start, end,
        p_sample, label, code, confidence, code_2, note``: ``sentence`` without the marks,
        ``start``/``end`` the mention's offsets in it, ``code``/``code_2``/``label`` as
        negative/neutral/positive (missing when blank or unknown), ``confidence`` 1-3 or
        missing. In sheet order.

    Raises
    ------
    FileNotFoundError
        When there is no file.
    ValueError
        Naming the file, the row and the problem: a missing column, an unknown code or
        confidence, a sentence without its ``[[ ]]`` marks, a bad ``p_sample``, a duplicated
        mention, and (with ``sample``) a row that is not in the sample, a sentence that
        differs from it or sample rows missing from the sheet.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "sheet.csv")
    >>> _ = open(p, "w").write("row,doc_id,source,sent_id,target,alias,actor,p_sample,"
    ...     "sentence,code,confidence,note\\n1,a,X,0,EU,EU,,0.5,The [[EU]] failed.,-1,3,\\n"
    ...     "2,a,X,1,EU,EU,,0.5,The [[EU]] met.,,,\\n")
    >>> read_codes(p)[["start", "end", "code", "confidence"]].values.tolist()
    [[4, 6, 'negative', 3], [4, 6, nan, <NA>]]
    """
    path = Path(path)
    sheet = read_sheet(path)
    required = [c for c in SHEET_COLUMNS if c not in {"row", "confidence", "note"}]
    check_columns(sheet, required, what=f"{path}: the sheet", found=True)
    rows = []
    seen: dict[tuple, int] = {}
    for i, rec in enumerate(sheet.to_dict("records")):
        where = f"{path}: row {i + 2}"
        try:
            sentence, start, end = unmark_mention(rec["sentence"])
            code = parse_code(rec["code"])
            code_2 = parse_code(rec.get("code_2", ""))
            confidence = parse_confidence(rec.get("confidence", ""))
            try:
                sent_id = int(float(rec["sent_id"]))
                p = float(rec["p_sample"])
            except ValueError as err:
                raise ValueError(f"sent_id and p_sample must be numbers ({err})") from None
            if not 0 < p <= 1:
                raise ValueError(f"p_sample must be in (0, 1], got {rec['p_sample']!r}")
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from None
        key = (rec["doc_id"], sent_id, rec["target"])
        if key in seen:
            raise ValueError(f"{where}: duplicates row {seen[key]} (the same doc_id, sent_id "
                             f"and target {key}); each mention must appear once")
        seen[key] = i + 2
        label = parse_code(rec["label"]) if rec.get("label", "").strip() else pd.NA
        rows.append((rec["doc_id"], rec["source"], sent_id, rec["target"], rec["alias"],
                     rec["actor"], sentence, start, end, p, label, code, confidence, code_2,
                     rec.get("note", "")))
    codes = pd.DataFrame(rows, columns=CODES_COLUMNS)
    codes["confidence"] = codes["confidence"].astype("Int64")
    if sample is not None:
        codes = _match_sample(codes, sample, path)
    return codes


def _match_sample(codes: pd.DataFrame, sample: pd.DataFrame, path: Path) -> pd.DataFrame:
    ref = sample.assign(sent_id=sample["sent_id"].astype(int)).set_index(KEY)
    keys = list(zip(codes["doc_id"], codes["sent_id"], codes["target"]))
    for i, key in enumerate(keys):
        where = f"{path}: row {i + 2}"
        if key not in ref.index:
            raise ValueError(f"{where}: {key} is not in the sample (a sheet of another sample "
                             "or corpus?)")
        if ref.at[key, "sentence"] != codes.at[i, "sentence"]:
            raise ValueError(f"{where}: the sentence differs from the sample's "
                             f"{ref.at[key, 'sentence']!r}")
        if not np.isclose(ref.at[key, "p_sample"], codes.at[i, "p_sample"], rtol=1e-2):
            raise ValueError(f"{where}: p_sample {codes.at[i, 'p_sample']} differs from the "
                             f"sample's {ref.at[key, 'p_sample']:.6g}")
    absent = ref.index.difference(pd.MultiIndex.from_tuples(keys, names=KEY))
    if len(absent):
        raise ValueError(f"{path}: {len(absent)} sample row(s) are missing from the sheet, "
                         f"e.g. {tuple(absent[0])} (rows deleted?)")
    return codes.assign(label=[ref.at[k, "label"] for k in keys],
                        p_sample=[float(ref.at[k, "p_sample"]) for k in keys])
