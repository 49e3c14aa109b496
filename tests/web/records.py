"""Hand-built records for the web tests: reports, analyses with exact spans, and graded incidents.

``Doc`` finds substrings in a report's text so every span's offsets are the real ones; the
records are then saved through the store like the pipeline's output would be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from rashomon.ingest.fingerprint import make_report
from rashomon.model import (
    Account,
    AccountStance,
    ActorMention,
    Affiliation,
    Analysis,
    Casualties,
    Channel,
    ChannelKind,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Event,
    EventRef,
    Grade,
    Incident,
    IncidentReport,
    Modality,
    Place,
    PlacePrecision,
    Range,
    Relation,
    Report,
    Sector,
    Span,
    Stance,
    Statement,
    TimePrecision,
    TimeRef,
)
from rashomon.model.ids import mention_id

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_LINK = '<a href="javascript:window.__pwned=1">read more</a>'
HOSTILE_SQL = "Robert'); DROP TABLE reports;--"
HOSTILE_SQL_TAIL = "\"' OR '1'='1\" and 1; DELETE FROM incidents."
RLO_NAME = "Abu \u202eDawud\u202c al\u200d-\u200bHaddad"  # RTL override and zero-width characters


@dataclass
class Doc:
    """One report under construction: spans are located by substring, so offsets are exact."""

    report: Report
    actors: list[ActorMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)

    @classmethod
    def new(cls, text: str, **kw: object) -> Doc:
        return cls(make_report(text, **kw))  # type: ignore[arg-type]

    @property
    def id(self) -> str:
        return self.report.id

    def span(self, sub: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.report.text.index(sub, start + 1)
        return Span(report_id=self.report.id, start=start, end=start + len(sub), text=sub)

    def actor(
        self, sub: str, name: str | None = None, actor_id: str | None = None, sector: Sector = Sector.UNKNOWN
    ) -> ActorMention:
        s = self.span(sub)
        mention = ActorMention(
            id=mention_id(self.id, "ac", s.start, s.end), span=s, name=name or sub, actor_id=actor_id, sector=sector
        )
        self.actors.append(mention)
        return mention

    def place(self, sub: str, name: str, lat: float, lon: float, cc: str, admin1: str | None = None) -> Place:
        s = self.span(sub)
        place = Place(
            id=mention_id(self.id, "pl", s.start, s.end),
            span=s,
            name=name,
            lat=lat,
            lon=lon,
            precision=PlacePrecision.TOWN,
            country_code=cc,
            admin1=admin1,
        )
        self.places.append(place)
        return place

    def time(self, sub: str, day: datetime) -> TimeRef:
        s = self.span(sub)
        ref = TimeRef(
            id=mention_id(self.id, "tm", s.start, s.end),
            span=s,
            expression=sub,
            start=day,
            end=day,
            precision=TimePrecision.DAY,
            anchor=self.report.published,
        )
        self.times.append(ref)
        return ref

    def statement(
        self,
        content: str,
        *,
        speaker: str | None,
        speaker_name: str | None = None,
        actor_id: str | None = None,
        affiliation: str | None = None,
        cue: str | None = None,
        stance: Stance = Stance.ASSERT,
        target: str | None = None,
        direct: bool = True,
        outlet: str | None = None,
        confidence: float | None = None,
        parent: Statement | None = None,
    ) -> Statement:
        c = self.span(content)
        statement = Statement(
            id=mention_id(self.id, "st", c.start, c.end),
            speaker=self.span(speaker) if speaker else None,
            speaker_name=speaker_name or speaker,
            speaker_actor_id=actor_id,
            speaker_affiliation=affiliation,
            cue=self.span(cue) if cue else None,
            channel=Channel(kind=ChannelKind.STATEMENT, outlet=outlet),
            content=(c,),
            direct=direct,
            stance=stance,
            stance_target=target,
            parent_id=parent.id if parent else None,
            confidence=confidence,
        )
        self.statements.append(statement)
        return statement

    def event(
        self,
        trigger: str,
        plover: str,
        *,
        actor: ActorMention | None = None,
        places: tuple[Place, ...] = (),
        time: TimeRef | None = None,
        killed: tuple[int, int, str] | None = None,
        modality: Modality = Modality.AUTHOR,
        statement: Statement | None = None,
    ) -> Event:
        t = self.span(trigger)
        event = Event(
            id=mention_id(self.id, "ev", t.start, t.end),
            trigger=t,
            plover_type=plover,
            actor=actor,
            places=places,
            time=time,
            killed=Casualties(min=killed[0], max=killed[1], span=self.span(killed[2])) if killed else Casualties(),
            modality=modality,
            statement_id=statement.id if statement else None,
        )
        self.events.append(event)
        return event

    def analysis(self) -> Analysis:
        key = lambda r: (r.span.start, r.span.end)  # noqa: E731
        return Analysis(
            report=self.report,
            actors=tuple(sorted(self.actors, key=key)),
            statements=tuple(sorted(self.statements, key=lambda s: s.content[0].start)),
            events=tuple(sorted(self.events, key=lambda e: e.trigger.start)),
            places=tuple(sorted(self.places, key=key)),
            times=tuple(sorted(self.times, key=key)),
            pipeline_version="web-test",
        )


@dataclass(frozen=True)
class Dataset:
    analyses: tuple[Analysis, ...]
    incidents: tuple[Incident, ...]
    # Handy handles for assertions.
    contested_id: str
    hostile_id: str
    hostile_report_id: str
    accusation_statement: Statement
    accusation_report_id: str


def _day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


def _ref(doc: Doc, independent: bool = True) -> IncidentReport:
    return IncidentReport(id=doc.id, url=doc.report.url, outlet=doc.report.outlet, independent=independent)


def build_dataset() -> Dataset:
    """Five incidents: the seed-like contested strike, a fair protest, a confirmed claim, a hostile weak one, an undated one."""
    # ---------------------------------------------------------------- contested: the seed-like strike
    tasnim = Doc.new(
        "Abu Ala al-Welayi, secretary-general of Kata'ib Sayyid al-Shuhada, told Tasnim News Agency on Wednesday that "
        '"the American coalition struck our positions near Akashat, killing 36 of our fighters." '
        "He said the group would respond.",
        title="Militia accuses coalition of Akashat strike",
        outlet="Tasnim News Agency",
        url="https://www.tasnimnews.com/en/news/akashat",
        published=_day(2026, 3, 11),
    )
    welayi = tasnim.actor("Abu Ala al-Welayi", actor_id="person:welayi", sector=Sector.MILITIA)
    kss = tasnim.actor("Kata'ib Sayyid al-Shuhada", actor_id="kss", sector=Sector.MILITIA)
    tasnim.actor("American coalition", name="US-led coalition", actor_id="coalition", sector=Sector.MILITARY)
    akashat = tasnim.place("Akashat", "Akashat", 33.78, 40.62, "IQ", "Anbar")
    wednesday = tasnim.time("on Wednesday", _day(2026, 3, 11))
    accusation = tasnim.statement(
        "the American coalition struck our positions near Akashat, killing 36 of our fighters.",
        speaker="Abu Ala al-Welayi",
        actor_id="kss",
        affiliation="Kata'ib Sayyid al-Shuhada",
        cue="told",
        stance=Stance.ACCUSE,
        target="US-led coalition",
        outlet="Tasnim News Agency",
        confidence=0.8731,
    )
    strike = tasnim.event(
        "struck",
        "ASSAULT",
        actor=kss,
        places=(akashat,),
        time=wednesday,
        killed=(36, 36, "36"),
        modality=Modality.ALLEGED,
        statement=accusation,
    )
    assert welayi and strike

    reuters = Doc.new(
        'A spokesman for the US-led coalition, Colonel Wayne Marotto, said the coalition "did not conduct any strikes" '
        "in the Akashat area on Tuesday or Wednesday.",
        title="Coalition denies strike in western Iraq",
        outlet="Reuters",
        url="https://www.reuters.com/world/akashat",
        published=_day(2026, 3, 11),
    )
    reuters.actor("Colonel Wayne Marotto", actor_id="person:marotto", sector=Sector.MILITARY)
    reuters.actor("US-led coalition", actor_id="coalition", sector=Sector.MILITARY)
    reuters.place("Akashat", "Akashat", 33.78, 40.62, "IQ", "Anbar")
    denial = reuters.statement(
        "did not conduct any strikes",
        speaker="Colonel Wayne Marotto",
        actor_id="coalition",
        affiliation="US-led coalition",
        cue="said",
        stance=Stance.DENY,
        outlet="Reuters",
    )
    reuters.event("strikes", "ASSAULT", modality=Modality.DENIED, statement=denial)

    afp = Doc.new(
        "The Iraqi prime minister's office said Islamic State militants carried out the attack near Akashat, "
        "in which 47 people were killed.",
        title="Baghdad blames Islamic State for Akashat attack",
        outlet="AFP",
        url="https://www.afp.com/en/akashat",
        published=_day(2026, 3, 12),
    )
    afp.actor("The Iraqi prime minister's office", name="Office of the Iraqi Prime Minister", actor_id="iraq-pmo")
    isis = afp.actor("Islamic State", actor_id="isis", sector=Sector.TERRORIST)
    afp.place("Akashat", "Akashat", 33.78, 40.62, "IQ", "Anbar")
    attribution = afp.statement(
        "Islamic State militants carried out the attack near Akashat",
        speaker="The Iraqi prime minister's office",
        speaker_name="Office of the Iraqi Prime Minister",
        actor_id="iraq-pmo",
        cue="said",
        stance=Stance.ATTRIBUTE,
        target="Islamic State",
        direct=False,
        outlet="AFP",
    )
    afp.event("attack", "ASSAULT", actor=isis, killed=(47, 47, "47"), modality=Modality.ALLEGED, statement=attribution)

    contested = Incident(
        id="inc-akashat-2026",
        title="Strike near Akashat, Anbar",
        plover_type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        place=akashat,
        time=wednesday,
        country_code="IQ",
        events=(EventRef(report_id=tasnim.id, event_id=strike.id),),
        reports=(_ref(tasnim), _ref(reuters), _ref(afp)),
        accounts=(
            Account(
                source="Kata'ib Sayyid al-Shuhada",
                source_actor_id="kss",
                affiliation=(Affiliation(relation=Relation.BACKED_BY, actor_id="irgc", name="IRGC"),),
                outlets=("Tasnim News Agency",),
                stance=AccountStance.ACCUSES,
                alleged_perpetrator="US-led coalition",
                killed=Range(min=36, max=36),
                place="Akashat",
                time=_day(2026, 3, 11),
                method="air strike",
                statement_ids=(accusation.id,),
                reports=(tasnim.id,),
                evidence=accusation.content,
            ),
            Account(
                source="US-led coalition",
                source_actor_id="coalition",
                outlets=("Reuters",),
                stance=AccountStance.DENIES,
                statement_ids=(denial.id,),
                reports=(reuters.id,),
                evidence=denial.content,
            ),
            Account(
                source="Office of the Iraqi Prime Minister",
                source_actor_id="iraq-pmo",
                outlets=("AFP",),
                stance=AccountStance.ATTRIBUTES,
                alleged_perpetrator="Islamic State",
                killed=Range(min=47, max=47),
                statement_ids=(attribution.id,),
                reports=(afp.id,),
                evidence=attribution.content,
            ),
        ),
        contradictions=(
            Contradiction(
                kind=ContradictionKind.ACCUSATION_VS_DENIAL,
                sides=(
                    ContradictionSide(
                        sources=("Kata'ib Sayyid al-Shuhada",), claim="the coalition struck", evidence=accusation.content
                    ),
                    ContradictionSide(sources=("US-led coalition",), claim="no coalition strike", evidence=denial.content),
                ),
                summary="Kata'ib Sayyid al-Shuhada accuses the US-led coalition, which denies any strike.",
            ),
            Contradiction(
                kind=ContradictionKind.RIVAL_PERPETRATORS,
                sides=(
                    ContradictionSide(
                        sources=("Kata'ib Sayyid al-Shuhada",), claim="US-led coalition", evidence=accusation.content
                    ),
                    ContradictionSide(
                        sources=("Office of the Iraqi Prime Minister",), claim="Islamic State", evidence=attribution.content
                    ),
                ),
                summary="Two sources name different perpetrators.",
            ),
            Contradiction(
                kind=ContradictionKind.TOLL,
                sides=(
                    ContradictionSide(sources=("Kata'ib Sayyid al-Shuhada",), claim="36 killed", evidence=(tasnim.span("36"),)),
                    ContradictionSide(
                        sources=("Office of the Iraqi Prime Minister",), claim="47 killed", evidence=(afp.span("47"),)
                    ),
                ),
                summary="36 against 47 killed cannot both be true.",
            ),
        ),
        grade=Grade.CONTESTED,
        grade_reasons=(
            "an accusation (Kata'ib Sayyid al-Shuhada) stands against a denial (US-led coalition)",
            "rival perpetrators are named: US-led coalition and Islamic State",
        ),
        killed=Range(min=36, max=47),
    )

    # ---------------------------------------------------------------- fair: a protest two outlets agree on
    kyiv1 = Doc.new(
        "Thousands of people protested in Kyiv on Sunday against the new conscription law, police said.",
        title="Thousands protest conscription law in Kyiv",
        outlet="Kyiv Independent",
        published=_day(2026, 2, 1),
    )
    kyiv1.place("Kyiv", "Kyiv", 50.45, 30.52, "UA", "Kyiv City")
    kyiv1.event("protested", "PROTEST")
    kyiv2 = Doc.new(
        "Police in Kyiv said several thousand demonstrators marched peacefully on Sunday.",
        title="Kyiv march against conscription",
        outlet="Ukrainska Pravda",
        published=_day(2026, 2, 1),
    )
    kyiv2.place("Kyiv", "Kyiv", 50.45, 30.52, "UA", "Kyiv City")
    fair = Incident(
        id="inc-kyiv-protest",
        title="Protest against conscription law in Kyiv",
        plover_type="PROTEST",
        place=kyiv1.places[0],
        time=TimeRef(
            id="t-kyiv", span=kyiv1.span("on Sunday"), expression="on Sunday", start=_day(2026, 2, 1), precision=TimePrecision.DAY
        ),
        country_code="UA",
        reports=(_ref(kyiv1), _ref(kyiv2)),
        accounts=(
            Account(
                source="Kyiv police",
                outlets=("Kyiv Independent", "Ukrainska Pravda"),
                stance=AccountStance.CONFIRMS,
                reports=(kyiv1.id, kyiv2.id),
                evidence=(kyiv2.span("several thousand demonstrators"),),  # no extracted record covers it
            ),
        ),
        grade=Grade.FAIR,
        grade_reasons=("two independent outlets agree",),
    )

    # ---------------------------------------------------------------- confirmed: a claim of responsibility
    aden = Doc.new(
        "The Houthi movement said on Friday it had launched a drone at a vessel off Aden.",
        title="Houthis claim drone launch off Aden",
        outlet="Al Masirah",
        published=_day(2025, 12, 20),
    )
    houthi = aden.actor("The Houthi movement", name="Ansar Allah", actor_id="houthis", sector=Sector.MILITIA)
    aden.place("Aden", "Aden", 12.78, 45.04, "YE", "Aden")
    claim = aden.statement(
        "it had launched a drone at a vessel off Aden",
        speaker="The Houthi movement",
        speaker_name="Ansar Allah",
        actor_id="houthis",
        cue="said",
        stance=Stance.CLAIM_RESPONSIBILITY,
        direct=False,
    )
    aden.event("launched", "ASSAULT", actor=houthi, modality=Modality.CLAIMED, statement=claim)
    confirmed = Incident(
        id="inc-aden-drone",
        title="Drone launched at a vessel off Aden",
        plover_type="ASSAULT",
        place=aden.places[0],
        time=TimeRef(
            id="t-aden",
            span=aden.span("on Friday"),
            expression="on Friday",
            start=_day(2025, 12, 19),
            precision=TimePrecision.DAY,
        ),
        country_code="YE",
        reports=(_ref(aden),),
        accounts=(
            Account(
                source="Ansar Allah",
                source_actor_id="houthis",
                outlets=("Al Masirah",),
                stance=AccountStance.CLAIMS_RESPONSIBILITY,
                alleged_perpetrator="Ansar Allah",
                statement_ids=(claim.id,),
                reports=(aden.id,),
                evidence=claim.content,
            ),
        ),
        grade=Grade.CONFIRMED,
        grade_reasons=("a belligerent (Ansar Allah) accepts responsibility; no rival claim",),
    )

    # ---------------------------------------------------------------- weak: the hostile report
    hostile = Doc.new(
        f"Breaking {HOSTILE_SCRIPT} near Deir ez-Zor: militia commander {RLO_NAME} said "
        f'"we shelled the checkpoint {HOSTILE_IMG}" and 3 soldiers were killed. {HOSTILE_LINK} '
        f"Witness {HOSTILE_SQL} confirmed it; also {HOSTILE_SQL_TAIL}",
        title=f"Shelling {HOSTILE_SCRIPT} at Deir ez-Zor",
        outlet='<b onmouseover="window.__pwned=1">Hostile Wire</b>',
        url="javascript:window.__pwned=1",
        published=_day(2026, 1, 15),
    )
    commander = hostile.actor(RLO_NAME, actor_id=None, sector=Sector.MILITIA)
    deir = hostile.place("Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14, "SY", "Deir ez-Zor")
    shelled = hostile.statement(
        f"we shelled the checkpoint {HOSTILE_IMG}",
        speaker=RLO_NAME,
        cue="said",
        stance=Stance.CLAIM_RESPONSIBILITY,
        outlet=hostile.report.outlet,
    )
    hostile.event(
        "shelled", "ASSAULT", actor=commander, places=(deir,), killed=(3, 3, "3"), modality=Modality.CLAIMED, statement=shelled
    )
    weak = Incident(
        id="inc-hostile",
        title=f"Shelling {HOSTILE_SCRIPT} {HOSTILE_IMG} at Deir ez-Zor",
        plover_type="ASSAULT",
        place=deir,
        time=TimeRef(
            id="t-deir",
            span=hostile.span("Breaking"),
            expression="Breaking",
            start=_day(2026, 1, 15),
            precision=TimePrecision.DAY,
        ),
        country_code="SY",
        reports=(_ref(hostile),),
        accounts=(
            Account(
                source=RLO_NAME,
                outlets=(hostile.report.outlet or "",),
                stance=AccountStance.CLAIMS_RESPONSIBILITY,
                alleged_perpetrator=f"{HOSTILE_SQL} {HOSTILE_LINK}",
                killed=Range(min=3, max=3),
                statement_ids=(shelled.id,),
                reports=(hostile.id,),
                evidence=shelled.content,
            ),
        ),
        grade=Grade.WEAK,
        grade_reasons=(f"a single source {HOSTILE_IMG}",),
    )

    # ---------------------------------------------------------------- discounted, no time or place
    rumour = Doc.new(
        "Social media posts claimed an explosion at a fuel depot; no outlet could confirm it.",
        title="Rumoured depot explosion",
        outlet="Fact Check Desk",
        published=_day(2026, 3, 1),
    )
    discounted = Incident(
        id="inc-rumour",
        title="Rumoured fuel depot explosion",
        reports=(_ref(rumour),),
        grade=Grade.DISCOUNTED,
        grade_reasons=("the only source says the event could not be confirmed",),
    )

    docs = (tasnim, reuters, afp, kyiv1, kyiv2, aden, hostile, rumour)
    return Dataset(
        analyses=tuple(d.analysis() for d in docs),
        incidents=(contested, fair, confirmed, weak, discounted),
        contested_id=contested.id,
        hostile_id=weak.id,
        hostile_report_id=hostile.id,
        accusation_statement=accusation,
        accusation_report_id=tasnim.id,
    )
