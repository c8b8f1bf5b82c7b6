"""Notes on sentiment and its validation: means, the coding sample, agreement, corrections."""

from __future__ import annotations

import pandas as pd

from analysis.errors import check_columns
from analysis.report.prose import (
    fmt_articles,
    fmt_list,
    fmt_number,
    fmt_share,
    note_doc,
    target_bullet,
    wrap_prose,
)

__all__ = ["agreement_note", "corrected_note", "sample_note", "sentiment_note", "trained_note"]


def sentiment_note(by_source: pd.DataFrame, *, min_sentences: int = 5) -> str:
    """Per target, each outlet's mean score with its sentences and articles, most negative first.

    Parameters
    ----------
    by_source : DataFrame
        :func:`analysis.sentiment.sentiment_by_source`: ``source``, ``target``, ``mean``,
        ``n_sentences`` and ``n_docs``.
    min_sentences : int, default 5
        Cells with fewer sentences are named as saying little.

    Returns
    -------
    str
        Markdown: one bullet per target, then a line on thin cells.

    Examples
    --------
    >>> by_source = pd.DataFrame({"source": ["A", "B", "C"], "target": ["EU"] * 3,
    ...                           "n_sentences": [18, 2, 0], "n_docs": [1, 2, 0],
    ...                           "mean": [-0.154, 0.02, float("nan")]})
    >>> print(sentiment_note(by_source))
    - **EU**: A −0.15 (18 sentences, 1 article), B 0.02 (2 sentences, 2 articles); no mention in C.
    <BLANKLINE>
    Fewer than 5 sentences say little about an outlet: B on EU (2).
    """
    check_columns(by_source, ["source", "target", "mean", "n_sentences", "n_docs"],
                  what="sentiment_note: the table")
    table = by_source.assign(_n=by_source["n_sentences"])
    if table.empty:
        return "No sentence mentions a target."
    bullets = []
    for target, group in table.groupby("target", sort=False):
        scored = group.dropna(subset=["mean"]).sort_values(["mean", "source"])
        cells = [f"{s} {fmt_number(m)} ({n} sentence{'' if n == 1 else 's'}, {fmt_articles(d)})"
                 for s, m, n, d in scored[["source", "mean", "_n", "n_docs"]]
                 .itertuples(index=False)]
        silent = sorted(group.loc[group["mean"].isna(), "source"])
        bullets.append(target_bullet(target, cells, empty="no scored sentence", absent=silent))
    thin = table[(table["_n"] > 0) & (table["_n"] < min_sentences)].sort_values(["target",
                                                                                  "source"])
    text = "\n".join(bullets)
    if not thin.empty:
        text += (f"\n\nFewer than {min_sentences} sentences say little about an outlet: "
                 + fmt_list((f"{s} on {t} ({n})" for s, t, n in
                             thin[["source", "target", "_n"]].itertuples(index=False)),
                            limit=10) + ".")
    return text


@note_doc
def sample_note(sample: pd.DataFrame, scores: pd.DataFrame, *,
                per=("source", "target")) -> str:
    """How :func:`analysis.validation.coding_sample` drew: cells taken whole, cells sampled.

    Parameters
    ----------
    sample : DataFrame
        The drawn rows (the ``per`` columns).
    scores : DataFrame
        The rows drawn from.
    per : tuple of str, default ("source", "target")
        The strata.

    {returns_markdown}

    Examples
    --------
    >>> scores = pd.DataFrame({"source": list("AAAAAB"), "target": ["EU"] * 6})
    >>> print(sample_note(scores.iloc[[0, 1, 5]], scores))
    3 of 6 mentions drawn (50 %) from 2 outlet × target cells: 1 cell with few mentions is taken
    whole (B–EU), the other gives 2 drawn at random.
    """
    per = list(per)
    check_columns(sample, per, what="sample_note: the sample")
    check_columns(scores, per, what="sample_note: the scores table")
    total = scores.groupby(per).size()
    drawn = sample.groupby(per).size().reindex(total.index, fill_value=0)
    if total.empty:
        return "There are no scored mentions to sample."
    whole = drawn[(drawn == total) & (drawn > 0)]
    part = drawn[drawn < total]
    text = (f"{int(drawn.sum()):,} of {int(total.sum()):,} mentions drawn "
            f"({fmt_share(drawn.sum() / total.sum())}) from {len(total)} outlet × target cells")
    names = ["–".join(map(str, key if isinstance(key, tuple) else (key,))) for key in whole.index]
    clauses = []
    if len(whole):
        cells = "1 cell with few mentions is" if len(whole) == 1 else \
            f"{len(whole)} cells with few mentions are"
        clauses.append(f"{cells} taken whole ({fmt_list(names, limit=6)})")
    if len(part):
        sizes = sorted(set(part.tolist()))
        size = str(sizes[0]) if len(sizes) == 1 else f"{sizes[0]} to {sizes[-1]}"
        other = "the other gives" if len(part) == 1 else f"the other {len(part)} give"
        clauses.append(f"{other} {size} drawn at random")
    return wrap_prose(text + (": " + ", ".join(clauses) if clauses else "") + ".")


def _statistics(table: pd.DataFrame) -> pd.DataFrame:
    check_columns(table, ["statistic", "value", "ci_low", "ci_high", "n"],
                  what="agreement_note: the agreement table")
    if "comparison" in table:
        table = table[table["comparison"] == "model vs coder"]
    return table.set_index("statistic")


def agreement_note(table: pd.DataFrame, *, strict: pd.DataFrame | None = None) -> str:
    """What :func:`analysis.validation.agreement` says about the scorer against the hand codes.

    Parameters
    ----------
    table : DataFrame
        ``agreement(codes)``: ``statistic``, ``value``, ``ci_low``, ``ci_high``, ``n``.
    strict : DataFrame, optional
        ``agreement(codes, exclude_borderline=True)``, compared in one sentence.

    Returns
    -------
    str
        Markdown; says that nothing is coded yet when no row is.

    Examples
    --------
    >>> table = pd.DataFrame({"statistic": ["accuracy", "kappa", "alpha", "macro_f1",
    ...                                     "recall_negative"],
    ...                       "value": [0.4533, 0.21, 0.171, 0.45, 0.407],
    ...                       "ci_low": [0.333, 0.05, -0.01, 0.33, 0.22],
    ...                       "ci_high": [0.573, 0.36, 0.34, 0.56, 0.6], "n": [75] * 5})
    >>> print(agreement_note(table))
    The default method agrees with the hand codes on 45 % of the 75 coded mentions (95 % interval
    33 % to 57 %). Chance-corrected, Cohen's kappa is 0.21 (0.05 to 0.36) and Krippendorff's
    alpha 0.17 (0 is chance, 1 perfect); macro-F1 is 0.45. Of the mentions coded negative it
    labels 41 % negative.
    """
    stats = _statistics(table)
    if "accuracy" not in stats.index or pd.isna(stats.loc["accuracy", "value"]):
        return ("No mention of the coding sheet is coded yet, so the scorer cannot be checked on "
                "this corpus: code the sheet (`codes_path()`, in a spreadsheet or with "
                "`Labeller`) and rerun.")
    acc = stats.loc["accuracy"]
    text = (f"The default method agrees with the hand codes on {fmt_share(acc['value'])} of the "
            f"{int(acc['n']):,} coded mentions (95 % interval {fmt_share(acc['ci_low'])} to "
            f"{fmt_share(acc['ci_high'])}).")
    if "kappa" in stats.index:
        kappa = stats.loc["kappa"]
        text += (f" Chance-corrected, Cohen's kappa is {fmt_number(kappa['value'])} "
                 f"({fmt_number(kappa['ci_low'])} to {fmt_number(kappa['ci_high'])})")
        if "alpha" in stats.index:
            text += f" and Krippendorff's alpha {fmt_number(stats.loc['alpha', 'value'])}"
        text += " (0 is chance, 1 perfect)"
        if "macro_f1" in stats.index:
            text += f"; macro-F1 is {fmt_number(stats.loc['macro_f1', 'value'])}"
        text += "."
    if "recall_negative" in stats.index and pd.notna(stats.loc["recall_negative", "value"]):
        text += (" Of the mentions coded negative it labels "
                 f"{fmt_share(stats.loc['recall_negative', 'value'])} negative.")
    if strict is not None:
        tight = _statistics(strict)
        if "accuracy" in tight.index and pd.notna(tight.loc["accuracy", "value"]):
            kappa = fmt_number(tight.loc["kappa", "value"]) if "kappa" in tight.index else "n/a"
            text += (f" Leaving out the borderline codes ({int(tight.loc['accuracy', 'n']):,} "
                     f"mentions remain): accuracy {fmt_share(tight.loc['accuracy', 'value'])}, "
                     f"kappa {kappa}.")
    return wrap_prose(text)


@note_doc
def trained_note(trained: pd.DataFrame, default: pd.DataFrame) -> str:
    """The held-out trained scorer against the default one, on the same hand codes.

    Parameters
    ----------
    trained, default : DataFrame
        :func:`analysis.validation.agreement` of ``held_out_labels(codes)`` and of ``codes``.

    {returns_markdown}

    Examples
    --------
    >>> def stats(acc, f1, n):
    ...     return pd.DataFrame({"statistic": ["accuracy", "macro_f1"], "value": [acc, f1],
    ...                          "ci_low": [0.0, 0.0], "ci_high": [1.0, 1.0], "n": [n, n]})
    >>> print(trained_note(stats(0.56, 0.40, 75), stats(0.45, 0.45, 75)))
    Trained on the codes of the other articles, the model is right on 56 % of the 75 mentions (the
    default method: 45 %), with macro-F1 0.40 (default: 0.45).
    """
    mine, base = _statistics(trained), _statistics(default)
    if "accuracy" not in mine.index or pd.isna(mine.loc["accuracy", "value"]):
        return ("No held-out labels: the trained model needs coded mentions from at least two "
                "articles.")
    text = (f"Trained on the codes of the other articles, the model is right on "
            f"{fmt_share(mine.loc['accuracy', 'value'])} of the {int(mine.loc['accuracy', 'n']):,} "
            f"mentions (the default method: {fmt_share(base.loc['accuracy', 'value'])})")
    if "macro_f1" in mine.index and "macro_f1" in base.index:
        text += (f", with macro-F1 {fmt_number(mine.loc['macro_f1', 'value'])} "
                 f"(default: {fmt_number(base.loc['macro_f1', 'value'])})")
    return wrap_prose(text + ".")


def corrected_note(corrected: pd.DataFrame) -> str:
    """Per target, each outlet's model mean next to its corrected mean, and out-of-range means.

    Parameters
    ----------
    corrected : DataFrame
        :func:`analysis.validation.corrected_by_source`: ``source``, ``target``, ``raw_mean``,
        ``mean``, ``n_coded``.

    Returns
    -------
    str
        Markdown: one bullet per target (model mean → corrected mean), then a line on corrected
        means outside [-1, 1].

    Examples
    --------
    >>> corrected = pd.DataFrame({"source": ["A", "B"], "target": ["EU", "EU"],
    ...                           "raw_mean": [-0.17, 0.4], "mean": [-1.17, float("nan")],
    ...                           "n_coded": [8, 0]})
    >>> print(corrected_note(corrected))
    - **EU** (model mean → corrected): A −0.17 → −1.17 (8 coded); not coded: B.
    <BLANKLINE>
    Unbiased is not bounded: with few coded mentions a corrected mean can leave [−1, 1] (A on EU
    −1.17); read it as "all negative (or positive), within noise", and code more mentions to
    narrow it.
    """
    check_columns(corrected, ["source", "target", "raw_mean", "mean", "n_coded"],
                  what="corrected_note: the table")
    if corrected.empty or corrected["mean"].isna().all():
        return ("No corrected estimate yet: no mention is coded. Code the sheet and rerun; each "
                "outlet × target cell needs coded mentions of its own.")
    bullets = []
    for target, group in corrected.groupby("target", sort=False):
        done = group.dropna(subset=["mean"]).sort_values(["mean", "source"])
        cells = [f"{s} {fmt_number(r)} → {fmt_number(m)} ({c} coded)"
                 for s, r, m, c in done[["source", "raw_mean", "mean", "n_coded"]]
                 .itertuples(index=False)]
        undone = sorted(group.loc[group["mean"].isna() & group["raw_mean"].notna(), "source"])
        bullets.append(target_bullet(target, cells, heading="(model mean → corrected)",
                                     empty="none corrected", absent=undone,
                                     absent_as="not coded:"))
    text = "\n".join(bullets)
    out = corrected[corrected["mean"].abs() > 1].sort_values(["target", "source"])
    if not out.empty:
        cells = fmt_list(f"{s} on {t} {fmt_number(m)}"
                         for s, t, m in out[["source", "target", "mean"]].itertuples(index=False))
        text += "\n\n" + wrap_prose(
            "Unbiased is not bounded: with few coded mentions a corrected mean can leave "
            f"[\u22121, 1] ({cells}); read it as \"all negative (or positive), within noise\", and "
            "code more mentions to narrow it.")
    return text
