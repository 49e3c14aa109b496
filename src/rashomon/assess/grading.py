"""Grade an incident from its accounts, contradictions and sources (rules in docs/incidents.md).

Rules are applied in this order; the first that holds gives the grade, and every rule that
was checked leaves a reason:

1. discounted: no report asserts the event (every mention is denied or hypothetical), or a
   source that is not the alleged perpetrator (nor related to it) denies it and nobody but
   the accusers (an identified one) confirms it or claims it.
2. contested: rival perpetrators, an accusation against a denial, or a third party's claim.
3. confirmed: a belligerent accepts responsibility (claims it, or confirms its own action)
   and no credible rival claim exists; not when it denies what the others say it hit.
4. fair: two or more independent sources agree (independent outlets, syndicated copies and
   outlets affiliated with each other count once; or identified, unrelated source actors).
5. weak: a single source.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.assess.accounts import actor_key, is_generic, related
from rashomon.model import (
    Account,
    AccountStance,
    Analysis,
    Contradiction,
    ContradictionKind,
    Grade,
    IncidentReport,
    Modality,
)

RESPONSIBILITY_KINDS = (
    ContradictionKind.RIVAL_PERPETRATORS,
    ContradictionKind.ACCUSATION_VS_DENIAL,
    ContradictionKind.THIRD_PARTY_CLAIM,
)
# Sources needed for "fair" (Airwars: two or more credible, independent sources).
FAIR_MIN_SOURCES = 2


def independent_outlet_groups(reports: Sequence[IncidentReport]) -> list[list[str]]:
    """Outlets of the independent reports, merged when the knowledge base relates them."""
    groups: list[tuple[list[str | None], list[str]]] = []
    for report in reports:
        if not report.independent:
            continue
        outlet = report.outlet or report.id
        key = actor_key(outlet)
        for keys, names in groups:
            if outlet in names or any(k == key or related(k, key) for k in keys):
                if outlet not in names:
                    names.append(outlet)
                    keys.append(key)
                break
        else:
            groups.append(([key], [outlet]))
    return [names for _, names in groups]


def independent_source_groups(accounts: Sequence[Account]) -> list[list[str]]:
    """Identified source actors (knowledge-base ids), merged when related; anonymous sources do not count."""
    groups: list[tuple[list[str | None], list[str]]] = []
    for account in accounts:
        if account.source_actor_id is None:
            continue
        key = account.source_actor_id
        for keys, names in groups:
            if account.source in names or (key is not None and any(related(k, key) for k in keys)):
                names.append(account.source)
                keys.append(key)
                break
        else:
            groups.append(([key], [account.source]))
    return [names for _, names in groups]


def _is_discounted(accounts: Sequence[Account], members: Sequence[tuple[Analysis, tuple[str, ...]]]) -> str | None:
    events = [e for analysis, ids in members for e in analysis.events if e.id in ids]
    if events and all(e.modality in (Modality.DENIED, Modality.HYPOTHETICAL) for e in events):
        return "no report asserts that the event took place: every mention of it is denied or hypothetical"
    accused = [
        actor_key(a.alleged_perpetrator) for a in accounts if a.stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES)
    ]
    for denier in (a for a in accounts if a.stance is AccountStance.DENIES):
        self_serving = any(
            k is not None and (k == denier.source_actor_id or related(k, denier.source_actor_id) or k == actor_key(denier.source))
            for k in accused
        )
        if self_serving or not accused:
            continue
        # An anonymous "confirms" (often the accusers' own words read on) does not outweigh a named denial.
        backers = [
            a
            for a in accounts
            if a.stance is AccountStance.CLAIMS_RESPONSIBILITY
            or (a.stance is AccountStance.CONFIRMS and not is_generic(a.source, a.source_actor_id))
        ]
        if not backers:
            return (
                f"{denier.source}, which is not the alleged perpetrator, denies the event, "
                "and no source other than the accusers confirms or claims it"
            )
    return None


def grade_incident(
    accounts: Sequence[Account],
    contradictions: Sequence[Contradiction],
    reports: Sequence[IncidentReport],
    members: Sequence[tuple[Analysis, tuple[str, ...]]],
) -> tuple[Grade, tuple[str, ...]]:
    reasons: list[str] = []
    outlets = independent_outlet_groups(reports)
    copies = [r for r in reports if not r.independent]
    if copies:
        reasons.append(
            f"{len(copies)} syndicated or near-duplicate cop{'y' if len(copies) == 1 else 'ies'} counted once with the original"
        )
    discounted = _is_discounted(accounts, members)
    if discounted:
        return Grade.DISCOUNTED, (f"discounted: {discounted}", *reasons)
    disputes = [c for c in contradictions if c.kind in RESPONSIBILITY_KINDS]
    if disputes:
        return Grade.CONTESTED, (*(f"contested: {c.summary}" for c in disputes), *reasons)
    # Owning the attack while denying what it hit ("we struck fighters, not the market") accepts no civilian
    # harm: such an incident is graded by its sources, like one without a claim.
    disputed = [c for c in contradictions if c.kind is ContradictionKind.DISPUTED_TARGET]
    owners = {source for c in disputed for source in c.sides[-1].sources}
    owner_ids = {a.source_actor_id for a in accounts if a.source in owners and a.source_actor_id}
    reasons.extend(f"not confirmed: {c.summary}" for c in disputed)
    # the owner's own state or forces ("Israel says it struck ..." beside the military's account) are the owner too
    claimants = [
        a
        for a in accounts
        if a.stance is AccountStance.CLAIMS_RESPONSIBILITY
        and a.source not in owners
        and not any(related(a.source_actor_id, o) for o in owner_ids)
    ]
    self_confirming = [
        a
        for a in accounts
        if a.stance is AccountStance.CONFIRMS
        and a.alleged_perpetrator
        and (k := actor_key(a.alleged_perpetrator)) is not None
        and (k == a.source_actor_id or related(k, a.source_actor_id))
    ]
    if claimants or self_confirming:
        who = (claimants or self_confirming)[0]
        return Grade.CONFIRMED, (
            f"confirmed: {who.source} accepts responsibility and no source names a rival perpetrator",
            *reasons,
        )
    sources = independent_source_groups(accounts)
    if len(outlets) >= FAIR_MIN_SOURCES or len(sources) >= FAIR_MIN_SOURCES:
        # the count and the list name the same groups: independent outlets, or identified sources when more
        groups = sources if len(sources) > len(outlets) else outlets
        described = "; ".join(", ".join(g) for g in groups)
        return Grade.FAIR, (f"fair: {len(groups)} independent sources agree ({described})", *reasons)
    only = outlets[0][0] if outlets else (sources[0][0] if sources else "one report")
    return Grade.WEAK, (f"weak: a single source ({only})", *reasons)
