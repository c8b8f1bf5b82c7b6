"""Language detection: accuracy on hand-made paragraphs and time per article.

Issue 21 asks for each article's language. Candidates: ``py3langid`` (the project's choice,
:mod:`analysis.language`), ``lingua-language-detector`` and ``langdetect`` (seeded). Each one
installed is run on ``tests/data/languages.csv`` (English, Russian and Azerbaijani
paragraphs written for the project, a parallel text, plus one line of names only) and timed on
the seed articles (whole text, and the 1,000-character prose sample the loader reads).
Candidates not installed are listed as such; install them in a scratch environment to compare
(``pip install lingua-language-detector langdetect``), never as project dependencies.

Run: ``.venv/bin/python bench/language.py`` (``--repeat`` for more timing runs).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from analysis.corpus import load_corpus
from analysis.language import detect_language, prose_sample
from analysis.paths import ROOT, SEEDS_DIR

PARAGRAPHS = ROOT / "tests" / "data" / "languages.csv"


def candidates() -> dict:
    """``name -> detect(text) -> ISO 639-1 code`` for every detector installed."""
    import py3langid

    found = {"py3langid": lambda text: py3langid.classify(text)[0]}
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        found["lingua"] = None
    else:
        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_code(text):
            language = detector.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else ""

        found["lingua"] = lingua_code
    try:
        import langdetect
    except ImportError:
        found["langdetect"] = None
    else:
        langdetect.DetectorFactory.seed = 0  # nondeterministic otherwise
        found["langdetect"] = langdetect.detect
    return found


def accuracy(detect, rows: pd.DataFrame) -> tuple[dict, list]:
    """Share right per language, and the misses ``(language, got, text)``."""
    got = [detect(text) for text in rows["text"]]
    right = pd.Series([g == lang for g, lang in zip(got, rows["language"])])
    per = right.groupby(rows["language"].to_numpy()).agg(["sum", "count"])
    misses = [(lang, g, text[:50]) for g, lang, text in zip(got, rows["language"], rows["text"])
              if g != lang]
    return {lang: f"{int(r['sum'])}/{int(r['count'])}" for lang, r in per.iterrows()}, misses


def ms_per_article(detect, texts: list[str], repeat: int) -> float:
    detect(texts[0])  # the model is read on first use
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            detect(text)
    return (time.perf_counter() - start) / (repeat * len(texts)) * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs over the seeds")
    args = parser.parse_args(argv)
    rows = pd.read_csv(PARAGRAPHS, dtype=str, keep_default_na=False)
    texts = load_corpus(SEEDS_DIR, detect_language=False)["raw_text"].tolist()
    samples = [prose_sample(text, max_chars=1000) for text in texts]
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"{len(rows)} paragraphs; {len(texts)} seed articles, {mean_chars:,.0f} characters "
          "on average")
    print("| detector | en | ru | az | ms / article (whole) | ms / article (1,000-char sample) |")
    print("|---|---|---|---|---:|---:|")
    notes = []
    for name, detect in candidates().items():
        if detect is None:
            print(f"| {name} | not installed | | | | |")
            continue
        per, misses = accuracy(detect, rows)
        whole = ms_per_article(detect, texts, args.repeat)
        sample = ms_per_article(detect, samples, args.repeat)
        print(f"| {name} | {per.get('en')} | {per.get('ru')} | {per.get('az')} | {whole:.1f} |"
              f" {sample:.2f} |")
        notes += [f"{name}: {lang} read as {got!r}: {text}" for lang, got, text in misses]
    print("\n".join(notes))
    loader = [detect_language(text) for text in texts]
    print(f"analysis.language.detect_language on the seeds: {sorted(set(loader))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
