"""Tests for analysis.cache: hits reuse the file, any change of input or version recomputes."""

import functools
import threading

import numpy as np
import pandas as pd
import pytest

from analysis.cache import cache_key, cached
from analysis.clean import clean_corpus, line_counts
from analysis.tokens import sentences

pytest.importorskip("pyarrow")

CORPUS = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                       "text": ["One. Two.", "Mr. Smith left. He returned."]})
COLS = ["doc_id", "source", "text"]

# Calls are counted in a module-level list: a closure's values are part of the key, so a
# stage closing over its own counter would get a new key at every call.
CALLS = []


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()


def stage(corpus, **options):
    CALLS.append(options)
    return sentences(corpus, **options)


def test_second_call_reads_the_cache_and_equals_a_fresh_run(tmp_path):
    first = cached(stage, CORPUS, columns=COLS, cache_dir=tmp_path, version="1")
    second = cached(stage, CORPUS, columns=COLS, cache_dir=tmp_path, version="1")
    assert len(CALLS) == 1
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
    cached(stage, CORPUS, columns=COLS, cache_dir=tmp_path, version="1")
    out = cached(stage, change.get("corpus", CORPUS), columns=COLS, cache_dir=tmp_path,
                 version=change.get("version", "1"), **change.get("options", {}))
    assert len(CALLS) == 2
    pd.testing.assert_frame_equal(out, sentences(change.get("corpus", CORPUS)))


def test_moving_text_between_articles_changes_the_key(tmp_path):
    a = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "text": ["ab", "c"]})
    b = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "text": ["a", "bc"]})
    cached(stage, a, columns=COLS, cache_dir=tmp_path, version="1")
    cached(stage, b, columns=COLS, cache_dir=tmp_path, version="1")
    assert len(CALLS) == 2


def test_missing_column_named(tmp_path):
    with pytest.raises(KeyError, match="raw_text"):
        cached(sentences, CORPUS, columns=["doc_id", "raw_text"], cache_dir=tmp_path)


def test_default_key_covers_every_column(tmp_path):
    cached(stage, CORPUS.assign(title=["t1", "t2"]), cache_dir=tmp_path, version="1")
    cached(stage, CORPUS.assign(title=["t1", "changed"]), cache_dir=tmp_path, version="1")
    assert len(CALLS) == 2


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


# --- issue 23, item 1: inputs that used to share a key --------------------------------------
PROSE = ("The minister met his counterpart in Baku on Monday to sign a trade deal.\n"
         "short line here\n"
         "The two sides agreed to meet again next year in Yerevan for more talks.")
RAW = pd.DataFrame({"doc_id": ["a", "b"], "source": "X", "title": "", "date": "",
                    "raw_text": [PROSE, "The talks in Yerevan went on for two days and ended"
                                 " without a deal on the border, officials said."]})


def _evidence(n_docs):
    """The issue's reproducer: a line count table too long for its repr to show the change."""
    pad = pd.DataFrame({"source": "Z", "line": [f"p{i}" for i in range(100)], "n_docs": 1})
    e = pd.concat([pad, line_counts(RAW), pad], ignore_index=True)
    e.loc[e.line == "short line here", "n_docs"] = n_docs
    return e


def _edited(body):
    """A function named ``stage`` of ``__main__``, as a notebook cell defines it, with ``body``."""
    namespace = {"__name__": "__main__", "sentences": sentences}
    exec(f"def stage(corpus):\n    return {body}\n", namespace)
    return namespace["stage"]


def _scaled(factor):
    def scaled(corpus):
        return pd.DataFrame({"n": [len(corpus) * factor]})
    return scaled


class _Stage:
    def __init__(self, factor):
        self.factor = factor

    def run(self, corpus):
        return pd.DataFrame({"n": [len(corpus) * self.factor]})


def _head(corpus, *, n):
    return corpus.head(n).reset_index(drop=True)


# (first call, second call): each is (func, corpus, options); the second must be recomputed.
STALE = {
    "large-evidence-table": ((clean_corpus, RAW, {"evidence": _evidence(1)}),
                             (clean_corpus, RAW, {"evidence": _evidence(9)})),
    "two-lambdas": ((lambda c: c.assign(n=1), RAW, {}), (lambda c: c.assign(n=2), RAW, {})),
    "edited-function": ((_edited("sentences(corpus)"), CORPUS, {}),
                        (_edited("sentences(corpus).head(1)"), CORPUS, {})),
    "closure-value": ((_scaled(1), RAW, {}), (_scaled(2), RAW, {})),
    "bound-method": ((_Stage(1).run, RAW, {}), (_Stage(2).run, RAW, {})),
    "partial-keyword": ((functools.partial(_head, n=1), RAW, {}),
                        (functools.partial(_head, n=2), RAW, {})),
    "int-vs-str-doc-id": ((_head, pd.DataFrame({"doc_id": [1], "source": ["X"]}), {"n": 1}),
                          (_head, pd.DataFrame({"doc_id": ["1"], "source": ["X"]}), {"n": 1})),
    "nan-vs-text-nan": ((_head, pd.DataFrame({"doc_id": ["a"], "title": [np.nan]}), {"n": 1}),
                        (_head, pd.DataFrame({"doc_id": ["a"], "title": ["nan"]}), {"n": 1})),
    "option-dtype": ((_head, RAW, {"n": 1}), (_head, RAW, {"n": np.int64(1)})),
}


@pytest.mark.parametrize("first, second", STALE.values(), ids=STALE.keys())
def test_different_inputs_never_share_an_entry(tmp_path, first, second):
    func1, corpus1, options1 = first
    func2, corpus2, options2 = second
    cached(func1, corpus1, cache_dir=tmp_path, version="1", **options1)
    out = cached(func2, corpus2, cache_dir=tmp_path, version="1", **options2)
    pd.testing.assert_frame_equal(out, func2(corpus2, **options2).reset_index(drop=True))
    assert len(list(tmp_path.glob("*.parquet"))) == 2


def test_evidence_reproducer_gives_each_evidence_its_own_table(tmp_path):
    kept = cached(clean_corpus, RAW, cache_dir=tmp_path, version="1", evidence=_evidence(1))
    removed = cached(clean_corpus, RAW, cache_dir=tmp_path, version="1", evidence=_evidence(9))
    assert "short line here" in kept.loc[0, "text"]
    assert "short line here" not in removed.loc[0, "text"]


def test_named_columns_alone_reach_the_stage(tmp_path):
    """A column left out of ``columns=`` is not in the key, so it must not be in the table."""
    one = cached(clean_corpus, RAW.assign(title=["T1", "T2"]), cache_dir=tmp_path,
                 columns=["doc_id", "source", "raw_text"], version="1")
    two = cached(clean_corpus, RAW.assign(title=["Other", "T2"]), cache_dir=tmp_path,
                 columns=["doc_id", "source", "raw_text"], version="1")
    assert not {"T1", "Other"} & (set(one["title"]) | set(two["title"]))
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(one, clean_corpus(RAW[["doc_id", "source", "raw_text"]]))


def test_same_function_same_closure_hits(tmp_path):
    cached(_scaled(3), RAW, cache_dir=tmp_path, version="1")
    cached(_scaled(3), RAW, cache_dir=tmp_path, version="1")
    cached(functools.partial(_head, n=1), RAW, cache_dir=tmp_path, version="1")
    cached(functools.partial(_head, n=1), RAW, cache_dir=tmp_path, version="1")
    assert len(list(tmp_path.glob("*.parquet"))) == 2


# --- issue 23, item 2: inputs the stage handles must not crash the cache --------------------
def test_missing_values_and_mixed_types_in_a_hashed_column_are_keyed(tmp_path):
    corpus = CORPUS.assign(title=pd.Series([None, np.nan], dtype=object),
                           extra=pd.Series([1, "x"], dtype=object),
                           when=pd.to_datetime(["2025-01-01", None]))
    first = cached(stage, corpus, cache_dir=tmp_path, version="1")
    cached(stage, corpus, cache_dir=tmp_path, version="1")
    assert len(CALLS) == 1
    pd.testing.assert_frame_equal(first, sentences(corpus))
    keys = {cache_key(corpus.assign(title=t), ["title"], stage="s", options={}, version="1")
            for t in ([None, None], [np.nan, np.nan], ["None", "nan"], [pd.NaT, pd.NaT])}
    assert len(keys) == 4


def test_table_parquet_cannot_store_is_returned_with_a_warning(tmp_path):
    corpus = CORPUS.assign(extra=pd.Series([1, "x"], dtype=object))
    with pytest.warns(UserWarning, match="not cached, Parquet cannot store it"):
        out = cached(lambda c: c, corpus, cache_dir=tmp_path, version="1")
    pd.testing.assert_frame_equal(out, corpus)
    assert not list(tmp_path.iterdir())  # no entry, no temporary file left


_BARRIER = []  # module-level: a closure's values are part of the key, a Barrier is not hashable


def _together(corpus):
    _BARRIER[0].wait(timeout=30)  # every thread computes, then all write the same entry at once
    return sentences(corpus)


def test_threads_writing_the_same_entry_do_not_collide(tmp_path):
    errors = []
    _BARRIER[:] = [threading.Barrier(8)]

    def run():
        try:
            cached(_together, CORPUS, cache_dir=tmp_path, version="1")
        except Exception as err:  # noqa: BLE001 - collected for the assertion
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p.suffix for p in tmp_path.iterdir()] == [".parquet"]


def test_partial_is_accepted_and_named(tmp_path):
    out = cached(functools.partial(sentences, text_column="text"), CORPUS, cache_dir=tmp_path,
                 version="1")
    pd.testing.assert_frame_equal(out, sentences(CORPUS))
    (entry,) = tmp_path.glob("*.parquet")
    assert entry.name.startswith("partial(analysis.tokens.sentences)-")


def test_corrupt_entry_is_recomputed_with_a_warning(tmp_path):
    cached(stage, CORPUS, cache_dir=tmp_path, version="1")
    (entry,) = tmp_path.glob("*.parquet")
    entry.write_bytes(b"PAR1 not really")
    with pytest.warns(UserWarning, match="unreadable cache file.*recomputing"):
        out = cached(stage, CORPUS, cache_dir=tmp_path, version="1")
    pd.testing.assert_frame_equal(out, sentences(CORPUS))
    assert len(CALLS) == 2
    pd.testing.assert_frame_equal(pd.read_parquet(entry), out)  # replaced by a good entry
