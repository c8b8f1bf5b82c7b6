"""Tables to read in a notebook: whole sentences, wrapped, with the target's mention marked.

pandas shows a table's text cut at 50 characters ("The recently adopted US National Security
Stra..."), which hides exactly what an evidence table is for. :func:`sentence_table` wraps a
table of sentences (from :func:`analysis.sentiment.evidence`, :func:`analysis.sentiment.
target_sentiment`, a coding sample, ...) so that JupyterLab shows every sentence whole, wrapped
in its column, with the mention of the row's target highlighted; its plain-text form (and
:attr:`SentenceTable.data`) marks the mention with ``**``.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.errors import check_columns
from analysis.targets import find_mentions

__all__ = ["SentenceTable", "mark_mentions", "sentence_table"]


def _spans(sentence: str, target: str, *, aliases=None) -> list[tuple[int, int]]:
    """Character spans of ``target``'s mentions in ``sentence`` (the alias rules of
    :func:`analysis.targets.find_mentions`, venues included: a reader wants to see them)."""
    return [(m["start"], m["end"]) for m in find_mentions(sentence, aliases=aliases)
            if m["target"] == target]


def _marked(sentence: str, spans, before: str, after: str, escape) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:  # overlapping spans: the first one is marked
            continue
        out += [escape(sentence[last:start]), before, escape(sentence[start:end]), after]
        last = end
    out.append(escape(sentence[last:]))
    return "".join(out)


def mark_mentions(sentence: str, target: str, *, aliases=None, spans=None,
                  before: str = "**", after: str = "**") -> str:
    """``sentence`` with each mention of ``target`` wrapped in ``before`` and ``after``.

    Parameters
    ----------
    sentence : str
        One sentence.
    target : str
        Target name of the alias table ("EU", "US", ...).
    aliases : pandas.DataFrame, optional
        From :func:`analysis.targets.alias_table`; the default table when omitted.
    spans : list of (int, int), optional
        Character offsets (end exclusive) to mark instead of searching the aliases, e.g. the
        ``start``/``end`` of the scored mention in :func:`analysis.sentiment.target_sentiment`.
    before, after : str, default "**"
        Marks put around each mention.

    Returns
    -------
    str
        The sentence, whole, with its mentions marked (unchanged when there is none).

    Examples
    --------
    >>> mark_mentions("Europe is behind the U.S. and the EU knows it.", "EU")
    '**Europe** is behind the U.S. and the **EU** knows it.'
    >>> mark_mentions("Talks on the U.S. plan.", "US", before="[", after="]")
    'Talks on the [U.S.] plan.'
    """
    if spans is None:
        spans = _spans(sentence, target, aliases=aliases)
    return _marked(sentence, spans, before, after, escape=str)


class SentenceTable:
    """A table whose sentences show whole and wrapped in a notebook, mentions highlighted.

    Jupyter renders :meth:`_repr_html_` (text left-aligned and wrapped, the mention in
    ``<mark>``); ``repr`` and :attr:`data` give the same table in plain text with the mention
    between ``**``. Build it with :func:`sentence_table`.

    Attributes
    ----------
    data : pandas.DataFrame
        The table shown, its text column with the mentions marked by ``**``.
    """

    def __init__(self, data: pd.DataFrame, html_text: list[str], *, text: str,
                 width_em: int = 48):
        self.data = data
        self._html_text = html_text
        self._text = text
        self._width_em = width_em

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", None,
                               "display.max_rows", None):
            return repr(self.data)

    def _repr_html_(self) -> str:
        cell = "text-align:left;vertical-align:top;white-space:normal;padding:0.3em 0.6em"
        wide = f"{cell};min-width:24em;max-width:{self._width_em}em"
        columns = list(self.data.columns)
        head = "".join(f'<th style="{cell}">{html.escape(str(c))}</th>' for c in columns)
        rows = []
        for i, record in enumerate(self.data.to_dict("records")):
            cells = []
            for column, value in record.items():
                if column == self._text:
                    cells.append(f'<td style="{wide}">{self._html_text[i]}</td>')
                else:
                    shown = "" if value is None or (isinstance(value, float) and value != value) \
                        else (f"{value:.3f}" if isinstance(value, float) else str(value))
                    cells.append(f'<td style="{cell}">{html.escape(shown)}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (f'<table class="dataframe sentence-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")


def sentence_table(table: pd.DataFrame, *, text: str = "sentence", target: str = "target",
                   columns=None, aliases=None, width_em: int = 48) -> SentenceTable:
    """Show a table of sentences whole, wrapped, with each row's target mention marked.

    Where the table has ``start`` and ``end`` (the scored mention of
    :func:`analysis.sentiment.target_sentiment`), exactly that mention is marked; otherwise
    every mention of the row's target that the alias rules find (as for
    :func:`analysis.sentiment.evidence` tables).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per sentence, with a text column and a target column.
    text : str, default "sentence"
        The column holding the sentence.
    target : str, default "target"
        The column holding the row's target.
    columns : list of str, optional
        Columns to show, in order; every column but ``start``/``end`` when omitted.
    aliases : pandas.DataFrame, optional
        From :func:`analysis.targets.alias_table`; the default table when omitted.
    width_em : int, default 48
        Widest the sentence column grows before it wraps (in em, about characters).

    Returns
    -------
    SentenceTable
        Renders as a wrapped HTML table in Jupyter; ``.data`` is the shown table with the
        mentions marked by ``**``.

    Raises
    ------
    KeyError
        When ``text``, ``target`` or one of ``columns`` is not a column of ``table``.

    Examples
    --------
    >>> ev = pd.DataFrame({"source": ["X"], "target": ["EU"], "score": [-0.4],
    ...                    "sentence": ["The EU <again> failed & Europe stalled."]})
    >>> shown = sentence_table(ev)
    >>> shown.data["sentence"].tolist()
    ['The **EU** <again> failed & **Europe** stalled.']
    >>> "The <mark><b>EU</b></mark> &lt;again&gt; failed &amp;" in shown._repr_html_()
    True
    """
    check_columns(table, [text, target, *(columns or [])], what="sentence_table: the table",
                  found=True)
    if columns is None:
        columns = [c for c in table.columns if c not in ("start", "end")]
    has_spans = {"start", "end"} <= set(table.columns)
    plain, marked_html = [], []
    for record in table.to_dict("records"):
        sentence, name = str(record[text]), str(record[target])
        spans = None
        if has_spans and pd.notna(record["start"]) and pd.notna(record["end"]):
            spans = [(int(record["start"]), int(record["end"]))]
        if spans is None:
            spans = _spans(sentence, name, aliases=aliases)
        plain.append(_marked(sentence, spans, "**", "**", escape=str))
        marked_html.append(_marked(sentence, spans, "<mark><b>", "</b></mark>",
                                   escape=html.escape))
    data = table[columns].reset_index(drop=True).copy()
    if text in data.columns:
        data[text] = plain
    return SentenceTable(data, marked_html, text=text, width_em=width_em)
