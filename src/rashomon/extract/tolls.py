"""Tolls: how many were killed, wounded or captured, read from text as ranges.

Every toll is a range ``[min, max]``; ``None`` means "not stated" (an open upper end for "more
than 40", an unknown lower end for "up to 75"). A range never has ``min > max``.

Vague-quantity rules
====================

========================================  ===============  ===============================================
Expression                                Range            Why
========================================  ===============  ===============================================
``36``, ``thirty-six``, ``1,200``         36 .. 36         an exact number (digits, commas, number words)
``at least 36``, ``no fewer than 36``,    36 .. open       the stated number is a floor
``36 or more``
``more than 40``, ``over 40``,            41 .. open       strictly above the number
``upwards of 40``, ``in excess of 40``
``up to 75``, ``as many as 75``,          unknown .. 75    a ceiling only
``at most 75``
``fewer than 10``, ``less than 10``       unknown .. 9     strictly below
``about 30``, ``around``, ``some``,       27 .. 33         +-10 % of N rounded outwards (at least +-1)
``approximately``, ``roughly``,
``an estimated``, ``close to``
``nearly 30``, ``almost 30``              27 .. 29         90 % of N (floor) up to N-1
``between 30 and 40``, ``30 to 40``,      30 .. 40         both ends given (sorted)
``30-40``, ``30 or 40``
``a dozen``                               12 .. 12         one dozen
``dozens``                                24 .. open       at least two dozens
``scores``                                40 .. open       at least two scores
``hundreds``                              200 .. open      at least two hundreds
``thousands``                             2000 .. open     at least two thousands
``a couple``                              2 .. 2
``a few``                                 2 .. open        more than one
``several``, ``multiple``                 3 .. open        ISAF coding convention (see below)
``numerous``, ``many``, ``a number of``,  4 .. open        ISAF coding convention
``a handful``                             3 .. open
``a``/``an``/``one``                      1 .. 1           "killing an insurgent"
========================================  ===============  ===============================================

The floors for "several" (3) and "numerous" (4) follow the ISAF press-release labels
(../shared/data/isaf_press_releases), where "several insurgents detained" is coded
``min_captured: 3`` and "numerous" ``4``.

Toll patterns
=============
- quantity then victims then a death verb (after a bare article only in the passive, "a leader was
  killed", so that "an Afghan force detained" is not one person detained): "36 people were killed", "dozens of fighters died",
  "36 dead", "47 fatalities"; the same with wound verbs ("75 wounded", "injuring 75") and arrest
  verbs ("three insurgents were detained");
- a verb then a quantity: "killing 36 and wounding 75", "killed at least 36 militiamen",
  "left 12 dead";
- death-toll phrases: "the death toll rose to 47", "a death toll of 36", "the deaths of five fighters";
- one person: "killing him", "He was later killed", "Muhammad Yah, a senior Taliban commander, was
  killed";
- named victims: a PERSON followed by an appositive role ("Hossein Qomi, a senior I.R.G.C.
  commander, ...") in a sentence that says he was "among the dead/casualties/victims/killed" or was
  killed (see ``named_victims``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantities: (min, max). Order matters in the regex (longest first).
VAGUE: dict[str, tuple[int | None, int | None]] = {
    "a dozen": (12, 12),
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2000, None),
    "a couple": (2, 2),
    "a few": (2, None),
    "several": (3, None),
    "multiple": (3, None),
    "a handful": (3, None),
    "numerous": (4, None),
    "many": (4, None),
    "a number": (4, None),
}
# Relative half-width of "about N" ranges; +-10 % is the usual reading of approximators in
# casualty reporting (ACLED codes "about 30" as 30, we keep the spread explicit).
ABOUT_SPREAD = 0.10
NEARLY_FLOOR = 0.90  # "nearly 30" is at least 90 % of 30

_NUMWORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_NUMWORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMWORD}))*|an?\s+(?:hundred|thousand))"
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
# "the" before a singular noun for a person is one person: "killing the leader", "the gunman was killed".
PERSON_NOUNS = (
    "insurgent", "militant", "individual", "leader", "commander", "man", "woman", "gunman", "attacker", "bomber",
    "driver", "fighter", "soldier", "officer", "policeman", "suspect", "facilitator", "child", "boy", "girl",
    "civilian", "target", "sniper", "shooter", "assailant", "victim",
)  # fmt: skip
_THE_ONE = rf"the(?=\s+(?:[\w-]+\s+)?(?:{'|'.join(PERSON_NOUNS)})\b(?![’'-]?s\b))"
_MOD = (
    r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of|up\s+to|as\s+many\s+as|"
    r"at\s+most|fewer\s+than|less\s+than|nearly|almost|about|around|approximately|roughly|some|an\s+estimated|"
    r"estimated|close\s+to"
)
QUANTITY = (
    rf"(?:(?:{_MOD})\s+)?(?:between\s+{_NUMBER}\s+and\s+{_NUMBER}|{_NUMBER}\s+(?:to|or)\s+{_NUMBER}|\d[\d,]*\s*[-–]\s*\d[\d,]*|{_NUMBER}(?:\s+or\s+more)?"
    rf"|(?:{_VAGUE})|an?|one|another|{_THE_ONE})"
)
_Q_PARTS = re.compile(
    rf"^(?:(?P<mod>{_MOD})\s+)?(?:between\s+(?P<lo>{_NUMBER})\s+and\s+(?P<hi>{_NUMBER})|(?P<lo2>{_NUMBER})\s+(?:to|or)\s+(?P<hi2>{_NUMBER})|(?P<lo3>\d[\d,]*)\s*[-–]\s*(?P<hi3>\d[\d,]*)|"
    rf"(?P<n>{_NUMBER})(?P<ormore>\s+or\s+more)?|(?P<vague>{_VAGUE})|(?P<art>an?|one|another|the))$",
    re.IGNORECASE,
)


def words_to_int(text: str) -> int | None:
    """'thirty-six' -> 36, 'two hundred and five' -> 205, '1,200' -> 1200, 'a hundred' -> 100."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def quantity_range(text: str) -> tuple[int | None, int | None] | None:
    """The [min, max] a quantity expression denotes under the rules in the module docstring."""
    named = text[:1].isupper() and words_to_int(text) is None and not _Q_PARTS.match(text)
    if named or text.lower() in ("him", "her", "he", "she"):
        return (1, 1)  # one person: a pronoun or a name ("killing him", "Muhammad Yah, a commander, was killed")
    m = _Q_PARTS.match(re.sub(r"\s+", " ", text.strip()))
    if not m:
        return None
    mod = (m.group("mod") or "").lower()
    mod = re.sub(r"\s+", " ", mod)
    if m.group("vague"):
        return VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
    if m.group("art"):
        return (1, 1)
    if m.group("lo") or m.group("lo2") or m.group("lo3"):
        lo = words_to_int(m.group("lo") or m.group("lo2") or m.group("lo3"))
        hi = words_to_int(m.group("hi") or m.group("hi2") or m.group("hi3"))
        if lo is None or hi is None:
            return None
        lo, hi = sorted((lo, hi))
        if mod in ("at least", "no fewer than", "no less than", "more than", "over"):
            return (lo, None)
        return (lo, hi)
    n = words_to_int(m.group("n"))
    if n is None:
        return None
    if m.group("ormore") or mod in ("at least", "no fewer than", "no less than"):
        return (n, None)
    if mod in ("more than", "over", "upwards of", "in excess of"):
        return (n + 1, None)
    if mod in ("up to", "as many as", "at most"):
        return (None, n)
    if mod in ("fewer than", "less than"):
        return (None, max(n - 1, 0))
    if mod in ("nearly", "almost"):
        return (min(math.floor(n * NEARLY_FLOOR), max(n - 1, 0)), max(n - 1, 0))
    if mod in ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "close to"):
        spread = max(1, math.ceil(n * ABOUT_SPREAD))
        return (max(n - spread, 0), n + spread)
    return (n, n)


@dataclass(frozen=True)
class Toll:
    """One toll phrase: ``kind`` is killed, wounded or captured; offsets are into the text given."""

    kind: str
    min: int | None
    max: int | None
    start: int
    end: int


_KILL = (
    r"(?:killed|dead|died|slain|murdered|executed|massacred|perished|shot\s+dead|lost\s+their\s+lives|deaths|fatalities|"
    r"bodies|martyred|lynched|(?:burnt|burned)\s+alive|(?:burnt|burned|hacked|beaten|stabbed|stoned|shot)\s+to\s+death)"
)
_WOUND = r"(?:wounded|injured|hurt|injuries|maimed)"
_CAPTURE = r"(?:detained|arrested|captured|apprehended|taken\s+into\s+custody|in\s+custody|held)"
_KILL_V = (
    r"(?:killing|killed|kill|kills|leaving|left|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|executed|executing|"
    r"shot\s+dead|massacred|lynched|lynching)"
)
_WOUND_V = r"(?:wounding|wounded|wound|wounds|injuring|injured|injure|injures|hurting)"
_CAPTURE_V = (
    r"(?:detaining|detained|detain|detains|arresting|arrested|arrest|arrests|capturing|captured|capture|captures|"
    r"apprehending|apprehended)"
)
_TOLL_WORD = r"(?:kill|dead|died|death|slain|wound|injur|hurt|detain|arrest|captur|and\s+\d)"
# Victims between a number and its verb: "Iraqi militiamen and I.R.G.C. officers".
# A filler word never ends a sentence ("toward them. They killed"): a word of letters with a final stop
# ends one, an abbreviation with inner stops ("U.S.", "I.R.G.C.") does not.
# Nor is it a gathering that can be "held" ("An immediate shura was held"): then the number counts no people.
_NOT_PEOPLE = r"(?:shuras?|meetings?|talks|conferences?|ceremon(?:y|ies)|elections?|rall(?:y|ies)|funerals?|sessions?)\b"
# An age ("a 19-year-old boy was killed") is a filler word too, though it holds digits.
_AGE = r"\d{1,3}[\s-]year[\s-]old"
_FILLER = rf"(?:(?!{_TOLL_WORD})(?!{_NOT_PEOPLE})(?![A-Za-z][a-z]+\.\s)(?:{_AGE}|[A-Za-z.'’-]+)\s+){{0,6}}?"
_AUX = r"(?:(?:were|was|are|is|have|has|had|been|being|got|reportedly|allegedly|also|later|all)\s+)*"
_ADJ = r"(?:(?:at\s+least|another|an\s+additional|more)\s+)?"
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
_TOLL_HEAD = r"(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))"
_TOLL_VERB = r"(?:rose|risen|rises|climbed|jumped|reached|stands|stood|is|was|of|at)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in (
        # "the death toll from an air strike on a centre in Tajoura, Libya, has risen to 53"
        (
            "killed",
            rf"\b{_TOLL_HEAD}\s+(?:(?:from|in|of|after)\s+[^.;:!?]{{0,100}}?\s+)?(?:\w+\s+){{0,3}}?{_TOLL_VERB}\s+"
            rf"(?:at\s+|to\s+)?(?P<q>{QUANTITY})\b",
        ),
        ("killed", rf"\b{_KILL_V}\s+(?:an?\s+estimated\s+)?(?P<q>{QUANTITY})\b"),
        ("killed", rf"\b(?:deaths?|killings?)\s+of\s+(?P<q>{QUANTITY})\b"),
        ("killed", rf"\b{_KILL_V}\s+(?P<q>him|her)\b"),
        # a person named in full as the object: "the security force fired, killing Malawi Sahib."
        ("killed", r"\b(?:killing|killed)\s+(?P<q>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3}))(?=\s*[.;,])"),
        ("killed", r"(?:^|[.;]\s+|\band\s+)(?P<q>He|She)\s+was\s+(?:\w+\s+){0,3}?(?:killed|shot\s+dead|slain)\b"),
        ("killed", rf"\b(?P<q>{_NAME}),\s+(?:an?|the)\s+[^,.;]{{3,80}},\s+was\s+(?:\w+\s+)?{_KILL}\b"),
        ("wounded", rf"\b{_WOUND_V}\s+(?P<q>{QUANTITY})\b"),
        ("captured", rf"\b{_CAPTURE_V}\s+(?P<q>{QUANTITY})\b"),
        ("killed", rf"\b(?P<q>{QUANTITY})\s+{_ADJ}{_FILLER}{_AUX}{_KILL}\b"),
        # the same subject in a second predicate: "Several insurgents fired on the patrol and were killed"
        (
            "killed",
            rf"\b(?P<q>{QUANTITY})\s+{_ADJ}(?:[\w’'-]+\s+){{0,3}}?(?:insurgents?|militants?|fighters?|gunmen|men)\s+"
            rf"[^.;:!?]{{3,90}}?\band\s+(?:were|was)\s+(?:\w+\s+)?(?:killed|shot\s+dead|slain)\b",
        ),
        ("wounded", rf"\b(?P<q>{QUANTITY})\s+{_ADJ}{_FILLER}{_AUX}{_WOUND}\b"),
        ("captured", rf"\b(?P<q>{QUANTITY})\s+{_ADJ}{_FILLER}{_AUX}{_CAPTURE}\b"),
    )
)
_GROUP_NOUN = (
    r"(?:associates?|insurgents?|militants?|others|men|man|fighters?|individuals?|suspects?|people|civilians?|members?"
    r"|soldiers?)"
)
_AND_MORE = re.compile(
    rf"(?:\s+[\w'’.-]+){{0,5}}?\s+(?:and|along\s+with|as\s+well\s+as)\s+(?P<q2>{QUANTITY})\s+"
    rf"(?:(?:other|additional|more|of\s+(?:his|their|its)|suspected)\s+)*{_GROUP_NOUN}\b",
    re.IGNORECASE,
)
_OTHER_KIND = re.compile(
    rf"\s+(?:(?:were|was|are|also)\s+)*(?:(?P<killed>{_KILL})|(?P<wounded>{_WOUND})|(?P<captured>{_CAPTURE}))\b", re.IGNORECASE
)
_DESIGNATION = re.compile(r"[A-Za-z]-$")  # searched in the three characters before a quantity
_LEAVE = re.compile(r"le(?:ft|aving)\b", re.IGNORECASE)
_AND_VERB = re.compile(r"\band\s+\S+$", re.IGNORECASE)
_OWN_OBJECT = re.compile(rf"\s+(?:{QUANTITY})\s", re.IGNORECASE)
_PURPOSE = re.compile(r"\bto\s+$", re.IGNORECASE)
_ACTIVE_RELATIVE = re.compile(rf"\b(?:that|which)\s+(?:also\s+)?(?:{_KILL_V}|{_WOUND_V}|{_CAPTURE_V})\b", re.IGNORECASE)
_AMONG = re.compile(r"\bamong\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|got)\s", re.IGNORECASE)
# A verb no actor can be subject of: "a youth perished", "a woman died" count one victim without a passive.
_INTRANSITIVE_DEATH = re.compile(r"\b(?:died|perished)$", re.IGNORECASE)
# Words that join two phrases: after an article they make it no count ("a roadside bomb blast and three
# militants died", "a blast and two soldiers were killed").
_JOINED = re.compile(r"\b(?:and|or)\s+(?!(?:was|were|is|are|has|had|have|later|then)\b)", re.IGNORECASE)
# A person, then "and" and maybe a count of more ("the commander and three additional suspected insurgents").
_ARTICLE_AND = re.compile(
    rf"\s+(?:[\w'’.-]+\s+){{0,3}}?(?:{'|'.join(PERSON_NOUNS)}|associate|facilitator)\s+(?P<and>and|or)\s+(?:(?P<q2>{QUANTITY})\s)?",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:years?|days?|hours?|minutes?|months?|weeks?|km|kilomet\w*|miles?|metres?|meters?|percent|per\s+cent|%|times?|"
    r"kg|kilograms?|pounds?|rounds?)\b",
    re.IGNORECASE,
)


def find_tolls(text: str, offset: int = 0, *, definite_arrests: bool = False) -> list[Toll]:
    """Every toll phrase in ``text`` (a sentence or a paragraph); offsets are shifted by ``offset``.

    A definite singular person ("killing the leader", "the gunman was killed") is one death. After an
    arrest or wound verb ("detained the suspect") it counts only with ``definite_arrests``: in running
    news it mostly restates someone counted before, while a one-raid release ("in search of a Taliban
    leader ... detained the leader") names the target first and counts him only there.
    """
    found: list[Toll] = []
    taken: list[tuple[int, int, str]] = []
    for kind, pattern in _PATTERNS:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            pos = max(m.end(), pos + 1)
            q = m.group("q")
            qs, qe = m.span("q")
            if _UNIT_AFTER.match(text, qe):
                continue  # "three days", "40 km": not people
            if any(s <= qs < e for s, e, _ in taken):
                continue
            if m.start() < qs and _PURPOSE.search(text, max(0, m.start() - 4), m.start()):
                continue  # "an operation to detain a Taliban leader": an aim, not a toll
            if _DESIGNATION.search(text, max(0, qs - 3), qs):
                continue  # "an AK-47", "M-16 rifles": a weapon's designation, not a count
            joined_extra: tuple[int | None, int | None] | None = None
            if q.lower() in ("a", "an", "the", "another") and m.start() == qs:
                if _JOINED.search(text, qe, m.end()):
                    both = _ARTICLE_AND.match(text, qe)
                    if both is None or both.end("and") > m.end():
                        pos = qe  # "a roadside bomb blast and three militants died": the count is the second phrase's
                        continue
                    if both.group("q2") is not None and both.end("q2") <= m.end():
                        joined_extra = quantity_range(both.group("q2"))  # "the leader and two of his associates": 1 + 2
                if not _PASSIVE.search(text[qe : m.end()]) and not _INTRANSITIVE_DEATH.search(text, qe, m.end()):
                    continue  # "An Afghan-led force ... detained": the article starts the actor, not a victim count
            if m.start() == qs and _OWN_OBJECT.match(text, m.end()) and _AND_VERB.search(text, qe, m.end()):
                continue  # "engaged one insurgent and detained several suspects": the verb counts its own object
            if m.start() == qs and _ACTIVE_RELATIVE.search(text, qe, m.end()):
                continue  # "several IED attacks, including one that killed four soldiers": the number counts attacks
            if q.lower() == "the" and _LEAVE.match(text, m.start(), qs):
                continue  # "leaving the target area": only "left 12 dead" is a toll
            # "detained the suspect" mostly restates someone counted before; a death of "the leader" is one
            restated = q.lower() == "the" and kind != "killed" and not definite_arrests
            if restated and joined_extra is None:
                continue
            rng = quantity_range(q)
            if rng is None:
                continue
            if joined_extra is not None:
                counted = 0 if restated else 1
                rng = (
                    counted + joined_extra[0] if joined_extra[0] is not None else None,
                    counted + joined_extra[1] if joined_extra[1] is not None else None,
                )
            lo, hi, end = rng[0], rng[1], m.end()
            if m.start() == qs and _AMONG.search(text, qe, m.end()):
                hi = None  # "a U.S. soldier was among the wounded": at least one, of a count given elsewhere
            more = _AND_MORE.match(text, m.end()) if m.end() == qe else None  # verb-first phrases only
            if more and (after := _OTHER_KIND.match(text, more.end())) and after.lastgroup != kind:
                more = None  # "left one dead and several others injured": the others are another toll
            if more and (extra := quantity_range(more.group("q2"))) is not None and extra[0] is not None:
                # "captured a Taliban leader and several associates": 1 + 3
                lo = (lo or 0) + extra[0]
                hi = hi + extra[1] if hi is not None and extra[1] is not None else None
                end = more.end()
                taken.append((more.start("q2"), more.end("q2"), kind))
            taken.append((qs, qe, kind))
            found.append(Toll(kind=kind, min=lo, max=hi, start=offset + m.start(), end=offset + end))
    found.sort(key=lambda t: (t.start, t.end))
    return found


def combine(tolls: list[Toll], kind: str) -> Toll | None:
    """The most informative toll of one kind: the highest floor, then the widest known ceiling."""
    same = [t for t in tolls if t.kind == kind]
    if not same:
        return None
    return max(same, key=lambda t: (t.min if t.min is not None else -1, t.max if t.max is not None else 10**9))


VICTIM_CUES = re.compile(
    r"\bamong\s+(?:the\s+)?(?:dead|killed|casualties|victims|those\s+killed|the\s+fallen|martyrs)\b|\b(?:was|were)\s+(?:also\s+)?"
    r"(?:killed|slain|assassinated|shot\s+dead|martyred)\b|\bkilled\s+in\s+the\b",
    re.IGNORECASE,
)


def victim_role(text_after_name: str) -> str | None:
    """The appositive after a name: ", a senior I.R.G.C. commander and ..., was" -> 'a senior I.R.G.C. commander and ...'.

    The role runs to the next comma, semicolon or sentence end (a full stop followed by a capital or
    the end), so dotted acronyms inside it survive.
    """
    m = re.match(r"\s*,\s*(?=(?:an?|the|his|her|their)\s)", text_after_name, re.IGNORECASE)
    if not m:
        return None
    rest = text_after_name[m.end() :]
    end = len(rest)
    stop = re.search(r"[,;]|\.(?=\s+[A-Z]|\s*$)", rest)
    if stop:
        end = stop.start()
    role = rest[:end].strip()
    return role or None
