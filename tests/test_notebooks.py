"""Notebooks: committed stripped and thin; every one executes on the seeds; figures rebuild
byte-identically.

The execution test runs each notebook twice with nbclient (kernel working directory
``notebooks/``, as nbconvert does) writing figures into two temporary folders, then compares the
PNG bytes with each other and with the committed ``figures/``. It is the smoke test over the
real seeds for the whole pipeline.
"""

import ast
import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
FORBIDDEN = [(r"(?m)^\s*(def|class)\s", "def/class"), (r"(?m)^\s*(for|while)\s", "loop"),
             (r"\bopen\(", "open("), (r"['\"][^'\"]*(\.\./|seeds/|figures/)[^'\"]*['\"]",
                                      "path literal")]


def test_there_are_notebooks():
    names = {nb.name for nb in NOTEBOOKS}
    assert {"00_corpus_overview.ipynb", "10_cleaning.ipynb", "20_term_frequencies.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_thin(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}, nb["metadata"].keys()
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert nb["cells"][0]["cell_type"] == "markdown", "first cell states the question"
    for cell in code:
        assert cell.get("outputs") == [] and cell.get("execution_count") is None
        source = "".join(cell["source"])
        ast.parse(source)
        for pattern, what in FORBIDDEN:
            assert not re.search(pattern, source), f"{path.name}: {what} in a code cell"
    imports = [c for c in code if re.match(r"\s*(from|import)\s", "".join(c["source"]))]
    assert imports and imports[0] is code[0], "one import cell first"


def images_shown(nb) -> int:
    """Number of PNG outputs an executed notebook shows (what a reader sees in JupyterLab)."""
    return sum("image/png" in out.get("data", {}) for cell in nb.cells
               if cell.cell_type == "code" for out in cell.outputs)


def prose(nb) -> str:
    """What a reader of an executed notebook reads: its markdown cells and rendered Markdown."""
    return "\n".join(["".join(cell.source) for cell in nb.cells if cell.cell_type == "markdown"]
                     + [out["data"]["text/markdown"] for cell in nb.cells
                        if cell.cell_type == "code" for out in cell.outputs
                        if "text/markdown" in out.get("data", {})])


def run_all(figures_dir, monkeypatch):
    """Execute every notebook; the PNG bytes, per notebook (figures saved, images shown), and
    per notebook the prose it shows."""
    monkeypatch.setenv("ANALYSIS_FIGURES", str(figures_dir))
    monkeypatch.setenv("ANALYSIS_CORPUS", str(paths.SEEDS_DIR))
    shown, text = {}, {}
    for path in NOTEBOOKS:
        before = set(figures_dir.glob("*.png"))
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(paths.NOTEBOOKS_DIR)}}).execute()
        shown[path.name] = (len(set(figures_dir.glob("*.png")) - before), images_shown(nb))
        text[path.name] = prose(nb)
    return {p.name: p.read_bytes() for p in sorted(figures_dir.glob("*.png"))}, shown, text


# Numbers and names that only the seeds' prose may show (issue 22): the seeds' outlets, the hand
# codes' agreement, the EU means of notebook 40.
SEED_ONLY = ["Caliber.az", "AzerNews", "AIR Center", "1news.az", "47 %", "kappa 0.24",
             "\u22120.29", "-0.29", "18 sentences", "75 seed mentions"]


def test_notebooks_execute_and_figures_rebuild_byte_identically(tmp_path, monkeypatch):
    first, shown, text = run_all(tmp_path / "one", monkeypatch)
    second, _, _ = run_all(tmp_path / "two", monkeypatch)
    # On the seeds the seeds' notes are shown, and the computed prose gives the same numbers.
    assert "**On the seeds** it does worse" in text["40_target_sentiment.ipynb"]
    assert "47 % of the 75 coded mentions" in text["45_validation.ipynb"]
    assert "kappa is 0.24" in text["45_validation.ipynb"]
    assert "AzerNews \u22120.29 (18 sentences, 1 article)" in text["40_target_sentiment.ipynb"]
    assert {"00_corpus_overview.png", "10_cleaning_audit.png", "20_top_terms.png",
            "20_keyness.png"} <= set(first)
    # Every figure a notebook saves is also shown inline, where the reader is (issue 22: after
    # the first figure of a session only save_figure's path was shown).
    assert sum(saved for saved, _ in shown.values()) == len(first)
    assert {name: saved for name, (saved, _) in shown.items()} == \
        {name: images for name, (_, images) in shown.items()}
    assert first.keys() == second.keys()
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, f"figures differ between two rebuilds: {changed}"
    # The committed figures are what the code gives: a change that moves a number in a figure
    # comes with its rebuilt PNG (make figures).
    committed = {p.name: p.read_bytes() for p in sorted((paths.ROOT / "figures").glob("*.png"))}
    assert committed.keys() == first.keys(), "figures/ holds other files than the notebooks write"
    stale = [name for name in first if first[name] != committed[name]]
    assert not stale, f"figures/ is stale, run make figures: {stale}"


@pytest.mark.parametrize("n_figures", [1, 3])
def test_every_styled_figure_of_a_session_is_shown_inline(tmp_path, n_figures):
    # The kernel loads the inline backend at the first figure, inside figure_style(): each
    # later cell's figure must still be shown (one image per cell), not only the first.
    cell = ("with figure_style():\n    fig, ax = plt.subplots(figsize=(1, 1))\n"
            f"save_figure(fig, 'f', directory={str(tmp_path)!r})")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\nfrom analysis.plots import figure_style, save_figure")]
        + [nbformat.v4.new_code_cell(cell) for _ in range(n_figures)])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    assert [images_shown(nbformat.v4.new_notebook(cells=[c])) for c in nb.cells] == \
        [0] + [1] * n_figures


def test_make_figures_on_a_one_source_corpus_from_an_active_venv(tmp_path):
    # Issue 23: with VIRTUAL_ENV set (absolute), the Makefile ran "..//abs/path/bin/python";
    # and a one-source corpus stopped plot_keyness (no group to compare against).
    import os
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = ("gas pipeline peace treaty border envoy tariff grain railway port court election "
             "visa sanction energy trade minister").split()
    rows = ["doc_id,source,title,date,url,language"]
    for i in range(4):
        paragraphs = [("The EU " if j % 2 == 0 else "Armenia ")
                      + " ".join(words[(i * 7 + j * 3 + k) % len(words)] for k in range(12))
                      + f" on day {i * 10 + j}." for j in range(6)]
        (corpus / f"a{i}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        rows.append(f"a{i},Only Outlet,Story {i},2025-01-0{i + 1},,en")
    (corpus / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    figures = tmp_path / "figures"
    venv = sys.prefix  # the environment running these tests, already set up
    env = {**os.environ, "VIRTUAL_ENV": venv}
    build = tmp_path / "build"
    done = subprocess.run(["make", "-C", str(paths.ROOT), "-o", f"{venv}/.installed",
                           "figures", f"CORPUS={corpus}", f"FIGURES={figures}", f"BUILD={build}"],
                          env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"{venv}/bin/python -m jupyter nbconvert" in done.stdout
    committed = {p.name for p in (paths.ROOT / "figures").glob("*.png")}
    assert {p.name for p in figures.glob("*.png")} == committed
    # Issue 22: the executed copies go to build/<corpus name>/, apart from the seeds' ...
    assert sorted(p.name for p in (build / "corpus").iterdir()) == [p.name for p in NOTEBOOKS]
    assert [p.name for p in build.iterdir()] == ["corpus"]
    # ... and their prose is about this corpus: no seed outlet or number, the seeds' notes
    # replaced by a line saying so, the computed notes naming this corpus's outlet.
    for path in sorted((build / "corpus").iterdir()):
        text = prose(nbformat.read(path, as_version=4))
        leaked = [s for s in SEED_ONLY if s in text]
        assert not leaked, f"{path.name} shows the seeds' {leaked}"
    sentiment = prose(nbformat.read(build / "corpus" / "40_target_sentiment.ipynb", as_version=4))
    assert "A note about the seeds" in sentiment and "this run reads `corpus`" in sentiment
    assert "- **EU**: Only Outlet" in sentiment
    validation = prose(nbformat.read(build / "corpus" / "45_validation.ipynb", as_version=4))
    assert "No mention of the coding sheet is coded yet" in validation
