"""Target-level sentiment: how is each target portrayed in each sentence that mentions it?

Methods that score one mention (a character span in a sentence):

``"learned"`` (default)
    The :class:`TargetSentimentModel` shipped in the package (``analysis/sentiment/data/``:
    arrays in ``.npz`` and a JSON with vocabularies, settings and a SHA-256 checksum, read
    without pickles once per process by :func:`shipped_model`), trained by
    ``bench/train_sentiment_model.py`` on NewsMTSC's ``train.jsonl`` (Hamborg and Donnay 2021)
    only. It is the default because it is best across NewsMTSC test and the capability set
    (``bench/RESULTS.md``, "The default method"); it scores about a sixth as many mentions a
    second as ``"vader"``.
``"vader"`` (no training data, offline)
    VADER word valences (``vaderSentiment``'s lexicon, plus ``analysis/data/news_lexicon.tsv``,
    a small hand-made list of news words VADER lacks, such as "alleged" or "indicted", which
    also drops seven VADER words whose news sense is institutional: "party", "security") summed
    with weights that fall off with distance from the target (full weight within ``window``
    words, then ``decay`` per word) and across clause boundaries (``other_clause``); what the
    target itself says or others say does not count (``speech``: the clause after "X said" or
    "X:", quotations the target stands outside of, except one that follows the target with no
    reporting verb in between, which describes it: "Comey's comment that Trump is 'unethical'";
    nor do the negative words of what the target talks about: "X spoke of the enemies of Y").
    Positive words count ``pos_weight`` of negative ones: in news, VADER's
    positive words ("support", "deal", "join") are mostly neutral, negative ones are not.
    The target's own words, the other mentions and multi-word names are masked, so "United
    States" is not positive for free, nor "Freedom Support Act". VADER's negation and booster
    rules apply per word. Comparative cues flip the sign for whatever stands on the other
    side: in "Europe is hopelessly behind the U.S." the EU gets the negative words and the
    cue ("behind"), the US gets them reversed; a win is such a cue too ("X defeated Y", "X
    beats Y", but not "X was defeated", "the defeated X" or "beat up"). A target that is a
    setting rather than a participant (a time, a name right after "in", the one addressed
    after "told" or "asked") is neutral (``setting``); a victim of violence, death or illness
    ("the murder of X", "X died") is not blamed for it, nor for the crime around it
    ("convicted of murder in the shooting of X": ``victim``); "against" right before
    the target counts as a negative word (``against``); a quotation right after "called X"
    describes X rather than being X's speech; in a Title Case headline no word is masked as
    part of a name (``headline``). Labels are cut close to zero (>= 0.01 positive, <= -0.03
    negative): one faint word near the target already tilts its portrayal.
    The numbers were tuned on NewsMTSC train and dev (never the test sets or the seeds).
``"sentence"``
    Plain whole-sentence VADER compound (>= 0.05 positive, <= -0.05 negative), the baseline.
a :class:`TargetSentimentModel` of your own
    Scikit-learn logistic regressions over features taken relative to the mention (words by
    side and distance, the mention's clause, character n-grams nearby, n-grams with the
    mention and other names as placeholders, scoped VADER scores including the default's),
    one per class with the n-grams scaled by their naive Bayes log-count ratios (NB-LR),
    trained on NewsMTSC-format JSONL with :func:`train_model`, saved with :func:`save_model`
    (``.npz``: arrays and JSON, no code runs when read; any other suffix: a pickle, read back
    by :func:`load_model` only with ``trusted=True``; a path is never a method by itself).

Macro-F1 on NewsMTSC's test sets (``bench/sentiment.py``, single-target rw / multi-target mt,
with the role layer of :mod:`analysis.roles`): ``"learned"`` 68.1 / 64.8, ``"vader"`` 61.2 /
58.1, ``"sentence"`` 52.5 / 49.9 (how they got there: ``bench/RESULTS.md``). Roughly one
mention in three is misjudged by the default.

Every method scores English only: rows of an article whose ``language`` is another
(Russian, Azerbaijani, ...) are *not scored* (score NaN, label ""), with a warning naming the
languages and row counts; :func:`sentiment_by_source` counts them apart (``n_not_scored``).
An article without a language is scored.

Measures: :func:`target_sentiment` (one row per sentence and target),
:func:`sentiment_by_source` (means with intervals over articles and label shares, every
source x target cell present) and :func:`evidence` (the sentences and words behind each score).

Layout: ``lexicon`` (VADER and the news lexicon) -> ``rules`` (the words the rules read, and
each token's facts about them) -> ``parsing`` (what sentences are before any target, as arrays)
-> ``scoped`` (the default scorer, :func:`~analysis.sentiment.scoped.score_mentions`: every
rule, any number of mentions; one mention is the same call on one row) -> ``features``,
``model`` (the learned method, whose features come from that scorer; ``vectorizers``: the
scikit-learn vectorizers of a model read from its file, same matrices, faster) -> ``classify``
(:func:`classify_mention`) -> ``bulk`` (the rows of a table, a slice of sentences at a time)
-> ``measure`` (:func:`target_sentiment`) and ``aggregate`` (:func:`sentiment_by_source`,
:func:`evidence`). The public functions are importable from ``analysis.sentiment`` itself.
"""

from __future__ import annotations

# the submodules as attributes (analysis.sentiment.lexicon, ...): tests and scripts reach them so
from analysis.sentiment import bulk, classify, features, lexicon, parsing  # noqa: F401
from analysis.sentiment.aggregate import (
    BY_SOURCE_COLUMNS,
    EVIDENCE_COLUMNS,
    evidence,
    sentiment_by_source,
)
from analysis.sentiment.classify import (
    DEFAULT_METHOD,
    METHODS,
    VADER_OPTIONS,
    check_method,
    classify_mention,
)
from analysis.sentiment.lexicon import NEWS_LEXICON
from analysis.sentiment.measure import SCORE_COLUMNS, method_languages, target_sentiment
from analysis.sentiment.model import (
    TargetSentimentModel,
    load_model,
    read_newsmtsc,
    save_model,
    shipped_model,
    train_model,
)
from analysis.sentiment.scoped import LABELS, MentionScore

__all__ = ["BY_SOURCE_COLUMNS", "DEFAULT_METHOD", "EVIDENCE_COLUMNS", "LABELS", "METHODS",
           "MentionScore", "NEWS_LEXICON", "SCORE_COLUMNS", "TargetSentimentModel",
           "VADER_OPTIONS", "check_method", "classify_mention", "evidence", "load_model",
           "method_languages", "read_newsmtsc", "save_model", "sentiment_by_source",
           "shipped_model", "target_sentiment", "train_model"]
