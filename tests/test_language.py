"""Languages (issue 21): detection at load, Russian and Azerbaijani sentences, stopwords and
lemmas, and sentiment rows of languages no method scores left unscored, said aloud."""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.corpus import load_corpus
from analysis.freq import term_frequencies
from analysis.language import detect_language, detect_languages, language_code
from analysis.sentiment import sentiment_by_source, target_sentiment
from analysis.targets import alias_table
from analysis.tokens import (
    STOPWORDS,
    language_stopwords,
    sentences,
    split_sentences,
    stopwords_for,
    tokenize,
    tokens,
)

PARAGRAPHS = pd.read_csv(Path(__file__).parent / "data" / "languages.csv", dtype=str,
                         keep_default_na=False)
NAMES_ONLY = PARAGRAPHS["text"].str.startswith("Ilham Aliyev met")


# -- detection --------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "text"),
                         PARAGRAPHS[~NAMES_ONLY][["language", "text"]].values.tolist())
def test_detects_hand_made_paragraphs(language, text):
    assert detect_language(text) == language


def test_known_limit_a_line_of_names_is_told_by_the_prose_around_it():
    names = PARAGRAPHS.loc[NAMES_ONLY, "text"].item()
    assert detect_language(names) != "en"  # names alone: the detector guesses
    article = names + "\nThe ministers discussed the peace agreement and the new trade route."
    assert detect_language(article) == "en"


@pytest.mark.parametrize(("text", "expected"), [("EU, 2025", ""), ("", ""), ("   \n ", "")])
def test_too_short_to_tell_is_empty(text, expected):
    assert detect_language(text) == expected


def test_menu_lines_do_not_outvote_the_article():
    text = ("Home\nNews\nContact\nLogin\nSearch\n"
            "Президент Азербайджана принял в Баку делегацию Европейского союза.")
    assert detect_language(text) == "ru"


def test_detect_languages_is_ordered_and_rejects_non_text():
    texts = PARAGRAPHS["text"].tolist()[:3] + ["В Баку открылась новая станция метро."]
    assert detect_languages(texts) == ["en", "en", "en", "ru"]
    with pytest.raises(TypeError, match="must be a string"):
        detect_language(None)


@pytest.mark.parametrize(("value", "code"), [("ru", "ru"), ("RU", "ru"), ("ru-RU", "ru"),
                                             ("az_Latn", "az"), (" en ", "en"), (None, ""),
                                             (np.nan, "")])
def test_language_code(value, code):
    assert language_code(value) == code


def _folder(tmp_path, languages):
    texts = {"a": "The ministers met in Brussels and agreed on a new trade route to Asia.",
             "b": "Министры встретились в Брюсселе и договорились о новом торговом пути.",
             "c": "Nazirlər Brüsseldə görüşüb və Asiyaya yeni ticarət yolu barədə razılaşıblar."}
    for doc_id, text in texts.items():
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    pd.DataFrame({"doc_id": list(texts), "source": "X", "language": languages}).to_csv(
        tmp_path / "sources.csv", index=False)
    return tmp_path


def test_load_fills_empty_language_and_keeps_the_manifests(tmp_path):
    folder = _folder(tmp_path, ["", "", "kk"])  # "kk": the manifest's word wins, even wrong
    assert load_corpus(folder)["language"].tolist() == ["en", "ru", "kk"]
    assert load_corpus(folder, detect_language=False)["language"].tolist() == ["", "", "kk"]


def test_load_detects_azerbaijani(tmp_path):
    assert load_corpus(_folder(tmp_path, ["", "", ""]))["language"].tolist() == ["en", "ru", "az"]


# -- sentences, stopwords, lemmas -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("ЕС осудил этот шаг. Армения промолчала.", "ru",
         ["ЕС осудил этот шаг.", "Армения промолчала."]),
        ("В 2024 г. И. Алиев посетил Брюссель. «Это важно», — сказал он.", "ru",
         ["В 2024 г. И. Алиев посетил Брюссель.", "«Это важно», — сказал он."]),
        ("Переговоры, т.е. встречи министров, идут. США ждут.\nЗаголовок", "ru",
         ["Переговоры, т.е. встречи министров, идут.", "США ждут.", "Заголовок"]),
        ("Bakı görüşə ev sahibliyi edib. Əliyev qonaqları qəbul edib.", "az",
         ["Bakı görüşə ev sahibliyi edib.", "Əliyev qonaqları qəbul edib."]),
        ("Bu barədə İ. Əliyev bildirib. Aİ bunu dəstəkləyir!", "az",
         ["Bu barədə İ. Əliyev bildirib.", "Aİ bunu dəstəkləyir!"]),
        # the English rules, which the other languages used before: one sentence each
        ("ЕС осудил этот шаг. Армения промолчала.", "en",
         ["ЕС осудил этот шаг. Армения промолчала."]),
        ("Bakı görüşə ev sahibliyi edib. Əliyev qonaqları qəbul edib.", "en",
         ["Bakı görüşə ev sahibliyi edib. Əliyev qonaqları qəbul edib."]),
    ],
    ids=["ru", "ru-abbrev-initial-quote", "ru-te-lines", "az-schwa-start", "az-initial",
         "ru-read-as-en", "az-read-as-en"],
)
def test_sentences_by_language(text, language, expected):
    assert split_sentences(text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Он сказал, что ЕС не поддержит этот мирный план.", "ru",
         ["ЕС", "не", "поддержит", "мирный", "план"]),
        ("Ermənistan isə bu sülh planını dəstəkləmir və heç bir addım atmır.", "az",
         ["ermənistan", "sülh", "planını", "dəstəkləmir", "heç", "addım", "atmır"]),
        ("İlham Əliyev İrəvan ilə Aİ barədə danışıb.", "az",
         ["ilham", "əliyev", "irəvan", "Aİ", "danışıb"]),
    ],
    ids=["ru-negation-kept", "az-negation-kept", "az-dotted-capital-i"],
)
def test_stopwords_by_language(text, language, expected):
    assert tokenize(text, stopwords=STOPWORDS, language=language) == expected


def test_stopword_lists_hold_function_words_not_content_or_negations():
    ru, az = language_stopwords("ru"), language_stopwords("az")
    assert {"и", "в", "что", "это", "был", "который"} <= ru
    assert not {"не", "ни", "нет", "мир", "против"} & ru
    assert {"və", "ilə", "bu", "üçün", "ki", "olub"} <= az
    assert not {"yox", "deyil", "heç", "sülh", "qarşı"} & az
    assert all(w == w.lower() and "İ" not in w for w in az)
    assert language_stopwords("ru-RU") is ru and language_stopwords("fr") is STOPWORDS
    assert stopwords_for(STOPWORDS, "az") is az
    assert stopwords_for(None, "az") is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Отношения улучшились", "ru", ["отношение", "улучшиться"]),
        ("ЕС обсудил санкции", "ru", ["ЕС", "обсудить", "санкция"]),
        # no Azerbaijani lemmatizer is installed: words stay as written (lower-cased)
        ("Münasibətlər yaxşılaşıb", "az", ["münasibətlər", "yaxşılaşıb"]),
        ("Relations improved", "en", ["relation", "improve"]),
    ],
)
def test_lemmas_by_language(text, language, expected):
    assert tokenize(text, lemmatize=True, language=language) == expected


def _mixed():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c"], "source": ["EN", "RU", "AZ"], "language": ["en", "ru", "az"],
        "text": ["The EU and the US met. They agreed.",
                 "ЕС и США встретились. Они договорились о том, что это важно.",
                 "Aİ və ABŞ görüşüb. Onlar bu barədə razılaşıblar."]})


def test_corpus_tables_pick_each_articles_language():
    corpus = _mixed()
    assert sentences(corpus).groupby("doc_id").size().tolist() == [2, 2, 2]
    terms = tokens(corpus).groupby("doc_id")["term"].apply(list).to_dict()
    assert terms == {"a": ["EU", "US", "met", "agreed"],
                     "b": ["ЕС", "США", "встретились", "договорились", "важно"],
                     "c": ["Aİ", "ABŞ", "görüşüb", "razılaşıblar"]}
    counted = term_frequencies(corpus, n_boot=0)
    by_source = counted.groupby("source")["term"].apply(set).to_dict()
    assert by_source["RU"] == {"ЕС", "США", "встретились", "договорились", "важно"}
    assert by_source["AZ"] == {"Aİ", "ABŞ", "görüşüb", "razılaşıblar"}


def test_without_a_language_column_every_article_is_read_as_english():
    corpus = _mixed().drop(columns="language")
    assert sentences(corpus).groupby("doc_id").size().tolist() == [2, 1, 2]
    assert "и" in tokens(corpus).query("doc_id == 'b'")["term"].tolist()


# -- sentiment: not scored, said aloud --------------------------------------------------------

ALIASES = alias_table({"EU": ["ЕС", "Aİ"], "US": ["США", "ABŞ"]})


def _scores(corpus, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = target_sentiment(corpus, aliases=ALIASES, **options)
    return table, [str(w.message) for w in caught if "scoring method" in str(w.message)]


@pytest.mark.parametrize("method", ["vader", "sentence"])
def test_rows_of_unscorable_languages_are_not_scored_and_warned(method):
    corpus = _mixed()
    table, messages = _scores(corpus, method=method)
    other = table[table["doc_id"] != "a"]
    assert len(other) == 4  # EU and US in the first sentence of each non-English article
    assert other["score"].isna().all()
    assert (other["label"] == "").all() and (other["words"] == "").all()
    assert messages == ["target_sentiment: no scoring method for language(s) az (2 rows), "
                        "ru (2 rows): these rows are not scored (score NaN, label ''), "
                        "not neutral"]
    # the English rows are what the English article alone gives
    alone, quiet = _scores(corpus[corpus["language"] == "en"], method=method)
    english = table[table["doc_id"] == "a"].reset_index(drop=True)
    pd.testing.assert_frame_equal(english, alone)
    assert quiet == [] and english["label"].isin(["negative", "neutral", "positive"]).all()


def test_counts_of_the_warning_follow_the_rows():
    corpus = _mixed()
    table, messages = _scores(corpus)
    ru = table[table["doc_id"] == "b"]
    assert f"ru ({len(ru)} rows)" in messages[0]


def test_empty_language_is_scored_and_sentences_table_is_used():
    corpus = _mixed().assign(language=["", "ru", "az"])
    sents = sentences(corpus)
    table, messages = _scores(corpus, sentences=sents)
    assert table.loc[table["doc_id"] == "a", "score"].notna().all()
    assert table.loc[table["doc_id"] == "b", "sent_id"].tolist() == [0, 0]  # ЕС, США: 1st
    assert len(messages) == 1


def test_sentiment_by_source_counts_not_scored_apart():
    table, _ = _scores(_mixed())
    by = sentiment_by_source(table).set_index(["source", "target"])
    assert by.loc[("RU", "EU"), ["n_sentences", "n_docs", "n_not_scored"]].tolist() == [0, 0, 1]
    assert by.loc[("RU", "EU"), "reason"] == "not scored: 1 row"
    assert np.isnan(by.loc[("RU", "EU"), "mean"])
    assert by.loc[("EN", "EU"), ["n_sentences", "n_not_scored"]].tolist() == [1, 0]
    assert (by.loc[("EN", slice(None)), "n_not_scored"] == 0).all()


def test_an_article_without_a_language_is_detected_when_its_letters_are_not_english():
    # no language column: the Russian and Azerbaijani articles are found out and not scored
    # as English (they were scored with VADER's English lexicon, near 0, with no warning)
    corpus = _mixed().drop(columns="language")
    table, messages = _scores(corpus)
    assert table.loc[table["doc_id"] == "a", "score"].notna().all()
    assert table.loc[table["doc_id"] != "a", "score"].isna().all()
    assert messages == ["target_sentiment: no scoring method for language(s) az (2 rows), "
                        "ru (2 rows): these rows are not scored (score NaN, label ''), "
                        "not neutral"]
    # and split by their own rules, as with the column
    with_column, _ = _scores(_mixed())
    assert table["sent_id"].tolist() == with_column["sent_id"].tolist()
