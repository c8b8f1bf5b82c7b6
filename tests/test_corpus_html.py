"""HTML input of analysis.corpus.load_corpus (extracted with trafilatura, offline)."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from analysis.clean import clean_corpus
from analysis.corpus import CorpusError, html_text, load_corpus

BODY = ("The foreign ministers of both countries met in Baku on Monday to discuss a new "
        "agreement on trade, energy and transport links across the region. ")
PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Talks in Baku | Example News</title>
<meta property="og:title" content="Talks in Baku">
<meta property="article:published_time" content="2025-05-05T10:00:00Z">
<link rel="canonical" href="https://example.org/news/talks-in-baku">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<article><h1>Talks in Baku</h1>
<p>{BODY * 2}</p><p>“We will not give up,” she said. {BODY}</p></article>
<footer>© 2025 Example News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def write(folder, files, rows):
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    pd.DataFrame(rows).to_csv(folder / "sources.csv", index=False)
    return folder


@pytest.mark.parametrize("name", ["a.html", "a.html.gz"])
def test_html_page_loaded_with_metadata(tmp_path, name):
    data = PAGE.encode() if name.endswith(".html") else gzip.compress(PAGE.encode())
    folder = write(tmp_path / "c", {name: data, "b.txt": "Plain text body."},
                   [{"doc_id": "a", "source": "X"}, {"doc_id": "b", "source": "Y"}])
    corpus = load_corpus(folder).set_index("doc_id")
    row = corpus.loc["a"]
    assert "met in Baku on Monday" in row["raw_text"]
    assert "We will not give up" in row["raw_text"]
    for boiler in ("Privacy", "All rights reserved", "Politics"):
        assert boiler not in row["raw_text"]
    assert row["title"] == "Talks in Baku"
    assert row["date"] == "2025-05-05"
    assert row["url"] == "https://example.org/news/talks-in-baku"
    assert row["encoding"] == "html"
    assert corpus.loc["b", "raw_text"] == "Plain text body."
    assert "met in Baku" in clean_corpus(corpus.reset_index()).set_index("doc_id").loc["a", "text"]


def test_manifest_metadata_wins_over_page(tmp_path):
    folder = write(tmp_path / "c", {"a.html": PAGE},
                   [{"doc_id": "a", "source": "X", "title": "Own title", "date": "2025"}])
    row = load_corpus(folder).iloc[0]
    assert (row["title"], row["date"]) == ("Own title", "2025")


def test_html_and_txt_for_same_id_rejected(tmp_path):
    folder = write(tmp_path / "c", {"a.html": PAGE, "a.txt": "x"},
                   [{"doc_id": "a", "source": "X"}])
    with pytest.raises(CorpusError, match=r"both a \.txt and an \.html file for doc_id a"):
        load_corpus(folder)


def test_page_without_article_rejected(tmp_path):
    folder = write(tmp_path / "c", {"a.html": "<html><head></head><body></body></html>"},
                   [{"doc_id": "a", "source": "X"}])
    with pytest.raises(CorpusError, match=r"a\.html: no article text found"):
        load_corpus(folder)


def test_broken_gzip_rejected():
    with pytest.raises(CorpusError, match="p.html.gz: broken gzip file"):
        html_text(b"\x1f\x8b\x08garbage", where="p.html.gz")


def test_html_extraction_deterministic():
    assert html_text(PAGE.encode()) == html_text(PAGE.encode())


def test_what_the_extractor_left_out_is_audited(tmp_path):
    from analysis.clean import cleaning_audit

    folder = write(tmp_path / "c", {"a.html": PAGE}, [{"doc_id": "a", "source": "X"}])
    corpus = load_corpus(folder)
    assert corpus.loc[0, "outside_text"] == ("Home Politics World\n"
                                             "© 2025 Example News. All rights reserved. Privacy")
    audit = cleaning_audit(corpus)
    outside = audit[audit["reason"] == "outside the extracted article"]
    assert outside[["line_no", "line"]].values.tolist() == [
        [0, "Home Politics World"], [0, "© 2025 Example News. All rights reserved. Privacy"]]
    # Every visible line of the page is in the cleaned body or in the audit.
    body = clean_corpus(corpus).loc[0, "text"]
    visible = ["Home Politics World", "Talks in Baku", " ".join((BODY * 2).split()),
               " ".join(f"“We will not give up,” she said. {BODY}".split()),
               "© 2025 Example News. All rights reserved. Privacy"]
    unaccounted = [line for line in visible
                   if line not in body and line not in set(audit["line"])]
    assert unaccounted == []


def test_page_text_lines_split_at_blocks_and_breaks():
    page = (b"<html><head><title>T</title><style>p {color: red}</style></head><body>"
            b"<div>Menu <a href='/'>Home</a></div><p>First line<br>second <b>bold</b> line</p>"
            b"<script>var x = 1;</script><ul><li>One</li><li>Two</li></ul></body></html>")
    from trafilatura.utils import load_html

    from analysis.corpus import _visible_lines

    assert _visible_lines(load_html(page)) == ["Menu Home", "First line", "second bold line",
                                               "One", "Two"]
