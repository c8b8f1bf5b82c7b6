"""bench/kwic.py: the former row builder gives kwic's table; one comparison table is printed."""

import pandas as pd
import pytest
from benchscripts import load_bench

from analysis.context import kwic


@pytest.mark.parametrize("text, window", [
    ("EU " * 40, 8),
    ("Then a ** ** b EU c - d. The **EU** and “EU” met. EU", 2),
    ("EU EU", 0),
])
def test_baseline_is_kwic(text, window):
    corpus = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "text": [text]})
    assert load_bench("kwic").baseline_kwic(corpus, "EU", window=window).equals(
        kwic(corpus, "EU", window=window))


def test_main_prints_one_table(capsys):
    assert load_bench("kwic").main(["--sizes", "10", "100", "--baseline-max", "60"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["case", "mentions", "before", "s", "ours", "s", "speed-up",
                                "same"]
    assert [line.split()[-1] for line in lines[2:]] == ["yes", "-", "yes"]
    assert "not run" in lines[3]
