"""Map a per-document function over a corpus: one process for small corpora, a pool for large.

Per-document stages (tokenizing, counting, splitting sentences) are independent across
articles, so a large corpus is cut into contiguous chunks that joblib's process pool runs on
every core; the chunks' results are concatenated in corpus order, which makes the output
identical to a single process. Below ``min_docs`` articles the pool's start-up (a second or so
to import the package in each worker) costs more than it saves, so the map runs in-process.

A progress bar (tqdm: articles done and articles per second) is shown only for long work on an
interactive terminal or in a notebook; logs and CI output stay clean.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from functools import partial

from analysis.docs import fill_doc
from analysis.options import resolve_options

__all__ = ["document_parallel_options", "map_chunks", "map_documents", "show_progress",
           "worker_cache"]

# joblib's loky pool replaces a worker whose memory grew by 300 MB over its tasks (its leak
# guard; Python keeps freed memory) and warns when jobs are waiting meanwhile. No work is lost
# and results are unchanged, so the warning would only alarm a notebook reader.
warnings.filterwarnings("ignore", message="A worker stopped while some jobs were given",
                        category=UserWarning)


def show_progress(n_docs: int, *, min_docs: int = 2000, progress: bool | None = None) -> bool:
    """Tell whether a corpus-long loop over ``n_docs`` articles should draw a progress bar.

    Parameters
    ----------
    n_docs : int
        Articles the loop will process.
    min_docs : int, default 2000
        Smaller corpora finish in a few seconds and get no bar.
    progress : bool, optional
        Force the bar on (``True``) or off (``False``); ``None`` decides: on when the corpus
        is large and stderr is a terminal or the code runs in a Jupyter kernel.

    Examples
    --------
    >>> show_progress(10)
    False
    >>> show_progress(10, progress=True)
    True
    """
    if progress is not None:
        return bool(progress)
    if n_docs < min_docs:
        return False
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if type(shell).__name__ == "ZMQInteractiveShell":  # a Jupyter notebook or console
        return True
    return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()


def _rows(chunk) -> list:
    """The items of a chunk: a list as is; a pandas Series as its values; a DataFrame as one
    tuple per row (its single value when it has one column)."""
    if hasattr(chunk, "itertuples"):
        if chunk.shape[1] == 1:
            return chunk.iloc[:, 0].tolist()
        return list(chunk.itertuples(index=False, name=None))
    if hasattr(chunk, "tolist"):
        return chunk.tolist()
    return chunk


def _slice(items, start: int, stop: int):
    return items.iloc[start:stop] if hasattr(items, "iloc") else items[start:stop]


def _apply_chunk(func: Callable, chunk):
    # A pandas chunk becomes Python objects here, in the worker: the parent never holds
    # every article's text as Python strings at once.
    return func(_rows(chunk))


_WORKER_CACHES: list = []


def worker_cache(cache):
    """Register a module-level cache that pool workers empty after every chunk; return it.

    A worker lives for many chunks and stages (joblib reuses its pool), so per-token caches
    (each bounded at hundreds of thousands of entries) would otherwise add up across stages in
    every worker: at 50,000 articles they took the benchmark's peak memory past 4 GB in one
    run. A chunk is large enough that its caches pay for themselves within it. The calling
    process keeps its caches.

    Parameters
    ----------
    cache : dict or callable
        A dict, or a function wrapped by :func:`functools.lru_cache`.

    Examples
    --------
    >>> memo = {}
    >>> worker_cache(memo) is memo
    True
    """
    _WORKER_CACHES.append(cache)
    return cache


def _clear_worker_caches() -> None:
    for cache in _WORKER_CACHES:
        (cache.cache_clear if hasattr(cache, "cache_clear") else cache.clear)()


def _apply_chunk_in_worker(func: Callable, chunk):
    result = _apply_chunk(func, chunk)
    _clear_worker_caches()
    release_memory()  # a pool worker lives for many chunks (and stages): keep it small
    return result


def map_documents(func: Callable, items: Sequence, *, n_jobs: int | None = None,
                  min_docs: int | None = None, chunks_per_job: int = 8,
                  progress: bool | None = None, desc: str = "articles") -> list:
    """Return ``[func(item) for item in items]``, in order, on several cores when worth it.

    Parameters
    ----------
    func : callable
        Applied to each item. It must be picklable (a module-level function, or a
        ``functools.partial`` of one) when a pool is used, and must not depend on state
        mutated by earlier calls: each worker sees only its chunks.
    items : sequence, pandas.Series or pandas.DataFrame
        One item per article (a text, or a tuple of columns). A Series gives its values, a
        DataFrame one tuple per row (the value itself with one column); chunks of them are
        turned into Python objects only where they are processed, so a large corpus is never
        held as Python strings all at once.
    n_jobs : int, optional
        Worker processes; ``-1`` uses every core (``os.cpu_count()``), ``1`` never starts a
        pool; ``None`` takes the current option (:mod:`analysis.options`; every core unless
        changed).
    min_docs : int, optional
        Fewer items run in this process; ``None`` takes the current ``min_docs_parallel``
        (2000 unless changed).
    chunks_per_job : int, default 8
        Chunks per worker: more chunks balance load and move the progress bar more often,
        fewer chunks pickle less.
    progress : bool, optional
        See :func:`show_progress`; ``None`` takes the current option.
    desc : str, default "articles"
        Label of the progress bar.

    Returns
    -------
    list
        ``func(item)`` for every item, in the order of ``items``; equal to the one-process
        result for any ``n_jobs``.

    Examples
    --------
    >>> map_documents(len, ["one", "three"])
    [3, 5]
    """
    if not hasattr(items, "iloc"):
        items = list(items)
    # In this process, a hundred chunks move the progress bar in steps of 1 %.
    chunks = map_chunks(partial(_map_rows, func), items, n_jobs=n_jobs, min_docs=min_docs,
                        chunks_per_job=chunks_per_job, chunk_size=max(len(items) // 100, 1),
                        progress=progress, desc=desc)
    return [result for chunk in chunks for result in chunk]


def _map_rows(func: Callable, rows: list) -> list:
    return [func(item) for item in rows]


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, desc: str, show: bool):
    if not show:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="doc", unit_scale=True, leave=False)


def map_chunks(func: Callable, items: Sequence, *, n_jobs: int | None = None,
               min_docs: int | None = None, chunks_per_job: int = 8, chunk_size: int = 500,
               progress: bool | None = None, desc: str = "articles") -> list:
    """Return ``[func(chunk) for chunk in chunks of items]``, in order, on several cores.

    Like :func:`map_documents`, but ``func`` takes a list of consecutive items and returns
    one result for the whole chunk, so a worker can send back a compact summary (arrays,
    a chunk vocabulary) instead of one Python object per article.

    Parameters
    ----------
    func : callable
        Applied to each chunk (a list); picklable when a pool is used.
    items : sequence, pandas.Series or pandas.DataFrame
        One item per article (see :func:`map_documents`); ``func`` gets a list of them.
    n_jobs, min_docs, chunks_per_job, progress, desc
        As in :func:`map_documents`.
    chunk_size : int, default 500
        Items per chunk when the map runs in this process.

    Returns
    -------
    list
        One result per chunk, chunks in the order of ``items``; how ``items`` is cut depends
        on ``n_jobs``, so ``func``'s results must combine to the same whole for any cut.

    Examples
    --------
    >>> map_chunks(sum, [1, 2, 3], chunk_size=2)
    [3, 3]
    """
    if not hasattr(items, "iloc"):
        items = list(items)
    opts = resolve_options(n_jobs, min_docs, progress)  # checked here, before any work
    n_jobs, min_docs, progress = opts.n_jobs, opts.min_docs_parallel, opts.progress
    n = len(items)
    jobs = (os.cpu_count() or 1) if n_jobs in (None, -1) else n_jobs
    bar = _bar(n, desc, show_progress(n, min_docs=min_docs, progress=progress))
    try:
        if jobs == 1 or n < min_docs:
            size = max(int(chunk_size), 1)
        else:
            size = max(-(-n // (jobs * chunks_per_job)), 1)
        chunks = [_slice(items, i, i + size) for i in range(0, n, size)]
        if jobs == 1 or n < min_docs:
            results = (_apply_chunk(func, chunk) for chunk in chunks)
        else:
            from joblib import Parallel, delayed

            # return_as="generator" yields chunk results in submission order as they finish.
            results = Parallel(n_jobs=jobs, return_as="generator")(
                delayed(_apply_chunk_in_worker)(func, chunk) for chunk in chunks)
        out = []
        for chunk, result in zip(chunks, results):
            out.append(result)
            bar.update(len(chunk))
        del chunks, results
        if n >= min_docs:
            release_memory()
        return out
    finally:
        bar.close()


def release_memory() -> bool:
    """Hand the C heap's free pages back to the operating system (glibc ``malloc_trim``).

    A corpus-long stage frees millions of small temporary objects; glibc keeps their pages,
    so resident memory stays at the stage's high-water mark and adds up over a pipeline (on
    10,000 synthetic articles, loading left 360 MB resident for 55 MB of text; trimming
    returned 170 MB). Returns whether anything was called (not on non-glibc systems).
    """
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            import ctypes

            _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _MALLOC_TRIM = False
    if not _MALLOC_TRIM:
        return False
    _MALLOC_TRIM(0)
    return True


_MALLOC_TRIM = None


_PARALLEL_OPTIONS = """\
n_jobs, min_docs_parallel, progress : optional
    Processes (``None``: every core), the corpus size from which a pool is used (2000
    articles) and the progress bar (``None``: shown for large corpora on a terminal or in a
    notebook). ``None`` takes the current option, set for a session with
    :func:`analysis.options.set_options` or a block with :func:`analysis.options.options`;
    their meaning, defaults and checks are in :mod:`analysis.options`. The table is identical
    for any value."""


def document_parallel_options(func):
    """Write the one description of ``n_jobs``, ``min_docs_parallel`` and ``progress`` into
    ``func``'s docstring, at its line ``{parallel_options}`` (indented as that line is).

    Every stage that runs over a process pool takes these three options; their description
    lives here once instead of in each docstring (written in by :func:`analysis.docs.fill_doc`,
    which also refuses any other ``{name}`` line).

    Parameters
    ----------
    func : callable
        A function whose docstring has a line reading ``{parallel_options}``.

    Returns
    -------
    callable
        ``func`` itself, its ``__doc__`` filled in.

    Raises
    ------
    ValueError
        The docstring has no such line, or a line ``{name}`` of another name.

    Examples
    --------
    >>> def stage(corpus, *, n_jobs=None, min_docs_parallel=None, progress=None):
    ...     '''A stage.
    ...
    ...     {parallel_options}
    ...     '''
    >>> document_parallel_options(stage).__doc__.splitlines()[2].strip()
    'n_jobs, min_docs_parallel, progress : optional'
    """
    return fill_doc(func, {"parallel_options": _PARALLEL_OPTIONS}, require=["parallel_options"])

