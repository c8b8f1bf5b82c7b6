"""Tests for analysis.distributed: a Dask cluster gives the pandas tables, number for number.

Nine hand-written articles from three outlets sit in three Parquet files (three partitions),
each outlet spread over all three, so every corpus-wide quantity (lines repeated across an
outlet's articles, per-outlet counts) has to be combined across partitions to come out right.
"""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

# No importorskip: dask is in .[dev], so a CI without it fails here instead of skipping.
from dask.distributed import Client, LocalCluster

from analysis import distributed as dist
from analysis.clean import clean_corpus, cleaning_audit
from analysis.corpus import CorpusError, load_corpus
from analysis.freq import term_frequencies
from analysis.keyness import KeynessWarning, keyness
from analysis.sentiment import sentiment_by_source, target_sentiment

BRIEF = "Baku Morning Brief"  # Alpha's recurring short line, in articles 01 and 04 (two files)
SHARE = "Share this article"

ARTICLES = [
    ("01", "Alpha", f"""Alpha News
The European Union praised Azerbaijan for its strong and reliable energy partnership today.
{BRIEF}
Officials in Brussels said the new gas deal would help both sides through a difficult winter.
{SHARE}"""),
    ("02", "Beta", """The United States criticised the slow pace of the peace talks with Armenia.
Washington warned that failure to sign the treaty would hurt the whole region badly.
© 2025 Beta Media. All rights reserved."""),
    ("03", "Gamma", """Armenia and Azerbaijan held friendly talks on the border agreement this week.
Analysts called the meeting a hopeful sign for lasting peace in the South Caucasus."""),
    ("04", "Alpha", f"""The EU and Azerbaijan signed a landmark agreement on green energy corridors.
{BRIEF}
Ministers welcomed the deal as a great success for trade between Europe and the Caspian.
{SHARE}"""),
    ("05", "Beta", """Critics accused the EU of hypocrisy over its silence on the energy deal.
The US State Department said it supports a fair and lasting peace agreement.
Views: 120"""),
    ("06", "Gamma", """The European Union is hopelessly behind the U.S. in the race for influence.
Armenia faces a difficult choice between its old allies and new partners in the West."""),
    ("07", "Alpha", f"""Azerbaijan rejected the unfair criticism from Armenia about border talks.
The government said the EU remains a trusted partner for regional trade and energy.
{SHARE}"""),
    ("08", "Beta", """The United States and the EU agreed to coordinate sanctions on aggression.
Observers said the joint statement was a strong signal of support for peace.
© 2025 Beta Media. All rights reserved."""),
    ("09", "Gamma", """Armenia thanked the US for its generous humanitarian aid to the displaced.
Local officials said the help arrived quickly and saved many lives this winter."""),
]


def corpus_table() -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "source": s, "title": "", "text": t}
                         for d, s, t in ARTICLES])


@pytest.fixture(scope="module")
def client():
    # Worker processes, as on a real cluster: every task, option and the broadcast evidence
    # is pickled to another interpreter, which threads in one process would never test. Two
    # single-threaded workers start in about two seconds, once for the module.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Three Parquet files, articles 01-03, 04-06, 07-09: every outlet in every file."""
    folder = tmp_path_factory.mktemp("archive")
    table = corpus_table()
    for i in range(3):
        table.iloc[3 * i:3 * i + 3].to_parquet(folder / f"part-{i}.parquet", index=False)
    table.to_parquet(folder.parent / "whole.parquet", index=False)
    return folder


@pytest.fixture(scope="module")
def pandas_path(archive):
    raw = load_corpus(archive.parent / "whole.parquet")
    return raw, clean_corpus(raw, prose_words=8)


@pytest.fixture(scope="module")
def dask_path(client, archive):
    raw = dist.read_corpus(archive / "*.parquet")
    return raw, dist.clean_corpus(raw, prose_words=8).persist()


def test_read_corpus_equals_load_corpus(dask_path, pandas_path):
    assert dask_path[0].npartitions == 3
    pd.testing.assert_frame_equal(dask_path[0].compute().reset_index(drop=True), pandas_path[0])


def test_clean_corpus_equals_pandas_with_evidence_across_partitions(dask_path, pandas_path):
    cleaned = dask_path[1].compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(cleaned, pandas_path[1])
    alpha = cleaned.set_index("doc_id")["text"]
    assert BRIEF not in alpha["01"] and BRIEF not in alpha["04"]
    # the evidence mattered: cleaning the first file alone keeps the brief (seen once there)
    alone = clean_corpus(pandas_path[0].iloc[:3], prose_words=8).set_index("doc_id")["text"]
    assert BRIEF in alone["01"]


def test_cleaning_audit_equals_pandas(dask_path, pandas_path):
    audit = dist.cleaning_audit(dask_path[0], prose_words=8).compute().reset_index(drop=True)
    expected = cleaning_audit(pandas_path[0], prose_words=8)
    pd.testing.assert_frame_equal(audit, expected)
    assert set(audit.loc[audit["line"] == BRIEF, "reason"]) == {"repeated across source"}


def test_line_counts_add_up_across_partitions(dask_path):
    counts = dist.line_counts(dask_path[0], min_docs=2)
    assert counts.values.tolist() == [
        ["Alpha", "baku morning brief", 2],
        ["Alpha", "share this article", 3],
        ["Beta", "2025 beta media all rights reserved", 2],
    ]


@pytest.mark.parametrize("options", [
    {},                                                      # words, cluster interval
    {"min_docs": 2},
    {"n_boot": 200, "interval": "bootstrap"},                # words, exact bootstrap
    {"n_boot": 200, "ngram_range": (1, 2), "min_count": 2, "interval": "bootstrap"},
])
def test_term_frequencies_equal_pandas(dask_path, pandas_path, options):
    pd.testing.assert_frame_equal(dist.term_frequencies(dask_path[1], **options),
                                  term_frequencies(pandas_path[1], **options), check_exact=True)


@pytest.mark.parametrize("by", ["source", "article"])  # "article": one per group, no interval
def test_term_frequencies_any_partitioning(client, pandas_path, by):
    import dask.dataframe as dd

    cleaned = pandas_path[1].assign(article=lambda t: "art" + t["doc_id"])
    ddf = dd.from_pandas(cleaned, npartitions=9, sort=False)  # two levels of partial sums
    for interval in ("cluster", "bootstrap"):
        pd.testing.assert_frame_equal(
            dist.term_frequencies(ddf, by=by, n_boot=100, interval=interval),
            term_frequencies(cleaned, by=by, n_boot=100, interval=interval), check_exact=True)


def test_large_groups_get_the_normal_interval(dask_path, pandas_path):
    got = dist.term_frequencies(dask_path[1], n_boot=100, max_boot_docs=2, interval="bootstrap")
    want = term_frequencies(pandas_path[1], n_boot=100, interval="bootstrap")
    exact = ["source", "term", "count", "n_tokens", "per_1k", "n_docs", "n_docs_group"]
    pd.testing.assert_frame_equal(got[exact], want[exact], check_exact=True)
    assert (got["ci_low"] <= got["per_1k"]).all() and (got["per_1k"] <= got["ci_high"]).all()
    assert got["ci_high"].notna().all()


def test_normal_interval_approximates_the_bootstrap(client):
    """600 random articles in two outlets: both intervals agree to a few percent."""
    import dask.dataframe as dd

    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(40)]
    texts = [" ".join(rng.choice(words, size=rng.integers(50, 300))) for _ in range(600)]
    corpus = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(600)],
                           "source": ["A", "B"] * 300, "text": texts})
    ddf = dd.from_pandas(corpus, npartitions=4, sort=False)
    boot = term_frequencies(corpus, n_boot=1000, interval="bootstrap")
    normal = dist.term_frequencies(ddf, n_boot=1000, max_boot_docs=100, interval="bootstrap")
    for col in ["ci_low", "ci_high"]:
        rel = (normal[col] - boot[col]).abs() / boot[col]
        assert rel.median() < 0.01 and rel.max() < 0.05
    # the cluster interval from summed squares against the exact one (300 articles a group)
    exact = term_frequencies(corpus)
    sums = dist.term_frequencies(ddf, max_boot_docs=100)
    for col in ["ci_low", "ci_high"]:
        rel = (sums[col] - exact[col]).abs() / exact[col]
        assert 0 < rel.max() < 0.005


@pytest.mark.parametrize("c, n, expected_half", [
    # rate 4/20; residuals (1 - 2, 3 - 2) -> sum of squares 2; half = 1.96 sqrt(2) / 20
    ([1, 3], [10, 10], 1.959964 * math.sqrt(2) / 20),
    ([2, 2], [10, 10], 0.0),  # the same rate in every article: no spread
])
def test_ratio_interval_by_hand(c, n, expected_half):
    from analysis.distributed.counts import _ratio_interval

    c, n = np.array(c, float), np.array(n, float)
    low, high = _ratio_interval(c.sum(), (c * c).sum(), (c * n).sum(), n.sum(), (n * n).sum(),
                                0.025)
    rate = 1000 * c.sum() / n.sum()
    assert high == pytest.approx(rate + 1000 * expected_half, rel=1e-6)
    assert low == pytest.approx(rate - 1000 * expected_half, rel=1e-6)


@pytest.mark.parametrize("options", [
    {"min_count": 2, "min_docs": 1, "min_tokens": 1},
    {"min_count": 1, "ngram_range": (1, 2), "min_docs": 1, "min_tokens": 1},
])
def test_keyness_equals_pandas(dask_path, pandas_path, options):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no small-group warning with these thresholds
        got = dist.keyness(dask_path[1], **options)
        want = keyness(pandas_path[1], **options)
    pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_keyness_warns_like_pandas(dask_path):
    with pytest.warns(KeynessWarning, match="'Alpha' has .* tokens"):
        dist.keyness(dask_path[1])


def test_target_sentiment_and_summary_equal_pandas(dask_path, pandas_path):
    scores = dist.target_sentiment(dask_path[1])
    got = scores.compute().sort_values(["doc_id", "sent_id", "target"], kind="stable")
    want = target_sentiment(pandas_path[1])
    assert len(want) >= 10 and set(want["target"]) == {"EU", "US", "Armenia"}
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_exact=True)
    pd.testing.assert_frame_equal(dist.sentiment_by_source(scores, n_boot=300),
                                  sentiment_by_source(want, n_boot=300), check_exact=True)


def test_sentences_kwic_and_collocations_equal_pandas(dask_path, pandas_path):
    from analysis.context import collocations, kwic
    from analysis.tokens import sentences

    corpus, ddf = pandas_path[1], dask_path[1]
    got = dist.sentences(ddf).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, sentences(corpus), check_exact=True)
    want = kwic(corpus, "EU", window=3)
    # 01 "European Union" and "Brussels", 04-08 one each ("Europe and the Caspian" is not it)
    assert len(want) == 7
    got = dist.kwic(ddf, "EU", window=3).compute()
    got = got.sort_values(["source", "doc_id", "sent_id", "start", "target"], kind="stable")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_exact=True)
    for options in ({}, {"by": "doc_id", "min_count": 1}, {"window": 2, "measure": "pmi"}):
        want = collocations(corpus, {"EU": ["EU", "European Union"], "peace": ["peace"]},
                            **options)
        got = dist.collocations(ddf, {"EU": ["EU", "European Union"], "peace": ["peace"]},
                                **options)
        assert len(want) > 0
        pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_same_input_twice_gives_equal_tables(dask_path):
    one = dist.term_frequencies(dask_path[1], n_boot=50, interval="bootstrap")
    two = dist.term_frequencies(dask_path[1], n_boot=50, interval="bootstrap")
    pd.testing.assert_frame_equal(one, two, check_exact=True)


@pytest.mark.parametrize("files, match", [
    ({"a.parquet": ["01", "02"], "b.parquet": ["03", "01"]},
     r"1 duplicate doc_id across files: 01 \(.*a\.parquet, .*b\.parquet\)"),
    ({"a.parquet": ["01", "01"]}, r"a\.parquet: duplicate doc_id 01"),
    ({"a.parquet": ["01", ""]}, r"a\.parquet: empty doc_id"),
    ({}, "no corpus files"),
])
def test_read_corpus_id_errors(client, tmp_path, files, match):
    for name, ids in files.items():
        pd.DataFrame({"doc_id": ids, "source": "X", "text": "EU talks."}).to_parquet(
            tmp_path / name, index=False)
    with pytest.raises(CorpusError, match=match):
        dist.read_corpus(tmp_path)


@pytest.mark.parametrize("columns, match", [
    (["doc_id", "source"], r"b\.parquet: missing required column\(s\) text"),
    (["doc_id", "text"], r"b\.parquet: missing required column\(s\) source"),
])
def test_read_corpus_missing_columns(client, tmp_path, columns, match):
    full = pd.DataFrame({"doc_id": ["01"], "source": ["X"], "text": ["EU talks."]})
    full.to_parquet(tmp_path / "a.parquet", index=False)
    full.assign(doc_id="02")[columns].to_parquet(tmp_path / "b.parquet", index=False)
    with pytest.raises(CorpusError, match=match):
        dist.read_corpus(tmp_path / "*.parquet")


def test_other_table_formats_and_late_checks(client, tmp_path):
    pd.DataFrame({"doc_id": ["01"], "source": ["X"], "text": ["EU talks."]}).to_csv(
        tmp_path / "a.csv", index=False)
    pd.DataFrame({"doc_id": ["02"], "source": ["X"], "text": [" "]}).to_json(
        tmp_path / "b.jsonl", orient="records", lines=True)
    with pytest.raises(CorpusError, match=r"b\.jsonl: doc_id '02' has empty text"):
        dist.read_corpus(tmp_path)
    ddf = dist.read_corpus(tmp_path / "a.csv", check=False)
    assert ddf.compute()["raw_text"].tolist() == ["EU talks."]


@pytest.mark.parametrize("call, error, match", [
    (lambda c: dist.term_frequencies(c), TypeError, "expected a dask DataFrame"),
    (lambda c: dist.clean_corpus(c.drop(columns="raw_text")), KeyError, "raw_text"),
    (lambda c: dist.term_frequencies(c, ci=1.5), ValueError, "ci must be"),
    (lambda c: dist.clean_corpus(c, window=3), TypeError, "unexpected keyword argument .window."),
    (lambda c: dist.kwic(c, "EU", by="section"), KeyError, "section"),
    (lambda c: dist.kwic(c, "EU", window=-1), ValueError, "window must be"),
    (lambda c: dist.collocations(c, "EU", measure="dice"), ValueError, "measure must be"),
    # a string is never read as a saved model's path (a pickle runs code)
    (lambda c: dist.target_sentiment(c, method="/any/path", text_column="raw_text"), ValueError,
     "method must be 'vader', 'sentence', 'learned', a TargetSentimentModel or a callable"),
])
def test_argument_errors(dask_path, pandas_path, call, error, match):
    arg = pandas_path[1] if match == "expected a dask DataFrame" else dask_path[0]
    with pytest.raises(error, match=match):
        call(arg)


def test_seeds_smoke(client):
    """The real seeds, from a pandas table (Dask's own string dtype): cleaning and counts."""
    import dask.dataframe as dd

    raw = load_corpus()
    corpus = clean_corpus(raw)
    ddf = dist.clean_corpus(dd.from_pandas(raw, npartitions=2, sort=False)).persist()
    assert ddf.compute()["text"].tolist() == corpus["text"].tolist()
    pd.testing.assert_frame_equal(dist.term_frequencies(ddf),
                                  term_frequencies(corpus), check_exact=True)


def test_stages_run_in_one_process_inside_a_worker():
    def pooled(corpus, *, n_jobs=None, progress=None):
        return n_jobs, progress

    def plain(corpus):
        return corpus

    from analysis.distributed.common import one_process

    assert one_process(pooled)(None) == (1, False)
    assert one_process(plain) is plain
