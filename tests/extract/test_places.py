"""Places component: mentions (NER and gazetteer-scanned), exact offsets, actors skipped, the seed article."""

from __future__ import annotations

from datetime import datetime

import pytest

from rashomon.extract import Pipeline, build_pipeline
from rashomon.extract.geocode import haversine_km
from rashomon.extract.places import trim_end, widen
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Analysis, PlacePrecision
from support.paths import SEED_ARTICLE

# Independent reference points for the seed's places (not the curated table's own row for At Tanf):
TANF = (33.48834, 38.65697)  # GeoNames 172344 / Who's On First 1293283047 "At Tanf"
AKASHAT = (33.66667, 39.96667)  # Wikipedia (ru) "Акашат" infobox, 33°40′N 39°58′E


@pytest.fixture(scope="module")
def places_pipeline() -> Pipeline:
    return build_pipeline(("rashomon.actors.v1", "rashomon.times.v1", "rashomon.places.v1"))


def _analyze(pipeline: Pipeline, text: str) -> Analysis:
    return pipeline.analyze(make_report(text, published=datetime(2017, 8, 9)))


def test_widen_takes_articles_and_type_words() -> None:
    text = "near the al-Akashat region and Anbar Province"
    start = text.index("Akashat")
    assert widen(text, start, start + len("Akashat")) == (9, 26)
    assert text[9:26] == "al-Akashat region"
    start = text.index("Anbar")
    assert text[slice(*widen(text, start, start + 5))] == "Anbar Province"


def test_trim_end_drops_closing_punctuation_but_not_an_abbreviation() -> None:
    text = "fighting in Duhok. Aid reached Washington, D.C. and the U.S."
    start = text.index("Duhok")
    assert text[start : trim_end(text, start, start + len("Duhok."))] == "Duhok"
    start = text.index("D.C.")
    assert text[start : trim_end(text, start, start + 4)] == "D.C."
    start = text.index("U.S.")
    assert text[start : trim_end(text, start, len(text))] == "U.S."


def test_a_place_at_the_end_of_the_text_leaves_out_the_full_stop(places_pipeline: Pipeline) -> None:
    text = "Kurdistan24 reported fighting in Duhok."
    analysis = _analyze(places_pipeline, text)
    start = text.index("Duhok")
    assert [(p.span.start, p.span.end, p.span.text) for p in analysis.places] == [(start, start + 5, "Duhok")]


def test_an_english_preposition_is_no_arabic_article(places_pipeline: Pipeline) -> None:
    # "at", "as", "an" before a name are articles only where the name is spelt so ("At Tanf")
    text = "Islamic State claims attack on a militia at Syrian border. Troops near at Tanf were moved."
    spans = [p.span.text for p in _analyze(places_pipeline, text).places]
    assert "at Syrian" not in spans and "Syrian" in spans
    assert "at Tanf" in spans


def test_seed_places_within_25_km(places_pipeline: Pipeline) -> None:
    analysis = _analyze(places_pipeline, SEED_ARTICLE.read_text(encoding="utf-8")) if SEED_ARTICLE.exists() else None
    if analysis is None:
        pytest.skip("seed article is absent (../shared)")
    tanf = [p for p in analysis.places if "Tanf" in p.span.text]
    akashat = [p for p in analysis.places if "Akashat" in p.span.text]
    assert tanf and akashat
    for place in tanf:
        assert place.country_code == "SY" and haversine_km(place.lat, place.lon, *TANF) < 25
    for place in akashat:
        assert place.country_code == "IQ" and place.admin1 == "Al Anbar"
        assert haversine_km(place.lat, place.lon, *AKASHAT) < 25
    anbar = [p for p in analysis.places if p.span.text == "Anbar Province"]
    assert anbar and all(p.precision == PlacePrecision.PROVINCE and p.country_code == "IQ" for p in anbar)


def test_offsets_are_exact_and_spans_carry_the_text(places_pipeline: Pipeline) -> None:
    text = "Fighters were hit in the border area across the al-Akashat region in Anbar Province, Iraq."
    analysis = _analyze(places_pipeline, text)
    spans = {(p.span.start, p.span.end, p.span.text) for p in analysis.places}
    start = text.index("al-Akashat region")
    assert (start, start + len("al-Akashat region"), "al-Akashat region") in spans
    start = text.index("Anbar Province")
    assert (start, start + len("Anbar Province"), "Anbar Province") in spans
    for place in analysis.places:
        assert text[place.span.start : place.span.end] == place.span.text
        assert place.id.endswith(f":pl:{place.span.start}-{place.span.end}")


def test_ambiguous_name_resolved_by_the_report_country(places_pipeline: Pipeline) -> None:
    libya = _analyze(places_pipeline, "Rival militias fought in Tripoli and Misrata, in western Libya, on Sunday.")
    lebanon = _analyze(places_pipeline, "Clashes in Tripoli, in northern Lebanon, left two dead, officials in Beirut said.")
    assert [p.country_code for p in libya.places if p.span.text == "Tripoli"] == ["LY"]
    assert [p.country_code for p in lebanon.places if p.span.text == "Tripoli"] == ["LB"]


def test_actor_spans_are_not_places(places_pipeline: Pipeline) -> None:
    text = "Iraq's Popular Mobilization Forces said the Islamic State attacked Ramadi."
    analysis = _analyze(places_pipeline, text)
    actor_spans = [(a.span.start, a.span.end) for a in analysis.actors]
    for place in analysis.places:
        assert not any(a < place.span.end and place.span.start < b for a, b in actor_spans)
    assert [(p.name, p.country_code) for p in analysis.places if p.span.text == "Ramadi"] == [("Ramadi", "IQ")]


def test_sentence_initial_words_are_not_places(places_pipeline: Pipeline) -> None:
    analysis = _analyze(places_pipeline, "No strikes took place. Much of the town was empty, residents of Mosul said.")
    assert [p.span.text for p in analysis.places] == ["Mosul"]


def test_report_domain_country_is_context(places_pipeline: Pipeline) -> None:
    """A Canadian paper's "London" is London, Ontario; the same text without a URL reads London, England."""
    text = "Police in London said the fire started overnight."
    plain = places_pipeline.analyze(make_report(text, published=datetime(2017, 8, 9)))
    canadian = places_pipeline.analyze(make_report(text, published=datetime(2017, 8, 9), url="https://lfpress.ca/news/1"))
    [england] = [p for p in plain.places if p.span.text == "London"]
    [ontario] = [p for p in canadian.places if p.span.text == "London"]
    assert (england.country_code, ontario.country_code) == ("GB", "CA")
    assert ontario.admin1 == "Ontario"
