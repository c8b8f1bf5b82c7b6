"""Targets (the EU, the US, Armenia, ...) and every sentence that mentions them.

Targets are data: :func:`alias_table` reads ``analysis/data/aliases.csv`` (one row per alias:
``target, alias, pattern, kind, actor``) and appends whatever the user adds, e.g.
``alias_table({"Russia": ["Russia", "Moscow", "Kremlin", ("Putin", "Putin")]})``. A plain string
is matched literally; a ``(alias, actor)`` pair records an office holder as the ``actor``.

Matching is case-sensitive (the country "US" is never the pronoun "us"), tolerates dash
compounds ("U.S.-Azerbaijan", "Azerbaijan–United States"), prefers the longest alias at a
position ("European Union" over "European") and applies one rule per ``kind``:

``continent``
    "Europe" / "America" are dropped when used geographically: paired with another region
    ("between Europe and Asia"), after "across", "Eastern", "Latin", ... ("Latin America").
``adjective``
    "American", "European", "Armenian" are dropped before a word that names a person's trade
    or origin rather than the state ("American journalist", "European-born").
``continent`` and ``adjective`` ("Europe", "European")
    are also dropped in bodies that are not the EU: "Council of Europe", "European Court of
    Human Rights", "Organization for Security and Co-operation in Europe".
``capital``
    "Washington", "Brussels", "Yerevan" are kept but flagged ``venue=True`` when they only
    name where something happens ("talks in Brussels", "a visit to Yerevan"); "Washington Post"
    and "George Washington" are dropped.

:func:`alias_audit` lists what each alias matched, kept or dropped and why, so a reader can
check the rules on their own corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis import paths
from analysis.tokens import sentences

__all__ = ["ALIAS_COLUMNS", "MENTION_COLUMNS", "alias_audit", "alias_table", "find_mentions",
           "mentions"]

ALIAS_COLUMNS = ["target", "alias", "pattern", "kind", "actor"]
MENTION_COLUMNS = ["doc_id", "source", "sent_id", "sentence", "target", "alias", "actor", "start",
                   "end", "matched", "kind", "venue"]
ALIASES_CSV = paths.ROOT / "analysis" / "data" / "aliases.csv"

# Words after a nationality adjective that describe a person or thing, not the state.
_NOT_STATE = frozenset(
    """journalist journalists analyst analysts expert experts scholar scholars writer writers
    author authors historian historians blogger bloggers commentator commentators professor
    professors economist economists researcher researchers scientist scientists academic
    academics columnist columnists reporter reporters citizen citizens actor actress singer
    artist artists musician poet novelist tourist tourists student students businessman
    businessmen investor investors cuisine music film films football league continent
    descent origin born heritage style""".split()
)
_REGIONS = r"(?:Asia|Africa|Europe|America|Americas|Eurasia|the Middle East|the Caucasus|" \
           r"the South Caucasus|Central Asia|the Caspian|Russia|China|Turkey|Türkiye|Iran)"
_GEO_BEFORE = re.compile(r"(?:\b(?:across|throughout|Eastern|Western|Central|Southern|Northern|"
                         r"Southeastern|continental|Latin|South|North|Middle|Old|mainland)"
                         r"|(?:between|from|and|to) " + _REGIONS + r" (?:and|to))\s*$",
                         re.IGNORECASE)
_GEO_AFTER = re.compile(r"^\s*(?:and|to|or)\s+" + _REGIONS + r"\b")
_VENUE_BEFORE = re.compile(r"\b(?:in|at|visit(?:ed|ing|s)? to|visit(?:ed|ing|s)?|trip to|"
                           r"travel(?:l?ed|l?ing)? to|arriv(?:ed|es|ing) in|hosted in|"
                           r"held in|based in|summit in)\s*$")
_CAPITAL_NOT_STATE = re.compile(r"^\s*(?:Post|Times|Examiner|Institute|State|Dulles|D\.C\. "
                                r"(?:based|think)|University|Redskins|Commanders|Wizards)\b")
_CAPITAL_NOT_STATE_BEFORE = re.compile(r"\b(?:George|Denzel|Mount|Lake|Fort)\s*$")
# Bodies named after Europe that are not the EU (the Council of Europe, the OSCE, its court).
_OTHER_BODY_BEFORE = re.compile(r"(?:Council of|Co-?operation in|Parliamentary Assembly of "
                                r"the Council of)\s*$")
_OTHER_BODY_AFTER = re.compile(r"^\s*(?:Court of Human Rights|Convention on Human Rights|"
                               r"Broadcasting Union|Championships?|Games|Cup)\b")
_BOUNDARY_L = r"(?<![\w.])"
_BOUNDARY_R = r"(?![\w])"


def alias_table(extra: dict | None = None, *, replace: bool = False) -> pd.DataFrame:
    """Return the alias table, optionally extended with ``extra`` targets.

    Parameters
    ----------
    extra : dict, optional
        ``{target: [alias, ...]}``. An alias is a string matched literally (with an optional
        possessive "'s"), or an ``(alias, actor)`` pair for an office holder.
    replace : bool, default False
        Use only ``extra`` and drop the default EU / US / Armenia rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``target, alias, pattern, kind, actor`` (``actor`` empty unless an office
        holder; ``kind`` ``"name"`` for user aliases).

    Examples
    --------
    >>> t = alias_table({"Russia": ["Russia", "Kremlin", ("Putin", "Putin")]})
    >>> t[t.target == "Russia"][["alias", "actor"]].values.tolist()
    [['Russia', ''], ['Kremlin', ''], ['Putin', 'Putin']]
    >>> sorted(alias_table().target.unique())
    ['Armenia', 'EU', 'US']
    """
    base = pd.DataFrame(columns=ALIAS_COLUMNS) if replace else _default_aliases()
    rows = []
    for target, aliases in (extra or {}).items():
        for item in aliases:
            alias, actor = (item, "") if isinstance(item, str) else tuple(item)
            kind = "office_holder" if actor else "name"
            rows.append((target, alias, re.escape(alias), kind, actor))
    table = pd.concat([base, pd.DataFrame(rows, columns=ALIAS_COLUMNS)], ignore_index=True)
    return table.fillna("").astype(str)


@lru_cache(maxsize=1)
def _default_aliases() -> pd.DataFrame:
    return pd.read_csv(ALIASES_CSV, dtype=str, keep_default_na=False)[ALIAS_COLUMNS]


def _compile(aliases: pd.DataFrame) -> tuple[re.Pattern, list[tuple[str, str, str, str]]]:
    """One alternation, longest alias first, each alternative a numbered group."""
    rows = list(aliases[["target", "alias", "kind", "actor"]].itertuples(index=False, name=None))
    order = sorted(range(len(rows)), key=lambda i: -len(aliases["alias"].iloc[i]))
    parts = [f"(?P<a{i}>{aliases['pattern'].iloc[i]})" for i in order]
    body = "|".join(parts)
    return re.compile(f"{_BOUNDARY_L}(?:{body})(?:['’]s)?{_BOUNDARY_R}"), rows


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _judge(kind: str, alias: str, before: str, after: str, shouted: bool) -> str:
    """Return ``"kept"``, ``"venue"`` or ``"dropped: <reason>"`` for one match in context."""
    if shouted and kind == "abbreviation" and alias == "US":
        return "dropped: all-caps line (US may be the pronoun)"
    if kind in ("continent", "adjective") and alias.startswith("Europe") and (
            _OTHER_BODY_BEFORE.search(before) or _OTHER_BODY_AFTER.match(after)):
        return "dropped: not an EU body"
    if kind == "continent":
        if _GEO_BEFORE.search(before) or _GEO_AFTER.match(after) or \
                re.match(r"^\s*(?:s\b|continent)", after):
            return "dropped: geographic"
    if kind == "adjective":
        nxt = re.match(r"^[\s-]*([A-Za-z]+)", after)
        if nxt and nxt.group(1).lower() in _NOT_STATE:
            return f"dropped: nationality ({nxt.group(1)})"
        if _GEO_BEFORE.search(before):
            return "dropped: geographic"
    if kind == "capital":
        if _CAPITAL_NOT_STATE.match(after) or _CAPITAL_NOT_STATE_BEFORE.search(before):
            return "dropped: other entity"
        if _VENUE_BEFORE.search(before):
            return "venue"
    return "kept"


def find_mentions(sentence: str, *, aliases: pd.DataFrame | None = None,
                  keep_dropped: bool = False) -> list[dict]:
    """Find target mentions in one sentence.

    Parameters
    ----------
    sentence : str
        One sentence.
    aliases : pandas.DataFrame, optional
        From :func:`alias_table`; the default table when omitted.
    keep_dropped : bool, default False
        Also return matches the disambiguation rules reject (``status`` says why).

    Returns
    -------
    list of dict
        One dict per match in text order: ``target, alias, actor, start, end`` (character
        offsets, end exclusive), ``matched`` (the surface text), ``kind``, ``venue`` and
        ``status`` (``"kept"``, ``"venue"`` or ``"dropped: <reason>"``).

    Examples
    --------
    >>> [(m["target"], m["matched"]) for m in find_mentions("Let us see: U.S.-Azerbaijan ties.")]
    [('US', 'U.S.')]
    >>> find_mentions("A bridge between Europe and Asia.")
    []
    """
    pattern, rows = _compile_cached(aliases)
    shouted = _shouted(sentence)
    out = []
    for m in pattern.finditer(sentence):
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        target, alias, kind, actor = rows[i]
        start, end = m.start(), m.start(f"a{i}") + len(m.group(f"a{i}"))
        before, after = sentence[max(0, start - 60):start], sentence[end:end + 60]
        status = _judge(kind, sentence[start:end], before, after, shouted)
        if status.startswith("dropped") and not keep_dropped:
            continue
        out.append({"target": target, "alias": alias, "actor": actor, "start": start,
                    "end": end, "matched": sentence[start:end], "kind": kind,
                    "venue": status == "venue", "status": status})
    return out


_CACHE: dict[int, tuple] = {}


def _compile_cached(aliases):
    if aliases is None:
        aliases = _default_aliases()
    key = id(aliases)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not aliases:
        _CACHE.clear()
        hit = (aliases, _compile(aliases))
        _CACHE[key] = hit
    return hit[1]


def _scan(corpus, aliases, text_column, keep_dropped):
    sents = sentences(corpus, text_column=text_column)
    rows = []
    for doc_id, source, sent_id, sentence in zip(sents["doc_id"], sents["source"],
                                                 sents["sent_id"], sents["sentence"]):
        for m in find_mentions(sentence, aliases=aliases, keep_dropped=keep_dropped):
            rows.append({"doc_id": doc_id, "source": source, "sent_id": sent_id,
                         "sentence": sentence, **m})
    return pd.DataFrame(rows, columns=MENTION_COLUMNS + ["status"])


def mentions(corpus: pd.DataFrame, *, aliases: pd.DataFrame | None = None,
             text_column: str = "text") -> pd.DataFrame:
    """Return one row per target mention in every sentence of ``corpus``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, ``source`` and ``text_column``.
    aliases : pandas.DataFrame, optional
        From :func:`alias_table`; the default EU / US / Armenia table when omitted.
    text_column : str, default "text"
        Column with the article body (``clean_corpus`` adds ``text``).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, sent_id, sentence, target, alias, actor, start, end,
        matched, kind, venue``; ``start``/``end`` are character offsets into ``sentence`` (end
        exclusive); ``venue`` is True where a capital only names a place. Sorted by
        ``doc_id, sent_id, start``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "text": ["Talks in Brussels. The EU and Pashinyan agreed."]})
    >>> mentions(c)[["sent_id", "target", "alias", "actor", "venue"]].values.tolist()
    [[0, 'EU', 'Brussels', '', True], [1, 'EU', 'EU', '', False],
     [1, 'Armenia', 'Pashinyan', 'Pashinyan', False]]
    """
    table = _scan(corpus, aliases, text_column, keep_dropped=False)
    table = table.sort_values(["doc_id", "sent_id", "start"], kind="stable")
    return table[MENTION_COLUMNS].reset_index(drop=True)


def alias_audit(corpus: pd.DataFrame, *, aliases: pd.DataFrame | None = None,
                text_column: str = "text") -> pd.DataFrame:
    """Count what each alias matched, kept, flagged as venue or dropped (and why).

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, ``source`` and ``text_column``.
    aliases : pandas.DataFrame, optional
        From :func:`alias_table`.
    text_column : str, default "text"
        Column with the article body.

    Returns
    -------
    pandas.DataFrame
        Columns ``target, alias, matched, status, n_mentions, n_docs, n_sources``, one row per
        (alias, surface form, status), sorted by ``target``, descending ``n_mentions``, ``alias``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "text": ["An American journalist said the American side agreed."]})
    >>> alias_audit(c)[["matched", "status", "n_mentions"]].values.tolist()
    [['American', 'dropped: nationality (journalist)', 1], ['American', 'kept', 1]]
    """
    table = _scan(corpus, aliases, text_column, keep_dropped=True)
    columns = ["target", "alias", "matched", "status", "n_mentions", "n_docs", "n_sources"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    out = (table.groupby(["target", "alias", "matched", "status"], sort=True)
           .agg(n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique"),
                n_sources=("source", "nunique"))
           .reset_index())
    out = out.sort_values(["target", "n_mentions", "alias", "matched", "status"],
                          ascending=[True, False, True, True, True], kind="stable")
    return out[columns].reset_index(drop=True)
