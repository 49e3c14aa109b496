"""Points where the accounts of one incident cannot all be true, each with evidence and sources per side.

Kinds (docs/incidents.md): rival perpetrators, accusation against denial, a third party's claim of
responsibility, tolls whose ranges do not overlap (36 against 47 conflict; "dozens" [24, open]
and 36 do not), places further apart than their precisions allow, and times that do not overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rashomon.assess.accounts import actor_key, clean_speaker, related, reported_by, source_of, statement_tolls, toll_is_said
from rashomon.link.mentions import best_place
from rashomon.link.similarity import geodesic_km, place_allowance_km
from rashomon.model import (
    Account,
    AccountStance,
    Analysis,
    Casualties,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Event,
    PlacePrecision,
    Span,
    Stance,
    Statement,
    TimePrecision,
)

NAMING = (AccountStance.ACCUSES, AccountStance.ATTRIBUTES, AccountStance.CLAIMS_RESPONSIBILITY)
# Two times conflict when their intervals are further apart than this. Day-level reporting of
# a night attack straddles midnight, so only gaps beyond three hours count.
TIME_CONFLICT_SLACK = timedelta(hours=3)
# Only times at least this precise are compared (a "this week" cannot contradict a date).
COMPARABLE_TIMES = (TimePrecision.PART_OF_DAY, TimePrecision.DAY)


@dataclass(frozen=True)
class Claim:
    """One source's value for one attribute, with where it was said."""

    source: str
    value: object
    label: str
    evidence: Span | None


def _key(account: Account) -> str | None:
    return actor_key(account.alleged_perpetrator)


def counter_accuses(account: Account) -> bool:
    """A denial that names another side as the perpetrator ("Our forces did not fire a single shell ... army
    warplanes had struck the market"): the denier blames someone unrelated to itself."""
    key = _key(account)
    own = account.source_actor_id
    return account.stance is AccountStance.DENIES and key is not None and own is not None and key != own and not related(key, own)


def perpetrator_groups(accounts: Sequence[Account]) -> list[list[Account]]:
    """Accounts that name a perpetrator, grouped so that perpetrators on one chain share a group (K.S.S. and the
    Popular Mobilization Forces, or its backer the IRGC); two proxies of one backer are rivals."""
    groups: list[tuple[list[str], list[Account]]] = []
    for account in accounts:
        if not account.alleged_perpetrator or not (account.stance in NAMING or counter_accuses(account)):
            continue
        key = _key(account) or account.alleged_perpetrator
        for keys, members in groups:
            if any(k == key or related(k, key, siblings=False) for k in keys):
                keys.append(key)
                members.append(account)
                break
        else:
            groups.append(([key], [account]))
    return [members for _, members in groups]


def _side(accounts: Sequence[Account], claim: str) -> ContradictionSide:
    sources = tuple(dict.fromkeys(a.source for a in accounts))
    evidence = tuple(span for a in accounts for span in a.evidence[:2])
    return ContradictionSide(sources=sources, claim=claim, evidence=evidence)


def _names(accounts: Sequence[Account]) -> str:
    return " and ".join(dict.fromkeys(a.source for a in accounts))


def _verb(verb: str, accounts: Sequence[Account]) -> str:
    return verb + "s" if len({a.source for a in accounts}) == 1 else verb


def responsibility_contradictions(accounts: Sequence[Account]) -> list[Contradiction]:
    found: list[Contradiction] = []
    groups = perpetrator_groups(accounts)
    if len(groups) >= 2:
        sides = tuple(_side(g, f"{g[0].alleged_perpetrator} did it") for g in groups)
        names = " / ".join(str(g[0].alleged_perpetrator) for g in groups)
        found.append(
            Contradiction(kind=ContradictionKind.RIVAL_PERPETRATORS, sides=sides, summary=f"Rival perpetrators: {names}.")
        )
    # a source that names the perpetrator as fact ("Russian forces shelled the centre") blames it as much as one
    # that accuses it: both stand against the named side's denial
    accusers = [a for a in accounts if a.stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES) and a.alleged_perpetrator]
    # a denial that names no one (it denies a claim about the target, not an act) stands against no accusation
    deniers = [a for a in accounts if a.stance is AccountStance.DENIES and a.alleged_perpetrator]
    for denier in deniers:
        denied = denier.source_actor_id if counter_accuses(denier) else _key(denier) or denier.source_actor_id
        against = [
            a
            for a in accusers
            if (k := _key(a)) is not None and (k == denied or related(k, denied) or related(k, denier.source_actor_id))
        ]
        if not against and not any(related(_key(a), denied) for a in accusers):
            against = list(accusers)  # a bystander's denial is a denial of the event itself
        if against:
            who = against[0].alleged_perpetrator
            found.append(
                Contradiction(
                    kind=ContradictionKind.ACCUSATION_VS_DENIAL,
                    sides=(_side(against, f"{who} is responsible"), _side([denier], f"{who} is not responsible")),
                    summary=f"{_names(against)} {_verb('accuse', against)} {who}; {denier.source} denies it.",
                )
            )
    for claimant in (a for a in accounts if a.stance is AccountStance.CLAIMS_RESPONSIBILITY):
        key = claimant.source_actor_id or _key(claimant)
        others = [
            a
            for a in accounts
            if a.stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES)
            and a.alleged_perpetrator
            and not ((k := _key(a)) is not None and (k == key or related(k, key)))
        ]
        if others:
            blamed = ", ".join(dict.fromkeys(str(a.alleged_perpetrator) for a in others))
            found.append(
                Contradiction(
                    kind=ContradictionKind.THIRD_PARTY_CLAIM,
                    sides=(_side([claimant], f"{claimant.source} claims responsibility"), _side(others, f"{blamed} did it")),
                    summary=f"{claimant.source} claims the attack while {_names(others)} {_verb('blame', others)} {blamed}.",
                )
            )
    return found


def _statement_label(statement: Statement) -> str:
    source = source_of(statement)[0]
    person = clean_speaker(statement.speaker_name) if statement.speaker_name else None
    return f"{person} ({source})" if person and person != source else source


def _event_source(analysis: Analysis, event: Event, toll: bool = False) -> str:
    """Who gives this event's details: the speaking actor (and the person, when one speaks for it), else the outlet.

    A denial does not give the figures of the event it denies: those stay with the outlet.
    """
    if event.statement_id:
        for statement in analysis.statements:
            if statement.id == event.statement_id and statement.attributed and statement.stance is not Stance.DENY:
                if toll and not toll_is_said(statement, event):
                    break  # the figure stands outside the speaker's words: the outlet gives it
                return _statement_label(reported_by(analysis, statement))
    return analysis.report.outlet or analysis.report.id


def _toll_label(c: Casualties) -> str:
    if c.min == c.max:
        return str(c.min)
    if c.max is None:
        return f"at least {c.min}"
    if c.min is None:
        return f"at most {c.max}"
    return f"{c.min}-{c.max}"


def _disjoint(a: Casualties, b: Casualties) -> bool:
    a_min, b_min = a.min or 0, b.min or 0
    return (a.max is not None and a.max < b_min) or (b.max is not None and b.max < a_min)


def _group_sides(kind: ContradictionKind, claims: Sequence[Claim], conflict: object, what: str) -> list[Contradiction]:
    """Claims grouped by equal value; a contradiction when two groups conflict. Sides: conflicting groups."""
    groups: dict[str, list[Claim]] = {}
    values: dict[str, object] = {}
    for claim in claims:
        groups.setdefault(claim.label, []).append(claim)
        values.setdefault(claim.label, claim.value)
    labels = list(groups)
    clashing = {x for x in labels for y in labels if x != y and conflict(values[x], values[y])}  # type: ignore[operator]
    if len(clashing) < 2:
        return []
    sides = tuple(
        ContradictionSide(
            sources=tuple(dict.fromkeys(c.source for c in groups[label])),
            claim=f"{what}: {label}",
            evidence=tuple(c.evidence for c in groups[label] if c.evidence is not None),
        )
        for label in labels
        if label in clashing
    )
    summary = (
        f"{what.capitalize()} differ: "
        + " vs ".join(f"{s.claim.split(': ', 1)[1]} ({', '.join(s.sources)})" for s in sides)
        + "."
    )
    return [Contradiction(kind=kind, sides=sides, summary=summary)]


def _places_conflict(a: object, b: object) -> bool:
    (lat1, lon1, p1), (lat2, lon2, p2) = a, b  # type: ignore[misc]
    return geodesic_km(lat1, lon1, lat2, lon2) > place_allowance_km(p1, p2)


def _times_conflict(a: object, b: object) -> bool:
    (s1, e1), (s2, e2) = a, b  # type: ignore[misc]
    return e1 + TIME_CONFLICT_SLACK < s2 or e2 + TIME_CONFLICT_SLACK < s1


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value


def fact_contradictions(members: Sequence[tuple[Analysis, tuple[str, ...]]]) -> list[Contradiction]:
    """Toll, place and time contradictions between the incident's event mentions."""
    killed: list[Claim] = []
    wounded: list[Claim] = []
    places: list[Claim] = []
    times: list[Claim] = []
    for analysis, event_ids in members:
        if analysis.report.near_duplicate_of:
            continue  # a syndicated copy repeats its original; it adds no claim of its own
        for event in analysis.events:
            if event.id not in event_ids:
                continue
            source = _event_source(analysis, event)
            toll_source = _event_source(analysis, event, toll=True)
            for toll, bucket in ((event.killed, killed), (event.wounded, wounded)):
                if toll.min is not None or toll.max is not None:
                    bucket.append(Claim(toll_source, toll, _toll_label(toll), toll.span or event.trigger))
            place = best_place(event.places)  # the most precise place this event gives
            if place is not None and place.precision not in (PlacePrecision.COUNTRY, PlacePrecision.REGION):
                places.append(Claim(source, (place.lat, place.lon, place.precision), place.name, place.span))
            time = event.time
            if time is not None and time.start is not None and time.precision in COMPARABLE_TIMES:
                interval = (_naive(time.start), _naive(time.end or time.start))
                times.append(Claim(source, interval, f"{time.expression} ({interval[0]:%Y-%m-%d %H:%M})", time.span))
        with_toll = {e.statement_id for e in analysis.events if e.statement_id and e.killed.min is not None}
        for statement in analysis.statements:
            if not statement.attributed or statement.stance is Stance.DENY or statement.id in with_toll:
                continue  # a denial gives no figures; an event already carries this statement's toll
            for kind, toll in statement_tolls(statement):
                bucket = killed if kind == "killed" else wounded
                bucket.append(Claim(_statement_label(reported_by(analysis, statement)), toll, _toll_label(toll), toll.span))
    found = _group_sides(ContradictionKind.TOLL, killed, _disjoint, "killed")
    found += _group_sides(ContradictionKind.TOLL, wounded, _disjoint, "wounded")
    found += _group_sides(ContradictionKind.PLACE, places, _places_conflict, "place")
    found += _group_sides(ContradictionKind.TIME, times, _times_conflict, "time")
    return found


def disputed_target_contradictions(
    accounts: Sequence[Account], members: Sequence[tuple[Analysis, tuple[str, ...]]]
) -> list[Contradiction]:
    """A belligerent that owns the attack but denies what the others say it hit: "its air strike hit a
    gathering of Houthi fighters" with "the coalition did not target any market", against a market toll."""
    statements = {s.id: s for analysis, _ in members for s in analysis.statements}
    found: list[Contradiction] = []
    rejected_owners: list[tuple[str, str | None]] = []  # (rejecter, owner id): one dispute per side ("Israel", its army)
    for owner in (a for a in accounts if a.stance is AccountStance.CLAIMS_RESPONSIBILITY):
        denials = [statements[i] for i in owner.statement_ids if i in statements and statements[i].stance is Stance.DENY]
        others = [
            a
            for a in accounts
            if a is not owner
            and a.stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES, AccountStance.CONFIRMS)
            and not related(a.source_actor_id, owner.source_actor_id)
        ]
        # the other side rejects what the owner says it hit ("rejected Moscow's claim that the port was used to
        # prepare naval drones"): a denial that names no perpetrator, by a source not of the owner's side
        for rejecter in accounts:
            if rejecter.stance is not AccountStance.DENIES or rejecter.alleged_perpetrator:
                continue
            if related(rejecter.source_actor_id, owner.source_actor_id) or not rejecter.evidence:
                continue
            if any(
                r == rejecter.source and (o == owner.source_actor_id or related(o, owner.source_actor_id))
                for r, o in rejected_owners
            ):
                continue
            rejected_owners.append((rejecter.source, owner.source_actor_id))
            rejected = rejecter.evidence[0]
            found.append(
                Contradiction(
                    kind=ContradictionKind.DISPUTED_TARGET,
                    # the owner's side last, as below: grading reads it as the one that accepts no civilian harm
                    sides=(
                        ContradictionSide(sources=(rejecter.source,), claim="the target was not that", evidence=(rejected,)),
                        _side([owner], f"{owner.source} hit what it says it hit"),
                    ),
                    summary=f'{rejecter.source} disputes what {owner.source} says it hit: "{rejected.text}".',
                )
            )
        if not denials or not others:
            continue
        denied = denials[0].content[0]
        side = ContradictionSide(
            sources=(owner.source,), claim=f"{owner.source} hit something else", evidence=(denied, *owner.evidence[:1])
        )
        found.append(
            Contradiction(
                kind=ContradictionKind.DISPUTED_TARGET,
                sides=(_side(others, "the attack hit what they report"), side),
                summary=f'{owner.source} owns the attack but denies what it is said to have hit: "{denied.text}".',
            )
        )
    return found


def find_contradictions(
    accounts: Sequence[Account], members: Sequence[tuple[Analysis, tuple[str, ...]]]
) -> tuple[Contradiction, ...]:
    return tuple(
        responsibility_contradictions(accounts) + disputed_target_contradictions(accounts, members) + fact_contradictions(members)
    )
