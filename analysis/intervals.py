"""One interval policy for every per-group estimate: the article is the unit.

Every per-group number the suite reports is a ratio of sums over the group's articles: a term's
rate per 1,000 tokens (term count over token count), a mean sentiment score (sum of mention
scores over number of mentions), a topic share (sum of paragraph proportions over number of
paragraphs). The question is about the outlet, so its articles are the sampling unit: units
inside one article (tokens, sentences, paragraphs) are not independent draws from the outlet.

The interval is the cluster-robust (linearisation) interval of a ratio with the CR2 small-sample
correction, Bell-McCaffrey degrees of freedom and Hall's skewness correction. With articles
``g = 1..G``, numerators ``y_g``, denominators ``x_g``, ``X = sum x_g``, estimate
``R = sum y_g / X``, leverage ``h_g = x_g / X`` and residuals ``e_g = y_g - R x_g``::

    se**2 = sum_g e_g**2 / (1 - h_g) / X**2                          (CR2)
    df    = 1 / (sum a_g**2 - 2 sum h_g a_g**2 + (sum h_g a_g)**2),  a_g = h_g / (1 - h_g)
    plain:            R - q se .. R + q se,  q = t(df, (1 + level) / 2)
    skew-corrected:   R - se g^-1(q) .. R - se g^-1(-q)

``df`` is the Satterthwaite degrees of freedom of the CR2 variance under the working model
"units inside an article are independent" (an article's rate then has variance proportional to
``1 / x_g``); it is ``G - 1`` for articles of equal size and smaller when a few articles carry
most of the weight. It depends only on the denominators, so it is shared by every term of a group.
``g(T) = T + a T**2 + a**2 T**3 / 3 + b`` with ``a = skew / (3 sqrt(G))``, ``b = skew / (6
sqrt(G))`` and ``skew`` the sample skewness of the residuals is Hall's (1992) monotone
transformation that removes the skewness of the studentised statistic: with right-skewed
article values (a few articles with many mentions of a term, zero-inflated sentiment scores)
the interval reaches further up than down; with symmetric values it is the plain one.
``scale="log"`` computes the interval for ``log R`` (``se / R``) and maps it back, which keeps a
rate's or share's interval positive and follows the right skew of rare counts.

Below ``min_units`` articles, or when the articles do not vary (every article has the same
rate, so the spread between articles is zero), there is no interval: ``ci_low`` and ``ci_high``
are NaN and ``reason`` says why. A zero-width interval is never reported.
Coverage was measured by simulation against known truth (``bench/coverage.py``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import check_columns

__all__ = ["Interval", "MIN_UNITS", "METHOD", "grouped_ratio_intervals", "interval_from_variance",
           "ratio_interval", "ratio_intervals_matrix", "no_interval_reason"]

#: Fewest articles for an interval about a group. With one article nothing about the outlet's
#: spread is known; with two, a t interval on 1 degree of freedom is either useless or (with a
#: normal quantile) covers far less than it claims. Three is the smallest size at which the
#: measured coverage reaches the target for every measure (``bench/coverage.py``).
MIN_UNITS = 3

#: Name of the method in the ``method`` field of :class:`Interval`.
METHOD = "cluster-robust ratio (CR2, Bell-McCaffrey t, Hall skewness correction), article units"

_SCALES = ("linear", "log")


class Interval(NamedTuple):
    """A point estimate with its interval, or with the reason there is none."""

    estimate: float
    ci_low: float
    ci_high: float
    n_units: int
    method: str
    reason: str


def no_interval_reason(n_units: int, *, min_units: int = MIN_UNITS, unit: str = "article") -> str:
    """The ``reason`` text for a group below ``min_units`` (``""`` when it is not).

    Examples
    --------
    >>> no_interval_reason(1), no_interval_reason(2), no_interval_reason(5)
    ('1 article: no interval', '2 articles: no interval', '')
    """
    if n_units >= min_units:
        return ""
    return f"{n_units} {unit}{'' if n_units == 1 else 's'}: no interval"


def _check(level: float, min_units: int, scale: str, skew_correction: bool = True) -> None:
    if not isinstance(skew_correction, (bool, np.bool_)):
        raise TypeError(f"skew_correction must be True or False, got {skew_correction!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    if int(min_units) != min_units or min_units < 2:
        raise ValueError(f"min_units must be an integer of at least 2, got {min_units}")
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {_SCALES}, got {scale!r}")


def _skewness(sum_e2, sum_e3, n_units):
    """Sample skewness of the articles' residuals ``e_g = y_g - R x_g`` from their sums of
    squares and cubes (0 where there is no spread)."""
    sum_e2 = np.asarray(sum_e2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = (np.asarray(sum_e3, dtype=float) / n_units) / (sum_e2 / n_units) ** 1.5
    return np.where(np.isfinite(g), g, 0.0)


def _hall_quantiles(q, skew, n_units, *, clamp: bool = True):
    """Hall's (1992) skewness-corrected quantiles of the studentised ratio: the values ``v`` with
    ``g(v) = -+q`` for ``g(T) = T + a T**2 + a**2 T**3 / 3 + b``, ``a = skew / (3 sqrt(G))``,
    ``b = a / 2``; ``g`` is monotone, so the inverse is a cube root. Returns the multipliers
    of ``se`` below and above the estimate.

    ``clamp`` keeps ``|a|`` where the cube root's argument at ``-+q`` stays >= 0: beyond it the
    long side grows without bound (a few articles with a large skew and a large t quantile
    gave upper bounds thousands of times the estimate on the log scale) while it is only an
    expansion in ``1 / sqrt(G)``; at the bound the long side is at most about 3 ``q``."""
    q = np.asarray(q, dtype=float)
    a = np.asarray(skew, dtype=float) / (3 * np.sqrt(np.asarray(n_units, dtype=float)))
    if clamp:
        # 1 - 3 |a| (q + |a| / 2) >= 0
        a_max = (-3 * q + np.sqrt(9 * q ** 2 + 6)) / 3
        a = np.clip(a, -a_max, a_max)
    b = a / 2
    tiny = np.abs(a) < 1e-12
    safe = np.where(tiny, 1.0, a)

    def inverse(v):
        return np.where(tiny, v - b, (np.cbrt(1 + 3 * safe * (v - b)) - 1) / safe)

    # interval: estimate - se * g^-1(q) .. estimate - se * g^-1(-q)
    return inverse(q), -inverse(-q)


def _finish(estimate, var, df, n_units, *, level, min_units, scale, skew=None,
            unit="article"):
    """Vectorised core: intervals from estimates, CR2 variances, df, unit counts and (for
    the skewness correction) the skewness of the articles' residuals."""
    estimate = np.asarray(estimate, dtype=float)
    var = np.asarray(var, dtype=float)
    df = np.broadcast_to(np.asarray(df, dtype=float), estimate.shape)
    n_units = np.broadcast_to(np.asarray(n_units), estimate.shape)
    reason = np.full(estimate.shape, "", dtype=object)
    few = n_units < min_units
    for n in np.unique(n_units[few]):
        reason[few & (n_units == n)] = no_interval_reason(int(n), min_units=min_units, unit=unit)
    # Sums of squares that cancel to rounding noise are a zero spread, not a tiny one.
    flat = ~few & (var <= (1e-9 * np.maximum(np.abs(estimate), 1e-12)) ** 2)
    reason[flat] = "no spread between articles: no interval"
    if scale == "log":
        bad = ~few & ~flat & ~(estimate > 0)
        reason[bad] = "estimate not positive: no log-scale interval"
        flat = flat | bad
    ok = ~few & ~flat
    low = np.full(estimate.shape, np.nan)
    high = np.full(estimate.shape, np.nan)
    if ok.any():
        t = stats.t.ppf((1 + level) / 2, df[ok])
        if skew is None:
            below, above = t, t
        else:
            below, above = _hall_quantiles(
                t, np.broadcast_to(np.asarray(skew, dtype=float), estimate.shape)[ok],
                n_units[ok])
        se = np.sqrt(var[ok])
        if scale == "log":
            rel = se / estimate[ok]
            low[ok] = estimate[ok] * np.exp(-below * rel)
            high[ok] = estimate[ok] * np.exp(above * rel)
        else:
            low[ok], high[ok] = estimate[ok] - below * se, estimate[ok] + above * se
    return low, high, reason


def interval_from_variance(estimate, var, df, n_units, *, level: float = 0.95,
                           min_units: int = MIN_UNITS, scale: str = "linear", skew=None):
    """Intervals from estimates already reduced to variances, for code that sums elsewhere.

    Parameters
    ----------
    estimate, var : array-like of float
        Ratios and their CR2 variances.
    df : float or array-like
        Degrees of freedom of the t quantile.
    n_units : int or array-like
        Articles behind each estimate (below ``min_units``: no interval).
    level, min_units, scale
        As in :func:`ratio_interval`.
    skew : array-like, optional
        Skewness of the articles' residuals for Hall's correction; ``None``: symmetric.

    Returns
    -------
    (ci_low, ci_high, reason)
        Arrays; NaN ends with a ``reason`` where there is no interval.

    Examples
    --------
    >>> low, high, reason = interval_from_variance([2.0, 2.0], [0.25, 0.0], 9, [10, 10])
    >>> low.round(3).tolist(), reason.tolist()
    ([0.869, nan], ['', 'no spread between articles: no interval'])
    """
    _check(level, min_units, scale)
    return _finish(estimate, var, df, n_units, level=level, min_units=min_units, scale=scale,
                   skew=skew)


def _df(h: np.ndarray) -> float:
    """Bell-McCaffrey degrees of freedom from the leverages of one group (``h`` sums to 1)."""
    h = h[h > 0]
    if len(h) < 2:
        return np.nan
    a = h / (1 - h)
    denom = (a ** 2).sum() - 2 * (h * a ** 2).sum() + (h * a).sum() ** 2
    return float(1 / denom) if denom > 0 else np.nan


def ratio_interval(numerator, denominator, *, level: float = 0.95, min_units: int = MIN_UNITS,
                   scale: str = "linear", skew_correction: bool = True) -> Interval:
    """Interval for ``sum(numerator) / sum(denominator)`` with articles as the units.

    Parameters
    ----------
    numerator, denominator : array-like of float
        Per-article sums, one entry per article: e.g. the sum of an article's mention scores
        and its number of mentions, or an article's count of a term and its number of word
        tokens. Articles with a zero denominator carry no weight and are not counted.
    level : float, default 0.95
        Nominal coverage.
    min_units : int, default :data:`MIN_UNITS` (3)
        Fewest articles (with a positive denominator) for an interval.
    scale : {"linear", "log"}, default "linear"
        ``"log"`` builds the interval for ``log R`` and maps it back (for positive rates).
    skew_correction : bool, default True
        Hall's skewness correction (see the module notes); ``False`` gives the symmetric
        ``R +- q se``.

    Returns
    -------
    Interval
        ``estimate, ci_low, ci_high, n_units, method, reason``; ``ci_low`` and ``ci_high`` are
        NaN and ``reason`` says why when there is no interval (``reason`` is ``""`` otherwise).

    Raises
    ------
    ValueError
        Arrays of different lengths, a negative denominator, or a bad option.

    Examples
    --------
    >>> r = ratio_interval([1.0, 3.0, 2.0, 6.0], [1, 1, 1, 2])
    >>> round(r.estimate, 6), round(r.ci_low, 3), round(r.ci_high, 3), r.n_units, r.reason
    (2.4, 0.522, 3.828, 4, '')
    >>> ratio_interval([0.4], [1])[:4], ratio_interval([0.4], [1]).reason
    ((0.4, nan, nan, 1), '1 article: no interval')
    >>> ratio_interval([0.0, 0.0, 0.0], [2, 1, 4]).reason
    'no spread between articles: no interval'
    """
    _check(level, min_units, scale, skew_correction)
    y = np.asarray(numerator, dtype=float).ravel()
    x = np.asarray(denominator, dtype=float).ravel()
    if y.shape != x.shape:
        raise ValueError(f"numerator and denominator differ in length ({len(y)} vs {len(x)})")
    if (x < 0).any():
        raise ValueError("denominators must not be negative")
    if not (np.isfinite(y).all() and np.isfinite(x).all()):
        raise ValueError("numerator and denominator must be finite")
    keep = x > 0
    y, x = y[keep], x[keep]
    n = len(x)
    if n == 0:
        return Interval(np.nan, np.nan, np.nan, 0, METHOD, "0 articles: no estimate")
    total = x.sum()
    estimate = y.sum() / total
    h = x / total
    e = y - estimate * x
    if n >= 2:
        var = float(((e ** 2) / (1 - h)).sum() / total ** 2)
        df = _df(h)
    else:
        var, df = np.nan, np.nan
    skew = _skewness((e ** 2).sum(), (e ** 3).sum(), n) if skew_correction else None
    low, high, reason = _finish(np.array([estimate]), np.array([var]), df, np.array([n]),
                                level=level, min_units=min_units, scale=scale, skew=skew)
    return Interval(float(estimate), float(low[0]), float(high[0]), int(n), METHOD, reason[0])


def ratio_intervals_matrix(counts, lengths, *, level: float = 0.95,
                           min_units: int = MIN_UNITS, scale: str = "linear",
                           skew_correction: bool = True):
    """:func:`ratio_interval` for every column of an articles x terms matrix at once.

    Parameters
    ----------
    counts : scipy.sparse matrix or numpy.ndarray
        Articles x columns numerators (e.g. term counts) of ONE group.
    lengths : array-like
        Each article's denominator (e.g. word tokens); articles with 0 carry no weight.
    level, min_units, scale, skew_correction
        As in :func:`ratio_interval`.

    Returns
    -------
    (estimate, ci_low, ci_high, reason, n_units)
        Arrays over the columns (``n_units`` is one integer: every column shares the
        group's articles).

    Examples
    --------
    >>> est, low, high, reason, n = ratio_intervals_matrix(
    ...     np.array([[1, 0], [3, 0], [2, 0], [6, 1]]), [1, 1, 1, 2])
    >>> est.tolist(), low.round(3).tolist(), reason.tolist(), n
    ([2.4, 0.2], [0.522, -0.258], ['', ''], 4)
    """
    from scipy import sparse

    _check(level, min_units, scale, skew_correction)
    x = np.asarray(lengths, dtype=float).ravel()
    if counts.shape[0] != len(x):
        raise ValueError(f"{counts.shape[0]} rows of counts for {len(x)} lengths")
    if (x < 0).any():
        raise ValueError("lengths must not be negative")
    keep = x > 0
    n = int(keep.sum())
    total = x[keep].sum()
    k = counts.shape[1]
    if n == 0:
        nan = np.full(k, np.nan)
        return nan, nan.copy(), nan.copy(), np.full(k, "0 articles: no estimate", object), 0
    y = counts[np.flatnonzero(keep)]
    x = x[keep]
    h = x / total
    if n >= 2:
        w = 1 / (1 - h)
    else:
        w = np.zeros(1)
    ones = np.ones(n)
    if sparse.issparse(y):
        y = sparse.csr_matrix(y, dtype=float)
        y2 = y.multiply(y)
        ysum = np.asarray(y.sum(axis=0)).ravel()

        def dot(m, v):
            return np.asarray(m.T @ v).ravel()
    else:
        y = np.asarray(y, dtype=float)
        y2 = y * y
        ysum = y.sum(axis=0)

        def dot(m, v):
            return m.T @ v
    yy = dot(y2, w)
    yx = dot(y, w * x)
    estimate = ysum / total
    xx = float((w * x * x).sum())
    # sum_g w_g (y_g - R x_g)**2, expanded so that sparse columns need only three products
    var = np.maximum(yy - 2 * estimate * yx + estimate ** 2 * xx, 0) / total ** 2 \
        if n >= 2 else np.full(k, np.nan)
    df = _df(h) if n >= 2 else np.nan
    skew = None
    if skew_correction:
        r = estimate
        # unweighted sums of e**2 and e**3 over articles, expanded in sums of y and x powers
        e2 = dot(y2, ones) - 2 * r * dot(y, x) + r ** 2 * (x ** 2).sum()
        y3 = y2.multiply(y) if sparse.issparse(y2) else y2 * y
        e3 = (dot(y3, ones) - 3 * r * dot(y2, x) + 3 * r ** 2 * dot(y, x ** 2)
              - r ** 3 * (x ** 3).sum())
        skew = _skewness(np.maximum(e2, 0), e3, n)
    low, high, reason = _finish(estimate, var, df, np.full(k, n), level=level,
                                min_units=min_units, scale=scale, skew=skew)
    return estimate, low, high, reason, n


def grouped_ratio_intervals(frame: pd.DataFrame, *, by, numerator: str,
                            denominator: str | None = None, unit: str = "doc_id",
                            level: float = 0.95, min_units: int = MIN_UNITS,
                            scale: str = "linear", skew_correction: bool = True) -> pd.DataFrame:
    """:func:`ratio_interval` for every group of a long table, vectorised.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per observation (a mention, a paragraph) or per article, with the ``by``
        columns, ``unit`` and the value columns.
    by : str or list of str
        Grouping columns (e.g. ``["source", "target"]``).
    numerator : str
        Column summed per article into the numerator (e.g. ``"score"``).
    denominator : str, optional
        Column summed per article into the denominator; ``None`` counts rows (so the estimate
        is the mean of ``numerator`` over rows, with articles as clusters).
    unit : str, default "doc_id"
        The clustering (resampling) unit.
    level, min_units, scale, skew_correction
        As in :func:`ratio_interval`.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``estimate, ci_low, ci_high, n_units, reason``, one row per group,
        sorted by ``by``.

    Examples
    --------
    >>> f = pd.DataFrame({"source": ["X"] * 5 + ["Y"],
    ...                   "doc_id": ["a", "a", "b", "c", "d", "e"],
    ...                   "score": [0.5, 0.1, -0.2, 0.4, 0.0, 0.4]})
    >>> t = grouped_ratio_intervals(f, by="source", numerator="score")
    >>> print(t.round(3).to_string(index=False))
    source  estimate  ci_low  ci_high  n_units                 reason
         X      0.16  -0.331    0.549        4
         Y      0.40     NaN      NaN        1 1 article: no interval
    """
    _check(level, min_units, scale, skew_correction)
    by = [by] if isinstance(by, str) else list(by)
    check_columns(frame, [*by, unit, numerator, denominator], what="frame")
    values = pd.DataFrame({"y": frame[numerator].to_numpy(dtype=float),
                           "x": (frame[denominator].to_numpy(dtype=float) if denominator
                                 else np.ones(len(frame)))})
    if not (np.isfinite(values["y"]).all() and np.isfinite(values["x"]).all()):
        raise ValueError(f"{numerator!r} and the denominator must be finite")
    if (values["x"] < 0).any():
        raise ValueError("denominators must not be negative")
    for c in [*by, unit]:
        values[c] = frame[c].to_numpy()
    cols = ["estimate", "ci_low", "ci_high", "n_units", "reason"]
    if values.empty:
        return pd.DataFrame(columns=[*by, *cols])
    per_unit = values.groupby([*by, unit], sort=True, observed=True)[["y", "x"]].sum()
    per_unit = per_unit[per_unit["x"] > 0].reset_index()
    g = per_unit.groupby(by, sort=True, observed=True)
    total = g["x"].transform("sum").to_numpy()
    estimate_row = g["y"].transform("sum").to_numpy() / total
    h = per_unit["x"].to_numpy() / total
    n_row = g["x"].transform("size").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(n_row >= 2, h / (1 - h), np.nan)
        resid = per_unit["y"].to_numpy() - estimate_row * per_unit["x"].to_numpy()
        v = np.where(n_row >= 2, resid ** 2 / (1 - h) / total ** 2, np.nan)
    parts = pd.DataFrame({"v": v, "a2": a ** 2, "ha2": h * a ** 2, "ha": h * a,
                          "e2": resid ** 2, "e3": resid ** 3})
    for c in by:
        parts[c] = per_unit[c].to_numpy()
    sums = parts.groupby(by, sort=True, observed=True)[["v", "a2", "ha2", "ha", "e2", "e3"]].sum(
        min_count=1)
    out = g.agg(y=("y", "sum"), x=("x", "sum"), n_units=("x", "size"))
    estimate = (out["y"] / out["x"]).to_numpy()
    n = out["n_units"].to_numpy()
    denom = (sums["a2"] - 2 * sums["ha2"] + sums["ha"] ** 2).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        df = np.where((n >= 2) & (denom > 0), 1 / denom, np.nan)
    var = np.where(n >= 2, sums["v"].to_numpy(), np.nan)
    skew = _skewness(sums["e2"].to_numpy(), sums["e3"].to_numpy(), n) \
        if skew_correction else None
    low, high, reason = _finish(estimate, var, df, n, level=level, min_units=min_units,
                                scale=scale, skew=skew)
    result = out.reset_index()[by]
    result["estimate"] = estimate
    result["ci_low"] = low
    result["ci_high"] = high
    result["n_units"] = n.astype(int)
    result["reason"] = reason
    return result
