"""The labeller: code a sheet one mention at a time inside JupyterLab."""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.validation.sheets import (
    CODE_VALUES,
    parse_code,
    parse_confidence,
    read_codes,
    read_sheet,
    unmark_mention,
)

__all__ = ["Labeller"]

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
    >>> from analysis.validation import write_coding_sheet
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
        self.table = read_sheet(self.path)
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
        label = parse_code(str(value))
        if label is pd.NA:
            raise ValueError("a code cannot be blank; use skip() to leave a mention for later")
        conf = "" if confidence is None else str(parse_confidence(str(confidence)))
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
        sentence, start, end = unmark_mention(row["sentence"])
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
