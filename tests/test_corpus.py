"""Tests for analysis.corpus: the seeds, every accepted input shape, and every bad input."""

import hashlib
import json

import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import COLUMNS, CorpusError, load_corpus

SEED_SOURCES = {
    "000_c41a3b09f7ac46e2": "Caliber.az",
    "001_5dbe3e34a99322db": "Caliber.az",
    "002_4f2f4b18c65c3dfc": "AzerNews",
    "003_e67ada5fbd699134": "AIR Center",
    "004_eefde8abd33d1b04": "1news.az",
}


def write_folder(folder, files, manifest_rows):
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    pd.DataFrame(manifest_rows).to_csv(folder / "sources.csv", index=False)
    return folder


def test_seeds_load_with_manifest_metadata():
    corpus = load_corpus(paths.SEEDS_DIR)
    assert list(corpus.columns) == COLUMNS
    assert dict(zip(corpus["doc_id"], corpus["source"])) == SEED_SOURCES
    dates = dict(zip(corpus["doc_id"], corpus["date"]))
    assert dates["000_c41a3b09f7ac46e2"] == "2025-12-23 15:14"
    assert dates["003_e67ada5fbd699134"] == "2025-11"
    assert dates["002_4f2f4b18c65c3dfc"] == ""
    assert set(corpus["encoding"]) == {"utf-8"}
    assert set(corpus["language"]) == {"en"}


def test_seed_raw_text_is_byte_identical_to_the_file():
    corpus = load_corpus(paths.SEEDS_DIR)
    for doc_id, text in zip(corpus["doc_id"], corpus["raw_text"]):
        raw = (paths.SEEDS_DIR / f"{doc_id}.txt").read_bytes()
        assert hashlib.sha1(text.encode("utf-8")).digest() == hashlib.sha1(raw).digest()


def test_seeds_match_the_shared_originals():
    shared = paths.SHARED_DIR / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not present")
    for f in sorted(shared.glob("*.txt")):
        assert (paths.SEEDS_DIR / f.name).read_bytes() == f.read_bytes()


def test_default_path_follows_environment(tmp_path, monkeypatch):
    table = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["Body."]}).to_csv(table, index=False)
    monkeypatch.setenv("ANALYSIS_CORPUS", str(table))
    assert load_corpus()["doc_id"].tolist() == ["a"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "parquet"])
def test_table_formats_give_the_same_corpus(tmp_path, fmt):
    pytest.importorskip("pyarrow") if fmt == "parquet" else None
    frame = pd.DataFrame({"doc_id": ["b", "a"], "source": ["Y", "X"],
                          "text": ["Second body.", "First body,\nline two."],
                          "date": ["2025-01-02", ""]})
    file = tmp_path / f"corpus.{fmt}"
    if fmt == "csv":
        frame.to_csv(file, index=False)
    elif fmt == "jsonl":
        file.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")) + "\n")
    elif fmt == "json":
        file.write_text(json.dumps(frame.to_dict("records")))
    else:
        frame.to_parquet(file)
    corpus = load_corpus(file)
    assert corpus["doc_id"].tolist() == ["a", "b"]
    assert corpus["raw_text"].tolist() == ["First body,\nline two.", "Second body."]
    assert corpus["date"].tolist() == ["", "2025-01-02"]
    assert corpus["title"].tolist() == ["", ""]


@pytest.mark.parametrize(
    ("files", "rows", "match"),
    [
        ({"a.txt": "x"}, [{"doc_id": "a", "source": "X"}, {"doc_id": "b", "source": "X"}],
         r"1 manifest row\(s\) without a \.txt file.*: b"),
        ({"a.txt": "x", "c.txt": "y"}, [{"doc_id": "a", "source": "X"}],
         r"1 \.txt file\(s\) without a manifest row.*: c"),
        ({"a.txt": "x"}, [{"doc_id": "a", "source": "X"}, {"doc_id": "a", "source": "Y"}],
         r"duplicate doc_id a"),
        ({"a.txt": "  \n\n"}, [{"doc_id": "a", "source": "X"}], r"a\.txt: empty file"),
        ({"a.txt": b"Baku \xff\xfe news"}, [{"doc_id": "a", "source": "X"}],
         r"a\.txt: not valid UTF-8 \(byte 5"),
        ({"a.txt": "x"}, [{"doc_id": "a", "source": ""}], r"empty source for doc_id a"),
        ({"a.txt": "x"}, [{"doc_id": "a", "outlet": "X"}], r"missing required column\(s\) source"),
    ],
    ids=["missing-file", "extra-file", "duplicate-id", "empty-file", "bad-utf8", "no-source",
         "no-source-column"],
)
def test_folder_errors_name_the_file_and_problem(tmp_path, files, rows, match):
    folder = write_folder(tmp_path / "c", files, rows)
    with pytest.raises(CorpusError, match=match):
        load_corpus(folder)


def test_missing_manifest_and_path(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(CorpusError, match=r"sources\.csv: manifest not found"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match=r"no such file or folder"):
        load_corpus(tmp_path / "nowhere")


def test_fallback_encoding_is_recorded_per_row(tmp_path):
    cyrillic = "Новости Баку".encode("cp1251")
    folder = write_folder(tmp_path / "c", {"a.txt": cyrillic, "b.txt": "plain"},
                          [{"doc_id": "a", "source": "X"}, {"doc_id": "b", "source": "X"}])
    corpus = load_corpus(folder, fallback_encoding="cp1251")
    assert corpus["raw_text"].tolist() == ["Новости Баку", "plain"]
    assert corpus["encoding"].tolist() == ["cp1251", "utf-8"]


def test_utf8_bom_is_accepted_and_recorded(tmp_path):
    folder = write_folder(tmp_path / "c", {"a.txt": b"\xef\xbb\xbfHello"},
                          [{"doc_id": "a", "source": "X"}])
    corpus = load_corpus(folder)
    assert corpus.loc[0, "raw_text"] == "Hello"
    assert corpus.loc[0, "encoding"] == "utf-8-sig"


def test_explicit_manifest_elsewhere(tmp_path):
    folder = write_folder(tmp_path / "c", {"a.txt": "x"}, [{"doc_id": "a", "source": "X"}])
    moved = tmp_path / "meta.csv"
    (folder / "sources.csv").rename(moved)
    assert load_corpus(folder, manifest=moved)["source"].tolist() == ["X"]


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame({"doc_id": ["a"], "source": ["X"]}), r"missing required column\(s\) text"),
        (pd.DataFrame({"doc_id": ["a", "a"], "source": ["X", "X"], "text": ["1", "2"]}),
         r"duplicate doc_id a"),
        (pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [""]}),
         r"doc_id 'a' has empty text"),
    ],
    ids=["no-text-column", "duplicate", "empty-text"],
)
def test_table_errors(tmp_path, frame, match):
    file = tmp_path / "c.csv"
    frame.to_csv(file, index=False)
    with pytest.raises(CorpusError, match=match):
        load_corpus(file)


def test_bad_jsonl_line_and_unknown_suffix(tmp_path):
    file = tmp_path / "c.jsonl"
    file.write_text('{"doc_id": "a", "source": "X", "text": "t"}\n{broken\n')
    with pytest.raises(CorpusError, match=r"c\.jsonl: line 2 is not valid JSON"):
        load_corpus(file)
    other = tmp_path / "c.xlsx"
    other.write_text("x")
    with pytest.raises(CorpusError, match=r"unsupported corpus file type '\.xlsx'"):
        load_corpus(other)


def test_loading_is_deterministic():
    pd.testing.assert_frame_equal(load_corpus(paths.SEEDS_DIR), load_corpus(paths.SEEDS_DIR))
