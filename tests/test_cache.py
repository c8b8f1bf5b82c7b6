"""Tests for analysis.cache: hits reuse the file, any change of input or version recomputes."""

import pandas as pd
import pytest

from analysis.cache import cached
from analysis.tokens import sentences

pytest.importorskip("pyarrow")

CORPUS = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                       "text": ["One. Two.", "Mr. Smith left. He returned."]})
COLS = ["doc_id", "source", "text"]


def counting(calls):
    def stage(corpus, **options):
        calls.append(options)
        return sentences(corpus, **options)
    return stage


def test_second_call_reads_the_cache_and_equals_a_fresh_run(tmp_path):
    calls = []
    stage = counting(calls)
    first = cached(stage, CORPUS, columns=COLS, cache_dir=tmp_path, version="1")
    second = cached(stage, CORPUS, columns=COLS, cache_dir=tmp_path, version="1")
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(second, sentences(CORPUS))
    assert len(list(tmp_path.glob("*.parquet"))) == 1


@pytest.mark.parametrize("change", [
    {"corpus": CORPUS.assign(text=["One. Two.", "Mr. Smith left. He came back."])},
    {"corpus": CORPUS.assign(doc_id=["a", "c"])},
    {"version": "2"},
    {"options": {"text_column": "text"}},
])
def test_stale_entries_are_never_used(tmp_path, change):
    calls = []
    stage = counting(calls)
    cached(stage, CORPUS, columns=COLS, cache_dir=tmp_path, version="1")
    out = cached(stage, change.get("corpus", CORPUS), columns=COLS, cache_dir=tmp_path,
                 version=change.get("version", "1"), **change.get("options", {}))
    assert len(calls) == 2
    pd.testing.assert_frame_equal(out, sentences(change.get("corpus", CORPUS)))


def test_moving_text_between_articles_changes_the_key(tmp_path):
    calls = []
    stage = counting(calls)
    a = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "text": ["ab", "c"]})
    b = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "text": ["a", "bc"]})
    cached(stage, a, columns=COLS, cache_dir=tmp_path, version="1")
    cached(stage, b, columns=COLS, cache_dir=tmp_path, version="1")
    assert len(calls) == 2


def test_missing_column_named(tmp_path):
    with pytest.raises(KeyError, match="raw_text"):
        cached(sentences, CORPUS, columns=["doc_id", "raw_text"], cache_dir=tmp_path)


def test_default_key_covers_every_column(tmp_path):
    calls = []
    stage = counting(calls)
    cached(stage, CORPUS.assign(title=["t1", "t2"]), cache_dir=tmp_path, version="1")
    cached(stage, CORPUS.assign(title=["t1", "changed"]), cache_dir=tmp_path, version="1")
    assert len(calls) == 2


def test_default_version_changes_with_the_package_code(tmp_path):
    from analysis import cache

    (tmp_path / "clean.py").write_text("RULES = 1\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "aliases.csv").write_text("target,alias\n")
    first = cache._code_hash(tmp_path)
    assert cache._code_hash(tmp_path) == first
    (tmp_path / "data" / "aliases.csv").write_text("target,alias\nEU,EU\n")
    second = cache._code_hash(tmp_path)
    (tmp_path / "clean.py").write_text("RULES = 2\n")
    assert len({first, second, cache._code_hash(tmp_path)}) == 3
    assert cache._version().endswith("+" + cache._code_hash())
