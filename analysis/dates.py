"""Publication dates as typed values that keep their precision, and periods for trends.

Scraped dates come at every precision: "2025-12-23 15:14", "23 December 2025", "NOVEMBER
2025", "2025", or "11:30 - Today", which says nothing about the day once the page is saved.
:func:`parse_dates` turns each into a timestamp (its earliest instant: "2025-11" is 1 November
2025) and a precision (``minute``, ``day``, ``month``, ``year`` or ``unknown``), never guessing:
relative dates and ambiguous numeric forms ("03/04/2025": March or April?) are ``unknown``.
:func:`add_period` buckets rows into periods (``"day"``, ``"week"``, ``"month"``,
``"quarter"``, ``"year"``) and puts a row whose date is unknown, or coarser than the period
(a year-only date in a monthly trend), in the ``"undated"`` bucket, counted and warned about
rather than dropped.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

__all__ = ["PERIODS", "PRECISIONS", "UNDATED", "add_period", "parse_date", "parse_dates"]

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
    if n_out:
        coarse = parsed["date_precision"][~precise].astype(str).value_counts()
        parts = [f"{int(coarse[p])} only to the {p}" for p in PRECISIONS[1:-1]
                 if coarse.get(p, 0)]
        if coarse.get("unknown", 0):
            parts.append(f"{int(coarse['unknown'])} without a date")
        warnings.warn(f"{n_out} of {len(out)} rows have no date precise to the {period} "
                      f"({UNDATED}): {', '.join(parts)}", UserWarning, stacklevel=2)
    return out
