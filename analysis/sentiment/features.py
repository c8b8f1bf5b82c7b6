"""Features of the learned model, taken relative to the mention."""

from __future__ import annotations

import math
import re

from analysis.sentiment.lexicon import vader_analyzer
from analysis.sentiment.parsing import STRIP, parse, parse_many, token_range
from analysis.sentiment.scoped import score_mentions

__all__ = ["context_docs", "dense_features", "dense_features_rows", "DENSE_NAMES",
           "distance_features", "FEATURE_TOKEN", "placeholder_doc", "polarity_doc"]

FEATURE_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|[!?]")


def context_docs(sentence: str, start: int, end: int, window: int) -> tuple[str, str]:
    """The sentence's words with the mention as ``TARGET``, and the ``window`` words on each
    side marked by side (``L_word``, ``R_word``)."""
    left = FEATURE_TOKEN.findall(sentence[:start].lower())
    right = FEATURE_TOKEN.findall(sentence[end:].lower())
    whole = " ".join(left + ["TARGET"] + right)
    near = " ".join([f"L_{w}" for w in left[-window:]] + [f"R_{w}" for w in right[:window]])
    return whole, near


def distance_features(sentence: str, start: int, end: int, tau: float) -> dict:
    """Words weighted by their distance from the mention, and the words that border it.

    Each word gets ``exp(-d / tau)`` (``d`` in words, 0 for a neighbour), once unsided
    (``D_word``) and once with its side (``DL_word``, ``DR_word``), keeping the nearest
    occurrence; plus the bigrams and trigrams that contain the mention (``B_the_T``,
    ``B_T_said``) and the words of the mention's own clause (``C_word``, clauses as in the
    ``"vader"`` method).
    """
    left = FEATURE_TOKEN.findall(sentence[:start].lower())
    right = FEATURE_TOKEN.findall(sentence[end:].lower())
    f: dict[str, float] = {}
    for side, seq in (("DL_", left[::-1]), ("DR_", right)):
        for d, w in enumerate(seq):
            weight = math.exp(-d / tau)
            for key in (side + w, "D_" + w):
                if f.get(key, 0.0) < weight:
                    f[key] = weight
    l1, l2 = (left[-1:] or ["<s>"])[0], (left[-2:-1] or ["<s>"])[0]
    r1, r2 = (right[:1] or ["</s>"])[0], (right[1:2] or ["</s>"])[0]
    for key in (f"B_{l1}_T", f"B_{l2}_{l1}_T", f"B_T_{r1}", f"B_T_{r1}_{r2}"):
        f[key] = 1.0
    p = parse(sentence)
    target = token_range(p, start, end)
    if target:
        own = p.clause[target[0]]
        for i, w in enumerate(p.lower):
            if p.clause[i] == own and not target[0] <= i <= target[-1]:
                f["C_" + w.strip("\"'“”‘’.,;:!?()")] = 1.0
    return f



# Scoped VADER settings whose scores (and positive and negative parts) are model features;
# written out, not taken from classify_mention's defaults, so a saved model keeps its meaning
# (the options a setting leaves out have the values of _SCOPED_BASE: their rules are off).
_SCOPED_BASE = dict(mask_names=True, alpha=15.0, news_lexicon=True, pos_weight=1.0, speech=1.0,
                    setting=1.0, headline=1.01, against=0.0, victim=1.0)
_SCOPED_FEATURES = (
    ("scoped", dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=0.4)),
    ("clause_only", dict(window=3, decay=0.97, other_clause=0.0, speech=0.0, pos_weight=0.4)),
    ("symmetric", dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=1.0)),
    ("near", dict(window=0, decay=0.7, other_clause=0.2, speech=0.0, pos_weight=0.4)),
    ("unscoped", dict(window=3, decay=1.0, other_clause=1.0, speech=1.0, pos_weight=1.0)),
    ("default", dict(window=3, decay=0.97, other_clause=0.2, speech=0.0, pos_weight=0.4,
                     setting=0.0, headline=0.75, against=-1.0)),
)
DENSE_NAMES = [f"vader_{name}{part}" for name, _ in _SCOPED_FEATURES
                for part in ("", "_pos", "_neg")] + \
    ["vader_compound", "vader_pos", "vader_neg", "position", "length", "setting", "headline"]



def dense_features(sentence: str, start: int, end: int) -> list[float]:
    """The columns :data:`DENSE_NAMES` of one mention (:func:`dense_features_rows`)."""
    return dense_features_rows([(sentence, start, end)])[0]


def dense_features_rows(rows, *, batch: int = 5_000) -> list[list[float]]:
    """The columns :data:`DENSE_NAMES` of each mention ``(sentence, start, end)`` of ``rows``.

    The scores of ``_SCOPED_FEATURES`` by the scorer of method ``"vader"``
    (:func:`analysis.sentiment.scoped.score_mentions`, all rows at once), each with its positive
    and negative parts, whole-sentence VADER, the mention's position, the sentence's length, and
    whether the mention is a setting and the sentence a Title Case headline. The sentences are
    parsed ``batch`` rows at a time (:func:`analysis.sentiment.parsing.parse_many`).

    Examples
    --------
    >>> [round(x, 2) for x in dense_features_rows([("The EU is not helpful.", 4, 6)])[0][:3]]
    [-0.33, 0, -0.33]
    """
    rows = list(rows)
    if not rows:
        return []
    sentences = [s for s, _, _ in rows]
    starts, ends = [a for _, a, _ in rows], [b for _, _, b in rows]
    spans = [[(a, b)] for a, b in zip(starts, ends)]
    columns, setting = [], None
    for _, options in _SCOPED_FEATURES:
        out = score_mentions(sentences, spans, list(range(len(rows))), starts, ends,
                             {**_SCOPED_BASE, **options})
        setting = out.setting
        columns += [out.score.tolist(),
                    [sum(c for _, c in words if c > 0) for words in out.words],
                    [sum(c for _, c in words if c < 0) for words in out.words]]
    # a sentence's mentions share its whole-sentence VADER: scored once per sentence
    analyzer = vader_analyzer(True)
    whole = {s: analyzer.polarity_scores(s) for s in dict.fromkeys(sentences)}
    out = []
    for lo in range(0, len(rows), batch):
        parsed = parse_many(sentences[lo:lo + batch])
        for k, p in enumerate(parsed, start=lo):
            sentence, start, _ = rows[k]
            vader = whole[sentence]
            out.append([column[k] for column in columns] + [
                vader["compound"], vader["pos"], vader["neg"], start / max(len(sentence), 1),
                min(len(sentence), 400) / 400, float(setting[k]),
                float(p.capitalised >= 0.75)])
    return out


def placeholder_doc(sentence: str, start: int, end: int) -> str:
    """The sentence as lower-cased words with the mention as ``TARGET`` and every other run of
    capitalised words (past the first word) as ``ENT``: "TARGET met ENT in ENT today"."""
    p = parse(sentence)
    target = token_range(p, start, end)
    out: list[str] = []
    for i, (a, b) in enumerate(p.spans):
        if target and target[0] <= i <= target[-1]:
            if i == target[0]:
                out.append("TARGET")
            continue
        word = sentence[a:b].strip(STRIP)
        if i > 0 and word[:1].isupper():
            if out[-1:] != ["ENT"]:
                out.append("ENT")
        else:
            out.append(word.lower())
    return " ".join(out)


def polarity_doc(doc: str, *, window: int = 4) -> str:
    """A placeholder document (:func:`placeholder_doc`) cut to ``window`` words on each side of
    ``TARGET``, with each word of the VADER + news lexicon as ``POS`` or ``NEG`` by the sign of
    its valence: "ENT NEG TARGET of NEG", so the n-grams learn where sentiment stands relative
    to the target whatever the word. Without ``TARGET`` the whole document is kept."""
    lexicon = vader_analyzer(True).lexicon
    words = ["POS" if lexicon.get(w, 0.0) > 0 else "NEG" if lexicon.get(w, 0.0) < 0 else w
             for w in doc.split()]
    if "TARGET" in words:
        i = words.index("TARGET")
        words = words[max(0, i - window):i + window + 1]
    return " ".join(words)
