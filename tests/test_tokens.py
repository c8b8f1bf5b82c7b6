"""Tests for analysis.tokens: the constructions the seed articles contain, offline."""

import pandas as pd
import pytest

from analysis.tokens import STOPWORDS, normalize_text, sentences, split_sentences, tokenize, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Embassy said Mr. Smith left. He returned on Aug. 8.",
         ["The U.S. Embassy said Mr. Smith left.", "He returned on Aug. 8."]),
        ("Vice President J.D. Vance arrives. Talks follow.",
         ["Vice President J.D. Vance arrives.", "Talks follow."]),
        ("Europe lags behind the U.S. The EU hesitates.",
         ["Europe lags behind the U.S.", "The EU hesitates."]),
        ("“We met,” he said. “Now we act.”", ["“We met,” he said.", "“Now we act.”"]),
        ("Why Baku? Because of TRIPP! It matters…", ["Why Baku?", "Because of TRIPP!",
                                                     "It matters…"]),
        ("- First, trade.\n- Second, peace.", ["- First, trade.", "- Second, peace."]),
        ("A title line\n\nBody one. Body two.", ["A title line", "Body one.", "Body two."]),
        ("Prices rose 3.5 percent. Oil rose, e.g. Brent.", ["Prices rose 3.5 percent.",
                                                     "Oil rose, e.g. Brent."]),
        # known limit: a lower-case start after a period is not taken as a new sentence
        ("It ended. then it began.", ["It ended. then it began."]),
    ],
    ids=["us-mr-aug", "initials", "us-at-end", "curly-quotes", "other-marks", "bullets",
         "lines", "decimal", "lowercase-limit"],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S.–Azerbaijan relations", ["US", "azerbaijan", "relations"]),
        ("U.S.-Azerbaijan contacts", ["US", "azerbaijan", "contacts"]),
        ("Azerbaijan–United States", ["azerbaijan", "united", "states"]),
        ("Armenia-Azerbaijan settlement", ["armenia", "azerbaijan", "settlement"]),
        ("a full-fledged, post-conflict course", ["a", "full-fledged", "post-conflict", "course"]),
        ("position—between Russia", ["position", "between", "russia"]),
        ("“ally of your allies”", ["ally", "of", "your", "allies"]),
        ("Azerbaijan’s and Baku's", ["azerbaijan", "and", "baku"]),
        ("let us see the US", ["let", "us", "see", "the", "US"]),
        ("**irreversible peace**", ["irreversible", "peace"]),
        ("the 44-day war in 2020", ["the", "44-day", "war", "in"]),
        ("WHAT ARE YOU LOOKING FOR ?", ["what", "are", "you", "looking", "for"]),
        ("EU and USA", ["EU", "and", "USA"]),
        ("news on Caliber.az today", ["news", "on", "caliber.az", "today"]),
        ("News on Caliber.Az.", ["news", "on", "caliber.az"]),  # the sentence's full stop
        ("News on Caliber.Az", ["news", "on", "caliber.az"]),
        ("Visit news.am. Then", ["visit", "news.am", "then"]),
        ("see site.com.au now", ["see", "site", "com", "au", "now"]),  # not a listed ending
        ("news.amazing", ["news", "amazing"]),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_tokenize_options():
    assert tokenize("In 2020 the EU met", keep_numbers=True) == ["in", "2020", "the", "EU", "met"]
    assert tokenize("the relations of the EU", stopwords=STOPWORDS) == ["relations", "EU"]
    assert tokenize("relations were strengthened", lemmatize=True) == [
        "relation", "be", "strengthen"]


def test_stopwords_keep_negations_and_drop_function_words():
    assert {"not", "no", "never"}.isdisjoint(STOPWORDS)
    assert {"the", "of", "and", "said"} <= STOPWORDS
    assert "US" not in STOPWORDS and "us" in STOPWORDS


def test_normalize_text():
    assert normalize_text("- **First**, the “peace”\u00a0agenda") == 'First, the "peace" agenda'


def test_sentence_and_token_tables():
    corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "source": ["X", "Y"],
                           "text": ["Mr. Li left. The EU stayed.", "US talks"]})
    sents = sentences(corpus)
    assert sents[["doc_id", "sent_id", "sentence"]].values.tolist() == [
        ["d1", 0, "Mr. Li left."], ["d1", 1, "The EU stayed."], ["d2", 0, "US talks"]]
    text = corpus.loc[0, "text"]
    assert all(text[a:b] == s for a, b, s in sents[sents.doc_id == "d1"][
        ["start", "end", "sentence"]].values)
    toks = tokens(corpus)
    assert toks["term"].tolist() == ["mr", "li", "left", "EU", "stayed", "US", "talks"]
    pd.testing.assert_frame_equal(toks, tokens(corpus))


def test_tokenizer_never_downloads(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download called")

    monkeypatch.setattr(nltk, "download", refuse)
    assert tokenize("The U.S. and the EU.") == ["the", "US", "and", "the", "EU"]


def test_token_cache_keeps_shouted_lines_and_options_apart():
    # The same raw token normalises differently by line and by option; the cache must not mix.
    assert tokenize("EU talks") == ["EU", "talks"]
    assert tokenize("WHAT THE EU SAYS") == ["what", "the", "eu", "says"]
    assert tokenize("EU talks") == ["EU", "talks"]
    assert tokenize("the 2025 talks", keep_numbers=True) == ["the", "2025", "talks"]
    assert tokenize("the 2025 talks") == ["the", "talks"]
    assert tokenize("the talks", stopwords=STOPWORDS) == ["talks"]
    assert tokenize("the talks", stopwords=frozenset({"talks"})) == ["the"]


@pytest.mark.parametrize("text", [
    "U.S.-Azerbaijan ties in 2025",
    "WHAT ARE YOU LOOKING FOR? EU\nThe **EU** and the bloc's 44-day war",
    "News on Caliber.Az, Biden-Blinken talks; Mr. Smith’s plan.\n\n• item one",
    "",
])
@pytest.mark.parametrize("options", [{}, {"stopwords": STOPWORDS}, {"keep_numbers": True}])
def test_count_tokens_equals_length_of_tokenize(text, options):
    from analysis.tokens import count_tokens

    assert count_tokens(text, **options) == len(tokenize(text, **options))
    assert count_tokens(text, **options) == len(tokenize(text, **options))  # from the cache


@pytest.mark.parametrize("text", [
    "News on Caliber.Az and azernews.az, see www.state.gov.",
    "The U.S.A. and U.S. envoys met; a.b.c.d is no acronym, nor is U.S.Army.",
    "post-conflict Trump’s O'Neil rock-'n'-roll 44-day __init__ x_y -start end-",
    "Ссылка скопирована: 1news.az — Баку, U.S.–Azerbaijan",
])
def test_fast_token_pattern_matches_the_plain_one(text):
    import re

    from analysis.tokens import _TOKEN, _TOKEN_PATTERN

    assert _TOKEN.findall(text) == re.compile(_TOKEN_PATTERN).findall(text)


def test_sentence_spans_by_doc_equals_splitting_each_article():
    from analysis.tokens import sentence_spans, sentence_spans_by_doc

    c = pd.DataFrame({"doc_id": ["b", "a", "c"], "source": ["X", "Y", "X"],
                      "text": ["One. Two.\nThree", "  ", "The U.S. Embassy said Mr. Smith left."]})
    spans = sentence_spans_by_doc(sentences(c), c)
    assert [s.tolist() for s in spans] == [[list(p) for p in sentence_spans(t)] for t in c.text]


@pytest.mark.parametrize("edit, match", [
    (lambda s: s[s.doc_id != "b"], "body but no sentence"),
    (lambda s: s.iloc[::-1], "out of corpus order"),
    (lambda s: s.assign(doc_id=s.doc_id.replace("a", "zz")), "not in the corpus"),
    (lambda s: s.assign(sent_id=s.sent_id + 1), "sent_id"),
])
def test_sentence_spans_by_doc_refuses_another_table(edit, match):
    from analysis.tokens import sentence_spans_by_doc

    c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"], "text": ["A. B.", "C."]})
    with pytest.raises(ValueError, match=match):
        sentence_spans_by_doc(edit(sentences(c)), c)


@pytest.mark.parametrize("line, expected", [
    ("The minister met his counterpart in Baku.", False),   # prose: the letter count exits
    ("WHAT ARE YOU LOOKING FOR?", True),                    # capitalised function words
    ("TRUMP VISITS BAKU", True),                            # a long capitalised word
    ("EU, US AND NATO", True),                              # "AND" is a function word
    ("EU, US, NATO", False),                                # acronyms only
    ("BREAKING NEWS", False),                               # fewer than three words
    ("Iran, Oman, Iraq: no.", False),                       # few e/t/a, still prose
    ("", False),
])
def test_shouted_lines(line, expected):
    from analysis.tokens import _shouted

    assert _shouted(line) is expected


def test_one_lemma_cache_serves_tokens_and_topics():
    # Issue 20: topics kept a second lemma cache beside the tokenizer's; both read
    # analysis.words.lemma now, so a word lemmatized by one is a cache hit for the other.
    from analysis.topics import _terms
    from analysis.words import lemma

    lemma.cache_clear()
    # words no other test reads, so the tokenizer's own token cache has not seen them
    assert tokenize("Aqueducts pilgrimages", lemmatize=True) == ["aqueduct", "pilgrimage"]
    assert lemma.cache_info().currsize == 2
    assert _terms("aqueducts and pilgrimages", True) == ["aqueduct", "pilgrimage"]
    info = lemma.cache_info()
    assert (info.currsize, info.hits) == (2, 2)


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministers met in Baku.", True),
    ("WHAT ARE YOU LOOKING FOR", False),
    ("EU US NATO", False),       # no common lower-case letters: the slow test decides
    ("", False),
])
def test_plainly_lower(text, expected):
    from analysis.tokens import plainly_lower

    assert plainly_lower(text) is expected
