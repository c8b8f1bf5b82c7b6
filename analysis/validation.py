"""Validation: check the scorer against hand codes of your own outlets, and correct for its errors.

No offline scorer is right on every corpus. The practice this stage builds in is to code a small
random sample of the scored mentions by hand, measure the scorer against it, and correct the
per-outlet estimates with it (design-based supervised learning, DSL: Egami, Hinck, Stewart & Wei,
NeurIPS 2023; "validate, validate, validate": Grimmer & Stewart 2013). The steps:

1. :func:`coding_sample` draws a stratified random sample of the rows of
   :func:`analysis.sentiment.target_sentiment` (every source x target cell represented) and
   records each row's inclusion probability ``p_sample``.
2. :func:`write_coding_sheet` writes it as a CSV any spreadsheet opens (the mention marked as
   ``[[EU]]``, the model's label hidden so that it cannot anchor the coder); a coder fills in
   ``code`` there or with :class:`Labeller`, one mention at a time inside JupyterLab.
3. :func:`read_codes` reads the sheet back; every problem stops with an error naming the file,
   the row and the problem, and nothing is dropped silently.
4. :func:`agreement` and :func:`confusion_matrix` measure the scorer against the coder (and two
   coders against each other); :func:`corrected_by_source` gives per source and target the mean
   and label shares of the DSL pseudo-outcomes, which stay unbiased however wrong the scorer is,
   with intervals that treat the article as the unit.

The codebook that says what a code means is ``CODEBOOK.md`` (the project's shared folder); the
project's own codes of the seeds are ``seeds/codes.csv``.
"""

from __future__ import annotations

import html
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.sentiment import LABELS

__all__ = ["CODE_VALUES", "Labeller", "agreement", "coding_sample", "confusion_matrix",
           "corrected_by_source", "held_out_labels", "mark_mention", "open_codes", "read_codes",
           "write_coding_sheet"]

CODE_VALUES = {"negative": -1, "neutral": 0, "positive": 1}
SAMPLE_COLUMNS = ["doc_id", "source", "sent_id", "target", "alias", "actor", "sentence", "start",
                  "end", "label", "p_sample", "code"]
SHEET_COLUMNS = ["row", "doc_id", "source", "sent_id", "target", "alias", "actor", "p_sample",
                 "sentence", "code", "confidence", "note"]
CODES_COLUMNS = ["doc_id", "source", "sent_id", "target", "alias", "actor", "sentence", "start",
                 "end", "p_sample", "label", "code", "confidence", "code_2", "note"]
_KEY = ["doc_id", "sent_id", "target"]
_SPELLINGS = {"-1": "negative", "0": "neutral", "1": "positive", "+1": "positive",
              "-1.0": "negative", "0.0": "neutral", "1.0": "positive",
              "negative": "negative", "neutral": "neutral", "positive": "positive",
              "neg": "negative", "neu": "neutral", "pos": "positive"}
OPEN, CLOSE = "[[", "]]"


# --------------------------------------------------------------------------------------------
# The sample

def _allocate(sizes: np.ndarray, n: int, min_per_cell: int) -> np.ndarray:
    """Rows to draw per cell: all of a cell below ``min_per_cell``, at least ``min_per_cell``
    of the others, and the rest of ``n`` in proportion to what each cell has left (largest
    remainder, ties to the earlier cell)."""
    take = np.minimum(sizes, min_per_cell)
    left = sizes - take
    budget = n - int(take.sum())
    if budget > 0 and left.sum() > 0:
        budget = min(budget, int(left.sum()))
        exact = budget * left / left.sum()
        extra = np.floor(exact).astype(int)
        order = np.lexsort((np.arange(len(sizes)), -(exact - extra)))
        extra[order[:budget - int(extra.sum())]] += 1
        take = take + extra
    return take


def coding_sample(scores: pd.DataFrame, *, n: int = 200, per=("source", "target"),
                  min_per_cell: int = 10, seed: int = 0) -> pd.DataFrame:
    """A stratified random sample of scored mentions for hand coding.

    Every cell of ``per`` is a stratum. A cell with fewer than ``min_per_cell`` rows is taken
    whole; every other cell gives at least ``min_per_cell`` rows and the rest of ``n`` is shared
    in proportion to the rows each cell has beyond that. So ``n`` is exceeded when the
    minimums alone need more. Within a cell the rows are a simple random sample, so every row
    of a cell has the same inclusion probability ``p_sample`` = drawn / rows in the cell: the
    rows not drawn have it too, which is what :func:`corrected_by_source` needs, and it is
    stored with each drawn row in the coding sheet.

    The sample comes in random order: a coder who stops half-way has coded a random part of
    each cell, which :func:`corrected_by_source` accounts for.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`analysis.sentiment.target_sentiment` (any method).
    n : int, default 200
        Rows to draw in all (more when the per-cell minimums need more).
    per : sequence of str, default ("source", "target")
        Columns whose combinations are the strata.
    min_per_cell : int, default 10
        Smallest number of rows drawn from a cell that has that many.
    seed : int, default 0
        Seed of the random generator: the same scores and seed give the same sample.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, target, alias, actor, sentence, start, end, label,
        p_sample, code`` (``code`` empty), one row per drawn mention, in random order.

    Raises
    ------
    ValueError
        When ``scores`` lacks a column, has a duplicated ``(doc_id, sent_id, target)`` or
        ``n``/``min_per_cell`` is below 1.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": list("aabbb"), "source": list("XXYYY"),
    ...                   "sent_id": [0, 1, 0, 1, 2], "target": ["EU"] * 5, "alias": ["EU"] * 5,
    ...                   "actor": [""] * 5, "sentence": ["The EU met."] * 5, "start": [4] * 5,
    ...                   "end": [6] * 5, "label": ["neutral"] * 5})
    >>> sample = coding_sample(s, n=3, min_per_cell=1)
    >>> sorted(zip(sample["source"], sample["p_sample"].round(3)))
    [('X', 0.5), ('Y', 0.667), ('Y', 0.667)]
    """
    if n < 1 or min_per_cell < 1:
        raise ValueError(f"n and min_per_cell must be at least 1 (got {n}, {min_per_cell})")
    per = list(per)
    missing = [c for c in SAMPLE_COLUMNS[:-2] + per if c not in scores.columns]
    if missing:
        raise ValueError(f"scores lack the columns {sorted(set(missing))} "
                         "(pass the table of target_sentiment)")
    table = scores.sort_values(_KEY, kind="stable").reset_index(drop=True)
    dup = table.duplicated(_KEY, keep=False)
    if dup.any():
        first = table.loc[dup, _KEY].iloc[0].tolist()
        raise ValueError(f"scores hold {int(dup.sum())} rows with a repeated "
                         f"(doc_id, sent_id, target), e.g. {first}")
    cells = table.groupby([table[c].astype(str) for c in per], sort=True).indices
    keys = sorted(cells)
    sizes = np.array([len(cells[k]) for k in keys])
    take = _allocate(sizes, n, min_per_cell)
    rng = np.random.default_rng(seed)
    drawn, prob = [], []
    for key, k, size in zip(keys, take, sizes):
        idx = cells[key]
        drawn.append(np.sort(rng.choice(idx, size=k, replace=False)))
        prob.append(np.full(k, k / size))
    drawn, prob = np.concatenate(drawn), np.concatenate(prob)
    order = rng.permutation(len(drawn))
    sample = table.loc[drawn[order], SAMPLE_COLUMNS[:-2]].reset_index(drop=True)
    sample["actor"] = sample["actor"].fillna("").astype(str)
    sample["p_sample"] = prob[order]
    sample["code"] = pd.Series([pd.NA] * len(sample), dtype="object")
    return sample


# --------------------------------------------------------------------------------------------
# The coding sheet

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


def _unmark(marked: str) -> tuple[str, int, int]:
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


def _read_sheet(path: Path) -> pd.DataFrame:
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


def _parse_code(value: str):
    text = value.strip().lower()
    if not text:
        return pd.NA
    if text in _SPELLINGS:
        return _SPELLINGS[text]
    raise ValueError(f"unknown code {value!r} (use -1/0/1 or negative/neutral/positive, "
                     "blank for not coded yet)")


def _parse_confidence(value: str):
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
    sheet = _read_sheet(path)
    required = [c for c in SHEET_COLUMNS if c not in {"row", "confidence", "note"}]
    missing = [c for c in required if c not in sheet.columns]
    if missing:
        raise ValueError(f"{path}: the sheet lacks the column(s) {missing} "
                         f"(it has {list(sheet.columns)})")
    rows = []
    seen: dict[tuple, int] = {}
    for i, rec in enumerate(sheet.to_dict("records")):
        where = f"{path}: row {i + 2}"
        try:
            sentence, start, end = _unmark(rec["sentence"])
            code = _parse_code(rec["code"])
            code_2 = _parse_code(rec.get("code_2", ""))
            confidence = _parse_confidence(rec.get("confidence", ""))
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
        label = _parse_code(rec["label"]) if rec.get("label", "").strip() else pd.NA
        rows.append((rec["doc_id"], rec["source"], sent_id, rec["target"], rec["alias"],
                     rec["actor"], sentence, start, end, p, label, code, confidence, code_2,
                     rec.get("note", "")))
    codes = pd.DataFrame(rows, columns=CODES_COLUMNS)
    codes["confidence"] = codes["confidence"].astype("Int64")
    if sample is not None:
        codes = _match_sample(codes, sample, path)
    return codes


def _match_sample(codes: pd.DataFrame, sample: pd.DataFrame, path: Path) -> pd.DataFrame:
    ref = sample.assign(sent_id=sample["sent_id"].astype(int)).set_index(_KEY)
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
    absent = ref.index.difference(pd.MultiIndex.from_tuples(keys, names=_KEY))
    if len(absent):
        raise ValueError(f"{path}: {len(absent)} sample row(s) are missing from the sheet, "
                         f"e.g. {tuple(absent[0])} (rows deleted?)")
    return codes.assign(label=[ref.at[k, "label"] for k in keys],
                        p_sample=[float(ref.at[k, "p_sample"]) for k in keys])


# --------------------------------------------------------------------------------------------
# The labeller

class Labeller:
    """Code a sheet one mention at a time inside JupyterLab; every code is saved at once.

    The state lives in the sheet itself: each code (and skip) is written to the file before
    the next mention is shown, so a kernel restart loses nothing, and a new ``Labeller`` on the
    same file resumes at the first mention not coded yet. Skipped mentions come back after all
    the others. :meth:`widget` shows the mention with the target highlighted, buttons for the
    three codes and "skip", a confidence choice and the progress.

    Parameters
    ----------
    path : str or Path
        A sheet from :func:`write_coding_sheet` (checked with :func:`read_codes` first).
    column : str, default "code"
        The column to fill: ``"code_2"`` for a second coder (added when absent).
    show_label : bool, default False
        Show the model's label next to the mention (needs a sheet written with it).

    Examples
    --------
    >>> import tempfile, os
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "source": ["X", "X"], "sent_id": [0, 1],
    ...                   "target": ["EU", "EU"], "alias": ["EU", "EU"], "actor": ["", ""],
    ...                   "sentence": ["The EU failed.", "The EU met."], "start": [4, 4],
    ...                   "end": [6, 6], "label": ["negative", "neutral"], "p_sample": [1.0, 1.0]})
    >>> p = write_coding_sheet(s, os.path.join(tempfile.mkdtemp(), "sheet.csv"))
    >>> lab = Labeller(p)
    >>> lab.code("negative", confidence=3)
    >>> Labeller(p).position, Labeller(p).progress
    (1, (1, 2))
    """

    def __init__(self, path: str | Path, *, column: str = "code", show_label: bool = False):
        self.path = Path(path)
        read_codes(self.path)  # a broken sheet stops here, with the row and the problem
        self.table = _read_sheet(self.path)
        if column not in {"code", "code_2"}:
            raise ValueError(f"column must be 'code' or 'code_2', got {column!r}")
        self.column = column
        self.confidence_column = "confidence" if column == "code" else "confidence_2"
        for c in (column, self.confidence_column, "note"):
            if c not in self.table.columns:
                self.table[c] = ""
        if show_label and "label" not in self.table.columns:
            raise ValueError(f"{self.path}: the sheet has no label column (write it with "
                             "show_label=True)")
        self.show_label = show_label
        self.position = self._next()

    def _open(self) -> np.ndarray:
        return self.table[self.column].str.strip().eq("").to_numpy()

    def _next(self):
        """First uncoded row not skipped, else the first skipped one, else None (done)."""
        open_ = self._open()
        skipped = self.table["note"].str.contains("skipped", regex=False).to_numpy()
        for candidates in (open_ & ~skipped, open_):
            hits = np.flatnonzero(candidates)
            if len(hits):
                return int(hits[0])
        return None

    @property
    def progress(self) -> tuple[int, int]:
        """``(coded, rows)``."""
        return int((~self._open()).sum()), len(self.table)

    @property
    def current(self) -> dict | None:
        """The row to code now (a dict of the sheet's columns), or None when all are coded."""
        return None if self.position is None else self.table.iloc[self.position].to_dict()

    def _save(self):
        # a temporary file then an atomic rename: a crash mid-write leaves the old sheet whole
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".csv.tmp")
        os.close(fd)
        try:
            self.table.to_csv(tmp, index=False, encoding="utf-8")
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)

    def code(self, value, *, confidence: int | None = None):
        """Code the current mention (-1/0/1 or a label), save the sheet, move on."""
        if self.position is None:
            raise IndexError(f"{self.path}: every mention is coded already")
        label = _parse_code(str(value))
        if label is pd.NA:
            raise ValueError("a code cannot be blank; use skip() to leave a mention for later")
        conf = "" if confidence is None else str(_parse_confidence(str(confidence)))
        self.table.iloc[self.position, self.table.columns.get_loc(self.column)] = \
            str(CODE_VALUES[label])
        self.table.iloc[self.position, self.table.columns.get_loc(self.confidence_column)] = conf
        note = self.table.iloc[self.position]["note"]
        self.table.iloc[self.position, self.table.columns.get_loc("note")] = \
            note.replace("skipped", "").strip("; ")
        self._save()
        self.position = self._next()

    def skip(self):
        """Leave the current mention for later (noted as "skipped" in the sheet)."""
        if self.position is None:
            raise IndexError(f"{self.path}: every mention is coded already")
        note = self.table.iloc[self.position]["note"]
        if "skipped" not in note:
            self.table.iloc[self.position, self.table.columns.get_loc("note")] = \
                "; ".join(x for x in (note, "skipped") if x)
        self._save()
        open_ = np.flatnonzero(self._open())
        later = open_[open_ > self.position]
        skipped = self.table["note"].str.contains("skipped", regex=False).to_numpy()
        fresh = [i for i in later if not skipped[i]]
        self.position = int(fresh[0]) if fresh else self._next()

    def html(self) -> str:
        """The current mention as HTML, the target highlighted."""
        row = self.current
        if row is None:
            return "<p><b>All mentions are coded.</b> Read them with <code>read_codes</code>.</p>"
        sentence, start, end = _unmark(row["sentence"])
        body = (html.escape(sentence[:start]) + "<mark><b>" + html.escape(sentence[start:end])
                + "</b></mark>" + html.escape(sentence[end:]))
        extra = f" · model: {html.escape(row['label'])}" if self.show_label else ""
        return (f"<p style='font-size:1.15em;line-height:1.5'>{body}</p>"
                f"<p style='color:#555'>target <b>{html.escape(row['target'])}</b> · "
                f"{html.escape(row['source'])} · {html.escape(row['doc_id'])} sentence "
                f"{row['sent_id']}{extra}</p>")

    def widget(self):
        """An ipywidgets panel: the mention, three code buttons, skip, confidence, progress."""
        import ipywidgets as w

        text = w.HTML(self.html())
        done, total = self.progress
        bar = w.IntProgress(value=done, min=0, max=max(total, 1))
        count = w.Label(f"{done} / {total} coded")
        confidence = w.ToggleButtons(options=[("3 clear", 3), ("2 some interpretation", 2),
                                              ("1 borderline", 1)], value=3,
                                     description="confidence")
        buttons = [w.Button(description=f"{name} ({value:+d})".replace("+0", "0"),
                            button_style=style)
                   for (name, value), style in zip(CODE_VALUES.items(),
                                                   ("danger", "", "success"))]
        skip = w.Button(description="skip (later)")

        def refresh():
            text.value = self.html()
            done, _ = self.progress
            bar.value, count.value = done, f"{done} / {total} coded"
            confidence.value = 3
            for b in buttons + [skip]:
                b.disabled = self.position is None

        def on_code(value):
            return lambda _button: (self.code(value, confidence=confidence.value), refresh())

        for b, value in zip(buttons, CODE_VALUES.values()):
            b.on_click(on_code(value))
        skip.on_click(lambda _button: (self.skip(), refresh()))
        refresh()
        return w.VBox([text, w.HBox(buttons + [skip]), confidence, w.HBox([bar, count])])


# --------------------------------------------------------------------------------------------
# Agreement

STATISTICS = (["accuracy"] + [f"{m}_{c}" for c in LABELS for m in ("precision", "recall", "f1")]
              + ["macro_f1", "kappa", "alpha"])
AGREEMENT_COLUMNS = ["comparison", "statistic", "value", "ci_low", "ci_high", "n", "reason"]
CONFUSION_COLUMNS = ["comparison", "reference", "predicted", "count"]


def _confusions(ref: np.ndarray, pred: np.ndarray, draws: np.ndarray | None = None):
    """Confusion matrices (reference rows, predicted columns) of the rows, or of each draw."""
    k = len(LABELS)
    pair = ref * k + pred
    if draws is None:
        return np.bincount(pair, minlength=k * k).reshape(k, k).astype(float)
    flat = pair[draws] + (np.arange(len(draws)) * k * k)[:, None]
    return np.bincount(flat.ravel(), minlength=len(draws) * k * k).reshape(
        len(draws), k, k).astype(float)


def _statistics(cm: np.ndarray) -> dict:
    """Every agreement statistic of confusion matrices ``(..., 3, 3)``; NaN where undefined."""
    with np.errstate(invalid="ignore", divide="ignore"):
        n = cm.sum(axis=(-2, -1))
        diag = np.diagonal(cm, axis1=-2, axis2=-1)
        rows, cols = cm.sum(axis=-1), cm.sum(axis=-2)
        out = {"accuracy": diag.sum(-1) / n}
        precision, recall = diag / cols, diag / rows
        f1 = 2 * diag / (rows + cols)  # 0 for a class coded but never predicted (or vice versa)
        for j, c in enumerate(LABELS):
            out[f"precision_{c}"] = precision[..., j]
            out[f"recall_{c}"] = recall[..., j]
            out[f"f1_{c}"] = f1[..., j]
        present = (rows + cols) > 0
        out["macro_f1"] = np.where(present, f1, 0).sum(-1) / present.sum(-1)
        po = out["accuracy"]
        pe = (rows * cols).sum(-1) / n ** 2
        out["kappa"] = (po - pe) / (1 - pe)
        # Krippendorff's alpha (nominal, two coders, no missing): coincidences o = cm + cm',
        # N = 2n pairable values, alpha = 1 - (N - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
        totals = rows + cols
        big_n = 2 * n
        disagree = 2 * (n - diag.sum(-1))
        expected = big_n ** 2 - (totals ** 2).sum(-1)
        out["alpha"] = 1 - (big_n - 1) * disagree / expected
    return out


def _reasons(cm: np.ndarray) -> dict:
    n = cm.sum()
    rows, cols = cm.sum(axis=1), cm.sum(axis=0)
    out = {}
    if n == 0:
        return {s: "no row coded by both" for s in STATISTICS}
    for j, c in enumerate(LABELS):
        if cols[j] == 0:
            out[f"precision_{c}"] = f"never predicted {c}"
        if rows[j] == 0:
            out[f"recall_{c}"] = f"never coded {c}"
        if rows[j] + cols[j] == 0:
            out[f"f1_{c}"] = f"{c} neither coded nor predicted"
    pe = (rows * cols).sum() / n ** 2
    if pe == 1:
        out["kappa"] = "both sides use one class only: chance agreement is 1"
    if (rows + cols).max() == 2 * n:
        out["alpha"] = "only one class occurs: no variation to agree on"
    return out


def _pairs(codes: pd.DataFrame):
    """``(comparison, reference, predicted)`` columns of the comparisons the table allows."""
    pairs = []
    if "label" in codes.columns and (codes["label"].notna().any() or codes.empty):
        pairs.append(("model vs coder", "code", "label"))
    if "code_2" in codes.columns and codes["code_2"].notna().any():
        pairs.append(("coder 2 vs coder", "code", "code_2"))
    if not pairs:
        raise ValueError("codes hold neither model labels (read the sheet with sample=...) "
                         "nor a second coder's code_2: nothing to compare")
    return pairs


def _groups(codes: pd.DataFrame, by):
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in by if c not in codes.columns]
    if missing:
        raise ValueError(f"codes have no column(s) {missing} to group by")
    if not by:
        return by, [((), codes)]
    return by, [((k,) if not isinstance(k, tuple) else k, g)
                for k, g in codes.groupby(by, sort=True)]


def _checked(codes: pd.DataFrame, exclude_borderline: bool) -> pd.DataFrame:
    if "code" not in codes.columns:
        raise ValueError("codes have no 'code' column (pass the table of read_codes)")
    for column in ("code", "label", "code_2"):
        if column in codes.columns:
            bad = ~codes[column].isna() & ~codes[column].isin(LABELS)
            if bad.any():
                first = codes.loc[bad, column].iloc[0]
                raise ValueError(f"codes: column {column!r} holds {first!r}, not one of "
                                 f"{list(LABELS)}")
    if exclude_borderline:
        if "confidence" not in codes.columns:
            raise ValueError("exclude_borderline needs a 'confidence' column")
        codes = codes[~(codes["confidence"].fillna(0) == 1)]
    return codes


def agreement(codes: pd.DataFrame, *, by=None, exclude_borderline: bool = False,
              n_boot: int = 2000, level: float = 0.95, random_state: int = 0) -> pd.DataFrame:
    """How well the scorer (and a second coder) agrees with the coder, with bootstrap intervals.

    Comparisons: ``"model vs coder"`` (the model's ``label`` against ``code``) and, where a
    second coder coded, ``"coder 2 vs coder"`` (``code_2`` against ``code``), each on the rows
    both sides coded. Statistics: ``accuracy``; ``precision_<class>``, ``recall_<class>``,
    ``f1_<class>`` with ``code`` as the reference; ``macro_f1`` (the mean F1 of the classes
    that occur on either side: a class coded but never predicted counts 0, a class absent from
    both is left out); Cohen's ``kappa``; Krippendorff's ``alpha`` (nominal, two coders).
    Intervals are percentile bootstraps over mentions (``n_boot`` resamples of the rows, seeded):
    they treat mentions as independent, so read them as lower bounds on the uncertainty when a
    few articles supply most of the mentions. A statistic that cannot be computed is NaN with
    its ``reason``.

    Parameters
    ----------
    codes : pandas.DataFrame
        From :func:`read_codes` (with ``sample=`` for model labels): ``code`` and ``label``
        and/or ``code_2`` as negative/neutral/positive, missing when not coded.
    by : str or list of str, optional
        Also split by these columns (e.g. ``"source"`` or ``"target"``): they lead the table.
    exclude_borderline : bool, default False
        Leave out rows the coder marked borderline (``confidence`` 1), as the codebook asks
        to report agreement with and without them.
    n_boot : int, default 2000
        Bootstrap resamples.
    level : float, default 0.95
        Interval coverage.
    random_state : int, default 0
        Seed; groups are visited in sorted order.

    Returns
    -------
    pandas.DataFrame
        Columns ``[by...,] comparison, statistic, value, ci_low, ci_high, n, reason``; ``n``
        counts the rows compared.

    Examples
    --------
    >>> c = pd.DataFrame({"code": ["negative", "negative", "neutral", "positive"],
    ...                   "label": ["negative", "neutral", "neutral", "positive"]})
    >>> t = agreement(c, n_boot=200).set_index("statistic")
    >>> float(t.at["accuracy", "value"]), round(float(t.at["kappa", "value"]), 3)
    (0.75, 0.636)
    """
    codes = _checked(codes, exclude_borderline)
    by, groups = _groups(codes, by)
    rng = np.random.default_rng(random_state)
    tail = (1 - level) / 2
    index = {c: i for i, c in enumerate(LABELS)}
    out = []
    for key, group in groups:
        for name, ref_col, pred_col in _pairs(codes):
            both = group[group[ref_col].notna() & group[pred_col].notna()]
            ref = both[ref_col].map(index).to_numpy(dtype=int)
            pred = both[pred_col].map(index).to_numpy(dtype=int)
            cm = _confusions(ref, pred)
            point, reasons = _statistics(cm), _reasons(cm)
            if len(both) > 1:
                draws = rng.integers(0, len(both), size=(n_boot, len(both)))
                boot = _statistics(_confusions(ref, pred, draws))
            for stat in STATISTICS:
                value = float(point[stat])
                low = high = np.nan
                if np.isfinite(value) and len(both) > 1:
                    sample = boot[stat][np.isfinite(boot[stat])]
                    if len(sample):
                        low, high = np.quantile(sample, [tail, 1 - tail])
                reason = reasons.get(stat, "")
                if not reason and np.isfinite(value) and len(both) < 2:
                    reason = "one row: no interval"
                out.append((*key, name, stat, value, float(low), float(high), len(both),
                            reason))
    return pd.DataFrame(out, columns=by + AGREEMENT_COLUMNS)


def confusion_matrix(codes: pd.DataFrame, *, by=None,
                     exclude_borderline: bool = False) -> pd.DataFrame:
    """Confusion matrix of each comparison of :func:`agreement`, as a long table.

    Parameters
    ----------
    codes : pandas.DataFrame
        From :func:`read_codes`.
    by : str or list of str, optional
        Also split by these columns.
    exclude_borderline : bool, default False
        Leave out rows with ``confidence`` 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``[by...,] comparison, reference, predicted, count``: all nine
        (reference, predicted) pairs of each comparison, zeros included; the reference is the
        coder (``code``), predicted the model's label or the second coder.

    Examples
    --------
    >>> c = pd.DataFrame({"code": ["negative", "negative"], "label": ["neutral", "negative"]})
    >>> t = confusion_matrix(c)
    >>> t[t["count"] > 0][["reference", "predicted", "count"]].values.tolist()
    [['negative', 'negative', 1], ['negative', 'neutral', 1]]
    """
    codes = _checked(codes, exclude_borderline)
    by, groups = _groups(codes, by)
    index = {c: i for i, c in enumerate(LABELS)}
    out = []
    for key, group in groups:
        for name, ref_col, pred_col in _pairs(codes):
            both = group[group[ref_col].notna() & group[pred_col].notna()]
            cm = _confusions(both[ref_col].map(index).to_numpy(dtype=int),
                             both[pred_col].map(index).to_numpy(dtype=int))
            for i, ref in enumerate(LABELS):
                for j, pred in enumerate(LABELS):
                    out.append((*key, name, ref, pred, int(cm[i, j])))
    return pd.DataFrame(out, columns=by + CONFUSION_COLUMNS)


# --------------------------------------------------------------------------------------------
# Corrected estimates (design-based supervised learning)

CORRECTED_COLUMNS = ["source", "target", "n_sentences", "n_docs", "mean", "ci_low", "ci_high",
                     "share_negative", "share_neutral", "share_positive", "raw_mean",
                     "raw_ci_low", "raw_ci_high", "n_coded", "share_negative_ci_low",
                     "share_negative_ci_high", "share_neutral_ci_low", "share_neutral_ci_high",
                     "share_positive_ci_low", "share_positive_ci_high", "reason"]


def _effective_probability(codes: pd.DataFrame) -> pd.Series:
    """Each coded row's probability of having been drawn AND coded.

    A coder who stopped early or skipped rows coded a part of what was drawn; within a cell
    and stratum (rows sharing ``p_sample``) the coded rows are taken as a random part of the
    drawn ones (the sheet is in random order), so the probability is ``p_sample`` times the
    coded fraction."""
    coded = codes["code"].notna()
    group = [codes["source"].astype(str), codes["target"].astype(str),
             codes["p_sample"].round(12)]
    fraction = coded.groupby(group).transform("mean")
    return codes["p_sample"] * fraction


def corrected_by_source(scores: pd.DataFrame, codes: pd.DataFrame, *,
                        label_column: str = "label", sources=None, targets=None,
                        level: float = 0.95, min_units: int | None = None,
                        skew_correction: bool = False) -> pd.DataFrame:
    """Per source and target, the mean portrayal and label shares corrected with hand codes.

    The DSL estimator (Egami, Hinck, Stewart & Wei 2023). Every scored row ``i`` gets a
    pseudo-outcome ``model_i + (R_i / pi_i) * (code_i - model_i)``: ``model_i`` the scorer's
    value (-1/0/1 for its label, or 0/1 for "label is negative" etc. for the shares),
    ``R_i`` 1 when the row was hand-coded, ``pi_i`` its probability of being coded
    (``p_sample`` from the sheet times the fraction of the drawn rows of its cell that were
    coded). Its mean over a cell is unbiased for the mean of the codes over the cell however
    wrong the scorer is, because the coded rows are a known-probability sample; a good scorer
    only makes it more precise. So it works for any scorer: the default method, a trained
    model, or any labels a user puts in ``label_column``.

    Intervals treat the article as the unit (mentions of one article are not independent):
    :func:`analysis.intervals.grouped_ratio_intervals` of the per-article sums of the
    pseudo-outcomes over the per-article numbers of rows; below ``min_units`` articles there
    is no interval and ``reason`` says so. ``raw_mean`` is the scorer's own mean of its label
    values on the same scale, with the same kind of interval, for comparison.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`analysis.sentiment.target_sentiment` (any method): ``doc_id, source,
        sent_id, target`` and ``label_column``.
    codes : pandas.DataFrame
        From :func:`read_codes`: the drawn rows, ``code`` missing where not coded yet.
    label_column : str, default "label"
        Column of ``scores`` with the scorer's negative/neutral/positive labels.
    sources, targets : iterable of str, optional
        Every source and target to report (empty cells get ``n_sentences = 0``).
    level : float, default 0.95
        Interval coverage.
    min_units : int, optional
        Fewest articles for an interval (default :data:`analysis.intervals.MIN_UNITS`).
    skew_correction : bool, default False
        Hall's skewness correction of the corrected intervals (the raw mean's interval keeps
        the policy's default). Off by default: the pseudo-outcomes are a few large
        inverse-probability terms among many model values, and in ``bench/validation.py``
        the corrected 95 % intervals covered the truth in 96.3 / 95.5 / 95.7 % of
        replications at 10 / 30 / 100 coded mentions per cell without it, 90.2 / 93.2 / 95.8 %
        with it.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.sentiment.sentiment_by_source` (``source, target,
        n_sentences, n_docs, mean, ci_low, ci_high, share_negative, share_neutral,
        share_positive``, all corrected, ``mean`` on the -1/0/1 scale of the codes) plus
        ``raw_mean, raw_ci_low, raw_ci_high`` (the scorer's), ``n_coded`` and the share
        intervals ``share_<class>_ci_low/high``, and ``reason`` (why an estimate or interval
        is missing). Sorted by ``source, target``.

    Raises
    ------
    ValueError
        When a coded row is not among the scores (codes of another corpus), its source
        differs, or a label or code is not negative/neutral/positive.

    Examples
    --------
    >>> scores = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "source": ["X"] * 4,
    ...                        "sent_id": [0] * 4, "target": ["EU"] * 4,
    ...                        "label": ["neutral"] * 4})
    >>> codes = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"], "sent_id": [0, 0],
    ...                       "target": ["EU", "EU"], "p_sample": [0.5, 0.5],
    ...                       "code": ["negative", "neutral"]})
    >>> t = corrected_by_source(scores, codes)
    >>> t[["raw_mean", "mean", "share_negative"]].values.tolist(), t["n_coded"].tolist()
    ([[0.0, -0.5, 0.5]], [2])
    """
    from analysis.intervals import MIN_UNITS, grouped_ratio_intervals

    min_units = MIN_UNITS if min_units is None else min_units
    need = ["doc_id", "source", "sent_id", "target", label_column]
    missing = [c for c in need if c not in scores.columns]
    if missing:
        raise ValueError(f"scores lack the column(s) {missing}")
    missing = [c for c in ["doc_id", "source", "sent_id", "target", "p_sample", "code"]
               if c not in codes.columns]
    if missing:
        raise ValueError(f"codes lack the column(s) {missing} (pass the table of read_codes)")
    bad = ~scores[label_column].isin(LABELS)
    if bad.any():
        raise ValueError(f"scores: {label_column!r} holds {scores.loc[bad, label_column].iloc[0]!r}"
                         f", not one of {list(LABELS)}")
    _checked(codes[["code"]], False)
    for name, table in (("scores", scores), ("codes", codes)):
        dup = table.duplicated(_KEY)
        if dup.any():
            raise ValueError(f"{name} hold a repeated (doc_id, sent_id, target), e.g. "
                             f"{table.loc[dup, _KEY].iloc[0].tolist()}")
    frame = scores[["doc_id", "source", "sent_id", "target", label_column]].copy()
    frame["sent_id"] = frame["sent_id"].astype(int)
    frame["_row"] = np.arange(len(frame))
    coded = codes.assign(sent_id=codes["sent_id"].astype(int),
                         _pi=_effective_probability(codes))
    joined = coded.merge(frame[_KEY + ["source", "_row"]], on=_KEY, how="left",
                         suffixes=("", "_scores"), validate="one_to_one")
    lost = joined["_row"].isna()
    if lost.any():
        first = joined.loc[lost, _KEY].iloc[0].tolist()
        raise ValueError(f"{int(lost.sum())} coded row(s) are not among the scores, e.g. "
                         f"{first}: the codes belong to another corpus or alias table")
    moved = joined["source"].astype(str) != joined["source_scores"].astype(str)
    if moved.any():
        first = joined.loc[moved, _KEY].iloc[0].tolist()
        raise ValueError(f"coded row {first} has source {joined.loc[moved, 'source'].iloc[0]!r}"
                         f" in the codes but {joined.loc[moved, 'source_scores'].iloc[0]!r} "
                         "in the scores")
    joined = joined[joined["code"].notna()]
    rows = joined["_row"].to_numpy(dtype=int)
    weight = np.zeros(len(frame))
    weight[rows] = 1 / joined["_pi"].to_numpy(dtype=float)
    code = np.full(len(frame), "", dtype=object)
    code[rows] = joined["code"].to_numpy()
    is_coded = weight > 0
    model = frame[label_column].astype(str).to_numpy()
    value = {"mean": lambda lab: pd.Series(lab).map(CODE_VALUES).to_numpy(dtype=float)}
    for c in LABELS:
        value[f"share_{c}"] = lambda lab, c=c: (lab == c).astype(float)
    for name, f in value.items():
        m = f(model)
        frame[name] = m + np.where(is_coded, weight * (np.where(is_coded, f(code), 0) - m), 0)
    frame["raw_mean"] = value["mean"](model)
    frame["_coded"] = is_coded.astype(int)
    frame["source"] = frame["source"].astype(str)
    frame["target"] = frame["target"].astype(str)
    by = ["source", "target"]
    parts = {}
    for name in list(value) + ["raw_mean"]:
        skew = {} if name == "raw_mean" else {"skew_correction": skew_correction}
        t = grouped_ratio_intervals(frame, by=by, numerator=name, level=level,
                                    min_units=min_units, **skew).set_index(by)
        parts[name] = t
    cells = frame.groupby(by, sort=True).agg(n_sentences=("doc_id", "size"),
                                             n_docs=("doc_id", "nunique"),
                                             n_coded=("_coded", "sum"))
    sources = sorted(set(frame["source"]) | set(map(str, sources or [])))
    targets = sorted(set(frame["target"]) | set(map(str, targets or [])))
    out = []
    for source in sources:
        for target in targets:
            key = (source, target)
            if key not in cells.index:
                out.append((source, target, 0, 0) + (np.nan,) * 9 + (0,) + (np.nan,) * 6
                           + ("no mentions",))
                continue
            n_sentences, n_docs, n_coded = (int(v) for v in cells.loc[key])
            raw = parts["raw_mean"].loc[key]
            reasons = []
            if n_coded == 0:
                est = {name: (np.nan, np.nan, np.nan) for name in value}
                reasons.append("no coded mention: no corrected estimate")
            else:
                est = {name: tuple(float(parts[name].loc[key, c])
                                   for c in ("estimate", "ci_low", "ci_high"))
                       for name in value}
                reasons.append(parts["mean"].loc[key, "reason"])
            if raw["reason"] and raw["reason"] not in reasons:
                reasons.append(raw["reason"])
            out.append((source, target, n_sentences, n_docs, *est["mean"],
                        *(est[f"share_{c}"][0] for c in LABELS),
                        float(raw["estimate"]), float(raw["ci_low"]), float(raw["ci_high"]),
                        n_coded, *(v for c in LABELS for v in est[f"share_{c}"][1:]),
                        "; ".join(r for r in reasons if r)))
    table = pd.DataFrame(out, columns=CORRECTED_COLUMNS)
    return table.astype({"n_sentences": int, "n_docs": int, "n_coded": int})


def held_out_labels(codes: pd.DataFrame, *, group: str = "doc_id", extra=(),
                    in_domain_weight: int = 3, **model_options) -> pd.DataFrame:
    """Labels of a model trained on the hand codes, each row predicted with its group left out.

    For every ``group`` (by default each article), a
    :class:`analysis.sentiment.TargetSentimentModel` is trained on the coded rows of the other
    groups (each repeated ``in_domain_weight`` times, as :func:`analysis.sentiment.train_model`
    does) plus the rows of ``extra`` NewsMTSC-format files, and labels the group's rows. Pass
    the result to :func:`agreement` to see what in-domain codes would buy a trained scorer,
    measured on articles it has not seen.

    Parameters
    ----------
    codes : pandas.DataFrame
        From :func:`read_codes`; only coded rows are used and returned.
    group : str, default "doc_id"
        The unit left out.
    extra : sequence of str or Path, default ()
        NewsMTSC-format JSONL files added to every training set (e.g. NewsMTSC's train).
    in_domain_weight : int, default 3
        Repeats of each coded row in training.
    **model_options
        Passed to :class:`analysis.sentiment.TargetSentimentModel` (``min_df``, ``C``, ...).

    Returns
    -------
    pandas.DataFrame
        The coded rows of ``codes`` with ``label`` replaced by the held-out predictions.

    Raises
    ------
    ValueError
        With fewer than two groups, or a training set with a single class.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": list("aabbcc"), "sentence": ["The EU failed.",
    ...                   "The EU helped."] * 3, "start": [4] * 6, "end": [6] * 6,
    ...                   "code": ["negative", "positive"] * 3, "label": ["neutral"] * 6})
    >>> held_out_labels(c, min_df=1, svm_weight=0)["label"].tolist()
    ['negative', 'positive', 'negative', 'positive', 'negative', 'positive']
    """
    from analysis.sentiment import TargetSentimentModel, read_newsmtsc

    coded = codes[codes["code"].notna()].reset_index(drop=True)
    groups = coded[group].astype(str)
    if groups.nunique() < 2:
        if len(coded):
            raise ValueError(f"held_out_labels needs coded rows in at least two {group} groups")
        warnings.warn("held_out_labels: no row is coded yet, so there is nothing to hold out",
                      UserWarning, stacklevel=2)
        return coded.assign(label=pd.Series(dtype=object))
    base = [read_newsmtsc(p) for p in ([extra] if isinstance(extra, (str, Path)) else extra)]
    labels = np.empty(len(coded), dtype=object)
    columns = ["sentence", "start", "end"]
    for name in sorted(groups.unique()):
        held = (groups == name).to_numpy()
        train = coded.loc[~held, columns + ["code"]].rename(columns={"code": "label"})
        train = train.loc[train.index.repeat(in_domain_weight)]
        train = pd.concat([*base, train], ignore_index=True)
        if train["label"].nunique() < 2:
            raise ValueError(f"leaving out {group} {name!r} leaves one class to train on")
        model = TargetSentimentModel(**model_options).fit(train[columns], train["label"])
        labels[held] = model.predict(coded.loc[held, columns])
    return coded.assign(label=labels)
