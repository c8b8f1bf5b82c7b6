"""The scale benchmark's floor: read every file, one ``\\w+`` tokenization, fastest run kept."""


import pytest
from benchscripts import load_bench


def _bench():
    return load_bench("scale")


def _row(stage, seconds):
    return {"group": "floor", "stage": stage, "seconds": seconds}


def test_fastest_rows_keeps_each_stage_fastest_run():
    runs = [[_row("read files", 8.5), _row("tokens", 7.9)],
            [_row("read files", 2.0), _row("tokens", 8.1)]]
    rows = _bench().fastest_rows(runs)
    assert [(r["stage"], r["seconds"]) for r in rows] == [("read files", 2.0), ("tokens", 7.9)]


def test_fastest_rows_refuses_runs_of_other_stages():
    with pytest.raises(ValueError, match="same stages"):
        _bench().fastest_rows([[_row("read files", 1.0)], [_row("tokens", 1.0)]])


def test_floor_counts_every_token_of_every_file(tmp_path):
    (tmp_path / "a.txt").write_text("The EU and the U.S. met.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Baku, 2025: talks", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("doc_id,source\na,X\n", encoding="utf-8")
    bench = _bench()
    timer = bench.Timer()
    bench.floor(tmp_path, timer, repeat=2)
    # The, EU, and, the, U, S, met / Baku, 2025, talks; sources.csv is not an article
    assert timer.n_floor_tokens == 10
    assert timer.n_bytes == len("The EU and the U.S. met.") + len("Baku, 2025: talks")
    assert [(r["group"], r["stage"]) for r in timer.rows] == [("floor", "read files"),
                                                              ("floor", "\\w+ tokens")]


def test_generated_dates_spread_over_the_span_asked_and_repeat_with_the_seed():
    bench = _bench()

    def dates(**options):
        return [meta["date"] for meta, _ in bench.generate_corpus(60, n_sources=3, seed=3,
                                                                  **options)]

    two_years = dates(start="2024-01-01", n_days=731)
    assert two_years == dates(start="2024-01-01", n_days=731)
    assert min(two_years) >= "2024-01-01" and max(two_years) < "2026-01-01"
    assert {d[:4] for d in two_years} == {"2024", "2025"}
    assert len({d[:7] for d in two_years}) >= 15  # months of both years, not a cluster
    default = dates()
    assert min(default) >= "2020-01-01" and max(default) < "2026-01-01"
    with pytest.raises(ValueError, match="n_days must be at least 1"):
        next(bench.generate_corpus(1, n_days=0))
