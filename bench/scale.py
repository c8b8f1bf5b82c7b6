"""Scale benchmark: the whole pipeline on a synthetic archive of N articles, against its floor.

The corpus is generated reproducibly (``--seed``) from the seeds: body sentences are resampled
into articles of 6-14 paragraphs, each article gets its outlet's navigation, counter, share and
footer lines (``--sources`` outlets of unequal size), and a share of lower-case words is replaced
by Zipf-distributed synthetic words so the vocabulary keeps growing with N like a real archive
(resampled seed sentences alone have ~1,700 distinct words at any N). It is written once into
``build/scale/<key>/`` (git-ignored; ``--cache-dir`` elsewhere) as a folder of ``.txt`` files
with a ``sources.csv`` manifest and as one ``corpus.parquet``; later runs reuse it.

Every stage then runs once, in order, on the folder (load, clean, sentences, tokens, term
frequencies, keyness, topics, target sentiment, per-source aggregates), and in the same run the
floor: reading every file and splitting it into ``\\w+`` tokens with one regex. The table gives
seconds, CPU seconds, articles per second, the multiple of the floor and the peak resident
memory during the stage: this process plus its worker processes, summed, sampled every 10 ms
(the workers' CPU seconds are sampled the same way). With
``--naive`` a naive reference (NLTK Treebank tokens, untrained Punkt sentences, NLTK VADER on
every sentence, CountVectorizer, per-document Counter tables in pandas) is timed on the same
cleaned corpus and compared with the stages doing the same jobs. The last line reads
``N docs: total T s, F x floor, peak RSS M MB``.

Run: ``.venv/bin/python bench/scale.py --n 10000`` (``--n 1000 10000 50000`` for several sizes,
``--help`` for options). A stage whose module is missing is shown as a TODO row.

Measured figures, run by run, are in ``bench/RESULTS.md`` ("Scale benchmark: the runs").
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths

GENERATOR_VERSION = 1
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

# --------------------------------------------------------------------------------------------
# Synthetic corpus
# --------------------------------------------------------------------------------------------

_MENU_POOL = ["Home", "Politics", "Economy", "World", "Opinion", "Analytics", "Interviews",
              "Society", "Sports", "Culture", "Region", "Energy", "Video", "Photo", "Archive"]
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]  # 70 syllables
_ENDINGS = "nrsl"


def synthetic_word(rank: int) -> str:
    """Return the pronounceable synthetic word of Zipf rank ``rank`` (>= 1), injective.

    >>> [synthetic_word(r) for r in (1, 2, 71)]
    ['ban', 'ber', 'babar']
    """
    n, parts = rank - 1, []
    while True:
        n, d = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[d])
        if n == 0:
            break
        n -= 1
    stem = "".join(reversed(parts))
    return stem + _ENDINGS[(rank - 1) % len(_ENDINGS)] if len(parts) == 1 else stem + "r"


def _seed_sentences() -> tuple[list[list[str]], list[str]]:
    """Body sentences of the seeds, each split on spaces, and the seed titles."""
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.tokens import sentence_spans

    corpus = clean_corpus(load_corpus(paths.SEEDS_DIR))
    sents = []
    for text in corpus["text"]:
        for a, b in sentence_spans(text):
            s = text[a:b].strip()
            if len(s.split()) >= 4:
                sents.append(s.split(" "))
    return sents, corpus["title"].tolist()


def _source_pages(k: int, rng: np.random.Generator) -> dict:
    name = f"Outlet {k:02d}"
    domain = f"outlet{k:02d}.example"
    menu = [str(m) for m in rng.choice(_MENU_POOL, size=7, replace=False)]
    return {
        "name": name,
        "domain": domain,
        "header": [name, *menu, "search", f"Follow us on Telegram @{domain.split('.')[0]}"],
        "footer": ["Share:", "Liked the story? Share it on social media!", "Latest news",
                   f"Subscribe to the {name} newsletter and get the main news every morning.",
                   f"© 2025 {name}. All rights reserved.",
                   f"Any use of materials is allowed only with a hyperlink to {domain}"],
        "blank_between": bool(k % 2),
    }


def generate_corpus(n_docs: int, *, n_sources: int = 10, seed: int = 0,
                    replace_share: float = 0.25, zipf_a: float = 1.2,
                    start: str = "2020-01-01", n_days: int = 2190):
    """Yield ``(meta, page_text)`` for ``n_docs`` synthetic articles, reproducibly.

    ``replace_share`` of the lower-case alphabetic words (3+ letters) of the resampled
    sentences become synthetic words whose ranks follow a Zipf law with exponent ``zipf_a``.
    Each article is dated (to the minute) on a day drawn uniformly from the ``n_days`` days
    from ``start`` (by default six years from 2020; ``start="2024-01-01", n_days=731`` spreads
    an archive over 2024 and 2025), from the same seeded generator: the defaults give the same
    corpus as before these options existed.
    """
    if n_days < 1:
        raise ValueError(f"n_days must be at least 1, got {n_days}")
    rng = np.random.default_rng(seed)
    sents, _titles = _seed_sentences()
    replaceable = [np.array([i for i, w in enumerate(s) if len(w) >= 3 and w.isalpha()
                             and w.islower()], dtype=np.int64) for s in sents]
    outlets = [_source_pages(k, rng) for k in range(1, n_sources + 1)]
    weights = 1.0 / np.sqrt(np.arange(1, n_sources + 1))
    which = rng.choice(n_sources, size=n_docs, p=weights / weights.sum())
    words: dict[int, str] = {}

    def sentence(j: int) -> str:
        toks, pos = sents[j], replaceable[j]
        hit = pos[rng.random(len(pos)) < replace_share]
        if not len(hit):
            return " ".join(toks)
        toks = list(toks)
        for i, r in zip(hit.tolist(), rng.zipf(zipf_a, size=len(hit)).tolist()):
            w = words.get(r)
            if w is None:
                w = words[r] = synthetic_word(r)
            toks[i] = w
        return " ".join(toks)

    for i in range(n_docs):
        out = outlets[which[i]]
        n_par = int(rng.integers(6, 15))
        sizes = rng.integers(1, 6, size=n_par)
        picks = rng.integers(0, len(sents), size=int(sizes.sum())).tolist()
        paras, at = [], 0
        for size in sizes.tolist():
            paras.append(" ".join(sentence(j) for j in picks[at:at + size]))
            at += size
        title = " ".join(sents[int(rng.integers(len(sents)))][:int(rng.integers(6, 12))])
        title = title.rstrip(".,;:")
        day = pd.Timestamp(start) + pd.Timedelta(days=int(rng.integers(0, n_days)),
                                                        minutes=int(rng.integers(0, 1440)))
        sep = "\n\n" if out["blank_between"] else "\n"
        page = "\n".join([
            *out["header"], title, day.strftime("%d %B %Y %H:%M"),
            f"Views: {int(rng.integers(10, 5000))}",
        ]) + "\n" + sep.join(paras) + "\n" + "\n".join(out["footer"]) + "\n"
        doc_id = f"{i:06d}"
        meta = {"doc_id": doc_id, "source": out["name"], "title": title,
                "date": day.strftime("%Y-%m-%d %H:%M"),
                "url": f"https://{out['domain']}/news/{doc_id}", "language": "en"}
        yield meta, page


def build_corpus(n_docs: int, *, n_sources: int, seed: int, cache_dir: Path) -> Path:
    """Write the synthetic corpus once (``.txt`` folder + manifest and Parquet); return its dir."""
    key = f"n{n_docs}_s{n_sources}_seed{seed}_v{GENERATOR_VERSION}"
    out = cache_dir / key
    if (out / "DONE").is_file():
        return out
    txt = out / "txt"
    txt.mkdir(parents=True, exist_ok=True)
    metas, pages = [], []
    for meta, page in generate_corpus(n_docs, n_sources=n_sources, seed=seed):
        (txt / f"{meta['doc_id']}.txt").write_text(page, encoding="utf-8")
        metas.append(meta)
        pages.append(page)
    manifest = pd.DataFrame(metas)
    manifest.to_csv(txt / "sources.csv", index=False)
    manifest.assign(text=pages).to_parquet(out / "corpus.parquet", index=False)
    digest = hashlib.sha256("".join(pages).encode()).hexdigest()[:16]
    (out / "DONE").write_text(json.dumps({"n_docs": n_docs, "sha256_16": digest}) + "\n")
    return out


# --------------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------------


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _descendants(pid: int) -> list[int]:
    """Child processes of ``pid``, recursively (Linux ``/proc``; empty elsewhere)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    kids = [int(k) for k in f.read().split()]
            except OSError:
                continue
            out += kids
            todo += kids
    return out


def _proc_mem_cpu(pid: int) -> tuple[float, float]:
    """(resident MB, CPU seconds so far) of one process, from ``/proc``."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * _PAGE / 2**20
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return rss, (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0, 0.0


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE / 2**20
    except OSError:  # not Linux: peak since start, from resource
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _PeakRSS:
    """Sample resident memory every ``interval`` seconds in a thread: this process plus its
    worker processes (summed), and the CPU seconds the workers spend meanwhile."""

    def __init__(self, interval: float = 0.01):
        self.interval = interval
        self.parts = [_rss_mb()]  # at the peak: this process, then each worker
        self._start = {pid: _proc_mem_cpu(pid)[1] for pid in _descendants(os.getpid())}
        self._last = dict(self._start)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        parts = [_rss_mb()]
        for pid in _descendants(os.getpid()):
            rss, cpu = _proc_mem_cpu(pid)
            parts.append(rss)
            self._last[pid] = max(cpu, self._last.get(pid, 0.0))
        if sum(parts) > self.peak:
            self.parts = parts

    @property
    def peak(self) -> float:
        return sum(self.parts)

    def _run(self):
        while not self._stop.wait(self.interval):
            self._sample()

    @property
    def worker_cpu(self) -> float:
        return sum(cpu - self._start.get(pid, 0.0) for pid, cpu in self._last.items())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()


class Timer:
    """Collect (stage, seconds, peak RSS) rows."""

    def __init__(self):
        self.rows: list[dict] = []

    def run(self, stage: str, fn, *, group: str = "pipeline"):
        gc.collect()
        with _PeakRSS() as rss:
            t, cpu = time.perf_counter(), time.process_time()
            result = fn()
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        cpu += rss.worker_cpu
        self.rows.append({"group": group, "stage": stage, "seconds": seconds,
                          "cpu_seconds": cpu, "peak_rss_mb": rss.peak,
                          "peak_parts": " + ".join(f"{mb:.0f}" for mb in rss.parts)})
        print(f"  {group:8s} {stage:22s} {seconds:8.2f} s  {rss.peak:7.0f} MB",
              file=sys.stderr, flush=True)
        return result

    def todo(self, stage: str, why: str):
        self.rows.append({"group": "pipeline", "stage": stage, "seconds": np.nan,
                          "cpu_seconds": np.nan, "peak_rss_mb": np.nan,
                          "note": f"TODO: {why}"})


def _floor_rows(folder: Path) -> tuple[list[dict], int, int]:
    """Time the floor in this process: its rows, the token count and the bytes read."""
    timer = Timer()
    files = sorted(folder.glob("*.txt"))
    texts = timer.run("read files", lambda: [p.read_text(encoding="utf-8") for p in files],
                      group="floor")
    word = re.compile(r"\w+")
    n = timer.run("\\w+ tokens", lambda: sum(len(word.findall(t)) for t in texts),
                  group="floor")
    return timer.rows, n, sum(p.stat().st_size for p in files)


def fastest_rows(runs: list[list[dict]]) -> list[dict]:
    """Row ``i`` of the fastest of several runs of the same stages, for every ``i``."""
    if len({tuple(r["stage"] for r in rows) for rows in runs}) != 1:
        raise ValueError("runs must time the same stages in the same order")
    return [min(same, key=lambda r: r["seconds"]) for same in zip(*runs)]


def floor(folder: Path, timer: Timer, *, repeat: int = 2) -> None:
    """The floor: read every file, then one ``\\w+`` regex tokenization of each.

    It runs ``repeat`` times and each of its two rows keeps its fastest run. The first run
    reads the files from disk when the page cache does not hold them (a generated corpus
    from an earlier run): up to 9.2 s at 50,000 articles against 1.4-2.9 s once cached, which
    made the floor, and so every ratio, vary with the cache. The best run is the floor the
    pipeline's own load meets, the files being cached by then.

    Each run is a child process of its own, so the memory its texts held (which CPython keeps
    after they are freed) counts neither in the next run's peak RSS nor in the pipeline's.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    runs = []
    for _ in range(repeat):  # a new child each time: the first run's texts are not still held
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            runs.append(pool.submit(_floor_rows, folder).result())
    n, n_bytes = runs[0][1:]
    timer.rows += fastest_rows([rows for rows, _, _ in runs])
    timer.n_floor_tokens = n
    timer.load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    timer.n_bytes = n_bytes


def _optional(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as err:
        return err


def pipeline(folder: Path, timer: Timer, *, skip: set[str], method: str | None = None) -> dict:
    """Every stage of the suite, in order, on the ``.txt`` folder."""
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.freq import document_term_matrix, term_frequencies
    from analysis.keyness import keyness
    from analysis.overview import corpus_overview
    from analysis.tokens import sentences

    out = {}
    corpus = timer.run("load", lambda: load_corpus(folder))
    corpus = timer.run("clean", lambda: clean_corpus(corpus))
    out["sentences"] = timer.run("sentences", lambda: sentences(corpus))
    dtm = timer.run("tokens (doc-term)", lambda: document_term_matrix(corpus))
    out["n_terms"] = len(dtm.terms)
    out["n_tokens"] = int(dtm.n_tokens.sum())
    out["tf"] = timer.run("term frequencies", lambda: term_frequencies(dtm))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out["keyness"] = timer.run("keyness", lambda: keyness(dtm))

    topics = _optional("analysis.topics")
    if "topics" in skip or isinstance(topics, Exception):
        timer.todo("topics", "skipped" if "topics" in skip else f"not importable ({topics})")
    else:
        # Article units straight from the counts above: the corpus is not tokenized again.
        out["topics"] = timer.run("topics (NMF, article)", lambda: topics.tfidf_topics(dtm))

    sentiment = _optional("analysis.sentiment")
    scores = None
    if "sentiment" in skip or isinstance(sentiment, Exception):
        timer.todo("target sentiment",
                   "skipped" if "sentiment" in skip else f"not importable ({sentiment})")
    else:
        scorer = method or sentiment.DEFAULT_METHOD
        scores = timer.run(f"target sentiment ({scorer})",
                           lambda: sentiment.target_sentiment(
                               corpus, sentences=out["sentences"], method=scorer))

    def aggregates():
        agg = {"overview": corpus_overview(corpus, dtm=dtm, sentences=out["sentences"])
               .groupby("source")
               .sum(numeric_only=True)}
        if scores is not None:
            agg["sentiment"] = sentiment.sentiment_by_source(scores)
        return agg

    out["aggregates"] = timer.run("per-source aggregates", aggregates)
    out["corpus"] = corpus
    return out


def naive(corpus: pd.DataFrame, timer: Timer) -> None:
    """The naive reference on the cleaned corpus, each job done the obvious way."""
    import nltk
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    from nltk.tokenize import PunktSentenceTokenizer, TreebankWordTokenizer
    from sklearn.feature_extraction.text import CountVectorizer

    texts = corpus["text"].tolist()
    tb = TreebankWordTokenizer()
    toks = timer.run("Treebank tokens", lambda: [tb.tokenize(t) for t in texts], group="naive")
    punkt = PunktSentenceTokenizer()
    sents = timer.run("Punkt sentences", lambda: [punkt.tokenize(t) for t in texts],
                      group="naive")
    folder = str(Path(vaderSentiment.__file__).parent)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    sia = SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")
    timer.run("NLTK VADER sentences",
              lambda: [sia.polarity_scores(s)["compound"] for doc in sents for s in doc],
              group="naive")
    timer.run("CountVectorizer", lambda: CountVectorizer().fit_transform(texts), group="naive")

    def counter_tables():
        frames = []
        for doc_id, source, tt in zip(corpus["doc_id"], corpus["source"], toks):
            c = Counter(w.lower() for w in tt if w.isalnum())
            frames.append(pd.DataFrame({"doc_id": doc_id, "source": source,
                                        "term": list(c), "count": list(c.values())}))
        table = pd.concat(frames, ignore_index=True)
        return table.groupby(["source", "term"])["count"].sum()

    timer.run("Counter tables", counter_tables, group="naive")


# Stages of the pipeline doing the jobs the naive reference does (for the speed-up ratio).
_COMPARABLE = {"sentences", "tokens (doc-term)", "term frequencies", "keyness",
               "target sentiment", "per-source aggregates"}


def report(n_docs: int, timer: Timer) -> str:
    rows = pd.DataFrame(timer.rows)
    if "note" not in rows:
        rows["note"] = ""
    rows["note"] = rows["note"].fillna("")
    fl = rows[rows["group"] == "floor"]
    floor_s = float(fl["seconds"].sum())
    pipe = rows[rows["group"] == "pipeline"]
    total = float(pipe["seconds"].sum())
    peak = float(pipe["peak_rss_mb"].max())
    lines = [f"{n_docs} synthetic articles, {timer.n_bytes / 2**20:.0f} MB, "
             f"{timer.n_floor_tokens / 1e6:.1f} M \\w+ tokens; load average at start "
             f"{timer.load:.1f} (other processes slow every row alike; compare ratios); "
             "cpu s and peak RSS include worker processes (sampled every 10 ms)",
             f"{'stage':30s} {'seconds':>8s} {'cpu s':>8s} {'docs/s':>9s} {'x floor':>8s} "
             f"{'peak RSS MB':>12s}"]

    def line(name, sec, rss, note="", cpu=float("nan")):
        if np.isnan(sec):
            return f"{name:30s} {'-':>8s} {'-':>8s} {'-':>9s} {'-':>8s} {'-':>12s}  {note}"
        rate = n_docs / sec if sec > 0 else float("inf")
        return (f"{name:30s} {sec:8.2f} {cpu:8.2f} {rate:9.0f} {sec / floor_s:8.2f} "
                f"{rss:12.0f}" + (f"  {note}" if note else ""))

    for r in fl.itertuples():
        lines.append(line(f"floor: {r.stage}", r.seconds, r.peak_rss_mb, cpu=r.cpu_seconds))
    lines.append(line("floor (total)", floor_s, float(fl["peak_rss_mb"].max()),
                      cpu=float(fl["cpu_seconds"].sum())))
    for r in pipe.itertuples():
        lines.append(line(r.stage, r.seconds, r.peak_rss_mb, r.note, cpu=r.cpu_seconds))
    lines.append(line("pipeline (total)", total, peak, cpu=float(pipe["cpu_seconds"].sum())))
    nv = rows[rows["group"] == "naive"]
    if len(nv):
        lines.append("naive reference (same cleaned corpus):")
        for r in nv.itertuples():
            lines.append(line(f"naive: {r.stage}", r.seconds, r.peak_rss_mb,
                              cpu=r.cpu_seconds))
        naive_s = float(nv["seconds"].sum())
        ours = float(pipe[pipe["stage"].isin(_COMPARABLE)]["seconds"].sum())
        lines.append(line("naive (total)", naive_s, float(nv["peak_rss_mb"].max()),
                          cpu=float(nv["cpu_seconds"].sum())))
        lines.append(f"same jobs in the pipeline ({', '.join(sorted(_COMPARABLE))}): "
                     f"{ours:.2f} s; naive / pipeline = {naive_s / ours:.2f} (target >= 3)")
    if pipe["peak_rss_mb"].notna().any():
        top = pipe.loc[pipe["peak_rss_mb"].idxmax()]
        lines.append(f"peak RSS {top['peak_rss_mb']:.0f} MB during {top['stage']}: "
                     f"{top['peak_parts']} MB (this process + each worker process)")
    lines.append(f"{n_docs} docs: total {total:.1f} s, {total / floor_s:.1f} x floor, "
                 f"peak RSS {peak:.0f} MB")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000],
                        help="corpus sizes in articles (e.g. 1000 10000 50000)")
    parser.add_argument("--sources", type=int, default=10, help="number of outlets")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--cache-dir", type=Path, default=paths.BUILD_DIR / "scale",
                        help="where generated corpora are kept (default build/scale)")
    parser.add_argument("--naive", action="store_true", help="also time the naive reference")
    parser.add_argument("--skip", default="", help="comma-separated: topics,sentiment")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--method", default=None,
                        help="target sentiment method (default: the package's default)")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    results = {}
    for n in args.n:
        t = time.perf_counter()
        folder = build_corpus(n, n_sources=args.sources, seed=args.seed,
                              cache_dir=args.cache_dir)
        print(f"corpus {folder} ready in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        timer = Timer()
        floor(folder / "txt", timer)
        out = pipeline(folder / "txt", timer, skip=skip, method=args.method)
        if args.naive:
            naive(out["corpus"], timer)
        del out
        gc.collect()
        print(report(n, timer), flush=True)
        results[n] = timer.rows
        if len(args.n) > 1:
            print()
    if len(results) > 1:
        totals = {n: sum(r["seconds"] for r in rows if r["group"] == "pipeline"
                         and not np.isnan(r["seconds"])) for n, rows in results.items()}
        ns = sorted(totals)
        for a, b in zip(ns, ns[1:]):
            print(f"growth {b}/{a} docs ({b / a:.0f}x): time x{totals[b] / totals[a]:.2f}")
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1,
                                        default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
