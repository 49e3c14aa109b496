"""One hand-built report whose statements carry different confidences, for the --min-confidence tests.

In text order: the mayor (0.42, an assertion with a nested quote and an event told in it), the police
chief's nested quote inside it (0.91), the army (no score: a rule-found cue) and the governor (0.91).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from rashomon.model import Account, AccountStance, Analysis, Incident, IncidentReport, Stance, Statement
from web.records import Doc

TEXT = (
    'The mayor said the police chief had told him "the bridge will stay shut until Friday". '
    "The army said it shelled the rebel positions overnight. "
    "The governor accused the rebels of blowing up the bridge."
)


@dataclass(frozen=True)
class Scored:
    analysis: Analysis
    incident: Incident
    mayor: Statement
    chief: Statement
    army: Statement
    governor: Statement


def build_scored() -> Scored:
    doc = Doc.new(TEXT, title="Bridge shut", outlet="Valley Post", published=datetime(2026, 5, 2, tzinfo=UTC))
    mayor = doc.statement(
        'the police chief had told him "the bridge will stay shut until Friday"',
        speaker="The mayor",
        cue="said",
        direct=False,
        confidence=0.42,
    )
    chief = doc.statement(
        "the bridge will stay shut until Friday", speaker="the police chief", cue="told", confidence=0.91, parent=mayor
    )
    army = doc.statement("it shelled the rebel positions overnight", speaker="The army", cue=None, direct=False, confidence=None)
    governor = doc.statement(
        "the rebels of blowing up the bridge",
        speaker="The governor",
        cue="accused",
        stance=Stance.ACCUSE,
        direct=False,
        confidence=0.91,
    )
    doc.event("shut", "RESTRICT", statement=mayor)
    doc.event("shelled", "ASSAULT", statement=army)
    analysis = doc.analysis()
    incident = Incident(
        id="inc-bridge",
        title="Bridge shut",
        plover_type="RESTRICT",
        reports=(IncidentReport(id=doc.id, outlet="Valley Post"),),
        # one account holding every statement, so the incident view shows how the bar narrows an account
        accounts=(
            Account(
                source="Valley officials",
                outlets=("Valley Post",),
                stance=AccountStance.ACCUSES,
                statement_ids=(mayor.id, chief.id, army.id, governor.id),
                reports=(doc.id,),
            ),
        ),
    )
    return Scored(analysis, incident, mayor, chief, army, governor)
