"""Import the scripts of ``bench/`` (not a package) for their tests."""

import importlib.util
import sys

from analysis.paths import ROOT

BENCH = ROOT / "bench"


def load_bench(name: str):
    """``bench/<name>.py`` as the module ``bench_<name>``, run afresh.

    It is registered in ``sys.modules`` (a child process of ``bench/scale.py`` finds its
    functions there) and runs with ``bench/`` on ``sys.path`` (a script imports its siblings,
    ``from boilerplate import ...``)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, str(BENCH))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module
