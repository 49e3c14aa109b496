"""The packaged gazetteer: name keys, transliteration variants, curated sites, and context disambiguation."""

from __future__ import annotations

import pytest

from rashomon.extract.gazetteer import ATTRIBUTION, Gazetteer, bare_key, load_gazetteer, name_key, skeleton_key
from rashomon.extract.geocode import Geocoder, clean_surface, haversine_km
from rashomon.model import PlacePrecision
from support.scripts import load_script


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def geocoder(gazetteer: Gazetteer) -> Geocoder:
    return Geocoder(gazetteer)


def test_name_keys() -> None:
    assert name_key("Al-Qā’im") == "al qaim"
    assert name_key("Qa'im") == "qaim"
    assert bare_key(name_key("al-Tanf")) == "tanf" == bare_key(name_key("At Tanf"))
    assert bare_key(name_key("Deir ez-Zor")) == "deir zor"
    assert skeleton_key("fallujah") == skeleton_key("faluja") == "flg"
    assert skeleton_key("deir ez zor") == skeleton_key("dayr az zawr")


def test_clean_surface_splits_type_words() -> None:
    assert clean_surface("Anbar Province") == ("Anbar", "adm1")
    assert clean_surface("the al-Akashat region") == ("al-Akashat", None)
    assert clean_surface("Province of Kandahar") == ("Kandahar", "adm1")
    assert clean_surface("Iraq’s") == ("Iraq", None)


@pytest.mark.parametrize(
    ("surface", "gid_or_name", "cc"),
    [
        ("al-Tanf", "curated:tanf_garrison", "SY"),
        ("Al Tanf", "curated:tanf_garrison", "SY"),
        ("al-Akashat", "curated:akashat", "IQ"),
        ("Akashat", "curated:akashat", "IQ"),
        ("Fallujah", "Al Fallūjah", "IQ"),
        ("Falluja", "Al Fallūjah", "IQ"),
        ("Ramadie", "Ramadi", "IQ"),
        ("Qa'im", "Al Qā’im", "IQ"),
    ],
)
def test_transliteration_variants_find_the_place(geocoder: Geocoder, surface: str, gid_or_name: str, cc: str) -> None:
    text = f"Fighting was reported in {surface}, in Iraq's Anbar province near the Syrian border."
    start = text.index(surface)
    [found] = geocoder.resolve(text, [(start, start + len(surface))])
    assert found.entry is not None
    assert gid_or_name in (found.entry.gid, found.entry.name)
    assert found.entry.cc == cc


def test_curated_rows_keep_their_source(gazetteer: Gazetteer) -> None:
    [akashat] = [c.entry for c in gazetteer.candidates("Akashat")]
    assert akashat.gid == "curated:akashat" and "Wikipedia" in akashat.source
    assert haversine_km(akashat.lat, akashat.lon, 33.6667, 39.9667) < 1


def _resolve_one(geocoder: Geocoder, text: str, surface: str) -> tuple[str, str, str]:
    start = text.index(surface)
    spans = [(start, start + len(surface))]
    [found] = geocoder.resolve(text, spans, context=_others(geocoder, text, spans))
    assert found.entry is not None
    return found.entry.name, found.entry.cc, found.entry.kind


def _others(geocoder: Geocoder, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    from rashomon.extract.geocode import scan_place_names

    return [s for s in scan_place_names(text, geocoder.gazetteer) if s not in spans]


def test_tripoli_in_a_libya_report_and_in_a_lebanon_report(geocoder: Geocoder) -> None:
    libya = "Militias clashed in Tripoli on Sunday. The fighting spread from Misrata and Benghazi, Libya's second city."
    lebanon = "Gunmen clashed in Tripoli overnight, Lebanese officials in Beirut said, near the Syrian border in Akkar."
    assert _resolve_one(geocoder, libya, "Tripoli")[1] == "LY"
    assert _resolve_one(geocoder, lebanon, "Tripoli")[1] == "LB"


def test_hama_in_a_syria_report(geocoder: Geocoder) -> None:
    text = "Government forces shelled villages north of Hama, near Idlib and Aleppo, Syrian activists said."
    _, cc, kind = _resolve_one(geocoder, text, "Hama")
    assert cc == "SY" and kind in ("town", "adm1")


def test_al_qaim_in_anbar_not_yemen(geocoder: Geocoder) -> None:
    text = "Iraqi troops entered Al Qaim, the last town held by the group in Anbar, near Rawa and the Syrian border."
    assert _resolve_one(geocoder, text, "Al Qaim")[:2] == ("Al Qā’im", "IQ")


def test_explicit_admin_after_the_name_decides(geocoder: Geocoder) -> None:
    text = "A man from Alexandria, La., was arrested."
    name, cc, _ = _resolve_one(geocoder, text, "Alexandria")
    found = geocoder.resolve(text, [(11, 21)])[0].entry
    assert (name, cc, found.adm1 if found else None) == ("Alexandria", "US", "US.LA")
    text = "Thousands marched in Alexandria on Friday."
    assert _resolve_one(geocoder, text, "Alexandria")[1] == "EG"


@pytest.mark.parametrize(
    ("text", "surface", "precision"),
    [
        ("He returned to Iraq.", "Iraq", PlacePrecision.COUNTRY),
        ("Clashes in Anbar Province.", "Anbar Province", PlacePrecision.PROVINCE),
        ("Clashes in Mosul, Iraq.", "Mosul", PlacePrecision.TOWN),
        ("US troops near al-Tanf in southern Syria.", "al-Tanf", PlacePrecision.SITE),
        ("Tension rose across the Middle East.", "Middle East", PlacePrecision.REGION),
        ("Airstrikes hit Rapides Parish, Louisiana.", "Rapides Parish", PlacePrecision.DISTRICT),
    ],
)
def test_precision_levels(geocoder: Geocoder, text: str, surface: str, precision: PlacePrecision) -> None:
    start = text.index(surface)
    [found] = geocoder.resolve(text, [(start, start + len(surface))])
    assert found.entry is not None and found.entry.precision == precision


def test_unknown_name_has_no_reading_unless_fallback(geocoder: Geocoder) -> None:
    text = "Police closed Zqxvbr Street in Baghdad."
    spans = [(14, 27), (31, 38)]
    strict = geocoder.resolve(text, spans)
    assert strict[0].entry is None and strict[1].entry is not None and strict[1].entry.cc == "IQ"
    loose = geocoder.resolve(text, spans, fallback=True)
    assert loose[0].method == "context" and loose[0].entry == strict[1].entry


def test_attribution_names_all_sources() -> None:
    assert all(source in ATTRIBUTION for source in ("Who's On First", "GeoNames", "Natural Earth"))


def test_place_named_inside_an_unknown_name(geocoder: Geocoder) -> None:
    text = "The horse won the Dubai World Cup at Meydan."
    [found] = geocoder.resolve(text, [(18, 33)], fallback=True)
    assert (found.method, found.entry.name if found.entry else None, found.entry.cc if found.entry else None) == (
        "contained",
        "Dubai",
        "AE",
    )
    street = "He lives on Frenchmen Street in New Orleans."
    first = geocoder.resolve(street, [(12, 28), (32, 43)], fallback=True)[0]
    assert first.method == "context" and first.entry is not None and first.entry.name == "New Orleans"


def test_skeleton_reading_needs_its_country_in_the_report(geocoder: Geocoder) -> None:
    iraq = "Troops advanced from Faloojah towards Ramadi and Baghdad, Iraqi officials said."
    us = "The county board met in Oconee and Athens, Georgia, on Tuesday."
    [found] = geocoder.resolve(iraq, [(21, 29)], context=[(38, 44), (49, 56)])
    assert found.entry is not None and found.entry.name == "Al Fallūjah"
    [found] = geocoder.resolve(us, [(24, 30)], context=[(35, 41), (43, 50)])
    assert found.entry is None  # "Oconee" ~ "Okny" (Ukraine) is not guessed


def test_build_script_helpers() -> None:
    build = load_script("build_gazetteer")
    assert build.keep_name("Al Fallūjah") and build.keep_name("الفلوجة", allow_arabic=True)
    assert not build.keep_name("الفلوجة") and not build.keep_name("LAX") and not build.keep_name("astnfrd  kntaky")
    area, lon, lat = build._ring_area_centroid([(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)])
    assert (area, lon, lat) == (4.0, 1.0, 1.0)
    # a ring crossing the antimeridian is unwrapped before its centroid is taken
    _, lon, _ = build._ring_area_centroid([(179.0, 0.0), (-179.0, 0.0), (-179.0, 2.0), (179.0, 2.0)])
    assert abs(abs(lon) - 180.0) < 1e-9
