"""Tests for analysis.validation: the sample, the coding sheet, the labeller, agreement, DSL."""

import itertools

import numpy as np
import pandas as pd
import pytest

from analysis.intervals import ratio_interval
from analysis.paths import SEEDS_DIR
from analysis.validation import (
    AGREEMENT_COLUMNS,
    CORRECTED_COLUMNS,
    SAMPLE_COLUMNS,
    Labeller,
    agreement,
    coding_sample,
    confusion_matrix,
    corrected_by_source,
    mark_mention,
    read_codes,
    write_coding_sheet,
)
from analysis.validation.sample import allocate

# --------------------------------------------------------------------------------------------
# helpers: a scores table of hand-checkable size


def _scores(cells: dict[tuple[str, str], int]) -> pd.DataFrame:
    """One row per mention; each (source, target) cell of size k has docs d0..d(k-1)."""
    rows = []
    for (source, target), k in cells.items():
        for i in range(k):
            sentence = f"The {target} met in row {i}."
            rows.append((f"{source}-d{i}", source, 0, sentence, target, target, "", 1, 4,
                         4 + len(target), 0.0, "neutral", ""))
    return pd.DataFrame(rows, columns=["doc_id", "source", "sent_id", "sentence", "target",
                                       "alias", "actor", "n_mentions", "start", "end", "score",
                                       "label", "words"])


def _sheet(tmp_path, body: str, header: str = "row,doc_id,source,sent_id,target,alias,actor,"
           "p_sample,sentence,code,confidence,note") -> str:
    path = tmp_path / "sheet.csv"
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# coding_sample


@pytest.mark.parametrize(
    ("sizes", "n", "min_per_cell", "expected"),
    [
        ([4, 20, 40], 20, 10, [4, 10, 10]),        # minimums need 24 > 20: n is exceeded
        ([4, 20, 40], 34, 10, [4, 13, 17]),        # 10 left: shared 10:30 of the spare rows
        ([4, 20, 40], 100, 10, [4, 20, 40]),       # more than there is: everything
        ([5, 5], 3, 10, [5, 5]),                   # small cells are taken whole
        ([10, 10, 10], 31, 10, [10, 10, 10]),
        ([11, 11], 21, 10, [11, 10]),              # one spare row: ties go to the first cell
    ],
)
def test_allocation(sizes, n, min_per_cell, expected):
    assert allocate(np.array(sizes), n, min_per_cell).tolist() == expected


def test_coding_sample_strata_probabilities_and_columns():
    scores = _scores({("X", "EU"): 4, ("X", "US"): 20, ("Y", "EU"): 40})
    sample = coding_sample(scores, n=34, min_per_cell=10, seed=1)
    assert list(sample.columns) == SAMPLE_COLUMNS
    got = sample.groupby(["source", "target"]).agg(n=("doc_id", "size"), p=("p_sample", "first"))
    assert got["n"].tolist() == [4, 13, 17]
    assert got["p"].tolist() == pytest.approx([1.0, 13 / 20, 17 / 40])
    assert sample["code"].isna().all()
    assert not sample.duplicated(["doc_id", "sent_id", "target"]).any()
    # random order: not sorted by cell (a coder who stops early has coded every cell a bit)
    assert sample["source"].tolist() != sorted(sample["source"])


def test_coding_sample_is_deterministic_for_a_seed():
    scores = _scores({("X", "EU"): 30, ("Y", "US"): 30})
    a = coding_sample(scores, n=20, min_per_cell=5, seed=3)
    pd.testing.assert_frame_equal(a, coding_sample(scores, n=20, min_per_cell=5, seed=3))
    # the input order does not matter, only the rows
    shuffled = scores.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(a, coding_sample(shuffled, n=20, min_per_cell=5, seed=3))
    assert not a.equals(coding_sample(scores, n=20, min_per_cell=5, seed=4))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.drop(columns="sentence"), r"scores table is missing column\(s\) sentence"),
        (lambda s: pd.concat([s, s.iloc[:1]]), "repeated"),
    ],
)
def test_coding_sample_errors(change, message):
    with pytest.raises(ValueError, match=message):
        coding_sample(change(_scores({("X", "EU"): 3})))


def test_coding_sample_rejects_zero_n():
    with pytest.raises(ValueError, match="at least 1"):
        coding_sample(_scores({("X", "EU"): 3}), n=0)


# --------------------------------------------------------------------------------------------
# the sheet


@pytest.mark.parametrize(
    ("sentence", "start", "end", "expected"),
    [
        ("Europe is behind the U.S.", 0, 6, "[[Europe]] is behind the U.S."),
        ("Europe is behind the U.S.", 21, 25, "Europe is behind the [[U.S.]]"),
    ],
)
def test_mark_mention(sentence, start, end, expected):
    assert mark_mention(sentence, start, end) == expected


def test_mark_mention_refuses_a_span_outside():
    with pytest.raises(ValueError, match="outside the sentence"):
        mark_mention("EU", 1, 5)


def test_sheet_round_trip_hides_the_label(tmp_path):
    scores = _scores({("X", "EU"): 3, ("Y", "US"): 2})
    scores.loc[0, "label"] = "negative"
    sample = coding_sample(scores, n=5, min_per_cell=1)
    path = write_coding_sheet(sample, tmp_path / "sub" / "sheet.csv")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert "label" not in raw.columns and set(raw["code"]) == {""}
    assert raw["sentence"].str.contains(r"\[\[(?:EU|US)\]\]").all()
    back = read_codes(path, sample=sample)
    assert back["code"].isna().all()
    assert back[["doc_id", "sentence", "start", "end", "label"]].values.tolist() == \
        sample[["doc_id", "sentence", "start", "end", "label"]].values.tolist()
    assert back["p_sample"].tolist() == sample["p_sample"].tolist()
    shown = write_coding_sheet(sample, tmp_path / "shown.csv", show_label=True,
                               second_coder=True)
    assert {"label", "code_2"} <= set(pd.read_csv(shown).columns)


def test_sheet_is_never_overwritten_by_default(tmp_path):
    sample = coding_sample(_scores({("X", "EU"): 2}), n=2, min_per_cell=1)
    path = write_coding_sheet(sample, tmp_path / "s.csv")
    with pytest.raises(FileExistsError, match="codes would be lost"):
        write_coding_sheet(sample, path)
    write_coding_sheet(sample, path, overwrite=True)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("-1", "negative"), ("0", "neutral"), ("1", "positive"), ("+1", "positive"),
     (" Negative ", "negative"), ("NEU", "neutral"), ("pos", "positive"), ("1.0", "positive"),
     ("", None)],
)
def test_codes_in_any_spelling(tmp_path, code, expected):
    path = _sheet(tmp_path, f'1,a,X,0,EU,EU,,0.5,The [[EU]] met.,"{code}",,\n')
    got = read_codes(path)["code"].iloc[0]
    assert (pd.isna(got) if expected is None else got == expected)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("1,a,X,0,EU,EU,,0.5,The [[EU]] met.,2,,\n", r"sheet.csv: row 2: unknown code '2'"),
        ("1,a,X,0,EU,EU,,0.5,The [[EU]] met.,0,,\n2,a,X,0,EU,EU,,0.5,The [[EU]] met.,1,,\n",
         r"row 3: duplicates row 2"),
        ("1,a,X,0,EU,EU,,0.5,The EU met.,0,,\n", r"row 2: the sentence must mark the mention"),
        ("1,a,X,0,EU,EU,,0.5,The ]]EU[[ met.,0,,\n", r"row 2: the mention marks are out of order"),
        ("1,a,X,0,EU,EU,,0.5,The [[EU]] met.,0,5,\n", r"row 2: unknown confidence '5'"),
        ("1,a,X,0,EU,EU,,1.5,The [[EU]] met.,0,,\n", r"row 2: p_sample must be in \(0, 1\]"),
        ("1,a,X,x,EU,EU,,0.5,The [[EU]] met.,0,,\n", r"row 2: sent_id and p_sample must be"),
    ],
)
def test_sheet_errors_name_file_row_and_problem(tmp_path, body, message):
    with pytest.raises(ValueError, match=message):
        read_codes(_sheet(tmp_path, body))


def test_sheet_without_a_column(tmp_path):
    path = _sheet(tmp_path, "1,a,X,0,EU,EU,,0.5,The [[EU]] met.,,\n",
                  header="row,doc_id,source,sent_id,target,alias,actor,p_sample,sentence,"
                         "confidence,note")
    with pytest.raises(ValueError, match=r"sheet.csv: the sheet is missing column\(s\) code"):
        read_codes(path)


def test_missing_sheet(tmp_path):
    with pytest.raises(FileNotFoundError, match="no coding sheet"):
        read_codes(tmp_path / "none.csv")


def test_semicolon_export_and_second_coder(tmp_path):
    path = _sheet(tmp_path, "1;a;X;0;EU;EU;;0.5;The [[EU]] met.;-1;3;;0\n",
                  header="row;doc_id;source;sent_id;target;alias;actor;p_sample;sentence;"
                         "code;confidence;note;code_2")
    got = read_codes(path)
    assert got[["code", "code_2", "confidence"]].values.tolist() == [["negative", "neutral", 3]]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.assign(doc_id=t["doc_id"].where(t.index != 1, "zz")),
         r"row 3: \('zz', 0, 'EU'\) is not in the sample"),
        (lambda t: t.assign(sentence=t["sentence"].where(t.index != 0, "A [[EU]] b.")),
         "row 2: the sentence differs"),
        (lambda t: t.assign(p_sample=t["p_sample"].where(t.index != 0, "0.9")),
         "row 2: p_sample 0.9 differs"),
        (lambda t: t.iloc[:2], r"1 sample row\(s\) are missing from the sheet"),
    ],
)
def test_sheet_must_match_its_sample(tmp_path, edit, message):
    sample = coding_sample(_scores({("X", "EU"): 3}), n=3, min_per_cell=1)
    path = write_coding_sheet(sample, tmp_path / "s.csv")
    edit(pd.read_csv(path, dtype=str, keep_default_na=False)).to_csv(path, index=False)
    with pytest.raises(ValueError, match=message):
        read_codes(path, sample=sample)


def test_rounded_p_sample_from_a_spreadsheet_is_accepted(tmp_path):
    sample = coding_sample(_scores({("X", "EU"): 3}), n=1, min_per_cell=1)
    path = write_coding_sheet(sample, tmp_path / "s.csv")
    pd.read_csv(path, dtype=str, keep_default_na=False).assign(p_sample="0.3333").to_csv(
        path, index=False)
    assert read_codes(path, sample=sample)["p_sample"].tolist() == [1 / 3]


# --------------------------------------------------------------------------------------------
# the labeller


def _three_row_sheet(tmp_path):
    scores = _scores({("X", "EU"): 3})
    sample = coding_sample(scores, n=3, min_per_cell=1, seed=0)
    return write_coding_sheet(sample, tmp_path / "s.csv", show_label=True), sample


def test_labeller_writes_through_and_resumes(tmp_path):
    path, sample = _three_row_sheet(tmp_path)
    lab = Labeller(path)
    assert lab.position == 0 and lab.progress == (0, 3)
    lab.code(-1, confidence=2)
    # on disk at once, before anything else happens
    on_disk = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert on_disk[["code", "confidence"]].values.tolist()[0] == ["-1", "2"]
    assert on_disk["code"].tolist()[1:] == ["", ""]
    assert lab.position == 1
    # a new labeller (a restarted kernel) resumes at the first uncoded row
    again = Labeller(path)
    assert again.position == 1 and again.progress == (1, 3)
    again.code("positive")
    assert read_codes(path)["code"].tolist()[:2] == ["negative", "positive"]
    again.code("0", confidence=3)
    assert again.position is None and again.current is None and again.progress == (3, 3)
    with pytest.raises(IndexError, match="every mention is coded"):
        again.code(0)
    # nothing else in the sheet changed
    assert read_codes(path, sample=sample)["sentence"].tolist() == sample["sentence"].tolist()


def test_labeller_skip_comes_back_last(tmp_path):
    path, _ = _three_row_sheet(tmp_path)
    lab = Labeller(path)
    lab.skip()
    assert lab.position == 1
    assert pd.read_csv(path, keep_default_na=False)["note"].tolist()[0] == "skipped"
    assert Labeller(path).position == 1  # resume passes the skipped row
    lab.code(0)
    lab.code(1)
    assert lab.position == 0  # then the skipped one
    lab.code(-1)
    assert lab.progress == (3, 3)
    assert pd.read_csv(path, keep_default_na=False)["note"].tolist()[0] == ""


def test_labeller_second_coder_and_bad_input(tmp_path):
    path, _ = _three_row_sheet(tmp_path)
    lab = Labeller(path, column="code_2")
    lab.code(1, confidence=1)
    got = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert got["code_2"].tolist() == ["1", "", ""] and got["confidence_2"].tolist()[0] == "1"
    assert set(got["code"]) == {""}
    with pytest.raises(ValueError, match="unknown code 'maybe'"):
        lab.code("maybe")
    with pytest.raises(ValueError, match="cannot be blank"):
        lab.code("")
    with pytest.raises(ValueError, match="column must be"):
        Labeller(path, column="label")


def test_labeller_refuses_a_broken_sheet(tmp_path):
    path = _sheet(tmp_path, "1,a,X,0,EU,EU,,0.5,The [[EU]] met.,7,,\n")
    with pytest.raises(ValueError, match="row 2: unknown code '7'"):
        Labeller(path)


def test_labeller_widget_buttons_code_the_sheet(tmp_path):
    pytest.importorskip("ipywidgets")
    path, _ = _three_row_sheet(tmp_path)
    lab = Labeller(path, show_label=True)
    assert "<mark><b>EU</b></mark>" in lab.html() and "model: neutral" in lab.html()
    panel = lab.widget()
    text, buttons, confidence, (bar, count) = (panel.children[0], panel.children[1].children,
                                              panel.children[2], panel.children[3].children)
    assert [b.description for b in buttons] == ["negative (-1)", "neutral (0)", "positive (+1)",
                                                "skip (later)"]
    confidence.value = 2
    buttons[2].click()
    assert read_codes(path)[["code", "confidence"]].values.tolist()[0] == ["positive", 2]
    assert bar.value == 1 and count.value == "1 / 3 coded" and confidence.value == 3
    buttons[3].click()
    buttons[0].click()
    buttons[1].click()
    buttons[0].click()
    assert read_codes(path)["code"].tolist() == ["positive", "neutral", "negative"]
    assert "All mentions are coded" in text.value and all(b.disabled for b in buttons)


# --------------------------------------------------------------------------------------------
# agreement


def _pairs(counts: dict[tuple[str, str], int]) -> pd.DataFrame:
    ref, pred = [], []
    for (r, p), k in counts.items():
        ref += [r] * k
        pred += [p] * k
    return pd.DataFrame({"code": ref, "label": pred})


def _stat(table, name, column="value"):
    return float(table.set_index("statistic").at[name, column])


def test_kappa_textbook_example():
    # Wikipedia's Cohen's kappa example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> 0.4
    codes = _pairs({("positive", "positive"): 20, ("positive", "negative"): 5,
                    ("negative", "positive"): 10, ("negative", "negative"): 15})
    t = agreement(codes, n_boot=200)
    assert _stat(t, "accuracy") == pytest.approx(0.7)
    assert _stat(t, "kappa") == pytest.approx(0.4)


def test_alpha_textbook_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", binary data, two
    # observers, ten units: alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    names = {0: "neutral", 1: "positive"}
    codes = pd.DataFrame({"code": [names[x] for x in a], "label": [names[x] for x in b]})
    assert _stat(agreement(codes, n_boot=100), "alpha") == pytest.approx(1 - 76 / 84)


def test_kappa_matches_scikit_learn_on_three_classes():
    from sklearn.metrics import cohen_kappa_score, f1_score

    rng = np.random.default_rng(0)
    classes = np.array(["negative", "neutral", "positive"])
    ref = classes[rng.integers(0, 3, 60)]
    pred = np.where(rng.random(60) < 0.6, ref, classes[rng.integers(0, 3, 60)])
    t = agreement(pd.DataFrame({"code": ref, "label": pred}), n_boot=100)
    assert _stat(t, "kappa") == pytest.approx(cohen_kappa_score(ref, pred))
    assert _stat(t, "macro_f1") == pytest.approx(f1_score(ref, pred, average="macro"))


def test_per_class_statistics_by_hand():
    # coder:   neg neg neg neu neu pos ; model: neg neg neu neu pos pos
    codes = pd.DataFrame({"code": ["negative"] * 3 + ["neutral"] * 2 + ["positive"],
                          "label": ["negative", "negative", "neutral", "neutral", "positive",
                                    "positive"]})
    t = agreement(codes, n_boot=100)
    expected = {"accuracy": 4 / 6, "precision_negative": 1.0, "recall_negative": 2 / 3,
                "f1_negative": 0.8, "precision_neutral": 0.5, "recall_neutral": 0.5,
                "f1_neutral": 0.5, "precision_positive": 0.5, "recall_positive": 1.0,
                "f1_positive": 2 / 3, "macro_f1": (0.8 + 0.5 + 2 / 3) / 3}
    for name, value in expected.items():
        assert _stat(t, name) == pytest.approx(value), name
    assert list(t.columns) == AGREEMENT_COLUMNS
    assert (t["n"] == 6).all()
    assert ((t["ci_low"] <= t["value"] + 1e-12) & (t["value"] <= t["ci_high"] + 1e-12)).all()
    pd.testing.assert_frame_equal(t, agreement(codes, n_boot=100))


def test_undefined_statistics_are_nan_with_a_reason():
    codes = pd.DataFrame({"code": ["neutral"] * 3, "label": ["neutral", "neutral", "negative"]})
    t = agreement(codes, n_boot=50).set_index("statistic")
    assert np.isnan(t.at["recall_negative", "value"])
    assert t.at["recall_negative", "reason"] == "never coded negative"
    assert t.at["f1_positive", "reason"] == "positive neither coded nor predicted"
    assert t.at["precision_positive", "reason"] == "never predicted positive"
    # positive occurs on neither side: left out of macro-F1, which averages neg (0) and neu
    assert t.at["macro_f1", "value"] == pytest.approx((0 + 0.8) / 2)
    same = pd.DataFrame({"code": ["neutral"] * 3, "label": ["neutral"] * 3})
    k = agreement(same, n_boot=50).set_index("statistic")
    assert np.isnan(k.at["kappa", "value"]) and "chance agreement is 1" in k.at["kappa", "reason"]
    assert np.isnan(k.at["alpha", "value"]) and "only one class" in k.at["alpha", "reason"]


def test_agreement_by_group_and_coder_vs_coder():
    codes = pd.DataFrame({
        "source": ["X", "X", "Y", "Y"],
        "code": ["negative", "neutral", "positive", "neutral"],
        "label": ["negative", "negative", "positive", "neutral"],
        "code_2": ["negative", "neutral", None, "positive"],
        "confidence": [3, 1, 2, 3],
    })
    t = agreement(codes, by="source", n_boot=50)
    acc = t[t["statistic"] == "accuracy"].set_index(["source", "comparison"])
    assert acc.loc[("X", "model vs coder"), "value"] == 0.5
    assert acc.loc[("Y", "model vs coder"), "value"] == 1.0
    assert acc.loc[("X", "coder 2 vs coder"), "value"] == 1.0
    assert acc.loc[("Y", "coder 2 vs coder"), "n"] == 1  # rows both coders coded
    strict = agreement(codes, exclude_borderline=True, n_boot=50)
    assert _stat(strict[strict["comparison"] == "model vs coder"], "accuracy") == 1.0


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (pd.DataFrame({"code": ["neutral"]}), "nothing to compare"),
        (pd.DataFrame({"code": ["good"], "label": ["neutral"]}), "holds 'good'"),
        (pd.DataFrame({"label": ["neutral"]}), r"codes table is missing column\(s\) code"),
    ],
)
def test_agreement_errors(codes, message):
    with pytest.raises(ValueError, match=message):
        agreement(codes)


def test_confusion_matrix_counts():
    codes = pd.DataFrame({"code": ["negative", "negative", "positive", None],
                          "label": ["neutral", "negative", "neutral", "neutral"]})
    t = confusion_matrix(codes)
    assert len(t) == 9 and t["count"].sum() == 3
    nonzero = t[t["count"] > 0][["reference", "predicted", "count"]].values.tolist()
    assert nonzero == [["negative", "negative", 1], ["negative", "neutral", 1],
                       ["positive", "neutral", 1]]


# --------------------------------------------------------------------------------------------
# corrected_by_source (DSL)


def _six():
    """Six mentions in six articles of one cell; three drawn with p = 0.5 and coded."""
    scores = pd.DataFrame({"doc_id": list("abcdef"), "source": ["X"] * 6, "sent_id": [0] * 6,
                           "target": ["EU"] * 6,
                           "label": ["neutral", "neutral", "negative", "positive", "neutral",
                                     "neutral"]})
    codes = pd.DataFrame({"doc_id": list("ace"), "source": ["X"] * 3, "sent_id": [0] * 3,
                          "target": ["EU"] * 3, "p_sample": [0.5] * 3,
                          "code": ["negative", "negative", "neutral"]})
    return scores, codes


def test_dsl_on_six_rows_by_hand():
    scores, codes = _six()
    t = corrected_by_source(scores, codes)
    assert list(t.columns) == CORRECTED_COLUMNS
    row = t.iloc[0]
    # model values 0 0 -1 1 0 0; pseudo-outcomes a: 0 + 2(-1 - 0) = -2, c: -1 + 2(0) = -1,
    # e: 0 + 2(0 - 0) = 0, others their model value: sum -2 -> mean -1/3
    assert row["raw_mean"] == pytest.approx(0.0)
    assert row["mean"] == pytest.approx(-1 / 3)
    # negative: a 0 + 2(1 - 0) = 2, c 1 + 2(1 - 1) = 1 -> 3/6; positive: only d -> 1/6
    # neutral: a 1 + 2(0 - 1) = -1, b 1, e 1 + 2(1 - 1) = 1, f 1 -> 2/6
    assert (row["share_negative"], row["share_neutral"], row["share_positive"]) == \
        pytest.approx((0.5, 1 / 3, 1 / 6))
    assert (row["n_sentences"], row["n_docs"], row["n_coded"]) == (6, 6, 3)
    # the interval is the policy's, with articles as units
    r = ratio_interval([-2, 0, -1, 1, 0, 0], [1] * 6, skew_correction=False)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((r.ci_low, r.ci_high))
    hall = corrected_by_source(scores, codes, skew_correction=True).iloc[0]
    r = ratio_interval([-2, 0, -1, 1, 0, 0], [1] * 6, skew_correction=True)
    assert (hall["ci_low"], hall["ci_high"]) == pytest.approx((r.ci_low, r.ci_high))
    assert hall["ci_low"] != pytest.approx(row["ci_low"])
    r = ratio_interval([0, 0, -1, 1, 0, 0], [1] * 6)
    assert (row["raw_ci_low"], row["raw_ci_high"]) == pytest.approx((r.ci_low, r.ci_high))
    r = ratio_interval([2, 0, 1, 0, 0, 0], [1] * 6, skew_correction=False)
    assert (row["share_negative_ci_low"], row["share_negative_ci_high"]) == \
        pytest.approx((r.ci_low, r.ci_high))
    assert row["reason"] == ""


def test_dsl_is_exactly_unbiased_over_every_possible_sample():
    # four mentions, the scorer wrong on two; every sample of two (p = 0.5) coded
    scores = pd.DataFrame({"doc_id": list("abcd"), "source": ["X"] * 4, "sent_id": [0] * 4,
                           "target": ["EU"] * 4,
                           "label": ["neutral", "neutral", "positive", "negative"]})
    truth = ["negative", "neutral", "negative", "negative"]
    means = []
    for pair in itertools.combinations(range(4), 2):
        codes = scores.iloc[list(pair)].assign(p_sample=0.5,
                                               code=[truth[i] for i in pair])
        means.append(corrected_by_source(scores, codes, min_units=2)["mean"].iloc[0])
    assert np.mean(means) == pytest.approx(-3 / 4)  # the coded truth's mean
    assert corrected_by_source(scores, codes, min_units=2)["raw_mean"].iloc[0] == 0.0


def test_dsl_partial_coding_uses_the_coded_fraction():
    # four drawn with p = 2/3 (of six), two coded: each coded row stands for 1 / (1/3) = 3
    scores, _ = _six()
    codes = pd.DataFrame({"doc_id": list("abcd"), "source": ["X"] * 4, "sent_id": [0] * 4,
                          "target": ["EU"] * 4, "p_sample": [2 / 3] * 4,
                          "code": ["negative", None, None, "positive"]})
    row = corrected_by_source(scores, codes).iloc[0]
    # a: 0 + 3(-1 - 0) = -3, d: 1 + 3(1 - 1) = 1, others 0 0 -1 0 (c uncoded) -> -3/6
    assert row["mean"] == pytest.approx(-0.5) and row["n_coded"] == 2


def test_dsl_cells_without_codes_or_mentions():
    scores, codes = _six()
    scores = pd.concat([scores, scores.assign(source="Y", doc_id=list("uvwxyz"))],
                       ignore_index=True)
    t = corrected_by_source(scores, codes, targets=["EU", "US"]).set_index(["source", "target"])
    assert np.isnan(t.loc[("Y", "EU"), "mean"]) and t.loc[("Y", "EU"), "raw_mean"] == 0.0
    assert t.loc[("Y", "EU"), "reason"] == "no coded mention: no corrected estimate"
    assert t.loc[("X", "US"), "n_sentences"] == 0 and t.loc[("X", "US"), "reason"] == "no mentions"
    few = corrected_by_source(scores.iloc[:2], codes.iloc[:1])
    assert few["reason"].iloc[0] == "2 articles: no interval" and np.isnan(few["ci_low"].iloc[0])


@pytest.mark.parametrize(
    ("edit_scores", "edit_codes", "message"),
    [
        (None, lambda c: c.assign(doc_id=["a", "c", "zz"]), r"1 coded row\(s\) are not among"),
        (None, lambda c: c.assign(source="Z"), "has source 'Z' in the codes but 'X'"),
        (lambda s: s.assign(label="good"), None, "holds 'good'"),
        (lambda s: pd.concat([s, s.iloc[:1]]), None, r"repeated \(doc_id, sent_id, target\)"),
        (None, lambda c: c.drop(columns="p_sample"), r"codes table is missing.* p_sample"),
    ],
)
def test_dsl_errors(edit_scores, edit_codes, message):
    scores, codes = _six()
    scores = edit_scores(scores) if edit_scores else scores
    codes = edit_codes(codes) if edit_codes else codes
    with pytest.raises(ValueError, match=message):
        corrected_by_source(scores, codes)


def test_dsl_works_for_any_scorer_column():
    scores, codes = _six()
    scores["mine"] = "negative"
    t = corrected_by_source(scores, codes, label_column="mine").iloc[0]
    assert t["raw_mean"] == -1.0
    # pseudo: a -1 + 2(-1 + 1) = -1, c -1, e -1 + 2(0 + 1) = 1, b d f -1 -> -4/6
    assert t["mean"] == pytest.approx(-4 / 6)


# --------------------------------------------------------------------------------------------
# the seeds' codes


@pytest.fixture(scope="module")
def seed_scores():
    from analysis.clean import clean_corpus
    from analysis.corpus import load_corpus
    from analysis.sentiment import target_sentiment

    return target_sentiment(clean_corpus(load_corpus(SEEDS_DIR)))


def test_seed_codes_match_their_sample(seed_scores):
    sample = coding_sample(seed_scores, n=72, min_per_cell=8, seed=0)
    codes = read_codes(SEEDS_DIR / "codes.csv", sample=sample)
    cells = seed_scores.groupby(["source", "target"]).size()
    coded = codes.groupby(["source", "target"])["code"].count()
    assert coded.index.equals(cells.index)  # every outlet x target cell coded
    assert codes["code"].notna().all() and codes["confidence"].notna().all()
    assert 0.3 <= len(codes) / len(seed_scores) <= 0.4  # about a third
    t = corrected_by_source(seed_scores, codes)
    expected = coded.reindex(pd.MultiIndex.from_frame(t[["source", "target"]]), fill_value=0)
    assert t["n_coded"].tolist() == expected.tolist()
    assert t.loc[t["n_sentences"] == 0, "reason"].eq("no mentions").all()  # 1news.az x EU


# --------------------------------------------------------------------------------------------
# train_model on a coding sheet


def test_train_model_on_a_sheet_alone_and_with_jsonl(tmp_path):
    from analysis.paths import ROOT
    from analysis.sentiment import train_model
    from analysis.sentiment.model import _training_rows

    body = "".join(f"{i},a,X,{i},EU,EU,,1.0,{s},{c},,\n" for i, (s, c) in enumerate(
        [("The [[EU]] failed badly.", -1), ("The [[EU]] helped a lot.", 1),
         ("The [[EU]] met today.", 0), ("The [[EU]] was praised.", "")] * 2))
    sheet = _sheet(tmp_path, body)
    rows, weights = _training_rows(sheet, 3)
    assert len(rows) == 6 and set(weights) == {3}  # the blank codes are not training rows
    assert rows["label"].tolist()[:3] == ["negative", "positive", "neutral"]
    model = train_model(sheet, min_df=1)
    pred = model.predict(pd.DataFrame({"sentence": ["The EU failed badly."], "start": [4],
                                       "end": [6]}))
    assert pred.tolist() == ["negative"]
    tiny = ROOT / "tests" / "data" / "newsmtsc_tiny.jsonl"
    rows, weights = _training_rows([tiny, sheet], 5)
    assert (weights == 5).sum() == 6 and (weights == 1).sum() == len(rows) - 6
    assert sorted(train_model([tiny, sheet], min_df=1).classes_) == ["negative", "neutral",
                                                                       "positive"]
    with pytest.raises(ValueError, match="in_domain_weight must be"):
        train_model(sheet, in_domain_weight=0.5)


def test_held_out_labels_never_see_their_article():
    from analysis.validation import held_out_labels

    # each article is labelled by a model trained on the other two (c adds a word of its own)
    codes = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", None],
                          "sentence": ["The EU failed.", "The EU helped.", "The EU failed.",
                                       "The EU helped.", "The EU zorked.", "The EU met."],
                          "start": [4] * 6, "end": [6] * 6,
                          "code": ["negative", "positive", "negative", "positive", "negative",
                                   None],
                          "label": ["neutral"] * 6})
    out = held_out_labels(codes.iloc[:5], min_df=1, svm_weight=0)
    assert out["label"].tolist()[:4] == ["negative", "positive", "negative", "positive"]
    assert len(held_out_labels(codes.assign(doc_id=list("aabbcc")), min_df=1)) == 5  # coded only
    with pytest.raises(ValueError, match="at least two doc_id groups"):
        held_out_labels(codes.assign(doc_id="a"))
    with pytest.warns(UserWarning, match="no row is coded yet"):
        assert held_out_labels(codes.assign(code=None)).empty
    with pytest.raises(ValueError, match="leaves one class"):
        held_out_labels(codes.iloc[:3].assign(doc_id=["a", "b", "b"]), min_df=1)
