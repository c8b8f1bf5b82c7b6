"""Tests for analysis.parallel: the pool gives the one-process result, bars stay silent."""

import numpy as np
import pandas as pd
import pytest

from analysis.freq import document_term_matrix
from analysis.parallel import map_chunks, map_documents, show_progress
from analysis.tokens import tokenize

TEXTS = ["The U.S. and the EU.", "WHAT THE EU SAYS", "Baku talks", "", "EU EU US"] * 3


def test_pool_equals_one_process():
    one = map_documents(tokenize, TEXTS, n_jobs=1)
    pool = map_documents(tokenize, TEXTS, n_jobs=2, min_docs=0, chunks_per_job=2)
    assert one == pool == [tokenize(t) for t in TEXTS]


def test_document_term_matrix_identical_with_two_processes():
    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(TEXTS))],
                           "source": ["A", "B", "C"] * 5, "text": TEXTS})
    one = document_term_matrix(corpus, ngram_range=(1, 2), n_jobs=1)
    two = document_term_matrix(corpus, ngram_range=(1, 2), n_jobs=2, min_docs_parallel=0)
    assert list(one.terms) == list(two.terms)
    assert (one.counts != two.counts).nnz == 0
    assert one.n_tokens.tolist() == two.n_tokens.tolist()
    pd.testing.assert_frame_equal(one.docs, two.docs)


@pytest.mark.parametrize("n_docs, progress, expected", [
    (10, None, False),        # small corpus: no bar
    (100_000, None, False),   # large, but pytest's stderr is not a terminal
    (10, True, True),         # forced on
    (100_000, False, False),  # forced off
])
def test_show_progress(n_docs, progress, expected):
    assert show_progress(n_docs, progress=progress) is expected


def test_silent_on_non_terminal_output(capsys):
    map_documents(len, ["x"] * 5000, n_jobs=1)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_token_table_identical_with_two_processes():
    from analysis.tokens import tokens

    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(TEXTS))],
                           "source": ["A", "B", "C"] * 5, "text": TEXTS})
    # min_docs is map_documents' default (2000): force the pool through a large copy.
    big = pd.concat([corpus] * 150, ignore_index=True)
    big["doc_id"] = [f"d{i:05d}" for i in range(len(big))]
    pd.testing.assert_frame_equal(tokens(big, n_jobs=1), tokens(big, n_jobs=2, progress=False))


def test_mentions_and_target_sentiment_identical_with_two_processes():
    from analysis.sentiment import target_sentiment
    from analysis.targets import mentions

    texts = ["The EU criticised Yerevan. Washington welcomed the deal.",
             "No target here at all.",
             "Europe is hopelessly behind the U.S. on energy.\nArmenia's lobby failed badly."] * 4
    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))],
                           "source": ["A", "B", "C"] * 4, "text": texts})
    one, two = mentions(corpus, n_jobs=1), mentions(corpus, n_jobs=2, min_docs_parallel=0)
    assert len(one) == 24
    pd.testing.assert_frame_equal(one, two)
    one = target_sentiment(corpus, n_jobs=1)
    two = target_sentiment(corpus, n_jobs=2, min_docs_parallel=0)
    assert set(one["target"]) == {"EU", "US", "Armenia"}
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_topic_units_identical_with_two_processes(unit):
    from analysis.topics import topic_units

    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(TEXTS))],
                           "source": ["A", "B", "C"] * 5, "text": TEXTS})
    one = topic_units(corpus, unit=unit, min_tokens=1, n_jobs=1)
    two = topic_units(corpus, unit=unit, min_tokens=1, n_jobs=2, min_docs_parallel=0)
    assert len(one) == 12  # one unit per non-empty text
    pd.testing.assert_frame_equal(one, two)


def test_sentences_identical_with_two_processes():
    from analysis.tokens import sentences

    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(TEXTS))],
                           "source": ["A", "B", "C"] * 5, "text": TEXTS})
    one = sentences(corpus, n_jobs=1)
    two = sentences(corpus, n_jobs=2, min_docs_parallel=0)
    assert len(one) == 12
    pd.testing.assert_frame_equal(one, two)


def test_clean_corpus_identical_with_two_processes():
    from analysis.clean import clean_corpus

    # Body lines differ between articles (a repeated line would be boilerplate).
    raw = [page for i in range(3) for page in (
        f"Home\nPolitics\nTalks in Baku\n5 May 2025\nThe two ministers met in Baku on day {i} "
        "and signed a long-awaited transit deal.\nShare:\nFollow us",
        f"Home\nPolitics\nThe EU said the border monitors would stay for {i + 2} more years, "
        "a spokesman told reporters.\nFollow us",
        f"Menu\nA short page number {i}.\nViews: 44")]
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(raw))],
                           "source": ["A", "A", "B"] * 3, "raw_text": raw})
    one = clean_corpus(corpus, n_jobs=1)
    two = clean_corpus(corpus, n_jobs=2, min_docs_parallel=0)
    assert "Follow us" not in one.loc[0, "text"] and "signed" in one.loc[0, "text"]
    pd.testing.assert_frame_equal(one, two)


def test_topic_fits_identical_in_a_pool():
    from analysis.topic_models import matched_stability, topic_fits, unit_matrix
    from analysis.topics import topic_units

    texts = [f"gas pipeline oil export energy refinery {i}\npeace treaty border ceasefire "
             f"envoy talks {i}" for i in range(12)]
    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(12)], "source": "A",
                           "text": texts})
    x, _ = unit_matrix(topic_units(corpus, min_tokens=1), method="nmf", min_df=1, max_df=1.0)
    options = {"n_seeds": 3, "subsample": 0.8, "random_state": 0, "max_iter": 200,
               "nmf_tol": 3e-3}
    (doc_one, ref_one), refits_one = topic_fits(x, n_topics=2, method="nmf", n_jobs=1,
                                                **options)
    (doc_two, ref_two), refits_two = topic_fits(x, n_topics=2, method="nmf", n_jobs=2,
                                                min_units_parallel=0, **options)
    assert doc_one.tolist() == doc_two.tolist() and ref_one.tolist() == ref_two.tolist()
    assert len(refits_one) == 3 and all(a.tolist() == b.tolist()
                                        for a, b in zip(refits_one, refits_two))
    one = matched_stability(ref_one, refits_one)
    assert one.shape == (2,) and (one > 0.5).all()


def _blas_sized_matrix():
    """A unit x term matrix large enough for threaded BLAS products inside the fits."""
    from scipy import sparse

    x = sparse.random(2000, 2000, density=0.02, random_state=0, format="csr")
    x.sort_indices()
    return x


@pytest.mark.parametrize("method, reference", [("nmf", True), ("nmf", False)])
def test_topic_fit_does_not_depend_on_blas_threads(method, reference):
    # Issue 23: weights differed by up to 3e-15 between n_jobs=1 and 4, since this process
    # multiplies with every core's BLAS thread and pool workers with one. (LDA differed too,
    # at its 20 iterations, but takes a minute at this size.)
    from threadpoolctl import threadpool_limits

    from analysis.topic_models import _fit

    x = _blas_sized_matrix()
    fits = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads):
            fits.append(_fit(x, 6, method, 0, reference=reference, max_iter=None,
                             nmf_tol=3e-3))
    (doc_one, comp_one), (doc_two, comp_two) = fits
    assert np.array_equal(doc_one, doc_two) and np.array_equal(comp_one, comp_two)


def test_topic_fits_identical_in_a_pool_at_blas_size():
    from analysis.topic_models import topic_fits

    x = _blas_sized_matrix()
    options = {"n_seeds": 1, "subsample": 0.8, "random_state": 0, "max_iter": 200,
               "nmf_tol": 3e-3}
    (doc_one, ref_one), (refit_one,) = topic_fits(x, n_topics=6, method="nmf", n_jobs=1,
                                                  **options)
    (doc_two, ref_two), (refit_two,) = topic_fits(x, n_topics=6, method="nmf", n_jobs=2,
                                                  min_units_parallel=0, **options)
    assert np.array_equal(doc_one, doc_two) and np.array_equal(ref_one, ref_two)
    assert np.array_equal(refit_one, refit_two)


def test_topic_fit_accepts_a_read_only_matrix():
    """A pool worker gets large arrays as read-only memory maps; the reference fit runs there."""
    from scipy import sparse

    from analysis.topic_models import _fit

    x = sparse.random(30, 12, density=0.5, random_state=0, format="csr")
    for r in range(30):  # unsorted column indices within each row, as TfidfVectorizer leaves
        a, b = x.indptr[r], x.indptr[r + 1]
        x.indices[a:b], x.data[a:b] = x.indices[a:b][::-1].copy(), x.data[a:b][::-1].copy()
    x.has_sorted_indices = False
    expected = _fit(x.copy(), 2, "nmf", 0, reference=True, max_iter=200, nmf_tol=3e-3)
    for a in (x.data, x.indices, x.indptr):
        a.flags.writeable = False
    got = _fit(x, 2, "nmf", 0, reference=True, max_iter=200, nmf_tol=3e-3)
    assert got[0].tolist() == expected[0].tolist() and got[1].tolist() == expected[1].tolist()


def test_release_memory_runs_on_glibc():
    import platform

    from analysis.parallel import release_memory

    called = release_memory()
    assert called == (platform.system() == "Linux" and platform.libc_ver()[0] == "glibc")


def test_topic_fit_reads_a_sorted_read_only_matrix_in_place(monkeypatch):
    """Sorted indices (as the topic matrices always have): no per-worker copy of the matrix
    for NMF, the default (scikit-learn's LDA copies it itself)."""
    method = "nmf"
    from scipy import sparse

    from analysis.topic_models import _fit

    x = sparse.random(30, 12, density=0.5, random_state=0, format="csr")
    x.data = (x.data * 10).round() + 1
    x.sort_indices()
    expected = _fit(x.copy(), 2, method, 0, reference=True, max_iter=20, nmf_tol=3e-3)
    for a in (x.data, x.indices, x.indptr):
        a.flags.writeable = False

    def no_copy(self, *args, **kwargs):
        raise AssertionError("the matrix was copied")

    monkeypatch.setattr(type(x), "copy", no_copy)
    got = _fit(x, 2, method, 0, reference=True, max_iter=20, nmf_tol=3e-3)
    assert got[0].tolist() == expected[0].tolist() and got[1].tolist() == expected[1].tolist()


def test_pool_workers_empty_the_module_caches_after_each_chunk():
    from analysis import parallel, sentiment, tokens
    from analysis.parallel import _apply_chunk, _apply_chunk_in_worker
    from analysis.words import lemma

    for cache in (sentiment.parsing.TOKEN_INFO, sentiment.lexicon._VALENCE_MEMO,
                  sentiment.parsing.PARSED, tokens._TOKEN_CACHES, tokens._COUNT_CACHES, lemma):
        assert any(c is cache for c in parallel._WORKER_CACHES)
    texts = ["The EU is not good.", "Armenia is great!"]
    score = sentiment.classify_mention  # fills the caches of the parse
    _apply_chunk(lambda rows: [score(t, 4, 6) for t in rows], texts)  # this process: kept
    assert sentiment.parsing.TOKEN_INFO and len(sentiment.parsing.PARSED)
    _apply_chunk_in_worker(lambda rows: [tokenize(t) for t in rows], texts)  # a worker: emptied
    assert not sentiment.parsing.TOKEN_INFO and not sentiment.lexicon._VALENCE_MEMO
    assert len(sentiment.parsing.PARSED) == 0 and not tokens._TOKEN_CACHES


def test_kwic_and_collocations_identical_with_two_processes():
    from analysis.context import collocations, kwic

    texts = ["The EU sanctions hit Russia. EU sanctions expire soon.",
             "No target here at all.",
             "Brussels and the EU praised the deal.\nThe bloc's sanctions stay."] * 4
    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))],
                           "source": ["A", "B"] * 6, "text": texts})
    one, two = kwic(corpus, "EU", n_jobs=1), kwic(corpus, "EU", n_jobs=2, min_docs_parallel=0)
    assert len(one) == 20  # (2 + 3) mentions in each of four copies of the first and third
    pd.testing.assert_frame_equal(one, two)
    one = collocations(corpus, "EU", window=2, n_jobs=1)
    two = collocations(corpus, "EU", window=2, n_jobs=2, min_docs_parallel=0)
    # A holds two copies of the first and the third text: "sanctions" follows both EU
    # mentions of the first and "the bloc's" in the third, 2 x (2 + 1) windows
    assert one.set_index(["source", "term"]).loc[("A", "sanctions"), "count"] == 6
    pd.testing.assert_frame_equal(one, two)


def test_parallel_options_are_documented_once_and_shown_in_every_stage():
    # Issue 20: the n_jobs / min_docs_parallel / progress paragraph was copied into six
    # docstrings; it is written once and filled in where each docstring asks for it.
    from analysis.clean import clean_corpus
    from analysis.context import kwic
    from analysis.freq import document_term_matrix
    from analysis.parallel import document_parallel_options
    from analysis.sentiment import target_sentiment
    from analysis.targets import mentions
    from analysis.tokens import sentences
    from analysis.topics import topic_units

    for stage in (clean_corpus, kwic, target_sentiment, mentions, sentences, topic_units,
                  document_term_matrix):
        doc = stage.__doc__
        assert "{parallel_options}" not in doc
        assert doc.count("n_jobs, min_docs_parallel, progress : optional") == 1, stage.__name__
        assert "analysis.options" in doc

    def undocumented(corpus, *, n_jobs=None):
        """No marker."""

    with pytest.raises(ValueError, match=r"undocumented: no \{parallel_options\} line"):
        document_parallel_options(undocumented)


def test_minus_one_jobs_means_every_core(monkeypatch):
    # Chunk sizes tell how many workers the map planned for: 2 cores x 8 chunks per job.
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    sizes = map_chunks(len, list(range(64)), n_jobs=-1, min_docs=1_000_000)  # in-process sizes
    assert sizes == [64]  # below min_docs: one in-process chunk of chunk_size items
    planned = {}
    for jobs in (-1, 2, 1):
        planned[jobs] = map_chunks(len, list(range(64)), n_jobs=jobs, min_docs=1,
                                   chunk_size=64)
    assert planned[-1] == planned[2] == [4] * 16
    assert planned[1] == [64]


def test_language_aware_stages_identical_with_two_processes():
    from analysis.context import collocations, kwic
    from analysis.targets import alias_table, mentions
    from analysis.topics import topic_units

    texts = ["В 2024 г. Армения подписала договор. Затем ЕС и Армения обсудили это.",
             "Bu barədə İ. Əliyev bildirib. Əməkdaşlıq Aİ ilə davam edir.",
             "The EU sanctions hit Russia. EU sanctions expire soon."] * 4
    corpus = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))],
                           "source": ["A", "B", "C"] * 4, "text": texts,
                           "language": ["ru", "az", "en"] * 4})
    aliases = alias_table({"EU": ["ЕС", "Aİ"], "Armenia": ["Армения"]})
    one = mentions(corpus, aliases=aliases, n_jobs=1)
    two = mentions(corpus, aliases=aliases, n_jobs=2, min_docs_parallel=0)
    # every non-English article has its EU mention in its second sentence
    assert set(one.query("target == 'EU' and doc_id in ['d00', 'd01']")["sent_id"]) == {1}
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(kwic(corpus, aliases, n_jobs=1),
                                  kwic(corpus, aliases, n_jobs=2, min_docs_parallel=0))
    one = collocations(corpus, aliases, window=3, lemmatize=True, n_jobs=1)
    two = collocations(corpus, aliases, window=3, lemmatize=True, n_jobs=2, min_docs_parallel=0)
    assert "обсудить" in set(one["term"]) and "и" not in set(one["term"])
    pd.testing.assert_frame_equal(one, two)
    one = topic_units(corpus, unit="sentence", min_tokens=1, n_jobs=1)
    two = topic_units(corpus, unit="sentence", min_tokens=1, n_jobs=2, min_docs_parallel=0)
    assert len(one) == 24  # two sentences in each of the twelve articles
    pd.testing.assert_frame_equal(one, two)


def test_worker_processes_drop_each_languages_stopwords():
    # The default STOPWORDS stands for "each article's language's list"; a worker process gets a
    # copy of it, which must mean the same (it once counted Russian "и" and "в" in a pool).
    texts = ["Армения и ЕС подписали договор в Брюсселе.", "The EU and Armenia signed it."] * 3
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "source": ["A", "B"] * 3,
                           "text": texts, "language": ["ru", "en"] * 3})
    one = document_term_matrix(corpus, n_jobs=1)
    two = document_term_matrix(corpus, n_jobs=2, min_docs_parallel=0)
    assert {"и", "в", "and", "the"}.isdisjoint(two.terms)
    assert {"армения", "договор", "signed"} <= set(two.terms)
    assert list(two.terms) == list(one.terms)
    assert (two.counts != one.counts).nnz == 0
    assert list(two.n_tokens) == list(one.n_tokens) == [7, 6] * 3
