"""Toponym resolution: pick the gazetteer entry each place mention denotes, using the document's context.

Used by the places component (mentions it finds itself) and by ``rashomon eval geocode`` (gold mentions).
The method, per document:

1. *Candidates* per mention surface from the gazetteer; a trailing type word ("Anbar Province",
   "al-Akashat region", "Kunar district") or a leading one ("Province of X", "City of X") is split off
   and becomes a kind hint; "X, Y" and "X (Y)" tell X's admin area or country.
2. *Prior* per candidate: population (log scale), kind, and how its name matched.
3. *Context*, iterated ``CONTEXT_ROUNDS`` times: the countries and admin-1 areas of the other mentions'
   current best readings (the report's "country in focus"), the admin area named right after a mention
   ("Alexandria, La."), and distance to the other mentions' best readings (nearby places).
4. Surfaces that repeat keep one reading (one sense per discourse).

A mention with no gazetteer candidate may take the document's anchor (its most-mentioned town, else
area) when ``fallback`` is set: streets, buildings and neighbourhoods then land in their town.

Every weight is a named constant below with its calibration note; the figures are in
docs/evaluation.md ("Geocoding").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from rashomon.extract.gazetteer import Candidate, GazEntry, Gazetteer, name_key

# --------------------------------------------------------------------------- weights
# Calibrated by hand on the development corpora (LGL and TR-News whole, GWN-dev, GeoVirus-dev) with
# `rashomon eval geocode`, one weight at a time; each comment says what moving it did.

# Log10-population weight: the backbone prior. Town of 1M = 6.0, village of 1k = 3.0.
W_POPULATION = 1.0
# Bonus by kind: countries and first-level areas are what a bare famous name usually means in news
# ("Georgia", "Jordan", "Punjab"); without these, same-named towns with real populations win.
KIND_PRIOR: dict[str, float] = {
    "country": 4.0,
    "adm1": 0.5,  # 1.5 read "Gaza" as Mozambique's province; 0.5 was best on all four dev sets
    "adm2": 0.0,
    "town": 0.5,
    "capital": 1.5,  # national capitals ("Washington", "Tripoli", "Amman" in news); 2.5 lost London, Ont. in LGL
    "locality": 0.0,
    "site": 2.5,  # curated notable sites have no population but are why they are curated
    "region": 3.0,
}
# Penalty by match type: a primary-name match beats an alternate spelling, which beats dropping
# articles, which beats a transliteration skeleton. A demonym's reading ("Latvians": Latvia) sits between
# exact and alt; 0, 0.5 and 1 give the same acc@161 on LGL, GWN-dev, TR-News and GeoVirus-dev (eval geocode).
MATCH_PENALTY: dict[str, float] = {"exact": 0.0, "alt": 0.6, "bare": 1.0, "demonym": 0.5, "skeleton": 2.0}
# A skeleton reading is kept only when at least this share of the other mentions lie in its country.
SKELETON_MIN_COUNTRY_SHARE = 0.25
# Hand-curated rows are notable by construction (why they were curated) and have no population of their
# own: without this, the seed's "al-Tanf" went to a nameless Iraqi "Tanf" locality in an Iraq-focused report.
CURATED_PRIOR = 3.0
# Admin areas often carry their capital's name as an alternate name ("Mosul" for Nineveh, "Ramadi"
# for Anbar); such a match is penalised further so the town itself wins.
ALT_ADMIN_PENALTY = 1.5
# Country-in-focus weight, times the probability-weighted share of the other mentions whose readings lie
# in the candidate's country (0..1). Swept 3/4/5/6 on the dev sets: 5 was best (LGL 0.854 -> 0.864,
# GWN-dev 0.786 -> 0.827); 6 no better.
W_COUNTRY = 5.0
# Admin-1 focus weight, the same share for the candidate's admin-1 area; swept 2.5/3/4/5 with W_COUNTRY.
# Re-swept with the outlet and domain priors (LGL/GWN-dev/TR-News/GeoVirus-dev acc@161): 3: .922/.950/.845/.794,
# 4: .926/.950/.845/.794, 5: .928/.938/.845/.794.
W_ADMIN1 = 4.0
# An admin area or country written right after the mention ("Alexandria, La.", "Tripoli, Lebanon",
# "in Tal Afar (Nineveh)") is nearly decisive.
W_EXPLICIT_ADMIN = 6.0
# Last words that make a name a body of water: its reading is the region (curated seas and gulfs), not an
# admin area named after it.
WATER_WORDS = frozenset({"sea", "ocean", "gulf"})
# A kind hint from a type word ("X Province" -> adm1, "X district" -> adm2, "X city" -> town).
W_KIND_HINT = 3.0
# A province named after its capital ("Hodeidah", "Kirkuk", "Aleppo", "Kandahar"): without a type word, news
# means the town, which its larger population (the whole province's) otherwise loses to. Added to the prior of a
# town inside a same-named first-level area read by the same kind of match; 1.0 is the least that puts
# Hodeidah (734k) over Al Hudaydah governorate (920k); checked on the four geocoding dev sets (docs/evaluation.md).
W_SEAT = 1.0
# Nearby places: bonus when the candidate lies within NEAR_KM of another mention's best reading,
# falling linearly to 0 at NEAR_KM.
W_NEAR = 2.0  # re-swept as W_ADMIN1: 1.5: .925/.944/.838/.794, 2: .926/.950/.845/.794, 3: .924/.935/.849/.794
NEAR_KM = 250.0  # a sum over all nearby mentions instead of the closest one was tried: no gain
# Readings that are no "nearby place" for W_NEAR: a country's or region's point says nothing about
# nearness, nor does an admin-1 label point (membership counts through W_ADMIN1 already). Adding adm1
# here, together with alternate-name readings anchoring nothing (``_anchor``): LGL, GWN-dev and TR-News
# unchanged (0.926, 0.926, 0.844), GeoVirus-dev 0.779 -> 0.786.
NOT_NEAR_KINDS = frozenset({"country", "region", "adm1"})
# Same admin-2 area (a town and its county: "Huntsville" and "Walker County").
W_ADMIN2 = 2.0
# Context rounds; each uses the probabilities of the previous round's readings.
CONTEXT_ROUNDS = 3
# Readings of another mention used as context: its CONTEXT_TOP likeliest, weighted by a softmax of
# their scores at this temperature (1.0: a score lead of 1 is a 2.7x probability).
CONTEXT_TOP = 8
SOFTMAX_TEMPERATURE = 1.0
# Candidates of a mention that get context scores (highest prior first); the rest keep their prior.
CONTEXT_CANDIDATES = 20
# The outlet's profile (``DocumentPrior``) counts as one more context mention of this weight; a mention
# weighs 1.0 (times 1 + ln of its count). Swept 0/1/1.5/2/3/4 (eval geocode, leave-one-out profiles):
# LGL 0.873/0.921/0.923/0.928/0.929/0.931, TR-News 0.838/0.841/0.834/0.834/0.834/0.832 (its national
# outlets' profiles are diffuse and lfpress.com's echoes a misread London); 1.0 is the best for both.
W_OUTLET = 1.0
# The country of the outlet's country-code domain ("thesun.co.uk": GB) as one more context mention.
# Swept 1/2/4 (eval geocode): LGL 0.923 and TR-News 0.841 unchanged; GWN-dev 0.848/0.848/0.855 (a UK
# paper's "Colchester" and "Manchester" in a report full of US names).
W_TLD = 4.0
# Country-code domains sold worldwide as generic ones ("news.io", ".tv", "t.co"): no country signal unless
# the host sits under a national second level ("eltiempo.com.co", "gov.me"), which only that country sells.
GENERIC_CCTLDS = frozenset(["io", "tv", "me", "fm", "co", "ai", "cc", "ws", "to", "nu", "gg", "gl", "sh"])
NATIONAL_SECOND_LEVELS = frozenset(["com", "gov", "org", "net", "edu", "ac", "mil", "gob", "gouv", "co", "info"])
# Link shorteners and platform hosts under the ccTLD of a country with a national press (Libya's .ly,
# Somalia's .so, Belgium's .be, Armenia's .am, Laos's .la): these say nothing about the story's country,
# but "alwasat.ly" or "lesoir.be" do, so these ccTLDs count except for the hosts listed here.
# fmt: off
SHORTENER_HOSTS = frozenset(
    ["bit.ly", "ow.ly", "buff.ly", "dlvr.it", "youtu.be", "t.ly", "rb.gy", "cutt.ly", "tiny.ly", "lnkd.in", "is.gd",
     "goo.gl", "amzn.to", "t.me", "wp.me", "fb.me", "on.soundcloud.com", "apple.co", "t.co", "spoti.fi", "qr.ae",
     "trib.al", "shar.es", "ift.tt", "po.st", "su.pr", "j.mp", "wa.me", "instagr.am", "about.me"]
)
# fmt: on
# An outlet profile needs at least this many distinct readings from the outlet's other reports.
# Swept 1/2/3/5 (eval geocode): LGL 0.934/0.934/0.934/0.933, GWN-dev, TR-News and GeoVirus-dev unchanged.
OUTLET_MIN_READINGS = 3.0
KM_PER_DEGREE = 111.2
# Transliteration skeletons are tried only for names at least this long ("Hama" ~ "Ho" is noise).
MIN_FUZZY_CHARS = 5
# Most candidates scored per surface (highest prior first); "Springfield" has ~40.
MAX_CANDIDATES = 60

# --------------------------------------------------------------------------- surface forms

# Demonyms and adjectives of places ("Latvian", "Ontarians", "Texan", "Londoner", "Richmondites",
# "Chinese", "Iraqi"): ending -> replacements that give the place name, tried on the singular last word
# when the surface itself has no gazetteer reading (a transliteration skeleton aside). Only countries,
# first-level areas and towns are read so (DEMONYM_KINDS); curated ones ("Korean") are in country_names.tsv.
DEMONYM_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ian", ("ia", "io", "y", "")),
    ("ean", ("ea", "e", "")),
    ("an", ("a", "as", "o", "")),
    ("er", ("",)),
    ("ite", ("", "e")),
    ("ese", ("", "a")),
    ("i", ("",)),
)
DEMONYM_KINDS = frozenset({"country", "adm1", "capital", "town"})
# A town is read from a demonym only from this size ("Londoner", "Richmondites"; not "Harvester" -> Harvest, Ala.).
# 5,000, 20,000 and 100,000 give the same acc@161 on LGL, GWN-dev, TR-News and GeoVirus-dev (eval geocode).
DEMONYM_MIN_TOWN_POPULATION = 20_000
# Context weight of a demonym whose place the document does not name (a mention weighs 1.0); such a
# surface is never the document's anchor. 0.5 as SCAN_WEIGHT, not swept.
DEMONYM_WEIGHT = 0.5
# Shortest place name a demonym may reduce to ("Iran" from "Iranian"; "Om" from "Oman"... is not one).
MIN_DEMONYM_BASE = 4

# Type words after or before a name; the value is the kind they hint at (None: any).
TYPE_SUFFIXES: dict[str, str | None] = {
    "province": "adm1",
    "governorate": "adm1",
    "state": "adm1",
    "oblast": "adm1",
    "region": None,
    "district": "adm2",
    "county": "adm2",
    "parish": "adm2",
    "prefecture": "adm1",
    "area": None,
    "city": "town",
    "township": "town",
    "twp": "town",
    "town": "town",
    "village": "town",
    "municipality": "adm2",
    "camp": None,
    "valley": None,
    "sub-district": "adm2",
    "subdistrict": "adm2",
    "countryside": None,
}
# Last words of streets, roads and buildings: names that end so are never gazetteer towns.
STREET_WORDS = frozenset(
    [
        "st",
        "street",
        "ave",
        "avenue",
        "rd",
        "road",
        "blvd",
        "boulevard",
        "dr",
        "drive",
        "ln",
        "lane",
        "hwy",
        "highway",
        "pkwy",
        "parkway",
        "ct",
        "court",
        "pl",
        "place",
        "terrace",
        "way",
        "church",
        "school",
        "hospital",
        "library",
        "hall",
        "building",
        "center",
        "centre",
        "mall",
        "airport",
        "stadium",
        "station",
        "quarter",  # "French Quarter", "Latin Quarter": a town's neighbourhood, not in France
    ]
)
# Last words of named features (squares, parks, clubs, campuses, rivers): such a name may also be a town
# somewhere ("Washington Square", Pa.), but in a report it is read as that town only when the town lies
# within NEAR_KM of another reading of the report; else it takes the place it names or the anchor.
FEATURE_WORDS = frozenset(
    [
        "square",
        "plaza",
        "park",
        "gardens",
        "cemetery",
        "graveyard",
        "racecourse",
        "racetrack",
        "club",
        "university",
        "college",
        "campus",
        "bridge",
        "palace",
        "mosque",
        "museum",
        "hotel",
        "prison",
        "river",
        "creek",
    ]
)
# Street names written without their street word, in a coordination that carries it ("Bourbon and
# Dauphine streets", "the Chartres/Franklin intersection"): read as streets of the anchor town.
_STREET_LIST_AFTER = re.compile(
    r"^(?:\s*(?:,|and|&|/)\s*(?:[A-Z][\w’'.-]*\s+){0,2}?[A-Z][\w’'.-]*)*\s*(?:streets|avenues|roads|boulevards|intersection|corner)\b"
)
_STREET_LIST_BEFORE = re.compile(r"[A-Z][\w’'.-]*\s*[/&]\s*$")
_STREET_AFTER_SINGLE = re.compile(r"^\s*(?:intersection|corner)\b")
# Area names in a coordination that carries their plural type word ("Hitchcock and Hayes counties",
# "Camden and Charlton counties"): each is read as "<name> County" (and the type's kind hint).
PLURAL_TYPE_WORDS: dict[str, str] = {
    "counties": "County",
    "parishes": "Parish",
    "districts": "District",
    "provinces": "Province",
    "governorates": "Governorate",
    "states": "State",
}
_TYPE_LIST_AFTER = re.compile(
    r"^(?:\s*(?:,|and|&)\s*(?:[A-Z][\w’'.-]*\s+){0,2}?[A-Z][\w’'.-]*)*,?\s*(" + "|".join(PLURAL_TYPE_WORDS) + r")\b"
)
# "August in New Orleans", "Le Bernardin in New York": a name right before "in <Town>" that has no reading
# within NEAR_KM of that town's is a venue in it.
_IN_TOWN = re.compile(r"^\s+in\s+(?:downtown\s+|central\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})")
# "the port city of Hodeidah", "the province of Kandahar": a type word before the name, as the suffix would be.
_TYPE_BEFORE = re.compile(r"\b(province|governorate|city|district|town|village)\s+of\s+(?:the\s+)?$", re.I)
_LEADING_TYPE = re.compile(r"^(?:the\s+)?(province|governorate|city|district|state|region|county|town|village)\s+of\s+", re.I)
# A newspaper's masthead word after a place name: the paper's city, not its state ("The Washington Post",
# "New York Times", "Kansas City Star"); the mention then gets the town kind hint (W_KIND_HINT).
_MASTHEAD = re.compile(
    r"^(?:’s|'s)?\s+(?:Post|Times|Tribune|Herald|Journal|Gazette|Chronicle|Examiner|Observer|Courier|Dispatch"
    r"|Daily News|Star-Tribune|Star|Sun-Times|Inquirer|Press)\b"
)
_LEADING_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# "Alexandria, La." / "Tripoli, Lebanon" / "Mosul (Nineveh)": the name after the mention.
_AFTER = re.compile(
    r"^\s*(?:,|\(|\s+in\s+(?:(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?)\s*((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,2})"
)

# AP-style and postal abbreviations of US states, only read right after a place name ("Tyler, Tex.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "AL",
    "ariz": "AZ",
    "ark": "AR",
    "calif": "CA",
    "colo": "CO",
    "conn": "CT",
    "del": "DE",
    "fla": "FL",
    "ga": "GA",
    "ill": "IL",
    "ind": "IN",
    "kan": "KS",
    "kans": "KS",
    "ky": "KY",
    "la": "LA",
    "md": "MD",
    "mass": "MA",
    "mich": "MI",
    "minn": "MN",
    "miss": "MS",
    "mo": "MO",
    "mont": "MT",
    "neb": "NE",
    "nev": "NV",
    "n h": "NH",
    "n j": "NJ",
    "n m": "NM",
    "n y": "NY",
    "n c": "NC",
    "n d": "ND",
    "okla": "OK",
    "ore": "OR",
    "pa": "PA",
    "r i": "RI",
    "s c": "SC",
    "s d": "SD",
    "tenn": "TN",
    "tex": "TX",
    "vt": "VT",
    "va": "VA",
    "wash": "WA",
    "w va": "WV",
    "wis": "WI",
    "wyo": "WY",
    "d c": "DC",
}
# Canadian Press abbreviations of provinces and territories, read as the province when a mention is
# written so ("B.C.", "Ont.", "N.L."); the value is the GeoNames admin-1 code.
CA_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "alta": "CA.01",
    "b c": "CA.02",
    "man": "CA.03",
    "n b": "CA.04",
    "n l": "CA.05",
    "nfld": "CA.05",
    "n s": "CA.07",
    "ont": "CA.08",
    "p e i": "CA.09",
    "que": "CA.10",
    "sask": "CA.11",
    "n w t": "CA.13",
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one mention was resolved to; ``entry`` is None when nothing fits."""

    start: int
    end: int
    entry: GazEntry | None
    score: float = 0.0
    # "gazetteer"; with ``fallback``: "contained" (a place named inside the name: "Dubai World Cup") or
    # "context" (the town it is said to be in, "August in New Orleans", else the document's anchor, for a
    # name the gazetteer lacks or that reads as a street or a venue: streets, buildings)
    method: str = "gazetteer"


@dataclass(frozen=True, slots=True)
class DocumentPrior:
    """Where a document is likely about before any of its names is read: probability mass by country,
    admin-1 and admin-2 area, and the likeliest towns. Built by ``outlet_prior`` from the outlet's other
    reports (a local paper writes mostly about its own county), or by the caller from what it knows."""

    by_cc: dict[str, float]
    by_adm1: dict[str, float]
    by_adm2: dict[str, float]
    points: tuple[tuple[GazEntry, float], ...]
    weight: float = 1.0  # as context, relative to one mention (1.0)


def host_prior(host: str) -> DocumentPrior | None:
    """The country of a host's country-code top-level domain ("thesun.co.uk" -> GB, "lfpress.ca" -> CA), as
    context of weight W_TLD; None for generic domains (.com, .org), for ccTLDs sold for other uses (.tv, .io)
    outside their national second level (.com.co), and for link shorteners ("bit.ly", "youtu.be")."""
    host = host.lower().rstrip(".").removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2 or host in SHORTENER_HOSTS:
        return None
    tld = labels[-1]
    if len(tld) != 2 or not tld.isalpha():
        return None
    if tld in GENERIC_CCTLDS and not (len(labels) >= 3 and labels[-2] in NATIONAL_SECOND_LEVELS):
        return None
    cc = "GB" if tld == "uk" else tld.upper()
    return DocumentPrior({cc: 1.0}, {}, {}, (), W_TLD)


@dataclass
class OutletTally:
    """Readings of one outlet's reports, summed, so a prior can leave one report out (``outlet_prior``)."""

    cc: Counter[str] = field(default_factory=Counter)
    adm1: Counter[str] = field(default_factory=Counter)
    adm2: Counter[str] = field(default_factory=Counter)
    towns: Counter[GazEntry] = field(default_factory=Counter)
    total: float = 0.0

    @classmethod
    def of(cls, resolutions: Sequence[Resolution]) -> OutletTally:
        """One report's contribution: each distinct gazetteer reading counts once (a long report about one
        town should not outweigh ten short ones)."""
        tally = cls()
        seen: set[str] = set()
        for r in resolutions:
            e = r.entry
            if e is None or r.method != "gazetteer" or e.gid in seen:
                continue
            seen.add(e.gid)
            tally.count(e)
        return tally

    @classmethod
    def of_readings(cls, readings: Sequence[tuple[GazEntry, int]]) -> OutletTally:
        """Many reports' contribution at once: each entry with the number of distinct reports that read a
        mention as it (what a store can count), the same tally as adding ``of`` of each report."""
        tally = cls()
        for entry, reports in readings:
            if reports > 0:
                tally.count(entry, float(reports))
        return tally

    def count(self, e: GazEntry, times: float = 1.0) -> None:
        """Count one reading (``times`` reports' worth); regions say nothing about an outlet's area."""
        if e.kind == "region":
            return
        self.total += times
        if e.cc:
            self.cc[e.cc] += times
        if e.kind != "country" and e.adm1:
            self.adm1[e.adm1] += times
        if e.adm2:
            self.adm2[e.adm2] += times
        if e.kind in ("town", "capital", "locality", "site"):
            self.towns[e] += times

    def add(self, other: OutletTally, sign: float = 1.0) -> None:
        for mine, theirs in ((self.cc, other.cc), (self.adm1, other.adm1), (self.adm2, other.adm2), (self.towns, other.towns)):
            for k, v in theirs.items():
                mine[k] += sign * v
        self.total += sign * other.total


def outlet_prior(tally: OutletTally, leave_out: OutletTally | None = None) -> DocumentPrior | None:
    """The outlet's profile from its reports' readings, without ``leave_out`` (the report being resolved,
    so it does not vote for itself); None below OUTLET_MIN_READINGS readings."""
    rest = OutletTally()
    rest.add(tally)
    if leave_out is not None:
        rest.add(leave_out, -1.0)
    if rest.total < OUTLET_MIN_READINGS:
        return None

    def share(counter: Counter) -> dict:
        return {k: v / rest.total for k, v in counter.items() if v > 0}

    towns = sorted(((e, v / rest.total) for e, v in rest.towns.items() if v > 0), key=lambda t: -t[1])
    return DocumentPrior(share(rest.cc), share(rest.adm1), share(rest.adm2), tuple(towns[:CONTEXT_TOP]), W_OUTLET)


@dataclass
class _Surface:
    key: str
    text: str
    hint: str | None
    candidates: list[Candidate]
    priors: list[float]
    explicit: set[str]  # admin codes / country codes named right after some occurrence
    street: bool = False  # some occurrence reads as a street ("Bourbon and Dauphine streets")
    inside: list[list[str]] = field(default_factory=list)  # per "in <Town>" after it: keys, longest first
    best: int = -1
    score: float = 0.0
    count: int = 0
    weight: float = 0.0
    base: list[float] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    next_scores: list[float] = field(default_factory=list)


@dataclass
class _View:
    """One mention's current readings as context for the others: probability mass per country,
    admin-1 and admin-2, and its likeliest points."""

    surface: _Surface | None  # None: a document prior (the outlet's profile), not a mention
    weight: float
    by_cc: dict[str, float]
    by_adm1: dict[str, float]
    by_adm2: dict[str, float]
    points: list[tuple[GazEntry, float]]

    @classmethod
    def of(cls, s: _Surface) -> _View:
        top = sorted(range(len(s.scores)), key=lambda i: -s.scores[i])[:CONTEXT_TOP]
        peak = s.scores[top[0]]
        weights = [math.exp((s.scores[i] - peak) / SOFTMAX_TEMPERATURE) for i in top]
        norm = sum(weights)
        by_cc: dict[str, float] = defaultdict(float)
        by_adm1: dict[str, float] = defaultdict(float)
        by_adm2: dict[str, float] = defaultdict(float)
        points: list[tuple[GazEntry, float]] = []
        for i, w in zip(top, weights, strict=True):
            if s.candidates[i].match == "skeleton":
                continue  # a transliteration guess is too weak to be context for others
            e, p = s.candidates[i].entry, w / norm
            if e.cc:
                by_cc[e.cc] += p
            if e.adm1 and e.kind != "country":
                by_adm1[e.adm1] += p
            if e.adm2 or e.kind == "adm2":
                by_adm2[e.adm2] += p
            if e.kind not in NOT_NEAR_KINDS:
                points.append((e, p))
        return cls(s, s.weight * (1.0 + math.log(s.count)), by_cc, by_adm1, by_adm2, points)


_FEATURE_OR_STREET_WORDS = FEATURE_WORDS | STREET_WORDS


def _demonym_bases(head: Sequence[str], last: str) -> Iterator[str]:
    """The place names a demonym may stand for, likeliest first: ``head`` words plus the singular last
    word with its DEMONYM_ENDINGS ending replaced ("New", "Londoner" -> "New London"; "Ontarian" ->
    "Ontaria", "Ontario", ...), each base at least MIN_DEMONYM_BASE long."""
    for ending, replacements in DEMONYM_ENDINGS:
        if last.endswith(ending):
            for replacement in replacements:
                base = last[: -len(ending)] + replacement
                if len(base) >= MIN_DEMONYM_BASE:
                    yield " ".join([*head, base])


def _feature_word(text: str) -> bool:
    """Whether a name of several words ends in a FEATURE_WORDS or STREET_WORDS word ("Meydan Racecourse")."""
    words = text.split()
    return len(words) > 1 and words[-1].rstrip(".").lower() in _FEATURE_OR_STREET_WORDS


def clean_surface(text: str) -> tuple[str, str | None]:
    """Strip articles, possessives and type words: ("the Anbar Province", None) -> ("Anbar", "adm1")."""
    surface = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    hint: str | None = None
    lead = _LEADING_TYPE.match(surface)
    if lead:
        hint = TYPE_SUFFIXES.get(lead.group(1).lower())
        return surface[lead.end() :].strip(), hint
    words = surface.split()
    if len(words) > 1 and words[-1].lower() in TYPE_SUFFIXES:
        hint = TYPE_SUFFIXES[words[-1].lower()]
        return " ".join(words[:-1]), hint
    return surface, hint


def surface_key(text: str, gazetteer: Gazetteer) -> str:
    """One key per written name for one-sense-per-discourse: articles, possessives and type words dropped
    ("al-Tanf region" = "al-Tanf", "Iraq's" = "Iraq"), unless the whole is itself a gazetteer name
    ("Kansas City" stays apart from "Kansas")."""
    whole = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    if gazetteer.has_name(whole):
        return name_key(whole)
    return name_key(clean_surface(text)[0]) or name_key(text)


def _seat_over_province(candidates: Sequence[Candidate], priors: list[float]) -> None:
    """Raise, in place, the prior of each town that lies in a first-level area read by the same name and
    the same kind of match (the province named after its capital) by W_SEAT."""
    provinces = {(c.entry.cc, c.entry.adm1, c.match) for c in candidates if c.entry.kind == "adm1"}
    for i, c in enumerate(candidates):
        if c.entry.kind in ("town", "capital") and (c.entry.cc, c.entry.adm1, c.match) in provinces:
            priors[i] += W_SEAT


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# Capitalised tokens, with the lower-case joiners that occur inside place names ("Bosnia and Herzegovina",
# "Deir ez-Zor", "Kata'ib" is an actor and is skipped by the caller).
_CAP_RUN = re.compile(
    r"(?:(?:al|el|ad|ar|as|ash|at|az|an)[-‐ ])?[A-Z][\w’'.-]*"
    r"(?:(?:\s+(?:of|de|del|du|la|le|al|el|ad|ar|as|ash|at|az|an|and|upon|on|the)\b)*\s+(?:(?:al|el|ad|ar|as|az)[-‐])?[A-Z][\w’'.-]*)*"
)
# Scanned names (not given as mentions) count as context only when they are this likely to be places:
# a candidate of one of these kinds, or a town of at least SCAN_MIN_POPULATION people. Lower values
# let surnames ("Franklin", "Jackson") pull readings toward their towns.
SCAN_KINDS = frozenset({"country", "capital", "region", "site"})  # adm1 (parish "Patrick", Isle of Man) let surnames in
SCAN_MIN_POPULATION = 100_000
# Weight of a scanned context name relative to a given mention (1.0).
SCAN_WEIGHT = 0.5
# Capitalised words that start sentences or titles and happen to be place names somewhere.
SCAN_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "of",
        "with",
        "as",
        "but",
        "and",
        "or",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "during",
        "under",
        "over",
        "about",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "minister",
        "gen",
        "col",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "god",
        "christ",
        "jesus",
        "allah",
        "islam",
        "muslim",
        "christian",
        "jewish",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
        "lake",
        "river",
        "mount",
        "islands",
        "island",
        "falls",
        "park",
        "gulf",
        "bay",
        "sea",
    ]
)
_EDGE_PUNCT = "’'.-"
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[-‐ ]", re.I)
# Transliterated articles written apart that are also English words: "at Tanf" or "attack at Syrian border".
_ENGLISH_ARTICLE = re.compile(r"^(?:as|at|an) ")


@cache
def _stopwords() -> frozenset[str]:
    """SCAN_STOPWORDS plus spaCy's English stop words ("No", "Here", "Much" are towns somewhere)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return SCAN_STOPWORDS | frozenset(STOP_WORDS)


def scan_place_names(text: str, gazetteer: Gazetteer, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of capitalised runs whose longest sub-run is a gazetteer name ("al-Akashat region", "New Orleans"
    inside "New Orleans Railways"). Spans overlapping ``skip`` (actors, given mentions) are left out."""
    found: list[tuple[int, int]] = []
    for run in _CAP_RUN.finditer(text):
        tokens = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\S+", run.group())]
        i = 0
        while i < len(tokens):
            hit = None
            for j in range(min(len(tokens), i + 5), i, -1):
                start, end = tokens[i][0], tokens[j - 1][1]
                while (end > start and text[end - 1] in _EDGE_PUNCT and text[end - 1] != ".") or text[end - 1] in ",;:":
                    end -= 1
                if text[start:end].endswith(("’s", "'s")):
                    end -= 2
                surface = text[start:end]
                if j - i == 1 and (surface.lower().rstrip(".") in _stopwords() or not _ARTICLE.sub("", surface)[:1].isupper()):
                    continue
                if _ENGLISH_ARTICLE.match(surface) and name_key(surface) not in gazetteer.exact:
                    continue  # "attack at Syrian border": the preposition, unless the name is spelt so ("At Tanf")
                if gazetteer.has_name(clean_surface(surface)[0]):
                    hit = (start, end, j)
                    break
            if hit is None:
                i += 1
                continue
            start, end, j = hit
            if not any(a < end and start < b for a, b in skip):
                found.append((start, end))
            i = j
    return found


class Geocoder:
    """Resolves the place mentions of one document at a time against a ``Gazetteer``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # ------------------------------------------------------------------ candidates

    def _candidates(self, text: str, hint: str | None) -> tuple[list[Candidate], str | None]:
        words = text.split()
        if len(words) > 1 and words[-1].rstrip(".").lower() in STREET_WORDS:
            return [], hint  # streets and buildings are not in the gazetteer; their town may be the anchor
        if text == text.lower():
            return [], hint  # "the lot", "blocks": English writes place names with capitals
        if "." in text and name_key(text) in CA_PROVINCE_ABBREVIATIONS:
            i = self.gazetteer.adm1_by_code.get(CA_PROVINCE_ABBREVIATIONS[name_key(text)])
            if i is not None:
                return [Candidate(self.gazetteer.entry(i), i, "exact")], hint
        fuzzy = len(text) >= MIN_FUZZY_CHARS
        full = self.gazetteer.candidates(text, fuzzy=fuzzy)
        if all(c.match == "skeleton" for c in full):
            demonym = self._demonym(text)
            if demonym:
                return demonym, hint
        cleaned, type_hint = clean_surface(text)
        cleaned_words = cleaned.lower().split()
        if hint is None and type_hint is None and len(cleaned_words) > 1 and cleaned_words[-1] in WATER_WORDS:
            hint = "region"  # "the Red Sea" is the sea (a curated region), not Sudan's Red Sea State
        # the stripped name when a type word was cut, or when the full text only has skeleton readings ("the
        # Red Sea" as "Ter Dzowah")
        if cleaned != text and (type_hint is not None or all(c.match == "skeleton" for c in full)):
            stripped = self.gazetteer.candidates(cleaned, fuzzy=fuzzy)
            if stripped:
                # "Anbar Province": the stripped name's area readings first, the full-name hits kept too
                seen = {c.index for c in stripped}
                return stripped + [c for c in full if c.index not in seen], type_hint or hint
        return full, hint

    def _demonym(self, text: str) -> list[Candidate]:
        """The readings of the place a demonym names: "New Londoners" -> New London, "Ontarians" -> Ontario
        (DEMONYM_ENDINGS); [] when it is none."""
        words = text.split()
        last = words[-1]
        if not last[:1].isupper() or len(words) > 3:
            return []
        if last.endswith("s") and not last.endswith("ss"):
            last = last[:-1]
        for name in _demonym_bases(words[:-1], last):
            found = [
                Candidate(c.entry, c.index, "demonym")
                for c in self.gazetteer.candidates(name, fuzzy=False)
                if c.match in ("exact", "alt")
                and c.entry.kind in DEMONYM_KINDS
                and (c.entry.kind in ("country", "adm1") or c.entry.population >= DEMONYM_MIN_TOWN_POPULATION)
            ]
            if found:
                return found
        return []

    def _demonym_of_named(self, text: str, named: set[str]) -> str | None:
        """The place a demonym names when the document also names that place ("New Londoners" beside
        "New London"): the demonym then joins that name's reading (one sense per discourse)."""
        words = text.split()
        if not words or not all(c.match == "skeleton" for c in self.gazetteer.candidates(text, fuzzy=False)):
            return None
        return next((name for name in _demonym_bases(words[:-1], words[-1].removesuffix("s")) if name_key(name) in named), None)

    def _prior(self, c: Candidate, hint: str | None) -> float:
        e = c.entry
        score = W_POPULATION * math.log10(e.population + 1) + KIND_PRIOR.get(e.kind, 0.0) - MATCH_PENALTY[c.match]
        if c.match == "alt" and e.kind in ("adm1", "adm2"):
            score -= ALT_ADMIN_PENALTY
        if e.gid.startswith("curated:"):
            score += CURATED_PRIOR
        if hint is not None and (e.kind == hint or (hint == "town" and e.kind in ("locality", "capital"))):
            score += W_KIND_HINT
        return score

    def _explicit_admin(self, doc: str, end: int) -> set[str]:
        """Admin-1 codes and country codes named right after a mention ("Alexandria, La." -> {"US.LA", "US"}).
        The longest of the next one to three capitalised words that names one is read ("Parkland, Florida
        The controversy" -> Florida)."""
        m = _AFTER.match(doc[end : end + 40])
        if not m:
            return set()
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).rstrip(".")
            abbreviation = US_STATE_ABBREVIATIONS.get(name_key(name))
            if abbreviation:
                return {f"US.{abbreviation}", "US"}
            out: set[str] = set()
            for c in self.gazetteer.candidates(name, fuzzy=False):
                if c.entry.kind == "country":
                    out.add(c.entry.cc)
                elif c.entry.kind == "adm1" and c.match in ("exact", "alt"):
                    out.update({c.entry.adm1, c.entry.cc})
            if out:
                return out
        return set()

    # ------------------------------------------------------------------ resolution

    def resolve(
        self,
        doc: str,
        spans: Sequence[tuple[int, int]],
        fallback: bool = False,
        context: Sequence[tuple[int, int]] = (),
        priors: Sequence[DocumentPrior] = (),
    ) -> list[Resolution]:
        """Resolve the mentions ``doc[start:end]`` of one document; one Resolution per span, same order.

        ``context`` spans (e.g. from ``scan_place_names``) are read as further place names of the document
        with weight SCAN_WEIGHT when one of their readings is likely a place (SCAN_KINDS, SCAN_MIN_POPULATION).
        ``priors`` (the outlet's profile, ``outlet_prior``; its domain's country, ``host_prior``) are read as
        further context mentions of their own weight.
        """
        surfaces: dict[str, _Surface] = {}
        span_keys: list[str] = []
        named = {surface_key(doc[a:b], self.gazetteer) for a, b in (*spans, *context)}
        for start, end in spans:
            base = self._demonym_of_named(doc[start:end], named)
            key = self._add(surfaces, doc, start, end, 1.0, text=base)
            span_keys.append(key)
        for start, end in context:
            if any(a < end and start < b and not (a <= start and end <= b and (a, b) != (start, end)) for a, b in spans):
                continue  # "Paris City" around the mention "Paris" would only echo it; names inside a mention stay
            text = doc[start:end]
            key = surface_key(text, self.gazetteer)
            if key in surfaces:
                continue
            candidates, _ = self._candidates(text, None)
            if any(c.entry.kind in SCAN_KINDS or c.entry.population >= SCAN_MIN_POPULATION for c in candidates):
                self._add(surfaces, doc, start, end, SCAN_WEIGHT)

        active = [s for s in surfaces.values() if s.candidates]
        for s in active:
            s.base = [p + self._explicit_bonus(s, c) for c, p in zip(s.candidates, s.priors, strict=True)]
            self._pick(s, s.base)
        prior_views = [_View(None, p.weight, p.by_cc, p.by_adm1, p.by_adm2, list(p.points)) for p in priors]
        for _ in range(CONTEXT_ROUNDS):
            views = [_View.of(s) for s in active] + prior_views
            for s in active:
                others = [v for v in views if v.surface is not s]
                scores = list(s.base)
                if others:
                    for i, c in enumerate(s.candidates[:CONTEXT_CANDIDATES]):
                        scores[i] += self._context(c.entry, others)
                s.next_scores = scores
            for s in active:
                self._pick(s, s.next_scores)
        self._drop_stray_skeletons(active)

        venues: dict[str, GazEntry] = {}
        for s in active:
            if s.street:
                s.best = -1
        for s in surfaces.values() if fallback else ():
            town = self._venue_town(s, surfaces)
            if town is not None:
                venues[s.key] = town
                s.best = -1
        for s in (s for s in active if s.best >= 0):
            # "Washington Square" in a New Orleans report is not Washington Square, Pa.; but a reading that is the
            # feature itself ("the Red Sea", a curated sea) names it wherever the report's other places are
            reading = s.candidates[s.best].entry
            if reading.kind != "region" and _feature_word(s.text) and not self._near_readings(reading, s, active):
                s.best = -1
        anchor = self._anchor(surfaces) if fallback else None
        if fallback and anchor is None:
            # a report naming no town it can be placed in: its outlet's likeliest town (the local paper's home)
            points = [pt for p in priors for pt in p.points]
            anchor = max(points, key=lambda t: t[1])[0] if points else None
        views = [_View.of(s) for s in active] + prior_views
        heads = self._feature_heads(surfaces, span_keys, active)
        out: list[Resolution] = []
        for (start, end), key in zip(spans, span_keys, strict=True):
            s = surfaces[heads.get(key, key)]
            contained = self._contained(s, surfaces, views, anchor) if fallback and s.best < 0 else None
            if s.best >= 0:
                out.append(Resolution(start, end, s.candidates[s.best].entry, s.score))
            elif s.key in venues:
                out.append(Resolution(start, end, venues[s.key], 0.0, method="context"))
            elif contained is not None:
                out.append(Resolution(start, end, contained, 0.0, method="contained"))
            elif anchor is not None:
                out.append(Resolution(start, end, anchor, 0.0, method="context"))
            else:
                out.append(Resolution(start, end, None))
        return out

    def _contained(
        self, s: _Surface, surfaces: dict[str, _Surface], views: list[_View], anchor: GazEntry | None = None
    ) -> GazEntry | None:
        """The place named inside an unknown name: "Dubai World Cup" -> Dubai, "University of California" ->
        California (the longest gazetteer name within it that is likely a place, read with the document's
        context). A feature ("Stonewall Golf Club", "Mississippi River") takes it only when it is an area or
        lies within NEAR_KM of the anchor: a river is not in the state it shares a name with."""
        words = s.text.split()
        if len(words) > 1 and words[-1].rstrip(".").lower() in STREET_WORDS:
            return None  # "Frenchmen Street", "Washington Avenue": named after places, not in them
        hits = [h for h in scan_place_names(s.text, self.gazetteer) if h != (0, len(s.text))]
        for a, b in sorted(hits, key=lambda h: h[0] - h[1]):
            found = self._contained_place(s, s.text[a:b], surfaces, views, anchor)
            if found is None:
                continue
            if not _feature_word(s.text):
                return found
            if found.kind in ("country", "adm1"):
                if anchor is not None and (found.adm1 == anchor.adm1 if found.kind == "adm1" else found.cc == anchor.cc):
                    return None  # "Florida Atlantic University" in a Parkland, Fla. report: the anchor is closer
                return None if words[-1].lower() in ("river", "creek") else found
            near_anchor = anchor is not None and haversine_km(found.lat, found.lon, anchor.lat, anchor.lon) < NEAR_KM
            return found if near_anchor or anchor is None else None
        return None

    def _contained_place(
        self, s: _Surface, sub: str, surfaces: dict[str, _Surface], views: list[_View], anchor: GazEntry | None
    ) -> GazEntry | None:
        """The reading of a name inside a longer one: its own name ("Dubai"), or a country's adjective
        ("Russian Higher School of Economics"); other alternate names do not count ("Franklin" for Columbus)."""

        def named(c: Candidate) -> bool:
            return c.match in ("exact", "bare") or c.entry.kind == "country"

        known = surfaces.get(surface_key(sub, self.gazetteer))
        if known is not None and known.best >= 0 and known.weight >= 1.0:
            best = known.candidates[known.best]
            return best.entry if named(best) else None
        candidates, hint = self._candidates(sub, None)
        candidates = [c for c in candidates if named(c)]
        if not any(c.entry.kind in SCAN_KINDS or c.entry.population >= SCAN_MIN_POPULATION for c in candidates):
            return None  # "Carnegie Library" is not in Carnegie, Pa.; "University" is not University, Fla.
        others = [v for v in views if v.surface is not s]
        scored = [(self._prior(c, hint) + (self._context(c.entry, others) if others else 0.0), c) for c in candidates]
        return max(scored, key=lambda t: t[0])[1].entry

    @staticmethod
    def _venue_town(s: _Surface, surfaces: dict[str, _Surface]) -> GazEntry | None:
        """The town a name is said to be in ("August in New Orleans"), when the name has no reading of its
        own within NEAR_KM of that town's reading (else "Springfield in Illinois" stays Springfield)."""
        for keys in s.inside:
            town = next((surfaces[k] for k in keys if k in surfaces), None)  # the longest name the report has
            if town is None or town is s or town.best < 0:
                continue
            e = town.candidates[town.best].entry
            if e.kind == "adm1" and s.best < 0:
                # "Le Bernardin in New York": a venue with no reading of its own is in the state's namesake
                # city (New York City, whose alternate name "New York" is the state's), when it has one
                namesakes = [c.entry for c in town.candidates if c.entry.kind in ("town", "capital") and c.entry.adm1 == e.adm1]
                return max(namesakes, key=lambda x: x.population) if namesakes else None
            if e.kind not in ("town", "capital", "locality"):
                return None
            if s.best >= 0:
                own = s.candidates[s.best].entry
                if own.kind in ("country", "adm1", "capital") or haversine_km(own.lat, own.lon, e.lat, e.lon) < NEAR_KM:
                    return None
            return e
        return None

    @staticmethod
    def _near_readings(e: GazEntry, s: _Surface, active: list[_Surface]) -> bool:
        """Whether another surface's reading (a town, site or area point) lies within NEAR_KM of ``e``."""
        for o in active:
            if o is s or o.best < 0:
                continue
            b = o.candidates[o.best].entry
            if b.kind not in NOT_NEAR_KINDS and haversine_km(e.lat, e.lon, b.lat, b.lon) < NEAR_KM:
                return True
        return False

    @staticmethod
    def _feature_heads(surfaces: dict[str, _Surface], keys: Sequence[str], active: list[_Surface]) -> dict[str, str]:
        """Bare names that head a feature named in the same report ("Stonewall" beside "Stonewall Golf
        Club"): they denote that feature (the first one named), unless they read as a country, an area, a
        city of SCAN_MIN_POPULATION ("Washington" beside "Washington Square" stays Washington) or a town
        near the report's other places."""
        unique = list(dict.fromkeys(keys))
        features = [k for k in unique if _feature_word(surfaces[k].text)]
        out: dict[str, str] = {}
        for key in unique:
            head = surfaces[key]
            feature = next((k for k in features if k != key and surfaces[k].text.startswith(head.text + " ")), None)
            if feature is None:
                continue
            if head.best >= 0:
                e = head.candidates[head.best].entry
                if e.kind in ("country", "adm1", "capital", "region") or e.population >= SCAN_MIN_POPULATION:
                    continue
                if Geocoder._near_readings(e, head, active):
                    continue  # "St. Marys" near the report's other places stays the town beside "St. Marys River"
            out[key] = feature
        return out

    def _add(self, surfaces: dict[str, _Surface], doc: str, start: int, end: int, weight: float, text: str | None = None) -> str:
        text = text or doc[start:end]
        key = surface_key(text, self.gazetteer)
        surface = surfaces.get(key)
        masthead = _MASTHEAD.match(doc[end : end + 20]) is not None
        listed = _TYPE_LIST_AFTER.match(doc[end : end + 120])
        if surface is None or (listed and surface.hint is None):
            if listed:  # "Hitchcock and Hayes counties": the candidates of "Hitchcock County"
                candidates, hint = self._candidates(f"{text} {PLURAL_TYPE_WORDS[listed.group(1).lower()]}", None)
            else:
                candidates, hint = self._candidates(text, None)
            if hint is None and masthead:
                hint = "town"
            before = _TYPE_BEFORE.search(doc[max(0, start - 30) : start])
            if hint is None and before:
                hint = TYPE_SUFFIXES[before.group(1).lower()]
            priors = [self._prior(c, hint) for c in candidates]
            if hint is None:
                _seat_over_province(candidates, priors)
            order = sorted(range(len(candidates)), key=lambda i: -priors[i])[:MAX_CANDIDATES]
            fresh = _Surface(key, text, hint, [candidates[i] for i in order], [priors[i] for i in order], set())
            if surface is not None:
                fresh.count, fresh.weight, fresh.explicit = surface.count, surface.weight, surface.explicit
                fresh.street, fresh.inside = surface.street, surface.inside
            surface = surfaces[key] = fresh
        elif surface.hint is None and masthead:
            surface.hint = "town"
            surface.priors = [self._prior(c, "town") for c in surface.candidates]
        if surface.candidates and all(c.match == "demonym" for c in surface.candidates):
            weight = min(weight, DEMONYM_WEIGHT)  # people from a place, not the place the report is in
        surface.count += 1
        surface.weight = max(surface.weight, weight)
        after = doc[end : end + 60]
        if _STREET_LIST_AFTER.match(after) or (
            _STREET_LIST_BEFORE.search(doc[max(0, start - 30) : start]) and _STREET_AFTER_SINGLE.match(after)
        ):
            surface.street = True
        town = _IN_TOWN.match(after)
        if town:
            words = town.group(1).rstrip(".").split()
            surface.inside.append([surface_key(" ".join(words[:n]), self.gazetteer) for n in range(len(words), 0, -1)])
        surface.explicit |= self._explicit_admin(doc, end)
        return key

    @staticmethod
    def _drop_stray_skeletons(active: list[_Surface]) -> None:
        """A transliteration-skeleton reading stands only in a report about its country: "Oconee" ~ "Okny"
        (Ukraine) in a Georgia paper is noise, "Faluja" in an Iraq report is Fallujah."""
        views = [_View.of(s) for s in active]
        for s in active:
            if s.best < 0 or s.candidates[s.best].match != "skeleton":
                continue
            others = [v for v in views if v.surface is not s]
            total = sum(v.weight for v in others)
            cc = s.candidates[s.best].entry.cc
            share = sum(v.weight * v.by_cc.get(cc, 0.0) for v in others) / total if total else 0.0
            if share < SKELETON_MIN_COUNTRY_SHARE:
                s.best = -1

    @staticmethod
    def _pick(s: _Surface, scores: list[float]) -> None:
        if scores:
            s.scores = scores
            s.best = max(range(len(scores)), key=scores.__getitem__)
            s.score = scores[s.best]

    @staticmethod
    def _explicit_bonus(s: _Surface, c: Candidate) -> float:
        if not s.explicit:
            return 0.0
        e = c.entry
        if e.adm1 in s.explicit:
            return W_EXPLICIT_ADMIN
        if e.cc in s.explicit:
            return W_EXPLICIT_ADMIN / 2
        return 0.0

    @staticmethod
    def _context(e: GazEntry, others: list[_View]) -> float:
        """Support from the other mentions' current readings, each weighted by its probability."""
        total = country = adm1 = adm2 = near = 0.0
        cos_lat = math.cos(math.radians(e.lat))
        for v in others:
            total += v.weight
            country += v.weight * v.by_cc.get(e.cc, 0.0)
            if e.kind != "country":
                adm1 += v.weight * v.by_adm1.get(e.adm1, 0.0)
            if e.adm2:
                adm2 += v.weight * v.by_adm2.get(e.adm2, 0.0)
            if e.kind in ("country", "region"):
                continue  # an adm1 candidate may still be near towns ("Dubai" the emirate and the city)
            best = 0.0
            for entry, p in v.points:
                dy = (entry.lat - e.lat) * KM_PER_DEGREE
                if abs(dy) >= NEAR_KM:
                    continue
                dx = (entry.lon - e.lon) * KM_PER_DEGREE * cos_lat
                d = math.hypot(dx, dy)
                if d < NEAR_KM and entry is not e:
                    best = max(best, p * (1.0 - d / NEAR_KM))
            near = max(near, best)
        focus = (W_COUNTRY * country + W_ADMIN1 * adm1 + W_ADMIN2 * adm2) / total if total else 0.0
        return focus + W_NEAR * near

    @staticmethod
    def _namesake_town(s: _Surface, area: GazEntry) -> Candidate | None:
        """The town of an area's own name inside it ("Dubai" the emirate: the city of Dubai), if a candidate."""
        key = name_key(area.name)
        for c in s.candidates:
            if c.entry.kind in ("town", "capital") and c.entry.adm1 == area.adm1 and name_key(c.entry.name) == key:
                return c
        return None

    def _anchor(self, surfaces: dict[str, _Surface]) -> GazEntry | None:
        """The document's anchor: the town reading with the most weight from mentions of it and of places
        within NEAR_KM of it, times log10 of its population (a city named once outranks a village named three
        times); else the most-mentioned admin area, else the country."""
        towns: dict[int, tuple[GazEntry, float]] = {}
        areas: Counter[int] = Counter()
        wide: Counter[int] = Counter()
        entries: dict[int, GazEntry] = {}
        for s in surfaces.values():
            if s.best < 0 or s.candidates[s.best].match in ("demonym", "alt", "skeleton"):
                continue  # an alternate name ("Franklin" for Columbus, Ohio) or a demonym anchors nothing
            c = s.candidates[s.best]
            mass = s.weight * s.count
            entries[c.index] = c.entry
            if c.entry.kind in ("town", "capital", "locality", "site"):
                entry, total = towns.get(c.index, (c.entry, 0.0))
                towns[c.index] = (entry, total + mass)
            elif c.entry.kind in ("adm1", "adm2"):
                areas[c.index] += mass
                town = self._namesake_town(s, c.entry)
                if town is not None:  # "Dubai" read as the emirate still anchors the city of Dubai
                    entry, total = towns.get(town.index, (town.entry, 0.0))
                    towns[town.index] = (entry, total + mass)
            else:
                wide[c.index] += mass
        if towns:

            def support(item: tuple[GazEntry, float]) -> float:
                e, own = item
                near = sum(m for o, m in towns.values() if o is not e and haversine_km(e.lat, e.lon, o.lat, o.lon) < NEAR_KM)
                return (own + near) * math.log10(e.population + 10)

            return max(towns.values(), key=support)[0]
        for counter in (areas, wide):
            if counter:
                return entries[counter.most_common(1)[0][0]]
        return None
