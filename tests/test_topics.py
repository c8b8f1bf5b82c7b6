"""Topics: distinctive terms, topic models on a two-theme toy corpus, stability, plots."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.plots import (
    plot_tfidf_terms,
    plot_topic_shares,
    plot_topic_stability,
    plot_topic_terms,
)
from analysis.topics import (
    suggest_n_topics,
    tfidf_terms,
    tfidf_topics,
    topic_stability,
    topic_units,
)

ENERGY = ["gas", "pipeline", "oil", "export", "energy", "refinery"]
PEACE = ["peace", "treaty", "border", "ceasefire", "envoy", "negotiator"]
TRADE = ["tariff", "customs", "import", "market", "commerce", "duty"]


def _paragraph(words, i, n=5):
    return " ".join(words[(i + j) % len(words)] for j in range(n)) + "."


def themed_corpus(mixes, *, per=4, n_docs=2):
    """Each source's articles cycle through its mix of themes, one paragraph per theme slot."""
    rows = []
    for source, mix in mixes.items():
        for d in range(n_docs):
            text = "\n".join(_paragraph(theme, i + d) for i in range(per) for theme in mix)
            rows.append((f"{source}{d}", source, text))
    return pd.DataFrame(rows, columns=["doc_id", "source", "text"])


# Source A writes 4 energy paragraphs for each peace paragraph, source B the reverse.
TWO_THEMES = themed_corpus({"A": [ENERGY] * 4 + [PEACE], "B": [PEACE] * 4 + [ENERGY]})
THREE_THEMES = themed_corpus({"A": [ENERGY, ENERGY, PEACE], "B": [PEACE, PEACE, TRADE],
                              "C": [TRADE, ENERGY, PEACE]})


def theme_of(words):
    themes = {"energy": ENERGY, "peace": PEACE, "trade": TRADE}
    return {name for name, vocab in themes.items() for w in words if w in vocab}


# --- tfidf_terms ---------------------------------------------------------------------------

SMALL = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
                      "text": ["Gas pipeline gas. Peace.", "Gas exports. Peace talks.",
                               "Peace talks. Peace envoy. Envoy talks."]})


@pytest.mark.parametrize("source, expected", [
    # sublinear tf x smooth idf: gas (1 + ln 3) * 1.405 > peace (1 + ln 2) * 1
    # > export = pipeline (1 * 1.405, ties by term) > talk (1 * 1)
    ("X", ["gas", "peace", "export", "pipeline", "talk"]),
    ("Y", ["envoy", "peace", "talk"]),  # envoy: only in Y
])
def test_tfidf_terms_known_top_terms(source, expected):
    table = tfidf_terms(SMALL, min_count=1)
    assert table[table.source == source]["term"].tolist() == expected


def test_tfidf_terms_hand_computed_weights():
    # X: gas tf 3 -> 1 + ln 3, idf (smooth) = ln(3/2) + 1; peace tf 2 in both -> idf 1.
    table = tfidf_terms(SMALL, min_count=1, lemmatize=False, sublinear_tf=False)
    x = table[table.source == "X"].set_index("term")
    assert x.loc["gas", "count"] == 3
    idf_only_x = np.log(3 / 2) + 1
    raw = {"gas": 3 * idf_only_x, "pipeline": idf_only_x, "exports": idf_only_x,
           "peace": 2.0, "talks": 1.0}
    norm = np.sqrt(sum(v * v for v in raw.values()))
    assert x.loc["gas", "tfidf"] == pytest.approx(raw["gas"] / norm)
    assert x.loc["peace", "tfidf"] == pytest.approx(2.0 / norm)


def test_tfidf_terms_min_count_rank_and_grouping():
    table = tfidf_terms(SMALL, min_count=2)
    assert table[table.source == "X"]["term"].tolist() == ["gas", "peace"]
    assert table.groupby("source")["rank"].apply(list).tolist() == [[1, 2], [1, 2, 3]]
    by_doc = tfidf_terms(SMALL, by="doc_id", min_count=1)
    assert list(by_doc.columns[:2]) == ["source", "doc_id"]
    assert set(by_doc["doc_id"]) == {"a", "b", "c"}


def test_tfidf_terms_missing_column():
    with pytest.raises(ValueError, match="missing column"):
        tfidf_terms(SMALL.drop(columns="text"))


# --- units ---------------------------------------------------------------------------------

@pytest.mark.parametrize("unit, n_units", [("paragraph", 2), ("sentence", 3), ("article", 1)])
def test_topic_units(unit, n_units):
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
                      "text": ["Gas flows west today. Oil exports rise fast.\nTitle\n"
                               "Peace talks resume today."]})
    assert len(topic_units(c, unit=unit)) == n_units


def test_topic_units_rejects_unknown_unit():
    with pytest.raises(ValueError, match="unit must be one of"):
        topic_units(TWO_THEMES, unit="chapter")


# --- tfidf_topics --------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_two_themes_recovered_stably(method):
    terms, shares = tfidf_topics(TWO_THEMES, n_topics=2, method=method, n_seeds=3, n_boot=200)
    tops = terms[terms["rank"] <= 5].groupby("topic")["term"].apply(list)
    assert sorted(theme_of(words).pop() for words in tops) == ["energy", "peace"]
    assert all(len(theme_of(words)) == 1 for words in tops)
    assert (terms["stability"] > 0.95).all() and terms["reproducible"].all()
    energy_topic = next(t for t, words in tops.items() if theme_of(words) == {"energy"})
    share = shares.set_index(["source", "topic"])["share"]
    assert share["A", energy_topic] > 0.7 > share["B", energy_topic]


def test_topic_tables_shape_and_intervals():
    terms, shares = tfidf_topics(TWO_THEMES, n_topics=2, n_terms=4, n_seeds=2, n_boot=200)
    assert list(terms.columns) == ["topic", "label", "term", "weight", "rank", "stability",
                                   "null_stability", "corrected", "reproducible"]
    assert list(shares.columns) == ["source", "topic", "label", "n_units", "n_docs", "share",
                                    "ci_low", "ci_high", "reason"]
    assert terms.groupby("topic").size().tolist() == [4, 4]
    assert terms["label"].str.match(r"^\d: \w+, \w+, \w+$").all()
    assert shares.groupby("source")["share"].sum().round(9).tolist() == [1.0, 1.0]
    # two articles per source: no interval about the source, and the table says why
    assert shares["ci_low"].isna().all() and shares["ci_high"].isna().all()
    assert shares["reason"].eq("2 articles: no interval").all()
    assert shares["n_units"].tolist() == [40, 40, 40, 40]
    assert shares["n_docs"].tolist() == [2, 2, 2, 2]
    # topics are numbered by decreasing share of the whole corpus
    overall = shares.groupby("topic")["share"].mean()
    assert overall.is_monotonic_decreasing


def test_topics_deterministic_for_fixed_random_state():
    one = tfidf_topics(TWO_THEMES, n_topics=3, method="lda", n_seeds=2, n_boot=100,
                       random_state=7)
    two = tfidf_topics(TWO_THEMES, n_topics=3, method="lda", n_seeds=2, n_boot=100,
                       random_state=7)
    pd.testing.assert_frame_equal(one.terms, two.terms)
    pd.testing.assert_frame_equal(one.shares, two.shares)


def test_a_units_table_is_reused_as_is():
    units = topic_units(TWO_THEMES)
    from_units = tfidf_topics(units, n_topics=2, n_seeds=2, n_boot=50)
    from_corpus = tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=2, n_boot=50)
    pd.testing.assert_frame_equal(from_units.terms, from_corpus.terms)
    pd.testing.assert_frame_equal(from_units.shares, from_corpus.shares)
    pd.testing.assert_frame_equal(topic_stability(units, n_topics=[2], n_seeds=2),
                                  topic_stability(TWO_THEMES, n_topics=[2], n_seeds=2))


# Inflections, joined names, stopwords that are lemmas ("did" -> "do"), acronyms, one article
# below min_tokens: everything the article units of a corpus and of its matrix must agree on.
_EXTRA = ["The United States did sanction exports; sanctions did follow.",
          "EU envoys were negotiating, the envoy negotiated 2025 deals.",
          "Pipelines and a pipeline: the EU and the United States did talk."]
ARTICLES = pd.concat([
    THREE_THEMES.assign(text=[t + "\n" + _EXTRA[i % 3] for i, t in enumerate(THREE_THEMES.text)]),
    pd.DataFrame({"doc_id": ["short"], "source": ["A"], "text": ["The EU did."]}),
], ignore_index=True)


@pytest.mark.parametrize("options", [
    {"method": "nmf"}, {"method": "lda"}, {"method": "nmf", "min_df": 1, "max_df": 0.9},
    {"method": "nmf", "lemmatize": False, "min_tokens": 1}, {"method": "nmf", "min_df": 0.3},
])
def test_a_document_term_matrix_gives_the_article_units(options):
    from analysis.freq import document_term_matrix

    dtm = document_term_matrix(ARTICLES.sample(frac=1, random_state=1))  # rows in any order
    options = {"n_topics": 2, "n_seeds": 2, "n_boot": 50, **options}
    from_dtm = tfidf_topics(dtm, **options)
    from_corpus = tfidf_topics(ARTICLES, unit="article", **options)
    pd.testing.assert_frame_equal(from_dtm.terms, from_corpus.terms)
    pd.testing.assert_frame_equal(from_dtm.shares, from_corpus.shares)
    # "The EU did." has one content term: a unit only when min_tokens allows it
    n_units = from_dtm.shares.groupby("source")["n_units"].first().to_dict()
    assert n_units == {"A": 3 if options.get("min_tokens", 3) == 1 else 2, "B": 2, "C": 2}


@pytest.mark.parametrize("dtm_options, topic_options, error, match", [
    ({"lemmatize": True}, {}, ValueError, "default options"),
    ({"ngram_range": (1, 2)}, {}, ValueError, "default options"),
    ({"stopwords": None}, {}, ValueError, "default options"),
    ({}, {"unit": "paragraph"}, ValueError, "article units"),
    ({}, {"max_df": 1.5}, ValueError, "max_df must be"),
    ({}, {"min_df": 0}, ValueError, "min_df must be"),
    ({"group_columns": ()}, {}, KeyError, "no 'source' column"),
])
def test_document_term_matrix_errors(dtm_options, topic_options, error, match):
    from analysis.freq import document_term_matrix

    dtm = document_term_matrix(ARTICLES, **dtm_options)
    with pytest.raises(error, match=match):
        tfidf_topics(dtm, n_topics=2, n_seeds=0, **topic_options)


def test_article_resampling_needs_several_articles():
    one_doc = TWO_THEMES.groupby("source").head(1)
    _, shares = tfidf_topics(one_doc, n_topics=2, n_seeds=0, interval="bootstrap",
                             resample="article")
    assert shares["ci_low"].isna().all()
    assert shares["reason"].eq("article bootstrap: no interval").all()
    _, shares = tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=0, interval="bootstrap",
                             resample="article", n_boot=100)
    assert shares["ci_low"].notna().all() and shares["reason"].eq("").all()


def test_cluster_share_interval_is_the_policy_interval():
    from analysis.topics import topic_units

    corpus = pd.concat([TWO_THEMES, themed_corpus({"A": [ENERGY] * 3 + [PEACE] * 2,
                                                   "B": [PEACE]})], ignore_index=True)
    corpus["doc_id"] = [f"d{i}" for i in range(len(corpus))]
    _, shares = tfidf_topics(corpus, n_topics=2, n_seeds=0)
    a = shares[shares.source == "A"]
    assert a["n_docs"].tolist() == [4, 4] and a["reason"].eq("").all()
    assert ((a["ci_low"] < a["share"]) & (a["share"] < a["ci_high"])).all()
    assert (a["ci_low"] > 0).all()
    # the same numbers from the per-article sums of the first topic's unit proportions
    units = topic_units(corpus)
    n_per_doc = units[units.source == "A"].groupby("doc_id").size()
    assert a["n_units"].iloc[0] == n_per_doc.sum()
    b = shares[shares.source == "B"]  # four articles, two of them all peace
    assert b["n_docs"].tolist() == [4, 4] and b["reason"].eq("").all()


def test_bad_interval_option_for_shares():
    with pytest.raises(ValueError, match="interval must be"):
        tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=0, interval="sentence")


def test_unreproducible_topics_are_flagged():
    # Words drawn at random carry no themes: most of six topics cannot be found again.
    rng = np.random.default_rng(0)
    vocab = ENERGY + PEACE + TRADE
    text = "\n".join(" ".join(rng.choice(vocab, 6)) + "." for _ in range(60))
    noise = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    terms, _ = tfidf_topics(noise, n_topics=6, n_seeds=3, n_boot=0)
    stability = terms.groupby("topic")["stability"].first()
    assert stability.min() < 0.6
    assert not terms.groupby("topic")["reproducible"].first().all()
    clean, _ = tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=3, n_boot=0)
    assert clean["stability"].min() > stability.max()


@pytest.mark.parametrize("options, match", [
    ({"method": "lsa"}, "method must be one of"),
    ({"resample": "source"}, "resample must be"),
    ({"n_topics": 500}, "too few"),
    ({"min_df": 1000}, "no terms left"),
])
def test_topic_errors(options, match):
    with pytest.raises(ValueError, match=match):
        tfidf_topics(TWO_THEMES, **{"n_seeds": 0, **options})


# --- stability and the suggested number of topics ------------------------------------------

@pytest.mark.parametrize("corpus, expected", [(TWO_THEMES, 2), (THREE_THEMES, 3)])
def test_suggest_n_topics_finds_the_number_of_themes(corpus, expected):
    assert suggest_n_topics(corpus, n_topics=[2, 3, 4, 5], n_seeds=3) == expected


def test_topic_stability_table():
    table = topic_stability(THREE_THEMES, n_topics=[4, 2, 3, 200], n_seeds=3)
    assert table["n_topics"].tolist() == [2, 3, 4]  # sorted; 200 > units is skipped
    assert table["suggested"].sum() == 1
    assert (table["min_stability"] <= table["stability"]).all()
    row = table.set_index("n_topics").loc[3]
    assert row["stability"] > 0.95 and row["n_reproducible"] == 3
    with pytest.raises(ValueError, match="n_seeds >= 1"):
        topic_stability(THREE_THEMES, n_seeds=0)


# --- plots ---------------------------------------------------------------------------------

def test_topic_plots_draw_one_bar_per_row():
    terms, shares = tfidf_topics(TWO_THEMES, n_topics=2, n_terms=5, n_seeds=2, n_boot=50)
    axes = plot_topic_terms(terms, n_terms=5)
    assert [len(ax.patches) for ax in axes] == [5, 5]
    assert axes[0].get_title(loc="left").startswith("1: ")
    ax = plot_topic_shares(shares)
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "A (40 units; 2 articles: no interval)", "B (40 units; 2 articles: no interval)"]
    assert len(ax.containers) == 2 and all(c.errorbar is None for c in ax.containers)
    axes = plot_tfidf_terms(tfidf_terms(SMALL, min_count=1), n_terms=3)
    assert [ax.get_title(loc="left") for ax in axes] == ["X", "Y"]
    assert [len(ax.patches) for ax in axes] == [3, 3]
    ax = plot_topic_stability(topic_stability(TWO_THEMES, n_topics=[2, 3], n_seeds=2))
    assert list(ax.get_xticks()) == [2, 3]
    plt.close("all")


def test_seed_smoke():
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.paths import SEEDS_DIR

    corpus = clean_corpus(load_corpus(SEEDS_DIR))
    terms, shares = tfidf_topics(corpus, n_topics=4, n_seeds=2, n_boot=100)
    assert set(shares["source"]) == set(corpus["source"])
    assert np.allclose(shares.groupby("source")["share"].sum(), 1.0)
    assert terms["topic"].nunique() == 4 and terms["stability"].between(0, 1.0001).all()
    distinctive = tfidf_terms(corpus)
    assert distinctive.groupby("source")["rank"].min().eq(1).all()


def test_refits_draw_at_most_max_refit_units(monkeypatch):
    from analysis import topic_models

    sizes = []
    real_fit = topic_models._fit

    def recording_fit(x, *args, reference, **kw):
        if not reference:
            sizes.append(x.shape[0])
        return real_fit(x, *args, reference=reference, **kw)

    monkeypatch.setattr(topic_models, "_fit", recording_fit)
    n_units = len(topic_units(TWO_THEMES))
    tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=2, n_boot=10, n_null=0)
    assert sizes == [round(0.8 * n_units)] * 2
    sizes.clear()
    capped, _ = tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=2, n_boot=10, max_refit_units=5)
    assert sizes == [5] * 40  # two refits on the units, two on each of the 19 nulls
    # a cap above the subsample size changes nothing
    free, _ = tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=2, n_boot=10, max_refit_units=None)
    loose, _ = tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=2, n_boot=10,
                            max_refit_units=n_units)
    pd.testing.assert_frame_equal(free, loose)


@pytest.mark.parametrize("function", ["tfidf_topics", "topic_stability"])
def test_nmf_tol_reaches_every_fit(monkeypatch, function):
    import sklearn.decomposition

    seen = []
    real = sklearn.decomposition.NMF.fit_transform

    def recording(self, x, *args, **kw):
        out = real(self, x, *args, **kw)
        seen.append((self.tol, self.n_iter_))
        return out

    monkeypatch.setattr(sklearn.decomposition.NMF, "fit_transform", recording)
    run = {"tfidf_topics": lambda **kw: tfidf_topics(TWO_THEMES, n_topics=2, n_seeds=2,
                                                     n_boot=10, **kw),
           "topic_stability": lambda **kw: topic_stability(TWO_THEMES, n_topics=[2],
                                                           n_seeds=2, **kw)}[function]
    run()
    # the reference and two refits, on the units and on each of the 19 null versions
    assert [tol for tol, _ in seen] == [3e-3] * 60
    seen.clear()
    # a zero tolerance never stops early: every fit runs max_iter iterations
    run(nmf_tol=0.0, max_iter=7)
    assert seen == [(0.0, 7)] * 60


@pytest.mark.parametrize(("word", "lemma"), [
    ("sanctions", "sanction"), ("relations", "relation"), ("talks", "talk"),
    ("azerbaijan", "azerbaijan"),  # simplemma capitalises it; terms keep the tokenizer's case
    ("zorbakian", "zorbakian"),  # unknown words stay as they are
])
def test_lemma_is_simplemmas_lemma_lower_cased(word, lemma):
    import simplemma

    from analysis.topics import _lemma

    assert _lemma(word) == lemma == simplemma.lemmatize(word, lang="en").lower()


def test_tfidf_terms_of_a_corpus_without_words_is_empty():
    # Issue 23: every line of a small corpus was boilerplate: "empty vocabulary" stopped it.
    c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"], "text": ["", "  "]})
    table = tfidf_terms(c)
    assert table.empty and list(table.columns) == ["source", "term", "count", "tfidf", "rank"]

# --- stability against a null --------------------------------------------------------------

def test_null_counts_keep_unit_lengths_and_vocabulary():
    from scipy import sparse

    from analysis.topic_models import _null_counts

    counts = sparse.csr_matrix(np.array([[3, 0, 1], [0, 2, 0], [1, 1, 5]], dtype=float))
    null = _null_counts(counts, np.random.default_rng(0))
    assert np.asarray(null.sum(axis=1)).ravel().tolist() == [4, 2, 7]
    assert np.asarray(null.sum(axis=0)).ravel().tolist() == [4, 3, 6]
    again = _null_counts(counts, np.random.default_rng(0))
    assert (null != again).nnz == 0


@pytest.mark.parametrize("stability, null, expected", [
    # above every null topic and well clear of its mean: reproducible
    ([0.99, 0.80], [0.70, 0.80, 0.90], [True, False]),
    # above the null max but only just (corrected (0.92 - 0.8) / 0.2 = 0.6 < 0.75)
    ([0.92], [0.70, 0.80, 0.90], [False]),
    ([0.99], [], [False]),  # no null: nothing shown reproducible
])
def test_against_null_rows(stability, null, expected):
    from analysis.topic_models import against_null

    _, _, corrected, flags = against_null(np.array(stability), np.array(null),
                                           min_stability=0.6)
    assert flags.tolist() == expected
    if null:
        assert corrected[0] == pytest.approx((stability[0] - 0.8) / 0.2)


def test_word_salad_has_no_reproducible_topic():
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(150)]
    p = 1 / np.arange(1, 151)
    texts = ["\n".join(" ".join(rng.choice(vocab, size=25, p=p / p.sum())) + "."
                       for _ in range(4)) for _ in range(30)]
    salad = pd.DataFrame({"doc_id": [f"d{i}" for i in range(30)], "source": ["A", "B"] * 15,
                          "text": texts})
    table = topic_stability(salad, n_topics=[2, 3], lemmatize=False)
    assert table["stability"].min() > 0.6  # the raw score alone calls noise stable
    assert table["n_reproducible"].tolist() == [0, 0]
    assert (table["null_low"] < table["null_stability"]).all()
    assert (table["null_stability"] < table["null_high"]).all()


# --- languages: each article read by its own language's rules ------------------------------

RU_TEXT = ("ЕС и Армения подписали соглашение в Брюсселе.\n"
           "ЕС не скрывал, что соглашение важно и что Армения в нём участвует.")
EN_TEXT = "The EU and Armenia signed the agreement in Brussels.\nThe EU said that the deal matters."
MIXED = pd.DataFrame({"doc_id": ["en", "ru"], "source": ["E", "R"], "text": [EN_TEXT, RU_TEXT],
                      "language": ["en", "ru"]})
RU_FUNCTION_WORDS = {"и", "в", "что", "нём"}


def test_tfidf_terms_drop_russian_function_words_and_merge_russian_lemmas():
    terms = set(tfidf_terms(MIXED, min_count=1, n_terms=50).query("source == 'R'")["term"])
    assert not terms & RU_FUNCTION_WORDS
    # "подписали" -> "подписать", "Брюсселе" -> "брюссель" (simplemma's Russian lemmas)
    assert {"подписать", "брюссель", "соглашение"} <= terms
    # "не" stays a term, as English "not" does: negations are kept out of every stopword list
    assert "не" in terms
    # Known limit without a language column: the Russian article is read as English
    plain = set(tfidf_terms(MIXED.drop(columns="language"), min_count=1, n_terms=50)
                .query("source == 'R'")["term"])
    assert {"и", "в", "что", "подписали"} <= plain


def test_english_terms_do_not_depend_on_the_language_column():
    english = MIXED.iloc[:1]
    pd.testing.assert_frame_equal(tfidf_terms(english, min_count=1),
                                  tfidf_terms(english.drop(columns="language"), min_count=1))
    pd.testing.assert_frame_equal(topic_units(english, min_tokens=1),
                                  topic_units(english.drop(columns="language"), min_tokens=1))


@pytest.mark.parametrize("language, expected", [
    # razdel: "г." is an abbreviation, "Затем" opens the second sentence
    ("ru", [[0, ["армения", "подписать", "договор"]],
            [1, ["затем", "ЕС", "приветствовать", "решение"]]]),
    # English rules see no Latin capital after the full stop: one sentence, "в", "это" kept
    ("en", [[0, ["в", "г", "армения", "подписала", "договор", "затем", "ЕС", "приветствовал",
                 "это", "решение"]]]),
])
def test_topic_units_split_and_tokenize_by_language(language, expected):
    text = "В 2024 г. Армения подписала договор. Затем ЕС приветствовал это решение."
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text], "language": [language]})
    units = topic_units(c, unit="sentence", min_tokens=1)
    assert units[["unit_id", "tokens"]].values.tolist() == expected


def test_topic_units_split_azerbaijani_with_razdel():
    text = "Bu barədə İ. Əliyev bildirib. Əməkdaşlıq Aİ ilə davam edir."
    c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text], "language": ["az"]})
    units = topic_units(c, unit="sentence", min_tokens=1)
    # "bu", "barədə", "bildirib", "ilə", "edir" are on the project's Azerbaijani list; no
    # Azerbaijani lemmas; "İ." lower-cases to "i" by Azerbaijani casing
    assert units[["unit_id", "tokens"]].values.tolist() == [
        [0, ["i", "əliyev"]], [1, ["əməkdaşlıq", "Aİ", "davam"]]]


def test_tfidf_topics_of_a_mixed_corpus_keep_russian_function_words_out():
    rows = []
    for i in range(6):
        rows.append((f"ru{i}", "R", "ru", "Газ и нефть идут по трубопроводу в Европу, что важно.\n"
                     "Мир и договор на границе, что не просто."))
        rows.append((f"en{i}", "E", "en", "Gas and oil flow through the pipeline to Europe.\n"
                     "Peace and a treaty on the border are not simple."))
    c = pd.DataFrame(rows, columns=["doc_id", "source", "language", "text"])
    terms, _ = tfidf_topics(c, n_topics=2, n_seeds=2, n_boot=20, min_df=1)
    assert not set(terms["term"]) & RU_FUNCTION_WORDS
    assert {"газ", "договор", "gas", "treaty"} <= set(terms["term"])


def test_tfidf_topics_of_a_document_term_matrix_use_each_article_language():
    from analysis.freq import document_term_matrix

    c = pd.concat([MIXED] * 3, ignore_index=True).assign(doc_id=[f"d{i}" for i in range(6)])
    dtm = document_term_matrix(c, group_columns=("source", "language"))
    terms, _ = tfidf_topics(dtm, n_topics=2, n_seeds=2, n_boot=20, min_df=1, n_terms=40)
    direct, _ = tfidf_topics(c, unit="article", n_topics=2, n_seeds=2, n_boot=20, min_df=1,
                             n_terms=40)
    assert "подписать" in set(terms["term"]) and "подписали" not in set(terms["term"])
    pd.testing.assert_frame_equal(terms, direct)
