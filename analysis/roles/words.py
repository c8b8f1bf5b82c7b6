"""Word lists of the role rules, hand-written from the codebook and general English (not fitted to
any data)."""

from __future__ import annotations

__all__ = ["ACTION", "AIM_ADJECTIVES", "AIM_VERBS", "AUX", "CLAUSE_PUNCT", "COMPARATIVES",
           "DETERMINERS", "DOUBT", "FRONTING", "FRONT_CONTRAST", "FRONT_FIRST", "FUNCTION",
           "IMPORTANCE", "INACTION", "LABEL_AS", "LABEL_VERBS", "NEGATIVE_VERBS", "NEGATORS",
           "NEUTRAL_VERBS", "NOBODY", "NOT_OPENING", "ONLY", "OPENERS", "PASSIVE", "PERSONAL",
           "POSITIVE_VERBS", "PRAISE_WEIGHT", "PREPOSITIONS", "PRESUPPOSING", "PSYCH_VERBS",
           "RELATION_NOUNS", "RELATION_PRAISE", "RELATIVE", "REMEDY", "REPORTING", "SETTING",
           "SIDELINES", "SIDELINE_VERBS", "SPEECH_VERBS", "SPLIT_BOUNDARY", "SPLIT_SEPARATORS",
           "STRONG_NEGATORS", "SUBORDINATE", "SUB_OPENERS", "TITLES", "TREND", "VERB_POLARITY",
           "WIN_VERBS", "verb_forms"]


def verb_forms(bases: str) -> frozenset:
    """Inflected forms of regular verbs: "condemn" -> condemn(s|ed|ing); "blame" -> blame(s|d),
    blaming; "decry" -> decries, decried; "criticise" also "criticize".

    Examples
    --------
    >>> sorted(verb_forms("decry"))
    ['decried', 'decries', 'decry', 'decrying']
    """
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
NEGATIVE_VERBS = verb_forms("""condemn criticise accuse blame denounce slam rebuke censure castigate
chastise lambast warn reproach decry deplore scold berate fault chide admonish vilify demonise
disparage""") | frozenset("""criticism""".split())
POSITIVE_VERBS = verb_forms("""praise welcome hail thank commend applaud congratulate laud credit
salute compliment""")
# Evaluating acts with no polarity for the object: the holder is still neutral
NEUTRAL_VERBS = verb_forms("""urge press implore appeal""")
# Verbs that presuppose the holder is right ("Washington clearly understands")
PRESUPPOSING = frozenset("""understands understood recognises recognizes recognised recognized
realises realizes realised realized grasps grasped appreciates appreciated""".split())
# Outdoing: the subject wins, the object loses
WIN_VERBS = verb_forms("""outmanoeuvre outmaneuver outplay outsmart outpace outperform outwit
outflank outclass outdo overtake surpass eclipse""") | frozenset(
    "defeated defeats beat beats outdid outdone overtook".split())
VERB_POLARITY = {**dict.fromkeys(NEGATIVE_VERBS, -1.0), **dict.fromkeys(POSITIVE_VERBS, 1.0),
                 **dict.fromkeys(NEUTRAL_VERBS, 0.0)}

DETERMINERS = frozenset("the a an its their his her this that these those both all".split())
AUX = frozenset("""has have had will would shall should could can may might did does do also
again once then now still already today yesterday jointly publicly openly""".split())
PASSIVE = frozenset("was were is are been being be".split())
# Words between a possessive and its head that a holder may carry ("Armenia's foreign ministry")
TITLES = frozenset("""foreign ministry minister ministers government officials official
spokesman spokeswoman spokesperson president prime envoy ambassador embassy delegation mission
leader leaders leadership administration office department secretary parliament commission
council representative representatives cabinet presidency chief""".split())
SUBORDINATE = frozenset("while whereas although though but".split())
RELATIVE = frozenset("who whose which where whom".split())
CLAUSE_PUNCT = frozenset(",;:—–()")
NEGATORS = frozenset("not no never n't without nor neither cannot".split())
STRONG_NEGATORS = frozenset("hardly scarcely barely".split())
NOBODY = frozenset("nobody".split())
DOUBT = frozenset("""doubts doubt doubted questions questioned denies deny denied disputes
dispute""".split())
ONLY = frozenset("only merely just".split())
PERSONAL = frozenset("he she his her him they their them it its".split())
FUNCTION = frozenset("""and or of to in on at for with from by as than that""".split())
OPENERS = frozenset("as after before because when since until".split())
# (In)action set against each other in a contrast ("While Brussels talked, Washington acted")
INACTION = frozenset("""talked talks talking dithered dithers dithering hesitated hesitates
waited waits stalled stalls deliberated debated procrastinated watched watches idled""".split())
ACTION = frozenset("""acted acts moved moves delivered delivers intervened stepped responded
quickly swiftly decisively promptly rapidly""".split())
# Inaction that is negative on its own: standing on the sidelines
SIDELINES = frozenset("sidelines sideline".split())
SIDELINE_VERBS = frozenset("""watched watches watching stood stands sat sits remained
remains""".split())
# Comparatives VADER does not score ("faster than"), with the sign for the side before "than"
COMPARATIVES = {"faster": 1.0, "quicker": 1.0, "sooner": 1.0, "earlier": 1.0, "better": 1.0,
                 "stronger": 1.0, "slower": -1.0, "later": -1.0, "weaker": -1.0, "worse": -1.0}
FRONT_CONTRAST = (("unlike",), ("compared", "with"), ("compared", "to"),
                   ("in", "contrast", "to"), ("in", "contrast", "with"), ("as", "opposed", "to"))
FRONT_FIRST = frozenset(cue[0] for cue in FRONT_CONTRAST)
# Verbs of feeling: their object experiences the feeling and so holds the evaluation
# ("Moscow's threats alarmed Yerevan"). Past forms only: "concerns", "concerning", "surprise",
# "shock" are as often nouns or prepositions.
PSYCH_VERBS = frozenset(f for f in verb_forms(
    """alarm worry anger concern frighten scare shock dismay disappoint annoy irritate trouble
    disturb outrage infuriate enrage surprise impress please delight reassure frustrate unsettle
    embarrass offend astonish""") if f.endswith("ed")) | frozenset({"upset"})
# A fronted phrase or a subordinate clause opened by one of these words has its own subject
# ("Despite Turkey's rhetoric, ...", "... as EU ministers met")
FRONTING = frozenset("amid after before despite following during given with because of since "
                      "when as once until".split())
PREPOSITIONS = frozenset("about over at into onto upon against toward towards what".split())
SUB_OPENERS = frozenset("as when after before because since until once amid".split())
NOT_OPENING = frozenset("such well same so just much many long soon".split())  # "such as X"
# Praise of a relationship (codebook): relationship nouns, and what counts about them. Trend
# and importance words are 0; the relationship nouns themselves ("cooperation", "partnership"
# carry VADER valence) are not praise either; praise nouns VADER lacks count as praise.
RELATION_NOUNS = frozenset("""relations relationship relationships ties partnership
partnerships partner partners cooperation co-operation collaboration dialogue alliance ally
allies friendship bonds rapprochement engagement""".split())
TREND = frozenset("""growing grow grows grew grown strengthening strengthen strengthens
strengthened deepening deepen deepens deepened expanding expand expands expanded broadening
broaden broadened increasing increasingly increased closer developing developed advancing
boosting boost boosts boosted enhancing enhance enhanced intensifying intensified improving
improve improved upgrading upgraded""".split())
IMPORTANCE = frozenset("""important importance key vital crucial critical essential significant
strategic major central priority indispensable necessary""".split())
RELATION_PRAISE = frozenset("pillar pillars cornerstone anchor bedrock backbone".split())
PRAISE_WEIGHT = 2.0  # a praise noun, on VADER's -4..+4 word scale
# A setting of a relationship sentence ("throughout the crisis") says nothing of the relationship
SETTING = frozenset("throughout during amid despite".split())
REPORTING = frozenset("""said says told tells described describes called calls noted notes
stressed stresses added adds claimed claims stated states""".split())
# Verbs that undo what their object names: "repaired the damage", "undid the harm" credit
# the one who acts (the object's negative valence turns positive in an actor's region)
REMEDY = verb_forms("repair fix undo reverse heal mend resolve salvage rescue remedy defuse avert "
                 "overcome") | frozenset("undid undone overcame".split())
# What must stand between two actors of one target for their parts to be set against each
# other: a contrast, a clause of its own ("that", "where"), a semicolon
SPLIT_SEPARATORS = frozenset("""while whereas but though although yet unlike ; where that which
who whose""".split())
# Where the region of one actor ends in a sentence that names two actors of one target
SPLIT_BOUNDARY = CLAUSE_PUNCT | SUBORDINATE | frozenset(
    "that which who whose whom where unlike whereas . ! ?".split())

# Reporting verbs, for a speaker's stated aim ("the EU said it was committed to peace"): past
# forms and the third-person forms that are rarely nouns ("states", "notes", "claims",
# "reports" are left out: "EU member states")
SPEECH_VERBS = REPORTING - frozenset("states notes claims calls".split()) | frozenset(
    """argued argues insisted insists declared declares announced announces asserted asserts
    alleged alleges wrote writes reported explained explains replied replies responded""".split())
# Verbs that give their object a label ("described Yerevan as revanchist", "branded Brussels a
# toothless observer"): the label's words portray the object. LABEL_AS need "as" before it.
LABEL_AS = verb_forms("describe portray depict paint characterise cast")
LABEL_VERBS = LABEL_AS | verb_forms("call label brand dub term") | frozenset(
    "labelled labelling dubbed dubbing".split())
# A stated aim (codebook: neutral when no evaluative wording is attached to the target):
# "X is ready for peace", "X is committed to ...", "X seeks ...", "X wants ..."
AIM_ADJECTIVES = frozenset("""ready willing committed determined eager prepared keen
interested open""".split())
AIM_VERBS = frozenset("""seeks seek sought wants want wanted aims aim aimed intends intend
intended hopes hope hoped pledged pledges pledge vowed vows vow promised promises plans plan
planned wishes wish wished strives strive""".split())
