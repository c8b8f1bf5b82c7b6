"""Helpers every part of :mod:`analysis.distributed` shares: importing Dask, checking the
input, running a pandas stage in one process, combining partial results in a tree."""

from __future__ import annotations

import inspect
from functools import partial

import pandas as pd

from analysis.errors import check_columns

__all__ = ["STR", "check_frame", "dask_modules", "one_process", "tree_combine", "typed"]

STR = pd.Series(["x"]).dtype  # the dtype pandas gives a column of Python strings


def dask_modules():
    """``(dask, dask.dataframe)``, or an ``ImportError`` saying how to install them.

    Examples
    --------
    >>> dask, dd = dask_modules()
    >>> dd.__name__
    'dask.dataframe'
    """
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - the extra is in .[dev]
        raise ImportError("analysis.distributed needs Dask: pip install 'analysis[dask]'"
                          " (or pip install 'dask[dataframe,distributed]')") from None
    return dask, dd


def one_process(func):
    """``func`` with ``n_jobs=1, progress=False`` where it takes them.

    A Dask worker is already one of many, so a stage must not start its own process pool or
    draw a bar in it.

    Parameters
    ----------
    func : callable
        A pandas stage.

    Returns
    -------
    callable
        ``functools.partial(func, n_jobs=1, progress=False)`` (the options it has), or
        ``func`` itself when it takes neither.

    Examples
    --------
    >>> from analysis.tokens import sentences
    >>> one_process(sentences).keywords
    {'n_jobs': 1, 'progress': False}
    """
    params = inspect.signature(func).parameters
    fixed = {k: v for k, v in (("n_jobs", 1), ("progress", False)) if k in params}
    return partial(func, **fixed) if fixed else func


def check_frame(ddf, columns) -> None:
    """Raise unless ``ddf`` is a Dask DataFrame with ``columns``.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The input of a function of :mod:`analysis.distributed`.
    columns : list of str
        The columns it needs.

    Raises
    ------
    TypeError
        ``ddf`` is not a Dask DataFrame (a pandas one: use the pandas function).
    analysis.errors.ColumnsError
        A column is missing.

    Examples
    --------
    >>> check_frame(pd.DataFrame({"text": ["x"]}), ["text"])
    Traceback (most recent call last):
    ...
    TypeError: expected a dask DataFrame, got DataFrame; use the pandas functions ...DataFrame
    """
    _, dd = dask_modules()
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, got {type(ddf).__name__}; use the pandas"
                        " functions of the same name for a pandas DataFrame")
    check_columns(ddf, columns, what="the dask DataFrame")


def tree_combine(parts: list, combine, *, fan_in: int = 8):
    """Combine delayed partial results ``fan_in`` at a time, so no task holds them all.

    Parameters
    ----------
    parts : list of dask.delayed.Delayed
        Partial results (an empty list gives ``combine([])``).
    combine : callable
        Takes a list of partial results (or of combined ones) and returns one.
    fan_in : int, default 8
        Results combined by one task.

    Returns
    -------
    dask.delayed.Delayed
        The whole, not yet computed.

    Examples
    --------
    >>> dask, _ = dask_modules()
    >>> parts = [dask.delayed(n) for n in range(20)]
    >>> tree_combine(parts, sum, fan_in=3).compute()
    190
    """
    dask, _ = dask_modules()
    while True:
        parts = [dask.delayed(combine)(parts[i:i + fan_in])
                 for i in range(0, max(len(parts), 1), fan_in)]
        if len(parts) == 1:
            return parts[0]


def typed(func, dtypes: dict):
    """``func`` whose table is cast to ``dtypes`` (an empty partition gives object columns).

    Parameters
    ----------
    func : callable
        Takes a partition and returns a table.
    dtypes : dict
        Column -> dtype; columns the table lacks are skipped.

    Returns
    -------
    callable

    Examples
    --------
    >>> empty = typed(lambda part: pd.DataFrame({"n": []}), {"n": "int64"})
    >>> str(empty(None)["n"].dtype)
    'int64'
    """
    def run(part, *args, **options):
        out = func(part, *args, **options)
        return out.astype({c: d for c, d in dtypes.items() if c in out.columns})
    return run
