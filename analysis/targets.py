"""Targets (the EU, the US, Armenia, ...) and every sentence that mentions them.

Targets are data: :func:`alias_table` reads ``analysis/data/aliases.csv`` (one row per alias:
``target, alias, pattern, kind, actor``) and appends whatever the user adds, e.g.
``alias_table({"Russia": ["Russia", "Moscow", "Kremlin", ("Putin", "Putin")]})``. A plain string
is matched literally; a ``(alias, actor)`` pair records an office holder as the ``actor``.
``valuetype="glob"`` reads ``*`` as any run of word characters and ``?`` as one (quanteda's
``"Армени*"`` finds "Армения", "Армении"), ``valuetype="regex"`` takes Python regular
expressions; every kind of pattern matches in any script, case-sensitively unless the pattern
says otherwise (``"(?i:...)"``). ``exclude=["European Space Agency"]`` adds exclusion rows
(``kind`` ``"exclude"``): a mention that lies inside a match of an exclusion of its target is
dropped, so one line removes an alias (``exclude=["Brussels"]``) or a context.

Matching is case-sensitive (the country "US" is never the pronoun "us"), tolerates dash
compounds ("U.S.-Azerbaijan", "Azerbaijan–United States"), prefers the longest alias at a
position ("European Union" over "European") and applies one rule per ``kind``:

``exclude`` rows
    come first: the default table excludes bodies named after Europe that are not the EU
    (the Council of Europe, its court, the OSCE, the European Space Agency, the European
    Broadcasting Union, UEFA, ...).
``continent``
    "Europe" / "America" are dropped when used geographically: paired with another region
    ("between Europe and Asia"), the last of a list of regions ("Central Asia, the Caucasus and
    Europe"), after "across", "Eastern", "Latin", "pan-", ... ("Latin America").
``adjective``
    "American", "European", "Armenian" are dropped when the noun they qualify names a person's
    trade or origin rather than the state ("American journalist", "European-born", "American
    and European political analysts").
"Europe" and "European" (the EU's ``continent`` and ``adjective`` aliases)
    count as the EU only in the political sense: Europe as an actor, its states, institutions
    and policy (the codebook's "European policy, institutions or states"). The noun "Europe"
    is the EU unless it names a place: after a preposition of place ("in Europe", "around",
    "within", "outside" ...) or by the rules above. "European" and "Europe's" are the EU only
    when the noun they qualify, within the next three words, is a political one
    (:data:`POLITICAL_NOUNS`: leaders, governments, states, institutions, sanctions, policy,
    response, security, ...): "European leaders", "Europe's approach" are the EU; "European
    stocks", "Europe's largest carmaker", "pan-European STOXX 600" are not. "Europeans" is the
    noun and counts like "Europe". The decision and the qualified word are in ``status``.
any kind
    is dropped in brackets after a company's name, where it names the company's country
    ("Acme Industries (USA)").
``capital``
    "Washington", "Brussels", "Yerevan" are kept but flagged ``venue=True`` when they only
    name where something happens ("talks in Brussels", "a visit to Yerevan"); "Washington Post"
    and "George Washington" are dropped.

:func:`alias_audit` lists what each alias matched, kept or dropped and why, with an example
sentence for each decision, so a reader can check the rules on their own corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

import pandas as pd

from analysis import paths
from analysis.errors import ColumnsError

try:  # the regex parser, to find which characters an alias can start with
    import re._constants as _C
    import re._parser as _parser
except ImportError:  # Python 3.10
    import sre_constants as _C
    import sre_parse as _parser
from analysis.parallel import document_parallel_options, map_chunks
from analysis.tokens import plainly_lower, sentence_spans
from analysis.words import rules_language

__all__ = ["ALIAS_COLUMNS", "MENTION_COLUMNS", "POLITICAL_NOUNS", "VALUETYPES", "alias_audit",
           "alias_pattern", "alias_table", "find_mentions", "doc_mentions", "mentions"]

ALIAS_COLUMNS = ["target", "alias", "pattern", "kind", "actor"]
MENTION_COLUMNS = ["doc_id", "source", "sent_id", "sentence", "target", "alias", "actor", "start",
                   "end", "matched", "kind", "venue"]
ALIASES_CSV = paths.ROOT / "analysis" / "data" / "aliases.csv"
VALUETYPES = ("fixed", "glob", "regex")
EXCLUDE = "exclude"

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
#: Nouns that make "European" / "Europe's" the EU: political actors, states and institutions,
#: their policy and its instruments, and the relations and standing of a polity.
POLITICAL_NOUNS = frozenset(
    """leader leaders leadership official officials government governments state states
    country countries nation nations member members capital capitals partner partners ally
    allies diplomat diplomats diplomacy politician politicians minister ministers lawmaker
    lawmakers parliamentarians mps elite elites establishment institution institutions body
    bodies side actor actors power powers union commission commissioner council parliament
    bloc monitor monitors mission missions observer observers mediator mediators mediation
    negotiator negotiators envoy envoys delegation delegations troops forces army
    peacekeepers bureaucracy bureaucrats politics policy policies response reaction position
    positions stance approach strategy strategies agenda initiative initiatives proposal
    proposals plan plans decision decisions sanction sanctions support aid assistance funding
    funds integration enlargement accession membership perspective aspirations choice path
    course future vector values standards norms democracy democracies security defence
    defense unity solidarity interest interests narrative narratives rhetoric discourse
    pressure involvement engagement presence role mandate regulation regulations regulators
    law laws directive neighbourhood neighborhood partnership partnerships cooperation
    co-operation dialogue relations ties agreement agreements deal deals treaty treaties
    project elections peace sovereignty autonomy leverage efforts commitment commitments
    promises guarantees tariffs tariff""".split()
)
# Words that may stand between an adjective and the noun it qualifies ("European political
# analysts", "American and European top diplomats").
_MODIFIERS = frozenset(
    """political foreign top senior leading prominent former independent famous well-known
    renowned chief other many some several most key major new current previous young long-time
    long-term largest biggest main""".split()
)
# Words that end the noun phrase after an adjective: what follows is no longer its noun.
_PHRASE_END = frozenset(
    """the a an of to in on for with by at from as that which who whom whose is are was were
    be been being has have had will would can could must should may might shall do does did
    not no than but or nor so yet while when where if because after before since until over
    under about against between into through during it its they their them he she his her
    we our this these those there here""".split()
)
_REGIONS = r"(?:Asia|Africa|Europe|America|Americas|Eurasia|the Middle East|the Caucasus|" \
           r"the South Caucasus|Central Asia|the Caspian|Russia|China|Turkey|Türkiye|Iran)"
# Regions (not states) that a list of places names before "and Europe".
_AREAS = r"(?:Asia|Africa|Eurasia|the Middle East|the Caucasus|the South Caucasus|" \
         r"Central Asia|the Caspian|the Americas|North America|Latin America|the Balkans|" \
         r"the Mediterranean|the Black Sea|the Gulf|Scandinavia|the Far East)"
_GEO_BEFORE = re.compile(r"(?:\b(?:across|throughout|Eastern|Western|Central|Southern|Northern|"
                         r"Southeastern|continental|Latin|South|North|Middle|Old|mainland|pan)"
                         r"|(?:between|from|and|to) " + _REGIONS + r" (?:and|to)"
                         r"|\b" + _AREAS + r",? (?:and|or))[\s-]*$",
                         re.IGNORECASE)
_GEO_AFTER = re.compile(r"^\s*(?:and|to|or)\s+" + _REGIONS + r"\b")
# A preposition of place before the noun "Europe": "the Black Death in Europe".
_PLACE_BEFORE = re.compile(r"\b(?:in|around|within|outside|inside|all over|throughout)\s+$",
                           re.IGNORECASE)
_VENUE_BEFORE = re.compile(r"\b(?:in|at|visit(?:ed|ing|s)? to|visit(?:ed|ing|s)?|trip to|"
                           r"travel(?:l?ed|l?ing)? to|arriv(?:ed|es|ing) in|hosted in|"
                           r"held in|based in|summit in)\s*$")
_CAPITAL_NOT_STATE = re.compile(r"^\s*(?:Post|Times|Examiner|Institute|State|Dulles|D\.C\. "
                                r"(?:based|think)|University|Redskins|Commanders|Wizards)\b")
_CAPITAL_NOT_STATE_BEFORE = re.compile(r"\b(?:George|Denzel|Mount|Lake|Fort)\s*$")
# A country in brackets after a company's name is where the company is: "Acme Industries (USA)".
_COMPANY_BEFORE = re.compile(r"\b(?:Inc|Ltd|LLC|Corp|Corporation|Co|Company|Industries|Group|"
                             r"GmbH|AG|plc|S\.A|Holdings|Technologies|Systems|Labs)\.?\s*\($")
_CLOSING = re.compile(r"\s*\)")
_BOUNDARY_L = r"(?<![\w.])"
_BOUNDARY_R = r"(?![\w])"
_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def alias_pattern(alias: str, *, valuetype: str = "fixed") -> str:
    """Return the regular expression that matches ``alias`` in the alias table.

    Parameters
    ----------
    alias : str
        The alias as the user writes it.
    valuetype : {"fixed", "glob", "regex"}, default "fixed"
        ``"fixed"``: the literal text. ``"glob"``: ``*`` stands for any run of word characters
        (letters of any script, digits) and ``?`` for one, as in quanteda's ``"Армени*"``.
        ``"regex"``: a Python regular expression; a leading global flag group such as
        ``(?i)`` is scoped to the alias. Matching is case-sensitive unless the pattern says
        otherwise; :func:`find_mentions` adds the word boundaries on both sides.

    Returns
    -------
    str
        A regular expression without named groups that cannot match the empty string.

    Raises
    ------
    ValueError
        An empty alias, an unknown ``valuetype``, an invalid regular expression, one with named
        groups, or one that can match the empty string.

    Examples
    --------
    >>> alias_pattern("U.S.")
    'U\\\\.S\\\\.'
    >>> alias_pattern("Армени*", valuetype="glob")
    'Армени\\\\w*'
    >>> alias_pattern("(?i)brexit", valuetype="regex")
    '(?i:brexit)'
    """
    if valuetype not in VALUETYPES:
        raise ValueError(f"unknown valuetype {valuetype!r}: use one of {list(VALUETYPES)}")
    if not isinstance(alias, str) or not alias.strip():
        raise ValueError(f"empty alias {alias!r}")
    if valuetype == "fixed":
        pattern = re.escape(alias)
    elif valuetype == "glob":
        pattern = "".join(r"\w*" if c == "*" else r"\w" if c == "?" else re.escape(c)
                          for c in alias)
    else:
        flags = _GLOBAL_FLAGS.match(alias)
        pattern = f"(?{flags.group(1)}:{alias[flags.end():]})" if flags else alias
    try:
        compiled = re.compile(f"(?:{pattern})")
    except re.error as err:
        raise ValueError(f"alias {alias!r} is not a valid {valuetype} pattern: {err}") from None
    if compiled.groupindex:
        raise ValueError(f"alias {alias!r} has named groups {sorted(compiled.groupindex)}: "
                         "use (?:...) instead")
    if compiled.fullmatch(""):
        raise ValueError(f"alias {alias!r} ({valuetype}) matches the empty string")
    return pattern


def alias_table(extra: dict | None = None, *, replace: bool = False, valuetype: str = "fixed",
                exclude=None) -> pd.DataFrame:
    """Return the alias table, optionally extended with ``extra`` targets and exclusions.

    Parameters
    ----------
    extra : dict, optional
        ``{target: [alias, ...]}``. An alias is a string (read as ``valuetype`` says), or an
        ``(alias, actor)`` pair for an office holder.
    replace : bool, default False
        Use only ``extra`` and drop the default EU / US / Armenia rows (and their exclusions).
    valuetype : {"fixed", "glob", "regex"}, default "fixed"
        How the aliases of ``extra`` and the phrases of ``exclude`` are read
        (:func:`alias_pattern`).
    exclude : str, list of str or dict, optional
        Phrases whose match suppresses every mention of a target lying inside it: an alias
        itself (``"Brussels"``) or a context (``"European Space Agency"``). A list applies to
        every target of the table; ``{target: [phrase, ...]}`` to the targets named.

    Returns
    -------
    pandas.DataFrame
        Columns ``target, alias, pattern, kind, actor`` (``actor`` empty unless an office
        holder; ``kind`` ``"name"`` for user aliases, ``"exclude"`` for exclusions).

    Raises
    ------
    ValueError
        A bad alias or pattern (see :func:`alias_pattern`), or an exclusion for a target the
        table does not have.

    Examples
    --------
    >>> t = alias_table({"Russia": ["Russia", "Kremlin", ("Putin", "Putin")]})
    >>> t[t.target == "Russia"][["alias", "actor"]].values.tolist()
    [['Russia', ''], ['Kremlin', ''], ['Putin', 'Putin']]
    >>> sorted(alias_table().target.unique())
    ['Armenia', 'EU', 'US']
    >>> t = alias_table({"Armenia": ["Армени*"]}, replace=True, valuetype="glob")
    >>> [m["matched"] for m in find_mentions("Премьер Армении и Армения.", aliases=t)]
    ['Армении', 'Армения']
    >>> t = alias_table(exclude=["Brussels sprouts"])
    >>> [m["alias"] for m in find_mentions("Brussels sprouts, the EU said.", aliases=t)]
    ['EU']
    """
    base = pd.DataFrame(columns=ALIAS_COLUMNS) if replace else _default_aliases()
    rows = []
    for target, aliases in (extra or {}).items():
        aliases = [aliases] if isinstance(aliases, str) else aliases
        for item in aliases:
            alias, actor = (item, "") if isinstance(item, str) else tuple(item)
            kind = "office_holder" if actor else "name"
            rows.append((target, alias, alias_pattern(alias, valuetype=valuetype), kind, actor))
    table = pd.concat([base, pd.DataFrame(rows, columns=ALIAS_COLUMNS)], ignore_index=True)
    table = table.fillna("").astype(str)
    if exclude is None:
        return table
    targets = list(dict.fromkeys(table.loc[table["kind"] != EXCLUDE, "target"]))
    if isinstance(exclude, str):
        exclude = [exclude]
    by_target = exclude if isinstance(exclude, dict) else {t: exclude for t in targets}
    rows = []
    for target, phrases in by_target.items():
        if target not in targets:
            raise ValueError(f"exclusion for unknown target {target!r}: the table has "
                             f"{targets}")
        phrases = [phrases] if isinstance(phrases, str) else phrases
        rows += [(target, phrase, alias_pattern(phrase, valuetype=valuetype), EXCLUDE, "")
                 for phrase in phrases]
    if not rows and not targets:
        raise ValueError("exclusions given for a table without targets")
    return pd.concat([table, pd.DataFrame(rows, columns=ALIAS_COLUMNS)], ignore_index=True)


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


def _guard(body: str) -> str:
    """A lookahead for the characters ``body`` can start with ("" when any can)."""
    first, empty = _first_chars(_parser.parse(body))
    return "" if first is None or empty else f"(?=[{re.escape(''.join(sorted(first)))}])"


def _compile(aliases: pd.DataFrame) -> tuple:
    """One alternation, longest alias first, each alternative a numbered group.

    A lookahead for the characters any alias can start with lets the engine skip every other
    position at once (about 4x faster over whole articles); it is left out when some alias
    pattern can start with anything. The third item is the same alternation without the
    groups, for scanning whole articles: the regex engine tries an alternative that opens
    with a letter only where that letter stands, which a group in front prevents (2x faster);
    a match it finds is the match of the grouped pattern at the same position. The fourth
    maps a target to its exclusions: one alternation (group ``x<i>`` names the phrase) and
    the phrases.
    """
    excluded = aliases["kind"] == EXCLUDE
    exclusions: dict[str, tuple[re.Pattern, list[str]]] = {}
    for target, group in aliases[excluded].groupby("target", sort=False):
        order = sorted(range(len(group)), key=lambda i: -len(group["alias"].iloc[i]))
        body = "|".join(f"(?P<x{i}>{group['pattern'].iloc[i]})" for i in order)
        exclusions[target] = (re.compile(f"{_guard(body)}{_BOUNDARY_L}(?:{body}){_BOUNDARY_R}"),
                              list(group["alias"]))
    aliases = aliases[~excluded]
    rows = list(aliases[["target", "alias", "kind", "actor"]].itertuples(index=False, name=None))
    order = sorted(range(len(rows)), key=lambda i: -len(aliases["alias"].iloc[i]))
    patterns = [aliases["pattern"].iloc[i] for i in order]
    body = "|".join(f"(?P<a{i}>{p})" for i, p in zip(order, patterns))
    if not body:  # no aliases: nothing matches
        return re.compile(r"(?!)"), rows, re.compile(r"(?!)"), exclusions
    guard = _guard(body)
    scan = "|".join(f"(?:{p})" for p in patterns)
    # The lookahead goes before the lookbehind: both are zero-width at the same position, but
    # testing the cheap character class first fails most positions sooner (scanning 2,000
    # articles: 0.51-0.70 -> 0.41 s of CPU, the same matches).
    named, scanner = (re.compile(f"{guard}{_BOUNDARY_L}(?:{b})(?:['’]s)?{_BOUNDARY_R}")
                      for b in (body, scan))
    return named, rows, scanner, exclusions


def _shouted(text: str) -> bool:
    if plainly_lower(text):
        return False
    if len(text.split()) < 3:
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_CONTINENT_AFTER = re.compile(r"\s*(?:s\b|continent)")  # "Europe continent": geography
# Words (hyphenated or not) and the punctuation that ends a noun phrase; a hyphen alone is
# skipped, so "European-born" qualifies "born".
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
_PHRASE_TOKENS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[^\w\s-]|\d+")


def _qualified(after: str, *, n: int = 3) -> tuple[str, list[str]]:
    """The noun an adjective qualifies and the words of its noun phrase, lower-cased.

    Reads at most ``n`` words after the adjective, up to punctuation or a function word;
    another adjective joined by "and" / "or" ("American and European analysts") and the
    modifiers of :data:`_MODIFIERS` ("political analysts") are passed over to find the noun.
    ``("", [])`` when no word follows.
    """
    words: list[str] = []
    tokens = _PHRASE_TOKENS.findall(after[:80])
    i = 0
    while i < len(tokens) and len(words) < n:
        tok, low = tokens[i], tokens[i].lower()
        if low in ("and", "or") and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            i += 2  # a coordinated adjective: "and European"
            continue
        if not tok[:1].isalpha() or low in _PHRASE_END:
            break
        words.append(low)
        i += 1
    head = next((w for w in words if w not in _MODIFIERS), words[0] if words else "")
    return head, words


def _political_europe(matched: str, before: str, after: str) -> str:
    """The rule for "Europe" / "European(s)" as the EU: ``"kept"`` or ``"dropped: ..."``."""
    if _GEO_BEFORE.search(before) or _GEO_AFTER.match(after) or \
            (matched == "Europe" and (_CONTINENT_AFTER.match(after) or
                                      _PLACE_BEFORE.search(before))):
        return "dropped: geographic"
    possessive = _POSSESSIVE.match(after)
    if matched in ("Europe", "Europeans") and not possessive:
        return "kept"  # the noun: Europe as an actor, "waiting for Europe", "Europeans must"
    # "European", "Europe's": the sense of the noun they qualify
    head, words = _qualified(after[possessive.end():] if possessive else after)
    if head in _NOT_STATE:
        return f"dropped: nationality ({head})"
    if any(w in POLITICAL_NOUNS for w in words):
        return "kept"
    return f"dropped: not political ({head or 'no noun'})"


def _judge(kind: str, target: str, matched: str, before: str, after: str,
           shouted: bool) -> str:
    """Return ``"kept"``, ``"venue"`` or ``"dropped: <reason>"`` for one match in context."""
    if shouted and kind == "abbreviation" and matched == "US":
        return "dropped: all-caps line (US may be the pronoun)"
    if before.rstrip()[-1:] == "(" and _COMPANY_BEFORE.search(before) and _CLOSING.match(after):
        return "dropped: company location"
    if kind in ("continent", "adjective") and target == "EU" and matched.startswith("Europe"):
        return _political_europe(matched, before, after)
    if kind == "continent":
        if _GEO_BEFORE.search(before) or _GEO_AFTER.match(after) or \
                _CONTINENT_AFTER.match(after):
            return "dropped: geographic"
    if kind == "adjective":
        head, _ = _qualified(after)
        if head in _NOT_STATE:
            return f"dropped: nationality ({head})"
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
    pattern, rows, _, exclusions = _compile_cached(aliases)
    memo: dict = {}
    out = []
    for m in pattern.finditer(sentence):
        found = _mention(m, rows, exclusions, sentence, 0, len(sentence), memo, keep_dropped)
        if found is not None:
            out.append(found)
    return out


def _excluded_by(exclusions, target: str, text: str, a: int, b: int, start: int, end: int,
                 memo: dict) -> str | None:
    """The exclusion phrase of ``target`` whose match in ``text[a:b]`` holds ``start:end``."""
    if target not in exclusions:
        return None
    key = ("exclude", target)
    if key not in memo:
        pattern, phrases = exclusions[target]
        memo[key] = [(x.start(), x.end(), phrases[int(x.lastgroup[1:])])
                     for x in pattern.finditer(text, a, b)]
    return next((phrase for s, e, phrase in memo[key] if s <= start and end <= e), None)


def _mention(m, rows, exclusions, text: str, a: int, b: int, memo: dict, keep_dropped: bool):
    """The mention dict of match ``m`` in the sentence ``text[a:b]`` (offsets from ``a``), or
    None when a rule drops it. ``memo`` caches what is worked out once per sentence (its
    all-caps test, the matches of each target's exclusions)."""
    name = m.lastgroup  # the alias group closes last: its inner groups are unnamed
    if not (name and name[0] == "a" and name[1:].isdigit()):
        name = next(k for k, v in m.groupdict().items() if v is not None)
    i = int(name[1:])
    target, alias, kind, actor = rows[i]
    start, end = m.start(), m.start(name) + len(m.group(name))
    phrase = _excluded_by(exclusions, target, text, a, b, start, end, memo) \
        if exclusions else None
    if phrase is not None:
        status = f"dropped: excluded ({phrase})"
    else:
        before, after = text[max(a, start - 60):start], text[end:min(b, end + 80)]
        if kind == "abbreviation" and "shouted" not in memo:
            memo["shouted"] = _shouted(text[a:b])
        status = _judge(kind, target, text[start:end], before, after,
                        memo.get("shouted", False))
    if status.startswith("dropped") and not keep_dropped:
        return None
    return {"target": target, "alias": alias, "actor": actor, "start": start - a,
            "end": end - a, "matched": text[start:end], "kind": kind,
            "venue": status == "venue", "status": status}


_CACHE: dict[int, tuple] = {}


def _check_aliases(aliases) -> None:
    """Raise a clear error for ``aliases`` that are not an :func:`alias_table` table."""
    hint = ("; for a dict {target: [alias, ...]}: aliases=alias_table(your_dict, replace=True) "
            "(replace=False keeps the EU, US and Armenia)")
    if not isinstance(aliases, pd.DataFrame):
        raise TypeError("aliases must be a table from analysis.targets.alias_table, got "
                        f"{type(aliases).__name__}{hint}")
    missing = [c for c in ALIAS_COLUMNS if c not in aliases.columns]
    if missing:
        raise ColumnsError(f"aliases lacks column(s) {', '.join(missing)}: expected a table "
                           f"from analysis.targets.alias_table{hint}")


def _compile_cached(aliases):
    if aliases is None:
        aliases = _default_aliases()
    key = id(aliases)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not aliases:
        _check_aliases(aliases)  # once per table, not once per document
        _CACHE.clear()
        hit = (aliases, _compile(aliases))
        _CACHE[key] = hit
    return hit[1]


def doc_mentions(text: str, *, aliases: pd.DataFrame | None = None,
                 keep_dropped: bool = False, spans=None,
                 language: str = "en") -> list[tuple[int, str, dict]]:
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
    language : str, default "en"
        The text's language code: the sentence rules that split it when ``spans`` is not
        given.

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
    >>> ru = alias_table({"EU": ["ЕС"]})
    >>> [(i, m["alias"]) for i, _, m in doc_mentions("Мир. Затем ЕС заявил.", aliases=ru,
    ...                                             language="ru")]
    [(1, 'ЕС')]
    """
    pattern, rows, scan, exclusions = _compile_cached(aliases)
    at = pattern.match
    hits = [at(text, m.start()) for m in scan.finditer(text)]
    if not hits:
        return []
    spans = sentence_spans(text, language=language) if spans is None else spans
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
        memo: dict = {}
        for m in by_sentence[sent_id]:
            found = _mention(m, rows, exclusions, text, a, b, memo, keep_dropped)
            if found is not None:
                out.append((sent_id, sentence, found))
    return out


def _doc_rows(item, aliases, keep_dropped):
    doc_id, source, text, language = item
    return [{"doc_id": doc_id, "source": source, "sent_id": sent_id, "sentence": sentence, **m}
            for sent_id, sentence, m in doc_mentions(text, aliases=aliases,
                                                     keep_dropped=keep_dropped,
                                                     language=language)]


def _scan(corpus, aliases, text_column, keep_dropped, n_jobs=None, progress=None,
          min_docs=2000):
    # One rule for which language's sentence rules apply (tokens and words share it).
    language = ([rules_language(v) for v in corpus["language"]] if "language" in corpus
                else "en")
    items = corpus[["doc_id", "source", text_column]].assign(_language=language)
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


@document_parallel_options
def mentions(corpus: pd.DataFrame, *, aliases: pd.DataFrame | None = None,
             text_column: str = "text", n_jobs: int | None = None,
             min_docs_parallel: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Return one row per target mention in every sentence of ``corpus``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id``, ``source`` and ``text_column``; a ``language`` column picks each
        article's sentence rules (:func:`analysis.tokens.sentence_spans`), English without
        one.
    aliases : pandas.DataFrame, optional
        From :func:`alias_table`; the default EU / US / Armenia table when omitted.
    text_column : str, default "text"
        Column with the article body (``clean_corpus`` adds ``text``).
    {parallel_options}

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
    """Count what each alias matched, kept, flagged as venue or dropped (and why), with an
    example sentence of each decision.

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
        Columns ``target, alias, matched, status, n_mentions, n_docs, n_sources, doc_id,
        example``, one row per (alias, surface form, status), sorted by ``target``, descending
        ``n_mentions``, ``alias``. ``status`` is ``kept``, ``venue`` or ``dropped: <reason>``
        (``excluded (<phrase>)``, ``not political (<noun>)``, ``geographic``, ``nationality
        (<noun>)``, ...); ``example`` is the first sentence (by ``doc_id``, then position)
        with that decision, the match in square brackets, and ``doc_id`` its article.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                   "text": ["An American journalist said the American side agreed."]})
    >>> alias_audit(c)[["matched", "status", "n_mentions"]].values.tolist()
    [['American', 'dropped: nationality (journalist)', 1], ['American', 'kept', 1]]
    >>> alias_audit(c)["example"].tolist()
    ['An [American] journalist said the American side agreed.', 'An American journalist said \
the [American] side agreed.']
    """
    table = _scan(corpus, aliases, text_column, keep_dropped=True)
    columns = ["target", "alias", "matched", "status", "n_mentions", "n_docs", "n_sources",
               "doc_id", "example"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    keys = ["target", "alias", "matched", "status"]
    out = (table.groupby(keys, sort=True)
           .agg(n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique"),
                n_sources=("source", "nunique"))
           .reset_index())
    first = (table.sort_values(["doc_id", "sent_id", "start"], kind="stable")
             .drop_duplicates(keys))
    first = first.assign(example=[f"{s[:a]}[{s[a:b]}]{s[b:]}" for s, a, b in
                                  zip(first["sentence"], first["start"], first["end"])])
    out = out.merge(first[[*keys, "doc_id", "example"]], on=keys, how="left")
    out = out.sort_values(["target", "n_mentions", "alias", "matched", "status"],
                          ascending=[True, False, True, True, True], kind="stable")
    return out[columns].reset_index(drop=True)
