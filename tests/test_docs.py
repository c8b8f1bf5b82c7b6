"""Shared docstring paragraphs (analysis.docs) and the tables of the subpackages that use them."""

import re

import pytest

from analysis.docs import fill_doc, shared_docs

PARAGRAPHS = {"ax": "ax : Axes, optional\n    Where to draw.",
              "returns_str": "Returns\n-------\nstr"}


def _documented(doc):
    def f():
        pass
    f.__doc__ = doc
    return f


@pytest.mark.parametrize(("doc", "expected"), [
    # the paragraph takes the placeholder line's indent; its empty lines stay empty
    ("Draw.\n\n    {ax}\n    ", "Draw.\n\n    ax : Axes, optional\n        Where to draw.\n    "),
    ("{returns_str}", "Returns\n-------\nstr"),
    # not a placeholder: braces inside a line, a dict in an example, a non-name
    ("    >>> {ax}\n    {'a': 1}\n    {1x}\n    see {ax} above",
     "    >>> {ax}\n    {'a': 1}\n    {1x}\n    see {ax} above"),
])
def test_fill_doc_replaces_only_whole_placeholder_lines(doc, expected):
    assert fill_doc(_documented(doc), PARAGRAPHS).__doc__ == expected


def test_fill_doc_refuses_an_unknown_placeholder_and_a_missing_required_one():
    with pytest.raises(ValueError, match=r"line \{axes\} names no shared paragraph; known: ax, "):
        fill_doc(_documented("Draw.\n    {axes}\n"), PARAGRAPHS)
    with pytest.raises(ValueError, match=r"no \{ax\} line in its docstring"):
        fill_doc(_documented("Draw."), PARAGRAPHS, require=["ax"])


def test_fill_doc_leaves_a_function_without_docstring():
    # python -OO strips docstrings: the decorated modules must still import
    f = _documented(None)
    assert fill_doc(f, PARAGRAPHS, require=["ax"]) is f and f.__doc__ is None


def test_shared_docs_decorates_and_names_its_table():
    decorator = shared_docs(PARAGRAPHS)
    assert "ax, returns_str" in decorator.__doc__

    @decorator
    def plot(ax=None):
        """Draw.

        {ax}
        """

    assert "        ax : Axes, optional\n            Where to draw." in plot.__doc__
    with pytest.raises(ValueError, match=r"typo: its docstring line \{lexicon\}"):
        @decorator
        def typo():
            """{lexicon}"""


def _roles():
    from analysis.roles.contrast import contrast_role
    from analysis.roles.negation import negation_role
    from analysis.roles.other_actor import other_actor_mask
    from analysis.roles.relationship import relationship_role
    from analysis.roles.split import split_role
    from analysis.roles.verbs import verb_role
    return [contrast_role, negation_role, other_actor_mask, relationship_role, split_role,
            verb_role]


@pytest.mark.parametrize("rule", _roles(), ids=lambda f: f.__name__)
def test_every_rule_shows_the_shared_parameters_in_its_signature_order(rule):
    from inspect import signature

    from analysis.roles.verdict import RULE_PARAMETERS
    doc = rule.__doc__
    assert "{tok}" not in doc and "{lexicon}" not in doc
    for text in (RULE_PARAMETERS["tok"], RULE_PARAMETERS["lexicon"]):
        assert text.replace("\n", "\n    ") in doc  # indented as a docstring section
    assert "    lexicon : mapping of str to float\n        Word valences" in doc
    documented = re.findall(r"(?m)^    (\w+)(?:, (\w+))? : ", doc.split("Returns")[0])
    names = [n for pair in documented for n in pair if n]
    assert names == list(signature(rule).parameters)


def test_every_shared_rule_paragraph_is_used_and_stands_once_in_each_docstring():
    from analysis.roles.verdict import RULE_PARAMETERS
    rules = _roles()
    for name, text in RULE_PARAMETERS.items():
        heads = [rule.__doc__.count(text.split("\n")[0] + "\n") for rule in rules]
        assert set(heads) <= {0, 1} and sum(heads) >= 3, name


def test_report_notes_show_their_returns_block_and_a_typo_raises_at_decoration():
    from analysis.report import audit_note, keyness_note, tfidf_note, topic_shares_note
    from analysis.report.prose import note_doc
    for note in (audit_note, keyness_note, tfidf_note, topic_shares_note):
        assert "    Returns\n    -------\n    str\n        Markdown.\n" in note.__doc__
    for note in (keyness_note, tfidf_note):
        assert note.__doc__.count("n_terms : int, default 3\n        Terms named per outlet.") == 1
    with pytest.raises(ValueError, match=r"note: its docstring line \{returns_markdwn\}"):
        @note_doc
        def note():
            """A note.

            {returns_markdwn}
            """


def test_plot_shared_doc_is_the_one_mechanism():
    from analysis.plots.layout import shared_doc
    from analysis.plots.overview import plot_corpus_overview
    assert "ax : matplotlib.axes.Axes, optional" in plot_corpus_overview.__doc__
    with pytest.raises(ValueError, match=r"names no shared paragraph; known: ax, by, "):
        @shared_doc
        def plot_x():
            """{axes}"""
