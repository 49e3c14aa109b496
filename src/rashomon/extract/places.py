"""Places of one report: mentions found by NER and by the gazetteer, geocoded offline with document context.

Mentions:
- spaCy GPE/LOC/FAC entities, widened over an Arabic article before them ("al-" + "Tanf") and a type
  word after them ("Anbar" + " Province", "al-Tanf" + " region");
- capitalised runs that the gazetteer knows (``scan_place_names``), kept when one of their readings is
  likely a place (SCAN_KINDS or a town of SCAN_MIN_POPULATION) or when the text marks them as places
  (a type word, an Arabic article, a locative preposition before them: "in Akashat", "near al-Tanf");
- never a span the actors component already took (it runs first), and never an actor's alias.

Each mention is resolved by ``Geocoder.resolve`` against the packaged gazetteer (loaded once per process),
with the country of the report's country-code domain as context ("thesun.co.uk": GB, ``host_prior``) and,
when the caller gives one (``draft.context.outlet_profile``: ingest builds it from the stored places of the
outlet's other reports, ``service.outlet_profile``), the outlet's profile, so a local paper's "Richmond"
is read in its own county; the two are passed in the order ``rashomon eval geocode`` passes them;
GPE/LOC mentions it cannot resolve stay as text without coordinates; unresolved FAC mentions and
unresolved scanned names are dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rashomon.extract.base import Draft
from rashomon.extract.gazetteer import load_gazetteer
from rashomon.extract.geocode import (
    SCAN_KINDS,
    SCAN_MIN_POPULATION,
    TYPE_SUFFIXES,
    Geocoder,
    clean_surface,
    host_prior,
    scan_place_names,
)
from rashomon.model import Place
from rashomon.model.ids import mention_id

if TYPE_CHECKING:
    from spacy.language import Language

MENTION_KIND = "pl"  # "<report>:pl:<start>-<end>"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose unresolved mentions are kept as text (a FAC the gazetteer lacks is usually a building).
KEEP_UNRESOLVED = frozenset({"GPE", "LOC"})
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:al|Al|el|El|ad|ar|as|ash|at|az|an)[-‐]|\b(?:Al|El) )$")
_TYPE_AFTER = re.compile(r"^ (" + "|".join(sorted(TYPE_SUFFIXES, key=len, reverse=True)) + r")\b", re.I)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around|across|toward|towards|from|into|of)\s+(?:the\s+)?$")


class PlaceComponent:
    name = "rashomon.places.v1"
    requires: tuple[str, ...] = ("doc",)  # reads draft.actors when the actors component ran before
    assigns: tuple[str, ...] = ("places",)

    def __init__(self, geocoder: Geocoder | None = None) -> None:
        self._geocoder = geocoder

    @property
    def geocoder(self) -> Geocoder:
        if self._geocoder is None:
            self._geocoder = Geocoder(load_gazetteer())
        return self._geocoder

    def configure_nlp(self, nlp: Language) -> None:
        return None

    def __call__(self, draft: Draft) -> None:
        text = draft.report.text
        actor_spans = [(a.span.start, a.span.end) for a in draft.actors]
        mentions: dict[tuple[int, int], str] = {}
        for ent in draft.doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            if _overlaps(ent.start_char, ent.end_char, actor_spans):
                continue
            ent_start, ent_end = ent.start_char, trim_end(text, ent.start_char, ent.end_char)
            start, end = widen(text, ent_start, ent_end)
            if _overlaps(start, end, actor_spans):
                start, end = ent_start, ent_end
            if _overlaps(start, end, list(mentions)):
                continue
            mentions[(start, end)] = ent.label_
        gazetteer = self.geocoder.gazetteer
        for start, end in scan_place_names(text, gazetteer, skip=[*actor_spans, *mentions]):
            start, end = widen(text, start, trim_end(text, start, end))
            if _overlaps(start, end, [*actor_spans, *mentions]):
                continue
            if self._plausible(text, start, end):
                mentions[(start, end)] = "SCAN"
        spans = sorted(mentions)
        domain = host_prior(urlsplit(draft.report.url or "").hostname or "")
        priors = [p for p in (domain, draft.context.outlet_profile) if p is not None]
        for (start, end), found in zip(spans, self.geocoder.resolve(text, spans, priors=priors), strict=True):
            label = mentions[(start, end)]
            entry = found.entry
            if entry is None and label not in KEEP_UNRESOLVED:
                continue
            draft.places.append(
                Place(
                    id=mention_id(draft.report.id, MENTION_KIND, start, end),
                    span=draft.span(start, end),
                    name=entry.name if entry else clean_surface(text[start:end])[0],
                    lat=round(entry.lat, 5) if entry else None,
                    lon=round(entry.lon, 5) if entry else None,
                    precision=entry.precision if entry else None,
                    country_code=entry.cc or None if entry else None,
                    admin1=self._admin1_name(entry.adm1, entry.kind) if entry else None,
                    gazetteer_id=entry.gid if entry else None,
                )
            )

    def _plausible(self, text: str, start: int, end: int) -> bool:
        """A scanned name is kept when the text marks it as a place or a reading is likely a place."""
        surface = text[start:end]
        cleaned, hint = clean_surface(surface)
        if hint is not None or cleaned != surface or _ARTICLE_BEFORE.search(text[max(0, start - 4) : start]):
            return True
        if _LOCATIVE_BEFORE.search(text[max(0, start - 16) : start]):
            return True
        candidates = self.geocoder.gazetteer.candidates(cleaned, fuzzy=False)
        return any(c.entry.kind in SCAN_KINDS or c.entry.population >= SCAN_MIN_POPULATION for c in candidates)

    def _admin1_name(self, code: str, kind: str) -> str | None:
        if not code or kind in ("country", "region"):
            return None
        entry = self.geocoder.gazetteer.adm1_entry(code)
        return entry.name if entry else None


def trim_end(text: str, start: int, end: int) -> int:
    """End of an entity span without the sentence's closing punctuation, which spaCy's tokenizer leaves on the
    last word of a text ("in Duhok."); an abbreviation's full stop stays ("U.S.", "Washington, D.C.")."""
    while end - start > 1 and text[end - 1] in ",;:!?":
        end -= 1
    if end - start > 1 and text[end - 1] == "." and text[end - 2].islower():
        end -= 1
    return end


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in an Arabic article just before the span and a type word just after it."""
    before = _ARTICLE_BEFORE.search(text[max(0, start - 4) : start])
    if before:
        start -= len(before.group(0))
    after = _TYPE_AFTER.match(text[end : end + 20])
    if after:
        end += len(after.group(0))
    return start, end


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)
