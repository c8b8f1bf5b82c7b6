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
        ({"a.txt": "x"}, [{"doc_id": "a", "outlet": "X"}], r"is missing column\(s\) source"),
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
        (pd.DataFrame({"doc_id": ["a"], "source": ["X"]}), r"is missing column\(s\) text"),
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


# --- issue 23: line breaks, Unicode, encodings, ids and the errors that used to mislead -------
ONE = [{"doc_id": "a", "source": "X"}]


@pytest.mark.parametrize(("data", "text", "note"), [
    (b"Talks\r\nin Baku\r\n", "Talks\nin Baku\n", "2 CRLF->LF"),
    (b"Talks\rin Baku\r", "Talks\nin Baku\n", "2 CR->LF"),
    ("Talks\u2028in Baku\u2029Next", "Talks\nin Baku\nNext", "1 U+2028->LF; 1 U+2029->LF"),
    ("a\x0cb\x85c\x0bd", "a\nb\nc\nd", "1 VT->LF; 1 FF->LF; 1 NEL->LF"),
    ("Zu\u0308rich", "Zürich", "NFC"),
    ("E\u200bU and U\u200dS", "EU and US", "1 U+200B removed; 1 U+200D removed"),
    ("Euro\u00adpean \ufeffUnion", "European Union", "1 U+00AD removed; 1 U+FEFF removed"),
    ("Plain.\nText.", "Plain.\nText.", ""),
], ids=["crlf", "lone-cr", "u2028-u2029", "ff-nel-vt", "nfd", "zero-width", "soft-hyphen",
        "plain"])
def test_line_breaks_and_invisible_characters_normalised_and_recorded(tmp_path, data, text, note):
    folder = write_folder(tmp_path / "c", {"a.txt": data}, ONE)
    row = load_corpus(folder).iloc[0]
    assert (row["raw_text"], row["normalized"]) == (text, note)
    raw = load_corpus(folder, normalize=False).iloc[0]
    assert raw["raw_text"] == (data.decode() if isinstance(data, bytes) else data)
    assert raw["normalized"] == ""


def test_normalised_text_tokenises_as_typed(tmp_path):
    from analysis.tokens import tokenize

    folder = write_folder(tmp_path / "c", {"a.txt": "Zu\u0308rich and E\u200bU"}, ONE)
    assert tokenize(load_corpus(folder).loc[0, "raw_text"]) == ["zürich", "and", "EU"]


@pytest.mark.parametrize(("data", "fallback", "text", "encoding"), [
    ("Baku".encode("utf-16"), None, "Baku", "utf-16-le"),
    (b"\xfe\xff" + "Баку".encode("utf-16-be"), None, "Баку", "utf-16-be"),
    (b"\xff\xfe\x00\x00" + "Baku".encode("utf-32-le"), None, "Baku", "utf-32-le"),
    (b"\xef\xbb\xbf" + "Баку".encode("cp1251"), "cp1251", "Баку", "cp1251"),
], ids=["utf16-le-bom", "utf16-be-bom", "utf32-le-bom", "utf8-bom-then-cp1251"])
def test_byte_order_marks_decode(tmp_path, data, fallback, text, encoding):
    folder = write_folder(tmp_path / "c", {"a.txt": data}, ONE)
    row = load_corpus(folder, fallback_encoding=fallback).iloc[0]
    assert (row["raw_text"], row["encoding"]) == (text, encoding)


@pytest.mark.parametrize(("data", "fallback", "match"), [
    (b"\xef\xbb\xbfBaku \xff news", None,
     r"a\.txt: starts with a UTF-8 byte-order mark but not valid UTF-8 \(byte 8"),
    ("Baku".encode("utf-16-le"), None, r"a\.txt: holds NUL characters.*UTF-16"),
    ("Zürich".encode("utf-16-le"), "cp1251", r"a\.txt: holds NUL characters \(decoded as cp1251"),
    (b"\xff\xfeB\x00a", None, r"a\.txt: starts with a UTF-16-LE byte-order mark but is not"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, r"a\.txt: not valid UTF-8 \(byte 0"),
], ids=["utf8-bom-invalid", "utf16-no-bom", "utf16-no-bom-fallback", "utf16-odd-bytes",
        "binary"])
def test_encoding_errors_name_the_file(tmp_path, data, fallback, match):
    folder = write_folder(tmp_path / "c", {"a.txt": data}, ONE)
    with pytest.raises(CorpusError, match=match):
        load_corpus(folder, fallback_encoding=fallback)


def test_jsonl_ids_keep_their_digits(tmp_path):
    file = tmp_path / "c.jsonl"
    rows = [("1", '1'), ("9007199254740993", '9007199254740993'), ("1.5", '1.5'),
            ("2.50", '2.50')]
    file.write_text("".join(f'{{"doc_id": {raw}, "source": "X", "text": "t{i}"}}\n'
                            for i, (_, raw) in enumerate(rows)))
    assert sorted(load_corpus(file)["doc_id"]) == sorted(ids for ids, _ in rows)


@pytest.mark.parametrize(("name", "content", "match"), [
    ("c.jsonl", '{"doc_id": "a", "source": "X", "text": 5}\n',
     r"c\.jsonl: doc_id 'a' has a number as text, not a string"),
    ("c.jsonl", '{"doc_id": "a", "source": "X", "text": ["x", "y"]}\n',
     r"c\.jsonl: doc_id 'a' has a list as text"),
    ("c.jsonl", '{"doc_id": "a", "source": "X", "text": null}\n',
     r"c\.jsonl: doc_id 'a' has no text \(missing value\)"),
    ("c.json", "[1, 2, 3]", r"c\.json: record 1 is a number, not a JSON object"),
    ("c.json", '{"a": 1}', r"c\.json: holds a JSON object, not a table"),
    ("c.jsonl", '[1]\n', r"c\.jsonl: line 1 is a list, not a JSON object"),
    ("c.json", '[{"doc_id": ["a"], "source": "X", "text": "t"}]',
     r"c\.json: row 1: doc_id is a list"),
    ("c.csv", "doc_id,source,text\n", r"c\.csv: no articles"),
    ("c.json", "[]", r"c\.json: no articles"),
], ids=["number-text", "list-text", "null-text", "json-numbers", "json-object", "jsonl-list",
        "list-id", "header-only-csv", "empty-json"])
def test_table_errors_say_what_is_wrong(tmp_path, name, content, match):
    file = tmp_path / name
    file.write_text(content)
    with pytest.raises(CorpusError, match=match):
        load_corpus(file)


@pytest.mark.parametrize("orient", ["columns", "split", "records"])
def test_pandas_json_layouts_load(tmp_path, orient):
    frame = pd.DataFrame({"doc_id": ["b", "a"], "source": ["Y", "X"], "text": ["Two.", "One."]})
    file = tmp_path / "c.json"
    frame.to_json(file, orient=orient) if orient != "columns" else frame.to_json(file)
    corpus = load_corpus(file)
    assert corpus[["doc_id", "source", "raw_text"]].values.tolist() == [
        ["a", "X", "One."], ["b", "Y", "Two."]]


def test_empty_manifest_is_an_error(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "sources.csv").write_text("doc_id,source\n")
    with pytest.raises(CorpusError, match=r"sources\.csv: no articles"):
        load_corpus(folder)


def test_txt_extension_in_any_case(tmp_path):
    folder = write_folder(tmp_path / "c", {"a.txt": "x", "stray.TXT": "y"}, ONE)
    with pytest.raises(CorpusError, match=r"1 \.txt file\(s\) without a manifest row in"
                                          r" sources\.csv: stray\.TXT"):
        load_corpus(folder)
    listed = write_folder(tmp_path / "d", {"a.txt": "x", "B.Txt": "y"},
                          ONE + [{"doc_id": "B", "source": "X"}])
    assert load_corpus(listed)["raw_text"].tolist() == ["y", "x"]


@pytest.mark.parametrize("name", ["c.csv.gz", "c.jsonl.gz"])
def test_compressed_tables_and_truncated_gzip(tmp_path, name):
    import gzip

    frame = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": ["Body."]})
    body = (frame.to_csv(index=False) if "csv" in name
            else frame.to_json(orient="records", lines=True)).encode()
    file = tmp_path / name
    file.write_bytes(gzip.compress(body))
    assert load_corpus(file)["raw_text"].tolist() == ["Body."]
    file.write_bytes(gzip.compress(body)[:-8])
    with pytest.raises(CorpusError, match=rf"{name}: broken gzip file"):
        load_corpus(file)
