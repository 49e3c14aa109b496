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
from collections.abc import Sequence
from dataclasses import dataclass

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
    "adm1": 1.5,
    "adm2": 0.0,
    "town": 0.5,
    "locality": 0.0,
    "site": 2.5,  # curated notable sites have no population but are why they are curated
    "region": 3.0,
}
# Penalty by match type: a primary-name match beats an alternate spelling, which beats dropping
# articles, which beats a transliteration skeleton.
MATCH_PENALTY: dict[str, float] = {"exact": 0.0, "alt": 0.6, "bare": 1.0, "skeleton": 2.0}
# Country-in-focus weight, times the share of the other mentions whose best reading lies in the
# candidate's country (0..1). 3.0 lets a US town of 50k beat a 5M Egyptian namesake in a report
# whose other places are American; 4.0+ started to flip genuine foreign capitals in US papers.
W_COUNTRY = 3.0
# Admin-1 focus weight, times the share of the other mentions in the candidate's admin-1 area.
W_ADMIN1 = 2.5
# An admin area or country written right after the mention ("Alexandria, La.", "Tripoli, Lebanon",
# "in Tal Afar (Nineveh)") is nearly decisive.
W_EXPLICIT_ADMIN = 6.0
# A kind hint from a type word ("X Province" -> adm1, "X district" -> adm2, "X city" -> town).
W_KIND_HINT = 3.0
# Nearby places: bonus when the candidate lies within NEAR_KM of another mention's best reading,
# falling linearly to 0 at NEAR_KM.
W_NEAR = 2.0
NEAR_KM = 250.0
# Context rounds: the second round uses context from first-round readings; a third changed < 0.2%
# of LGL readings.
CONTEXT_ROUNDS = 2
# Most candidates scored per surface (highest prior first); "Springfield" has ~40.
MAX_CANDIDATES = 60

# --------------------------------------------------------------------------- surface forms

# Type words after or before a name; the value is the kind they hint at (None: any).
TYPE_SUFFIXES: dict[str, str | None] = {
    "province": "adm1", "governorate": "adm1", "state": "adm1", "oblast": "adm1", "region": None,
    "district": "adm2", "county": "adm2", "parish": "adm2", "prefecture": "adm1", "area": None,
    "city": "town", "town": "town", "village": "town", "municipality": "adm2", "camp": None,
    "valley": None, "border": None, "sub-district": "adm2", "subdistrict": "adm2", "countryside": None,
}
_LEADING_TYPE = re.compile(r"^(?:the\s+)?(province|governorate|city|district|state|region|county|town|village)\s+of\s+", re.I)
_LEADING_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# "Alexandria, La." / "Tripoli, Lebanon" / "Mosul (Nineveh)": the name after the mention.
_AFTER = re.compile(r"^\s*(?:,|\()\s*((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,2})")

# AP-style and postal abbreviations of US states, only read right after a place name ("Tyler, Tex.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT", "del": "DE", "fla": "FL",
    "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD",
    "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV",
    "n h": "NH", "n j": "NJ", "n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND", "okla": "OK", "ore": "OR",
    "pa": "PA", "r i": "RI", "s c": "SC", "s d": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA",
    "wash": "WA", "w va": "WV", "wis": "WI", "wyo": "WY", "d c": "DC",
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one mention was resolved to; ``entry`` is None when nothing fits."""

    start: int
    end: int
    entry: GazEntry | None
    score: float = 0.0
    method: str = "gazetteer"  # "gazetteer" | "context" (document anchor for a name the gazetteer lacks)


@dataclass
class _Surface:
    key: str
    text: str
    hint: str | None
    candidates: list[Candidate]
    priors: list[float]
    explicit: set[str]  # admin codes / country codes named right after some occurrence
    best: int = -1
    score: float = 0.0
    count: int = 0


def clean_surface(text: str) -> tuple[str, str | None]:
    """Strip articles, possessives and type words: ("the Anbar Province", None) -> ("Anbar", "adm1")."""
    surface = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    hint: str | None = None
    lead = _LEADING_TYPE.match(surface)
    if lead:
        hint = TYPE_SUFFIXES.get(lead.group(1).lower())
        return surface[lead.end():].strip(), hint
    words = surface.split()
    if len(words) > 1 and words[-1].lower() in TYPE_SUFFIXES:
        hint = TYPE_SUFFIXES[words[-1].lower()]
        return " ".join(words[:-1]), hint
    return surface, hint


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Geocoder:
    """Resolves the place mentions of one document at a time against a ``Gazetteer``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # ------------------------------------------------------------------ candidates

    def _candidates(self, text: str, hint: str | None) -> tuple[list[Candidate], str | None]:
        full = self.gazetteer.candidates(text)
        cleaned, type_hint = clean_surface(text)
        if cleaned != text and (type_hint is not None or not full):
            stripped = self.gazetteer.candidates(cleaned)
            if stripped:
                # "Anbar Province": the stripped name's area readings first, the full-name hits kept too
                seen = {c.index for c in stripped}
                return stripped + [c for c in full if c.index not in seen], type_hint or hint
        return full, hint

    def _prior(self, c: Candidate, hint: str | None) -> float:
        e = c.entry
        score = W_POPULATION * math.log10(e.population + 1) + KIND_PRIOR.get(e.kind, 0.0) - MATCH_PENALTY[c.match]
        if hint is not None and (e.kind == hint or (hint == "town" and e.kind == "locality")):
            score += W_KIND_HINT
        return score

    def _explicit_admin(self, doc: str, end: int) -> set[str]:
        """Admin-1 codes and country codes named right after a mention ("Alexandria, La." -> {"US.LA", "US"})."""
        m = _AFTER.match(doc[end : end + 40])
        if not m:
            return set()
        name = m.group(1).rstrip(".")
        out: set[str] = set()
        abbreviation = US_STATE_ABBREVIATIONS.get(name_key(name))
        if abbreviation:
            return {f"US.{abbreviation}", "US"}
        for c in self.gazetteer.candidates(name, fuzzy=False):
            if c.entry.kind == "country":
                out.add(c.entry.cc)
            elif c.entry.kind == "adm1" and c.match in ("exact", "alt"):
                out.update({c.entry.adm1, c.entry.cc})
        return out

    # ------------------------------------------------------------------ resolution

    def resolve(self, doc: str, spans: Sequence[tuple[int, int]], fallback: bool = False) -> list[Resolution]:
        """Resolve the mentions ``doc[start:end]`` of one document; one Resolution per span, same order."""
        surfaces: dict[str, _Surface] = {}
        span_keys: list[str] = []
        for start, end in spans:
            text = doc[start:end]
            key = name_key(clean_surface(text)[0]) or name_key(text)
            span_keys.append(key)
            surface = surfaces.get(key)
            if surface is None:
                candidates, hint = self._candidates(text, None)
                priors = [self._prior(c, hint) for c in candidates]
                order = sorted(range(len(candidates)), key=lambda i: -priors[i])[:MAX_CANDIDATES]
                surface = _Surface(key, text, hint, [candidates[i] for i in order], [priors[i] for i in order], set())
                surfaces[key] = surface
            surface.count += 1
            surface.explicit |= self._explicit_admin(doc, end)

        for s in surfaces.values():
            self._pick(s, [p + self._explicit_bonus(s, c) for c, p in zip(s.candidates, s.priors, strict=True)])
        for _ in range(CONTEXT_ROUNDS):
            readings = [(s, s.candidates[s.best].entry) for s in surfaces.values() if s.best >= 0]
            for s in surfaces.values():
                if not s.candidates:
                    continue
                scores = [
                    p + self._explicit_bonus(s, c) + self._context(s, c.entry, readings)
                    for c, p in zip(s.candidates, s.priors, strict=True)
                ]
                self._pick(s, scores)

        anchor = self._anchor(surfaces) if fallback else None
        out: list[Resolution] = []
        for (start, end), key in zip(spans, span_keys, strict=True):
            s = surfaces[key]
            if s.best >= 0:
                out.append(Resolution(start, end, s.candidates[s.best].entry, s.score))
            elif anchor is not None:
                out.append(Resolution(start, end, anchor, 0.0, method="context"))
            else:
                out.append(Resolution(start, end, None))
        return out

    @staticmethod
    def _pick(s: _Surface, scores: list[float]) -> None:
        if scores:
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
    def _context(s: _Surface, e: GazEntry, readings: list[tuple[_Surface, GazEntry]]) -> float:
        others = [(o, r) for o, r in readings if o is not s]
        if not others:
            return 0.0
        total = sum(o.count for o, _ in others)
        same_cc = sum(o.count for o, r in others if r.cc and r.cc == e.cc)
        same_adm1 = sum(o.count for o, r in others if r.adm1 and r.adm1 == e.adm1 and r.kind != "country")
        near = 0.0
        for _, r in others:
            if r.kind in ("country", "region") or r is e:
                continue
            d = haversine_km(e.lat, e.lon, r.lat, r.lon)
            if d < NEAR_KM:
                near = max(near, 1.0 - d / NEAR_KM)
        return W_COUNTRY * same_cc / total + W_ADMIN1 * same_adm1 / total + W_NEAR * near

    def _anchor(self, surfaces: dict[str, _Surface]) -> GazEntry | None:
        """The document's most-mentioned town, else its most-mentioned admin area, else country."""
        by_kind: dict[str, Counter[int]] = defaultdict(Counter)
        entries: dict[int, GazEntry] = {}
        for s in surfaces.values():
            if s.best < 0:
                continue
            c = s.candidates[s.best]
            group = {"town": "town", "locality": "town", "site": "town", "adm2": "area", "adm1": "area"}.get(c.entry.kind, "wide")
            by_kind[group][c.index] += s.count
            entries[c.index] = c.entry
        for group in ("town", "area", "wide"):
            if by_kind[group]:
                return entries[by_kind[group].most_common(1)[0][0]]
        return None
