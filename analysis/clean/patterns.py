"""Line patterns: the reason a line's own words give ("share widget", "dateline", ...).

:func:`pattern_reason` reads one line alone (vocabulary and shape, no neighbours). Most lines
can match nothing, so every pattern sits behind a cheap gate: a first word, a trigger word or
a character the pattern cannot match without. The gates decide nothing: they only skip a
regular expression that could not match.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["READ_MORE", "RELATED_FIRST_WORDS", "WORD", "may_be_dateline", "pattern_reason"]

# --- vocabulary --------------------------------------------------------------------------------
# Whole-line UI strings, compared lower-cased with surrounding punctuation stripped.
_SOCIAL = frozenset({
    "twitter", "facebook", "youtube", "instagram", "telegram", "whatsapp", "linkedin",
    "pinterest", "reddit", "vk", "vkontakte", "tiktok", "flipboard", "tumblr", "viber",
    "odnoklassniki", "weibo", "wechat", "email", "e-mail", "mail", "print", "share", "tweet",
    "pin", "pin it", "save", "copy link", "copy url", "link copied", "comment", "comments",
    "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "share via email", "email this", "print this", "facebook messenger",
    "messenger", "pocket", "sms", "share article", "share story", "share the article",
    "share page", "leave a comment", "post a comment", "add a comment", "show comments",
})
_UI = frozenset({
    "search", "menu", "home", "homepage", "home page", "log in", "login", "log out", "logout",
    "sign in", "sign out", "sign up", "register", "subscribe", "skip to content",
    "skip to main content", "skip to navigation", "skip to site index", "sections", "loading",
    "loading...", "next", "previous", "prev", "back", "back to top", "top", "more", "less",
    "close", "open", "toggle navigation", "navigation", "main menu", "a+", "a-", "a", "aa",
    "night_theme", "night mode", "dark mode", "apple store", "app store", "google play",
    "play market", "download app", "en", "ru", "az", "arm", "de", "fr", "es", "pt", "english",
    "русский", "español", "edition", "my account", "account", "profile", "today's paper",
    "what are you looking for ?", "what are you looking for?", "type to search", "search for",
    "go", "submit", "ok", "cancel", "accept", "yes", "no", "reply", "like", "follow", "unfollow",
    "view all", "see all", "show more", "load more", "view more", "see more", "click here",
    "listen", "listen to this article", "play", "pause", "video", "photos", "gallery", "watch",
    "audio", "podcast", "podcasts", "newsletters", "topics", "tags", "tags:", "categories",
    "category", "caption", "back to gallery", "report error", "report an error",
    "report a typo", "give feedback", "like this article?", "site map", "sitemap", "help", "faq",
    "contact", "contact us", "about", "email address", "your email", "your email address",
    "enter your email", "enter your email address",
    "about us", "careers", "jobs", "advertise", "privacy", "terms", "terms of service",
    "terms of use", "privacy policy", "cookie policy", "cookies", "rss", "archive", "archives",
    "print edition", "e-paper", "epaper", "weather", "opinion", "news", "world", "politics",
    "business", "sports", "sport", "tech", "technology", "science", "health", "culture", "arts",
    "entertainment", "lifestyle", "travel", "economy", "society", "analysis", "interviews",
    "video:", "photo:", "поиск", "меню", "войти", "главная", "новости", "подписаться",
    "buscar", "pesquisar", "início", "entrar", "suche", "anmelden", "startseite", "cerca",
})
_ADS = re.compile(
    r"^(?:advertisement|advertising|ad|ads|sponsored(?: content| by .*)?|promoted(?: content)?"
    r"|paid (?:content|post)|story continues below(?: advertisement)?|continue reading"
    r"(?: the main story| below)?|scroll to continue(?: with content)?|supported by"
    r"|article continues below.*|реклама|publicidade|anzeige|pubblicità)$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:related(?: articles?| stories| posts| news| content| coverage| topics| links)?"
    r"|read (?:more|also|next|this next)|see also|more (?:from|on|about|in|stories|news|"
    r"articles|like this)\b.*|latest(?: news| stories| articles| headlines)?|all news"
    r"|most (?:read|popular|viewed|shared|commented|emailed)|recommended(?: for you| stories)?"
    r"|trending(?: now| stories)?|top (?:stories|news|headlines)|you (?:may|might) also like"
    r"|editor'?s picks?|popular(?: now| stories| posts)?|don't miss|must read|up next"
    r"|also read|also on \w+|further reading|more (?:\w+ ){1,2}(?:stories|news|articles|videos)"
    r"|читайте также|читайте еще|смотрите также"
    r"|похожие (?:статьи|новости)|последние новости|все новости|leia (?:mais|também)"
    r"|veja (?:também|mais)|mais lidas|artigos relacionados|lesen sie auch|mehr zum thema"
    r"|leggi anche|baca juga|berita terkait)\b.*$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"share (?:it|this|on|via|the story|the article)\b|follow us\b|copy link|link copied"
    r"|liked (?:the|this) (?:story|article)|share-line"
    r"|join (?:us|the conversation) on|follow [\w@.-]+ on (?:twitter|facebook|instagram|x)\b"
    r"|поделиться|подписывайтесь|compartilh|teilen\b",
    re.IGNORECASE,
)
_SOCIAL_MEDIA = re.compile(r"social (?:media|networks?)", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved|any use of (?:the )?materials"
    r"|hyperlink to|reproduction (?:in whole|of .* prohibited)|without (?:the )?(?:prior )?"
    r"written permission|privacy policy|terms (?:of|and) (?:use|service|conditions)"
    r"|все права защищены|todos os direitos|alle rechte vorbehalten|tutti i diritti",
    re.IGNORECASE,
)
_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|consent|settings|policy|browsing|experience)\b"
    r"|\b(?:use|accept|consent|settings|policy)\b.*\bcookies?\b|\bcookie\b",
    re.IGNORECASE,
)
# Each appeal pattern under the word it cannot match without: a line runs only the patterns of
# the words it has, far cheaper than one big alternation tried at every position.
_SUBSCRIBE_STRONG_PARTS = {
    "subscribe": r"^subscribe\b|\bsubscribe (?:now|today|here|on|to (?:our|the)|for)\b",
    "sign": r"\bsign up (?:for|to|now|here)\b",
    "support": r"\bsupport (?:open|independent|quality|our|us)\b.*\bjournalism\b",
    "inbox": r"\b(?:in|eye on|straight to|delivered to|meet|hit|land in) your inbox\b",
    "become": r"\bbecome a (?:member|subscriber|patron)\b",
    "unlimited": r"\bunlimited (?:digital )?access\b",
    "full": r"\bfull digital access\b",
    "free": r"\bfree trial\b",
    "already": r"\balready a subscriber\b",
    "thanks": r"\bthanks? (?:you )?for (?:signing up|subscribing)\b",
    "thank": r"\bthanks? (?:you )?for (?:signing up|subscribing)\b",
    "opt": r"\bopt-in box\b",
    "unsubscribe": r"\bunsubscribe at any time\b",
    "spam": r"\bno spam\b",
    "delivered": r"\bdelivered right to you\b|\bdelivered (?:every )?weekday mornings\b",
    "click": r"\bclick here to support\b",
}
# Appeals that no article body phrases this way; the weak ones only count on non-prose lines.
_SUBSCRIBE_STRONG = re.compile("|".join(dict.fromkeys(_SUBSCRIBE_STRONG_PARTS.values())),
                               re.IGNORECASE)
_SUBSCRIBE_STRONG_BY_WORD = {w: (re.compile(p, re.IGNORECASE), re.compile(p))
                             for w, p in _SUBSCRIBE_STRONG_PARTS.items()}
_SUBSCRIBE = re.compile(
    r"\bsubscri(?:be|bing|ption)\b|\bnewsletters?\b|\bsupport (?:our|us)\b|\bdonat(?:e|ion)\b"
    r"|\bподпи[сш]|\bassine\b|\bassinatura\b|\babonnieren\b",
    re.IGNORECASE,
)
# (What each alternative needs in the lower-cased line, the alternative: see _search_parts.)
_COMMENTS_PARTS = (
    ("comment", r"^\[?\s*\d+\s+comments?\s*\]?$"),
    ("comment", r"\b(?:top rated|view|show|load|read|post|add|leave|latest|newest|oldest|hide)"
                r"\s+(?:all\s+|a\s+|the\s+|\d+\s+)?comments?\b"),
    ("repl", r"\b(?:top rated|view|show|load|read|post|add|leave|latest|newest|oldest|hide)"
             r"\s+(?:all\s+|a\s+|the\s+|\d+\s+)?(?:replies|reply)\b"),
    ("comment", r"^comments?\s*(?:\(\d+\))?:?$"),
    ("cancel reply", r"cancel reply"),
    ("save my name", r"save my name, email"),
    ("notify me", r"notify me (?:of|via|when)"),
    ("akismet", r"akismet"),
    ("your email", r"your email address will not be published"),
    ("required", r"required fields are marked"),
    ("closed", r"comments? (?:are|is) closed"),
    ("join the", r"join the (?:discussion|conversation)"),
    ("rating", r"rating: \d+ votes?"),
    ("comment", r"comment(?:ing)? (?:policy|guidelines)"),
    ("log", r"log ?in to (?:comment|reply)"),
    ("", r"комментари|comentários|kommentare"),
)


def _compile_parts(parts) -> tuple:
    """``(alternation, parts alone)`` for :func:`_search_parts` from ``(needed, pattern)``
    pairs: the case-insensitive alternation of every pattern, and each pattern compiled alone
    with what it needs in the lower-cased line."""
    return (re.compile("|".join(part for _, part in parts), re.IGNORECASE),
            tuple((need, re.compile(part)) for need, part in parts))


def _search_parts(compiled: tuple, low: str, plain: bool) -> bool:
    """Whether any part matches: on a plain line (lower-cased, no non-ASCII word characters)
    the parts run one by one, each only when the line holds what it needs, several times
    faster than the alternation, which tries each at every position; otherwise the
    alternation runs on the line as it is."""
    alternation, alone = compiled
    if plain:
        return any(need in low and part.search(low) for need, part in alone)
    return alternation.search(low) is not None


_COMMENTS = _compile_parts(_COMMENTS_PARTS)
# (One of these words in a line lets _COMMENTS run: "published" for "Your email address will
# not be published", "required" for "Required fields are marked *", "notify" for "Notify me of
# new posts by email".)
_T_COMMENTS = frozenset("comment comments reply replies akismet discussion conversation rating "
                        "published required notify комментарии comentários kommentare".split())
# A site speaking in its own notices: the reader addressed (or speaking, in a form: "I agree",
# "save my name"), or a rights statement.
_SITE_VOICE = re.compile(
    r"(?i:\b(?:you|your|yours|we|our|ours|my|me)\b|\ball rights reserved\b|^(?:copyright|\(c\))\b"
    r"|written permission|\breproduc(?:e|ed|tion)\b|hyperlink to|any use of (?:the )?materials"
    r"|все права защищены|todos os direitos|alle rechte vorbehalten|tutti i diritti)"
    r"|\b(?:us|I)\b|©")
# English function words: a prose line with none of them is not English text.
_EN_FUNCTION = frozenset("the a an and of to in is was for that with on said".split())
# (What each alternative needs in the lower-cased line, the alternative: see _search_parts.)
_CREDIT_PARTS = (
    ("", r"^(?:photo|photos|image|images|picture|file photo|foto|fotos|credit|credits|illustration"
         r"|photograph|source|фото)\s*(?:by|:|/|\||credit|copyright|caption)"),
    ("credit...", r"credit\.\.\."),
    ("getty images", r"\bgetty images\b"),
    ("©", r"\b(?:photo|photos|image|images|picture|foto|fotos)\s*:?\s*©"),
    ("ap photo", r"\bap photo\b"),
    ("shutterstock", r"\bshutterstock\b"),
    ("/", r"\b(?:reuters|afp|ap|epa)/\w"),
    ("(", r"\((?:image|photo|picture|credit)s?\s*:[^)]*\)\s*$"),
    ("credit", r"\b(?:image |photo )?credits?:\s*[^.:]{1,60}$"),
    ("in this ", r"^in this (?:[\w.,]+ ){1,6}(?:file )?(?:photo|image|picture)\b"),
    ("/", r"/\s*(?:ap|afp|reuters|getty images)(?: file)?(?: photo)?$"),
    # a caption closed by its credit: "... Photo: Jane Roe", "... | Handout", "... . AFP"
    (":", r"\b(?:photo|image|picture)s?:\s*[^.:]{1,60}$"),
    ("", r"[.|]\s*(?:ap|afp|reuters|epa|getty images|handout|courtesy of [^.]{1,40})$"),
)
_CREDIT = _compile_parts(_CREDIT_PARTS)
# A gallery's slide counter, alone ("Image 1 of 23") or glued to the caption ("1of4A shopper").
_GALLERY = re.compile(r"^(?:(?:image|photo|slide|picture) )?\d+\s?of\s?\d+(?:[^\d\s]|$)",
                      re.IGNORECASE)
# A teaser's label and colon before its headline.
READ_MORE = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related(?: \w+)?)\s*:\s*\w", re.IGNORECASE)
_COUNTER = re.compile(
    r"^(?:[\d.,]*\d[\d.,]*\s*[km]?"  # a number, not a lone "," or "."
    r"|(?:views?|comments?|shares?|likes?|reads?|просмотр\w*|комментари\w*)"
    r"\s*:?\s*[\d.,]+\s*[km]?|[\d.,]+\s*[km]?\s*(?:views?|comments?|shares?|likes?|reads?"
    r"|просмотр\w*|комментари\w*))$",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|август\w*|сентябр\w*"
    r"|октябр\w*|ноябр\w*|декабр\w*"
)
_DATE_MONTH_FOR = (r"\b(?:{m})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{m})\b"
                   r"|\b(?:{m})\.?,?\s+(?:19|20)\d\d\b")
_DATE_MONTH = _DATE_MONTH_FOR.format(m=_MONTHS)
_DATE_NUM = (r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b"
             r"|\b\d{1,2}:\d\d(?:[ap]m|[AP]M)?\b")  # a clock time, "2:13pm" too
_DATE_REL = (r"\b(?:today|yesterday|hours? ago|minutes? ago|days? ago|\d+\s?(?:m|mins?|h|hrs?)"
             r" ago|сегодня|вчера)\b")
_DATE = re.compile(f"{_DATE_MONTH}|{_DATE_NUM}|{_DATE_REL}", re.IGNORECASE)
# The same alternatives one by one, each tried only when the line has the words it needs.
_DATE_MONTH_RE = re.compile(_DATE_MONTH, re.IGNORECASE)
_DATE_NUM_RE = re.compile(_DATE_NUM)
_DATE_REL_RE = re.compile(_DATE_REL, re.IGNORECASE)
# What a dateline may carry besides the date itself.
_DATE_WORDS = re.compile(
    r"(?i)\b(?:published|updated|posted|last|modified|on|at|am|pm|a\.m|p\.m|gmt|utc|edt|est"
    r"|pst|pdt|cst|cdt|et|pt|ct|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thurs|fri|sat|sun|\d+)\b")
_BYLINE = re.compile(
    r"^(?:by|author|authors|written by|words by|reporting by|posted by|published by|story by"
    r"|автор|por|von|di|oleh)\b\s*:?\s*\S",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^[^>›»/]{1,40}(?:\s[>›»/]\s[^>›»/]{1,40})+$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+|\btel\b|\bphone\b|\bfax\b|\()[\s\d()+-]{7,}\d", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[a-z]{2,6}){1,2}/?$", re.IGNORECASE)
WORD = re.compile(r"\w+")
DIGIT = re.compile(r"\d")
_SPECIAL = re.compile(r"[\d@>›»/]")
_SHORT_PATTERN_CHARS = re.compile(r"[\d.,@>›»/©]")
_STRIP = " \t\u00a0|•·:-–—>»«›‹*#"
# Words that must occur in a line before the matching pattern is tried: a set intersection is
# far cheaper than a dozen regular-expression searches on every line of every page.
_T_COPYRIGHT = frozenset("copyright rights reserved materials hyperlink reproduction permission "
                         "privacy terms c права direitos rechte diritti".split())
_T_SHARE = frozenset("share follow social copy link liked join поделиться подписывайтесь "
                     "teilen".split())
_T_SUBSCRIBE = frozenset("subscribe subscribing subscription newsletter newsletters sign support "
                         "become donate donation inbox unlimited full free already assine "
                         "assinatura abonnieren thanks thank opt unsubscribe spam "
                         "delivered click".split())
_T_CREDIT = frozenset("photo photos image images picture file foto fotos credit credits caption "
                      "illustration photograph source фото getty ap shutterstock reuters afp "
                      "epa handout courtesy".split())
_T_BYLINE = frozenset("by author authors written words reporting posted published story автор "
                      "por von di oleh".split())
_T_MONTH = frozenset("jan january feb february mar march apr april may jun june jul july aug "
                     "august sep sept september oct october nov november dec december "
                     "май мая".split())
_RU_MONTH = ("январ", "феврал", "март", "апрел", "июн", "июл", "август", "сентябр", "октябр",
             "ноябр", "декабр")
_T_PHONE = frozenset(("tel", "phone", "fax"))
_RU_COUNTERS = ("просмотр", "комментари")
_T_DATE_REL = frozenset("today yesterday ago сегодня вчера".split())
# First words of the anchored patterns (counters, advertisements, related-link headers).
_T_COUNTER_FIRST = frozenset("view views comment comments share shares like likes read "
                             "reads".split())
_T_ADS_FIRST = frozenset("advertisement advertising ad ads sponsored promoted paid story "
                         "continue scroll supported article реклама publicidade anzeige "
                         "pubblicità".split())
_T_RELATED_FIRST = frozenset("related read see more latest all most recommended trending top you "
                             "editor editors popular don must up also further читайте смотрите "
                             "похожие последние все leia veja mais artigos lesen mehr leggi baca "
                             "berita".split())
# Every "related links" pattern is anchored at one of these first words: a line whose first
# word is another (and that has one) is no "Related ..." header, without being analysed.
RELATED_FIRST_WORDS = _T_RELATED_FIRST


# First words that the anchored patterns need, as bit flags: one dictionary look-up per line.
_G_COUNTER, _G_ADS, _G_RELATED, _G_BYLINE = 1, 2, 4, 8
_ALL_GATES = 15
_FIRST_GATES: dict[str, int] = {
    w: sum(flag for flag, firsts in [(_G_COUNTER, _T_COUNTER_FIRST), (_G_ADS, _T_ADS_FIRST),
                                     (_G_RELATED, _T_RELATED_FIRST), (_G_BYLINE, _T_BYLINE)]
           if w in firsts)
    for w in _T_COUNTER_FIRST | _T_ADS_FIRST | _T_RELATED_FIRST | _T_BYLINE
}
# Whole-line UI strings (and the empty key: a line of bullets or bars) and their reason.
_WHOLE_LINE = {"": "menu/nav", **dict.fromkeys(_UI, "menu/nav"),
               **dict.fromkeys(_SOCIAL, "share widget")}


# (pattern, lower-case twin) pairs, as made by _ci below
_DATE_MONTH_BY_WORD = {m: (re.compile(_DATE_MONTH_FOR.format(m=re.escape(m)), re.IGNORECASE),
                           re.compile(_DATE_MONTH_FOR.format(m=re.escape(m))))
                       for m in _T_MONTH}


def _is_date(s: str, low: str, plain: bool, toks: list[str], trig: set[str],
             has_digit: bool) -> bool:
    """``_DATE.search(s)``, trying each alternative only when the line has what it needs.

    ``low`` is ``s`` lower-cased when ``plain`` (see :func:`_ci`), else ``s`` itself."""
    if not has_digit:  # only "today", "3 hours ago"... need no digit
        return bool(trig & _T_DATE_REL) and _DATE_REL_CI[plain].search(low) is not None
    if not toks:  # a line too long to have been tokenised
        return _DATE_CI[plain].search(low) is not None
    # Every numeric date has a digit followed by ".", "/", "-" or ":".
    if ("." in s or "/" in s or "-" in s or ":" in s) and _DATE_NUM_RE.search(s) is not None:
        return True
    if trig & _T_DATE_REL and _DATE_REL_CI[plain].search(low) is not None:
        return True
    if not plain and any(t.startswith(_RU_MONTH) for t in toks):
        return _DATE_MONTH_CI[plain].search(low) is not None
    # A month matches only as a whole word: try the pattern of each month word the line has.
    return any(_DATE_MONTH_BY_WORD[m][plain].search(low) for m in trig & _T_MONTH)


# Every word that some pattern below needs: one set intersection per line decides which
# patterns are worth trying.
_T_ANY = (_T_COMMENTS | _T_CREDIT | _T_COPYRIGHT | _T_SHARE | _T_SUBSCRIBE | _T_DATE_REL
          | _T_MONTH | {"cookie", "cookies"})



@lru_cache(maxsize=None)
def _date_twin(months: frozenset[str]) -> re.Pattern:
    """``_DATE``'s lower-case twin (see :func:`_ci`) with only the month words ``months``: on
    a line without non-ASCII word characters whose month words they are, it finds the same
    matches (a month matches only as a whole word), several times faster."""
    parts = [_DATE_NUM, _DATE_REL]
    if months:
        parts.insert(0, _DATE_MONTH_FOR.format(m="|".join(map(re.escape, sorted(months)))))
    return re.compile("|".join(parts))
def pattern_reason(s: str, toks: list[str], words: float, prose: bool, plain: bool) -> str:
    """The reason a line gives by itself (vocabulary and shape); "" when nothing matched.

    Parameters
    ----------
    s : str
        The stripped, non-empty line.
    toks : list of str
        Its ``\\w+`` words, lower-cased ([] for a line too long to be split).
    words : float
        Its number of words (a CJK character counts half).
    prose : bool
        Whether its shape is prose's: some patterns (weak appeals, "social media") only count
        on other lines, and an English prose line about comments or copyright is the
        article's, not the site's notice.
    plain : bool
        The line has no non-ASCII word character (nor CJK): its ``toks`` came from the byte
        translation and the patterns may run on it lower-cased (see :func:`_ci`).

    Returns
    -------
    str
        One of :data:`analysis.clean.REASONS`, or "".

    Examples
    --------
    >>> pattern_reason("Share:", ["share"], 1, False, True)
    'share widget'
    >>> pattern_reason("Talks resume", ["talks", "resume"], 2, False, True)
    ''
    """
    first = toks[0] if toks else ""
    if (s[0].isdigit() or first in _T_CREDIT) and "of" in s.lower() and _GALLERY.match(s):
        return "photo credit"
    if words > 50:  # no pattern below applies to a line this long
        return ""
    gates = _FIRST_GATES.get(first, 0) if toks else _ALL_GATES
    if words <= 6:
        key = s.strip(_STRIP).lower()
        reason = _WHOLE_LINE.get(key)
        if reason is not None:
            return reason
        # Most short lines (names, section links) can match nothing below: no first word that
        # an anchored pattern needs, no trigger word, only ASCII letters and spaces ...
        if (not gates and s.isascii() and s.replace(" ", "").isalpha()
                and _T_ANY.isdisjoint(toks)):
            return ""
        # ... and more generally none without a gate, a trigger word or a character that a
        # pattern below needs (digits for counters and dates, "." for domains, "@", "/" ...).
        special = _SHORT_PATTERN_CHARS.search(s) is not None
        if (not special and not gates and _T_ANY.isdisjoint(toks)
                and (plain or _no_cyrillic_trigger(s, first))):
            return ""
        if (gates & _G_COUNTER or key[0] in "0123456789.,"
                or first.startswith(_RU_COUNTERS)) and _COUNTER_CI[plain].match(key):
            return "counter"
        if gates & _G_ADS and _ADS_CI[plain].match(key):
            return "advertisement"
        if "." in key and _DOMAIN_CI[plain].match(key):
            return "site signature"
        # _SPECIAL's characters are a subset of _SHORT_PATTERN_CHARS'.
        special = special and _SPECIAL.search(s) is not None
    else:
        key = ""
        # One scan for the characters the patterns below need; most short lines have none.
        special = words <= 12 and _SPECIAL.search(s) is not None
        # The same shortcut for longer lines (past 12 words only the trigger words count).
        if (not special and not gates and "©" not in s and _T_ANY.isdisjoint(toks)
                and (plain or _no_cyrillic_trigger(s, first))):
            return ""
    short = words <= 12
    has_digit = special and DIGIT.search(s) is not None
    low = s.lower() if plain else s
    # ("Read more: <a headline>" is a teaser however long the headline.)
    if gates & _G_RELATED and not prose and (
            _RELATED_CI[plain].match(key or s.strip(_STRIP).lower()) if short
            else words <= 30 and _READ_MORE_CI[plain].match(low)):
        return "related links"
    trig = _T_ANY.intersection(toks)
    if trig or "©" in s or "share-line" in s or not s.isascii():
        if (words <= 25 and trig & _T_COMMENTS and _search_parts(_COMMENTS, low, plain)
                and not _article_voice(s, toks, prose)):
            return "comment section"
        if words <= 30 and trig & _T_CREDIT and _search_parts(_CREDIT, low, plain):
            return "photo credit"
        if words <= 40:
            if (("©" in s or trig & _T_COPYRIGHT) and _COPYRIGHT_CI[plain].search(low)
                    and not _article_voice(s, toks, prose)):
                # "Privacy Policy", "Terms of Use": footer links, not the copyright statement
                return "footer/copyright" if words > 4 or "©" in s else "menu/nav"
            if (trig & _T_SHARE or "share-line" in s) and (
                    _SHARE_CI[plain].search(low)
                    or (not prose and _SOCIAL_MEDIA_CI[plain].search(low))) \
                    and not _article_voice(s, toks, prose):
                return "share widget"
        if words <= 50 and ("cookie" in trig or "cookies" in trig) and \
                _COOKIE_CI[plain].search(low) and not _article_voice(s, toks, prose):
            return "cookie notice"
        if words <= 40 and (trig & _T_SUBSCRIBE or (not s.isascii() and "подпи" in s.lower())) \
                and (any(_SUBSCRIBE_STRONG_BY_WORD[w][plain].search(low)
                         for w in trig & _SUBSCRIBE_STRONG_BY_WORD.keys())
                     or (not prose and _SUBSCRIBE_CI[plain].search(low))):
            return "subscription appeal"
    # (A name follows "By": "by the FBI" goes on with a sentence broken at a link.)
    if words <= 20 and gates & _G_BYLINE and (m := _BYLINE_CI[plain].match(low)) \
            and not s.endswith(".") and not s[m.end() - 1].islower():
        return "byline"
    if not short:
        return ""
    if special and (("@" in s and _EMAIL.search(s)) or (has_digit and (
            "+" in s or "(" in s or not _T_PHONE.isdisjoint(toks))
            and _PHONE_CI[plain].search(low))):
        return "letterhead/contact"
    # "— Name (@handle) November 19, 2019" closes an embedded post: body text, not a dateline.
    if (has_digit or trig) and "(@" not in s and _is_date(s, low, plain, toks, trig, has_digit):
        dates = _date_twin(trig & _T_MONTH) if plain else _DATE_CI[plain]
        undated = _DATE_WORDS_CI[plain].sub(" ", dates.sub(" ", low))
        if len(WORD.findall(undated)) <= 2:
            return "dateline"
    if not special:
        return ""
    if (">" in s or "›" in s or "»" in s or "/" in s) and _BREADCRUMB.match(s):
        return "menu/nav"
    if words <= 10 and not prose and has_digit and s.count(",") >= 2:
        return "letterhead/contact"
    return ""


def _article_voice(s: str, toks: list[str], prose: bool) -> bool:
    """Tell whether a prose line is an article's sentence about comments, copyright, cookies or
    sharing rather than the site's own notice.

    Footer, cookie and comment patterns cut the body span, so one such word in an article
    sentence ("the copyright case", "a privacy policy change", "declined to post a comment")
    used to cut the article there. A site's notice addresses the reader ("you", "our") or
    states rights ("©", "All rights reserved"); an English prose line that does neither is
    taken for article text. Lines in other languages keep the patterns' verdict."""
    return prose and not _EN_FUNCTION.isdisjoint(toks) and _SITE_VOICE.search(s) is None


def _no_cyrillic_trigger(s: str, first: str) -> bool:
    """No Cyrillic subscription stem in the line and no Cyrillic counter word first."""
    return "подпи" not in s.lower() and not first.startswith(_RU_COUNTERS)


def _ci(pattern: re.Pattern) -> tuple[re.Pattern, re.Pattern]:
    """``(pattern, twin)``: the twin, without IGNORECASE, is meant for the lower-cased line.

    On a line without non-ASCII word characters both find the same matches (lower-casing keeps
    its length, and no punctuation folds to a letter), and case-sensitive matching is 2-7x
    faster. Index the pair with the line's ``plain`` flag: ``_X_CI[plain].search(low)``."""
    src = pattern.pattern
    src = src[4:] if src.startswith("(?i)") else src
    return pattern, re.compile(src, pattern.flags & ~re.IGNORECASE)


(_COPYRIGHT_CI, _SHARE_CI, _SOCIAL_MEDIA_CI, _COOKIE_CI, _SUBSCRIBE_CI,
 _BYLINE_CI, _PHONE_CI, _DATE_CI, _DATE_WORDS_CI, _DATE_REL_CI, _DATE_MONTH_CI, _COUNTER_CI,
 _ADS_CI, _DOMAIN_CI, _RELATED_CI, _READ_MORE_CI) = map(_ci, (
    _COPYRIGHT, _SHARE, _SOCIAL_MEDIA, _COOKIE, _SUBSCRIBE, _BYLINE, _PHONE,
    _DATE, _DATE_WORDS, _DATE_REL_RE, _DATE_MONTH_RE, _COUNTER, _ADS, _DOMAIN, _RELATED,
    READ_MORE))


def may_be_dateline(text: str, key: str, words: float) -> bool:
    """Tell whether :func:`pattern_reason` may call a line a dateline (False: it cannot).

    A dateline has at most 12 words and a digit or a word like "today" or "ago" (see
    :func:`_is_date`): a line without them need not be analysed to know it is none.

    Parameters
    ----------
    text : str
        The stripped line.
    key : str
        Its lower-cased words joined by spaces.
    words : float
        Its number of words.

    Returns
    -------
    bool

    Examples
    --------
    >>> may_be_dateline("5 May 2025", "5 may 2025", 3), may_be_dateline("Home", "home", 1)
    (True, False)
    """
    return words <= 12 and (DIGIT.search(text) is not None
                            or not _T_DATE_REL.isdisjoint(key.split()))

