"""Tests for analysis.paths: locations derive from the package, settings from the environment."""

from pathlib import Path

import pytest

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


@pytest.mark.parametrize("corpus, name, seeds", [
    (None, "seeds", True),                     # the default corpus
    ("SEEDS", "seeds", True),                  # the seeds folder by another spelling
    ("folder/my_news", "my_news", False),      # a folder corpus, existing or not
    ("archive.parquet", "archive", False),
    ("archive.jsonl.gz", "archive", False),    # every suffix goes
    ("seeds.csv", "seeds", False),             # named like the seeds, but not them
])
def test_corpus_name_and_whether_it_is_the_seeds(monkeypatch, tmp_path, corpus, name, seeds):
    monkeypatch.delenv("ANALYSIS_CORPUS", raising=False)
    if corpus == "SEEDS":
        corpus = paths.SEEDS_DIR / ".." / "seeds"
    elif corpus is not None:
        corpus = tmp_path / corpus
    assert paths.corpus_name(corpus) == name
    assert paths.corpus_is_seeds(corpus) is seeds


def test_corpus_name_follows_the_environment(monkeypatch, tmp_path):
    (tmp_path / "news").mkdir()
    monkeypatch.setenv("ANALYSIS_CORPUS", str(tmp_path / "news"))
    assert paths.corpus_name() == "news" and not paths.corpus_is_seeds()
