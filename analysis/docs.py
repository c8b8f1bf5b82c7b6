"""Docstring paragraphs written once: a line ``{name}`` in a docstring stands for shared text.

Several functions of a subpackage share a parameter (the plots' ``ax``, the role rules'
``lexicon``) or a Returns block (the report notes' Markdown). Its text is written once, in a
table of that subpackage, and the decorator :func:`shared_docs` makes from the table writes it
into each docstring at import time, so ``help()`` and the rendered ``__doc__`` read as complete
numpydoc. The tables: :data:`analysis.plots.layout.DOC_PARAMETERS`,
:data:`analysis.roles.verdict.RULE_PARAMETERS`, :data:`analysis.report.prose.NOTE_DOCS`; the
parallel options use it through :func:`analysis.parallel.document_parallel_options`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

__all__ = ["fill_doc", "shared_docs"]

# A line that holds nothing but ``{name}``: a dict in an example (``{"a": 1}``) or a format
# string in a sentence is no placeholder and stays as written.
_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\{(?P<name>[A-Za-z_]\w*)\}[ \t]*$")


def fill_doc(func: Callable, paragraphs: Mapping[str, str], *,
             require: Iterable[str] = ()) -> Callable:
    """Write the shared ``paragraphs`` into ``func``'s docstring, at its ``{name}`` lines.

    Each line holding nothing but ``{name}`` becomes the text of ``paragraphs[name]``, every
    line of it indented as that line is.

    Parameters
    ----------
    func : callable
        The function whose ``__doc__`` is filled in (in place).
    paragraphs : mapping of str to str
        Placeholder name -> the numpydoc text it stands for (unindented; continuation lines
        indented by four spaces, as in a docstring).
    require : iterable of str, default ()
        Names the docstring must have a line for.

    Returns
    -------
    callable
        ``func`` itself, its ``__doc__`` filled in. A function without a docstring (``python
        -OO`` strips them) is returned as it is.

    Raises
    ------
    ValueError
        A ``{name}`` line names no key of ``paragraphs`` (a typo would otherwise print the
        placeholder in ``help()``), or a name of ``require`` has no line.

    Examples
    --------
    >>> def f(ax=None):
    ...     '''Draw.
    ...
    ...     Parameters
    ...     ----------
    ...     {ax}
    ...     '''
    >>> doc = fill_doc(f, {"ax": "ax : Axes, optional\\n    Where to draw."}).__doc__
    >>> print(doc.splitlines()[4].strip(), "|", doc.splitlines()[5].strip())
    ax : Axes, optional | Where to draw.
    """
    if func.__doc__ is None:
        return func
    lines, found = [], set()
    for line in func.__doc__.split("\n"):
        match = _PLACEHOLDER.match(line)
        if match is None:
            lines.append(line)
            continue
        name, indent = match["name"], match["indent"]
        if name not in paragraphs:
            raise ValueError(f"{func.__qualname__}: its docstring line {{{name}}} names no shared "
                             f"paragraph; known: {', '.join(sorted(paragraphs))}")
        found.add(name)
        lines += [indent + part if part else part for part in paragraphs[name].split("\n")]
    missing = [name for name in require if name not in found]
    if missing:
        raise ValueError(f"{func.__qualname__}: no {{{missing[0]}}} line in its docstring")
    func.__doc__ = "\n".join(lines)
    return func


def shared_docs(paragraphs: Mapping[str, str], *, require: Iterable[str] = ()) -> Callable:
    """A decorator that fills a docstring's ``{name}`` lines from ``paragraphs``
    (:func:`fill_doc`), for the functions of one subpackage.

    Parameters
    ----------
    paragraphs : mapping of str to str
        The subpackage's table of shared paragraphs; read when a function is decorated.
    require : iterable of str, default ()
        Names every decorated docstring must have a line for.

    Returns
    -------
    callable
        ``decorator(func) -> func``, raising :class:`ValueError` at decoration (import) time
        for a placeholder the table lacks.

    Examples
    --------
    >>> rule_doc = shared_docs({"cuts": "cuts : (float, float)\\n    Label cut-offs."})
    >>> @rule_doc
    ... def rule(cuts):
    ...     '''A rule.
    ...
    ...     {cuts}
    ...     '''
    >>> rule.__doc__.splitlines()[2].strip()
    'cuts : (float, float)'
    """
    require = tuple(require)

    def decorator(func: Callable) -> Callable:
        return fill_doc(func, paragraphs, require=require)

    decorator.__doc__ = ("Fill a docstring's lines ``{name}`` with the shared paragraph of that "
                         "name (:func:`analysis.docs.fill_doc`); names: "
                         + ", ".join(sorted(paragraphs)) + ".")
    return decorator
