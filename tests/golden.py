"""Golden digests of every stage's output table, to prove that a code move changed nothing.

``golden_tables()`` runs the whole pipeline on the seeds and on a seeded synthetic corpus (the
generator of ``bench/scale.py``) under several option sets and returns one table per
(corpus, stage, option set). ``digest`` reduces a table to a short hash of its column names,
dtype kinds and values (floats to 10 significant digits, so a different summation order does
not count as a change; anything larger does).

Run ``.venv/bin/python tests/golden.py --write`` to record the digests in
``tests/data/golden.json``; ``tests/test_golden.py`` compares against that file. Rewrite it only
for a change of behaviour that is meant, and say so in the commit message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "golden.json"
N_SYNTHETIC = 120


def digest(table) -> str:
    """A short hash of a table's columns, dtype kinds and values (floats to 10 digits)."""
    if isinstance(table, pd.Series):
        table = table.to_frame()
    h = hashlib.sha256()
    h.update(repr((list(map(str, table.columns)), table.shape)).encode())
    for name in table.columns:
        col = table[name]
        kind = col.dtype.kind
        h.update(f"|{name}:{kind}|".encode())
        if kind == "f":
            values = ["nan" if np.isnan(v) else f"{v:.10g}" for v in col.to_numpy(float)]
        elif kind == "c":
            values = [f"{v:.10g}" for v in col.to_numpy()]
        else:
            values = ["<NA>" if _missing(v) else _text(v) for v in col.tolist()]
        h.update("\x1f".join(values).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array cell
        return False


def _text(value) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, (list, tuple, np.ndarray)):
        return "[" + ",".join(_text(v) for v in value) + "]"
    return str(value)


def _synthetic_corpus(folder: Path):
    sys.path.insert(0, str(HERE.parent / "bench"))
    try:
        from scale import generate_corpus
    finally:
        sys.path.remove(str(HERE.parent / "bench"))
    rows = []
    for meta, page in generate_corpus(N_SYNTHETIC, n_sources=4, seed=7):
        (folder / f"{meta['doc_id']}.txt").write_text(page, encoding="utf-8")
        rows.append(meta)
    pd.DataFrame(rows).to_csv(folder / "sources.csv", index=False)
    return folder


def _stages(name: str, raw: pd.DataFrame) -> dict[str, pd.DataFrame]:
    from analysis.clean import clean_corpus, cleaning_audit, line_audit, line_counts
    from analysis.context import collocations, kwic
    from analysis.freq import term_frequencies
    from analysis.keyness import keyness
    from analysis.overview import audit_summary, corpus_overview
    from analysis.sentiment import evidence, sentiment_by_source, target_sentiment
    from analysis.targets import alias_audit, mentions
    from analysis.tokens import sentences
    from analysis.topics import tfidf_terms, tfidf_topics, topic_stability, topic_units

    out: dict[str, pd.DataFrame] = {}
    put = out.__setitem__
    put(f"{name}/load", raw)
    corpus = clean_corpus(raw)
    put(f"{name}/clean", corpus)
    put(f"{name}/clean[prose_words=6,long_words=15]",
        clean_corpus(raw, prose_words=6, long_words=15))
    audit = cleaning_audit(raw)
    put(f"{name}/cleaning_audit", audit)
    put(f"{name}/line_audit", line_audit(raw))
    put(f"{name}/line_counts", line_counts(raw))
    put(f"{name}/audit_summary", audit_summary(audit))
    sents = sentences(corpus)
    put(f"{name}/sentences", sents)
    put(f"{name}/corpus_overview", corpus_overview(corpus))
    put(f"{name}/term_frequencies", term_frequencies(corpus, n_boot=200))
    put(f"{name}/term_frequencies[bigrams,lemmas]",
        term_frequencies(corpus, ngram_range=(2, 2), lemmatize=True, n_boot=200))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        put(f"{name}/keyness", keyness(corpus))
        put(f"{name}/keyness[min_docs=1,min_tokens=100]",
            keyness(corpus, min_docs=1, min_tokens=100))
    put(f"{name}/tfidf_terms", tfidf_terms(corpus))
    units = topic_units(corpus)
    put(f"{name}/topic_units", units)
    terms, shares = tfidf_topics(units, n_topics=3, n_seeds=3, n_boot=200)
    put(f"{name}/tfidf_topics.terms", terms)
    put(f"{name}/tfidf_topics.shares", shares)
    put(f"{name}/topic_stability", topic_stability(units, n_topics=[2, 3], n_seeds=3))
    put(f"{name}/mentions", mentions(corpus))
    put(f"{name}/alias_audit", alias_audit(corpus))
    put(f"{name}/kwic[EU]", kwic(corpus, "EU"))
    put(f"{name}/kwic[relations]", kwic(corpus, "relations", window=4))
    put(f"{name}/collocations[US]", collocations(corpus, "US"))
    put(f"{name}/collocations[Armenia,pmi]",
        collocations(corpus, "Armenia", measure="pmi", min_count=1))
    for method in ("vader", "sentence", "learned"):
        scores = target_sentiment(corpus, method=method, sentences=sents)
        put(f"{name}/target_sentiment[{method}]", scores)
        put(f"{name}/sentiment_by_source[{method}]", sentiment_by_source(scores))
        put(f"{name}/evidence[{method}]", evidence(scores))
    with warnings.catch_warnings():  # the seeds' undated articles are warned about
        warnings.simplefilter("ignore")
        put(f"{name}/term_frequencies[by=source,year]",
            term_frequencies(corpus, by=["source", "year"], n_boot=200))
        put(f"{name}/keyness[by=month]", keyness(corpus, by="month", min_docs=1, min_tokens=100))
        put(f"{name}/sentiment_by_source[vader,by=source,quarter]",
            sentiment_by_source(target_sentiment(corpus, method="vader", sentences=sents),
                                by=["source", "quarter"], dates=corpus))
    scores = target_sentiment(corpus, sentences=sents, include_venues=True)  # default method
    put(f"{name}/target_sentiment[include_venues]", scores)
    return out


def golden_tables() -> dict[str, pd.DataFrame]:
    """Every stage's table on the seeds and a synthetic corpus, keyed ``corpus/stage[opts]``."""
    from analysis.corpus import load_corpus
    from analysis.paths import SEEDS_DIR

    tables = _stages("seeds", load_corpus(SEEDS_DIR))
    with tempfile.TemporaryDirectory() as tmp:
        tables.update(_stages("synthetic", load_corpus(_synthetic_corpus(Path(tmp)))))
    return tables


def golden_digests() -> dict[str, str]:
    return {key: digest(table) for key, table in golden_tables().items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"record the digests in {GOLDEN}")
    args = parser.parse_args(argv)
    digests = golden_digests()
    if args.write:
        GOLDEN.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(digests)} digests to {GOLDEN}")
        return 0
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = sorted(k for k in set(digests) | set(recorded) if digests.get(k) != recorded.get(k))
    print("\n".join(changed) if changed else f"all {len(digests)} tables unchanged")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
