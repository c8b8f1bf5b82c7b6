"""Boilerplate removal for scraped news pages, with an audit of every removed line.

A scraped page arrives as plain text, one block per line: menus, share widgets, the headline,
the dateline, the article body, then teasers, footers and newsletter appeals. The cleaner
decides line by line, from signals that need no DOM:

* **line shape**: how many words, whether the line ends like a sentence, all-caps, name-shaped;
  a sentence broken into lines (at a page break, at its inline links: "... told", "The
  Associated Press", ", and ...") is prose when its pieces together make one;
* **vocabulary**: UI words ("Share:", "Log In", "Advertisement"), copyright, cookie and
  subscription patterns, counters ("Views: 44"), datelines, bylines, contact details, photo
  captions and gallery counters ("(Image: GETTY)", "Image 1 of 23"). An English prose line
  with footer, cookie, comment or share words is a notice only in the site's voice (it
  addresses the reader or states rights), else it is an article sentence about the subject;
* **position**: the article body is the densest run of prose lines on the page (a maximum-sum
  segment where prose lines score their word count and other lines a penalty), run on over
  sentence-shaped lines and list items right after it (with a lead-in line ending in ":" and
  its items, key points before it likewise, and an embedded post closed by its "— Name
  (@handle) date" signature); a short block of boilerplate between prose (a teaser or
  newsletter box, or a longer teaser box that a "Related ..." header opens, dates and bylines
  included) costs at most two boilerplate lines; a table flattened one cell a line (numbers
  recurring with the row's width) costs nothing and weighs as prose when a paragraph or a
  line ending in ":" leads into it; lines outside it are
  boilerplate, short lines inside it (a one-line quote, a list item, a subheading) stay,
  unless five or more of them in a row, short or title-cased, are neither sentences nor list
  items nor the items after a lead-in nor a fact box ("Price: $699" lines) (a menu or tag
  cloud the prose around it pulled in).
  After the span is fixed, teaser links ("... (3:05)", "... [Video]"), affiliate notes and an
  author's note among the last kept lines go too;
* **script**: a short line in another script than the page (Cyrillic UI on an English page),
  except Latin lines inside a Cyrillic body (code, names);
* **repetition**: a long line already kept once on the page (a gallery caption shown twice) and,
  corpus only, a line repeated across two or more articles of one source, unless long prose.

Scored by ``bench/boilerplate.py`` on the TEST pages of the article-extraction benchmark (never
used for tuning): English F1 0.886 (micro) / 0.886 (macro) with 7.69 % of gold sentences lost,
all languages F1 0.891 / 0.879 with 7.87 % lost, no empty output. Speed: see the benchmark's
docstring. Robustness to what the dev pages lack (lists, subheads, mid-body boxes, tables,
embedded posts): see ``bench/boilerplate_stress.py``.

:func:`strip_boilerplate` works on one page; :func:`line_audit` gives the decision and its
reason for every line of a corpus; :func:`clean_corpus` adds the body as ``text``;
:func:`cleaning_audit` lists the removed lines. Raw text is never modified: every non-empty raw
line is either in ``text`` or in the audit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Callable

import pandas as pd

from analysis.parallel import map_documents, release_memory

__all__ = [
    "REASONS",
    "clean_corpus",
    "cleaning_audit",
    "line_audit",
    "line_counts",
    "strip_boilerplate",
]

# The fixed vocabulary of the audit's ``reason`` column (kept lines have "").
REASONS = (
    "menu/nav",
    "share widget",
    "footer/copyright",
    "cookie notice",
    "subscription appeal",
    "comment section",
    "advertisement",
    "counter",
    "related links",
    "photo credit",
    "site signature",
    "repeated across source",
    "title",
    "dateline",
    "byline",
    "letterhead/contact",
    "ui string (non-English)",
    "outside article body",
    "repeated within page",
    "outside the extracted article",
)

_CORPUS_COLUMNS = ("doc_id", "source", "raw_text")

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
_READER = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
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
# The author's note closing an article: "Jane Roe (@jroe) is a senior editor at ...".
# (Two patterns: the anchored alternatives are tried at the start only, the other one only when
# its first word is there; one unanchored alternation is tried at every position of the line.)
_BIO_START = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:\s+\([^)]{1,60}\))?\s+"
    r"(?:is|was|joined|has been|covers|writes)\b(?i:.{0,150}?\b(?:writer|reporter|editor|"
    r"contributor|correspondent|columnist|journalist|fellow|curator|producer|author|publisher"
    r"|freelancer?|analyst|host)\b)"
    r"|additional reporting by\b")
_BIO_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?this (?:report|story|article)\b")
_GALLERY = re.compile(r"^(?:(?:image|photo|slide|picture) )?\d+\s?of\s?\d+(?:[^\d\s]|$)",
                      re.IGNORECASE)
# A teaser's label and colon before its headline.
_READ_MORE = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related(?: \w+)?)\s*:\s*\w", re.IGNORECASE)
# The signature closing an embedded post: "— Jane Roe (@janeroe) November 2, 2019".
_POST_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)")
# Teaser links: a video's running time or a bracketed tag closing a headline.
_TEASER = re.compile(r"(?:\(\d{1,2}:\d\d\)|\[(?:[Vv]ideo|[A-Z]{4,})\])$")
_AFFILIATE = re.compile(
    r"\b(?:may|might|could) (?:get|earn|receive) a (?:small )?(?:share of the sale|commission)\b"
    r"|\baffiliate commission\b", re.IGNORECASE)
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
_ENTRY_TIME = re.compile(r"(?i)(?:updated\s+)?(?:\d{1,2}:\d\d\s?(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?"
                         r"|\d+\s?(?:m|mins?|h|hrs?|minutes?|hours?) ago)$")
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
_WORD = re.compile(r"\w+")
# ASCII bytes: word characters lower-cased, everything else a space.
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32
                     for c in range(128)) + b" " * 128
# The same, keeping line breaks.
_ASCII_WORDS_NL = _ASCII_WORDS[:10] + b"\n" + _ASCII_WORDS[11:]
_DIGIT = re.compile(r"\d")
_ASCII_BYTES = bytes(range(128))
_SPECIAL = re.compile(r"[\d@>›»/]")
_SHORT_PATTERN_CHARS = re.compile(r"[\d.,@>›»/©]")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]")
# A non-ASCII word character or a CJK character (``_words`` counts those apart): a line without
# any is tokenised as if its non-ASCII characters were spaces.
# (A non-ASCII character, then a look back at it: far faster than a class with ``\W`` in it.)
_SPECIAL_WORD = re.compile(r"[^\x00-\x7f]"
                           r"(?<=[\w\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff])")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_ASCII_NOT_ALPHA = bytes(c for c in range(128) if not chr(c).isalpha())
_SENT_END = tuple(".!?…:;\"'”’»)]*。！？")
_STRIP = " \t\u00a0|•·:-–—>»«›‹*#"


# A list item's start: a bullet or a number closed by "." or ")" (not "10 Best ...").
_LIST_ITEM = re.compile(r"(?:[-–—•*·▪►✓]|\d{1,2}[.)]\s)")
# Reasons that mark the end of an article (footer, comments): prose after them weighs less
# (_Rules.after_footer_weight). Crossing one costs no more than other boilerplate: a false
# barrier inside an article (a "© Name" credit) then costs the article's second half only when
# it is short. A cookie banner is an overlay that a scrape puts anywhere: not a barrier.
# A form's label asks for the reader's details ("Enter your email address:", "Your name:"); a
# lead-in ("In a statement, the company said:") does not.
_FORM_LABEL = re.compile(r"^(?:please\s+)?(?:enter|type|select|choose|confirm|provide|your)\b",
                         re.IGNORECASE)
_BARRIERS = frozenset({"footer/copyright", "comment section"})
# Boxes that a page puts between an article's paragraphs.
_MID_BOXES = frozenset({"advertisement", "subscription appeal"})


@dataclass(frozen=True)
class _Rules:
    prose_words: int = 10
    long_words: int = 20
    short_penalty: float = 3.0
    boiler_penalty: float = 12.0
    barrier_penalty: float = 12.0
    min_body_words: int = 80
    after_footer_weight: float = 0.25
    max_title_words: int = 30
    max_pattern_chars: int = 400
    min_tail_words: int = 3
    min_menu_run: int = 5
    bio_lines: int = 2
    min_repeat_words: int = 8
    script_chars: int = 5000
    min_list_words: int = 5
    max_bare_items: int = 8
    max_menu_words: int = 6
    max_block_lines: int = 6
    max_block_cost: float = 24.0
    max_box_lines: int = 16
    max_table_columns: int = 12
    min_fact_lines: int = 3
    max_fact_words: int = 5
    min_table_numbers: int = 4


@dataclass(slots=True)
class _Line:
    no: int  # 1-based line number in the raw text
    text: str  # stripped line
    words: float
    prose: bool
    reason: str  # pattern reason, "" when no pattern matched
    key: str  # lower-cased words joined by spaces, for comparing lines
    cell: bool = False  # a table's cell (see _tables)


def _words(s: str, toks: list[str]) -> float:
    if s.isascii() or _CJK.search(s) is None:
        return len(toks)
    n_cjk = len(_CJK.findall(s))
    if n_cjk:
        return len(_WORD.findall(_CJK.sub(" ", s))) + n_cjk / 2
    return len(toks)


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


def _pattern_reason(s: str, toks: list[str], words: float, prose: bool, plain: bool) -> str:
    """Reason from the line alone (vocabulary and shape); "" when nothing matched.

    ``plain``: the line has no non-ASCII word character (nor CJK), so its ``toks`` came from the
    byte translation and the patterns may run lower-cased (see :func:`_ci`)."""
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
    has_digit = special and _DIGIT.search(s) is not None
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
        if len(_WORD.findall(undated)) <= 2:
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
    _READ_MORE))


def _script(s: str) -> str:
    if s.isascii():
        return "latin" if any(c.isalpha() for c in s) else ""
    # U+0400-U+04FF are exactly the UTF-8 sequences led by bytes D0-D3: counting those bytes in
    # C is far cheaper than a regular expression over a whole page of Latin text.
    b = s.encode("utf-8", "surrogatepass")
    n_cyr = len(b) - len(b.translate(None, b"\xd0\xd1\xd2\xd3"))
    if not n_cyr:
        return "latin" if _LATIN.search(s) else ""
    # ASCII letters counted in C; only the accented ones go through the regular expression.
    n_lat = (len(s.encode("ascii", "ignore").translate(None, _ASCII_NOT_ALPHA))
             + len(_LATIN_ACCENTED.findall(s)))
    if n_cyr == 0 and n_lat == 0:
        return ""
    return "cyrillic" if n_cyr > n_lat else "latin"


def _scan(text: str, rules: _Rules, *, lazy: bool = False
          ) -> tuple[list[_Line], Callable[[_Line], str]]:
    """Every non-empty line of ``text`` with its shape and pattern reason, and ``settle``.

    With ``lazy``, the short lines before the first and after the last prose line without a
    pattern reason get no pattern reason yet (``reason`` None): they cannot change the body
    span's run, and :func:`strip_boilerplate` and :func:`clean_corpus` drop them whatever their
    reason, so only the few that the run's extension, the headline search, the appeal pass
    and (in :func:`clean_corpus`, see :func:`_decide`) the headline and dateline searches read
    are analysed, by ``settle(line)`` (which returns the line's reason, analysing it first if
    need be). On the benchmark's pages that leaves half the distinct lines unanalysed. Without
    ``lazy`` (the audit) every line has its reason and ``settle`` just returns it."""
    findall = _WORD.findall
    max_chars, prose_words, long_words = (rules.max_pattern_chars, rules.prose_words,
                                          rules.long_words)
    stripped = list(map(str.strip, text.split("\n")))
    # ``_WORD.findall(s.lower())`` of every line by one byte translation of the whole page and
    # a split, 3-5x faster; exact for a line without non-ASCII word characters (curly quotes and
    # dashes are fine: all their bytes become separators). UTF-8 never has a "\n" byte inside a
    # character, so the translated page splits into the same lines.
    raw_bytes = text.encode("utf-8", "surrogatepass")
    tok_lines = raw_bytes.translate(_ASCII_WORDS_NL).decode()
    # Which lines have a non-ASCII word character (or a CJK one); without CJK characters on the
    # page, no line needs _words.
    has_letter, cjk = _letter_test(text, raw_bytes)
    # Menus repeat within a page: analyse each distinct line once.
    seen: dict[str, tuple | str] = dict(zip(stripped, tok_lines.split("\n")))
    seen.pop("", None)
    numbers: set[str] = set()  # lines that are a number alone: a table's cells, maybe
    for s, tok_line in seen.items():
        if len(s) > max_chars:
            # Long lines are prose whatever they say; a whitespace split counts them faster.
            toks, plain = [], False
            if s.isascii():
                words = len(s.split())
            elif has_letter is None or not has_letter(s):
                words = len(tok_line.split())
            else:
                words = _words(s, findall(s)) if cjk else len(findall(s))
        elif has_letter is None or s.isascii() or not has_letter(s):
            toks = tok_line.split()
            words = len(toks)
            plain = True
        else:
            toks = findall(s.lower())
            words = _words(s, toks) if cjk else len(toks)
            plain = False
        prose = words >= long_words or (words >= prose_words and s.endswith(_SENT_END))
        if words <= 2 and s[0] in _NUMBER_START and _NUMBER_CELL.match(s):
            numbers.add(s)
        # (Prose lines are analysed now: they bound the body span. So is a line that may be a
        # "Related ..." header: before the body, it marks the lines after it; see _related_run.)
        if lazy and not prose and (words > 12 or (
                toks and not _FIRST_GATES.get(toks[0], 0) & _G_RELATED)):
            seen[s] = (words, prose, None, " ".join(toks))
        else:
            seen[s] = (words, prose, _pattern_reason(s, toks, words, prose, plain),
                       " ".join(toks))
    lines = [_Line(no, s, *seen[s]) for no, s in enumerate(stripped, 1) if s]
    found: dict[str, str] = {}

    def later(line: _Line) -> str:
        """The pattern reason of a line left for later (not prose then, its words its key's)."""
        s = line.text
        plain = len(s) <= max_chars and (has_letter is None or s.isascii()
                                         or not has_letter(s))
        return _pattern_reason(s, line.key.split(), line.words, False, plain)

    def settle(line: _Line) -> str:
        reason = line.reason
        if reason is None:
            reason = found.get(line.text)
            if reason is None:
                reason = found[line.text] = later(line)
            line.reason = reason
        return reason

    # A paragraph cut mid-sentence by a page break: both halves are prose if together they are
    # (the seam: a lower-case letter, a line break, a lower-case start). More generally, a
    # sentence broken into lines at its inline links ("... told", "The Associated Press",
    # ", and ...") is a chain of lines joined at open seams (see _seam): its lines are
    # prose if together they make a sentence-shaped line of ``prose_words`` or more.
    a = lines[0] if lines else None
    a_end = a.text[-1] if lines else ""
    for i in range(1, len(lines)):
        b = lines[i]
        text = b.text
        end = text[-1]
        if text[0].islower():
            if (a_end.isalpha() and a_end.islower() and a.words + b.words >= prose_words
                    and not (settle(a) or settle(b))):
                a.prose = b.prose = True
        # A line that may end a sentence which the line before leaves open (see _seam).
        if (end in _STOP_OR_CLOSING and a_end not in _SENT_END_CHARS
                and (b.words <= 6 or text[0].islower() or text[0] in _CONTINUING_START)):
            _chain_prose(lines, i, settle, prose_words)
        a, a_end = b, end
    if len(numbers) >= 2:
        _tables(lines, numbers, rules, settle)
    if lazy:
        # Prose lines and seams are settled: analyse the lines from the first prose line
        # without a pattern reason to the last (the body span's run starts and ends at such).
        first = next((i for i, line in enumerate(lines) if line.prose and not line.reason),
                     len(lines))
        last = next((i for i in range(len(lines) - 1, first - 1, -1)
                     if lines[i].prose and not lines[i].reason), first)
        for line in lines[first:last + 1]:
            if line.reason is None:
                s = line.text
                reason = found.get(s)
                if reason is None:
                    reason = found[s] = later(line)
                line.reason = reason
    return lines, settle


# A table's number cell: "5040", "12.3%", "$1,200", "-0.5".
_NUMBER_CELL = re.compile(r"[+\-−]?[$€£]?\d[\d.,]*%?$")
_NUMBER_START = frozenset("0123456789+-−$€£")


def _is_cell(line: _Line) -> bool:
    return line.words <= 4 and not line.prose and len(line.text) <= 40


def _tables(lines: list[_Line], numbers: set[str], rules: _Rules,
            settle: Callable[[_Line], str]) -> None:
    """Mark as cells, without a pattern reason, the lines of a table flattened one cell a line;
    as prose too when the line before the table is a paragraph or ends with a colon.

    A table is a run of short lines (cells) in which the lines that are a number alone
    (``numbers``) recur with a period (the row's width, at most ``max_table_columns``): the
    same two or more columns of each row of two rows or more hold numbers, and one column at
    least holds none (a row's label). The run takes in up to a header row and a label before
    its first number and a label column after its last, lines without a pattern reason. A
    menu with counts ("World", "12") has one number column, a pager no label: neither is a
    table."""
    pos = [i for i, line in enumerate(lines) if line.text in numbers]
    max_cols, min_numbers = rules.max_table_columns, rules.min_table_numbers
    # (Most pages' numbers lie far apart: no table.)
    if not any(pos[k + min_numbers - 1] - pos[k] <= (min_numbers - 1) * max_cols
               for k in range(len(pos) - min_numbers + 1)):
        return
    n_pos, g = len(pos), 0
    while g < n_pos:
        # A cluster: numbers at most a row apart, all lines between them cells.
        h = g
        while (h + 1 < n_pos and pos[h + 1] - pos[h] <= max_cols
               and all(_is_cell(lines[k]) for k in range(pos[h] + 1, pos[h + 1]))):
            h += 1
        a, b = pos[g], pos[h]
        if h - g + 1 >= min_numbers:
            num = set(pos[g:h + 1])
            for p in range(2, max_cols + 1):
                cols = {(k - a) % p for k in num}
                if (2 <= len(cols) < p and (b - a) // p >= 1
                        and all(((k - a) % p in cols) == (k in num) for k in range(a, b + 1))):
                    lo, hi = a, b
                    while lo > 0 and a - lo < 2 * p - 1 and _is_cell(lines[lo - 1]) \
                            and lines[lo - 1].text not in numbers and not settle(lines[lo - 1]):
                        lo -= 1
                    while hi + 1 < len(lines) and hi - b < p - len(cols) \
                            and _is_cell(lines[hi + 1]) and lines[hi + 1].text not in numbers \
                            and not settle(lines[hi + 1]):
                        hi += 1
                    # (A table that a paragraph or a line ending with a colon leads into is
                    # the article's: its cells weigh like prose. Others, a sidebar's standings
                    # or a ticker, weigh nothing.)
                    before = lines[lo - 1] if lo > 0 else None
                    weighs = (before is not None and (before.prose or before.text[-1] == ":")
                              and not settle(before))
                    for line in lines[lo:hi + 1]:
                        line.cell, line.reason = True, ""
                        line.prose = line.prose or weighs
                    break
        g = h + 1


# Words that leave a sentence open when a line ends with them: the next line goes on with it.
_OPEN_END_WORDS = frozenset(
    "the a an of to in for with on at by from and or but nor that which who whom whose as than "
    "is are was were be been being has have had will would can could should may might must not "
    "into onto about over under after before between against during without within through "
    "across toward towards its their his her our your my this these those where when while if "
    "because although though since until via per amid among said told according "
    "including".split())
# Closing punctuation that a line may start with when it goes on with the previous one.
_CONTINUING_START = frozenset(",.;:)]!?”’")
# A line that starts with one of these is glued to the line before it in the body text.
_GLUED_START = frozenset(",.;:)]!?")
# A sentence's end: a full stop (or "!", "?", "..."), maybe followed by closing quotes.
_FULL_STOP = tuple(".!?…")
_CLOSING = "\"'”’»)"
_CLOSING_QUOTES = frozenset("”\"’'")
_STOP_OR_CLOSING = frozenset(_FULL_STOP) | _CLOSING_QUOTES  # (not ")": "World (3031)")
_BULLET_START = frozenset("-–—•*·▪►✓#|>»")
_SENT_END_CHARS = frozenset(".!?…:")


def _seam(first: str, second: _Line, first_key: str) -> int:
    """How ``second`` may go on with the sentence ``first`` leaves open: 2 (surely: ``first``
    does not end a sentence and ``second`` starts lower-case or with closing punctuation,
    ``first`` ends with a word that cannot end one, "of", "the", "said", or with a comma and
    a closing quote), 1 (maybe: ``second`` is a capitalised link text of six words or fewer
    after an open line, "... friendship with" "Jeffrey Epstein"), 0 (no: a full stop, or a
    longer line after an open one, such as a headline after a truncated teaser)."""
    end = first[-1]
    start = second.text[0]
    if not (start.islower() or start in _CONTINUING_START) and (
            second.words > 6 or start in _BULLET_START):
        return 0
    if end.isalnum() or end == "," or end == ";":
        if start.islower() or start in _CONTINUING_START:
            return 2
        if end.islower() and first_key[first_key.rfind(" ") + 1:] in _OPEN_END_WORDS:
            return 2
        return 1
    # '..., the minister said,”' then "Smith added."
    return 2 if end in _CLOSING_QUOTES and first[-2:-1] == "," else 0


def _chain_prose(lines: list[_Line], j: int, settle: Callable[[_Line], str],
                 prose_words: int) -> None:
    """Mark as prose the sentence that ``lines[j]`` ends, if it is one broken into lines.

    ``lines[j]`` ends with a full stop (or "!", "?", "...", a closing quote after one); the
    sentence is the chain of seams (see :func:`_seam`) before it, back to the line after an
    earlier full stop once it has ``prose_words`` words. It is prose when no more of its seams
    are maybe than sure and no line has a pattern reason: a run of mostly capitalised lines is
    a menu, and lines after a chain's last full stop (class names, handles, truncated teasers)
    are no sentence."""
    if not lines[j].text.rstrip(_CLOSING).endswith(_FULL_STOP):
        return
    words, sure, k = lines[j].words, 0, j
    while k > 0:
        a, b = lines[k - 1], lines[k]
        seam = _seam(a.text, b, a.key)
        if not seam or (words >= prose_words
                        and a.text.rstrip(_CLOSING).endswith(_FULL_STOP)):
            break
        sure += seam == 2
        words += a.words
        k -= 1
    run = lines[k:j + 1]
    # (The lines are settled last: analysing them costs.)
    if (words >= prose_words and 2 * sure >= j - k and not all(x.prose for x in run)
            and not any(settle(x) for x in run)):
        for x in run:
            x.prose = True


def _continues(first: str, second: str) -> bool:
    """Tell whether ``second`` continues the sentence ``first`` breaks off (lower-case seam)."""
    return first[-1:].isalpha() and first[-1:].islower() and second[:1].islower()


def _body_span(lines: list[_Line], rules: _Rules, settle: Callable[[_Line], str]
               ) -> tuple[int, int]:
    """Indices ``[start, end)`` of the maximum-sum run: prose scores its words, the rest a cost.

    A line not analysed yet (``reason`` None, see :func:`_scan`) is not prose and lies before
    the first or after the last prose line: whatever its reason, it cannot be part of the run.
    ``settle`` analyses the lines the run may be extended over."""
    best, best_span = 0.0, (0, 0)
    run, run_start = 0.0, 0
    weight = 1.0
    barrier, boiler, short = -rules.barrier_penalty, -rules.boiler_penalty, -rules.short_penalty
    # A block of at most ``max_block_lines`` non-prose lines between two prose lines (a teaser
    # box, an ad label, a newsletter box inside an article) costs no more than
    # ``max_block_cost`` in all, unless it holds a barrier, a byline or a dateline (the end of
    # an article or its head): at the prose line after it, the run carried over the block at
    # that cost replaces the run if it is higher. (The costs being negative, no best run ends
    # inside a block, so this is the maximum-sum run with the capped costs.) A teaser box that
    # a "Related ..." header opens, without menu items, may hold ``max_box_lines`` lines and
    # its teasers' dates and bylines.
    n_block, block_cost, cappable, head = 0, 0.0, True, False
    run_before, start_before = 0.0, 0
    max_block, block_cap = rules.max_block_lines, -rules.max_block_cost
    max_box, box = rules.max_box_lines, False
    # Every line but a prose line without a pattern reason costs: the run starts at the first
    # such line and ends by the last, so the lines outside them need no look.
    n = len(lines)
    first = next((i for i in range(n) if lines[i].prose and not lines[i].reason), n)
    last = next((i for i in range(n - 1, first, -1) if lines[i].prose and not lines[i].reason),
                first)
    for i in range(first, min(last + 1, n)):
        line = lines[i]
        reason = line.reason
        if not reason and (line.prose or line.cell):
            # (A table's cells that weigh nothing (see _tables) do not cut the body either.)
            score = line.words * weight if line.prose else 0.0
            if n_block:
                if (cappable and (n_block <= max_box if box else n_block <= max_block
                                  and not head)
                        and block_cost < block_cap and run_before + block_cap > max(run, 0.0)):
                    run, run_start = run_before + block_cap, start_before
                n_block, block_cost, cappable, head = 0, 0.0, True, False
        else:
            if not n_block:
                run_before, start_before = run, run_start
                # (A block that a "Related" header opens is a teaser box, whose teasers may
                # carry dates and bylines: no article head; unless it holds a menu.)
                box = reason == "related links"
            n_block += 1
            if not reason:
                score = short
                if line.words < 3:
                    box = False
            elif reason in _BARRIERS:
                score = barrier
                cappable = False
                # Prose after a footer or comment section that follows some prose is comments
                # or teasers far more often than article text.
                if best >= rules.min_body_words:
                    weight = rules.after_footer_weight
            else:
                score = boiler
                # (A live blog's entry time, a clock time or "12m ago" without a date, is
                # no article head.)
                if reason == "byline" or reason is None or (
                        reason == "dateline" and _ENTRY_TIME.match(line.text) is None):
                    head = True
                elif reason == "menu/nav":
                    box = False
            block_cost += score
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, i + 1)
    start, end = best_span
    # Sentence-shaped lines right after the run (a closing list item, a one-line quote, an
    # editor's note) still belong to the body, and so do the items of a list closing it, with
    # the lead-in line that opens it ("What we know:").
    # (The line at ``end`` is settled even when the run stops there: _appeal_run reads it.)
    bulleted = False  # a bulleted list has started: its items stay however short
    while end < len(lines) and not settle(lines[end]):
        line = lines[end]
        if _sentence_shaped(line, rules) or _list_item(line, rules):
            bulleted = bulleted or _LIST_ITEM.match(line.text) is not None
        elif bulleted and _short_item(line):
            pass
        elif _lead_in(line, rules) and _opens_list(lines, end + 1, rules, settle):
            bulleted = _short_item(lines[end + 1])
            if not (bulleted or lines[end + 1].prose or _sentence_shaped(lines[end + 1], rules)):
                # Unbulleted items look like the menu or teasers that may follow an article:
                # they count (with the lead-in) only as a short run that boilerplate or the
                # page's end closes.
                k = end + 1
                while (k < len(lines) and k - end <= rules.max_bare_items + 1
                       and not settle(lines[k]) and _bare_item(lines[k])):
                    k += 1
                if k - end > rules.max_bare_items + 1 or (k < len(lines) and not lines[k].reason):
                    break
                end = k
                continue
        elif k := _embedded_post(lines, end, settle):
            end = k
            continue
        elif line.cell:
            pass
        elif k := _headed_fact_box(lines, end, settle, rules):
            end += k
            continue
        else:
            break
        end += 1
    # ... and so do the ones right before it (a short lead paragraph, a list of key points
    # and its lead-in).
    while start > 0 and not settle(lines[start - 1]):
        line = lines[start - 1]
        if not (line.cell or _sentence_shaped(line, rules)
                or (_short_item(line) and line.words >= 3)
                or (_lead_in(line, rules) and _opens_list(lines, start, rules, settle))):
            break
        start -= 1
    return start, end


def _embedded_post(lines: list[_Line], i: int, settle: Callable[[_Line], str]) -> int:
    """The index after an embedded post that starts at ``lines[i]`` (its text in up to three
    lines, then its "— Name (@handle) date" signature), else 0."""
    for j in range(i + 1, min(i + 4, len(lines))):
        if settle(lines[j - 1]):
            return 0
        if _POST_SIGNATURE.match(lines[j].text):
            return 0 if settle(lines[j]) else j + 1
    return 0


def _short_item(line: _Line) -> bool:
    """A bulleted or numbered line of two words or more, without a pattern reason."""
    return not line.reason and line.words >= 2 and _LIST_ITEM.match(line.text) is not None


def _lead_in(line: _Line, rules: _Rules) -> bool:
    """A line introducing a list or a quote: ``min_tail_words`` words or more ending in ":"."""
    return (not line.reason and line.words >= rules.min_tail_words and line.text.endswith(":")
            and not line.text[:1].islower() and not _FORM_LABEL.search(line.text))


def _opens_list(lines: list[_Line], i: int, rules: _Rules, settle: Callable[[_Line], str]
                ) -> bool:
    """Tell whether ``lines[i]`` can follow a lead-in: a list item or a sentence."""
    return i < len(lines) and not settle(lines[i]) and (
        _short_item(lines[i]) or _sentence_shaped(lines[i], rules) or lines[i].prose
        or _bare_item(lines[i]))


def _bare_item(line: _Line) -> bool:
    """An unbulleted list item: two to 12 words, no pattern reason, not a lead-in."""
    return (not line.reason and 2 <= line.words <= 12 and not line.prose
            and not line.text.endswith(":"))


def _list_item(line: _Line, rules: _Rules) -> bool:
    """A bulleted or numbered ("1.", "2)") line of ``min_list_words`` words or more."""
    return (not line.reason and line.words >= rules.min_list_words
            and _LIST_ITEM.match(line.text) is not None)


def _sentence_shaped(line: _Line, rules: _Rules) -> bool:
    return (not line.reason and line.words >= rules.min_tail_words
            and line.text.endswith(_SENT_END[:4]) and not line.text[:1].islower())


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _classify(text: str, rules: _Rules, *, repeated: frozenset[str] = frozenset(),
              title: str = "") -> list[tuple[_Line, str]]:
    """Return every non-empty line with its removal reason ("" = kept in the body)."""
    lines, reasons, _, _ = _decide(text, rules, repeated=repeated, title=title)
    return list(zip(lines, reasons))


def _rule_decisions(text: str, rules: _Rules, *, repeated: frozenset[str] = frozenset(),
                    title: str = "") -> tuple[list[tuple[_Line, str]], int, int]:
    """The hand rules' decision for every line, and the body span ``[start, end)`` they found."""
    lines, reasons, start, end = _decide(text, rules, repeated=repeated, title=title)
    return list(zip(lines, reasons)), start, end


def _decide(text: str, rules: _Rules, *, repeated: frozenset[str] = frozenset(),
            title: str = "", lazy: bool = False, find_title: bool = False,
            find_date: bool = False) -> tuple[list[_Line], list[str], int, int]:
    """Every non-empty line, its removal reason ("" = kept) and the body span ``[start, end)``.

    With ``lazy`` (see :func:`_scan`), lines outside the prose lines that nothing needs
    analysed get the reason "outside article body" instead of their own: the same lines are
    kept, faster. ``find_title`` and ``find_date`` then analyse the few more lines that may be
    a headline or a dateline, so that the lines with reason "title" are the same as without
    ``lazy``, and so are the lines with reason "dateline" up to the first with a year (the
    one :func:`clean_corpus` reads)."""
    lines, settle = _scan(text, rules, lazy=lazy)
    if not lines:
        return [], [], 0, 0
    start, end = _body_span(lines, rules, settle)
    # Page script: the script of the body (or of the whole page if no body was found).
    max_chars = rules.script_chars
    parts, n_chars = [], 0
    for line in lines[start:end]:  # only the lines that make up the first max_chars
        parts.append(line.text)
        n_chars += len(line.text) + 1
        if n_chars > max_chars:
            break
    page_script = _script((" ".join(parts) or text)[:max_chars])
    title_norm = _norm(title)
    # Headline: a line before the body that another pre-body line repeats, else the manifest
    # title, else the last headline-shaped line before the body.
    head = lines[:start]
    seen = Counter([line.key for line in head])
    heads = {k for k, n in seen.items() if n > 1 and len(k.split()) >= 3}
    if title_norm:
        heads.add(title_norm)
    if not heads:
        for line in reversed(head):
            if (3 <= line.words <= rules.max_title_words and not line.text.endswith(".")
                    and not settle(line)):
                heads.add(line.key)
                break
    heads.discard("")
    head_prefixes = tuple(h + " " for h in sorted(heads))
    # Lines up to three after a headline line, where a byline may stand.
    near_title = {j for i, line in enumerate(head) if line.key in heads
                  for j in range(i + 1, i + 4)}
    if lazy and find_title:
        # (An unanalysed line lies outside the span, where a headline is a line whose key is a
        # headline or starts with one; only a line without a pattern reason can be one.)
        for line in lines:
            if line.reason is None and (line.key in heads or line.key.startswith(head_prefixes)):
                settle(line)
    if lazy and find_date:
        for line in lines:
            reason = line.reason
            if reason is None and _may_be_dateline(line):
                reason = settle(line)
            if reason == "dateline" and _parse_date(line.text):
                break
    latin_page = page_script == "latin"
    long_words = rules.long_words
    # A line not analysed (lazy) is outside the body, whatever it says.
    reasons = ["outside article body" if (r := line.reason) is None else r for line in lines]
    for i, line in enumerate(lines):
        if reasons[i]:
            continue
        key = line.key
        words = line.words
        if repeated and key in repeated and words < long_words:
            reasons[i] = "repeated across source"
        # Latin lines inside a Cyrillic body are code, names or quotes, not the site's UI.
        elif (words <= 6 and page_script and not (latin_page and line.text.isascii())
              and (other := _script(line.text)) and other != page_script
              and not (start <= i < end and other == "latin")):
            reasons[i] = "ui string (non-English)"
        elif start <= i < end:
            if key and key in heads:
                reasons[i] = "title"
        elif key in heads or key.startswith(head_prefixes):
            reasons[i] = "title"
        elif i in near_title and _name_shaped(line.text):
            reasons[i] = "byline"
        elif i < start and line.text.isupper() and _caps_block(lines, i):
            reasons[i] = "letterhead/contact"
        elif words <= 6:
            reasons[i] = "menu/nav"
        else:
            reasons[i] = "outside article body"
    # Every line outside [start, end) has a reason by now: the passes below, which only look
    # at kept lines, need not walk the rest of the page.
    _appeal_run(lines, reasons, rules.long_words, start, end)
    _related_run(lines, reasons)
    _menu_run(lines, reasons, start, end, rules)
    _author_note(lines, reasons, rules.bio_lines, end)
    _teasers_and_repeats(lines, reasons, start, end, rules.min_repeat_words)
    return lines, reasons, start, end


def _may_be_dateline(line: _Line) -> bool:
    """False when :func:`_pattern_reason` cannot call the line a dateline: a dateline has at
    most 12 words and a digit or a word like "today" or "ago" (see :func:`_is_date`)."""
    return line.words <= 12 and (_DIGIT.search(line.text) is not None
                                 or not _T_DATE_REL.isdisjoint(line.key.split()))


def _teasers_and_repeats(lines: list[_Line], reasons: list[str], start: int, end: int,
                         min_words: int) -> None:
    """Among the kept lines of ``lines[start:end]``: teaser links ("... (3:05)", "... [Video]"),
    affiliate notes, and lines repeated within the page.

    Teasers are decided after the body span so that, unlike other patterns, they do not cut the
    span: the article may go on after them. A kept line of ``min_words`` or more seen earlier
    in the body is a gallery caption or a teaser shown twice: the body keeps its first copy."""
    kept: set[str] = set()
    quotes: list[int] = []  # short lines in quotes: a pull quote repeats a body sentence
    for i in range(start, end):
        if reasons[i]:
            continue
        line = lines[i]
        s = line.text
        words = line.words
        if words <= 50:
            if s[0] in "“\"" and words >= min_words:
                quotes.append(i)
            if words <= 20 and s[-1] in ")]" and _TEASER.search(s):
                reasons[i] = "related links"
                continue
            if ("commission" in s or "sale" in s) and _AFFILIATE.search(s):
                reasons[i] = "advertisement"
                continue
        if words < min_words:
            continue
        if s in kept:
            reasons[i] = "repeated within page"
        else:
            kept.add(s)
    if quotes:
        others = set(quotes)
        body = "\n".join(lines[k].text for k in range(start, end)
                         if not reasons[k] and k not in others)
        for i in quotes:
            if lines[i].text.strip("“”\" ") in body:
                reasons[i] = "repeated within page"


def _author_note(lines: list[_Line], reasons: list[str], n_last: int, end: int) -> None:
    """Among the last ``n_last`` kept lines (all before ``end``), an author's biography or
    credit line is a byline."""
    seen = 0
    for i in range(end - 1, -1, -1):
        if reasons[i]:
            continue
        seen += 1
        if seen > n_last:
            break
        line = lines[i]
        if line.words <= 60 and _is_bio(line.text):
            reasons[i] = "byline"


def _is_bio(s: str) -> bool:
    return _BIO_START.match(s) is not None or (
        "contributed " in s and _BIO_CONTRIBUTED.search(s) is not None)


def _name_shaped(s: str) -> bool:
    parts = s.split()
    return 2 <= len(parts) <= 4 and all(p[:1].isupper() and p.replace(".", "").replace("-", "")
                                        .isalpha() for p in parts)


def _caps_block(lines: list[_Line], i: int) -> bool:
    """Two or more consecutive short all-caps lines: a letterhead or logo text."""

    def caps(line: _Line) -> bool:
        return line.words <= 4 and line.text.isupper() and any(c.isalpha() for c in line.text)

    if not caps(lines[i]):
        return False
    return (i > 0 and caps(lines[i - 1])) or (i + 1 < len(lines) and caps(lines[i + 1]))


def _appeal_run(lines: list[_Line], reasons: list[str], long_words: int, start: int,
                end: int) -> None:
    """A kept line addressing the reader right before a subscription appeal belongs to it
    (kept lines all lie in ``lines[start:end]``)."""
    n = len(lines)
    for i in range(min(end, n - 1), max(start, 0), -1):
        if reasons[i] != "subscription appeal":
            continue
        line = lines[i - 1]
        block = i + 1 == n or reasons[i + 1]  # the appeal opens a boilerplate block
        if (block and not reasons[i - 1]
                and line.words < long_words and _READER.search(line.text)):
            reasons[i - 1] = "subscription appeal"


_BULLET = tuple("-–—•*·▪►✓") + tuple("0123456789")


def _menu_run(lines: list[_Line], reasons: list[str], start: int, end: int,
              rules: _Rules) -> None:
    """Inside the body span, a run of ``min_menu_run`` or more short kept lines that are neither
    sentences nor list items is a menu, tag cloud or teaser block that prose around it pulled in."""
    i = start
    while i < end:
        if lines[i].prose or lines[i].cell:
            i += 1
            continue
        j = i
        while j < end and not (lines[j].prose or lines[j].cell):
            j += 1
        short = []
        k = i
        while k < j:
            s = lines[k].text
            if reasons[k] or s.startswith(_BULLET) or s.endswith(_SENT_END[:4]):
                k += 1
                continue
            if ":" in s and (n := _fact_box(lines, reasons.__getitem__, k, j, rules)):
                k += n  # a fact box's lines, not a menu
                continue
            if _lead_in(lines[k], rules):
                # A lead-in and the few short items after it are a list, not a menu.
                k += 1
                n = 0
                while (k < j and n < rules.max_bare_items and not reasons[k]
                       and _bare_item(lines[k])):
                    k += 1
                    n += 1
                continue
            short.append(k)
            k += 1
        # (Menu items and teaser headlines are short or title-cased: a run of longer lines in
        # sentence case, such as a deals post's offers, is not a menu unless it holds enough
        # of those.)
        if len(short) >= rules.min_menu_run and sum(
                lines[k].words <= rules.max_menu_words or _title_cased(lines[k].text)
                for k in short) >= rules.min_menu_run:
            for k in short:
                reasons[k] = "menu/nav"
        i = j


# A fact box's line: a short label, a colon and a short value ("Release date: March 2020").
_FACT = re.compile(r"([A-Z][\w’'()/&-]*(?: [\w’'()/&-]+){0,2}):\s+\S")


def _fact_box(lines: list[_Line], reason: Callable[[int], str], i: int, end: int,
              rules: _Rules) -> int:
    """How many lines from ``lines[i]`` make a fact box (``min_fact_lines`` or more "Label:
    value" lines in a row before ``end``, no ``reason(k)``, labels of one to three words all
    different, values of at most ``max_fact_words`` words), else 0. Teaser headlines with a colon
    ("Police: Gift card scam costs ...") have longer values; a menu's "Star Wars: Episode IX",
    "Star Wars: The Mandalorian" repeats its labels."""
    labels = set()
    k = i
    while k < end and not reason(k):
        m = _FACT.match(lines[k].text)
        if (m is None or m.group(1) in labels
                or len(lines[k].text[m.end() - 1:].split()) > rules.max_fact_words):
            break
        labels.add(m.group(1))
        k += 1
    return k - i if k - i >= rules.min_fact_lines else 0


def _headed_fact_box(lines: list[_Line], i: int, settle: Callable[[_Line], str],
                     rules: _Rules) -> int:
    """How many lines from ``lines[i]`` make a fact box, maybe after its heading of at most
    four words ("Specifications", then "Price: $999", ...), else 0."""
    def reason(k: int) -> str:
        return settle(lines[k])

    if n := _fact_box(lines, reason, i, len(lines), rules):
        return n
    line = lines[i]
    if line.words <= 4 and not line.text.endswith(_SENT_END) and (
            n := _fact_box(lines, reason, i + 1, len(lines), rules)):
        return n + 1
    return 0


def _title_cased(s: str) -> bool:
    """Every word of five letters or more capitalised ("Talks Resume With a New Agenda")."""
    return all(w[0].isupper() for w in s.split() if len(w) >= 5 and w[0].isalpha())


def _related_run(lines: list[_Line], reasons: list[str]) -> None:
    """Headline-shaped lines right after a "Related ..." header are its links.

    ("Read more: <a headline>" is a teaser of its own, no header: no run starts at it.)"""
    if "related links" not in reasons:
        return
    in_run = False
    for i, reason in enumerate(reasons):
        if reason == "related links":
            in_run = _READ_MORE.match(lines[i].text) is None
        elif not in_run:
            continue
        elif not reason:
            line = lines[i]
            # (An embedded post's signature, "— Name (@handle) date", is the article's; so
            # is a subheading after an ad label or an appeal box that closes the teasers,
            # right before a paragraph.)
            if line.prose or line.cell or "(@" in line.text:
                in_run = False
            elif line.words >= 3 and not line.text.endswith(_SENT_END[:3]) and not (
                    reasons[i - 1] in _MID_BOXES and i + 1 < len(lines)
                    and lines[i + 1].prose and not reasons[i + 1]):
                reasons[i] = "related links"
            else:
                in_run = False
        elif lines[i].prose:
            in_run = False


def _join_body(kept: list[_Line]) -> str:
    """Join kept lines with newlines, re-joining a paragraph split mid-sentence by a break, and
    gluing a line that starts with closing punctuation (", and ...", ".") to the line before."""
    parts: list[str] = []
    for line in kept:
        s = line.text
        if s[0].islower() and parts and _continues(parts[-1], s):
            parts[-1] = parts[-1] + " " + s
        elif s[0] in _GLUED_START and parts and parts[-1][-1] not in _GLUED_START:
            parts[-1] = parts[-1] + s
        else:
            parts.append(s)
    return "\n".join(parts)


@lru_cache(maxsize=64)  # (a frozen dataclass of 26 fields takes microseconds to build)
def _rules(prose_words, long_words, short_penalty, boiler_penalty) -> _Rules:
    for name, value in [("prose_words", prose_words), ("long_words", long_words),
                        ("short_penalty", short_penalty), ("boiler_penalty", boiler_penalty)]:
        if not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    return _Rules(prose_words=prose_words, long_words=long_words, short_penalty=short_penalty,
                  boiler_penalty=boiler_penalty)


def strip_boilerplate(text: str, *, prose_words: int = 10, long_words: int = 20,
                      short_penalty: float = 3.0, boiler_penalty: float = 12.0) -> str:
    """Return the article body of one scraped page (plain text, one block per line).

    Parameters
    ----------
    text : str
        The page as plain text, one block (paragraph, menu item, heading) per line.
    prose_words : int, default 10
        A line of at least this many words (``\\w+`` runs; a CJK character counts half) that
        ends like a sentence counts as prose.
    long_words : int, default 20
        A line of at least this many words counts as prose whatever its ending.
    short_penalty : float, default 3.0
        Cost, in words, of a short non-prose line inside the body run; higher values cut the
        body at menus sooner but may drop a paragraph isolated between subheadings.
    boiler_penalty : float, default 12.0
        Cost, in words, of a line matching a boilerplate pattern (share, copyright, byline...).

    Returns
    -------
    str
        The body lines, stripped, joined with ``"\\n"``; a paragraph broken mid-sentence (a line
        ending in a lower-case word followed by a line starting lower-case) is re-joined. Title,
        dateline and byline are not part of the body. Empty string when no body is found.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> page = "Home\\nPolitics\\nShare:\\n"
    >>> page += "Ministers met in Baku on Monday to sign a new trade deal.\\n"
    >>> page += "- First, tariffs fall.\\n© 2025 Example News. All rights reserved."
    >>> print(strip_boilerplate(page, prose_words=5))
    Ministers met in Baku on Monday to sign a new trade deal.
    - First, tariffs fall.
    """
    if not isinstance(text, str):
        raise TypeError(f"strip_boilerplate expects a str, got {type(text).__name__}")
    rules = _rules(prose_words, long_words, short_penalty, boiler_penalty)
    lines, reasons, _, _ = _decide(text, rules, lazy=True)
    return _join_body([line for line, reason in zip(lines, reasons) if not reason])


def _check_corpus(corpus) -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(corpus).__name__}")
    missing = [c for c in _CORPUS_COLUMNS if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus is missing column(s) {', '.join(missing)}"
                         " (load it with analysis.corpus.load_corpus)")
    bad = [d for d, t in zip(corpus["doc_id"], corpus["raw_text"]) if not isinstance(t, str)]
    if bad:
        raise ValueError(f"raw_text is not a string for doc_id {', '.join(map(str, bad[:5]))}")
    # Lines are split on "\n" (a "\r" ending a line is stripped with its spaces); another
    # line break before more text would hide those lines from every rule and reach the body.
    odd = [d for d, t in zip(corpus["doc_id"], corpus["raw_text"])
           if _ODD_BREAK_CHAR.search(t) is not None and _ODD_BREAK.search(t) is not None]
    if odd:
        raise ValueError(f"raw_text holds a line break other than \"\\n\" (a lone CR, U+2028,"
                         f" ...) for doc_id {', '.join(map(str, odd[:5]))}; load the corpus"
                         " with analysis.corpus.load_corpus or apply"
                         " analysis.corpus.normalize_raw")


_ODD_BREAK_CHAR = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ODD_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029][^\\S\n]*\\S")


def _line_keys(text: str) -> set[str]:
    """``{_norm(line) for line in text.split("\\n")} - {""}``, mostly without a regex per line.

    One byte translation of the whole text lower-cases ASCII word characters and turns every
    other byte into a space (UTF-8 has no "\\n" byte inside a character, so the lines stay
    put): splitting a translated line on whitespace gives its words. That is exact for a line
    without non-ASCII word characters (no non-word character lower-cases into a word
    character), so only lines with some go through :func:`_norm`: the lines holding one of the
    text's non-ASCII word characters, found among its non-ASCII characters alone (its UTF-8
    bytes less the ASCII ones)."""
    raw = text.encode("utf-8", "surrogatepass")
    flat = raw.translate(_ASCII_WORDS_NL).decode().split("\n")
    has_letter, _ = _letter_test(text, raw)
    if has_letter is not None:
        for i, s in enumerate(text.split("\n")):
            if not s.isascii() and has_letter(s):
                flat[i] = _norm(s)
    keys = {" ".join(line.split()) for line in set(flat)}
    keys.discard("")
    return keys


def _letter_test(text: str, raw: bytes, *, max_letters: int = 8
                 ) -> tuple[Callable[[str], bool] | None, bool]:
    """``(has_letter, cjk)``: a test whether a line of ``text`` (UTF-8 encoding ``raw``) holds a
    non-ASCII word character or a CJK character, None when ``text`` holds none; and whether it
    holds CJK characters.

    They are looked for among the page's non-ASCII characters alone. A page with a few such
    letters (an accented name on an English page) gets a substring search for each, cheaper
    than a regular expression on every line. A Cyrillic or CJK page, with dozens or hundreds,
    gets the regular expression, which stops at a line's first letter: its distinct letters are
    only counted up to ``max_letters`` + 1, each found by removing the ones before it, never
    by a set of all its characters (a new string object for each non-Latin-1 one)."""
    if text.isascii():
        return None, False
    others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if _SPECIAL_WORD.search(others) is None:
        return None, False
    letters: list[str] = []
    rest = others
    while rest and len(letters) <= max_letters:
        c = rest[0]
        if _SPECIAL_WORD.match(c) is not None:
            letters.append(c)
        rest = rest.replace(c, "")
    if rest:  # more than max_letters letters
        return (lambda s: _SPECIAL_WORD.search(s) is not None), _CJK.search(others) is not None
    return (lambda s: any(map(s.__contains__, letters))), any(map(_CJK.match, letters))


def _line_doc_counts(texts) -> dict[str, int]:
    """Normalised line -> number of ``texts`` holding it."""
    counts = Counter()
    for text in texts:
        counts.update(_line_keys(text))
    return dict(counts)


def _repeated_lines(corpus, min_docs: int, evidence=None) -> dict[str, frozenset[str]]:
    """Per source, the normalised lines that occur in at least ``min_docs`` of its articles."""
    if evidence is not None:
        missing = [c for c in _EVIDENCE_COLUMNS if c not in evidence.columns]
        if missing:
            raise ValueError(f"evidence is missing column(s) {', '.join(missing)}"
                             " (build it with line_counts)")
        found = evidence[evidence["n_docs"] >= min_docs]
        lines = found.groupby("source", sort=False)["line"].agg(frozenset).to_dict()
        return {s: lines.get(s, frozenset()) for s in set(corpus["source"])}
    return {source: frozenset(k for k, n in counts.items() if n >= min_docs)
            for source, counts in _line_doc_counts_by_source(corpus)}


def _line_doc_counts_by_source(corpus):
    """Yield ``(source, _line_doc_counts of its raw texts)``, sources in sorted order."""
    # (Grouping the one column copies it alone, not the whole table.)
    for source, texts in corpus["raw_text"].groupby(corpus["source"], sort=True):
        yield source, _line_doc_counts(texts)


_EVIDENCE_COLUMNS = ["source", "line", "n_docs"]


def line_counts(corpus) -> pd.DataFrame:
    """Count, per source, the articles holding each line: the evidence for repeated lines.

    Counts of disjoint parts of a corpus add up (sum ``n_docs`` per ``source, line``), so the
    evidence of a corpus too large for one machine is built part by part (see
    :mod:`analysis.distributed`) and passed to :func:`clean_corpus` as ``evidence=``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        At least ``doc_id, source, raw_text``.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, line, n_docs``: ``line`` as compared (lower-cased, punctuation
        ignored), ``n_docs`` the articles of the source holding it. Sorted by ``source, line``.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"],
    ...                   "raw_text": ["Share:\\nTalks in Baku.", "Share!\\nA deal."]})
    >>> line_counts(c).values.tolist()
    [['X', 'a deal', 1], ['X', 'share', 2], ['X', 'talks in baku', 1]]
    """
    _check_corpus(corpus)
    rows = [(source, key, n) for source, counts in _line_doc_counts_by_source(corpus)
            for key, n in counts.items()]
    table = pd.DataFrame(rows, columns=_EVIDENCE_COLUMNS).astype({"n_docs": "int64"})
    return table.sort_values(["source", "line"], kind="stable").reset_index(drop=True)


def _audit_rows(corpus, rules: _Rules, repeat_min_docs: int, evidence=None):
    """Yield (doc_id, source, line_no, line, kept, reason, line_obj) for every non-empty line."""
    repeated = _repeated_lines(corpus, repeat_min_docs, evidence)
    titles = corpus["title"] if "title" in corpus.columns else [""] * len(corpus)
    # A saved page's visible lines that the extractor left out of raw_text (load_corpus).
    outside = (corpus["outside_text"] if "outside_text" in corpus.columns
               else [""] * len(corpus))
    for doc_id, source, text, title, rest in zip(corpus["doc_id"], corpus["source"],
                                                 corpus["raw_text"], titles, outside):
        title = title if isinstance(title, str) else ""
        for line in (rest.split("\n") if isinstance(rest, str) and rest else ()):
            if line.strip():
                yield doc_id, source, 0, line.strip(), False, REASONS[-1], None
        for line, reason in _classify(text, rules, repeated=repeated[source], title=title):
            yield doc_id, source, line.no, line.text, not reason, reason, line


_AUDIT_COLUMNS = ["doc_id", "source", "line_no", "line", "kept", "reason"]


def line_audit(corpus, *, prose_words: int = 10, long_words: int = 20,
               short_penalty: float = 3.0, boiler_penalty: float = 12.0,
               repeat_min_docs: int = 2, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Decide, for every non-empty raw line of every article, whether it is body text.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table from :func:`analysis.corpus.load_corpus` (needs ``doc_id, source, raw_text``;
        ``title`` from the manifest, when present, helps find the headline line).
    prose_words, long_words, short_penalty, boiler_penalty
        As in :func:`strip_boilerplate`.
    repeat_min_docs : int, default 2
        A line (compared lower-cased, punctuation ignored) found in at least this many articles
        of the same source is boilerplate, unless it has ``long_words`` words or more.
    evidence : pandas.DataFrame, optional
        :func:`line_counts` of the whole corpus when ``corpus`` is only a part of it (a Dask
        partition, a new batch); repeated lines are then counted there, not in ``corpus``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, line_no, line, kept, reason``: ``line_no`` is the 1-based line
        number in ``raw_text``, ``line`` the stripped line, ``kept`` a bool and ``reason`` one
        of :data:`REASONS` ("" when kept). A saved page's visible lines that the extractor
        left out (``outside_text`` of :func:`analysis.corpus.load_corpus`) come first, with
        ``line_no`` 0 and reason "outside the extracted article". Sorted by ``doc_id,
        line_no``.

    Raises
    ------
    TypeError, ValueError
        If ``corpus`` is not a DataFrame, lacks the required columns, or a ``raw_text`` holds
        a line break other than ``"\\n"`` (``load_corpus`` normalises them).

    Examples
    --------
    >>> text = "Share:\\nThe minister met his counterpart in Baku today.\\n6"
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "raw_text": [text]})
    >>> line_audit(c, prose_words=5)[["line_no", "kept", "reason"]].values.tolist()
    [[1, False, 'share widget'], [2, True, ''], [3, False, 'counter']]
    """
    _check_corpus(corpus)
    rules = _rules(prose_words, long_words, short_penalty, boiler_penalty)
    rows = [r[:6] for r in _audit_rows(corpus, rules, repeat_min_docs, evidence)]
    table = pd.DataFrame(rows, columns=_AUDIT_COLUMNS)
    table = table.astype({"line_no": "int64", "kept": "bool"})
    return table.sort_values(["doc_id", "line_no"], kind="stable").reset_index(drop=True)


def cleaning_audit(corpus, *, prose_words: int = 10, long_words: int = 20,
                   short_penalty: float = 3.0, boiler_penalty: float = 12.0,
                   repeat_min_docs: int = 2, evidence: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """List the raw lines that cleaning removed, with the reason.

    Parameters
    ----------
    corpus : pandas.DataFrame
        As in :func:`line_audit`.
    prose_words, long_words, short_penalty, boiler_penalty, repeat_min_docs, evidence
        As in :func:`line_audit`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, source, line_no, line, reason``, one row per removed line, sorted by
        ``doc_id, line_no``.

    Examples
    --------
    >>> text = "Views: 44\\nThe minister met his counterpart in Baku today."
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "raw_text": [text]})
    >>> cleaning_audit(c, prose_words=5)[["line", "reason"]].values.tolist()
    [['Views: 44', 'counter']]
    """
    table = line_audit(corpus, prose_words=prose_words, long_words=long_words,
                       short_penalty=short_penalty, boiler_penalty=boiler_penalty,
                       repeat_min_docs=repeat_min_docs, evidence=evidence)
    removed = table[~table["kept"]]
    return removed[["doc_id", "source", "line_no", "line", "reason"]].reset_index(drop=True)


_MONTH_NUM = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?",
                         re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d\d)\b")
_TITLE_TAIL = re.compile(r"\s+[|]\s+")


def _parse_date(s: str) -> str:
    """ISO-like date ("2025-12-23 15:14", "2025-11") from a dateline; "" without a year."""
    m = _ISO_DATE.search(s)
    year = month = day = None
    if m:
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        y = _YEAR.search(s)
        mon = _MONTH_NAME.search(s) if y else None
        if not (y and mon):
            return ""
        year, month = y.group(), _MONTH_NUM[mon.group(1).lower()]
        d = re.search(rf"\b(\d{{1,2}})\s+{re.escape(mon.group())}|{re.escape(mon.group())}\s+"
                      r"(\d{1,2})\b", s)
        day = int(d.group(1) or d.group(2)) if d else None
    out = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    t = _CLOCK.search(s)
    if day and t:
        out += f" {int(t.group(1)):02d}:{t.group(2)}"
    return out


def _title_text(s: str) -> str:
    """The headline from a title line, without a "| site | section" tail."""
    return _TITLE_TAIL.split(s, maxsplit=1)[0].strip()


def clean_corpus(corpus, *, prose_words: int = 10, long_words: int = 20,
                 short_penalty: float = 3.0, boiler_penalty: float = 12.0,
                 repeat_min_docs: int = 2, evidence: pd.DataFrame | None = None,
                 n_jobs: int | None = None, min_docs_parallel: int = 2000,
                 progress: bool | None = None) -> pd.DataFrame:
    """Add the article body (``text``) to a corpus table, using page rules and corpus evidence.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Table from :func:`analysis.corpus.load_corpus`. Not modified.
    prose_words, long_words, short_penalty, boiler_penalty, repeat_min_docs, evidence
        As in :func:`line_audit`.
    n_jobs : int, optional
        Processes for large corpora (:func:`analysis.parallel.map_documents`); the table is
        identical for any value.
    min_docs_parallel : int, default 2000
        Smaller corpora run in this process.
    progress : bool, optional
        Progress bar; ``None`` shows one for large corpora on a terminal or in a notebook.

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` (``raw_text`` unchanged) plus ``text``: the kept lines joined with
        ``"\\n"``, a paragraph split mid-sentence re-joined. An empty ``title`` is filled from
        the line detected as the headline and an empty ``date`` from the dateline (ISO-like,
        "" when the dateline has no year). Row order is kept.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "title": [""], "date": [""],
    ...                   "raw_text": ["Talks in Baku\\n5 May 2025\\nThe two ministers met in"
    ...                                " Baku on Monday and\\nsigned a deal.\\nShare:"]})
    >>> out = clean_corpus(c, prose_words=3)
    >>> out.loc[0, ["title", "date", "text"]].tolist()
    ['Talks in Baku', '2025-05-05', 'The two ministers met in Baku on Monday and signed a deal.']
    """
    _check_corpus(corpus)
    rules = _rules(prose_words, long_words, short_penalty, boiler_penalty)
    repeated = _repeated_lines(corpus, repeat_min_docs, evidence)
    titles = corpus["title"] if "title" in corpus.columns else [""] * len(corpus)
    out = corpus.copy()
    current = {col: (out[col].fillna("").astype(str) if col in out
                     else pd.Series("", index=out.index)).tolist() for col in ("title", "date")}
    # The raw texts stay a column (turned into Python strings chunk by chunk, where cleaned).
    items = pd.DataFrame({
        "raw_text": corpus["raw_text"].reset_index(drop=True),
        "repeated": [repeated[source] for source in corpus["source"]],
        "title": [title if isinstance(title, str) else "" for title in titles],
        # Only an empty title or date is filled from the page: the others need no search.
        "find_title": [not cur.strip() for cur in current["title"]],
        "find_date": [not cur.strip() for cur in current["date"]]})
    cleaned = map_documents(partial(_clean_document, rules=rules), items, n_jobs=n_jobs,
                            min_docs=min_docs_parallel, progress=progress, desc="cleaning")
    out["text"] = [body for body, _, _ in cleaned]
    for col, k in [("title", 1), ("date", 2)]:
        out[col] = [cur if cur.strip() else found[k] for cur, found in zip(current[col], cleaned)]
    if len(out) >= min_docs_parallel:
        del cleaned
        release_memory()  # the bodies came back as Python strings, now held in the table
    return out


def _clean_document(item, *, rules: _Rules) -> tuple[str, str, str]:
    """``(body, headline, date)`` of one article ``(raw_text, repeated lines, title,
    find_title, find_date)``; the headline (date) is "" unless ``find_title`` (``find_date``).

    The lines a body cannot hold are analysed only as far as the headline and dateline
    searches need (see :func:`_decide`): the body, headline and date are the same as from
    :func:`_classify`."""
    text, repeated, title, find_title, find_date = item
    lines, reasons, _, _ = _decide(text, rules, repeated=repeated, title=title, lazy=True,
                                   find_title=find_title, find_date=find_date)
    body: list[_Line] = []
    headline = date = ""
    for line, reason in zip(lines, reasons):
        if not reason:
            body.append(line)
        elif reason == "title" and find_title and not headline:
            headline = _title_text(line.text)
        elif reason == "dateline" and find_date and not date:
            date = _parse_date(line.text)  # "" without a year: the next dateline may have one
    return _join_body(body), headline, date
