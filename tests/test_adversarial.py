"""Adversarial corpora through the whole pipeline (issue 23).

Each case is a small corpus written to a temporary folder: bad encodings, line breaks other
than "\\n", invisible characters, tiny or odd corpora, broken files. A case either stops at
:func:`load_corpus` with a :class:`CorpusError` naming the file and the problem, or runs
load -> clean -> every measure of the notebooks and gives complete tables, with every raw line
accounted for (in the cleaned text or in the audit, a saved page's left-out lines included).

Each loadable case also draws every figure of the notebooks (``draw_every_figure``); ``make
figures`` on a one-source corpus from an active virtual environment is tested in
``tests/test_notebooks.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plots
from analysis.cache import cached
from analysis.clean import REASONS, clean_corpus, cleaning_audit, line_audit
from analysis.context import collocations, kwic
from analysis.corpus import COLUMNS, CorpusError, load_corpus
from analysis.freq import term_frequencies
from analysis.keyness import keyness
from analysis.overview import audit_summary, corpus_overview
from analysis.sentiment import evidence, sentiment_by_source, target_sentiment
from analysis.targets import alias_audit, alias_table, mentions
from analysis.tokens import sentences
from analysis.topics import tfidf_terms, tfidf_topics, topic_stability, topic_units

PROSE = [
    "The foreign ministers of Armenia and Azerbaijan met in Brussels on Monday to discuss a"
    " peace agreement brokered by the EU.",
    "Officials from the United States said Washington welcomed the talks and hoped for a"
    " signed treaty before the end of the year.",
    "Both delegations agreed to open the border crossings for trade once the commission had"
    " finished its work on the new map.",
    "Critics in Yerevan said the deal gave too much away, while analysts in Baku called it a"
    " historic step for the whole region.",
]
PLAIN = [  # no EU, US or Armenia: no mentions at all
    "The city council voted on Tuesday to build a new library near the central market square"
    " after years of debate.",
    "Local residents said the old building had been too small for the growing number of"
    " students who came to read there.",
]
MENU = ["Home", "News", "Sport", "Share:"]
FOOTER = ["© 2025 Example News. All rights reserved.", "Privacy Policy | Terms of Use"]


def page(body=PROSE, *, sep="\n", menu=MENU, footer=FOOTER) -> str:
    return sep.join([*menu, *body, *footer])


def folder(tmp: Path, files: dict, rows: list[dict] | None = None) -> Path:
    """A folder corpus: ``files`` (name -> str or bytes) and a manifest listing ``rows``
    (default: every file, source "X")."""
    out = tmp / "corpus"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    if rows is None:
        rows = [{"doc_id": name.split(".")[0], "source": "X"} for name in files]
    pd.DataFrame(rows, columns=["doc_id", "source"] if not rows else None).to_csv(
        out / "sources.csv", index=False)
    return out


def table(tmp: Path, name: str, data) -> Path:
    """A table file ``name`` holding ``data`` (a DataFrame, str or bytes)."""
    file = tmp / name
    if isinstance(data, pd.DataFrame):
        if name.endswith(".parquet"):
            data.to_parquet(file, index=False)
        elif name.endswith(".csv"):
            data.to_csv(file, index=False)
        else:
            data.to_json(file, orient="records", lines=True)
    else:
        file.write_bytes(data if isinstance(data, bytes) else data.encode())
    return file


def two_sources(texts_x=None, texts_y=None) -> pd.DataFrame:
    texts_x = [page()] if texts_x is None else texts_x
    texts_y = [page(PROSE[::-1])] if texts_y is None else texts_y
    rows = [("X", t) for t in texts_x] + [("Y", t) for t in texts_y]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(rows))],
                         "source": [s for s, _ in rows], "text": [t for _, t in rows]})


HTML = ("<!doctype html><html><head><meta charset='utf-8'><title>Talks | Example</title>"
        "<style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='promo'>Subscribe to our newsletter</div><article><h1>Talks in Brussels</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>"
        "<footer>© 2025 Example News. All rights reserved.</footer></body></html>")


# --- cases that must stop at load, with the file and the problem named ------------------------
ERRORS = {
    "empty-file": (lambda t: folder(t, {"a.txt": ""}), {}, r"a\.txt: empty file"),
    "whitespace-file": (lambda t: folder(t, {"a.txt": " \r\n\t\u2028"}), {},
                        r"a\.txt: empty file"),
    "binary": (lambda t: folder(t, {"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"}),
               {}, r"a\.txt: not valid UTF-8 \(byte 0"),
    "binary-with-fallback": (lambda t: folder(t, {"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00IHDR"}),
                             {"fallback_encoding": "cp1251"},
                             r"a\.txt: holds NUL characters \(decoded as cp1251\)"),
    "cp1251-without-fallback": (lambda t: folder(t, {"a.txt": "Новости Баку".encode("cp1251")}),
                                {}, r"a\.txt: not valid UTF-8.*fallback_encoding"),
    "bom-then-invalid": (lambda t: folder(t, {"a.txt": b"\xef\xbb\xbfBaku \xe0 news"}), {},
                         r"a\.txt: starts with a UTF-8 byte-order mark but not valid UTF-8"),
    "utf16-without-bom": (lambda t: folder(t, {"a.txt": "Zürich".encode("utf-16-le")}),
                          {"fallback_encoding": "cp1251"}, r"a\.txt: holds NUL characters"),
    "duplicate-ids": (lambda t: table(t, "c.csv", pd.DataFrame(
        {"doc_id": ["a", "a"], "source": "X", "text": PROSE[:2]})), {},
        r"c\.csv: duplicate doc_id a"),
    "duplicate-ids-case": (lambda t: folder(t, {"a.txt": "x", "a.TXT": "y"},
                                            [{"doc_id": "a", "source": "X"}]), {},
                           r"both a\.TXT and a\.txt for doc_id a"),
    "missing-columns": (lambda t: table(t, "c.csv", pd.DataFrame({"id": ["a"], "body": ["x"]})),
                        {}, r"c\.csv is missing column\(s\) doc_id, source, text"),
    "nan-text-csv": (lambda t: table(t, "c.csv", "doc_id,source,text\na,X,\n"), {},
                     r"c\.csv: doc_id 'a' has empty text"),
    "nan-text-parquet": (lambda t: table(t, "c.parquet", pd.DataFrame(
        {"doc_id": ["a"], "source": ["X"], "text": [None]}, dtype=object)), {},
        r"c\.parquet: doc_id 'a' has no text \(missing value\)"),
    "numeric-text": (lambda t: table(t, "c.parquet", pd.DataFrame(
        {"doc_id": ["a"], "source": ["X"], "text": [3.5]})), {},
        r"c\.parquet: doc_id 'a' has a number as text"),
    "list-text": (lambda t: table(t, "c.jsonl", '{"doc_id": "a", "source": "X", "text": [1]}'),
                  {}, r"c\.jsonl: doc_id 'a' has a list as text"),
    "json-not-records": (lambda t: table(t, "c.json", "[1, 2, 3]"), {},
                         r"c\.json: record 1 is a number, not a JSON object"),
    "header-only-csv": (lambda t: table(t, "c.csv", "doc_id,source,text\n"), {},
                        r"c\.csv: no articles"),
    "empty-manifest": (lambda t: folder(t, {}, []), {}, r"sources\.csv: no articles"),
    "unlisted-upper-case-txt": (lambda t: folder(t, {"a.txt": page(), "stray.TXT": page()},
                                                 [{"doc_id": "a", "source": "X"}]), {},
                                r"file\(s\) without a manifest row in sources\.csv: stray\.TXT"),
    "truncated-gzip-table": (lambda t: table(t, "c.csv.gz", gzip.compress(
        two_sources().to_csv(index=False).encode())[:-20]), {}, r"c\.csv\.gz: broken gzip file"),
    "truncated-gzip-page": (lambda t: folder(t, {"a.html.gz": gzip.compress(HTML.encode())[:60]}),
                            {}, r"a\.html\.gz: broken gzip file"),
    "html-without-article": (lambda t: folder(t, {"a.html": "<html><head><title>T</title>"
                                                            "</head><body><script>x = 1"
                                                            "</script></body></html>"}), {},
                             r"a\.html: no article text found in the page"),
    "empty-source": (lambda t: table(t, "c.csv", pd.DataFrame(
        {"doc_id": ["a"], "source": [" "], "text": ["x"]})), {},
        r"c\.csv: empty source for doc_id a"),
}


@pytest.mark.parametrize("build, options, match", ERRORS.values(), ids=ERRORS.keys())
def test_bad_corpus_stops_at_load_naming_file_and_problem(tmp_path, build, options, match):
    path = build(tmp_path)
    with pytest.raises(CorpusError, match=match) as err:
        load_corpus(path, **options)
    assert str(tmp_path) in str(err.value)  # the file (or folder) is named in full


# --- cases that load: the whole pipeline gives complete tables ------------------------------
def _ids(n):
    return [f"a{i}" for i in range(n)]


LOADABLE = {
    "cp1251-with-fallback": (lambda t: folder(t, {"a.txt": page().encode("cp1251", "replace"),
                                                  "b.txt": page(PROSE[::-1])}),
                             {"fallback_encoding": "cp1251"}),
    "utf8-bom": (lambda t: folder(t, {"a.txt": b"\xef\xbb\xbf" + page().encode(),
                                      "b.txt": page(PROSE[::-1])}), {}),
    "utf16-bom": (lambda t: folder(t, {"a.txt": page().encode("utf-16"),
                                       "b.txt": "\ufeff".encode("utf-16-be")
                                       + page(PROSE[::-1]).encode("utf-16-be")}), {}),
    "crlf": (lambda t: folder(t, {"a.txt": page(sep="\r\n"), "b.txt": page(sep="\r\n")}), {}),
    "lone-cr": (lambda t: folder(t, {"a.txt": page(sep="\r"), "b.txt": page(PLAIN, sep="\r")}),
                {}),
    "unicode-line-breaks": (lambda t: folder(t, {"a.txt": page(sep="\u2028"),
                                                 "b.txt": page(sep="\u2029\x0c\x85")}), {}),
    "nfd": (lambda t: folder(t, {"a.txt": page([p.replace("Brussels", "Zu\u0308rich")
                                                for p in PROSE]), "b.txt": page(PROSE[1:])}),
            {}),
    "zero-width-and-soft-hyphen": (lambda t: folder(t, {"a.txt": page(
        [p.replace("EU", "E\u200bU").replace("agreement", "agree\u00adment") for p in PROSE]),
        "b.txt": page(PROSE[1:])}), {}),
    "one-article": (lambda t: folder(t, {"a.txt": page()}), {}),
    "one-source": (lambda t: table(t, "c.csv", pd.DataFrame(
        {"doc_id": _ids(3), "source": "X", "text": [page(), page(PROSE[1:]), page(PLAIN)]})),
        {}),
    "no-mentions": (lambda t: table(t, "c.csv", two_sources([page(PLAIN)], [page(PLAIN[::-1])])),
                    {}),
    "identical-texts": (lambda t: table(t, "c.csv", two_sources([page()], [page()])), {}),
    "weird-source-names": (lambda t: table(t, "c.csv", pd.DataFrame(
        {"doc_id": _ids(3), "source": ["../../etc/passwd", "a/b\\c:*?", "Новости <b>"],
         "text": [page(), page(PROSE[::-1]), page(PLAIN)]})), {}),
    "path-like-doc-ids": (lambda t: table(t, "c.csv", pd.DataFrame(
        {"doc_id": ["../../x", "/abs/y", "c:\\z"], "source": ["X", "X", "Y"],
         "text": [page(), page(PROSE[1:]), page(PROSE[::-1])]})), {}),
    "float-and-huge-ids": (lambda t: table(t, "c.jsonl", "".join(
        f'{{"doc_id": {i}, "source": "{s}", "text": {json.dumps(x)}}}\n'
        for i, s, x in [("1", "X", page()), ("9007199254740993", "X", page(PROSE[1:])),
                        ("1.50", "Y", page(PROSE[::-1]))])), {}),
    "pandas-to-json-default": (lambda t: table(t, "c.json", two_sources().to_json()), {}),
    "html-page": (lambda t: folder(t, {"a.html": HTML, "b.txt": page(PROSE[::-1])}), {}),
}

ODD_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u200b\u00ad]")


# Too small for a topic model: one article's paragraphs share no term (min_df=2), and the
# topic stage says so in a ValueError instead of giving tables.
NO_TOPICS = {"one-article": r"no terms left for a topic model"}


def run_pipeline(corpus: pd.DataFrame, cache_dir: Path, *, no_topics: str | None = None
                 ) -> dict[str, pd.DataFrame]:
    """Every stage the notebooks run, on one corpus (plots: see the module docstring)."""
    cleaned = cached(clean_corpus, corpus, cache_dir=cache_dir)
    audit = cleaning_audit(corpus)
    units = topic_units(cleaned, unit="paragraph", min_tokens=3)
    topics = {}
    if no_topics:
        with pytest.raises(ValueError, match=no_topics):
            topic_stability(units, n_topics=range(2, 4), n_seeds=2)
    else:
        stability = topic_stability(units, n_topics=range(2, 4), n_seeds=2)
        suggested = stability.loc[stability["suggested"], "n_topics"]
        topic_terms, topic_shares = tfidf_topics(
            units, n_topics=int(suggested.iloc[0]) if len(suggested) else 2, method="nmf",
            random_state=0)
        topics = {"stability": stability, "topic_terms": topic_terms,
                  "topic_shares": topic_shares}
    scores = target_sentiment(cleaned)
    return {**topics,
        "cleaned": cleaned, "audit": audit, "audit_summary": audit_summary(audit),
        "lines": line_audit(corpus), "overview": corpus_overview(cleaned),
        "sentences": sentences(cleaned),
        "terms": term_frequencies(cleaned, by="source"),
        "bigrams": term_frequencies(cleaned, by="source", ngram_range=(2, 2)),
        "keyness": keyness(cleaned, by="source"),
        "tfidf_terms": tfidf_terms(cleaned, by="source"),
        "units": units,
        "collocations": pd.concat([collocations(cleaned, t, window=5)
                                   for t in ("EU", "US", "Armenia")], ignore_index=True),
        "kwic": pd.concat([kwic(cleaned, "Armenia", window=8), kwic(cleaned, "peace", window=6)],
                          ignore_index=True),
        "mentions": mentions(cleaned), "alias_audit": alias_audit(cleaned),
        "scores": scores,
        "by_source": sentiment_by_source(scores, sources=cleaned["source"],
                                         targets=alias_table()["target"]),
        "evidence": evidence(scores, k=3),
    }


def assert_lines_accounted(corpus: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> None:
    """Every non-empty raw line is in the line audit under its number; a kept line is in the
    cleaned text, a removed one in the cleaning audit; a page's left-out lines are listed."""
    lines, cleaned, audit = tables["lines"], tables["cleaned"], tables["audit"]
    for doc_id, raw, outside in zip(corpus["doc_id"], corpus["raw_text"],
                                    corpus["outside_text"]):
        expected = [(n, s.strip()) for n, s in enumerate(raw.split("\n"), 1) if s.strip()]
        expected += [(0, s.strip()) for s in outside.split("\n") if s.strip()]
        mine = lines[lines["doc_id"] == doc_id]
        assert sorted(zip(mine["line_no"], mine["line"])) == sorted(expected), doc_id
        text = " ".join(cleaned.loc[cleaned["doc_id"] == doc_id, "text"].iloc[0].split())
        for line in mine.loc[mine["kept"], "line"]:
            assert " ".join(line.split()) in text, (doc_id, line)
        gone = audit[audit["doc_id"] == doc_id]
        assert sorted(zip(gone["line_no"], gone["line"])) == sorted(
            zip(mine.loc[~mine["kept"], "line_no"], mine.loc[~mine["kept"], "line"]))
    assert set(lines["reason"]) <= {"", *REASONS}


@pytest.mark.parametrize("case, build, options", [(k, *v) for k, v in LOADABLE.items()],
                         ids=LOADABLE.keys())
def test_odd_corpus_runs_the_whole_pipeline(tmp_path, case, build, options):
    path = build(tmp_path)
    corpus = load_corpus(path, **options)
    assert list(corpus.columns) == COLUMNS and len(corpus) >= 1
    tables = run_pipeline(corpus, tmp_path / "cache", no_topics=NO_TOPICS.get(case))
    for name, out in tables.items():
        assert isinstance(out, pd.DataFrame), name
    assert_lines_accounted(corpus, tables)
    # No line break other than "\n", zero-width space or soft hyphen reaches any text column.
    for name in ("cleaned", "sentences", "kwic", "mentions", "scores"):
        for col in tables[name].select_dtypes(include=["object", "string"]).columns:
            leaked = [v for v in tables[name][col] if isinstance(v, str) and ODD_BREAKS.search(v)]
            assert leaked == [], (name, col, leaked[:1])
    assert set(tables["cleaned"]["doc_id"]) == set(corpus["doc_id"])
    assert set(tables["overview"]["source"]) == set(corpus["source"])
    draw_every_figure(tables)


def draw_every_figure(tables: dict[str, pd.DataFrame]) -> None:
    """The notebooks' figures of one corpus: each draws (a figure saying it is empty where the
    table is), never a matplotlib error."""
    figures = [
        plots.plot_corpus_overview(tables["overview"]),
        plots.plot_audit_summary(tables["audit_summary"]),
        plots.plot_term_frequencies(tables["terms"]),
        plots.plot_term_frequencies(tables["bigrams"]),
        plots.plot_keyness(tables["keyness"]),
        plots.plot_tfidf_terms(tables["tfidf_terms"]),
        plots.plot_collocations(tables["collocations"]),
        plots.plot_sentiment_by_source(tables["by_source"]),
        plots.plot_sentiment_shares(tables["by_source"]),
        plots.plot_target_sentiment(tables["scores"]),
    ]
    if "stability" in tables:
        figures += [plots.plot_topic_stability(tables["stability"]),
                    plots.plot_topic_terms(tables["topic_terms"]),
                    plots.plot_topic_shares(tables["topic_shares"])]
    for result in figures:
        axes = result.ravel() if hasattr(result, "ravel") else [result]
        assert all(ax.figure is not None for ax in axes)
    plt.close("all")


# What the odd cases must give, beyond complete tables (the issue's symptoms).
@pytest.mark.parametrize("case", ["crlf", "lone-cr", "unicode-line-breaks"])
def test_line_breaks_do_not_turn_cleaning_off(tmp_path, case):
    build, options = LOADABLE[case]
    corpus = load_corpus(build(tmp_path), **options)
    assert corpus["normalized"].str.contains("->LF").all()
    cleaned = clean_corpus(corpus)
    for text in cleaned["text"]:
        assert "All rights reserved" not in text and "Share:" not in text
    audit = cleaning_audit(corpus)
    assert {"© 2025 Example News. All rights reserved.", "Share:"} <= set(audit["line"])


def test_raw_text_with_a_lone_cr_is_refused_by_the_cleaner():
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "raw_text": [page(sep="\r")]})
    with pytest.raises(ValueError, match=r"line break other than.*doc_id a.*load_corpus"):
        clean_corpus(c)


def test_invisible_characters_no_longer_hide_words(tmp_path):
    for case, term in [("nfd", "zürich"), ("zero-width-and-soft-hyphen", "agreement")]:
        build, options = LOADABLE[case]
        sub = tmp_path / case
        sub.mkdir()
        cleaned = clean_corpus(load_corpus(build(sub), **options))
        assert term in set(term_frequencies(cleaned, by="source")["term"]), case
    found = mentions(cleaned)
    assert (found["alias"] == "EU").sum() == 1  # "E\u200bU" is a mention again


def test_html_page_lines_left_out_by_the_extractor_are_audited(tmp_path):
    build, options = LOADABLE["html-page"]
    corpus = load_corpus(build(tmp_path), **options).set_index("doc_id")
    audit = cleaning_audit(corpus.reset_index())
    outside = audit.loc[audit["reason"] == "outside the extracted article", "line"].tolist()
    assert outside == ["Home World", "Subscribe to our newsletter",
                       "© 2025 Example News. All rights reserved."]
    assert corpus.loc["b", "outside_text"] == ""


def test_ids_and_source_names_come_back_as_written(tmp_path):
    build, options = LOADABLE["float-and-huge-ids"]
    corpus = load_corpus(build(tmp_path), **options)
    assert corpus["doc_id"].tolist() == ["1", "1.50", "9007199254740993"]
    build, options = LOADABLE["weird-source-names"]
    sub = tmp_path / "w"
    sub.mkdir()
    corpus = clean_corpus(load_corpus(build(sub), **options))
    assert set(corpus_overview(corpus)["source"]) == {"../../etc/passwd", "a/b\\c:*?",
                                                      "Новости <b>"}
