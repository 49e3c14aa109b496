"""The actors component: EntityRuler tagging, fuzzy matching, unknown actors, roles, offsets, the seed article."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from rashomon.extract import Pipeline, build_pipeline
from rashomon.extract.actors import RULER_NAME, case_variants, surface_variants
from rashomon.ingest.fingerprint import make_report
from rashomon.model import ActorMention, Analysis, Sector
from support.paths import shared_path


@pytest.fixture(scope="module")
def actors_pipeline() -> Pipeline:
    """spaCy plus the actors component only, so these tests do not depend on later components."""
    return build_pipeline(("rashomon.actors.v1",))


@pytest.fixture(scope="module")
def run(actors_pipeline: Pipeline) -> Callable[[str], Analysis]:
    def analyze(text: str) -> Analysis:
        return actors_pipeline.analyze(make_report(text, published=datetime(2017, 8, 9)))

    return analyze


def found(analysis: Analysis) -> list[tuple[str, str | None]]:
    return [(m.span.text, m.actor_id) for m in analysis.actors]


def mention(analysis: Analysis, text: str, occurrence: int = 0) -> ActorMention:
    start = -1
    for _ in range(occurrence + 1):
        start = analysis.report.text.index(text, start + 1)
    matches = [m for m in analysis.actors if m.span.start == start and m.span.end == start + len(text)]
    assert matches, f"no actor mention at {start}-{start + len(text)} {text!r}; got {found(analysis)}"
    return matches[0]


# ---------------------------------------------------------------------- pattern helpers


def test_surface_variants_dot_and_undot_acronyms() -> None:
    assert surface_variants("IRGC") == ("IRGC", "I.R.G.C.")
    assert surface_variants("K.S.S.") == ("K.S.S.", "KSS")
    assert surface_variants("U.S.-led coalition") == ("U.S.-led coalition", "US-led coalition")
    assert surface_variants("US forces") == ("US forces", "U.S. forces")


def test_case_variants_keep_acronyms_exact_and_prose_out() -> None:
    assert case_variants("IS") == ("IS",)
    assert "Iraqi security forces" in case_variants("Iraqi Security Forces")
    assert "Popular Mobilization forces" in case_variants("Popular Mobilization Forces")
    assert "Al-Shabab" in case_variants("al-Shabab")
    assert "HAMAS" in case_variants("Hamas")
    assert not {"peace now", "Peace now"} & set(case_variants("Peace Now"))
    assert "the economist" not in case_variants("the Economist")


def test_ruler_sits_before_ner(actors_pipeline: Pipeline) -> None:
    names = actors_pipeline.nlp.pipe_names
    assert names.index(RULER_NAME) == names.index("ner") - 1


# ---------------------------------------------------------------------- aliases and acronyms


@pytest.mark.parametrize(
    ("text", "surface", "actor_id"),
    [
        ("The I.R.G.C. said its commander was killed.", "I.R.G.C.", "irgc"),
        ("The IRGC said its commander was killed.", "IRGC", "irgc"),
        ("Officers of the Islamic Revolution Guards Corps were killed.", "Islamic Revolution Guards Corps", "irgc"),
        ("Daesh fighters attacked the checkpoint.", "Daesh", "islamic_state"),
        ("ISIL militants attacked the checkpoint.", "ISIL militants", "islamic_state"),
        ("The Isis fighters surrendered.", "Isis fighters", "islamic_state"),
        ("Fighters of K.S.S. were hit.", "K.S.S.", "kss"),
        ("Fighters of KSS were hit.", "KSS", "kss"),
        ("The P.M.F. entered the town.", "P.M.F.", "pmf"),
        ("The PMF entered the town.", "PMF", "pmf"),
        ("Units of Hashd al-Shaabi entered the town.", "Hashd al-Shaabi", "pmf"),
        ("They blamed the U.S.-led coalition for the strike.", "U.S.-led coalition", "cjtf_oir"),
        ("They blamed the US-led coalition for the strike.", "US-led coalition", "cjtf_oir"),
        ("The town was bombarded by the Americans.", "Americans", "us_forces"),
        ("U.S. forces withdrew from the base.", "U.S. forces", "us_forces"),
        ("The Israeli military said it struck Gaza.", "Israeli military", "idf"),
        ("The Houthis fired a missile at Riyadh.", "Houthis", "houthis"),
        ("Ansar Allah fired a missile at Riyadh.", "Ansar Allah", "houthis"),
        ("Al-Shabab attacked a base in Lower Shabelle.", "Al-Shabab", "al_shabaab"),
        ("The RSF attacked El Fasher while the SAF shelled Omdurman.", "RSF", "rsf"),
        ("The RSF attacked El Fasher while the SAF shelled Omdurman.", "SAF", "saf"),
        ("Wagner mercenaries were seen near Bakhmut.", "Wagner mercenaries", "wagner"),
    ],
)
def test_aliases_and_acronyms_dotted_and_undotted(run: Callable[[str], Analysis], text: str, surface: str, actor_id: str) -> None:
    analysis = run(text)
    found_mention = mention(analysis, surface)
    assert found_mention.actor_id == actor_id
    assert found_mention.name == analysis.actors[0].name if len(analysis.actors) == 1 else True


def test_lower_case_words_are_not_acronyms(run: Callable[[str], Analysis]) -> None:
    analysis = run("The situation is calm and the saf rule is new; peace now, said the economist.")
    assert found(analysis) == []


def test_canonical_name_kind_and_sector(run: Callable[[str], Analysis]) -> None:
    analysis = run("The I.R.G.C.-affiliated Tasnim News Agency quoted the K.S.S. statement.")
    irgc = mention(analysis, "I.R.G.C.")
    assert (irgc.name, irgc.kind, irgc.sector) == ("Islamic Revolutionary Guard Corps", "ORG", Sector.MILITARY)
    tasnim = mention(analysis, "Tasnim News Agency")
    assert (tasnim.actor_id, tasnim.kind, tasnim.sector) == ("tasnim", "OUTLET", Sector.MEDIA)
    kss = mention(analysis, "K.S.S.")
    assert (kss.name, kss.sector) == ("Kata'ib Sayyid al-Shuhada", Sector.MILITIA)


# ---------------------------------------------------------------------- fuzzy and unknown actors


def test_fuzzy_transliterations_of_ner_entities(run: Callable[[str], Analysis]) -> None:
    analysis = run("Fighters from Kataib Sayyid al Shuhada said the base was hit.")
    assert mention(analysis, "Kataib Sayyid al Shuhada").actor_id == "kss"
    analysis = run("A commander of Kata'eb Sayed al-Shohada said the base was hit.")
    assert mention(analysis, "Kata'eb Sayed al-Shohada").actor_id == "kss"


def test_unknown_actors_stay_as_text_with_their_ner_type(run: Callable[[str], Analysis]) -> None:
    analysis = run("The Free Patriotic Movement said it would join. John Smith, a spokesman for the group, said talks failed.")
    org = mention(analysis, "Free Patriotic Movement")
    assert (org.actor_id, org.name, org.kind, org.sector) == (None, "Free Patriotic Movement", "ORG", Sector.UNKNOWN)
    person = mention(analysis, "John Smith")
    assert (person.actor_id, person.kind, person.role) == (None, "PERSON", "spokesman for the group")


def test_places_stay_places(run: Callable[[str], Analysis], actors_pipeline: Pipeline) -> None:
    text = "Forces in Syria and Iraq were on alert. The Iraqi army moved to the border. Sanaa was bombed."
    doc = actors_pipeline.nlp(text)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Syria"] == "GPE" and labels["Iraq"] == "GPE"
    assert found(run(text)) == [("Iraqi army", "iraqi_army")]


def test_a_state_is_an_actor_only_when_it_acts(run: Callable[[str], Analysis]) -> None:
    analysis = run("Iran accused the United States of lying.")
    iran = mention(analysis, "Iran")
    assert (iran.actor_id, iran.kind) == ("state_iran", "GPE")
    assert [m.span.text for m in analysis.actors] == ["Iran"]


# ---------------------------------------------------------------------- roles and ambiguity


def test_roles_from_appositions_and_titles(run: Callable[[str], Analysis]) -> None:
    analysis = run(
        "Abu Ala al-Welayi, the secretary-general of K.S.S. said the strike was deliberate. "
        "The Coalition spokesman US Army Col Ryan Dillon tweeted on Tuesday. "
        "Hossein Qomi, a senior I.R.G.C. commander and military strategist, was among the dead."
    )
    assert mention(analysis, "Abu Ala al-Welayi").role == "secretary-general of K.S.S."
    dillon = mention(analysis, "Ryan Dillon")
    assert (dillon.actor_id, dillon.role) == ("ryan_dillon", "Coalition spokesman US Army Col")
    assert mention(analysis, "Hossein Qomi").role == "senior I.R.G.C. commander"


def test_no_role_from_a_list_of_names(run: Callable[[str], Analysis]) -> None:
    analysis = run("Vladimir Putin, Recep Tayyip Erdogan and Hassan Rouhani met in Sochi.")
    assert mention(analysis, "Vladimir Putin").role is None


def test_ambiguous_alias_resolved_by_the_report(run: Callable[[str], Analysis]) -> None:
    us = run("The US-led coalition said it struck targets. The coalition said no civilians died.")
    assert mention(us, "coalition", occurrence=1).actor_id == "cjtf_oir"
    saudi = run("The Saudi-led coalition bombed a market. The coalition said it hit a Houthi camp.")
    assert mention(saudi, "coalition", occurrence=1).actor_id == "saudi_coalition"
    assert found(run("The coalition said no civilians died.")) == []


# ---------------------------------------------------------------------- the seed article


SEED_ACTORS = [
    ("K.S.S.", "kss"),
    ("Kata'ib Sayyid al-Shuhada", "kss"),
    ("Popular Mobilization Forces", "pmf"),
    ("P.M.F.", "pmf"),
    ("Islamic Revolution Guards Corps", "irgc"),
    ("I.R.G.C.", "irgc"),
    ("Tasnim News Agency", "tasnim"),
    ("Islamic State", "islamic_state"),
    ("Daesh", "islamic_state"),
    ("U.S.-led coalition", "cjtf_oir"),
    ("Americans", "us_forces"),
    ("U.S. forces", "us_forces"),
    ("American troops", "us_forces"),
    ("Ryan Dillon", "ryan_dillon"),
    ("Abu Ala al-Welayi", "abu_ala_al_walai"),
    ("Hossein Qomi", "hossein_qomi"),
    ("Ali Khamenei", "ali_khamenei"),
    ("Syrian Army", "saa"),
    ("Russian forces", "russia_forces"),
    ("Iraqi security forces", "isf"),
]


@pytest.fixture(scope="module")
def seed(run: Callable[[str], Analysis]) -> Analysis:
    return run(shared_path("seed", "000_c092c067313caf18.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("surface", "actor_id"), SEED_ACTORS)
def test_seed_article_actors(seed: Analysis, surface: str, actor_id: str) -> None:
    assert mention(seed, surface).actor_id == actor_id


def test_seed_offsets_are_exact(seed: Analysis) -> None:
    text = seed.report.text
    assert seed.actors
    for actor in seed.actors:
        assert actor.span.text == text[actor.span.start : actor.span.end]
        assert actor.id == f"{seed.report.id}:ac:{actor.span.start}-{actor.span.end}"
    irgc_in_tasnim = mention(seed, "I.R.G.C.", occurrence=2)  # inside "I.R.G.C.-affiliated"
    assert text[irgc_in_tasnim.span.end] == "-"
    assert irgc_in_tasnim.actor_id == "irgc"


def test_seed_roles(seed: Analysis) -> None:
    assert mention(seed, "Abu Ala al-Welayi").role == "secretary-general of K.S.S."
    assert mention(seed, "Hossein Qomi").role == "senior I.R.G.C. commander"
    assert mention(seed, "Ali Khamenei").role == "Iran’s Supreme Leader"
    assert mention(seed, "Ryan Dillon").role == "Coalition spokesman US Army Col"
    assert mention(seed, "Welayi", occurrence=1).actor_id == "abu_ala_al_walai"


def test_seed_places_are_not_actors(seed: Analysis) -> None:
    texts = {m.span.text for m in seed.actors}
    assert not {"al-Tanf", "al-Akashat", "Akashat", "Tal Afar", "Mosul", "Iraq", "Syria", "Anbar Province"} & texts


def test_part_of_another_name_is_not_the_known_person(run: Callable[[str], Analysis]) -> None:
    analysis = run("His friends were Abdul Ghani Al-Hamad and Omar bin Laden. President Ghani spoke later.")
    ids = [m.actor_id for m in analysis.actors]
    assert "osama_bin_laden" not in ids
    assert mention(analysis, "Ghani", occurrence=1).actor_id == "ashraf_ghani"
    assert all(m.span.text != "Ghani" or m.span.start > 40 for m in analysis.actors)


def test_shared_acronym_is_not_guessed(run: Callable[[str], Analysis]) -> None:
    analysis = run("The findings were published on Monday, PA reports.")
    assert all(m.actor_id not in {"palestinian_authority", "press_association"} for m in analysis.actors)
    assert found(run("WHO WOULD HAVE THOUGHT IT, he asked on Monday.")) == []
    assert found(run("The W.H.O. said on Monday that cases rose.")) == [("W.H.O.", "who")]


def test_title_inside_a_ner_name_becomes_the_role(run: Callable[[str], Analysis]) -> None:
    analysis = run("Yesterday Gen Joseph Dunford said the US would stay.")
    dunford = mention(analysis, "Joseph Dunford")
    assert (dunford.actor_id, dunford.role) == ("joseph_dunford", "Gen")


def test_a_clause_after_a_comma_is_not_a_role(run: Callable[[str], Analysis]) -> None:
    analysis = run("The chairman of the joint chiefs, Gen Joseph Dunford, said the US would stay.")
    assert mention(analysis, "Joseph Dunford").role == "Gen"
    analysis = run("Hadi al-Amiri, head of the Badr Organization, said so.")
    assert mention(analysis, "Hadi al-Amiri").role == "head of the Badr Organization"
    assert mention(analysis, "Badr Organization").actor_id == "badr"


REGION_SENTENCES = [
    (
        "The Rapid Support Forces shelled El Fasher on Sunday, while the Sudanese army said its aircraft struck RSF "
        "positions. Hemedti denied the claims.",
        {("Rapid Support Forces", "rsf"), ("Sudanese army", "saf"), ("RSF", "rsf"), ("Hemedti", "hemedti")},
    ),
    (
        "Al-Shabaab fighters attacked an AMISOM base near Mogadishu; the Somali National Army repelled them, the "
        "Somali government said.",
        {
            ("Al-Shabaab", "al_shabaab"),
            ("AMISOM", "amisom"),
            ("Somali National Army", "sna_somalia"),
            ("Somali government", "fgs"),
        },
    ),
    (
        "Haftar's Libyan National Army said it downed a Turkish drone over Tripoli, a claim the GNA rejected.",
        {("Haftar's Libyan National Army", "lna"), ("GNA", "gna")},
    ),
    (
        "Ukraine's General Staff said Russian troops shelled Kharkiv; the Russian Ministry of Defence said it hit "
        "Ukrainian military targets. The Wagner Group claimed the town.",
        {
            ("Russian troops", "russia_forces"),
            ("Russian Ministry of Defence", "russia_mod"),
            ("Ukrainian military", "ukraine_forces"),
            ("Wagner Group", "wagner"),
        },
    ),
    (
        "The Houthis said they fired drones at Saudi Arabia; the Saudi-led coalition said it intercepted them. "
        "Al-Masirah TV showed the launch.",
        {("Houthis", "houthis"), ("Saudi-led coalition", "saudi_coalition"), ("Al-Masirah TV", "al_masirah")},
    ),
    (
        "The Israel Defense Forces struck Hamas targets in Gaza after Palestinian Islamic Jihad fired rockets, the "
        "IDF said. Hezbollah warned Israel.",
        {
            ("Israel Defense Forces", "idf"),
            ("Hamas", "hamas"),
            ("Palestinian Islamic Jihad", "pij"),
            ("IDF", "idf"),
            ("Hezbollah", "hezbollah"),
        },
    ),
    (
        "Taliban fighters attacked an Afghan National Army checkpoint in Helmand, the Afghan defense ministry said; "
        "Zabihullah Mujahid claimed the attack.",
        {
            ("Taliban fighters", "taliban"),
            ("Afghan National Army", "ana"),
            ("Afghan defense ministry", "afghan_mod"),
            ("Zabihullah Mujahid", "zabihullah_mujahid"),
        },
    ),
    (
        "The Syrian Observatory for Human Rights said Turkish-backed rebels of the Syrian National Army clashed "
        "with the SDF near Manbij.",
        {("Syrian Observatory for Human Rights", "sohr"), ("Syrian National Army", "sna"), ("SDF", "sdf")},
    ),
    (
        "Iran's Revolutionary Guards said they seized a tanker; Fars News Agency and Tasnim published the video. "
        "The Quds Force commander Esmail Qaani was present.",
        {("Fars News Agency", "fars"), ("Tasnim", "tasnim"), ("Quds Force", "irgc_qf"), ("Esmail Qaani", "esmail_qaani")},
    ),
    (
        "Asaib Ahl al-Haq and Kataib Hezbollah threatened US forces after a drone strike near Baghdad airport, "
        "a PMF statement said.",
        {("Asaib Ahl al-Haq", "aah"), ("Kataib Hezbollah", "kh"), ("US forces", "us_forces"), ("PMF", "pmf")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), REGION_SENTENCES)
def test_actors_of_each_region(run: Callable[[str], Analysis], text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= set(found(run(text)))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (  # object of a locative preposition
            "At least 14 civilians, including six children, were killed when an air strike hit a market in Dahyan in "
            "northern Yemen's Saada province on Tuesday night.",
            "Dahyan",
        ),
        ("Medics: 26 dead after air raid on Dahyan market", "Dahyan"),  # the name of a site
        (  # a wire dateline
            "Houthis say strike killed 20 at Saada market\nSAADA, Yemen (Al-Masirah) - Warplanes of the Saudi-led "
            "coalition bombed a crowded market",
            "SAADA",
        ),
    ],
)
def test_a_place_the_model_tags_as_a_nationality_is_left_to_places(
    run: Callable[[str], Analysis], actors_pipeline: Pipeline, text: str, place: str
) -> None:
    assert any(e.text == place and e.label_ == "NORP" for e in actors_pipeline.nlp(text).ents)  # the trap
    assert all(place not in m.span.text for m in run(text).actors), found(run(text))


def test_a_nationality_that_qualifies_a_noun_stays_an_actor(run: Callable[[str], Analysis]) -> None:
    # "American" after "in" modifies "custody": not the object of the preposition, so not a place
    assert ("American", None) in found(run("The suspect died in American custody, Iraqi officials said."))


def test_state_led_stands_for_the_coalition_that_state_leads(run: Callable[[str], Analysis]) -> None:
    analysis = run("Houthis say Saudi-led strike killed 20 at a market")
    assert mention(analysis, "Saudi-led").actor_id == "saudi_coalition"
