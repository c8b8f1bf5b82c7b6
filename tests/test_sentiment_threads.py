"""Scoring is safe under threads: Dask's default local scheduler runs partitions in threads of
one process, which share the scorer's caches."""

import itertools
import json
import subprocess
import sys

import pandas as pd

from analysis.sentiment import classify_mention, target_sentiment

NEGATIONS = ["not", "never", "hardly", "no longer", "", "isn't"]
BOOSTERS = ["very", "extremely", "kind of", "so", "", "barely"]
WORDS = ["helpful", "awful", "good", "bad", "brave", "weak", "honest", "corrupt", "kind",
         "hostile", "reliable", "failing", "GREAT", "TERRIBLE"]
TARGETS = ["The EU", "Washington", "Armenia", "The United States", "Brussels"]

# Runs in a fresh process (cold caches, so the threads fill them together), with the
# interpreter switching threads as often as it can.
SCRIPT = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
sys.setswitchinterval(1e-6)
import pandas as pd
from analysis.sentiment import classify_mention, target_sentiment
sentences, corpora = json.load(sys.stdin)
def score(s):
    r = classify_mention(s, 0, s.index(" is "))
    return [r.score, r.label, [list(w) for w in r.words]]
def table(records):
    t = target_sentiment(pd.DataFrame(records), progress=False)
    return t[["doc_id", "sent_id", "target", "score", "label", "words"]].values.tolist()
with ThreadPoolExecutor(6) as pool:
    rows = list(pool.map(score, sentences))
    tables = list(pool.map(table, corpora))
json.dump([rows, tables], sys.stdout)
"""


def _sentences():
    out = []
    for k, (neg, boost, word, target) in enumerate(
            itertools.product(NEGATIONS, BOOSTERS, WORDS, TARGETS)):
        second = WORDS[(k * 5) % len(WORDS)]
        out.append(" ".join(f"{target} is {neg} {boost} {word}, but {second} rivals "
                            f"were {boost} {second} on day {k}.".split()))
    return out


def test_threads_score_as_one_thread_does():
    sentences = _sentences()
    corpora = [[{"doc_id": f"d{i}-{j}", "source": "X", "text": " ".join(sentences[j:j + 7])}
                for j in range(i, len(sentences), 48)] for i in range(12)]
    run = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps([sentences, corpora]),
                         capture_output=True, text=True, check=True)
    rows, tables = json.loads(run.stdout)
    expected = []
    for s in sentences:
        r = classify_mention(s, 0, s.index(" is "))
        expected.append([r.score, r.label, [list(w) for w in r.words]])
    assert len(rows) == len(sentences) > 2000
    assert rows == expected
    for records, got in zip(corpora, tables):
        t = target_sentiment(pd.DataFrame(records), progress=False)
        assert got == t[["doc_id", "sent_id", "target", "score", "label", "words"]].values.tolist()
        assert len(got) > 0
