"""bench/language.py: the detector table on the hand-made paragraphs."""

import pandas as pd
from benchscripts import load_bench


def test_accuracy_counts_rights_per_language_and_lists_misses():
    bench = load_bench("language")
    rows = pd.DataFrame({"language": ["en", "en", "ru"], "text": ["a", "b", "c"]})
    per, misses = bench.accuracy(lambda text: "en" if text != "b" else "xx", rows)
    assert per == {"en": "1/2", "ru": "0/1"}
    assert misses == [("en", "xx", "b"), ("ru", "en", "c")]


def test_main_prints_the_py3langid_row(capsys):
    assert load_bench("language").main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| py3langid"))
    assert row.split("|")[2:5] == [" 8/9 ", " 9/9 ", " 9/9 "]
    assert "detect_language on the seeds: ['en']" in out
