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
from functools import lru_cache, partial

import pandas as pd

from analysis import paths

try:  # the regex parser, to find which characters an alias can start with
    import re._constants as _C
    import re._parser as _parser
except ImportError:  # Python 3.10
    import sre_constants as _C
    import sre_parse as _parser
from analysis.parallel import map_chunks
from analysis.tokens import _plainly_lower, sentence_spans

__all__ = ["ALIAS_COLUMNS", "MENTION_COLUMNS", "alias_audit", "alias_table", "find_mentions",
           "doc_mentions", "mentions"]

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


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """Characters a parsed regex can start with, and whether it can match the empty string.

    ``None`` when the set cannot be told (``.``, ``\\w``, negated classes, ...).
    """
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            return out | {chr(av)}, False
        if op is _C.IN:
            for o, a in av:
                if o is _C.LITERAL:
                    out.add(chr(a))
                elif o is _C.RANGE and a[1] - a[0] <= 256:
                    out.update(chr(x) for x in range(a[0], a[1] + 1))
                else:
                    return None, False
            return out, False
        if op is _C.SUBPATTERN:
            first, empty = _first_chars(av[-1])
            if first is None:
                return None, False
            if av[1] & re.IGNORECASE:
                first = first | {c.swapcase() for c in first}
            out |= first
        elif op is _C.BRANCH:
            empty = False
            for alt in av[1]:
                first, e = _first_chars(alt)
                if first is None:
                    return None, False
                out |= first
                empty |= e
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            first, e = _first_chars(av[2])
            if first is None:
                return None, False
            out |= first
            empty = av[0] == 0 or e
        elif op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # zero-width: the next item decides
        else:
            return None, False
        if not empty:
            return out, False
    return out, True


def _compile(aliases: pd.DataFrame) -> tuple[re.Pattern, list[tuple[str, str, str, str]],
                                            re.Pattern]:
    """One alternation, longest alias first, each alternative a numbered group.

    A lookahead for the characters any alias can start with lets the engine skip every other
    position at once (about 4x faster over whole articles); it is left out when some alias
    pattern can start with anything. The third item is the same alternation without the
    groups, for scanning whole articles: the regex engine tries an alternative that opens
    with a letter only where that letter stands, which a group in front prevents (2x faster);
    a match it finds is the match of the grouped pattern at the same position.
    """
    rows = list(aliases[["target", "alias", "kind", "actor"]].itertuples(index=False, name=None))
    order = sorted(range(len(rows)), key=lambda i: -len(aliases["alias"].iloc[i]))
    patterns = [aliases["pattern"].iloc[i] for i in order]
    body = "|".join(f"(?P<a{i}>{p})" for i, p in zip(order, patterns))
    if not body:
        return re.compile(r"(?!)"), rows, re.compile(r"(?!)")  # no aliases: nothing matches
    first, empty = _first_chars(_parser.parse(body))
    guard = "" if first is None or empty else f"(?=[{re.escape(''.join(sorted(first)))}])"
    scan = "|".join(f"(?:{p})" for p in patterns)
    # The lookahead goes before the lookbehind: both are zero-width at the same position, but
    # testing the cheap character class first fails most positions sooner (scanning 2,000
    # articles: 0.51-0.70 -> 0.41 s of CPU, the same matches).
    named, scanner = (re.compile(f"{guard}{_BOUNDARY_L}(?:{b})(?:['’]s)?{_BOUNDARY_R}")
                      for b in (body, scan))
    return named, rows, scanner


def _shouted(text: str) -> bool:
    if _plainly_lower(text):
        return False
    if len(text.split()) < 3:
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_CONTINENT_AFTER = re.compile(r"\s*(?:s\b|continent)")  # "Europe continent": geography
_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z]+)")


def _judge(kind: str, alias: str, before: str, after: str, shouted: bool) -> str:
    """Return ``"kept"``, ``"venue"`` or ``"dropped: <reason>"`` for one match in context."""
    if shouted and kind == "abbreviation" and alias == "US":
        return "dropped: all-caps line (US may be the pronoun)"
    if kind in ("continent", "adjective") and alias.startswith("Europe") and (
            _OTHER_BODY_BEFORE.search(before) or _OTHER_BODY_AFTER.match(after)):
        return "dropped: not an EU body"
    if kind == "continent":
        if _GEO_BEFORE.search(before) or _GEO_AFTER.match(after) or \
                _CONTINENT_AFTER.match(after):
            return "dropped: geographic"
    if kind == "adjective":
        nxt = _NEXT_WORD.match(after)
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
    pattern, rows, _ = _compile_cached(aliases)
    shouted: list = []
    out = []
    for m in pattern.finditer(sentence):
        found = _mention(m, rows, sentence, 0, len(sentence), shouted, keep_dropped)
        if found is not None:
            out.append(found)
    return out


def _mention(m, rows, text: str, a: int, b: int, shouted: list, keep_dropped: bool):
    """The mention dict of match ``m`` in the sentence ``text[a:b]`` (offsets from ``a``), or
    None when a rule drops it. ``shouted`` caches the all-caps test of the sentence."""
    name = m.lastgroup  # the alias group closes last: its inner groups are unnamed
    if not (name and name[0] == "a" and name[1:].isdigit()):
        name = next(k for k, v in m.groupdict().items() if v is not None)
    i = int(name[1:])
    target, alias, kind, actor = rows[i]
    start, end = m.start(), m.start(name) + len(m.group(name))
    before, after = text[max(a, start - 60):start], text[end:min(b, end + 60)]
    if kind == "abbreviation" and not shouted:
        shouted.append(_shouted(text[a:b]))
    status = _judge(kind, text[start:end], before, after, bool(shouted and shouted[0]))
    if status.startswith("dropped") and not keep_dropped:
        return None
    return {"target": target, "alias": alias, "actor": actor, "start": start - a,
            "end": end - a, "matched": text[start:end], "kind": kind,
            "venue": status == "venue", "status": status}


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


def doc_mentions(text: str, *, aliases: pd.DataFrame | None = None,
                 keep_dropped: bool = False, spans=None) -> list[tuple[int, str, dict]]:
    """Find target mentions in one article, sentence by sentence.

    The alias pattern runs once over the whole text; only sentences that overlap a match are
    then searched with :func:`find_mentions` (the same result as searching every sentence,
    since sentences are split at whitespace, where the pattern's boundaries hold anyway).

    Parameters
    ----------
    text : str
        The article body.
    aliases : pandas.DataFrame, optional
        From :func:`alias_table`.
    keep_dropped : bool, default False
        See :func:`find_mentions`.
    spans : sequence of (int, int), optional
        The text's :func:`analysis.tokens.sentence_spans`, when split already.

    Returns
    -------
    list of (int, str, dict)
        ``(sent_id, sentence, mention)`` in text order; ``sent_id`` numbers the sentences of
        :func:`analysis.tokens.sentence_spans` from 0, ``mention`` is a dict of
        :func:`find_mentions`.

    Examples
    --------
    >>> [(i, m["alias"]) for i, _, m in doc_mentions("No target here. Then the EU spoke.")]
    [(1, 'EU')]
    """
    pattern, rows, scan = _compile_cached(aliases)
    at = pattern.match
    hits = [at(text, m.start()) for m in scan.finditer(text)]
    if not hits:
        return []
    spans = sentence_spans(text) if spans is None else spans
    # Sentences are split at whitespace, where the pattern's boundaries hold either way, so a
    # match of the whole text inside one sentence is the match a search of that sentence
    # finds. A sentence that a match runs into from outside is searched on its own.
    crossed, j = set(), 0
    by_sentence: dict[int, list] = {}
    for m in hits:
        while j + 1 < len(spans) and spans[j][1] <= m.start():
            j += 1
        by_sentence.setdefault(j, []).append(m)
        k = j
        while k + 1 < len(spans) and spans[k + 1][0] < m.end():
            k += 1
        if k > j or m.end() > spans[j][1] or m.start() < spans[j][0]:
            crossed.update(range(j, k + 1))
    out = []
    for sent_id in sorted(by_sentence.keys() | crossed):
        a, b = spans[sent_id]
        sentence = text[a:b]
        if sent_id in crossed:
            out += [(sent_id, sentence, m) for m in
                    find_mentions(sentence, aliases=aliases, keep_dropped=keep_dropped)]
            continue
        shouted: list = []
        for m in by_sentence[sent_id]:
            found = _mention(m, rows, text, a, b, shouted, keep_dropped)
            if found is not None:
                out.append((sent_id, sentence, found))
    return out


def _doc_rows(item, aliases, keep_dropped):
    doc_id, source, text = item
    return [{"doc_id": doc_id, "source": source, "sent_id": sent_id, "sentence": sentence, **m}
            for sent_id, sentence, m in doc_mentions(text, aliases=aliases,
                                                     keep_dropped=keep_dropped)]


def _scan(corpus, aliases, text_column, keep_dropped, n_jobs=None, progress=None,
          min_docs=2000):
    items = corpus[["doc_id", "source", text_column]]
    if aliases is None:
        aliases = _default_aliases()
    chunks = map_chunks(partial(_chunk_rows, aliases=aliases, keep_dropped=keep_dropped),
                        items, n_jobs=n_jobs, min_docs=min_docs, progress=progress,
                        desc="mentions")
    chunks = [c for c in chunks if len(c)]
    return pd.concat(chunks, ignore_index=True) if chunks else \
        pd.DataFrame([], columns=MENTION_COLUMNS + ["status"])


def _chunk_rows(items, *, aliases, keep_dropped) -> pd.DataFrame:
    """One table for a chunk of articles (compact to send back from a worker)."""
    return pd.DataFrame([row for item in items for row in _doc_rows(item, aliases, keep_dropped)],
                        columns=MENTION_COLUMNS + ["status"])


def mentions(corpus: pd.DataFrame, *, aliases: pd.DataFrame | None = None,
             text_column: str = "text", n_jobs: int | None = None,
             min_docs_parallel: int = 2000, progress: bool | None = None) -> pd.DataFrame:
    """Return one row per target mention in every sentence of ``corpus``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, ``source`` and ``text_column``.
    aliases : pandas.DataFrame, optional
        From :func:`alias_table`; the default EU / US / Armenia table when omitted.
    text_column : str, default "text"
        Column with the article body (``clean_corpus`` adds ``text``).
    n_jobs : int, optional
        Processes for large corpora (:func:`analysis.parallel.map_documents`); the table is
        identical for any value.
    min_docs_parallel : int, default 2000
        Smaller corpora run in this process (a pool's start-up costs more than it saves).
    progress : bool, optional
        Progress bar; ``None`` shows one for large corpora on a terminal or in a notebook.

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
    table = _scan(corpus, aliases, text_column, keep_dropped=False, n_jobs=n_jobs,
                  progress=progress, min_docs=min_docs_parallel)
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
