"""Stress set for boilerplate removal (issue 6): dev pages rewritten to hold what news pages
often have and the dev pages rarely do.

The dev pages are almost solved (recall 0.997), so they no longer show how the cleaner fails
elsewhere. This script rewrites each English dev page and its gold body at run time, never
writing them anywhere, in one of these ways (``--kind``), each from the page's own body lines
(found verbatim in the page, in gold order):

* ``split``: a paragraph of several sentences becomes one line per sentence;
* ``short``: one sentence of a paragraph becomes a one-line paragraph of its own (sometimes a
  quote in curly quotes);
* ``subhead``: a subheading (the first words of the next paragraph, no full stop, sometimes a
  question) before some paragraphs; it is body text;
* ``list``: a paragraph becomes a lead-in line and bulleted, numbered or bare items, full
  sentences or fragments without a full stop;
* ``qa``: an interview: "Q: ...?" line before a paragraph, the paragraph starting "A: ";
* ``caption``: an image caption with a credit between two paragraphs (boilerplate);
* ``teaser``: a mid-body block of related-article teasers, a "Read more:" link, an ad label or
  a newsletter box between two paragraphs (boilerplate);
* ``pullquote``: a sentence of a paragraph repeated after it in curly quotes (boilerplate);
* ``timestamp``: a live blog's entry time ("3:45 p.m. ET", "12m ago") before a paragraph
  (boilerplate);
* ``tweet``: an embedded post after a paragraph, its text and "— Name (@handle) date" (body);
* ``steps``: "Step 1" lines before the sentences of a paragraph (body);
* ``table``: a small table flattened to one cell a line, percentages as values (body);
* ``widget``: a box of teasers (a header, three to five headlines, some with a date or a
  byline under them, maybe an ad label) before the last paragraph (boilerplate);
* ``bigwidget``: four such boxes in a row (16-30 lines) after the middle paragraph
  (boilerplate): a long block that splits the body in two. A known limit: 8.60 % of body
  sentences lost (recall 0.932), where the half after the block, or a run of teaser summaries
  elsewhere on the page, wins over the half before it. Branch ``span8`` caps such a block's
  cost (1.51 % lost, dev pages unchanged) but gave nothing on the test pages and cost them a
  little precision (English F1 0.886 -> 0.885), so it is not merged;
* ``endtweet``: ``tweet`` after the last paragraph (body);
* ``specs``: a fact box after a paragraph, a heading and four to seven "Label: value" lines
  (body);
* ``entryhead``: a live blog's entry head (a byline and a full date, or the date alone)
  before a paragraph (boilerplate);
* ``mix``: all of the above but ``specs`` and the placed kinds, each paragraph at most one
  rewrite.

For each kind it prints precision, recall, F1 and sentences lost (scored as in
``bench/boilerplate.py``), then, per tag of inserted line, how many the cleaner kept and, for
the body lines it dropped (or boilerplate it kept), the reasons. ``--show N`` prints up to N
dropped body lines per tag with their reason, to read. Only dev pages are ever read.

Usage (from the project root)::

    .venv/bin/python bench/boilerplate_stress.py [--kind mix] [--show 5]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from analysis.clean import Rules, decide, strip_boilerplate
from analysis.paths import SHARED_DIR
from analysis.tokens import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from boilerplate import score_page, summarize  # noqa: E402

KINDS = ("split", "short", "subhead", "list", "qa", "links", "caption", "teaser", "endlist",
         "leadlist", "pullquote", "timestamp", "tweet", "steps", "table", "widget", "bigwidget",
         "endtweet", "entryhead", "specs", "mix")
# Kinds that rewrite one paragraph at a fixed place (the last, the first, the one before the
# last; "mid": the middle one) rather than any.
# Kinds that 'mix' leaves out: a known limit that would swamp it ('specs').
_NOT_IN_MIX = {"specs"}
_PLACED = {"endlist": -1, "leadlist": 0, "endtweet": -1, "widget": -2, "bigwidget": "mid"}
_WORDS = re.compile(r"[\w’'-]+")
_CREDITS = ("Reuters", "AP Photo/John Minchillo", "Getty Images", "AFP", "EPA",
            "Jane Doe for The Daily", "Handout", "Courtesy of the family")


def load_dev(root: Path, *, lang: str = "en") -> list[dict]:
    """Dev pages of ``lang`` (all languages for "all") with their gold; test files unread."""
    with open(root / "split.csv", encoding="utf-8", newline="") as f:
        meta = [m for m in csv.DictReader(f) if m["split"] == "dev"]
    return [{"id": m["id"], "lang": m["lang"],
             "page": (root / "pages" / f"{m['id']}.txt").read_text(encoding="utf-8"),
             "gold": (root / "gold" / f"{m['id']}.txt").read_text(encoding="utf-8")}
            for m in sorted(meta, key=lambda m: m["id"]) if lang in ("all", m["lang"])]


def _match(page_lines: list[str], gold_lines: list[str]) -> dict[int, int]:
    """Page line index -> gold line index, for the gold lines found verbatim, in order."""
    out, j = {}, 0
    for g, text in enumerate(gold_lines):
        for i in range(j, len(page_lines)):
            if page_lines[i].strip() == text:
                out[i] = g
                j = i + 1
                break
    return out


def _fragment(rng: random.Random, sentence: str, lo: int, hi: int) -> str:
    words = _WORDS.findall(sentence)
    n = min(len(words), rng.randint(lo, hi))
    frag = " ".join(words[:n])
    return frag[:1].upper() + frag[1:]


def _rewrite(rng: random.Random, kind: str, para: str, headlines: list[str]
             ) -> tuple[list[tuple[str, str]], list[str]] | None:
    """Page lines (text, tag) and gold lines replacing one body paragraph; None: unchanged."""
    sents = [s.strip() for s in split_sentences(para) if s.strip()]
    if kind == "split" and len(sents) >= 2:
        return [(s, "body:split") for s in sents], sents
    if kind == "short" and len(sents) >= 2:
        k = rng.randrange(len(sents))
        one = sents[k]
        if rng.random() < 0.3 and not one.startswith(("“", '"')):
            one = f"“{one}”"
        rest = " ".join(sents[:k] + sents[k + 1:])
        lines = [(rest, "body")] if rest else []
        lines.insert(0 if k == 0 else len(lines), (one, "body:short"))
        return lines, [t for t, _ in lines]
    if kind == "subhead" and sents:
        head = _fragment(rng, sents[0], 2, 6)
        if rng.random() < 0.25:
            head = "Why " + head[:1].lower() + head[1:] + "?"
        return [(head, "body:subhead"), (para, "body")], [head, para]
    if kind == "list" and len(sents) >= 2:
        style = rng.choice(["- ", "• ", "1. ", "", "* "])
        frag = rng.random() < 0.5
        lead = _fragment(rng, sents[0], 3, 8) + ":"
        lines = [(lead, "body:lead-in")]
        for n, s in enumerate(sents, 1):
            item = _fragment(rng, s, 2, 7) if frag else s
            mark = f"{n}. " if style == "1. " else style
            lines.append((mark + item, "body:list item"))
        return lines, [t for t, _ in lines]
    if kind in ("endlist", "leadlist") and len(sents) >= 2:
        style = rng.choice(["- ", "• ", "1. ", "", "* "])
        frag = rng.random() < 0.5
        lines = []
        if kind == "endlist" or rng.random() < 0.5:
            lines.append((_fragment(rng, sents[0], 3, 8) + ":", "body:lead-in"))
        for n, s in enumerate(sents, 1):
            item = _fragment(rng, s, 2, 7) if frag else s
            lines.append(((f"{n}. " if style == "1. " else style) + item, "body:list item"))
        return lines, [t for t, _ in lines]
    if kind == "links" and len(para.split()) >= 12:
        # Inline links on their own lines: "... told\nThe Associated Press\n, and ...".
        words = para.split()
        cuts = sorted(rng.sample(range(1, len(words) - 1), min(len(words) // 8, 4)))
        lines, pos = [], 0
        for c in cuts:
            if c <= pos:
                continue
            n = rng.randint(1, 4)
            lines.append(" ".join(words[pos:c]))
            link = " ".join(words[c:c + n])
            if link[-1:] in ",.;:" and rng.random() < 0.5:
                lines += [link[:-1], link[-1]]
            else:
                lines.append(link)
            pos = c + n
        if pos < len(words):
            lines.append(" ".join(words[pos:]))
        lines = [x for x in lines if x]
        return [(x, "body:link part") for x in lines], [" ".join(lines)]
    if kind == "qa" and sents:
        q = "Q: " + _fragment(rng, sents[0], 3, 9) + "?"
        a = "A: " + para
        return [(q, "body:question"), (a, "body")], [q, a]
    if kind == "caption":
        credit = rng.choice(_CREDITS)
        cap = _fragment(rng, rng.choice(headlines), 5, 14)
        line = rng.choice([f"{cap}. (Photo: {credit})", f"{cap} Photo: {credit}",
                           f"{cap}. Credit: {credit}", f"{cap}. {credit}",
                           f"Image caption {cap}", f"{cap} | {credit}"])
        return [(para, "body"), (line, "boiler:caption")], [para]
    if kind == "teaser":
        style = rng.randrange(5)
        heads = [_fragment(rng, h, 5, 12) for h in rng.sample(headlines, 3)]
        if style == 0:
            block = [("Related", "boiler:teaser header")] + [(h, "boiler:teaser") for h in heads]
        elif style == 1:
            block = [("Read more: " + heads[0], "boiler:read more")]
        elif style == 2:
            block = [("Advertisement", "boiler:ad")]
        elif style == 3:
            block = [("Sign up for our daily newsletter", "boiler:newsletter"),
                     ("Get the day's top stories delivered to your inbox every morning.",
                      "boiler:newsletter"),
                     ("Email address", "boiler:newsletter"), ("Sign up", "boiler:newsletter")]
        else:
            block = [("More from " + heads[1].split()[0], "boiler:teaser header")] + [
                (h, "boiler:teaser") for h in heads[:2]]
        return [(para, "body")] + block, [para]
    if kind == "pullquote" and len(sents) >= 2:
        # A sentence of the paragraph shown again, large, after it: the page repeats itself.
        quote = rng.choice(sents)
        return [(para, "body"), ("“" + quote.strip('“”"') + "”", "boiler:pull quote")], [para]
    if kind == "timestamp":
        # A live blog's entry time before the entry.
        h, m = rng.randint(1, 12), rng.randint(0, 59)
        stamp = rng.choice([f"{h}:{m:02d} p.m. ET", f"Updated {h}:{m:02d} AM",
                            f"{h}:{m:02d}", f"{h}:{m:02d}pm GMT", f"{rng.randint(2, 59)}m ago"])
        return [(stamp, "boiler:timestamp"), (para, "body")], [para]
    if kind == "specs" and sents:
        # A fact box after the paragraph: a heading and "Label: value" lines.
        labels = rng.sample(["Price", "Release date", "Location", "Population", "Capital",
                             "Weight", "Battery", "Display", "Prep time", "Serves", "Rating",
                             "Founded", "Employees", "Director", "Running time", "Storage"],
                            rng.randint(4, 7))
        words = _WORDS.findall(para)
        lines = [(rng.choice(["Specifications", "Key facts", "At a glance", "The details"]),
                  "body:spec head")]
        for lab in labels:
            if rng.random() < 0.5:
                value = f"{rng.randint(1, 999)} {rng.choice(['mm', 'g', 'minutes', 'people'])}"
            else:
                k = rng.randrange(max(1, len(words) - 3))
                value = " ".join(words[k:k + rng.randint(1, 4)])
            lines.append((f"{lab}: {value}", "body:spec"))
        return [(para, "body")] + lines, [para] + [t for t, _ in lines]
    if kind == "entryhead":
        # A live blog's entry head (a byline and a full date) before the entry.
        stamp = rng.choice([f"November {rng.randint(1, 28)}, 2019 {rng.randint(1, 12)}:"
                            f"{rng.randint(0, 59):02d} PM ET",
                            f"Updated {rng.randint(1, 28)} Nov 2019",
                            f"Posted 11/{rng.randint(1, 28)}/2019"])
        head = [("By " + rng.choice(["Jane Roe", "John Smith", "Ana Lima"]), "boiler:entry head"),
                (stamp, "boiler:entry head")]
        return (head if rng.random() < 0.7 else head[1:]) + [(para, "body")], [para]
    if kind == "bigwidget":
        lines, gold = _rewrite(rng, "widget", para, headlines)
        for _ in range(3):
            lines += _rewrite(rng, "widget", para, headlines)[0][1:]
        return lines, gold
    if kind == "widget":
        # A mid-article box of teasers (a header, headlines with a date or a byline under
        # some, maybe an ad label) that splits the body in two.
        block = [(rng.choice(["Most Popular", "Trending Now", "More Stories", "You May Also Like",
                              "Recommended", "Latest News"]), "boiler:widget")]
        for h in rng.sample(headlines, rng.randint(3, 5)):
            block.append((_fragment(rng, h, 5, 12), "boiler:widget"))
            under = rng.random()
            if under < 0.3:
                block.append((f"November {rng.randint(1, 28)}, 2019", "boiler:widget"))
            elif under < 0.45:
                block.append((f"{rng.randint(2, 23)} hours ago", "boiler:widget"))
            elif under < 0.6:
                block.append(("By Jane Roe", "boiler:widget"))
        if rng.random() < 0.5:
            block.append(("Advertisement", "boiler:widget"))
        return [(para, "body")] + block, [para]
    if kind in ("tweet", "endtweet"):
        # An embedded post after the paragraph: its text, then "— Name (@handle) date".
        text = _fragment(rng, rng.choice(headlines), 6, 16) + " pic.twitter.com/" + "".join(
            rng.choice("abcdefXYZ0123") for _ in range(10))
        sign = f"— Jane Roe (@janeroe{rng.randint(1, 99)}) November {rng.randint(1, 28)}, 2019"
        return [(para, "body"), (text, "body:tweet"), (sign, "body:tweet sign")], [
            para, text, sign]
    if kind == "steps" and len(sents) >= 2:
        # Numbered steps: "Step 2" on a line of its own before each sentence.
        lines = []
        for n, x in enumerate(sents, 1):
            lines += [(f"Step {n}" + rng.choice(["", ":"]), "body:step"), (x, "body")]
        return lines, [t for t, _ in lines]
    if kind == "table" and len(sents) >= 1:
        # A small table flattened to one cell a line, after the paragraph.
        heads = _fragment(rng, sents[0], 3, 3).split()
        cells = list(heads)
        for _ in range(rng.randint(2, 3)):
            cells += [_fragment(rng, rng.choice(headlines), 1, 2)] + [
                f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%" for _ in heads[1:]]
        return [(para, "body")] + [(c, "body:table cell") for c in cells], [para, *cells]
    return None


def augment(page: dict, kind: str, headlines: list[str]) -> tuple[list[tuple[str, str]], str]:
    """The rewritten page as (line, tag) pairs ("" for the page's own non-body lines) and gold."""
    rng = random.Random(int(hashlib.sha1(f"{page['id']}:{kind}".encode()).hexdigest()[:8], 16))
    page_lines = page["page"].split("\n")
    gold_lines = [g.strip() for g in page["gold"].split("\n") if g.strip()]
    matched = _match(page_lines, gold_lines)
    new_gold = list(gold_lines)
    out: list[tuple[str, str]] = []
    n_body = 0
    place = _PLACED.get(kind)
    target = None
    if place is not None and matched:
        body = sorted(matched)
        target = body[len(body) // 2] if place == "mid" else body[place]
    for i, text in enumerate(page_lines):
        g = matched.get(i)
        if g is None:
            out.append((text, ""))
            continue
        n_body += 1
        # Leave the first paragraph alone (a lead) and rewrite about one paragraph in three.
        rewrite = None
        if place is not None:
            if i == target:
                rewrite = _rewrite(rng, kind, text.strip(), headlines)
        elif n_body > 1 and rng.random() < 0.35:
            k = rng.choice([k for k in KINDS[:-1] if k not in _PLACED and k not in _NOT_IN_MIX]
                           ) if kind == "mix" else kind
            rewrite = _rewrite(rng, k, text.strip(), headlines)
        if rewrite is None:
            out.append((text, "body"))
        else:
            lines, gold = rewrite
            out.extend(lines)
            new_gold[g] = "\n".join(gold)
    return out, "\n\n".join(new_gold)


def run(pages: list[dict], kind: str, *, show: int = 0) -> tuple[dict, dict]:
    headlines = [s for p in pages for s in split_sentences(p["gold"].split("\n")[0])[:1]
                 if len(s.split()) >= 6]
    rules = Rules()
    rows = []
    tags: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for p in pages:
        if kind == "none":
            lines, gold = [(t, "") for t in p["page"].split("\n")], p["gold"]
        else:
            lines, gold = augment(p, kind, [h for h in headlines if h not in p["gold"]])
        text = "\n".join(t for t, _ in lines)
        rows.append(score_page(strip_boilerplate(text), gold))
        decision = decide(text, rules)
        found, reasons, start, end = (decision.lines, decision.reasons, decision.start,
                                      decision.end)
        # (Lines outside the body span are marked "out:" to tell the span's cut from a rule's.)
        decided = {line.no - 1: ("" if not r else r if start <= k < end else "out:" + r)
                   for k, (line, r) in enumerate(zip(found, reasons))}
        for i, (t, tag) in enumerate(lines):
            if not tag or i not in decided:
                continue
            reason = decided[i]
            wrong = bool(reason) if tag.startswith("body") else not reason
            tags[tag]["n"] += 1
            if wrong:
                tags[tag][reason or "kept"] += 1
                if len(examples[tag]) < show:
                    examples[tag].append(f"    [{reason or 'kept'}] {t[:110]}")
    return summarize(rows), {"tags": tags, "examples": examples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED_DIR / "boilerplate")
    ap.add_argument("--kind", default="all", help=f"one of {', '.join(KINDS)}, none or all")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--show", type=int, default=0, help="dropped body lines to print per tag")
    args = ap.parse_args(argv)
    if not (args.data / "split.csv").is_file():
        print(f"benchmark data not found at {args.data}; nothing to do", file=sys.stderr)
        return 0
    pages = load_dev(args.data, lang=args.lang)
    kinds = ("none", *KINDS) if args.kind == "all" else (args.kind,)
    print(f"{'kind':<8} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'lost%':>6}  wrong lines")
    for kind in kinds:
        s, detail = run(pages, kind, show=args.show)
        wrong = "; ".join(
            f"{tag} {c['n'] - (sum(c.values()) - c['n'])}/{c['n']} right"
            + ("" if len(c) == 1 else " (" + ", ".join(
                f"{r} {n}" for r, n in c.most_common() if r != "n") + ")")
            for tag, c in sorted(detail["tags"].items()))
        print(f"{kind:<8} {s['pages']:>5} {s['P']:>6.3f} {s['R']:>6.3f} {s['F1']:>6.3f} "
              f"{s['lost_pct']:>6.2f}  {wrong}")
        for tag, ex in sorted(detail["examples"].items()):
            print(f"  {tag}:")
            print("\n".join(ex))
    return 0


if __name__ == "__main__":
    sys.exit(main())
