"""The options every corpus-long stage shares, declared once: processes, pool size, progress.

Each stage that maps over articles (:func:`analysis.freq.term_frequencies`,
:func:`analysis.sentiment.target_sentiment`, :func:`analysis.clean.clean_corpus`, ...) takes
``n_jobs``, ``min_docs_parallel`` and ``progress``. Their meaning, defaults and checks live
here: a stage's ``None`` means "the current option", which is the default below unless
:func:`set_options` or the :func:`options` context changed it, as scikit-learn's
``config_context`` does for its global settings.

n_jobs : int or None, default None
    Worker processes; ``None`` or ``-1`` uses every core (``os.cpu_count()``), ``1`` never
    starts a pool. Results are identical for any value.
min_docs_parallel : int, default 2000
    Corpora with fewer articles run in this process (a pool costs a second or so to start);
    0 always uses a pool.
progress : bool or None, default None
    Progress bar: ``None`` shows one for corpora of ``min_docs_parallel`` articles or more on a
    terminal or in a notebook; ``True`` / ``False`` force it on / off.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

__all__ = ["Options", "get_options", "options", "resolve_options", "set_options"]


@dataclass(frozen=True)
class Options:
    """The shared options of corpus-long stages (see the module for their meaning).

    Examples
    --------
    >>> Options().min_docs_parallel
    2000
    >>> Options(n_jobs=2).n_jobs
    2
    """

    n_jobs: int | None = None
    min_docs_parallel: int = 2000
    progress: bool | None = None

    def __post_init__(self):
        _check(self)


def _check(o: Options) -> None:
    n_jobs, min_docs, progress = o.n_jobs, o.min_docs_parallel, o.progress
    if n_jobs is not None and (isinstance(n_jobs, bool) or not isinstance(n_jobs, int)
                               or (n_jobs < 1 and n_jobs != -1)):
        raise ValueError(f"n_jobs must be a whole number >= 1, -1 (every core) or None, "
                         f"got {n_jobs!r}")
    if isinstance(min_docs, bool) or not isinstance(min_docs, int) or min_docs < 0:
        raise ValueError(f"min_docs_parallel must be a whole number >= 0 (0: always a pool), "
                         f"got {min_docs!r}")
    if progress is not None and not isinstance(progress, bool):
        raise ValueError(f"progress must be True, False or None, got {progress!r}")


# A context variable rather than a module global: threads and asyncio tasks each see the
# options set in their own context, and a ``with options(...)`` block cannot leak. The
# default is safe to share: Options is frozen.
_CURRENT: contextvars.ContextVar[Options] = contextvars.ContextVar(
    "analysis_options", default=Options())  # noqa: B039


def get_options() -> Options:
    """The current options.

    Examples
    --------
    >>> get_options() == Options()
    True
    """
    return _CURRENT.get()


def _names(changes: dict) -> None:
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise TypeError(f"unknown option(s) {unknown}; the options are {sorted(known)}")


def set_options(**changes) -> Options:
    """Change the current options for the rest of the session (or thread); return the new ones.

    Parameters
    ----------
    **changes
        ``n_jobs``, ``min_docs_parallel`` and/or ``progress`` (see :mod:`analysis.options`).

    Examples
    --------
    >>> old = get_options()
    >>> set_options(progress=False).progress
    False
    >>> _ = set_options(progress=old.progress)
    """
    _names(changes)
    new = replace(get_options(), **changes)
    _CURRENT.set(new)
    return new


@contextmanager
def options(**changes):
    """Change the options inside a ``with`` block only.

    Examples
    --------
    >>> with options(n_jobs=1, progress=False):
    ...     get_options().n_jobs
    1
    >>> get_options().n_jobs is None
    True
    """
    _names(changes)
    token = _CURRENT.set(replace(get_options(), **changes))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def resolve_options(n_jobs=None, min_docs_parallel=None, progress=None) -> Options:
    """A stage's options: each ``None`` argument takes the current option's value.

    Every stage calls this once with its own arguments, so the checks are the same everywhere
    and an invalid value fails before any work starts.

    Examples
    --------
    >>> resolve_options(n_jobs=2)
    Options(n_jobs=2, min_docs_parallel=2000, progress=None)
    >>> with options(min_docs_parallel=10):
    ...     resolve_options().min_docs_parallel
    10
    """
    current = get_options()
    return Options(n_jobs=current.n_jobs if n_jobs is None else n_jobs,
                   min_docs_parallel=(current.min_docs_parallel if min_docs_parallel is None
                                      else min_docs_parallel),
                   progress=current.progress if progress is None else progress)
