"""Every stage's output on the seeds and a synthetic corpus equals the recorded digests.

The digests pin behaviour while code moves (issue 20). A change of behaviour that is meant is
recorded with ``.venv/bin/python tests/golden.py --write`` and named in its commit message.
"""

import json

import numpy as np
import pandas as pd
import pytest
from golden import GOLDEN, digest, golden_digests


@pytest.fixture(scope="module")
def digests():
    return golden_digests()


def test_every_stage_table_matches_its_recorded_digest(digests):
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(digests) == sorted(recorded)
    changed = [key for key in recorded if digests[key] != recorded[key]]
    assert not changed, (f"{len(changed)} tables changed: {changed}; if meant, rerun "
                         "tests/golden.py --write and say so in the commit")


def test_golden_covers_both_corpora_and_every_stage(digests):
    stages = {key.split("/", 1)[1].split("[")[0] for key in digests}
    assert {key.split("/")[0] for key in digests} == {"seeds", "synthetic"}
    assert {"load", "clean", "cleaning_audit", "sentences", "term_frequencies", "keyness",
            "tfidf_topics.shares", "topic_stability", "mentions", "kwic", "collocations",
            "target_sentiment", "sentiment_by_source", "evidence"} <= stages


base = pd.DataFrame({"source": ["A", "B"], "n": [1, 2], "score": [0.25, np.nan]})


@pytest.mark.parametrize("changed", [
    base.assign(score=[0.2500001, np.nan]),            # a value beyond 10 digits' rounding
    base.assign(n=[1.0, 2.0]),                         # same numbers, another dtype kind
    base.rename(columns={"n": "n_docs"}),              # a column renamed
    base.iloc[::-1],                                   # rows reordered
    base.assign(source=["A", None]),                   # a value went missing
    base.iloc[:1],                                     # a row dropped
])
def test_digest_sees_changes(changed):
    assert digest(changed) != digest(base)


def test_digest_ignores_float_noise_below_ten_digits():
    assert digest(base.assign(score=[0.25 + 1e-15, np.nan])) == digest(base)
