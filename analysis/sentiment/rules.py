"""The words the scoping rules read, and each whitespace token's facts about them.

What a target says (speech), whether it is a setting (a time, a place, an addressee), whether it
is a victim of harm, comparative cues: the rules themselves are the scorer's
(:mod:`analysis.sentiment.bulk`), which reads a token only through :func:`rule_bits`.
"""

from __future__ import annotations

__all__ = ["CLAUSE_END", "CUES", "HARM", "HARM_ACTS", "is_possessive", "NAMING", "PASSIVE_AUX",
           "PRONOUNS", "QUOTE_MARKS", "RULE_BITS", "rule_bits", "SAY", "SETTING_BEFORE", "STRIP",
           "TALK", "TIME_UNITS", "TIME_WORDS"]

CLAUSE_END = frozenset(",;:—–()")  # a token ending in one closes a clause
QUOTE_MARKS = frozenset('"“”‘’\'')
STRIP = "\"'“”‘’.,;:!?()"  # stripped from a word before it is looked up in a word list
# Comparative cues: value for what stands before the cue (the other side gets the opposite).
CUES = {"behind": -1.5, "lags": -1.5, "lagging": -1.5, "lagged": -1.5, "trails": -1.5,
        "trailing": -1.5, "trailed": -1.5, "than": 0.0, "outpaced": 1.5, "outpaces": 1.5,
        "outperformed": 1.5, "outperforms": 1.5, "surpassed": 1.5, "surpasses": 1.5,
        "overtook": 1.5, "overtakes": 1.5, "defeated": 1.5, "defeats": 1.5, "defeating": 1.5,
        "beat": 1.5, "beats": 1.5, "trounced": 1.5, "trounces": 1.5}
PASSIVE_AUX = frozenset("was were been being be is are got gets get".split())

SAY = frozenset("""said says say told tells tweeted tweets wrote writes added adds argued argues
stated states claimed claims asked asks insisted insists declared declares noted notes
warned warns replied replies explained explains according""".split())
# "X talks with Y about the attacks": what a target talks about does not blame it
TALK = frozenset("""talks talked talking speaks spoke speaking discussed discusses referring
referred refers""".split())
# "X called Y 'a liar'": the quotation is said about Y, whoever says it.
NAMING = frozenset("called calls calling dubbed labeled labelled branded described".split())

TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december today yesterday
tomorrow""".split())
TIME_UNITS = TIME_WORDS | frozenset("""week weekend month year night morning evening afternoon
day""".split())
_TIME_DET = frozenset("this last next that the early late same".split())
# where it happens; whom a speaker addresses
SETTING_BEFORE = frozenset("""in told tells telling asked asks asking informed phoned
briefed""".split())
PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their
this that these those""".split())

# Violence, death and illness: what happens to a victim says nothing against it.
HARM = frozenset("""died die death dead killed kill killing murdered murder stabbed injured
hurt abducted abduction assaulted assault beaten raped rape tortured missing victim victims
suffered suffering sick illness cancer""".split())  # those VADER scores
_HARM_UNDERGONE = frozenset("died die dead missing suffered suffering sick victim".split())
_OBJECT_GAP = frozenset("of the a an".split())
# Harm that VADER does not score, which still makes its object a victim ("shot X")
HARM_ACTS = frozenset("shot shooting stabbing slain wounded wounding kidnapped kidnapping".split())
# What may stand between a victim and what it undergoes ("X has died", "X went missing")
_UNDERGO_AUX = frozenset("has had have went gone who".split())
# Wins: comparative cues only as active verbs (the winner stands before them), not after a
# passive auxiliary ("was defeated") or an article ("the defeated candidate"), nor in "beat up"
_WINS = frozenset("defeated defeats defeating beat beats trounced trounces".split())
_NOT_ACTIVE = PASSIVE_AUX | frozenset("the a an".split())


def is_possessive(token: str) -> bool:
    """Whether a whitespace token ends in a possessive ("Obama's", "states'").

    Examples
    --------
    >>> is_possessive("Obama's"), is_possessive("states',"), is_possessive("Obama")
    (True, True, False)
    """
    return token.rstrip(".,;:!?)\"”").endswith(("'s", "’s", "'", "’"))


# A token's facts, one bit each: the word (lower-cased, punctuation stripped as VADER does;
# "stripped" also drops quotes and brackets) is a reporting verb, a verb of talking, ...
_FACTS = {
    "say": lambda token, low, stripped: low.strip(",.") in SAY,
    "talk": lambda token, low, stripped: low in TALK,
    "setting_before": lambda token, low, stripped: stripped in SETTING_BEFORE,
    "time_word": lambda token, low, stripped: stripped in TIME_WORDS,
    "time_unit": lambda token, low, stripped: stripped in TIME_UNITS,
    "time_det": lambda token, low, stripped: stripped in _TIME_DET,
    "against": lambda token, low, stripped: stripped == "against",
    "harm": lambda token, low, stripped: low in HARM,  # a harm VADER scores
    "harm_act": lambda token, low, stripped: low in HARM or low in HARM_ACTS,
    "undergone": lambda token, low, stripped: low in _HARM_UNDERGONE,  # "died", "missing"
    "object_gap": lambda token, low, stripped: low in _OBJECT_GAP,  # "the murder *of* X"
    "passive": lambda token, low, stripped: low in PASSIVE_AUX,
    "undergo_aux": lambda token, low, stripped: low in _UNDERGO_AUX,  # "X *has* died"
    # a token that can open or close a quotation (an apostrophe in "Azerbaijan's" cannot)
    "quote": lambda token, low, stripped: token[:1] in QUOTE_MARKS
    or token.rstrip(".,;:!?")[-1:] in "\"”",
    "colon": lambda token, low, stripped: token[-1] == ":",
    "naming": lambda token, low, stripped: stripped in NAMING,
    "word_ends_clause": lambda token, low, stripped: low[-1:] in CLAUSE_END,
    "token_ends_clause": lambda token, low, stripped: token[-1] in CLAUSE_END,
    "possessive": lambda token, low, stripped: is_possessive(token),
    "pronoun": lambda token, low, stripped: stripped in PRONOUNS,
    "than": lambda token, low, stripped: low == "than",
    "win": lambda token, low, stripped: low in _WINS,
    "not_active": lambda token, low, stripped: low in _NOT_ACTIVE,
    "up": lambda token, low, stripped: low == "up",
}
RULE_BITS = {name: 1 << k for k, name in enumerate(_FACTS)}


def rule_bits(token: str, low: str) -> int:
    """The facts of whitespace ``token`` (whose VADER word lower-cased is ``low``) that the
    scoping rules read, as an OR of :data:`RULE_BITS`.

    Examples
    --------
    >>> bits = rule_bits("said,", "said")
    >>> bool(bits & RULE_BITS["say"]), bool(bits & RULE_BITS["token_ends_clause"])
    (True, True)
    """
    stripped = low.strip(STRIP)
    return sum(bit for name, bit in RULE_BITS.items() if _FACTS[name](token, low, stripped))
