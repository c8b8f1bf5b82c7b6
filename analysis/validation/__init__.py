"""Validation: check the scorer against hand codes of your own outlets, and correct for its errors.

No offline scorer is right on every corpus. The practice this stage builds in is to code a small
random sample of the scored mentions by hand, measure the scorer against it, and correct the
per-outlet estimates with it (design-based supervised learning, DSL: Egami, Hinck, Stewart & Wei,
NeurIPS 2023; "validate, validate, validate": Grimmer & Stewart 2013). The steps:

1. :func:`coding_sample` draws a stratified random sample of the rows of
   :func:`analysis.sentiment.target_sentiment` (every source x target cell represented) and
   records each row's inclusion probability ``p_sample``.
2. :func:`write_coding_sheet` writes it as a CSV any spreadsheet opens (the mention marked as
   ``[[EU]]``, the model's label hidden so that it cannot anchor the coder); a coder fills in
   ``code`` there or with :class:`Labeller`, one mention at a time inside JupyterLab.
3. :func:`read_codes` reads the sheet back; every problem stops with an error naming the file,
   the row and the problem, and nothing is dropped silently.
4. :func:`agreement` and :func:`confusion_matrix` measure the scorer against the coder (and two
   coders against each other); :func:`corrected_by_source` gives per source and target the mean
   and label shares of the DSL pseudo-outcomes, which stay unbiased however wrong the scorer is,
   with intervals that treat the article as the unit.

The codebook that says what a code means is ``CODEBOOK.md`` (the project's shared folder); the
project's own codes of the seeds are ``seeds/codes.csv``.

One module per concern, each importing only those before it: :mod:`~analysis.validation.sheets`
(the sample's and the codes' columns, the coding sheet), :mod:`~analysis.validation.sample`,
:mod:`~analysis.validation.labeller`, :mod:`~analysis.validation.agreement`,
:mod:`~analysis.validation.correction` (DSL). ``from analysis.validation import ...`` works for
every name below.
"""

from analysis.validation.agreement import (
    AGREEMENT_COLUMNS,
    CONFUSION_COLUMNS,
    STATISTICS,
    agreement,
    confusion_matrix,
)
from analysis.validation.correction import CORRECTED_COLUMNS, corrected_by_source, held_out_labels
from analysis.validation.labeller import Labeller
from analysis.validation.sample import coding_sample
from analysis.validation.sheets import (
    CODE_VALUES,
    CODES_COLUMNS,
    SAMPLE_COLUMNS,
    SHEET_COLUMNS,
    mark_mention,
    open_codes,
    read_codes,
    write_coding_sheet,
)

__all__ = ["AGREEMENT_COLUMNS", "CODES_COLUMNS", "CODE_VALUES", "CONFUSION_COLUMNS",
           "CORRECTED_COLUMNS", "SAMPLE_COLUMNS", "SHEET_COLUMNS", "STATISTICS", "Labeller",
           "agreement", "coding_sample", "confusion_matrix", "corrected_by_source",
           "held_out_labels", "mark_mention", "open_codes", "read_codes", "write_coding_sheet"]
