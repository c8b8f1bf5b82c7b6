"""The line-model trainer's features: one row per line, also on pages of fewer than 7 lines."""


import numpy as np
import pytest
from benchscripts import load_bench

from analysis.clean import Rules

BODY = "The foreign ministers of both countries met in Baku on Monday to discuss a new deal."


def _bench():
    return load_bench("train_line_model")


# (page lines, prose words of each line: the window feature sums 7 lines around each one / 7)
PAGES = [
    (["Home"], [0]),
    (["Home", BODY, "Share"], [0, 16, 0]),
    (["Home", BODY, BODY + " Again.", "Menu", "Share", "Top", "About", "More"],
     [0, 16, 17, 0, 0, 0, 0, 0]),
]


@pytest.mark.parametrize(("lines", "prose_words"), PAGES)
def test_line_features_one_row_per_line(lines, prose_words):
    bench = _bench()
    out, start, end = bench.rule_decisions("\n".join(lines), Rules())
    x = bench.line_features(out, start, end)
    assert x.shape[0] == len(lines)
    logs = np.log1p(prose_words)
    expected = [sum(logs[max(0, i - 3):i + 4]) / 7 for i in range(len(lines))]
    np.testing.assert_allclose(x[:, -1], expected)


def test_the_trainer_refuses_to_write_into_the_package(tmp_path):
    from analysis.paths import ROOT

    bench = _bench()
    with pytest.raises(SystemExit):
        bench.main(["--data", str(tmp_path), "--out", str(ROOT / "analysis" / "data" / "m.json")])
    assert not (ROOT / "analysis" / "data" / "m.json").exists()
    assert bench.OUT.parent.name == "build"
