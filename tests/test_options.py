"""The shared options (analysis.options): defaults declared once, checked once, scoped."""

import threading

import pytest

from analysis.options import Options, get_options, options, resolve_options, set_options


def test_defaults():
    assert get_options() == Options(n_jobs=None, min_docs_parallel=2000, progress=None)


@pytest.mark.parametrize("changes, match", [
    ({"n_jobs": 0}, "n_jobs must be"),
    ({"n_jobs": -2}, "n_jobs must be"),
    ({"n_jobs": 1.5}, "n_jobs must be"),
    ({"n_jobs": True}, "n_jobs must be"),
    ({"min_docs_parallel": -1}, "min_docs_parallel must be"),
    ({"min_docs_parallel": "10"}, "min_docs_parallel must be"),
    ({"progress": "yes"}, "progress must be"),
])
def test_bad_values_raise(changes, match):
    with pytest.raises(ValueError, match=match):
        resolve_options(**changes)
    with pytest.raises(ValueError, match=match):
        with options(**changes):
            pass


def test_unknown_option_names_the_options():
    with pytest.raises(TypeError, match=r"unknown option\(s\) \['jobs'\].*n_jobs"):
        set_options(jobs=2)


def test_context_is_scoped_and_nests():
    with options(n_jobs=1):
        assert resolve_options().n_jobs == 1
        with options(progress=False):
            assert get_options() == Options(n_jobs=1, progress=False)
        assert get_options().progress is None
        assert resolve_options(n_jobs=3).n_jobs == 3  # an argument beats the option
    assert get_options() == Options()


def test_context_restores_after_an_error():
    with pytest.raises(RuntimeError):
        with options(min_docs_parallel=5):
            raise RuntimeError("boom")
    assert get_options().min_docs_parallel == 2000


def test_set_options_is_per_thread():
    seen = {}

    def worker():
        set_options(n_jobs=4)
        seen["thread"] = get_options().n_jobs

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert seen["thread"] == 4
    assert get_options().n_jobs is None  # the main thread's options are untouched


def test_minus_one_means_every_core():
    assert resolve_options(n_jobs=-1).n_jobs == -1


def _corpus():
    import pandas as pd

    return pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                         "text": ["The EU and the US.", "The US again."]})


def test_a_stage_reads_the_current_options(capsys):
    from analysis.freq import document_term_matrix

    document_term_matrix(_corpus())
    assert "counting terms" not in capsys.readouterr().err  # small corpus: no bar
    with options(progress=True):
        document_term_matrix(_corpus())
    assert "counting terms" in capsys.readouterr().err  # the option turned the bar on
    with options(progress=True):
        document_term_matrix(_corpus(), progress=False)  # the argument wins
    assert "counting terms" not in capsys.readouterr().err


@pytest.mark.parametrize("stage", ["term_frequencies", "target_sentiment", "kwic"])
def test_a_bad_option_fails_before_any_work(stage):
    import analysis

    func = getattr(analysis, stage)
    args = (_corpus(), "EU") if stage == "kwic" else (_corpus(),)
    with pytest.raises(ValueError, match="n_jobs must be"):
        func(*args, n_jobs=0)
