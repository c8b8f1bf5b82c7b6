"""Who does what to whom: the role a target mention plays in its sentence, by rules over tokens.

A word-counting scorer reads "The US and the European Union sharply condemned Armenia" as
negative for all three; the codebook (``CODEBOOK.md``: holder, not object; contrasts; words
about another actor) says the US and the EU hold the evaluation (neutral) and Armenia receives
it (negative). :func:`mention_role` decides, for one mention (a character span of a sentence),
which of these roles it plays and what the scorer must then do; :func:`apply_roles` applies it
as a layer over any base method's scores, row by row, naming the rule of every row it
overrides.

The package has one file per concern, each importing only those before it: ``words``
(word lists) -> ``tokens`` -> ``cues`` (the pre-filter) -> ``verdict`` (:class:`Role`,
valences, the rules' shared parameter text) -> one file per family of rules (``verbs``,
``contrast``, ``negation``, ``relationship``, ``speech``, ``split``, ``other_actor``) -> ``apply``
(:func:`mention_role`, :func:`apply_roles`).

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
``labelled``  (``label``)
    The object of a verb of naming ("described Yerevan as revanchist and aggressive",
    "branded Brussels a toothless observer", "Armenia was portrayed as weak"): the label's
    words portray it, whoever gives the label (codebook: quoted and reported speech count like
    the author's voice).
``aim``  (``aim``)
    A stated aim of the mention ("Armenia is ready for peace", "the US said it was committed
    to a lasting peace", "the EU seeks ..."): neutral (codebook), unless the words before the
    verb evaluate the mention itself; an aim with negative words ("ready to sabotage") is not
    one.
``attributed`` / ``source``  (``attributed``)
    "According to Z, X is Y" and "X is Y, according to Z": the attribution is masked for X
    (the statement counts like the author's voice); Z, the source, holds the statement
    (neutral unless the attribution's own words evaluate it).
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

from analysis.roles.apply import apply_roles, mention_role
from analysis.roles.cues import ROLE_CUES, has_role_cue
from analysis.roles.tokens import role_tokens
from analysis.roles.verdict import Role

__all__ = ["ROLE_CUES", "Role", "apply_roles", "has_role_cue", "mention_role", "role_tokens"]
