"""Agreement: the scorer against the coder (and two coders against each other), with intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import check_columns
from analysis.sentiment import LABELS

__all__ = ["AGREEMENT_COLUMNS", "CONFUSION_COLUMNS", "STATISTICS", "agreement", "checked_codes",
           "confusion_matrix"]

STATISTICS = (["accuracy"] + [f"{m}_{c}" for c in LABELS for m in ("precision", "recall", "f1")]
              + ["macro_f1", "kappa", "alpha"])
AGREEMENT_COLUMNS = ["comparison", "statistic", "value", "ci_low", "ci_high", "n", "reason"]
CONFUSION_COLUMNS = ["comparison", "reference", "predicted", "count"]


def _confusions(ref: np.ndarray, pred: np.ndarray, draws: np.ndarray | None = None):
    """Confusion matrices (reference rows, predicted columns) of the rows, or of each draw."""
    k = len(LABELS)
    pair = ref * k + pred
    if draws is None:
        return np.bincount(pair, minlength=k * k).reshape(k, k).astype(float)
    flat = pair[draws] + (np.arange(len(draws)) * k * k)[:, None]
    return np.bincount(flat.ravel(), minlength=len(draws) * k * k).reshape(
        len(draws), k, k).astype(float)


def _statistics(cm: np.ndarray) -> dict:
    """Every agreement statistic of confusion matrices ``(..., 3, 3)``; NaN where undefined."""
    with np.errstate(invalid="ignore", divide="ignore"):
        n = cm.sum(axis=(-2, -1))
        diag = np.diagonal(cm, axis1=-2, axis2=-1)
        rows, cols = cm.sum(axis=-1), cm.sum(axis=-2)
        out = {"accuracy": diag.sum(-1) / n}
        precision, recall = diag / cols, diag / rows
        f1 = 2 * diag / (rows + cols)  # 0 for a class coded but never predicted (or vice versa)
        for j, c in enumerate(LABELS):
            out[f"precision_{c}"] = precision[..., j]
            out[f"recall_{c}"] = recall[..., j]
            out[f"f1_{c}"] = f1[..., j]
        present = (rows + cols) > 0
        out["macro_f1"] = np.where(present, f1, 0).sum(-1) / present.sum(-1)
        po = out["accuracy"]
        pe = (rows * cols).sum(-1) / n ** 2
        out["kappa"] = (po - pe) / (1 - pe)
        # Krippendorff's alpha (nominal, two coders, no missing): coincidences o = cm + cm',
        # N = 2n pairable values, alpha = 1 - (N - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
        totals = rows + cols
        big_n = 2 * n
        disagree = 2 * (n - diag.sum(-1))
        expected = big_n ** 2 - (totals ** 2).sum(-1)
        out["alpha"] = 1 - (big_n - 1) * disagree / expected
    return out


def _reasons(cm: np.ndarray) -> dict:
    n = cm.sum()
    rows, cols = cm.sum(axis=1), cm.sum(axis=0)
    out = {}
    if n == 0:
        return {s: "no row coded by both" for s in STATISTICS}
    for j, c in enumerate(LABELS):
        if cols[j] == 0:
            out[f"precision_{c}"] = f"never predicted {c}"
        if rows[j] == 0:
            out[f"recall_{c}"] = f"never coded {c}"
        if rows[j] + cols[j] == 0:
            out[f"f1_{c}"] = f"{c} neither coded nor predicted"
    pe = (rows * cols).sum() / n ** 2
    if pe == 1:
        out["kappa"] = "both sides use one class only: chance agreement is 1"
    if (rows + cols).max() == 2 * n:
        out["alpha"] = "only one class occurs: no variation to agree on"
    return out


def _pairs(codes: pd.DataFrame):
    """``(comparison, reference, predicted)`` columns of the comparisons the table allows."""
    pairs = []
    if "label" in codes.columns and (codes["label"].notna().any() or codes.empty):
        pairs.append(("model vs coder", "code", "label"))
    if "code_2" in codes.columns and codes["code_2"].notna().any():
        pairs.append(("coder 2 vs coder", "code", "code_2"))
    if not pairs:
        raise ValueError("codes hold neither model labels (read the sheet with sample=...) "
                         "nor a second coder's code_2: nothing to compare")
    return pairs


def _groups(codes: pd.DataFrame, by):
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    check_columns(codes, by, what="the codes table", hint="by= names columns to group by")
    if not by:
        return by, [((), codes)]
    return by, [((k,) if not isinstance(k, tuple) else k, g)
                for k, g in codes.groupby(by, sort=True)]


def checked_codes(codes: pd.DataFrame, exclude_borderline: bool) -> pd.DataFrame:
    """``codes`` after checking its label columns hold labels, without borderline rows if asked.

    Examples
    --------
    >>> c = pd.DataFrame({"code": ["negative", "neutral"], "confidence": [1, 3]})
    >>> len(checked_codes(c, False)), len(checked_codes(c, True))
    (2, 1)
    """
    check_columns(codes, ["code"], what="the codes table", hint="pass the table of read_codes")
    for column in ("code", "label", "code_2"):
        if column in codes.columns:
            bad = ~codes[column].isna() & ~codes[column].isin(LABELS)
            if bad.any():
                first = codes.loc[bad, column].iloc[0]
                raise ValueError(f"codes: column {column!r} holds {first!r}, not one of "
                                 f"{list(LABELS)}")
    if exclude_borderline:
        check_columns(codes, ["confidence"], what="the codes table",
                      hint="exclude_borderline reads it")
        codes = codes[~(codes["confidence"].fillna(0) == 1)]
    return codes


def agreement(codes: pd.DataFrame, *, by=None, exclude_borderline: bool = False,
              n_boot: int = 2000, level: float = 0.95, random_state: int = 0) -> pd.DataFrame:
    """How well the scorer (and a second coder) agrees with the coder, with bootstrap intervals.

    Comparisons: ``"model vs coder"`` (the model's ``label`` against ``code``) and, where a
    second coder coded, ``"coder 2 vs coder"`` (``code_2`` against ``code``), each on the rows
    both sides coded. Statistics: ``accuracy``; ``precision_<class>``, ``recall_<class>``,
    ``f1_<class>`` with ``code`` as the reference; ``macro_f1`` (the mean F1 of the classes
    that occur on either side: a class coded but never predicted counts 0, a class absent from
    both is left out); Cohen's ``kappa``; Krippendorff's ``alpha`` (nominal, two coders).
    Intervals are percentile bootstraps over mentions (``n_boot`` resamples of the rows, seeded):
    they treat mentions as independent, so read them as lower bounds on the uncertainty when a
    few articles supply most of the mentions. A statistic that cannot be computed is NaN with
    its ``reason``.

    Parameters
    ----------
    codes : pandas.DataFrame
        From :func:`read_codes` (with ``sample=`` for model labels): ``code`` and ``label``
        and/or ``code_2`` as negative/neutral/positive, missing when not coded.
    by : str or list of str, optional
        Also split by these columns (e.g. ``"source"`` or ``"target"``): they lead the table.
    exclude_borderline : bool, default False
        Leave out rows the coder marked borderline (``confidence`` 1), as the codebook asks
        to report agreement with and without them.
    n_boot : int, default 2000
        Bootstrap resamples.
    level : float, default 0.95
        Interval coverage.
    random_state : int, default 0
        Seed; groups are visited in sorted order.

    Returns
    -------
    pandas.DataFrame
        Columns ``[by...,] comparison, statistic, value, ci_low, ci_high, n, reason``; ``n``
        counts the rows compared.

    Examples
    --------
    >>> c = pd.DataFrame({"code": ["negative", "negative", "neutral", "positive"],
    ...                   "label": ["negative", "neutral", "neutral", "positive"]})
    >>> t = agreement(c, n_boot=200).set_index("statistic")
    >>> float(t.at["accuracy", "value"]), round(float(t.at["kappa", "value"]), 3)
    (0.75, 0.636)
    """
    codes = checked_codes(codes, exclude_borderline)
    by, groups = _groups(codes, by)
    rng = np.random.default_rng(random_state)
    tail = (1 - level) / 2
    index = {c: i for i, c in enumerate(LABELS)}
    out = []
    for key, group in groups:
        for name, ref_col, pred_col in _pairs(codes):
            both = group[group[ref_col].notna() & group[pred_col].notna()]
            ref = both[ref_col].map(index).to_numpy(dtype=int)
            pred = both[pred_col].map(index).to_numpy(dtype=int)
            cm = _confusions(ref, pred)
            point, reasons = _statistics(cm), _reasons(cm)
            if len(both) > 1:
                draws = rng.integers(0, len(both), size=(n_boot, len(both)))
                boot = _statistics(_confusions(ref, pred, draws))
            for stat in STATISTICS:
                value = float(point[stat])
                low = high = np.nan
                if np.isfinite(value) and len(both) > 1:
                    sample = boot[stat][np.isfinite(boot[stat])]
                    if len(sample):
                        low, high = np.quantile(sample, [tail, 1 - tail])
                reason = reasons.get(stat, "")
                if not reason and np.isfinite(value) and len(both) < 2:
                    reason = "one row: no interval"
                out.append((*key, name, stat, value, float(low), float(high), len(both),
                            reason))
    return pd.DataFrame(out, columns=by + AGREEMENT_COLUMNS)


def confusion_matrix(codes: pd.DataFrame, *, by=None,
                     exclude_borderline: bool = False) -> pd.DataFrame:
    """Confusion matrix of each comparison of :func:`agreement`, as a long table.

    Parameters
    ----------
    codes : pandas.DataFrame
        From :func:`read_codes`.
    by : str or list of str, optional
        Also split by these columns.
    exclude_borderline : bool, default False
        Leave out rows with ``confidence`` 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``[by...,] comparison, reference, predicted, count``: all nine
        (reference, predicted) pairs of each comparison, zeros included; the reference is the
        coder (``code``), predicted the model's label or the second coder.

    Examples
    --------
    >>> c = pd.DataFrame({"code": ["negative", "negative"], "label": ["neutral", "negative"]})
    >>> t = confusion_matrix(c)
    >>> t[t["count"] > 0][["reference", "predicted", "count"]].values.tolist()
    [['negative', 'negative', 1], ['negative', 'neutral', 1]]
    """
    codes = checked_codes(codes, exclude_borderline)
    by, groups = _groups(codes, by)
    index = {c: i for i, c in enumerate(LABELS)}
    out = []
    for key, group in groups:
        for name, ref_col, pred_col in _pairs(codes):
            both = group[group[ref_col].notna() & group[pred_col].notna()]
            cm = _confusions(both[ref_col].map(index).to_numpy(dtype=int),
                             both[pred_col].map(index).to_numpy(dtype=int))
            for i, ref in enumerate(LABELS):
                for j, pred in enumerate(LABELS):
                    out.append((*key, name, ref, pred, int(cm[i, j])))
    return pd.DataFrame(out, columns=by + CONFUSION_COLUMNS)
