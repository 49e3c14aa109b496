"""The incident's PLOVER/ACLED type is voted over its independent reports (assess.incident.typing_event)."""

from __future__ import annotations

from datetime import UTC, datetime

from rashomon.assess.incident import assess_incident, typing_event
from rashomon.ingest.fingerprint import make_report
from rashomon.link.mentions import mention_from_analysis
from rashomon.model import Analysis, Modality
from support.incident_factory import Builder

DAY = datetime(2017, 8, 8, 12, tzinfo=UTC)


def _analysis(
    text: str,
    trigger: str,
    plover: str,
    mode: str | None,
    *,
    copy_of: str | None = None,
    modality: Modality = Modality.AUTHOR,
    outlet: str = "Wire",
) -> Analysis:
    report = make_report(text, published=DAY, outlet=outlet)
    if copy_of:
        report = report.model_copy(update={"near_duplicate_of": copy_of})
    builder = Builder(report)
    builder.event(trigger, plover, mode=mode, modality=modality)
    return builder.build()


def _pairs(analyses: list[Analysis]) -> list[tuple[Analysis, tuple[str, ...]]]:
    return [(a, tuple(e.id for e in a.events)) for a in analyses]


def test_a_named_method_outranks_an_earlier_generic_attack() -> None:
    analyses = [
        _analysis("Islamic State claims the attack on the border post.", "attack", "ASSAULT", None, outlet="A"),
        _analysis("A militia says air strikes hit its fighters.", "air strikes", "ASSAULT", "aerial", outlet="B"),
        _analysis("Shelling hit the militia, a local source said.", "Shelling", "ASSAULT", "artillery", outlet="C"),
        _analysis("The militia blamed a U.S. air strike for the deaths.", "air strike", "ASSAULT", "aerial", outlet="D"),
    ]
    event = typing_event(_pairs(analyses))
    assert event is not None
    assert (event.plover_type, event.plover_mode, event.acled_sub_event_type) == ("ASSAULT", "aerial", "Air/drone strike")
    assert event.trigger.text == "air strikes"  # the earliest report that names the winning method
    incident = assess_incident("inc-t", [(a, mention_from_analysis(a)) for a in analyses])
    assert (incident.acled_event_type, incident.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_syndicated_copies_and_hypothetical_events_do_not_vote() -> None:
    wire = _analysis("Shelling hit the militia positions overnight.", "Shelling", "ASSAULT", "artillery", outlet="A")
    analyses = [
        wire,
        _analysis("An air strike hit the militia positions.", "air strike", "ASSAULT", "aerial", outlet="B"),
        _analysis(
            "An air strike hit the militia positions, copy.", "air strike", "ASSAULT", "aerial", copy_of="r-other", outlet="C"
        ),
        _analysis(
            "Officials fear an air strike could follow.",
            "air strike",
            "ASSAULT",
            "aerial",
            modality=Modality.HYPOTHETICAL,
            outlet="D",
        ),
    ]
    event = typing_event(_pairs(analyses))
    assert event is not None and event.plover_mode == "artillery"  # 1 vote each: the earliest report wins the tie


def test_without_any_named_method_the_most_told_type_wins() -> None:
    analyses = [
        _analysis("Fighting broke out near the town.", "Fighting", "FIGHT", None, outlet="A"),
        _analysis("Gunmen carried out an attack near the town.", "attack", "ASSAULT", None, outlet="B"),
        _analysis("Another attack near the town, residents said.", "attack", "ASSAULT", None, outlet="C"),
    ]
    event = typing_event(_pairs(analyses))
    assert event is not None and event.plover_type == "ASSAULT"
    assert typing_event([]) is None
