"""Dates keep their precision; periods put what cannot be placed in 'undated', counted."""

import warnings

import pandas as pd
import pytest

from analysis.dates import UNDATED, add_period, group_columns, parse_date, parse_dates, period_range


@pytest.mark.parametrize("text, stamp, precision", [
    ("2025-12-23 15:14", "2025-12-23 15:14", "minute"),
    ("2025-12-23T15:14:09+04:00", "2025-12-23 15:14", "minute"),
    ("2025-12-23", "2025-12-23", "day"),
    ("23.12.2025", "2025-12-23", "day"),              # day first, as Russian and Azerbaijani sites
    ("23 December 2025 15:14", "2025-12-23 15:14", "minute"),
    ("Dec. 23, 2025", "2025-12-23", "day"),
    ("September 3rd, 2025", "2025-09-03", "day"),
    ("2025-11", "2025-11-01", "month"),
    ("NOVEMBER 2025", "2025-11-01", "month"),
    ("Sept 2025", "2025-09-01", "month"),
    ("2025", "2025-01-01", "year"),
    (" 2025-12-23 ", "2025-12-23", "day"),
    ("11:30 - Today", None, "unknown"),                # relative: says nothing once saved
    ("yesterday", None, "unknown"),
    ("03/04/2025", None, "unknown"),                   # March or April: not guessed
    ("2025-02-30", None, "unknown"),                   # no such day
    ("2025-13", None, "unknown"),
    ("0999", None, "unknown"),
    ("", None, "unknown"),
    (None, None, "unknown"),
    (float("nan"), None, "unknown"),
])
def test_parse_date(text, stamp, precision):
    got, got_precision = parse_date(text)
    assert got_precision == precision
    assert (pd.isna(got) if stamp is None else got == pd.Timestamp(stamp))


def test_parse_dates_is_typed_and_keeps_order():
    t = parse_dates(["2025", "", "2025-11-02"])
    assert str(t["published"].dtype).startswith("datetime64")
    assert t["date_precision"].tolist() == ["year", "unknown", "day"]
    assert list(t["date_precision"].cat.categories) == ["minute", "day", "month", "year",
                                                        "unknown"]


def test_seeds_dates_keep_what_the_articles_state():
    from analysis.corpus import load_corpus
    t = parse_dates(load_corpus()["date"])
    assert t["date_precision"].tolist() == ["minute", "unknown", "unknown", "month", "unknown"]


@pytest.mark.parametrize("period, expected", [
    ("day", ["2025-12-23", "2025-12-29", UNDATED, UNDATED]),
    ("week", ["2025-12-22", "2025-12-29", UNDATED, UNDATED]),   # labelled by the Monday
    ("month", ["2025-12", "2025-12", "2025-11", UNDATED]),
    ("quarter", ["2025-Q4", "2025-Q4", "2025-Q4", UNDATED]),
    ("year", ["2025", "2025", "2025", UNDATED]),
])
def test_add_period(period, expected):
    corpus = pd.DataFrame({"doc_id": list("abcd"),
                           "date": ["2025-12-23 15:14", "29.12.2025", "2025-11", "Today"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = add_period(corpus, period)
    assert out[period].tolist() == expected
    assert "date" in out and period not in corpus  # a copy, the input untouched
    assert len(caught) == 1 and f"{expected.count(UNDATED)} of 4 rows" in str(caught[0].message)


def test_add_period_from_the_corpus_for_tables_with_doc_ids():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2025-12-23", "2024-01-05"]})
    scores = pd.DataFrame({"doc_id": ["b", "a", "a"], "score": [0.1, 0.2, 0.3]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every row dated: no warning
        out = add_period(scores, "year", dates=corpus, column="period")
    assert out["period"].tolist() == ["2024", "2025", "2025"]
    with pytest.raises(KeyError, match="1 doc_id.*'c'"):
        add_period(pd.DataFrame({"doc_id": ["c"]}), "year", dates=corpus)
    with pytest.raises(KeyError, match="no date column"):
        add_period(scores, "year")
    with pytest.raises(ValueError, match="period must be one of"):
        add_period(corpus, "decade")


@pytest.mark.parametrize("labels, period, expected", [
    (["2025-11", "2026-02"], "month", ["2025-11", "2025-12", "2026-01", "2026-02"]),
    (["2026-02", UNDATED, "2025-12"], "month", ["2025-12", "2026-01", "2026-02", UNDATED]),
    (["2025-Q4", "2026-Q2"], "quarter", ["2025-Q4", "2026-Q1", "2026-Q2"]),
    (["2023", "2025"], "year", ["2023", "2024", "2025"]),
    (["2025-12-29", "2025-12-31"], "day", ["2025-12-29", "2025-12-30", "2025-12-31"]),
    (["2025-12-22", "2026-01-05"], "week", ["2025-12-22", "2025-12-29", "2026-01-05"]),
    ([UNDATED], "month", [UNDATED]),
    ([], "year", []),
])
def test_period_range_fills_the_missing_periods(labels, period, expected):
    assert period_range(labels, period) == expected


@pytest.mark.parametrize("labels, period, match", [
    (["2025-11"], "decade", "period must be one of"),
    (["Outlet A"], "month", "not month labels"),
    (["2025-12-24"], "week", "not week labels"),    # a Wednesday: not a label of add_period
])
def test_period_range_refuses_what_it_cannot_read(labels, period, match):
    with pytest.raises(ValueError, match=match):
        period_range(labels, period)


def test_group_columns_resolves_columns_and_periods():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "Y", "X"],
                           "date": ["2025-12-23", "2026-01-02", "2026"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table, columns = group_columns(corpus, ["source", "month"])
    assert columns == ["source", "month"]
    assert table["month"].tolist() == ["2025-12", "2026-01", UNDATED]
    assert len(caught) == 1 and "1 of 3 rows" in str(caught[0].message)
    assert caught[0].filename == __file__  # points at the call, not at analysis/dates.py
    own = corpus.assign(year=["y1", "y1", "y2"])   # a column of that name wins
    assert group_columns(own, "year")[0]["year"].tolist() == ["y1", "y1", "y2"]
    same, columns = group_columns(corpus, "source")
    assert same is corpus and columns == ["source"]


@pytest.mark.parametrize("by, error, match", [
    ("outlet", KeyError, "no column 'outlet' to group by"),
    ([], ValueError, "by= takes"),
    (["source", "source"], ValueError, "names a column twice"),
    (("source", 3), ValueError, "by= takes"),
])
def test_group_columns_errors(by, error, match):
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "date": ["2025"]})
    with pytest.raises(error, match=match):
        group_columns(corpus, by)


def test_group_columns_period_without_dates_says_what_to_pass():
    with pytest.raises(KeyError, match="pass dates="):
        group_columns(pd.DataFrame({"doc_id": ["a"], "score": [0.1]}), "month")


@pytest.mark.parametrize(("line", "text", "precision"), [
    ("Updated 23 December 2025, 15:14", "2025-12-23 15:14", "minute"),
    ("Published Nov. 2025 by staff", "2025-11", "month"),
    ("2025-02-03 | 10:15", "2025-02-03 10:15", "minute"),
    ("Sept 5 2025", "2025-09-05", "day"),
    ("Monday 12:30", "", "unknown"),          # no year: not a date
    ("2025", "", "unknown"),                   # a year alone is no dateline
    ("2025-02-30", "2025-02-30", "unknown"),   # found as text, refused as a date
])
def test_dateline_date_writes_what_parse_date_reads(line, text, precision):
    from analysis.clean.metadata import parse_date as former_name
    from analysis.dates import dateline_date

    assert dateline_date(line) == text == former_name(line)
    assert parse_date(text)[1] == precision
