"""The actor knowledge base: data validity, coverage, exact and fuzzy lookup, affiliation chains."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rashomon.errors import NotFound, PipelineError
from rashomon.extract.actor_kb import (
    FUZZY_THRESHOLD,
    ActorKB,
    load_kb,
    normalize_name,
    packaged_data_dir,
    read_rows,
    validate,
)
from rashomon.model import Relation, Sector

HEADER = "id\tname\tkind\tsector\tcountry\taliases\tedges\n"

# Spelling variants news text uses that appear nowhere in the data, each with the actor it must find.
# FUZZY_THRESHOLD in actor_kb.py is calibrated on these and on FUZZY_DISTRACTORS.
FUZZY_VARIANTS = {
    "Kata'eb Sayed al-Shohada": "kss",
    "Kataib Sayyed al Shuhadaa": "kss",
    "Katai'b Sayid al-Shuhada": "kss",
    "Hizbulla": "hezbollah",
    "Hezbollah al-Nujabaa": "nujaba",
    "Abu Alaa al-Walaei": "abu_ala_al_walai",
    "Abu Ala al-Wilayi": "abu_ala_al_walai",
    "Qassem Sulaimani": "qassem_soleimani",
    "Hayat Tahrir al Shaam": "hts",
    "Jabhat al-Nosra": "nusra",
    "Tehreek-i-Taliban Pakistan": "ttp",
    "Harakat al-Shabaab al Mujahidin": "al_shabaab",
    "Abu Mahdi al-Mohandis": "muhandis",
    "Islamic Revolutionary Guards Corp": "irgc",
    "Syrian Obsevatory for Human Rights": "sohr",
    "Jaish al-Adel": "jaish_adl",
    "Kataeb Hezbollah": "kh",
    "Hossein Ghomi": "hossein_qomi",
    "Asa'eb Ahl al-Haq": "aah",
    "Qasem Soleymani": "qassem_soleimani",
}
# Real organisations and people the knowledge base does not hold, some close in spelling to ones it does.
FUZZY_DISTRACTORS = (
    "Islamic Relief",
    "Revolutionary Guard of Honour",
    "Islamic Society of North America",
    "National Rifle Association",
    "Syrian Orthodox Church",
    "Popular Front",
    "Iraqi Communist Party",
    "Kurdish Red Crescent",
    "Hassan Rouhani's brother",
    "Abu Bakr Siddiq",
    "Ali Hassan",
    "Hussein Ali",
    "Mohammed Ali",
    "Ahmed Hassan",
    "Royal Navy",
    "Free Patriotic Movement",
    "Future Movement",
    "Arab Socialist Ba'ath Party",
    "Baath Party",
    "Ministry of Health",
    "Islamic Jihad Union",
    "Army of Conquest",
    "Jaish al-Fatah",
    "al-Qaeda in Iraq's successor",
    "Human Rights Council of Iraq",
    "Syrian Network for Peace",
    "Iraqi National Alliance",
    "New York Police Department",
    "Hezbollah al-Hejaz",
    "Ashab al-Kahf",
    "Kataib Sabreen",
    "Ali Khamenei's son",
    "United Nations Foundation",
    "Red Cross Australia",
    "Muslim Brotherhood",
    "Ahrar al-Jalil",
    "Sham Legion",
    "Jaysh al-Ahrar",
    "Asaib Ahl al-Kahf",
    "Mohammed bin Zayed",
)


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def write_kb(tmp_path: Path, *lines: str) -> Path:
    (tmp_path / "test.tsv").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------------- validity


def test_packaged_data_passes_validation() -> None:
    rows = list(read_rows(packaged_data_dir()))
    assert validate(rows) == []
    ids = [row.actor_id for row in rows]
    assert len(ids) == len(set(ids))


def test_every_edge_points_at_an_existing_actor(kb: ActorKB) -> None:
    for actor in kb.all():
        for edge in actor.affiliations:
            assert edge.actor_id in kb, f"{actor.id} {edge.relation} {edge.actor_id}"
            assert edge.name == kb.get(edge.actor_id).name


def test_no_alias_names_two_actors_unless_marked_ambiguous(kb: ActorKB) -> None:
    claims: dict[str, set[str]] = {}
    for entry in kb.alias_entries():
        if not entry.ambiguous:
            claims.setdefault(normalize_name(entry.text), set()).add(entry.actor_id)
    shared = {key: ids for key, ids in claims.items() if len(ids) > 1}
    assert shared == {}


def test_unmarked_shared_alias_is_rejected_with_the_fix(tmp_path: Path) -> None:
    path = write_kb(
        tmp_path,
        "a\tAlpha Brigade\tORG\trebel_or_militia\tIQ\tAB\t-",
        "b\tAlpha Battalion\tORG\trebel_or_militia\tIQ\tA.B.\t-",
    )
    with pytest.raises(PipelineError, match=r"alias key 'ab' names \['a', 'b'\]; mark it ambiguous with '~'"):
        load_kb(path)


def test_marked_shared_alias_loads_and_lookup_refuses_to_choose(tmp_path: Path) -> None:
    path = write_kb(
        tmp_path,
        "a\tAlpha Brigade\tORG\trebel_or_militia\tIQ\t~AB\t-",
        "b\tAlpha Battalion\tORG\trebel_or_militia\tIQ\t~A.B.\t-",
    )
    kb = load_kb(path)
    assert kb.lookup("AB") is None
    assert [a.id for a in kb.candidates("A.B.")] == ["a", "b"]


def test_dangling_edge_duplicate_id_and_bad_values_are_rejected(tmp_path: Path) -> None:
    path = write_kb(
        tmp_path,
        "a\tAlpha\tORG\tmilitary\tIQ\t-\tpart_of:nowhere",
        "a\tAlpha again\tORG\tmilitary\tIQ\t-\t-",
    )
    with pytest.raises(PipelineError) as error:
        load_kb(path)
    assert "a part_of 'nowhere', which is not an id" in str(error.value)
    assert "id 'a' already defined at test.tsv:2" in str(error.value)
    with pytest.raises(PipelineError, match="sector 'army' is not one of"):
        load_kb(write_kb(tmp_path, "c\tC\tORG\tarmy\tIQ\t-\t-"))
    with pytest.raises(PipelineError, match="unknown relation 'owns'"):
        load_kb(write_kb(tmp_path, "c\tC\tORG\tmilitary\tIQ\t-\towns:c"))
    with pytest.raises(PipelineError, match="alias 'AB' is listed both with and without '~'"):
        load_kb(write_kb(tmp_path, "c\tC\tORG\tmilitary\tIQ\tAB|~AB\t-"))
    with pytest.raises(PipelineError, match="expected 7 tab-separated columns"):
        load_kb(write_kb(tmp_path, "c\tC\tORG"))


def test_canonical_name_marked_ambiguous_is_not_an_unambiguous_alias(tmp_path: Path) -> None:
    kb = load_kb(write_kb(tmp_path, "r\tReprieve\tORG\tcivilian\tGB\t~Reprieve|legal charity Reprieve\t-"))
    assert [(e.text, e.ambiguous) for e in kb.alias_entries()] == [("Reprieve", True), ("legal charity Reprieve", False)]
    assert kb.lookup("Reprieve", strict=True) is None


def test_packaged_kb_is_loaded_once(kb: ActorKB) -> None:
    assert load_kb() is kb


def test_get_unknown_id_names_the_fix(kb: ActorKB) -> None:
    with pytest.raises(NotFound, match="'no_such_actor' is not in the knowledge base"):
        kb.get("no_such_actor")


# ---------------------------------------------------------------------- coverage


@pytest.mark.parametrize(
    ("country", "minimum"),
    [
        ("IQ", 60),
        ("SY", 50),
        ("YE", 25),
        ("AF", 30),
        ("IL", 20),
        ("PS", 20),
        ("LB", 15),
        ("IR", 40),
        ("UA", 20),
        ("RU", 25),
        ("LY", 20),
        ("SO", 20),
        ("SD", 15),
    ],
)
def test_each_conflict_country_is_covered(kb: ActorKB, country: str, minimum: int) -> None:
    actors = [a for a in kb.all() if a.country == country]
    assert len(actors) >= minimum
    sectors = Counter(a.sector for a in actors)
    assert sectors[Sector.GOVERNMENT] >= 1
    assert sectors[Sector.MILITARY] + sectors[Sector.MILITIA] + sectors[Sector.TERRORIST] >= 3


def test_several_hundred_entries_of_every_kind(kb: ActorKB) -> None:
    kinds = Counter(a.kind for a in kb.all())
    assert len(kb) >= 700
    assert kinds["ORG"] >= 350 and kinds["PERSON"] >= 150 and kinds["OUTLET"] >= 100 and kinds["GPE"] >= 20


@pytest.mark.parametrize(
    ("actor_id", "sector"),
    [
        ("cjtf_oir", Sector.MILITARY),
        ("nato", Sector.INTERNATIONAL),
        ("isaf", Sector.MILITARY),
        ("un", Sector.INTERNATIONAL),
        ("icrc", Sector.INTERNATIONAL),
        ("amnesty", Sector.CIVILIAN),
        ("hrw", Sector.CIVILIAN),
        ("sohr", Sector.CIVILIAN),
        ("airwars", Sector.CIVILIAN),
        ("islamic_state", Sector.TERRORIST),
        ("kss", Sector.MILITIA),
        ("tasnim", Sector.MEDIA),
    ],
)
def test_international_bodies_and_monitors(kb: ActorKB, actor_id: str, sector: Sector) -> None:
    assert kb.get(actor_id).sector is sector


# ---------------------------------------------------------------------- exact lookup


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("I.R.G.C.", "irgc"),
        ("IRGC", "irgc"),
        ("Islamic Revolutionary Guard Corps", "irgc"),
        ("Islamic Revolution Guards Corps", "irgc"),
        ("Sepah", "irgc"),
        ("Pasdaran", "irgc"),
        ("Daesh", "islamic_state"),
        ("ISIS", "islamic_state"),
        ("ISIL", "islamic_state"),
        ("I.S.I.L.", "islamic_state"),
        ("IS", "islamic_state"),
        ("Islamic State", "islamic_state"),
        ("Isis", "islamic_state"),
        ("K.S.S.", "kss"),
        ("KSS", "kss"),
        ("Kata'ib Sayyid al-Shuhada", "kss"),
        ("Kataib Sayyid al-Shuhada", "kss"),
        ("Kataib Sayyid al Shuhada", "kss"),
        ("KATA’IB SAYYID AL-SHUHADA", "kss"),
        ("PMF", "pmf"),
        ("P.M.F.", "pmf"),
        ("Popular Mobilization Forces", "pmf"),
        ("Hashd al-Shaabi", "pmf"),
        ("PMU", "pmf"),
        ("Tasnim News Agency", "tasnim"),
        ("the U.S.-led coalition", "cjtf_oir"),
        ("US-led coalition", "cjtf_oir"),
        ("CJTF-OIR", "cjtf_oir"),
        ("Operation Inherent Resolve", "cjtf_oir"),
        ("the Americans", "us_forces"),
        ("U.S. forces", "us_forces"),
        ("American troops", "us_forces"),
        ("Russian forces", "russia_forces"),
        ("Syrian Army", "saa"),
        ("Iraqi security forces", "isf"),
        ("Israeli military", "idf"),
        ("IDF", "idf"),
        ("Hamas", "hamas"),
        ("Houthis", "houthis"),
        ("Ansar Allah", "houthis"),
        ("al-Shabab", "al_shabaab"),
        ("RSF", "rsf"),
        ("SAF", "saf"),
        ("Wagner", "wagner"),
        ("Amaq", "amaq"),
        ("Al-Masirah", "al_masirah"),
        ("UKMTO", "ukmto"),
        ("U.K. Maritime Trade Operations", "ukmto"),
        ("Salamé", None),
        ("Ghassan Salame", "ghassan_salame"),
        ("Ghassan Salamé", "ghassan_salame"),
    ],
)
def test_lookup_exact_aliases_dotted_and_undotted(kb: ActorKB, text: str, actor_id: str | None) -> None:
    actor = kb.lookup(text)
    assert (actor.id if actor else None) == actor_id


def test_normalisation_ignores_case_dots_apostrophes_diacritics_and_leading_article() -> None:
    assert normalize_name("I.R.G.C.") == normalize_name("irgc") == "irgc"
    assert normalize_name("Kata’ib Sayyid al-Shuhada") == "kataib sayyid al shuhada"
    assert normalize_name("the U.S.-led coalition") == "us led coalition"
    assert normalize_name("Mevlüt Çavuşoğlu") == "mevlut cavusoglu"


def test_strict_lookup_ignores_ambiguous_aliases(kb: ActorKB) -> None:
    assert kb.lookup("Fars").id == "fars"  # one claimant, marked ambiguous: the province shares the name
    assert kb.lookup("Fars", strict=True) is None
    assert kb.lookup("the coalition") is None  # CJTF-OIR, ISAF and the Saudi-led coalition all claim it
    assert {a.id for a in kb.candidates("the coalition")} == {"cjtf_oir", "isaf", "saudi_coalition"}


# ---------------------------------------------------------------------- fuzzy lookup


@pytest.mark.parametrize(("text", "actor_id"), sorted(FUZZY_VARIANTS.items()))
def test_fuzzy_finds_transliteration_variants(kb: ActorKB, text: str, actor_id: str) -> None:
    assert kb.lookup(text) is None or kb.lookup(text).id == actor_id
    actor = kb.fuzzy(text)
    assert actor is not None and actor.id == actor_id


@pytest.mark.parametrize("text", FUZZY_DISTRACTORS)
def test_fuzzy_rejects_distractors(kb: ActorKB, text: str) -> None:
    assert kb.fuzzy(text) is None


def test_fuzzy_threshold_and_short_names(kb: ActorKB) -> None:
    assert 85 < FUZZY_THRESHOLD < 93.3
    assert kb.fuzzy("KSX") is None  # too short for one edit to be a spelling variant
    assert kb.fuzzy("Khamenei") is not None and kb.fuzzy("Khamenei").id == "ali_khamenei"


# ---------------------------------------------------------------------- affiliations


def edges(kb: ActorKB, actor_id: str) -> set[tuple[str, str]]:
    return {(e.relation.value, e.actor_id) for e in kb.affiliations(actor_id)}


@pytest.mark.parametrize(
    ("actor_id", "relation", "target"),
    [
        ("kss", Relation.PART_OF, "pmf"),
        ("kss", Relation.BACKED_BY, "irgc"),
        ("kss", Relation.LED_BY, "abu_ala_al_walai"),
        ("abu_ala_al_walai", Relation.AFFILIATED_WITH, "kss"),
        ("tasnim", Relation.AFFILIATED_WITH, "irgc"),
        ("fars", Relation.AFFILIATED_WITH, "irgc"),
        ("amaq", Relation.PART_OF, "islamic_state"),
        ("al_masirah", Relation.AFFILIATED_WITH, "houthis"),
        ("ryan_dillon", Relation.AFFILIATED_WITH, "cjtf_oir"),
        ("haider_abadi", Relation.AFFILIATED_WITH, "gov_iraq"),
        ("cjtf_oir", Relation.LED_BY, "us_forces"),
        ("qassem_soleimani", Relation.AFFILIATED_WITH, "irgc_qf"),
        ("irgc_qf", Relation.PART_OF, "irgc"),
        ("hezbollah", Relation.LED_BY, "hassan_nasrallah"),
        ("hossein_qomi", Relation.AFFILIATED_WITH, "irgc"),
        ("isaf", Relation.PART_OF, "nato"),
        ("unami", Relation.PART_OF, "un"),
        ("rsf", Relation.LED_BY, "hemedti"),
    ],
)
def test_affiliation_edges(kb: ActorKB, actor_id: str, relation: Relation, target: str) -> None:
    assert (relation.value, target) in edges(kb, actor_id)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("kss", "tasnim", True),  # both lead to the IRGC
        ("abu_ala_al_walai", "tasnim", True),
        ("kss", "kh", True),  # Quds Force is part of the IRGC
        ("ryan_dillon", "us_forces", True),
        ("cjtf_oir", "pentagon", True),
        ("amaq", "islamic_state", True),
        ("kss", "kss", True),
        ("kss", "cjtf_oir", False),
        ("kss", "islamic_state", False),
        ("haider_abadi", "kss", False),
        ("tasnim", "reuters", False),
        ("ryan_dillon", "amaq", False),
    ],
)
def test_related_follows_chains_for_source_independence(kb: ActorKB, a: str, b: str, expected: bool) -> None:
    assert kb.related(a, b) is expected
    assert kb.related(b, a) is expected


def test_closure_and_unknown_ids(kb: ActorKB) -> None:
    assert {"kss", "pmf", "irgc", "iran_armed_forces", "gov_iran"} <= kb.closure("kss")
    with pytest.raises(NotFound):
        kb.related("kss", "nobody")


@pytest.mark.parametrize(
    ("acled_name", "actor_id"),
    [
        ("Military Forces of Afghanistan (2014-)", "ana"),
        ("Police Forces of Afghanistan (2014-)", "anp"),
        ("Military Forces of Iraq (2014-2022)", "iraqi_army"),
        ("Military Forces of United States", "us_forces"),
        ("Islamic State (Afghanistan)", "iskp"),
        ("NATO: North Atlantic Treaty Organization", "nato"),
        ("Taliban", "taliban"),
    ],
)
def test_acled_actor_names(kb: ActorKB, acled_name: str, actor_id: str | None) -> None:
    actor = kb.lookup(acled_name)
    assert (actor.id if actor else None) == actor_id
