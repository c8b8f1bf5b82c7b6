"""The suite's one error family.

Every stage raises these for bad input, so a caller can catch the family or the kind:

- :class:`AnalysisError`: the base of the family (a ``ValueError``).
- :class:`CorpusError`: malformed corpus input; the message names the file and the problem.
- :class:`ColumnsError`: a table lacks columns a stage needs. It is both a ``KeyError`` and a
  ``ValueError`` (as scikit-learn's ``InvalidParameterError`` is both a ``ValueError`` and a
  ``TypeError``), so code written against either keeps working.
- :class:`CorpusColumnsError`: a corpus file lacks required columns; both a
  :class:`CorpusError` and a :class:`ColumnsError`.

:func:`check_columns` is the one column checker every stage uses.
"""

from __future__ import annotations

__all__ = ["AnalysisError", "ColumnsError", "CorpusColumnsError", "CorpusError", "check_columns"]


class AnalysisError(ValueError):
    """Base of the suite's errors for bad input."""


class CorpusError(AnalysisError):
    """Raised when corpus input is malformed; the message names the file and the problem."""


class ColumnsError(AnalysisError, KeyError):
    """A table lacks columns a stage needs: both a ``KeyError`` and a ``ValueError``."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class CorpusColumnsError(CorpusError, ColumnsError):
    """A corpus file lacks required columns: a :class:`CorpusError` and a :class:`ColumnsError`."""


def check_columns(table, columns, *, what: str = "corpus", hint: str = "", found: bool = False,
                  error: type[ColumnsError] = ColumnsError) -> None:
    """Raise :class:`ColumnsError` naming every column of ``columns`` that ``table`` lacks.

    Parameters
    ----------
    table : pandas.DataFrame (or anything with ``.columns``)
        The table a stage was given.
    columns : iterable of str
        The columns it needs (duplicates and ``None`` ignored).
    what : str, default "corpus"
        What the table is, for the message ("corpus", "scores table", ...).
    hint : str, optional
        How to get such a table, appended to the message.
    found : bool, default False
        Also name the columns ``table`` has (for a table read from a file).
    error : type, default ColumnsError
        The class raised: :class:`ColumnsError` or a subclass (``load_corpus`` raises
        :class:`CorpusColumnsError`).

    Raises
    ------
    ColumnsError
        (``error``) Naming ``what`` and every missing column (in the order of ``columns``).
    TypeError
        When ``table`` is not a table (has no ``columns``).

    Examples
    --------
    >>> import pandas as pd
    >>> check_columns(pd.DataFrame({"doc_id": [], "text": []}), ["doc_id", "text"])
    >>> try:
    ...     check_columns(pd.DataFrame({"doc_id": []}), ["doc_id", "source", "text"],
    ...                   hint="load it with load_corpus")
    ... except KeyError as err:
    ...     print(err, isinstance(err, ValueError))
    corpus is missing column(s) source, text (load it with load_corpus) True
    >>> check_columns(pd.DataFrame({"id": []}), ["doc_id"], what="a.csv", found=True)
    Traceback (most recent call last):
    ...
    analysis.errors.ColumnsError: a.csv is missing column(s) doc_id (found: id)
    """
    if not hasattr(table, "columns"):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(table).__name__}")
    have = set(table.columns)
    missing = [c for c in dict.fromkeys(columns) if c is not None and c not in have]
    if missing:
        notes = [hint] if hint else []
        if found:
            notes.append(f"found: {', '.join(map(str, table.columns)) or 'none'}")
        raise error(f"{what} is missing column(s) {', '.join(map(str, missing))}"
                    + (f" ({'; '.join(notes)})" if notes else ""))
