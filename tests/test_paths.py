"""Tests for analysis.paths: locations derive from the package, settings from the environment."""

from pathlib import Path

from analysis import paths


def test_locations_are_inside_the_project():
    assert (paths.ROOT / "pyproject.toml").is_file()
    assert paths.SEEDS_DIR == paths.ROOT / "seeds"
    assert paths.FIGURES_DIR == paths.ROOT / "figures"
    assert (paths.SEEDS_DIR / "sources.csv").is_file()


def test_corpus_and_figures_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ANALYSIS_CORPUS", raising=False)
    monkeypatch.delenv("ANALYSIS_FIGURES", raising=False)
    assert paths.corpus_path() == paths.SEEDS_DIR
    assert paths.figures_dir() == paths.FIGURES_DIR
    monkeypatch.setenv("ANALYSIS_CORPUS", str(tmp_path / "mine.csv"))
    monkeypatch.setenv("ANALYSIS_FIGURES", str(tmp_path / "out"))
    assert paths.corpus_path() == tmp_path / "mine.csv"
    assert paths.figures_dir() == tmp_path / "out"
    monkeypatch.setenv("ANALYSIS_CORPUS", "  ")
    assert paths.corpus_path() == paths.SEEDS_DIR


def test_relative_setting_is_resolved(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANALYSIS_CORPUS", "corpus")
    assert paths.corpus_path() == Path(tmp_path, "corpus").resolve()
