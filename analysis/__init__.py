"""Discourse analysis of news outlets: corpus loading, audited cleaning, term frequencies,
keyness, topics and target sentiment per source.

The pipeline runs one way: ``load_corpus`` -> ``clean_corpus`` -> tokens / sentences ->
a measure (a tidy table) -> ``plot_<measure>`` -> ``save_figure``.

The main verbs are importable from the package itself (``analysis.load_corpus``,
``analysis.term_frequencies``, ...). They are imported on first use, so ``import analysis``
stays fast and loads neither pandas nor scikit-learn.

Examples
--------
>>> import analysis
>>> analysis.load_corpus is analysis.corpus.load_corpus
True
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Public name -> the module that defines it (one home per name). ``keyness`` is not here: it
# is the name of its module, which ``from analysis import keyness`` must keep returning.
_HOMES = {
    "corpus": ("load_corpus", "CorpusError"),
    "clean": ("clean_corpus", "cleaning_audit", "line_audit", "line_counts",
              "strip_boilerplate"),
    "tokens": ("sentences", "tokenize"),
    "freq": ("document_term_matrix", "term_frequencies"),
    "overview": ("audit_summary", "corpus_overview"),
    "topics": ("suggest_n_topics", "tfidf_terms", "tfidf_topics", "topic_stability",
               "topic_units"),
    "targets": ("alias_audit", "mentions"),
    "context": ("collocations", "kwic"),
    "dictionary": ("dictionary_frequencies", "read_dictionary"),
    "sentiment": ("classify_mention", "evidence", "load_model", "save_model",
                  "sentiment_by_source", "target_sentiment", "train_model"),
    "cache": ("cached",),
    "display": ("sentence_table",),
    "plots": ("save_figure",),
}
_WHERE = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        try:  # a submodule not imported yet: ``analysis.corpus`` after ``import analysis``
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
