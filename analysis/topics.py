"""TF-IDF vocabulary and topics per source, with topic stability across seeds.

Three measures, each a long tidy table:

* :func:`tfidf_terms`: the most distinctive terms of each source, the source being the
  TF-IDF document.
* :func:`tfidf_topics`: an NMF (on TF-IDF) or LDA (on counts) topic model over paragraphs,
  sentences or articles; returns the topic-term weights (with a readable label and a
  per-topic stability score) and the per-source topic shares with intervals over articles
  (:mod:`analysis.intervals`).
* :func:`topic_stability`: mean stability per number of topics, from which
  :func:`suggest_n_topics` picks one.

Stability follows Greene, O'Callaghan and Cunningham (2014, "How many topics? Stability
analysis for topic models"): the model is refitted with other seeds on random subsamples of the
units, each refit's topics are matched one-to-one to the reference topics by the Hungarian
algorithm on the cosine similarity of their term vectors, and a topic's stability is its mean
matched similarity. Refits share most of their input, so stability is high even on noise; every
score is therefore set against the same fits on a null version of the units (tokens dealt out
again at random, lengths and vocabulary kept): a topic is reproducible only above every null
topic (a Monte Carlo test), and the chance-corrected score ``(s - null) / (1 - null)`` chooses
the number of topics.

Document-term matrices stay sparse throughout (scikit-learn vectorizers, ``scipy.sparse``);
only the units x topics matrix is dense.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.errors import check_columns
from analysis.parallel import document_parallel_options, map_documents
from analysis.tokens import (
    PHRASES,
    STOPWORDS,
    compile_phrases,
    join_phrases,
    sentence_spans,
    tokenize,
)
from analysis.topic_models import (
    against_null,
    matched_stability,
    null_stabilities,
    pretokenized,
    topic_fits,
    unit_matrix,
    weighted_counts,
)
from analysis.words import LEMMA_LANGUAGES, language_stopwords, lemma, rules_language

__all__ = [
    "Topics",
    "bootstrap_shares",
    "suggest_n_topics",
    "tfidf_terms",
    "tfidf_topics",
    "topic_stability",
    "topic_units",
]

_UNITS = ("paragraph", "sentence", "article")
_METHODS = ("nmf", "lda")


class Topics(NamedTuple):
    """The two tables of :func:`tfidf_topics`; unpack as ``terms, shares = tfidf_topics(...)``."""

    terms: pd.DataFrame
    shares: pd.DataFrame


def _check_columns(corpus: pd.DataFrame, columns) -> None:
    check_columns(corpus, columns, hint="it needs doc_id, source, text")


@lru_cache(maxsize=1)
def _phrase_table():
    return compile_phrases(PHRASES)


def _lemma(word: str, lang: str = "en") -> str:
    # simplemma capitalises some proper nouns ("azerbaijan" -> "Azerbaijan"); keep case as
    # the tokenizer set it so that one word is one term.
    return (lemma(word) if lang == "en" else lemma(word, lang)).lower()


def _languages(corpus: pd.DataFrame) -> list[str]:
    """Each article's rules language (:func:`analysis.words.rules_language`), English for
    every article of a corpus without a ``language`` column."""
    if "language" not in corpus:
        return ["en"] * len(corpus)
    return [rules_language(v) for v in corpus["language"]]


def _terms(text: str, lemmatize: bool, lang: str = "en") -> list[str]:
    """Content terms of ``text`` read by the rules of ``lang`` (one of
    :data:`analysis.words.LANGUAGES`): multi-word names joined first (as in
    ``analysis.freq``), then the language's stopwords dropped and, optionally, single
    lower-case words lemmatized."""
    stop = STOPWORDS if lang == "en" else language_stopwords(lang)
    lemmatize = lemmatize and lang in LEMMA_LANGUAGES
    out: list[str] = []
    for line in text.split("\n"):
        for tok in join_phrases(tokenize(line, language=lang), _phrase_table()):
            if tok in stop:
                continue
            if lemmatize and tok.islower() and " " not in tok:
                tok = _lemma(tok, lang)
                if tok in stop:  # "did" -> "do"
                    continue
            out.append(tok)
    return out


def tfidf_terms(corpus: pd.DataFrame, *, by: str = "source", n_terms: int = 20,
                min_count: int = 2, lemmatize: bool = True,
                sublinear_tf: bool = True) -> pd.DataFrame:
    """Rank the most distinctive terms of each group, the whole group being one TF-IDF document.

    Every article of a group is pooled into one document, so a term scores high when the group
    uses it often and few other groups use it. With few groups the inverse document frequency
    is coarse (a term used by every group keeps weight ``tf * 1``); read the ranks together with
    keyness, which tests the same contrast.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text`` (cleaned body); a ``language``
        column picks each article's tokenizer rules, stopwords and lemmas
        (:func:`analysis.words.rules_language`), English without one.
    by : str, default "source"
        Column defining the groups. Groups other than ``source`` are nested within source,
        so every row keeps its source.
    n_terms : int, default 20
        Terms kept per group.
    min_count : int, default 2
        Minimum occurrences (tokens) of a term within a group for it to be ranked there; keeps
        one-off words, names and typos out of the top ranks.
    lemmatize : bool, default True
        Merge inflections with ``simplemma`` ("sanctions" -> "sanction").
    sublinear_tf : bool, default True
        Use ``1 + log(tf)`` so that a handful of very frequent words do not dominate.

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` (and ``by`` when it is not ``source``), ``term``, ``count`` (tokens
        in the group), ``tfidf`` (L2-normalised within the group), ``rank`` (1 = most
        distinctive); sorted by group then rank.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                   "text": ["Gas pipeline gas. Peace talks.", "Peace talks. Peace envoy."]})
    >>> tfidf_terms(c, min_count=1, n_terms=1)[["source", "term", "rank"]]
      source  term  rank
    0      X   gas     1
    1      Y  peace     1
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    _check_columns(corpus, ["doc_id", "source", "text", by])
    keys = ["source"] if by == "source" else ["source", by]
    labels = corpus[keys].astype(str)
    groups = labels.drop_duplicates().sort_values(keys, kind="stable").reset_index(drop=True)
    group_of_doc = pd.MultiIndex.from_frame(groups).get_indexer(pd.MultiIndex.from_frame(labels))
    docs = [_terms("" if pd.isna(t) else str(t), lemmatize, lang)
            for t, lang in zip(corpus["text"], _languages(corpus))]
    if not any(docs):  # no word at all (e.g. every line was boilerplate): nothing to rank
        return pd.DataFrame(columns=keys + ["term", "count", "tfidf", "rank"])
    vec = CountVectorizer(analyzer=pretokenized)
    counts = vec.fit_transform(docs)
    # Pool articles into groups with a sparse indicator product: no dense matrix.
    pool = sparse.csr_matrix((np.ones(len(docs)), (group_of_doc, np.arange(len(docs)))),
                             shape=(len(groups), len(docs)))
    grouped = (pool @ counts).tocsr()
    weights = TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(grouped).tocsr()
    vocab = vec.get_feature_names_out()
    # One vectorised pass over the non-zero cells, so thousands of groups (by="doc_id") stay
    # fast; a cell's count and weight are read at the same (group, term) coordinates.
    cells = weights.tocoo()
    count = np.asarray(grouped[cells.row, cells.col]).ravel().astype(int)
    table = pd.DataFrame({"group": cells.row, "term": vocab[cells.col], "count": count,
                          "tfidf": cells.data})
    table = table[table["count"] >= min_count]
    table = table.sort_values(["group", "tfidf", "count", "term"],
                              ascending=[True, False, False, True], kind="stable")
    table = table.groupby("group", sort=False).head(n_terms)
    table["rank"] = table.groupby("group", sort=False).cumcount() + 1
    for k in keys:
        table[k] = groups[k].to_numpy()[table["group"].to_numpy()]
    columns = keys + ["term", "count", "tfidf", "rank"]
    return table[columns].reset_index(drop=True)


@document_parallel_options
def topic_units(corpus: pd.DataFrame, *, unit: str = "paragraph", min_tokens: int = 3,
                lemmatize: bool = True, n_jobs: int | None = None,
                min_docs_parallel: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Split articles into the units a topic model treats as documents, tokenized.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text`` (one paragraph per line); a
        ``language`` column picks each article's sentence rules, tokenizer, stopwords and
        lemmas (:func:`analysis.words.rules_language`), English without one.
    unit : {"paragraph", "sentence", "article"}, default "paragraph"
        A paragraph is one non-empty line of ``text``; sentences follow
        :func:`analysis.tokens.sentence_spans` in the article's language.
    min_tokens : int, default 3
        Units with fewer content tokens (stopwords removed) are dropped: headings, datelines and
        one-word lines carry no topic and would only add noise.
    lemmatize : bool, default True
        Lemmatize with ``simplemma``.
    {parallel_options}

    Returns
    -------
    pandas.DataFrame
        Columns ``source, doc_id, unit_id, n_tokens, tokens`` (``unit_id`` counts kept and
        dropped units from 0 within the article; ``tokens`` is a list of str), sorted by
        ``source, doc_id, unit_id``.

    Examples
    --------
    >>> text = "Gas flows west. New pipeline opened.\\nTitle\\nPeace talks resume today."
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    >>> topic_units(c)[["unit_id", "n_tokens"]].values.tolist()
    [[0, 6], [2, 4]]
    >>> topic_units(c, unit="sentence")["unit_id"].tolist()
    [0, 1, 3]
    """
    if unit not in _UNITS:
        raise ValueError(f"unit must be one of {_UNITS}, got {unit!r}")
    _check_columns(corpus, ["doc_id", "source", "text"])
    items = corpus[["doc_id", "source", "text"]].assign(_language=_languages(corpus))
    per_doc = map_documents(partial(_doc_units, unit=unit, min_tokens=min_tokens,
                                    lemmatize=lemmatize),
                            items,
                            n_jobs=n_jobs, min_docs=min_docs_parallel, progress=progress,
                            desc="topic units")
    rows = [row for doc in per_doc for row in doc]
    out = pd.DataFrame(rows, columns=["source", "doc_id", "unit_id", "n_tokens", "tokens"])
    return out.sort_values(["source", "doc_id", "unit_id"], kind="stable").reset_index(drop=True)


def _doc_units(item, *, unit: str, min_tokens: int, lemmatize: bool) -> list[tuple]:
    """The :func:`topic_units` rows of one article ``(doc_id, source, text, lang)``."""
    doc_id, source, text, lang = item
    text = "" if pd.isna(text) else str(text)
    if unit == "article":
        pieces = [text]
    elif unit == "paragraph":
        pieces = text.split("\n")
    else:
        pieces = [text[a:b] for a, b in sentence_spans(text, language=lang)]
    rows = []
    for i, piece in enumerate(p for p in pieces if p.strip()):
        toks = _terms(piece, lemmatize, lang)
        if len(toks) >= min_tokens:
            rows.append((str(source), str(doc_id), i, len(toks), toks))
    return rows


def _as_units(corpus: pd.DataFrame, **options) -> pd.DataFrame:
    """``corpus`` itself when it already is a :func:`topic_units` table, else its units."""
    if "tokens" in corpus.columns:
        _check_columns(corpus, ["source", "doc_id", "unit_id", "tokens"])
        return corpus.reset_index(drop=True)
    return topic_units(corpus, **options)


def _dtm_units(dtm, *, min_tokens: int, lemmatize: bool, method: str, min_df, max_df):
    """Article units and their :func:`unit_matrix` straight from a document-term matrix.

    A matrix counted with :func:`analysis.freq.document_term_matrix`'s defaults (single words,
    :data:`STOPWORDS` removed, names in :data:`PHRASES` joined, no lemmas) holds every article's
    content terms before lemmatization, so merging its columns by lemma gives the counts
    :func:`topic_units` would give with ``unit="article"``: the same matrix, without
    tokenizing the corpus again. The lemmas are those of each article's language when the
    matrix's ``docs`` carry a ``language`` column (``group_columns=("source", "language")``),
    English otherwise.
    """
    from analysis.freq import DocumentTermMatrix
    from analysis.tokens import PHRASES

    assert isinstance(dtm, DocumentTermMatrix)
    wanted = {"ngram_range": (1, 1), "stopwords": STOPWORDS, "lemmatize": False,
              "phrases": tuple(PHRASES)}
    if dtm.options != wanted:
        raise ValueError("a document-term matrix for topics must be counted with "
                         "document_term_matrix's default options (single words, STOPWORDS, "
                         "PHRASES, no lemmas); pass the corpus instead")
    if "source" not in dtm.docs.columns:
        raise KeyError("the document-term matrix has no 'source' column; build it with "
                       "group_columns=('source',)")
    # Articles of each language merge their columns by that language's lemmas.
    langs = np.array(_languages(dtm.docs), dtype=object)
    mapped_by = {lang: [_dtm_term(term, lemmatize, lang) for term in dtm.terms]
                 for lang in sorted(set(langs))}
    vocab = sorted({t for mapped in mapped_by.values() for t in mapped if t is not None})
    column = {t: j for j, t in enumerate(vocab)}
    counts = None
    for lang, mapped in mapped_by.items():
        rows = [i for i, t in enumerate(mapped) if t is not None]
        merge = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64),
                                   (rows, [column[mapped[i]] for i in rows])),
                                  shape=(len(mapped), len(vocab)))
        block = dtm.counts
        if len(mapped_by) > 1:
            block = sparse.diags((langs == lang).astype(np.int64), dtype=np.int64) @ block
        counts = block @ merge if counts is None else counts + block @ merge
    counts = counts.tocsr()
    n_terms = np.asarray(counts.sum(axis=1)).ravel()
    docs = dtm.docs.assign(_row=np.arange(len(dtm.docs)), n_tokens=n_terms)
    docs = docs[n_terms >= max(min_tokens, 1)]
    docs = docs.sort_values(["source", "doc_id"], kind="stable")
    units = pd.DataFrame({"source": docs["source"].astype(str).to_numpy(),
                          "doc_id": docs["doc_id"].astype(str).to_numpy(), "unit_id": 0,
                          "n_tokens": docs["n_tokens"].to_numpy()})
    counts = counts[docs["_row"].to_numpy()]
    # CountVectorizer's document-frequency pruning (and its bounds on the options), then the
    # same TF-IDF weighting.
    for name, value in (("min_df", min_df), ("max_df", max_df)):
        if isinstance(value, bool) or not (
                (isinstance(value, (int, np.integer)) and value >= 1)
                or (isinstance(value, (float, np.floating)) and 0.0 <= value <= 1.0)):
            raise ValueError(f"{name} must be a float in [0.0, 1.0] or an int >= 1, "
                             f"got {value!r}")
    n_doc = counts.shape[0]
    high = max_df if isinstance(max_df, (int, np.integer)) else max_df * n_doc
    low = min_df if isinstance(min_df, (int, np.integer)) else min_df * n_doc
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = np.flatnonzero((df <= high) & (df >= low))
    if not len(keep):
        raise ValueError("no terms left for a topic model (After pruning, no terms remain); "
                         "lower min_df or add text")
    counts = counts[:, keep].astype(np.float64 if method == "nmf" else np.int64)
    return units, weighted_counts(counts, method=method), np.array(vocab, dtype=object)[keep], \
        counts


def _dtm_term(term: str, lemmatize: bool, lang: str) -> str | None:
    """A document-term matrix column's term in an article of ``lang``: its lemma (single
    lower-case words), or ``None`` when that lemma is a stopword ("did" -> "do")."""
    if lemmatize and lang in LEMMA_LANGUAGES and term.islower() and " " not in term:
        term = _lemma(term, lang)
        if term in (STOPWORDS if lang == "en" else language_stopwords(lang)):
            return None
    return term


def bootstrap_shares(props: np.ndarray, groups: np.ndarray, *, n_boot: int, level: float,
                     rng: np.random.Generator, max_cells: int = 2_000_000):
    """Percentile bootstrap interval of one source's topic shares, resampling clusters.

    The ``interval="bootstrap"`` path of :func:`tfidf_topics`.

    Parameters
    ----------
    props : numpy.ndarray
        Units x topics proportions of one source (rows sum to 1).
    groups : numpy.ndarray
        Each unit's cluster: its own index (resample units) or its ``doc_id`` (articles).
    n_boot : int
        Replicates; 0 gives NaN.
    level : float
        Confidence level.
    rng : numpy.random.Generator
        Draws the replicates.
    max_cells : int, default 2,000,000
        Replicates x clusters drawn at once, at most (bounds memory).

    Returns
    -------
    tuple of numpy.ndarray
        ``(ci_low, ci_high)`` per topic; NaN with fewer than two units or clusters.

    Examples
    --------
    >>> props = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> low, high = bootstrap_shares(props, np.arange(2), n_boot=200, level=0.9,
    ...                              rng=np.random.default_rng(0))
    >>> low.tolist(), high.tolist()
    ([0.0, 0.0], [1.0, 1.0])
    """
    n, k = props.shape
    if n < 2 or n_boot <= 0:
        return np.full(k, np.nan), np.full(k, np.nan)
    # Resample cluster labels (units, or articles) with replacement; each replicate's share
    # is the pooled mean over the units of the drawn clusters.
    labels, inverse = np.unique(groups, return_inverse=True)
    sums = np.column_stack([np.bincount(inverse, weights=props[:, j], minlength=len(labels))
                            for j in range(k)])
    sizes = np.bincount(inverse, minlength=len(labels)).astype(float)
    m = len(labels)
    if m < 2:
        return np.full(k, np.nan), np.full(k, np.nan)
    reps = np.empty((n_boot, k))
    chunk = max(1, max_cells // m)
    for start in range(0, n_boot, chunk):
        stop = min(n_boot, start + chunk)
        b = stop - start
        draws = rng.integers(0, m, size=(b, m))
        # How often each cluster is drawn in each replicate, counted in one flat bincount.
        flat = (draws + (np.arange(b) * m)[:, None]).ravel()
        weight = np.bincount(flat, minlength=b * m).reshape(b, m).astype(float)
        reps[start:stop] = (weight @ sums) / (weight @ sizes)[:, None]
    alpha = (1 - level) / 2
    return np.quantile(reps, alpha, axis=0), np.quantile(reps, 1 - alpha, axis=0)


def tfidf_topics(corpus: pd.DataFrame, *, n_topics: int = 4, unit: str | None = None,
                 method: str = "nmf", random_state: int = 0, n_terms: int = 10,
                 n_label_terms: int = 3, min_tokens: int = 3, min_df: int | float = 2,
                 max_df: int | float = 1.0, lemmatize: bool = True, n_seeds: int = 5,
                 subsample: float = 0.8, min_stability: float = 0.6, n_null: int = 19,
                 min_corrected: float = 0.75, n_boot: int = 1000,
                 level: float = 0.95, interval: str = "cluster", resample: str = "unit",
                 min_docs: int | None = None,
                 max_iter: int | None = None, nmf_tol: float = 3e-3,
                 max_refit_units: int | None = 10_000,
                 n_jobs: int | None = None, progress: bool | None = None) -> Topics:
    """Fit a topic model over paragraphs (by default) and report topics and shares per source.

    Paragraphs (one per line of the cleaned text) are the default unit: a few articles per
    source are too few documents for a topic model, and single sentences give almost empty
    TF-IDF rows. Use ``unit="article"`` once a corpus has hundreds of articles. The cost is
    tokenizing plus ``1 + n_seeds`` fits, and as many again for each null version
    (``n_null``); ``n_seeds=0`` skips both. LDA is several times slower than NMF. Timings and
    the evidence behind the defaults are in ``bench/RESULTS.md`` (topics).

    Parameters
    ----------
    corpus : pandas.DataFrame or analysis.freq.DocumentTermMatrix
        Table with ``doc_id``, ``source`` and ``text`` (a ``language`` column picks each
        article's rules, as in :func:`topic_units`), or a :func:`topic_units` table
        (used as is, so a large corpus is tokenized once for several calls; ``unit``,
        ``min_tokens`` and ``lemmatize`` then do not apply), or a document-term matrix
        counted with :func:`analysis.freq.document_term_matrix`'s default options: its
        articles are the units, and the result equals ``unit="article"`` on the corpus
        without tokenizing it again (for a corpus in several languages, build it with
        ``group_columns=("source", "language")`` so each article merges its own lemmas).
    n_topics : int, default 4
        Number of topics; see :func:`suggest_n_topics`.
    unit : {"paragraph", "sentence", "article"}, optional
        What counts as one document for the model (see :func:`topic_units`); ``None``:
        paragraphs of a corpus, the articles of a document-term matrix.
    method : {"nmf", "lda"}, default "nmf"
        ``"nmf"``: non-negative matrix factorisation of the TF-IDF matrix (sublinear tf,
        L2-normalised rows), initialised by NNDSVDa. ``"lda"``: latent Dirichlet allocation of
        the count matrix (batch variational Bayes).
    random_state : int, default 0
        Seeds LDA, the stability refits (seeds ``random_state + 1 ...``) and the bootstrap.
        The same value gives identical tables.
    n_terms : int, default 10
        Terms listed per topic.
    n_label_terms : int, default 3
        Top terms joined into the topic ``label``.
    min_tokens : int, default 3
        Units with fewer content tokens are dropped.
    min_df : int or float, default 2
        A term must occur in at least this many units (a float: this fraction of units).
    max_df : int or float, default 1.0
        Terms in more units than this (float: fraction) are dropped.
    lemmatize : bool, default True
        Lemmatize with ``simplemma``.
    n_seeds : int, default 5
        Refits used for stability; 0 skips it (``stability`` is then NaN).
    subsample : float, default 0.8
        Fraction of units drawn (without replacement) for each refit.
    max_refit_units : int, optional, default 10000
        At most this many units per refit, so the stability check does not grow with the
        archive; ``None``: no cap. The reference fit always uses every unit.
    n_jobs : int, optional
        Processes for tokenizing a large corpus and for the stability refits of a matrix of
        2,000 units or more; ``None`` uses every core. The tables do not depend on it.
    progress : bool, optional
        Progress bar while tokenizing a large corpus.
    min_stability : float, default 0.6
        Mean matched cosine similarity below which a topic is never ``reproducible``.
    n_null : int, default 19
        Null versions of the units (every token dealt out again at random: each unit keeps
        its length, the corpus its vocabulary) on which the same fit and refits are repeated.
        Stability is high even on noise, so a topic is ``reproducible`` only when its
        stability is above that of every null topic: on noise some topic passes with
        probability ``1 / (n_null + 1)``, 5 % at 19. Each null costs as much as the fit and
        its refits; 0 skips the null, and no topic is then shown to be reproducible.
    min_corrected : float, default 0.75
        The chance-corrected score a ``reproducible`` topic must also reach, so a topic only
        just above the noise is not flagged.
    level : float, default 0.95
        Nominal coverage of the share intervals.
    interval : {"cluster", "bootstrap"}, default "cluster"
        ``"cluster"``: the policy of :mod:`analysis.intervals`: a source's share is the ratio
        (sum of its units' proportions) / (number of its units) over its articles, with a
        cluster-robust CR2 variance and a Bell-McCaffrey t on the log scale; no interval (NaN,
        with a ``reason``) below ``min_docs`` articles. ``"bootstrap"``: the former percentile
        bootstrap, over ``resample`` units.
    resample : {"unit", "article"}, default "unit"
        For ``interval="bootstrap"``: bootstrap units within a source, or whole articles
        (paragraphs of one article are not independent, so unit intervals are too narrow).
    n_boot : int, default 1000
        Bootstrap replicates (``interval="bootstrap"``).
    min_docs : int, optional
        Fewest articles of a source for a ``"cluster"`` interval; default
        :data:`analysis.intervals.MIN_UNITS` (3).
    max_iter : int, optional
        Iterations of the solver at most; default 200 for NMF (which usually stops earlier at
        ``nmf_tol``) and 20 for LDA (its topics settle within a few passes).
    nmf_tol : float, default 3e-3
        NMF stops once an iteration's projected-gradient violation falls below this fraction
        of the first one's (scikit-learn's default, 1e-4, is rarely met on thousands of
        articles while the topics have long stopped moving).

    Returns
    -------
    Topics
        A named tuple of two tables.

        ``terms``: ``topic, label, term, weight, rank, stability, null_stability, corrected,
        reproducible``; ``weight`` is the term's share of the topic's term vector (each topic
        sums to 1 over the whole vocabulary), ``rank`` 1 is the top term, ``stability`` in
        [0, 1] (mean matched cosine over the refits), ``null_stability`` the mean stability of
        the null topics, ``corrected`` the chance-corrected score
        ``(stability - null_stability) / (1 - null_stability)`` (0: no more stable than noise)
        and ``reproducible`` (see ``n_null``), all repeated on each row of a topic. Topics are
        numbered from 1 by decreasing share of the whole corpus.

        ``shares``: ``source, topic, label, n_units, n_docs, share, ci_low, ci_high, reason``;
        ``share`` is the mean over the source's units of each unit's topic proportions (each
        unit counts equally; a source's shares sum to 1), ``n_docs`` its articles, ``reason``
        why an interval is empty (``""`` where there is one).

    Raises
    ------
    ValueError
        Unknown ``unit``/``method``/``resample``, or fewer units than ``n_topics``.

    Examples
    --------
    >>> text = ("Gas pipeline exports grow.\\nPipeline gas exports rise.\\n"
    ...         "Peace treaty talks resume.\\nTalks on the peace treaty continue.")
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"], "text": [text, text]})
    >>> terms, shares = tfidf_topics(c, n_topics=2, n_seeds=2, n_boot=50)
    >>> sorted(terms.groupby("topic")["label"].first().str[3:])
    ['export, gas, pipeline', 'peace, talk, treaty']
    >>> shares.groupby("source")["share"].sum().round(6).tolist()
    [1.0, 1.0]
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if resample not in ("unit", "article"):
        raise ValueError(f"resample must be 'unit' or 'article', got {resample!r}")
    if interval not in ("cluster", "bootstrap"):
        raise ValueError(f"interval must be 'cluster' or 'bootstrap', got {interval!r}")
    from analysis import intervals as _intervals

    min_docs = _intervals.MIN_UNITS if min_docs is None else min_docs
    from analysis.freq import DocumentTermMatrix

    if isinstance(corpus, DocumentTermMatrix):
        if unit not in (None, "article"):
            raise ValueError(f"a document-term matrix gives article units, not {unit!r}; "
                             "pass unit='article' or the corpus")
        unit = "article"
        units, x, vocab, counts = _dtm_units(corpus, min_tokens=min_tokens,
                                             lemmatize=lemmatize, method=method,
                                             min_df=min_df, max_df=max_df)
    else:
        unit = unit or "paragraph"
        units = _as_units(corpus, unit=unit, min_tokens=min_tokens, lemmatize=lemmatize,
                          n_jobs=n_jobs, progress=progress)
    if len(units) < max(2, n_topics):
        raise ValueError(f"{len(units)} {unit} units for {n_topics} topics: too few; "
                         "use a smaller unit, lower min_tokens or fewer topics")
    if not isinstance(corpus, DocumentTermMatrix):
        x, vocab, counts = unit_matrix(units, method=method, min_df=min_df, max_df=max_df,
                                       with_counts=True)
    (doc_topic, comp), refits = topic_fits(x, n_topics=n_topics, method=method, n_seeds=n_seeds,
                                           subsample=subsample, random_state=random_state,
                                           max_iter=max_iter, nmf_tol=nmf_tol,
                                           max_units=max_refit_units, n_jobs=n_jobs)
    totals = doc_topic.sum(axis=1, keepdims=True)
    keep = totals[:, 0] > 0  # a unit with no kept term has no topic mix
    props = np.divide(doc_topic, totals, out=np.zeros_like(doc_topic), where=totals > 0)
    order = np.lexsort((np.arange(n_topics), -props[keep].mean(axis=0)))
    props, comp = props[:, order], comp[order]
    stability = matched_stability(comp, refits)
    null = null_stabilities(counts, n_topics=n_topics, method=method,
                            n_null=n_null if n_seeds > 0 else 0, n_seeds=n_seeds,
                            subsample=subsample, random_state=random_state, max_iter=max_iter,
                            nmf_tol=nmf_tol, max_units=max_refit_units, n_jobs=n_jobs)
    terms = _topic_terms(comp, vocab, stability, null, n_terms=n_terms,
                         n_label_terms=n_label_terms, min_stability=min_stability,
                         min_corrected=min_corrected)
    labels = terms.groupby("topic")["label"].first()
    rng = np.random.default_rng(random_state)
    units, props = units[keep].reset_index(drop=True), props[keep]
    rows = []
    doc_ids = units["doc_id"].to_numpy()
    for source, idx in units.groupby("source", sort=True).indices.items():
        docs, inverse = np.unique(doc_ids[idx], return_inverse=True)
        if interval == "cluster":
            sums = np.column_stack([np.bincount(inverse, weights=props[idx, t])
                                    for t in range(n_topics)])
            _, low, high, reason, _ = _intervals.ratio_intervals_matrix(
                sums, np.bincount(inverse), level=level, min_units=min_docs, scale="log")
            high = np.minimum(high, 1.0)  # a share is at most 1
        else:
            clusters = idx if resample == "unit" else doc_ids[idx]
            low, high = bootstrap_shares(props[idx], clusters, n_boot=n_boot, level=level,
                                          rng=rng)
            reason = np.where(np.isnan(low), f"{resample} bootstrap: no interval", "")
        share = props[idx].mean(axis=0)
        for t in range(n_topics):
            rows.append((source, t + 1, labels[t + 1], len(idx), len(docs), share[t], low[t],
                         high[t], reason[t]))
    shares = pd.DataFrame(rows, columns=["source", "topic", "label", "n_units", "n_docs",
                                         "share", "ci_low", "ci_high", "reason"])
    return Topics(terms, shares.sort_values(["source", "topic"], kind="stable")
                  .reset_index(drop=True))


def _topic_terms(comp, vocab, stability, null, *, n_terms, n_label_terms, min_stability,
                 min_corrected):
    null_mean, _, corrected, reproducible = against_null(
        stability, null, min_stability=min_stability, min_corrected=min_corrected)
    rows = []
    for t, row in enumerate(comp):
        # Ties broken by term so that the order never depends on the vocabulary layout.
        top = np.lexsort((vocab, -row))[:n_terms]
        label = f"{t + 1}: " + ", ".join(vocab[top[:n_label_terms]])
        for r, j in enumerate(top):
            rows.append((t + 1, label, vocab[j], float(row[j]), r + 1, float(stability[t]),
                         null_mean, float(corrected[t]), bool(reproducible[t])))
    return pd.DataFrame(rows, columns=["topic", "label", "term", "weight", "rank", "stability",
                                       "null_stability", "corrected", "reproducible"])


def topic_stability(corpus: pd.DataFrame, *, n_topics=range(2, 9), unit: str = "paragraph",
                    method: str = "nmf", random_state: int = 0, min_tokens: int = 3,
                    min_df: int | float = 2, max_df: int | float = 1.0, lemmatize: bool = True,
                    n_seeds: int = 5, subsample: float = 0.8, min_stability: float = 0.6,
                    n_null: int = 19, min_corrected: float = 0.75, tolerance: float = 0.01,
                    max_iter: int | None = None,
                    nmf_tol: float = 3e-3) -> pd.DataFrame:
    """Measure topic stability for several numbers of topics.

    For each ``k`` the reference model is fitted as in :func:`tfidf_topics` and refitted
    ``n_seeds`` times on subsamples; each topic's stability is its mean Hungarian-matched
    cosine similarity to the refits. The same is done on ``n_null`` null versions of the units
    (see :func:`tfidf_topics`), which gives the stability noise reaches.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text`` (a ``language`` column picks each
        article's rules, as in :func:`topic_units`), or a :func:`topic_units` table
        (used as is, so a large corpus is tokenized once for several calls; ``unit``,
        ``min_tokens`` and ``lemmatize`` then do not apply).
    n_topics : iterable of int, default range(2, 9)
        Candidate numbers of topics; values above the number of units are skipped.
    unit, method, random_state, min_tokens, min_df, max_df, lemmatize, n_seeds, subsample, \
min_stability, n_null, min_corrected, max_iter, nmf_tol
        As in :func:`tfidf_topics`.
    tolerance : float, default 0.01
        Candidates whose mean chance-corrected score is within this of the best count as tied;
        the largest of them is suggested.

    Returns
    -------
    pandas.DataFrame
        One row per candidate, sorted by ``n_topics``: ``n_topics, stability`` (mean over
        topics), ``min_stability`` (least stable topic), ``null_stability`` (mean over the
        null topics), ``null_low, null_high`` (their 5th percentile and their largest value:
        the band noise reaches), ``corrected`` (mean chance-corrected score; NaN without a
        null), ``n_reproducible`` (topics :func:`tfidf_topics` would flag reproducible),
        ``suggested`` (True on one row: the largest ``n_topics`` whose ``corrected`` is
        within ``tolerance`` of the best; with ``n_null=0`` the raw stability decides).

    Examples
    --------
    >>> text = ("Gas pipeline exports grow.\\nPipeline gas exports rise.\\n"
    ...         "Peace treaty talks resume.\\nTalks on the peace treaty continue.")
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"], "text": [text, text]})
    >>> t = topic_stability(c, n_topics=[2], n_seeds=3)
    >>> t[["n_topics", "stability", "null_high", "n_reproducible"]].round(3)
       n_topics  stability  null_high  n_reproducible
    0         2      0.981      0.984               0

    Eight paragraphs (four distinct ones) are too few: their shuffled words are as stable.
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if n_seeds < 1:
        raise ValueError("topic_stability needs n_seeds >= 1")
    units = _as_units(corpus, unit=unit, min_tokens=min_tokens, lemmatize=lemmatize)
    x, _, counts = unit_matrix(units, method=method, min_df=min_df, max_df=max_df,
                               with_counts=True)
    rows = []
    for k in sorted(set(int(k) for k in n_topics)):
        if k < 1 or k > min(x.shape):
            continue
        (_, comp), refits = topic_fits(x, n_topics=k, method=method, n_seeds=n_seeds,
                                       subsample=subsample, random_state=random_state,
                                       max_iter=max_iter, nmf_tol=nmf_tol)
        s = matched_stability(comp, refits)
        null = null_stabilities(counts, n_topics=k, method=method, n_null=n_null,
                                n_seeds=n_seeds, subsample=subsample,
                                random_state=random_state, max_iter=max_iter, nmf_tol=nmf_tol)
        null_mean, null_high, corrected, reproducible = against_null(
            s, null, min_stability=min_stability, min_corrected=min_corrected)
        null_low = float(np.nanquantile(null, 0.05)) if len(null) else np.nan
        rows.append((k, float(s.mean()), float(s.min()), null_mean, null_low, null_high,
                     float(np.mean(corrected)), int(reproducible.sum())))
    if not rows:
        raise ValueError(f"no candidate n_topics fits {x.shape[0]} units and {x.shape[1]} terms")
    out = pd.DataFrame(rows, columns=["n_topics", "stability", "min_stability", "null_stability",
                                      "null_low", "null_high", "corrected", "n_reproducible"])
    out["suggested"] = out["n_topics"] == _pick(out, tolerance)
    return out


def _pick(table: pd.DataFrame, tolerance: float) -> int:
    """The largest k whose mean chance-corrected score (the raw stability when there is no null)
    is within ``tolerance`` of the best k.

    Greene et al. pick the most stable k. Merging two themes is itself reproducible, so a
    too-small k is often as stable as the right one (three clean themes give k=2 and k=3 both
    ~0.999); among equally reproducible solutions the finer one loses nothing and shows more.
    """
    score = table["corrected"] if table["corrected"].notna().any() else table["stability"]
    best = score.max()
    return int(table.loc[score >= best - tolerance, "n_topics"].max())


def suggest_n_topics(corpus: pd.DataFrame, **options) -> int:
    """Suggest a number of topics from stability (the ``suggested`` row of :func:`topic_stability`).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table with ``doc_id``, ``source`` and ``text``.
    **options
        Keyword options of :func:`topic_stability` (``n_topics``, ``unit``, ``method``, ...).

    Returns
    -------
    int
        The largest candidate whose mean stability is within ``tolerance`` of the most
        stable candidate (Greene et al.'s rule, near-ties going to the finer model).

    Examples
    --------
    >>> text = ("Gas pipeline exports grow.\\nPipeline gas exports rise.\\n"
    ...         "Peace treaty talks resume.\\nTalks on the peace treaty continue.")
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"], "text": [text, text]})
    >>> suggest_n_topics(c, n_topics=[2], n_seeds=2)
    2
    """
    table = topic_stability(corpus, **options)
    return int(table.loc[table["suggested"], "n_topics"].iloc[0])
