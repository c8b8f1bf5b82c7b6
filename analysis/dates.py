"""Publication dates as typed values that keep their precision, and periods for trends.

Scraped dates come at every precision: "2025-12-23 15:14", "23 December 2025", "NOVEMBER
2025", "2025", or "11:30 - Today", which says nothing about the day once the page is saved.
:func:`parse_dates` turns each into a timestamp (its earliest instant: "2025-11" is 1 November
2025) and a precision (``minute``, ``day``, ``month``, ``year`` or ``unknown``), never guessing:
relative dates and ambiguous numeric forms ("03/04/2025": March or April?) are ``unknown``.
:func:`add_period` buckets rows into periods (``"day"``, ``"week"``, ``"month"``,
``"quarter"``, ``"year"``) and puts a row whose date is unknown, or coarser than the period
(a year-only date in a monthly trend), in the ``"undated"`` bucket, counted and warned about
rather than dropped. :func:`group_columns` resolves the ``by=`` of the measures (a column,
a period, or a list of both), so ``term_frequencies(corpus, by=["source", "month"])`` works.

Two readers of dates, on purpose, sharing one table of month names: :func:`dateline_date`
*looks for* a date inside a line of a page ("Updated 23 December 2025, 15:14" gives
``"2025-12-23 15:14"``), as the cleaner does for the ``date`` column of
:func:`analysis.clean.clean_corpus`: a page's dateline is surrounded by other words and any
year-and-month it holds is worth keeping as text. :func:`parse_date` reads a whole date field
(the manifest's ``date``, or what :func:`dateline_date` wrote) into a timestamp and its
precision, and refuses anything it cannot read exactly, since a trend placed on a wrong day is
worse than an undated row. (``analysis.clean.metadata.parse_date`` is :func:`dateline_date`.)
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

__all__ = ["PERIODS", "PRECISIONS", "UNDATED", "add_period", "dateline_date", "group_columns",
           "parse_date", "parse_dates", "period_range"]

#: Precisions from finest to coarsest.
PRECISIONS = ("minute", "day", "month", "year", "unknown")
#: Period names accepted by :func:`add_period`, with the precision each needs at least.
PERIODS = {"day": "day", "week": "day", "month": "month", "quarter": "month", "year": "year"}
#: Label of the bucket of rows that cannot be placed in a period.
UNDATED = "undated"

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[ T,]+(?:at )?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?" \
        r"(?:Z|[+-]\d{2}:?\d{2})?)?"
_FORMS = [  # (regex, precision without a time)
    (rf"(?P<year>\d{{4}})-(?P<mon>\d{{1,2}})-(?P<day>\d{{1,2}}){_TIME}", "day"),
    (rf"(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.(?P<year>\d{{4}}){_TIME}", "day"),
    (rf"(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}}){_TIME}", "day"),
    (rf"{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}}){_TIME}", "day"),
    (r"(?P<year>\d{4})-(?P<mon>\d{1,2})", "month"),
    (rf"{_MONTH},? (?P<year>\d{{4}})", "month"),
    (r"(?P<year>\d{4})", "year"),
]
_COMPILED = [(re.compile(rf"\s*{form}\s*", re.IGNORECASE), precision)
             for form, precision in _FORMS]
# What dateline_date looks for anywhere in a line.
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_WORD = re.compile(r"\b(" + "|".join(m for m in _MONTHS if len(m) == 3) + r")[a-z]*\.?",
                         re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d\d)\b")


def dateline_date(s: str) -> str:
    """The ISO-like date a dateline gives: "2025-12-23 15:14", "2025-11"; "" without a year.

    Looks for an ISO date, else a year and a month name anywhere in the line, with the day
    next to the month name and a clock time when there is a day. Nothing is checked against
    the calendar: :func:`parse_date` does that when the text is read as a date.

    Parameters
    ----------
    s : str
        One line of a page.

    Returns
    -------
    str
        ``"YYYY-MM"``, ``"YYYY-MM-DD"`` or ``"YYYY-MM-DD HH:MM"``; ``""`` when the line has
        no ISO date and no year with a month name.

    Examples
    --------
    >>> dateline_date("Updated 23 December 2025, 15:14"), dateline_date("Monday 12:30")
    ('2025-12-23 15:14', '')
    >>> dateline_date("Published Nov. 2025"), parse_date(dateline_date("Published Nov. 2025"))
    ('2025-11', (Timestamp('2025-11-01 00:00:00'), 'month'))
    """
    m = _ISO_DATE.search(s)
    year = month = day = None
    if m:
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        y = _YEAR.search(s)
        mon = _MONTH_WORD.search(s) if y else None
        if not (y and mon):
            return ""
        year, month = y.group(), _MONTHS[mon.group(1).lower()]
        d = re.search(rf"\b(\d{{1,2}})\s+{re.escape(mon.group())}|{re.escape(mon.group())}\s+"
                      r"(\d{1,2})\b", s)
        day = int(d.group(1) or d.group(2)) if d else None
    out = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    t = _CLOCK.search(s)
    if day and t:
        out += f" {int(t.group(1)):02d}:{t.group(2)}"
    return out


def parse_date(text) -> tuple[pd.Timestamp, str]:
    """Parse one date string into ``(timestamp, precision)``; ``(NaT, "unknown")`` if unsure.

    Examples
    --------
    >>> parse_date("2025-12-23 15:14")
    (Timestamp('2025-12-23 15:14:00'), 'minute')
    >>> parse_date("NOVEMBER 2025")
    (Timestamp('2025-11-01 00:00:00'), 'month')
    >>> parse_date("23 December 2025")
    (Timestamp('2025-12-23 00:00:00'), 'day')
    >>> parse_date("11:30 - Today"), parse_date("03/04/2025"), parse_date("2025-02-30")
    ((NaT, 'unknown'), (NaT, 'unknown'), (NaT, 'unknown'))
    """
    if not isinstance(text, str) or not text.strip():
        return pd.NaT, "unknown"
    for pattern, precision in _COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = parts.get("mon") or (_MONTHS[parts["month"].lower()] if parts.get("month")
                                     else 1)
        day = parts.get("day") or 1
        hour, minute = parts.get("hour"), parts.get("minute")
        try:
            stamp = pd.Timestamp(year=int(parts["year"]), month=int(month), day=int(day),
                                 hour=int(hour or 0), minute=int(minute or 0))
        except ValueError:  # 30 February, month 13, hour 25
            return pd.NaT, "unknown"
        if not 1000 <= stamp.year <= 2999:
            return pd.NaT, "unknown"
        return stamp, "minute" if hour is not None else precision
    return pd.NaT, "unknown"


def parse_dates(values) -> pd.DataFrame:
    """Parse a column of date strings.

    Parameters
    ----------
    values : iterable of str
        E.g. the ``date`` column of :func:`analysis.corpus.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        ``published`` (``datetime64``, NaT where unknown) and ``date_precision`` (one of
        :data:`PRECISIONS`), in the order of ``values``.

    Examples
    --------
    >>> parse_dates(["2025-12-23 15:14", "", "2025-11"])
                published date_precision
    0 2025-12-23 15:14:00         minute
    1                 NaT        unknown
    2 2025-11-01 00:00:00          month
    """
    values = list(values)
    cache: dict = {}
    parsed = [cache.setdefault(v, parse_date(v)) if isinstance(v, str) else parse_date(v)
              for v in values]
    return pd.DataFrame({
        "published": pd.to_datetime(pd.Series([p[0] for p in parsed], dtype="object")),
        "date_precision": pd.Categorical([p[1] for p in parsed], categories=PRECISIONS),
    })


def _label(published: pd.Series, period: str) -> pd.Series:
    if period == "day":
        return published.dt.strftime("%Y-%m-%d")
    if period == "week":  # ISO week, labelled by its Monday
        monday = published - pd.to_timedelta(published.dt.day_of_week, unit="D")
        return monday.dt.strftime("%Y-%m-%d")
    if period == "month":
        return published.dt.strftime("%Y-%m")
    if period == "quarter":
        quarter = published.dt.quarter.astype("Int64").astype(str)
        return published.dt.strftime("%Y") + "-Q" + quarter
    return published.dt.strftime("%Y")


def add_period(table: pd.DataFrame, period: str, *, dates: pd.DataFrame | None = None,
               column: str | None = None) -> pd.DataFrame:
    """A copy of ``table`` with a column naming each row's period (``"undated"`` if unknown).

    Parameters
    ----------
    table : pandas.DataFrame
        A corpus (with ``date``) or any table with ``doc_id`` (scores, mentions) when ``dates``
        is given.
    period : {"day", "week", "month", "quarter", "year"}
        Bucket size. A week is labelled by its Monday, a quarter as ``2025-Q4``.
    dates : pandas.DataFrame, optional
        A table with ``doc_id`` and ``date`` (the corpus) to take the dates from, for tables
        that carry only ``doc_id``.
    column : str, optional
        Name of the new column; defaults to ``period``.

    Returns
    -------
    pandas.DataFrame
        ``table`` with the new column. Labels sort in time order; rows whose date is unknown
        or coarser than the period get ``"undated"``, and a ``UserWarning`` says how many.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                        "date": ["2025-12-23 15:14", "2025", "2025-11"]})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     add_period(corpus, "month")["month"].tolist()
    ['2025-12', 'undated', '2025-11']
    >>> print(caught[0].message)
    1 of 3 rows have no date precise to the month (undated): 1 only to the year
    """
    return _add_period(table, period, dates=dates, column=column, stacklevel=3)


def _add_period(table, period, *, dates, column, stacklevel: int,
                warn: bool = True) -> pd.DataFrame:
    """:func:`add_period`, its warning pointing ``stacklevel`` frames up."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    column = column or period
    if dates is not None:
        missing = [c for c in ("doc_id", "date") if c not in dates.columns]
        if missing or "doc_id" not in table.columns:
            raise KeyError("dates= needs doc_id and date columns, and the table a doc_id column")
        lookup = dict(zip(dates["doc_id"].astype(str), dates["date"]))
        unknown = sorted(set(table["doc_id"].astype(str)) - set(lookup))
        if unknown:
            raise KeyError(f"{len(unknown)} doc_id(s) of the table are not in dates=, e.g. "
                           f"{unknown[0]!r}")
        raw = table["doc_id"].astype(str).map(lookup)
    elif "date" in table.columns:
        raw = table["date"]
    else:
        raise KeyError("table has no date column: pass dates=<the corpus>")
    parsed = parse_dates(raw.tolist())
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    needed = rank[PERIODS[period]]
    precise = parsed["date_precision"].map(rank).astype(int).to_numpy() <= needed
    labels = np.where(precise, _label(parsed["published"], period).fillna(UNDATED), UNDATED)
    out = table.copy()
    out[column] = labels
    n_out = int((~precise).sum())
    if n_out and warn:
        coarse = parsed["date_precision"][~precise].astype(str).value_counts()
        parts = [f"{int(coarse[p])} only to the {p}" for p in PRECISIONS[1:-1]
                 if coarse.get(p, 0)]
        if coarse.get("unknown", 0):
            parts.append(f"{int(coarse['unknown'])} without a date")
        warnings.warn(f"{n_out} of {len(out)} rows have no date precise to the {period} "
                      f"({UNDATED}): {', '.join(parts)}", UserWarning, stacklevel=stacklevel)
    return out


def group_columns(table: pd.DataFrame, by, *, dates: pd.DataFrame | None = None,
                  stacklevel: int = 1, warn: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """Resolve a measure's ``by=``: the grouping columns, adding a column for each period.

    Parameters
    ----------
    table : pandas.DataFrame
        A corpus, or a table with ``doc_id`` (scores, a matrix's ``docs``) when ``dates`` is
        given.
    by : str or list of str
        Column names and periods (:data:`PERIODS`: ``"month"``, ``"year"``, ...). A name that
        is a column of ``table`` is that column, even if it is also a period name (a ``year``
        column of your own wins); a period is computed with :func:`add_period`, its rows
        without a date precise enough in the ``"undated"`` group, with a warning.
    dates : pandas.DataFrame, optional
        The corpus (``doc_id, date``), for a ``table`` without a ``date`` column.
    stacklevel : int, default 1
        Which frame the undated warning points at: 1 the caller, 2 the caller's caller.
    warn : bool, default True
        ``False`` leaves the undated warning to the caller (a Dask partition is one part of
        the corpus: :mod:`analysis.distributed` warns once for the whole).

    Returns
    -------
    (pandas.DataFrame, list of str)
        ``table`` (a copy when a period column was added) and the grouping columns, in the
        order given.

    Raises
    ------
    KeyError
        A name that is neither a column nor a period.
    ValueError
        An empty ``by`` or a name given twice.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                        "date": ["2025-12-23", "2026-01-02"]})
    >>> table, columns = group_columns(corpus, ["source", "year"])
    >>> columns, table["year"].tolist()
    (['source', 'year'], ['2025', '2026'])
    """
    names = [by] if isinstance(by, str) else list(by)
    if not names or not all(isinstance(n, str) for n in names):
        raise ValueError(f"by= takes a column or period name or a list of them, got {by!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"by= names a column twice: {names}")
    for name in names:
        if name in table.columns:
            continue
        if name not in PERIODS:
            raise KeyError(f"no column {name!r} to group by; by= takes a column of the table "
                           f"or a period ({', '.join(PERIODS)})")
        table = _add_period(table, name, dates=dates, column=name, stacklevel=stacklevel + 2,
                            warn=warn)
    return table, names


def _period_index(labels: list[str], period: str) -> pd.PeriodIndex:
    freq = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}[period]
    text = [str(x).replace("-Q", "Q") for x in labels]
    try:
        return pd.PeriodIndex([pd.Period(t, freq=freq) for t in text])
    except (ValueError, TypeError) as error:
        raise ValueError(f"labels are not {period} labels of add_period: {labels[:3]}") \
            from error


def period_range(labels, period: str) -> list[str]:
    """Every period from the earliest to the latest of ``labels``, ``"undated"`` last.

    A trend table needs the periods without data too, so that a plot shows a gap there rather
    than a line joining its neighbours.

    Parameters
    ----------
    labels : iterable of str
        Period labels as :func:`add_period` writes them (``"2025-11"``, ``"2025-Q4"``,
        ``"undated"``).
    period : {"day", "week", "month", "quarter", "year"}
        The period the labels name.

    Returns
    -------
    list of str
        The labels in time order, the missing ones filled in; ``"undated"`` at the end when
        it is among ``labels``.

    Examples
    --------
    >>> period_range(["2025-11", "2026-02", "undated", "2025-11"], "month")
    ['2025-11', '2025-12', '2026-01', '2026-02', 'undated']
    >>> period_range(["2025-Q4", "2025-Q2"], "quarter")
    ['2025-Q2', '2025-Q3', '2025-Q4']
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    labels = {str(x) for x in labels}
    dated = sorted(labels - {UNDATED})
    out: list[str] = []
    if dated:
        found = _period_index(dated, period)
        span = pd.period_range(found.min(), found.max(), freq=found.freq)
        if period == "week":  # labelled by the Monday, as _label does
            out = [p.start_time.strftime("%Y-%m-%d") for p in span]
        else:
            out = _label(pd.Series(span.start_time), period).tolist()
        if not set(dated) <= set(out):
            raise ValueError(f"labels are not {period} labels of add_period: {dated[:3]}")
    return out + ([UNDATED] if UNDATED in labels else [])
