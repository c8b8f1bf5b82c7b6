"""On-disk cache of corpus-long tables (cleaned text, sentences, tokens), as Parquet files.

Re-running a notebook on a large corpus should not redo the cleaning or the sentence split it
already did. :func:`cached` stores a stage's output under a key made of the stage, its
options, the library version and the full content and dtypes of every input column the stage
reads, so a changed article, option, function or release gives a new key and the stale file is
never read. Files are written atomically (a temporary name unique to the thread, then a
rename), so an interrupted run leaves no half entry; an unreadable entry is recomputed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import threading
import types
import uuid
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath

import numpy as np
import pandas as pd

from analysis import paths
from analysis.errors import check_columns

__all__ = ["cache_key", "cached"]


def _version() -> str:
    """The installed release plus a hash of the package's own code and data files.

    A release number alone would let an edited, not yet released library read tables made by
    the old code; the file hash makes any change to ``analysis/`` a new version.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("analysis")
    except PackageNotFoundError:
        release = "unknown"
    return f"{release}+{_code_hash()}"


def _code_hash(package: Path | None = None) -> str:
    package = Path(__file__).resolve().parent if package is None else Path(package)
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".tsv", ".txt", ".json"}:
            h.update(path.relative_to(package).as_posix().encode() + b"\x00")
            h.update(path.read_bytes())
    return h.hexdigest()


class _Hasher:
    """Feeds any option value into one blake2b hash, tagged by type and length-prefixed.

    Nothing goes through ``repr`` (pandas truncates a large table's) or ``str`` (``1`` and
    ``"1"`` would meet). Functions are fed by their code, defaults and closure values, and the
    functions of their own module that they call, so two lambdas, an edited function or a
    ``functools.partial`` with other arguments give other keys; a function of the
    ``analysis`` package is fed by its name and closure alone (the version covers its code).
    """

    def __init__(self, h) -> None:
        self.h = h
        self.seen: dict[int, int] = {}  # id -> visit number, for cycles (a recursive function)
        self.alive: list = []  # what ``seen`` names, so no id is reused by a new object

    def raw(self, tag: bytes, data: bytes = b"") -> None:
        self.h.update(tag + len(data).to_bytes(8, "little"))
        self.h.update(data)

    def text(self, s: str) -> None:
        self.raw(b"s", s.encode("utf-8", "surrogatepass"))

    def feed(self, obj) -> None:  # noqa: C901 - one branch per kind of value
        if obj is None or obj is pd.NA or obj is pd.NaT:
            self.raw(b"0", repr(obj).encode())
        elif isinstance(obj, (bool, int, float, complex, np.generic)) and not isinstance(
                obj, (np.str_, np.bytes_)):
            # repr keeps a float exact and tells 1 from 1.0 and True; numpy scalars by dtype
            self.raw(b"n", f"{type(obj).__module__}.{type(obj).__qualname__}:{obj!r}".encode())
        elif isinstance(obj, str):
            self.text(obj)
        elif isinstance(obj, (bytes, bytearray, memoryview)):
            self.raw(b"b", bytes(obj))
        elif isinstance(obj, PurePath):
            self.raw(b"p", os.fspath(obj).encode("utf-8", "surrogatepass"))
        elif id(obj) in self.seen:
            self.raw(b"@", str(self.seen[id(obj)]).encode())
        else:
            self.seen[id(obj)] = len(self.seen)
            self.alive.append(obj)
            self._container(obj)

    def _container(self, obj) -> None:
        if isinstance(obj, (list, tuple)):
            self.raw(b"l" if isinstance(obj, list) else b"t", str(len(obj)).encode())
            for item in obj:
                self.feed(item)
        elif isinstance(obj, dict):
            self.raw(b"d", str(len(obj)).encode())
            for k, v in sorted(obj.items(), key=lambda kv: _digest(kv[0])):
                self.feed(k)
                self.feed(v)
        elif isinstance(obj, (set, frozenset)):
            self.raw(b"S", "".join(sorted(map(_digest, obj))).encode())
        elif isinstance(obj, pd.DataFrame):
            self.raw(b"F", str(obj.shape).encode())
            self.index(obj.index)
            for name in obj.columns:
                self.feed(name)
                self.column(obj[name])
        elif isinstance(obj, pd.Series):
            self.raw(b"R")
            self.feed(obj.name)
            self.index(obj.index)
            self.column(obj)
        elif isinstance(obj, pd.Index):
            self.index(obj)
        elif isinstance(obj, np.ndarray):
            self.raw(b"A", f"{obj.dtype.str}{obj.shape}".encode())
            self.values(obj.ravel().tolist() if obj.dtype == object else obj)
        elif isinstance(obj, re.Pattern):
            self.raw(b"P", str(obj.flags).encode())
            self.feed(obj.pattern)
        elif isinstance(obj, functools.partial):
            self.raw(b"f")
            self.feed(obj.func)
            self.feed(obj.args)
            self.feed(obj.keywords)
        elif isinstance(obj, types.MethodType):
            self.raw(b"m")
            self.feed(obj.__func__)
            self.feed(obj.__self__)
        elif isinstance(obj, types.FunctionType):
            self.function(obj)
        elif isinstance(obj, types.CodeType):
            self.code(obj)
        elif isinstance(obj, (type, types.ModuleType, types.BuiltinFunctionType)):
            self.raw(b"T", _qualified(obj).encode())
        else:
            try:  # any other object by its pickled state (e.g. a fitted model)
                data = pickle.dumps(obj, protocol=4)
            except Exception as err:
                raise TypeError(f"cached: cannot build a cache key from a"
                                f" {type(obj).__qualname__} option ({err}); pass plain values"
                                " or call the stage without the cache") from None
            self.raw(b"o", _qualified(type(obj)).encode() + b"\x00" + data)

    def function(self, func: types.FunctionType) -> None:
        self.raw(b"F", _qualified(func).encode())
        own = func.__module__ == "analysis" or str(func.__module__).startswith("analysis.")
        if not own:
            self.code(func.__code__)
            self.feed(func.__defaults__)
            self.feed(func.__kwdefaults__)
            # Helpers of the user's own module that the function calls (edited in a notebook).
            for name in sorted(_global_names(func.__code__)):
                value = func.__globals__.get(name)
                if (isinstance(value, (types.FunctionType, functools.partial))
                        and getattr(value, "__module__", None) == func.__module__):
                    self.feed(name)
                    self.feed(value)
        self.feed([cell.cell_contents if _filled(cell) else pd.NA
                   for cell in func.__closure__ or ()])

    def code(self, code: types.CodeType) -> None:
        self.raw(b"C", code.co_code)
        self.feed([c for c in code.co_consts])
        self.feed(list(code.co_names))
        self.feed(list(code.co_varnames))
        self.feed(list(code.co_freevars))

    def index(self, index: pd.Index) -> None:
        self.raw(b"I", str(index.dtype).encode())
        if isinstance(index, pd.RangeIndex):
            self.raw(b"r", f"{index.start}:{index.stop}:{index.step}".encode())
        else:
            self.values(index.tolist())

    def column(self, series: pd.Series) -> None:
        self.raw(b"c", f"{series.dtype}:{len(series)}".encode())
        if isinstance(series.dtype, np.dtype) and series.dtype.kind in "biufcmM":
            # fixed-width numbers, bools and times: their exact bytes
            self.raw(b"x", np.ascontiguousarray(series.to_numpy()).tobytes())
        else:
            self.values(series.tolist())

    def values(self, values) -> None:
        if not isinstance(values, list):
            self.raw(b"x", np.ascontiguousarray(values).tobytes())
        elif all(type(v) is str for v in values):
            # The lengths then the joined text: unambiguous, and one encode for the column.
            self.raw(b"L", np.fromiter(map(len, values), np.int64, len(values)).tobytes())
            self.text("".join(values))
        else:
            self.raw(b"V", str(len(values)).encode())
            for v in values:
                self.feed(v)


def _qualified(obj) -> str:
    return f"{getattr(obj, '__module__', None)}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def _filled(cell) -> bool:
    try:
        _ = cell.cell_contents
    except ValueError:  # an empty cell (a name assigned after the function was made)
        return False
    return True


def _global_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names


def _digest(obj) -> str:
    h = hashlib.blake2b(digest_size=16)
    _Hasher(h).feed(obj)
    return h.hexdigest()


def cache_key(corpus: pd.DataFrame, columns: Sequence[str], *, stage, options: dict,
              version: str) -> str:
    """Hash of the input columns (names, dtypes, every value), the stage, its options and the
    library version.

    Values are fed with their type and length, never through ``repr`` or ``str``: a missing
    value, ``"nan"`` and ``NaN`` differ, ``1`` and ``"1"`` differ, a large table option is
    hashed whole, and moving text between cells changes the key.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The input table.
    columns : sequence of str
        The columns hashed.
    stage : callable or str
        The stage function (fed by its code, closure and defaults, see :func:`cached`) or a name.
    options : dict
        Keyword options of the stage, hashed by value (tables whole, functions by code).
    version : str
        Library version.

    Returns
    -------
    str
        32 hexadecimal digits.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "text": ["One."]})
    >>> k = cache_key(c, ["doc_id", "text"], stage="s", options={}, version="1")
    >>> k == cache_key(c, ["doc_id", "text"], stage="s", options={}, version="2")
    False
    >>> k == cache_key(c.assign(doc_id=[1]), ["doc_id", "text"], stage="s", options={},
    ...                version="1")
    False
    """
    h = hashlib.blake2b(digest_size=16)
    hasher = _Hasher(h)
    hasher.feed([version, len(corpus)])
    hasher.feed(stage)
    hasher.feed(options)
    for col in sorted(columns, key=str):
        hasher.feed(col)
        hasher.column(corpus[col])
    return h.hexdigest()


def _stage_name(func) -> str:
    """``module.qualname`` of the stage, a ``partial``'s function in brackets; file-name safe."""
    inner = func
    while isinstance(inner, functools.partial):
        inner = inner.func
    name = _qualified(inner)
    if inner is not func:
        name = f"partial({name})"
    return re.sub(r"[^\w.()-]+", "_", name)


def cached(func: Callable[..., pd.DataFrame], corpus: pd.DataFrame, *,
           columns: Sequence[str] | None = None,
           cache_dir: str | Path | None = None, version: str | None = None,
           **options) -> pd.DataFrame:
    """Return ``func(corpus, **options)``, from disk when the same input was seen before.

    Parameters
    ----------
    func : callable
        A stage returning a table, e.g. :func:`analysis.clean.clean_corpus` or
        :func:`analysis.tokens.sentences`; a lambda, a ``functools.partial`` or a bound method
        too. It is part of the key by its code, defaults, closure (or bound) values and the
        functions of its own module it calls, so an edited function is run again. A global
        variable it reads is not: pass such a value as an option or bind it with a partial.
    corpus : pandas.DataFrame
        Its input.
    columns : sequence of str, optional
        The columns ``func`` reads: they alone are hashed and ``func`` receives
        ``corpus[columns]`` alone, so no column outside the key can reach the table. Default:
        every column of ``corpus`` (safe; name fewer only to skip hashing columns the stage
        never reads).
    cache_dir : str or Path, optional
        Default ``build/cache`` in the project (git-ignored).
    version : str, optional
        Library version in the key; default the installed ``analysis`` release plus a hash
        of the package's code and data files.
    **options
        Keyword options for ``func``; part of the key by value (a table whole, with its
        dtypes).

    Returns
    -------
    pandas.DataFrame
        The stage's table (index reset), freshly computed or read back from Parquet.
        Without pyarrow the stage simply runs every time.

    Warns
    -----
    UserWarning
        When a cache file cannot be read (it is recomputed and replaced), or the table cannot
        be stored as Parquet (e.g. an object column mixing numbers and text; it is returned
        uncached).

    Raises
    ------
    KeyError
        If ``columns`` names a column ``corpus`` lacks.
    TypeError
        If an option is a value the key cannot be built from (not even by pickling).

    Examples
    --------
    >>> import tempfile
    >>> from analysis.tokens import sentences
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["One. Two."]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = cached(sentences, c, columns=["doc_id", "source", "text"], cache_dir=d)
    ...     again = cached(sentences, c, columns=["doc_id", "source", "text"], cache_dir=d)
    >>> again["sentence"].tolist()
    ['One.', 'Two.']
    """
    try:
        import pyarrow
    except ImportError:
        return func(corpus, **options)
    columns = list(corpus.columns) if columns is None else list(columns)
    check_columns(corpus, columns, hint="cached: listed in columns=")
    if columns != list(corpus.columns):
        corpus = corpus[columns]
    stage = _stage_name(func)
    key = cache_key(corpus, columns, stage=func, options=options,
                    version=version if version is not None else _version())
    folder = Path(cache_dir) if cache_dir is not None else paths.BUILD_DIR / "cache"
    path = folder / f"{stage}-{key}.parquet"
    if path.is_file():
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError, pyarrow.ArrowException) as err:
            warnings.warn(f"{path}: unreadable cache file ({type(err).__name__}: {err});"
                          " recomputing it", UserWarning, stacklevel=2)
    out = func(corpus, **options).reset_index(drop=True)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}."
                         f"{uuid.uuid4().hex}.tmp")
    try:
        out.to_parquet(tmp, index=False)
    except (ValueError, TypeError, pyarrow.ArrowException) as err:
        tmp.unlink(missing_ok=True)
        warnings.warn(f"cached: {stage} table not cached, Parquet cannot store it"
                      f" ({type(err).__name__}: {err})", UserWarning, stacklevel=2)
        return out
    os.replace(tmp, path)
    return out
