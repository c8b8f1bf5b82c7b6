"""Who does what to whom: the role a target mention plays in its sentence, by rules over tokens.

A word-counting scorer reads "The US and the European Union sharply condemned Armenia" as
negative for all three; the codebook (``CODEBOOK.md``: holder, not object; contrasts; words
about another actor) says the US and the EU hold the evaluation (neutral) and Armenia receives
it (negative). :func:`mention_role` decides, for one mention (a character span of a sentence),
which of these roles it plays and what the scorer must then do; :func:`apply_roles` applies it
as a layer over any base method's scores, row by row, naming the rule of every row it
overrides.

The rules read the whitespace-and-punctuation tokens only. No dependency parser is used: no
well-kept English parser installs offline from PyPI alone (spaCy's English models are
published outside PyPI, their PyPI copies are third-party mirrors; stanza downloads its models
at run time), and these constructions are short and fixed enough for token patterns.

Roles (``Role.role``) and the rule each applies (``Role.rule``):

``holder``  (``holder``)
    The subject of an evaluating verb (condemn, criticise, praise, accuse, welcome, urge, warn,
    thank ...) or a reporting verb (said, told, claimed ...) right after it, with only names,
    "and", determiners, "'s" + a title ("Armenia's foreign ministry"), auxiliaries and adverbs
    between; also the agent after "by" of a passive ("was condemned by the EU"). Neutral,
    unless the words before the verb evaluate the holder itself ("the hapless EU condemned"),
    which then decide. A verb that presupposes the holder is right ("Washington clearly
    understands") is positive for it (``presupposes``).
``object``  (``object``)
    The direct object of an evaluating verb, or the owner of that object ("condemned the EU's
    silence"), or the subject of its passive ("Armenia was condemned"): the verb's polarity.
``winner`` / ``loser``  (``win``)
    Subject and object of a verb of outdoing ("Azerbaijan outmanoeuvred Armenia").
``contrast``  (``contrast``)
    A side of "unlike X, ...", "compared with X, ...", "in contrast to X", "X rather than Y",
    "X moved faster than Y" or of two clauses joined by "while"/"whereas", each with its own
    subject: each side's evaluative words count for it and reversed for the other side
    ("Unlike weak Armenia, the US ..." is positive for the US), and so do words of
    (in)action set against each other ("While Brussels talked, Washington acted"); with no
    evaluative word on either side, a side that "only" issued statements loses.
``negated``  (``negation``)
    Negations VADER's three-word window misses: a denied doubt ("No one doubts that X ...":
    the doubt does not count), a clause opened by "nobody"/"no one" ("Nobody could call X a
    failure": its words reversed), "hardly"/"scarcely"/"barely"/"far from" and "neither ... nor"
    before an evaluative word, and litotes ("not unhelpful").
``experiencer``  (``experiencer``)
    The object of a verb of feeling whose cause is another named actor ("Moscow's threats
    alarmed Yerevan"): it feels, and so holds, the evaluation; neutral unless its own
    modifiers evaluate it.
``split``  (``actor_split``)
    Two actors of one target with opposite polarity in one sentence ("Trump deserves credit,
    while the Biden administration wasted four years"): neutral (codebook). Each mention of the
    target gets the words of its own part of the sentence (or of its possessive phrase); two
    parts with opposite valence, set against each other by a contrast ("while", "but",
    "unlike", a semicolon), a clause of their own ("that", "where") or as two possessive
    phrases, decide. Needs the target of every mention (``mention_targets``).
``relationship``  (``relationship``)
    Praise of a relationship the target is part of (codebook): a praise noun VADER lacks ("a
    pillar of stability", "a cornerstone of") is positive; otherwise trend words ("growing",
    "strengthening"), importance words ("an important partner"), the relationship nouns
    themselves ("cooperation") and a setting ("throughout the crisis") are masked.
``other_actor``  (``other_actor``)
    Words about another actor are masked: a clause whose subject is another named actor
    ("Azerbaijan's corrupt elite laundered billions, while Armenia ..."), also a fronted phrase
    ("Despite Turkey's hostile rhetoric, ...") or a subordinate clause ("Russia's offensive
    stalled as EU ministers met") with its own subject, a relative clause
    hanging on another noun (", whose ruling party has been accused ..."), and the words of
    another actor's possessive phrase ("the Kremlin's cynical propaganda campaign ...").

Each rule that decides gives a polarity (``Role.score`` in [-1, 1], ``Role.label``) and the cue
words that decided it; a masking rule gives the character spans to ignore, and
:func:`apply_roles` rescores the mention without them through the caller's ``rescore``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from inspect import signature
from typing import NamedTuple

__all__ = ["ROLE_CUES", "Role", "apply_roles", "has_role_cue", "mention_role",
           "role_tokens"]


class Role(NamedTuple):
    """What the scorer must do for one mention (see :func:`mention_role`).

    ``role``: ``holder``, ``object``, ``winner``, ``loser``, ``experiencer``, ``split``,
    ``contrast``, ``negated``, ``relationship``, ``other_actor`` or "" (no rule applies).
    ``rule``: the rule's name, written to the ``rule`` column when it decides.
    ``score``/``label``: the override (``None`` when the rule does not decide the polarity by
    itself). ``mask``: character spans whose words must not count for this mention. ``cue``:
    the words that triggered the rule.
    """

    role: str = ""
    rule: str = ""
    score: float | None = None
    label: str | None = None
    mask: tuple[tuple[int, int], ...] = ()
    cue: str = ""


NO_ROLE = Role()

# --------------------------------------------------------------------------------------------
# Word lists (hand-written from the codebook and general English, not fitted to any data)


def _forms(bases: str) -> frozenset:
    """Inflected forms of regular verbs: "condemn" -> condemn(s|ed|ing); "blame" -> blame(s|d),
    blaming; "decry" -> decries, decried; "criticise" also "criticize"."""
    out = set()
    for base in bases.split():
        variants = {base, base.replace("ise", "ize")} if "ise" in base else {base}
        for b in variants:
            if b.endswith("e"):
                out.update({b, b + "s", b + "d", b[:-1] + "ing"})
            elif b.endswith("y") and b[-2:-1] not in "aeiou":
                out.update({b, b[:-1] + "ies", b[:-1] + "ied", b + "ing"})
            else:
                out.update({b, b + "s", b + "ed", b + "ing"})
    return frozenset(out)


# Evaluating verbs: the subject holds the evaluation, the object receives this polarity
_NEGATIVE_VERBS = _forms("""condemn criticise accuse blame denounce slam rebuke censure castigate
chastise lambast warn reproach decry deplore scold berate fault chide admonish vilify demonise
disparage""") | frozenset("""criticism""".split())
_POSITIVE_VERBS = _forms("""praise welcome hail thank commend applaud congratulate laud credit
salute compliment""")
# Evaluating acts with no polarity for the object: the holder is still neutral
_NEUTRAL_VERBS = _forms("""urge press implore appeal""")
# Verbs that presuppose the holder is right ("Washington clearly understands")
_PRESUPPOSING = frozenset("""understands understood recognises recognizes recognised recognized
realises realizes realised realized grasps grasped appreciates appreciated""".split())
# Outdoing: the subject wins, the object loses
_WIN_VERBS = _forms("""outmanoeuvre outmaneuver outplay outsmart outpace outperform outwit
outflank outclass outdo overtake surpass eclipse""") | frozenset(
    "defeated defeats beat beats outdid outdone overtook".split())
VERB_POLARITY = {**dict.fromkeys(_NEGATIVE_VERBS, -1.0), **dict.fromkeys(_POSITIVE_VERBS, 1.0),
                 **dict.fromkeys(_NEUTRAL_VERBS, 0.0)}

_DETERMINERS = frozenset("the a an its their his her this that these those both all".split())
_AUX = frozenset("""has have had will would shall should could can may might did does do also
again once then now still already today yesterday jointly publicly openly""".split())
_PASSIVE = frozenset("was were is are been being be".split())
# Words between a possessive and its head that a holder may carry ("Armenia's foreign ministry")
_TITLES = frozenset("""foreign ministry minister ministers government officials official
spokesman spokeswoman spokesperson president prime envoy ambassador embassy delegation mission
leader leaders leadership administration office department secretary parliament commission
council representative representatives cabinet presidency chief""".split())
_SUBORDINATE = frozenset("while whereas although though but".split())
_RELATIVE = frozenset("who whose which where whom".split())
_CLAUSE_PUNCT = frozenset(",;:—–()")
_NEGATORS = frozenset("not no never n't without nor neither cannot".split())
_STRONG_NEGATORS = frozenset("hardly scarcely barely".split())
_NOBODY = frozenset("nobody".split())
_DOUBT = frozenset("""doubts doubt doubted questions questioned denies deny denied disputes
dispute""".split())
_ONLY = frozenset("only merely just".split())
_PERSONAL = frozenset("he she his her him they their them it its".split())
_FUNCTION = frozenset("""and or of to in on at for with from by as than that""".split())
_OPENERS = frozenset("as after before because when since until".split())
# (In)action set against each other in a contrast ("While Brussels talked, Washington acted")
_INACTION = frozenset("""talked talks talking dithered dithers dithering hesitated hesitates
waited waits stalled stalls deliberated debated procrastinated watched watches idled""".split())
_ACTION = frozenset("""acted acts moved moves delivered delivers intervened stepped responded
quickly swiftly decisively promptly rapidly""".split())
# Inaction that is negative on its own: standing on the sidelines
_SIDELINES = frozenset("sidelines sideline".split())
_SIDELINE_VERBS = frozenset("""watched watches watching stood stands sat sits remained
remains""".split())
# Comparatives VADER does not score ("faster than"), with the sign for the side before "than"
_COMPARATIVES = {"faster": 1.0, "quicker": 1.0, "sooner": 1.0, "earlier": 1.0, "better": 1.0,
                 "stronger": 1.0, "slower": -1.0, "later": -1.0, "weaker": -1.0, "worse": -1.0}
_FRONT_CONTRAST = (("unlike",), ("compared", "with"), ("compared", "to"),
                   ("in", "contrast", "to"), ("in", "contrast", "with"), ("as", "opposed", "to"))
_FRONT_FIRST = frozenset(cue[0] for cue in _FRONT_CONTRAST)
# Verbs of feeling: their object experiences the feeling and so holds the evaluation
# ("Moscow's threats alarmed Yerevan"). Past forms only: "concerns", "concerning", "surprise",
# "shock" are as often nouns or prepositions.
_PSYCH_VERBS = frozenset(f for f in _forms(
    """alarm worry anger concern frighten scare shock dismay disappoint annoy irritate trouble
    disturb outrage infuriate enrage surprise impress please delight reassure frustrate unsettle
    embarrass offend astonish""") if f.endswith("ed")) | frozenset({"upset"})
# A fronted phrase or a subordinate clause opened by one of these words has its own subject
# ("Despite Turkey's rhetoric, ...", "... as EU ministers met")
_FRONTING = frozenset("amid after before despite following during given with because of since "
                      "when as once until".split())
_PREPOSITIONS = frozenset("about over at into onto upon against toward towards what".split())
_SUB_OPENERS = frozenset("as when after before because since until once amid".split())
_NOT_OPENING = frozenset("such well same so just much many long soon".split())  # "such as X"
# Praise of a relationship (codebook): relationship nouns, and what counts about them. Trend
# and importance words are 0; the relationship nouns themselves ("cooperation", "partnership"
# carry VADER valence) are not praise either; praise nouns VADER lacks count as praise.
_RELATION_NOUNS = frozenset("""relations relationship relationships ties partnership
partnerships partner partners cooperation co-operation collaboration dialogue alliance ally
allies friendship bonds rapprochement engagement""".split())
_TREND = frozenset("""growing grow grows grew grown strengthening strengthen strengthens
strengthened deepening deepen deepens deepened expanding expand expands expanded broadening
broaden broadened increasing increasingly increased closer developing developed advancing
boosting boost boosts boosted enhancing enhance enhanced intensifying intensified improving
improve improved upgrading upgraded""".split())
_IMPORTANCE = frozenset("""important importance key vital crucial critical essential significant
strategic major central priority indispensable necessary""".split())
_RELATION_PRAISE = frozenset("pillar pillars cornerstone anchor bedrock backbone".split())
_PRAISE_WEIGHT = 2.0  # a praise noun, on VADER's -4..+4 word scale
# A setting of a relationship sentence ("throughout the crisis") says nothing of the relationship
_SETTING = frozenset("throughout during amid despite".split())
_REPORTING = frozenset("""said says told tells described describes called calls noted notes
stressed stresses added adds claimed claims stated states""".split())
# Verbs that undo what their object names: "repaired the damage", "undid the harm" credit
# the one who acts (the object's negative valence turns positive in an actor's region)
_REMEDY = _forms("repair fix undo reverse heal mend resolve salvage rescue remedy defuse avert "
                 "overcome") | frozenset("undid undone overcame".split())
# What must stand between two actors of one target for their parts to be set against each
# other: a contrast, a clause of its own ("that", "where"), a semicolon
_SPLIT_SEPARATORS = frozenset("""while whereas but though although yet unlike ; where that which
who whose""".split())
# Where the region of one actor ends in a sentence that names two actors of one target
_SPLIT_BOUNDARY = _CLAUSE_PUNCT | _SUBORDINATE | frozenset(
    "that which who whose whom where unlike whereas . ! ?".split())

# The cues of every rule, declared once: single words (lower case), and the few cues that are
# not one word (phrases, "not un-X", a possessive "'s").
_CUE_WORDS = frozenset(w.lower() for w in (
    *"unlike compared contrast rather than while whereas nobody hardly scarcely barely neither "
     "who whose which where whom sidelines by".split(),
    *VERB_POLARITY, *_PRESUPPOSING, *_WIN_VERBS, *_PSYCH_VERBS, *_RELATION_NOUNS))
# A sentence whose only cue is a relationship noun can only meet the relationship rule
_GENERAL_CUE_WORDS = _CUE_WORDS - _RELATION_NOUNS
_CUE_REST = re.compile(r"(?i)\b(?:no one|far from|not un\w+)\b|['’]s\b")
_WORDS = re.compile(r"\w+")

ROLE_CUES = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(map(re.escape, _CUE_WORDS), key=len, reverse=True))
    + r")\b|" + _CUE_REST.pattern.removeprefix("(?i)"))
"""Regex that finds every sentence a rule could apply to (the layer's pre-filter, as one
pattern; :func:`has_role_cue` gives the same verdict faster with a set of words)."""

_TOKEN = re.compile(r"\w+(?=n['’]t\b)|n['’]t\b|['’]s\b|\w+(?:[-.&]\w+)*|[^\w\s]")
# The same tokens for a sentence with no "n't" (most): without the look-ahead, twice as fast
_TOKEN_NO_NT = re.compile(r"['’]s\b|\w+(?:[-.&]\w+)*|[^\w\s]")
_NT = re.compile(r"n['’]t")


def has_role_cue(sentence: str) -> bool:
    """Whether a role rule could apply to ``sentence``: what :data:`ROLE_CUES` finds, faster.

    Examples
    --------
    >>> has_role_cue("The EU condemned Armenia."), has_role_cue("The EU met.")
    (True, False)
    >>> has_role_cue("Baku's view"), has_role_cue("no one doubts it")
    (True, True)
    """
    return bool(_cue_rules(sentence)[0])


_ALL_RULES = ("split", "verb", "contrast", "negation", "relationship", "other_actor")


def _cue_rules(sentence: str) -> tuple[tuple, frozenset]:
    """The rules a sentence's cue words let apply (all, the relationship rule alone when its
    only cue is a relationship noun, or none) and the sentence's lower-case words."""
    words = frozenset(_WORDS.findall(sentence.lower()))
    relation = not _RELATION_NOUNS.isdisjoint(words)
    if not _GENERAL_CUE_WORDS.isdisjoint(words) or _CUE_REST.search(sentence) is not None:
        return (_ALL_RULES if relation else _NO_RELATION), words
    return (_RELATION_ONLY if relation else ()), words


_RELATION_ONLY = ("split", "relationship")
_NO_RELATION = tuple(rule for rule in _ALL_RULES if rule != "relationship")
_RELATION_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(_RELATION_NOUNS | _RELATION_PRAISE,
                                                             key=len, reverse=True)) + r")\b")


def _relation_near(sentence: str, start: int, end: int, *, reach: int = 120) -> bool:
    """Cheap test before tokens for a sentence whose only cue is a relationship noun: a praise
    noun anywhere, or a relationship noun within ``reach`` characters of the mention (the
    rule links them within six tokens)."""
    for m in _RELATION_WORD.finditer(sentence):
        if m.group().lower() in _RELATION_PRAISE or (
                start - reach <= m.start() and m.end() <= end + reach):
            return True
    return False


class _Tokens(NamedTuple):
    starts: tuple
    ends: tuple
    text: tuple   # as written
    lower: tuple
    clause: tuple  # clause number per token
    caps: frozenset = frozenset()  # tokens that are names (_is_name)
    actor_clause: tuple = ()  # clause numbers split also where a subordinate clause opens
    clause_spans: tuple = ()  # the token range of each clause number of ``clause``
    actor_spans: tuple = ()  # the same for ``actor_clause``
    headline: bool = False  # Title Case or shouted: capitals do not mark names


@lru_cache(maxsize=4096)
def role_tokens(sentence: str) -> _Tokens:
    """Tokens of ``sentence`` for the role rules: words, "'s", "n't" and punctuation marks,
    with character offsets and a clause number (a new clause at , ; : dashes and brackets, and
    at "while", "whereas", "although", "though", "but").

    Examples
    --------
    >>> role_tokens("The EU's plan, while late, works.").text
    ('The', 'EU', "'s", 'plan', ',', 'while', 'late', ',', 'works', '.')
    >>> role_tokens("The EU's plan, while late, works.").clause
    (0, 0, 0, 0, 0, 1, 1, 1, 2, 2)
    """
    pattern = _TOKEN if _NT.search(sentence) else _TOKEN_NO_NT
    spans = [m.span() for m in pattern.finditer(sentence)]
    text = tuple([sentence[a:b] for a, b in spans])
    low = sentence.lower().replace("’", "'")
    lower = tuple([low[a:b] for a, b in spans]) if len(low) == len(sentence) else \
        tuple(t.lower().replace("’", "'") for t in text)  # "İ" lower-cases to two characters
    n = len(lower)
    clause, clause_spans, c, lo = [], [], 0, 0
    for i, w in enumerate(lower):
        if w in _SUBORDINATE and i and lower[i - 1] not in _CLAUSE_PUNCT:
            c += 1
            clause_spans.append(range(lo, i))
            lo = i
        clause.append(c)
        if w in _CLAUSE_PUNCT and not (
                w == "–" and 0 < i < n - 1 and spans[i - 1][1] == spans[i][0]
                and spans[i][1] == spans[i + 1][0]):
            c += 1  # not at an en dash inside a compound ("the Armenia–Azerbaijan border")
            clause_spans.append(range(lo, i + 1))
            lo = i + 1
    if lo < n:
        clause_spans.append(range(lo, n))
    starts, ends = zip(*spans) if spans else ((), ())
    tok = _Tokens(starts, ends, text, lower, tuple(clause), clause_spans=tuple(clause_spans))
    # computed once per sentence: every mention of it and every rule reads them
    upper = [i for i, t in enumerate(text) if t[0].isupper()]
    if _SUB_OPENERS.isdisjoint(lower):
        actor, actor_spans = tok.clause, tok.clause_spans
    else:
        actor = _actor_clauses(tok)
        actor_spans = _spans_of(actor)
    return tok._replace(caps=frozenset(i for i in upper if _is_name(tok, i)),
                        actor_clause=actor, actor_spans=actor_spans,
                        headline=_is_headline(text, len(upper)))


def _is_headline(text: tuple, n_upper: int) -> bool:
    """Six words or more, three quarters of them capitalised (a Title Case or shouted line);
    ``n_upper`` is the number of tokens that start with a capital (all of them words)."""
    if n_upper < 5:
        return False
    n_words = sum(t[:1].isalpha() for t in text)
    return n_words >= 6 and n_upper >= 0.75 * n_words


def _spans_of(numbers: tuple) -> tuple:
    """The token range of each clause number (numbers run 0, 1, 2 ... without gaps)."""
    out, lo = [], 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[lo]:
            out.append(range(lo, i))
            lo = i
    return tuple(out)


def _span_tokens(tok: _Tokens, start: int, end: int) -> range:
    """The tokens that overlap characters ``start:end`` (starts and ends are sorted)."""
    return range(bisect_right(tok.ends, start), bisect_left(tok.starts, end))


def _is_name(tok: _Tokens, i: int) -> bool:
    """A capitalised word that is not the sentence's first word (unless a possessor)."""
    t = tok.text[i]
    if not t[:1].isupper() or tok.lower[i] in _DETERMINERS or tok.lower[i] in _RELATIVE:
        return False
    return i > 0 or (i + 1 < len(tok.text) and tok.lower[i + 1] == "'s")


def _clause_of(tok: _Tokens, i: int) -> range:
    return tok.clause_spans[tok.clause[i]]


def _valence(tok: _Tokens, i: int, lexicon: Mapping[str, float], skip: frozenset) -> float:
    """Lexicon valence of token ``i`` with the negations VADER misses and its own."""
    w = tok.lower[i]
    if i in skip:
        return 0.0
    v = lexicon.get(w, 0.0)
    if not v and w.startswith("un") and lexicon.get(w[2:], 0.0) > 0:
        v = -lexicon[w[2:]]  # "unhelpful": the opposite of "helpful"
    if not v:
        return 0.0
    before = [tok.lower[k] for k in range(max(0, i - 3), i) if tok.clause[k] == tok.clause[i]]
    if any(b in _NEGATORS or b in _STRONG_NEGATORS for b in before):
        v = -0.74 * v
    return v


def _score(total: float, alpha: float) -> float:
    return total / math.sqrt(total * total + alpha) if total else 0.0


def _label(score: float, cuts: tuple[float, float]) -> str:
    return "positive" if score >= cuts[0] else "negative" if score <= cuts[1] else "neutral"


def _decide(role: str, rule: str, total: float, cue: str, alpha: float, cuts) -> Role:
    score = _score(total, alpha)
    return Role(role, rule, round(score, 6), _label(score, cuts), (), cue)


# --------------------------------------------------------------------------------------------
# The rules


def _subject_gap(tok: _Tokens, t1: int, v: int, names: set) -> bool:
    """Whether tokens t1+1 .. v-1 can stand between a subject and its verb."""
    k = t1 + 1
    if k < v and tok.lower[k] == "'s":
        k += 1
        while k < v and tok.lower[k] in _TITLES:
            k += 1
    for j in range(k, v):
        w = tok.lower[j]
        if w in _DETERMINERS or w in _AUX or w in ("and", "&", ".") or j in names \
                or w.endswith("ly") or tok.text[j][:1].isupper():
            continue
        return False
    return True


def _object_gap(tok: _Tokens, v: int, t0: int) -> bool:
    return all(tok.lower[j] in _DETERMINERS for j in range(v + 1, t0)) and t0 - v <= 3


def _verb_role(tok, t0, t1, names, lexicon, alpha, cuts, object_score) -> Role | None:
    lower, n = tok.lower, len(tok.lower)
    # the target as subject: the first verb after it, in its clause
    for v in range(t1 + 1, min(n, t1 + 9)):
        w = lower[v]
        if tok.clause[v] != tok.clause[t1] and w != "'s":
            break
        if w in _PASSIVE:
            # "Armenia was (widely) condemned by ...": the target receives the verb's polarity
            for u in range(v + 1, min(n, v + 3)):
                pol = VERB_POLARITY.get(lower[u])
                if pol and lower[u].endswith(("ed", "d")) and _subject_gap(tok, t1, v, names):
                    return Role("object", "object", round(object_score * pol, 6),
                                _label(object_score * pol, cuts), (), f"{tok.text[v]} "
                                f"{tok.text[u]}")
                if not lower[u].endswith("ly"):
                    break
            break
        is_verb = w in VERB_POLARITY or w in _PRESUPPOSING or w in _WIN_VERBS
        if not is_verb or w.endswith("ing") or (v > 0 and lower[v - 1] in _DETERMINERS):
            continue
        if not _subject_gap(tok, t1, v, names):
            break
        if w in _WIN_VERBS:
            return Role("winner", "win", round(object_score, 6), _label(object_score, cuts),
                        (), tok.text[v])
        if w in _PRESUPPOSING:
            return Role("holder", "presupposes", round(object_score, 6),
                        _label(object_score, cuts), (), tok.text[v])
        # the holder is neutral unless the words before the verb evaluate it
        start = _clause_of(tok, t0)[0]
        own = sum(_valence(tok, k, lexicon, frozenset(names)) for k in range(start, v)
                  if not t0 <= k <= t1)
        return _decide("holder", "holder", own, tok.text[v], alpha, cuts)
    # the target as object (or owner of the object) of an evaluating verb before it
    for v in range(t0 - 1, max(-1, t0 - 4), -1):
        w = lower[v]
        pol = VERB_POLARITY.get(w)
        if w in _WIN_VERBS and _object_gap(tok, v, t0) and (v == 0 or lower[v - 1] not in _PASSIVE):
            return Role("loser", "win", round(-object_score, 6), _label(-object_score, cuts),
                        (), tok.text[v])
        if w in _PSYCH_VERBS and t0 - v <= 3 and (v == 0 or lower[v - 1] not in
                                                    _PASSIVE | _DETERMINERS) and any(
                j in names for j in _clause_of(tok, v) if j < v) and all(
                lower[j] in _DETERMINERS and lower[j] != "that" or tok.text[j].isalpha()
                and tok.text[j].islower() and lower[j] not in _FUNCTION
                and lower[j] not in _PREPOSITIONS for j in range(v + 1, t0)):
            # "Moscow's threats alarmed Yerevan": the object feels the alarm another named actor
            # caused, and is not evaluated by it; only its own modifiers ("impressed the
            # hardworking Cruz") evaluate it
            own = sum(_valence(tok, j, lexicon, frozenset(names)) for j in range(v + 1, t0))
            return _decide("experiencer", "experiencer", own, tok.text[v], alpha, cuts)
        if pol is None or w.endswith("ing") and v > 0 and lower[v - 1] in _DETERMINERS:
            continue
        if w == "by" or not _object_gap(tok, v, t0) or (v > 0 and lower[v - 1] in _PASSIVE):
            break
        if not pol:
            return None
        return Role("object", "object", round(object_score * pol, 6),
                    _label(object_score * pol, cuts), (), tok.text[v])
    # the agent of a passive: "was condemned by the EU" holds the evaluation
    if t0 >= 2 and lower[t0 - 1] == "by" or (t0 >= 3 and lower[t0 - 1] in _DETERMINERS
                                              and lower[t0 - 2] == "by"):
        b = t0 - 1 if lower[t0 - 1] == "by" else t0 - 2
        verb = lower[b - 1] if b > 0 else ""
        if verb in VERB_POLARITY or verb in _WIN_VERBS:
            return _decide("holder", "holder", 0.0, tok.text[b - 1], alpha, cuts)
    return None


def _side_valence(tok, span: range, lexicon, skip) -> tuple[float, float, bool]:
    """Evaluative valence, (in)action sign and whether "only" belittles, of a token range."""
    val = sum(_valence(tok, k, lexicon, skip) for k in span)
    act = 0.0
    for k in span:
        w = tok.lower[k]
        if k in skip:
            continue
        if w in _ACTION:
            act += 1.0
        elif w in _INACTION:
            act -= 1.0
        elif w in _SIDELINES and tok.lower[k - 2] in ("from", "on") and any(
                tok.lower[i] in _SIDELINE_VERBS for i in range(max(0, k - 5), k)) and (
                k + 1 >= len(tok.lower) or tok.lower[k + 1] != "of"):
            act -= 2.0  # "watched from the sidelines" (not "on the sidelines of the summit")
    only = any(tok.lower[k] in _ONLY for k in span)
    return val, act, only


def _contrast_role(tok, t0, t1, names, lexicon, alpha, cuts, contrast_weight) -> Role | None:
    lower, n = tok.lower, len(tok.lower)
    skip = frozenset(names) | frozenset(range(t0, t1 + 1))
    sides = None
    # "Unlike X, Y ...", "Compared with X, Y ..." (fronted) or "Y ..., unlike X" (trailing)
    for k in range(n):
        if lower[k] not in _FRONT_FIRST:  # most words start no contrast cue
            continue
        cue = next((c for c in _FRONT_CONTRAST if lower[k:k + len(c)] == c), None)
        if not cue:
            continue
        a = k + len(cue)
        end = next((j for j in range(a, n) if lower[j] in _CLAUSE_PUNCT), n)
        if end + 1 < n and lower[end + 1] in _RELATIVE:  # "Unlike the EU, which only ..., X"
            end = next((j for j in range(end + 1, n) if lower[j] in _CLAUSE_PUNCT), n)
        if k == 0 or lower[k - 1] in _CLAUSE_PUNCT:
            first = range(k, end)  # the contrasted side
            second = range(end + 1, n) if k == 0 else range(0, k - 1)
            sides = (first, second, " ".join(cue))
        break
    # "X ... while/whereas Y ...": two clauses, each with its own named subject
    if sides is None:
        for k in range(1, n):
            if lower[k] not in ("while", "whereas"):
                continue
            c0 = _clause_of(tok, k - 1) if lower[k - 1] not in _CLAUSE_PUNCT else \
                _clause_of(tok, k - 2)
            c1 = _clause_of(tok, k)
            if k == 0 or k == c0[0]:
                continue
            if lower[0] == "while" or lower[0] == "whereas":
                break
            sides = (range(c0[0], c0[-1] + 1), range(k, c1[-1] + 1), lower[k])
            break
        if sides is None and lower[:1] in (("while",), ("whereas",)):
            c1 = _clause_of(tok, 0)
            sides = (range(0, c1[-1] + 1), range(c1[-1] + 1, n), lower[0])
        if sides is not None:
            a, b, cue = sides
            named = [any(j in names or t0 <= j <= t1 or tok.text[j][:1].isupper() and j > 0
                         for j in s) for s in (a, b)]
            if not all(named):
                sides = None
    if sides is not None:
        a, b, cue = sides
        if t0 in a:
            own, other = a, b
        elif t0 in b:
            own, other = b, a
        else:
            return None
        if any(j in names for j in other) is False and not any(
                tok.text[j][:1].isupper() for j in other if j > 0):
            return None
        v_own, act_own, only_own = _side_valence(tok, own, lexicon, skip)
        v_other, act_other, only_other = _side_valence(tok, other, lexicon, skip)
        total = v_own - contrast_weight * v_other
        if act_own * act_other < 0:  # action set against inaction
            total += 1.5 * (act_own - act_other) / 2
        elif act_own <= -2:  # on the sidelines while another acts
            total = min(total, 0.0) + 1.5 * act_own / 2
        if not total and only_own != only_other:
            total = -1.5 if only_own else 1.5
        if cue in ("while", "whereas") and not act_own * act_other < 0 and act_own > -2:
            # no contrast of action: the other clause is another actor's; the own one decides
            return None
        return _decide("contrast", "contrast", total, cue, alpha, cuts)
    # "X moved faster than Y", "X rather than Y"
    for k in range(1, n - 1):
        w = lower[k]
        if w == "than" and lower[k - 1] in _COMPARATIVES:
            sign = _COMPARATIVES[lower[k - 1]]
            c = _clause_of(tok, k)
            if t0 in c and t0 < k - 1:
                return _decide("contrast", "contrast", 1.5 * sign, f"{tok.text[k - 1]} than",
                               alpha, cuts)
            if t0 in c and t0 > k and t0 - k <= 3:
                return _decide("contrast", "contrast", -1.5 * sign, f"{tok.text[k - 1]} than",
                               alpha, cuts)
        if w == "rather" and lower[k + 1] == "than" and t0 > k + 1:
            after = range(k + 2, _clause_of(tok, k + 1)[-1] + 1)
            if t0 in after:
                v, _, _ = _side_valence(tok, after, lexicon, skip)
                if v:
                    return _decide("contrast", "contrast", v, "rather than", alpha, cuts)
    return None


def _negation_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    lower, n = tok.lower, len(tok.lower)
    skip = frozenset(names) | frozenset(range(t0, t1 + 1))
    clause = _clause_of(tok, t0)
    for k in range(n):
        w = lower[k]
        nobody = w in _NOBODY or (w == "no" and k + 1 < n and lower[k + 1] in ("one", "doubt"))
        if nobody and k < t0:
            after = k + 2 if w == "no" else k + 1
            if after < n and (lower[after] in _DOUBT or w == "no" and lower[k + 1] == "doubt"):
                # "No one doubts that X ...": the doubt is denied, the rest is asserted
                rest = [j for j in range(after + 1, n) if j not in skip]
                total = sum(lexicon.get(lower[j], 0.0) for j in rest)
                return _decide("negated", "negation", total, f"{tok.text[k]} ... "
                               f"{tok.text[after] if lower[k + 1] != 'doubt' else 'doubt'}",
                               alpha, cuts)
            if tok.clause[k] == tok.clause[t0]:
                rest = [j for j in clause if j > k and j not in skip]
                total = -sum(lexicon.get(lower[j], 0.0) for j in rest)
                if total:
                    return _decide("negated", "negation", total, tok.text[k], alpha, cuts)
    total, cue, hit = 0.0, "", False
    for k in clause:
        w = lower[k]
        if w in _STRONG_NEGATORS or w in ("neither", "nor") or (
                w == "far" and k + 1 < n and lower[k + 1] == "from"):
            for j in range(k + 1, min(n, k + 4)):
                v = lexicon.get(lower[j], 0.0)
                if v and j not in skip:
                    total -= 0.74 * v
                    cue, hit = f"{tok.text[k]} {tok.text[j]}", True
                    break
        if w == "not" and k + 1 < n and lower[k + 1].startswith("un") \
                and lexicon.get(lower[k + 1][2:], 0.0) > 0:
            total += 0.74 * lexicon[lower[k + 1][2:]]
            cue, hit = f"not {tok.text[k + 1]}", True
    if hit:
        rest = sum(_valence(tok, j, lexicon, skip) for j in clause
                   if not (lower[j] in ("not",) or any(
                       lower[i] in _STRONG_NEGATORS or lower[i] in ("neither", "nor", "from")
                       for i in range(max(0, j - 3), j)) or lower[j].startswith("un")))
        return _decide("negated", "negation", total + rest, cue, alpha, cuts)
    return None


_LINKS = frozenset("with between and the of to &".split())


def _linked(tok, t0, t1, k, names) -> bool:
    """Whether the relationship noun at ``k`` is the target's: a named target close before it
    with no other name between ("Washington's partnership", "The EU is an important partner"),
    or after it through "with", "between", "and" ("ties between Armenia and the US")."""
    if not tok.text[t0][:1].isupper():
        return False  # a pronoun is no mention (codebook)
    if k < t0:
        return t0 - k <= 6 and all(tok.lower[j] in _LINKS or j in names
                                   for j in range(k + 1, t0))
    return 0 < k - t1 <= 6 and not any(j in names or tok.lower[j] in _REPORTING
                                       for j in range(t1 + 1, k))


def _relationship_role(tok, t0, t1, names, lexicon, alpha, cuts) -> Role | None:
    """Praise of a relationship the target is part of (codebook), in a clause with a
    relationship noun ("relations", "ties", "partner" ...).

    A praise noun VADER lacks ("a pillar of stability", "a cornerstone") decides: positive,
    with the clause's other evaluative words. Otherwise the words that are not praise are
    masked for the base method to rescore without them: trend and importance words, the
    relationship nouns themselves ("cooperation" and "partnership" carry VADER valence) and a
    setting ("throughout the crisis")."""
    lower, n = tok.lower, len(tok.lower)
    clause = _clause_of(tok, t0)
    if not any(lower[k] in _RELATION_NOUNS for k in clause):
        return None
    if any(lower[k] in _REPORTING for k in range(t1 + 1, min(n, t1 + 4))
           if tok.clause[k] == tok.clause[t0]):
        return None  # the target speaks about a relationship: the speech rules decide
    skip = frozenset(names) | frozenset(range(t0, t1 + 1))
    total, praise, dropped, setting = 0.0, [], [], 0
    for k in clause:
        w = lower[k]
        if w in _SETTING:
            setting = 4  # the preposition and up to three words of its phrase
        if setting:
            setting -= 1
            if lexicon.get(w, 0.0) and k not in skip:
                dropped.append(k)
            continue
        if k in skip:
            continue
        if w in _RELATION_NOUNS or w in _TREND or w in _IMPORTANCE:
            if lexicon.get(w, 0.0):
                dropped.append(k)
        elif w in _RELATION_PRAISE and k + 1 < n and lower[k + 1] in ("of", "for"):
            # "a pillar of stability", "an anchor for reforms" (not "news anchor Yonit Levi")
            negated = any(lower[i] in _NEGATORS or lower[i] in _STRONG_NEGATORS
                          for i in range(max(clause[0], k - 3), k))
            total += -0.74 * _PRAISE_WEIGHT if negated else _PRAISE_WEIGHT
            praise.append(k)
        else:
            total += _valence(tok, k, lexicon, skip)
    if praise and total > 0:
        return _decide("relationship", "relationship", total,
                       " ".join(tok.text[k] for k in praise), alpha, cuts)
    if not dropped or praise or not any(_linked(tok, t0, t1, k, names) for k in clause
                                        if lower[k] in _RELATION_NOUNS):
        return None  # nothing this rule changes, praise denied, or the relationship is not
        # the target's ("whatever cooperation he gave"): the base method decides
    if not total:  # nothing but what is not praise: neutral, no need to rescore
        return Role("relationship", "relationship", 0.0, _label(0.0, cuts), (),
                    "not praise: " + " ".join(tok.text[k] for k in dropped))
    return Role("relationship", "relationship", None, None,
                tuple((tok.starts[k], tok.ends[k]) for k in dropped),
                "not praise: " + " ".join(tok.text[k] for k in dropped))


def _mention_regions(tok, mentions: list, skip: frozenset, lexicon) -> list[float]:
    """Valence of the words about each of several mentions of one target: its own part of
    the sentence (up to a clause boundary, a relative word or the next mention), or the
    words of its possessive phrase ("Vance's pragmatic approach") where they evaluate."""
    lower, n = tok.lower, len(tok.lower)
    bounds = [k for k in range(n) if lower[k] in _SPLIT_BOUNDARY]
    out = []
    for i, (m0, m1) in enumerate(mentions):
        lo = max([b + 1 for b in bounds if b < m0], default=0)
        hi = min([b - 1 for b in bounds if b > m1], default=n - 1)
        if i and mentions[i - 1][1] >= lo:
            lo = m0  # the previous mention shares the part: each gets its own words
        if i + 1 < len(mentions) and mentions[i + 1][0] <= hi:
            hi = mentions[i + 1][0] - 1
        value = 0.0
        if m1 + 1 < n and lower[m1 + 1] == "'s":
            k = m1 + 2
            while k < n and k - m1 <= 5 and tok.text[k].isalpha() and not (
                    lower[k] in _FUNCTION or lower[k] in _DETERMINERS or lower[k] in _AUX
                    or lower[k] in _PASSIVE or lower[k] in _SPLIT_BOUNDARY):
                value += _valence(tok, k, lexicon, skip)
                k += 1
        if not value:
            for k in range(lo, hi + 1):
                v = _valence(tok, k, lexicon, skip)
                if v < 0 and any(lower[u] in _REMEDY for u in range(max(lo, k - 3), k)):
                    v = -v  # "repaired the damage"
                value += v
        out.append(value)
    return out


def _split_role(tok, t0, t1, same, names, lexicon, min_valence) -> Role | None:
    """Two actors of one target with opposite polarity in one sentence (codebook): neutral.

    ``same`` holds the token ranges of the target's other mentions ("Trump deserves credit,
    while the Biden administration wasted four years")."""
    mentions = sorted([(t0, t1), *same])
    lower = tok.lower

    def words(m):
        return " ".join(tok.text[m[0]:m[1] + 1])

    def opposable(first, second):  # two actors (not one named twice) set against each other
        if words(first).lower() == words(second).lower():
            return False
        if all(m[1] + 1 < len(lower) and lower[m[1] + 1] == "'s" for m in (first, second)):
            return True
        return any(lower[k] in _SPLIT_SEPARATORS for k in range(first[1] + 1, second[0]))

    pairs = [(i, j) for i in range(len(mentions)) for j in range(i + 1, len(mentions))
             if opposable(mentions[i], mentions[j])]
    if not pairs:
        return None
    skip = frozenset(names) | frozenset(i for a, b in mentions for i in range(a, b + 1))
    values = _mention_regions(tok, mentions, skip, lexicon)
    for i, j in pairs:
        if values[i] * values[j] < 0 and min(abs(values[i]), abs(values[j])) >= min_valence:
            up, down = (i, j) if values[i] > 0 else (j, i)
            return Role("split", "actor_split", 0.0, "neutral", (),
                        f"{words(mentions[up])} + / {words(mentions[down])} -")
    return None


def _actor_clauses(tok: _Tokens) -> tuple:
    """Clause numbers that also start a clause at a subordinating word followed by a name
    ("... as EU ministers met", "... when the Kremlin ..."), each with its own subject."""
    lower, text, n = tok.lower, tok.text, len(tok.lower)
    out, shift = [], 0
    for k in range(n):
        if lower[k] in _SUB_OPENERS and 0 < k < n - 1 and tok.clause[k - 1] == tok.clause[k] \
                and lower[k - 1] not in _NOT_OPENING and (
                    text[k + 1][:1].isupper() or lower[k + 1] in _DETERMINERS
                    and k + 2 < n and text[k + 2][:1].isupper()):
            shift += 1
        out.append(tok.clause[k] + shift)
    return tuple(out)


def _other_actor_mask(tok, t0, t1, names, lexicon, same=frozenset()) -> Role | None:
    """Spans of words about another actor: its clauses, relative clauses and possessives.

    A clause that names the target again or refers back by a pronoun is not masked.
    """
    lower, n = tok.lower, len(tok.lower)
    own = {lower[i] for i in range(t0, t1 + 1)}
    masked: set[int] = set()
    # a relative clause on another actor, or about one, that does not refer back to the
    # target by a pronoun ("Baku, where critics have condemned ..."; not "Spain, where he ...")
    for k in range(2, n):
        if lower[k] in _RELATIVE and lower[k - 1] == "," and not t0 <= k - 2 <= t1:
            end = next((j for j in range(k + 1, n) if lower[j] in _CLAUSE_PUNCT), n)
            inside = range(k + 1, end)
            if not k <= t0 < end and ((k - 2) in names or (k + 1) in names or any(
                    j in names and lower[j - 1] in _DETERMINERS for j in inside[:2])) \
                    and not any(lower[j] in own or lower[j] in _PERSONAL and (k - 2) not in names
                                for j in inside):
                masked.update(range(k, end))
    # a subordinate clause opened by another actor ("as Russia's economy suffered ...")
    for k in range(n - 1):
        if lower[k] in _OPENERS and (k + 1) in names and not t0 <= k + 1 <= t1 and k > t1:
            end = next((j for j in range(k + 1, n) if lower[j] in _CLAUSE_PUNCT), n)
            if not k <= t0 < end and not any(lower[j] in _PERSONAL or lower[j] in own
                                             for j in range(k + 1, end)):
                masked.update(range(k, end))
    # a clause or fronted phrase whose subject is another actor ("Turkey's cruel blockade
    # crippled trade, and", "Despite Turkey's hostile rhetoric, ...", "Russia's offensive
    # stalled as EU ministers met")
    clauses = tok.actor_clause
    seen = set()
    for k in range(n):
        c = clauses[k]
        if c in seen or c == clauses[t0]:
            continue
        seen.add(c)
        span = tok.actor_spans[c]
        if span[0] == t1 + 2 and lower[t1 + 1] == ",":
            continue  # an apposition to the target describes it ("Sanders, a Brooklynite")
        j = span[0]
        while j <= span[-1] and (lower[j] in _CLAUSE_PUNCT or lower[j] in ("the", "and")
                                 or lower[j] in _SUBORDINATE or lower[j] in _FRONTING):
            j += 1
        if j <= span[-1] and j in names and not t0 <= j <= t1 and j not in same \
                and not any(lower[i] in own or lower[i] in _PERSONAL for i in span):
            masked.update(span)
    # the modifiers in another actor's possessive phrase before the target, in its clause:
    # "the Kremlin's cynical propaganda campaign was aimed at Armenian voters"
    for k in range(1, t0):
        if lower[k] == "'s" and (k - 1) in names and tok.clause[k] == tok.clause[t0]:
            for j in range(k + 1, min(k + 3, t0)):
                if j + 1 < n and tok.text[j + 1].isalpha() and tok.text[j + 1].islower() \
                        and tok.lower[j + 1] not in _FUNCTION:
                    masked.add(j)
    masked -= set(range(t0, t1 + 1))
    if not any(lexicon.get(lower[j]) for j in masked):
        return None
    spans, run = [], None
    for j in sorted(masked):
        if run and j == run[1] + 1:
            run[1] = j
        else:
            run = [j, j]
            spans.append(run)
    return Role("other_actor", "other_actor", None, None,
                tuple((tok.starts[a], tok.ends[b]) for a, b in spans),
                " ".join(tok.text[a] for a, _ in spans))


def mention_role(sentence: str, start: int, end: int, *, mask_spans: Sequence = (),
                 same_spans: Sequence = (), lexicon: Mapping[str, float] | None = None,
                 object_score: float = 0.5, contrast_weight: float = 1.0,
                 split_valence: float = 0.3, alpha: float = 15.0,
                 cuts: tuple[float, float] = (0.01, -0.03)) -> Role:
    """The role of the mention ``sentence[start:end]`` and what the scorer must do for it.

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        Character offsets of the mention (end exclusive).
    mask_spans : sequence of (int, int), default ()
        The other mentions of targets in the sentence (characters): names, never evaluation.
    same_spans : sequence of (int, int), default ()
        Those of ``mask_spans`` that mention the same target (another actor of it: "Trump"
        and "the Biden administration" for the US), for the actor-split rule; their words are
        not masked as another actor's.
    lexicon : mapping of str to float, optional
        Word valences on VADER's -4..+4 scale (lower-cased words); VADER's own lexicon if not
        given (the scorer passes its news-extended one).
    object_score : float, default 0.5
        Score given to the object of an evaluating verb (with the verb's sign), to the winner
        (and, negated, the loser) of a verb of outdoing and to a holder a verb presupposes is
        right.
    contrast_weight : float, default 1.0
        How much the other side's evaluative words count (reversed) for a side of a contrast.
    split_valence : float, default 0.3
        The valence (VADER's word scale) the words about each of two actors of one target must
        reach, with opposite signs, for the actor-split rule (neutral).
    alpha : float, default 15.0
        VADER's normalisation, ``score = s / sqrt(s**2 + alpha)``, for the rules that sum
        valences.
    cuts : (float, float), default (0.01, -0.03)
        Positive and negative label cut-offs of a rule's score (the default method's).

    Returns
    -------
    Role
        ``role``, ``rule``, ``score``/``label`` (``None`` unless the rule decides the polarity),
        ``mask`` (character spans to ignore for this mention) and ``cue``. ``Role()`` (all
        empty) when no rule applies.

    Examples
    --------
    >>> s = "The US and the European Union sharply condemned Armenia."
    >>> mention_role(s, 4, 6)[:4], mention_role(s, 48, 55)[:4]
    (('holder', 'holder', 0.0, 'neutral'), ('object', 'object', -0.5, 'negative'))
    >>> mention_role("Unlike weak Armenia, the United States acted decisively.", 25, 38).label
    'positive'
    """
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"mention offsets {start}:{end} outside the sentence "
                         f"(length {len(sentence)})")
    if lexicon is None:
        lexicon = _vader_lexicon()
    return _mention_role(sentence, start, end, mask_spans, same_spans, lexicon, object_score,
                         contrast_weight, split_valence, alpha, cuts, _ALL_RULES)


# mention_role's options and their defaults, for apply_roles
_ROLE_OPTIONS = {name: p.default for name, p in signature(mention_role).parameters.items()
                 if p.kind is p.KEYWORD_ONLY}


def _mention_role(sentence, start, end, mask_spans, same_spans, lexicon, object_score,
                  contrast_weight, split_valence, alpha, cuts, rules) -> Role:
    """:func:`mention_role` with its arguments checked, for the rules named in ``rules``."""
    tok = role_tokens(sentence)
    target = _span_tokens(tok, start, end)
    if not target:
        return NO_ROLE
    t0, t1 = target[0], target[-1]
    names = set()
    for a, b in mask_spans:
        names.update(_span_tokens(tok, a, b))
    own = {tok.lower[i] for i in target}
    names.update(tok.caps)
    names = {i for i in names if tok.lower[i] not in own}  # the target named again
    same = []
    for a, b in same_spans:
        span = _span_tokens(tok, a, b)
        if span and not t0 <= span[0] <= t1:
            same.append((span[0], span[-1]))
    for name in rules:  # in the order of _ALL_RULES: the first rule that applies decides
        if name == "split":
            role = _split_role(tok, t0, t1, same, names, lexicon, split_valence) if same \
                else None
        elif name == "verb":
            role = _verb_role(tok, t0, t1, names, lexicon, alpha, cuts, object_score)
        elif name == "contrast":
            role = _contrast_role(tok, t0, t1, names, lexicon, alpha, cuts, contrast_weight)
        elif name == "negation":
            role = _negation_role(tok, t0, t1, names, lexicon, alpha, cuts)
        elif name == "relationship":
            role = _relationship_role(tok, t0, t1, names, lexicon, alpha, cuts)
        else:
            role = None if tok.headline else _other_actor_mask(
                tok, t0, t1, names, lexicon, frozenset(i for a, b in same
                                                       for i in range(a, b + 1)))
        if role is not None:
            return role
    return NO_ROLE


def _split_possible(sentence: str, start: int, end: int, same: Sequence,
                    words: frozenset) -> bool:
    """Cheap test before tokens: another actor's name differs from this mention's, and a word
    that can set two parts against each other (:data:`_SPLIT_SEPARATORS`) or a possessive
    is there; ``words`` are the sentence's lower-case words."""
    own = sentence[start:end].lower()
    if all(sentence[a:b].lower() == own for a, b in same):
        return False
    return ";" in sentence or not _SPLIT_SEPARATORS.isdisjoint(words) or (
        "'s" in sentence or "’s" in sentence)


def _same_target(spans: Sequence, targets: Sequence, start: int, end: int) -> list:
    """The spans of ``spans`` other than ``(start, end)`` whose target is that mention's."""
    own = next((t for s, t in zip(spans, targets) if tuple(s) == (start, end)), None)
    return [tuple(s) for s, t in zip(spans, targets) if t == own and tuple(s) != (start, end)] \
        if own is not None else []


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


def apply_roles(sentences: Sequence[str], row_sentence: Sequence[int], starts: Sequence[int],
                ends: Sequence[int], scores: list, labels: list, words: list, *,
                mention_spans: Sequence = (), mention_targets: Sequence = (),
                rescore: Callable | None = None,
                describe: Callable | None = None, **options) -> tuple[list, list, list, list]:
    """The role layer over a base method's rows: override the rows a rule decides.

    Row ``r`` is the mention ``starts[r]:ends[r]`` of ``sentences[row_sentence[r]]`` (whose
    target mentions are ``mention_spans[row_sentence[r]]``) with the base method's ``scores``,
    ``labels`` and ``words``. Only sentences :data:`ROLE_CUES` matches are looked at. A rule's
    polarity replaces the row's score and label, and ``words`` becomes the rule's cue; a
    masking rule (``other_actor``, ``relationship``) replaces them with
    ``rescore(sentence, start, end, mask)``, ``(score, label, words)`` of the mention with
    ``mask`` (the other mentions and the rule's spans) ignored; without ``rescore`` it is left
    as it is. A sentence with no cue word (:func:`has_role_cue`) is looked at only for a row
    whose target has another mention in it (the actor-split rule).

    Parameters
    ----------
    sentences, row_sentence, starts, ends : sequences
        As above.
    scores, labels, words : list
        The base method's values per row (not modified).
    mention_spans : sequence of lists of (int, int), default ()
        Every target mention of each sentence.
    mention_targets : sequence of lists of str, default ()
        The target of each of ``mention_spans`` (same shape). With it, the other mentions of
        a row's own target are known (the actor-split rule, :func:`mention_role`'s
        ``same_spans``); without it no row is split.
    rescore : callable, optional
        ``rescore(sentence, start, end, mask) -> (score, label, words)``.
    describe : callable, optional
        ``describe(rule, cue, score)``: the ``words`` value of a row a rule decides; default
        ``"rule: cue"``.
    **options
        Passed to :func:`mention_role`.

    Returns
    -------
    tuple of lists
        ``(scores, labels, words, rules)``: ``rules`` names the rule of each overridden row and
        is "" elsewhere.

    Examples
    --------
    >>> s = ["Brussels criticised the United States for its reckless tariffs."]
    >>> apply_roles(s, [0, 0], [0, 24], [8, 37], [-0.4, -0.4], ["negative"] * 2, ["", ""],
    ...             mention_spans=[[(0, 8), (24, 37)]])
    ([0.0, -0.5], ['neutral', 'negative'], ['holder: criticised', 'object: criticised'], \
['holder', 'object'])
    """
    scores, labels, words = list(scores), list(labels), list(words)
    rules = [""] * len(scores)
    hit = [_cue_rules(s) for s in sentences]
    unknown = set(options) - set(_ROLE_OPTIONS)
    if unknown:
        raise TypeError(f"apply_roles: unknown option(s) {sorted(unknown)}, expected some of "
                        f"{sorted(_ROLE_OPTIONS)} (mention_role's options)")
    settings = {**_ROLE_OPTIONS, **options}
    lexicon = settings.pop("lexicon") or _vader_lexicon()
    # the words without which the relationship rule changes nothing (with this lexicon)
    relation_words = {w for w in _RELATION_NOUNS | _TREND | _IMPORTANCE if lexicon.get(w)} \
        | _RELATION_PRAISE | _SETTING
    del settings["mask_spans"], settings["same_spans"]
    for r, (j, a, b) in enumerate(zip(row_sentence, starts, ends)):
        if not (isinstance(scores[r], float) and scores[r] == scores[r]):
            continue  # a row left unscored (NaN)
        spans = mention_spans[j] if len(mention_spans) else ()
        same = _same_target(spans, mention_targets[j], a, b) \
            if len(spans) > 1 and len(mention_targets) else []
        which, present = hit[j]
        if which is _ALL_RULES and relation_words.isdisjoint(present):
            which = _NO_RELATION  # the relationship rule would find nothing to change
        elif which is _RELATION_ONLY and (relation_words.isdisjoint(present)
                                          or not _relation_near(sentences[j], a, b)):
            which = ()
        if same and not _split_possible(sentences[j], a, b, same, present):
            same = []  # one actor named twice, or nothing to set two actors against each other
        if not which:
            if not same:
                continue  # no cue, and no other actor of the target set against this one
            which = ("split",)
        if not 0 <= a < b <= len(sentences[j]):
            raise ValueError(f"mention offsets {a}:{b} outside the sentence "
                             f"(length {len(sentences[j])})")
        others = [s for s in spans if tuple(s) != (a, b)]
        role = _mention_role(sentences[j], a, b, others, same, lexicon, **settings,
                             rules=which)
        if role.score is not None:
            scores[r], labels[r] = role.score, role.label
            words[r] = describe(role.rule, role.cue, role.score) if describe else \
                f"{role.rule}: {role.cue}"
            rules[r] = role.rule
        elif role.mask and rescore is not None:
            score, label, text = rescore(sentences[j], a, b, [*others, *role.mask])
            scores[r], labels[r], words[r], rules[r] = score, label, text, role.rule
    return scores, labels, words, rules
