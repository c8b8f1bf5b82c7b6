"""Scoping rules that depend on where the target stands: what it says (speech), whether it is
a setting (a time, a place, an addressee) and whether it is a victim of harm."""

from __future__ import annotations

from analysis.sentiment.parsing import CLAUSE_END, PASSIVE_AUX, STRIP, Parsed

__all__ = ["HARM", "HARM_ACTS", "is_possessive", "is_setting", "is_victim", "NAMING", "PRONOUNS",
           "SAY", "SETTING_BEFORE", "speech_scope", "TALK", "TIME_UNITS", "undergoes"]

SAY = frozenset("""said says say told tells tweeted tweets wrote writes added adds argued argues
stated states claimed claims asked asks insisted insists declared declares noted notes
warned warns replied replies explained explains according""".split())
# "X talks with Y about the attacks": what a target talks about does not blame it
TALK = frozenset("""talks talked talking speaks spoke speaking discussed discusses referring
referred refers""".split())
# "X called Y 'a liar'": the quotation is said about Y, whoever says it.
NAMING = frozenset("called calls calling dubbed labeled labelled branded described".split())


def speech_scope(sentence: str, p: Parsed, t0: int, t1: int):
    """Word positions that the target *says* rather than is described by.

    When the target is the speaker of a reporting verb ("Rice said Gates ...", "...,
    Kavanaugh said.") or of a headline colon ("Jacobs: 'You broke my glasses'"), the reported
    part on the far side, and quotations the target stands outside of. Otherwise only the
    quotations before the target, and those after it with a reporting verb in between ("Merkel,
    who later told reporters 'this is a disaster'"): a quotation that follows the target
    without one describes it ("Comey's comment that Trump is 'unethical'"). Returns
    ``(quoted, low, high)``: a set and a half-open range of positions.
    """
    quoted = p.quoted
    if quoted and any(i in quoted for i in range(t0, t1 + 1)):
        quoted = frozenset()
    lower, n = p.lower, len(p.lower)
    for i in range(t1 + 1, min(t1 + 3, n)):
        if lower[i].strip(",.") in SAY:
            return quoted, i + 1, n
    if sentence[p.ends[t1] - 1] == ":" and t1 + 1 < n:
        return quoted, t1 + 1, n
    after = [i for i in quoted if i > t1]
    if after and not any(lower[k].strip(",.") in SAY for k in range(t1 + 1, min(after))):
        quoted = frozenset(i for i in quoted if i < t0)
    for i in range(t0 - 1, max(0, t0 - 2) - 1, -1):
        if lower[i].strip(",.") in SAY:
            return quoted, 0, i
    return quoted, 0, 0


_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december today yesterday
tomorrow""".split())
TIME_UNITS = _TIME_WORDS | frozenset("""week weekend month year night morning evening afternoon
day""".split())
_TIME_DET = frozenset("this last next that the early late same".split())
# where it happens; whom a speaker addresses
SETTING_BEFORE = frozenset("""in told tells telling asked asks asking informed phoned
briefed""".split())
PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their
this that these those""".split())


def is_possessive(token: str) -> bool:
    """Whether a whitespace token ends in a possessive ("Obama's", "states'")."""
    return token.rstrip(".,;:!?)\"”").endswith(("'s", "’s", "'", "’"))


def is_setting(sentence: str, p: Parsed, t0: int, t1: int) -> bool:
    """Whether the target is where or when something happens rather than who is portrayed.

    A time ("Trump on Sunday lashed out", "last week"), a name right after "in" ("the war in
    Afghanistan", "arrested in Phoenix") or the one a speaker addresses, after "told", "asked",
    "informed", "phoned" or "briefed" ("he told BBC Wales he was suspended", "Acosta asked
    Sanders if ..."); not a possessive ("boosts in Obama's approval") nor a pronoun ("In his
    capacity"), which stay portrayed.
    """
    words = [w.strip(STRIP) for w in p.lower[t0:t1 + 1]]
    if words and all(w in _TIME_WORDS for w in words):
        return True
    if len(words) > 1 and words[-1] in TIME_UNITS and \
            all(w in _TIME_WORDS or w in _TIME_DET for w in words[:-1]):
        return True  # "last week", "Monday night"
    if t0 == 0 or p.lower[t0 - 1].strip(STRIP) not in SETTING_BEFORE \
            or p.lower[t0 - 1][-1:] in CLAUSE_END:
        return False
    return not is_possessive(sentence[p.starts[t1]:p.ends[t1]]) \
        and " ".join(words) not in PRONOUNS



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


def undergoes(lower, i: int, t0: int, t1: int) -> bool:
    """Whether the harm word at ``i`` happens to the target at ``t0..t1``.

    Its object right after it ("killed X", "the murder of X", not "hurt by X"), or its
    subject right before it ("X died", "X was stabbed", "X went missing"; not "X stabbed Y").
    """
    if t0 - 3 <= i < t0:
        return all(w in _OBJECT_GAP for w in lower[i + 1:t0])
    return t1 < i <= t1 + 3 and (lower[i] in _HARM_UNDERGONE or lower[i - 1] in PASSIVE_AUX)


def is_victim(sentence: str, p: Parsed, t0: int, t1: int) -> bool:
    """Whether the target at ``t0..t1`` suffers violence, death or illness in this sentence.

    It is the object of a harm word at most three words before it, in the same clause ("the
    murder of X", "fatally shooting X"; not "hours before X died, Y"), or the subject of one
    it undergoes at most three words after it, before any clause boundary ("X was shot",
    "X has died", "X died"; not "X stabbed Y", "called X a 'sick puppy'").
    """
    lower, ends = p.lower, p.ends
    for k in range(max(0, t0 - 3), t0):
        w = lower[k]
        if (w in HARM or w in HARM_ACTS) and w not in _HARM_UNDERGONE \
                and sentence[ends[k] - 1] not in CLAUSE_END \
                and all(x in _OBJECT_GAP for x in lower[k + 1:t0]):
            return True
    for k in range(t1 + 1, min(len(lower), t1 + 4)):
        if sentence[ends[k - 1] - 1] in CLAUSE_END:
            return False
        w = lower[k]
        if (w in HARM or w in HARM_ACTS) and (lower[k - 1] in PASSIVE_AUX or (
                w in _HARM_UNDERGONE and (k == t1 + 1 or lower[k - 1] in _UNDERGO_AUX))):
            return True
    return False
