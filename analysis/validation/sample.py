"""The coding sample: a stratified random draw of scored mentions, with inclusion probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import check_columns
from analysis.validation.sheets import KEY, SAMPLE_COLUMNS

__all__ = ["allocate", "coding_sample"]

def allocate(sizes: np.ndarray, n: int, min_per_cell: int) -> np.ndarray:
    """Rows to draw per cell: all of a cell below ``min_per_cell``, at least ``min_per_cell``
    of the others, and the rest of ``n`` in proportion to what each cell has left (largest
    remainder, ties to the earlier cell).

    Examples
    --------
    >>> allocate(np.array([1, 10, 30]), 12, 2).tolist()
    [1, 4, 7]
    """
    take = np.minimum(sizes, min_per_cell)
    left = sizes - take
    budget = n - int(take.sum())
    if budget > 0 and left.sum() > 0:
        budget = min(budget, int(left.sum()))
        exact = budget * left / left.sum()
        extra = np.floor(exact).astype(int)
        order = np.lexsort((np.arange(len(sizes)), -(exact - extra)))
        extra[order[:budget - int(extra.sum())]] += 1
        take = take + extra
    return take


def coding_sample(scores: pd.DataFrame, *, n: int = 200, per=("source", "target"),
                  min_per_cell: int = 10, seed: int = 0) -> pd.DataFrame:
    """A stratified random sample of scored mentions for hand coding.

    Every cell of ``per`` is a stratum. A cell with fewer than ``min_per_cell`` rows is taken
    whole; every other cell gives at least ``min_per_cell`` rows and the rest of ``n`` is shared
    in proportion to the rows each cell has beyond that. So ``n`` is exceeded when the
    minimums alone need more. Within a cell the rows are a simple random sample, so every row
    of a cell has the same inclusion probability ``p_sample`` = drawn / rows in the cell: the
    rows not drawn have it too, which is what :func:`corrected_by_source` needs, and it is
    stored with each drawn row in the coding sheet.

    The sample comes in random order: a coder who stops half-way has coded a random part of
    each cell, which :func:`corrected_by_source` accounts for.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`analysis.sentiment.target_sentiment` (any method).
    n : int, default 200
        Rows to draw in all (more when the per-cell minimums need more).
    per : sequence of str, default ("source", "target")
        Columns whose combinations are the strata.
    min_per_cell : int, default 10
        Smallest number of rows drawn from a cell that has that many.
    seed : int, default 0
        Seed of the random generator: the same scores and seed give the same sample.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, target, alias, actor, sentence, start, end, label,
        p_sample, code`` (``code`` empty), one row per drawn mention, in random order.

    Raises
    ------
    ValueError
        When ``scores`` lacks a column, has a duplicated ``(doc_id, sent_id, target)`` or
        ``n``/``min_per_cell`` is below 1.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": list("aabbb"), "source": list("XXYYY"),
    ...                   "sent_id": [0, 1, 0, 1, 2], "target": ["EU"] * 5, "alias": ["EU"] * 5,
    ...                   "actor": [""] * 5, "sentence": ["The EU met."] * 5, "start": [4] * 5,
    ...                   "end": [6] * 5, "label": ["neutral"] * 5})
    >>> sample = coding_sample(s, n=3, min_per_cell=1)
    >>> sorted(zip(sample["source"], sample["p_sample"].round(3)))
    [('X', 0.5), ('Y', 0.667), ('Y', 0.667)]
    """
    if n < 1 or min_per_cell < 1:
        raise ValueError(f"n and min_per_cell must be at least 1 (got {n}, {min_per_cell})")
    per = list(per)
    check_columns(scores, SAMPLE_COLUMNS[:-2] + per, what="coding_sample: the scores table",
                  hint="pass the table of target_sentiment")
    table = scores.sort_values(KEY, kind="stable").reset_index(drop=True)
    dup = table.duplicated(KEY, keep=False)
    if dup.any():
        first = table.loc[dup, KEY].iloc[0].tolist()
        raise ValueError(f"scores hold {int(dup.sum())} rows with a repeated "
                         f"(doc_id, sent_id, target), e.g. {first}")
    cells = table.groupby([table[c].astype(str) for c in per], sort=True).indices
    keys = sorted(cells)
    sizes = np.array([len(cells[k]) for k in keys])
    take = allocate(sizes, n, min_per_cell)
    rng = np.random.default_rng(seed)
    drawn, prob = [], []
    for key, k, size in zip(keys, take, sizes):
        idx = cells[key]
        drawn.append(np.sort(rng.choice(idx, size=k, replace=False)))
        prob.append(np.full(k, k / size))
    drawn, prob = np.concatenate(drawn), np.concatenate(prob)
    order = rng.permutation(len(drawn))
    sample = table.loc[drawn[order], SAMPLE_COLUMNS[:-2]].reset_index(drop=True)
    sample["actor"] = sample["actor"].fillna("").astype(str)
    sample["p_sample"] = prob[order]
    sample["code"] = pd.Series([pd.NA] * len(sample), dtype="object")
    return sample
