"""The package's top level: the main verbs, imported lazily."""

import importlib
import subprocess
import sys

import pytest

import analysis


@pytest.mark.parametrize("name", analysis.__all__)
def test_every_top_level_verb_is_the_function_of_its_module(name):
    module = importlib.import_module(f"analysis.{analysis._WHERE[name]}")
    assert getattr(analysis, name) is getattr(module, name)
    assert name in module.__all__


def test_import_analysis_loads_neither_pandas_nor_sklearn():
    code = ("import sys, analysis; "
            "print(sorted(m for m in ('pandas', 'sklearn', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'load_corpora'"):
        analysis.load_corpora  # noqa: B018


def test_submodules_are_reachable_as_attributes():
    assert analysis.freq.term_frequencies is analysis.term_frequencies
    assert "load_corpus" in dir(analysis)


def test_no_top_level_verb_shadows_a_submodule():
    import pkgutil
    submodules = {m.name for m in pkgutil.iter_modules(analysis.__path__)}
    assert not submodules & set(analysis.__all__)
    from analysis import keyness
    assert keyness.__name__ == "analysis.keyness"  # the module, as analysis.distributed expects


def test_every_subpackage_is_listed_for_a_regular_install():
    # pyproject lists packages by hand: a subpackage left out is missing from a non-editable
    # install (pip install .), though an editable one finds it
    from pathlib import Path

    import tomllib

    root = Path(analysis.__file__).parent
    listed = set(tomllib.loads((root.parent / "pyproject.toml").read_text())
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root.parent).parts)
             for p in root.rglob("__init__.py")}
    assert found == listed


def test_no_docstring_shows_a_shared_paragraph_placeholder():
    # analysis.docs fills a docstring line "{name}" at import; one left over (a function not
    # decorated) would print the placeholder in help() instead of the parameter's text
    import inspect
    import pkgutil
    import re

    placeholder = re.compile(r"(?m)^\s*\{[A-Za-z_]\w*\}\s*$")
    left, n_checked = [], 0
    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if getattr(obj, "__module__", None) != info.name or not (
                    inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            n_checked += 1
            if placeholder.search(obj.__doc__ or ""):
                left.append(f"{info.name}.{name}")
    assert n_checked > 300
    assert left == []
