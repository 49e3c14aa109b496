"""The analyst's brief of one incident, in Markdown or HTML (every value escaped).

Modelled on the seed article's "Comment" paragraph: what happened, where and when; who claims
what, through which outlet and with what affiliation; where the accounts conflict; the grade
and why; the sources.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from rashomon.assess.accounts import actor_key, kb_actor, related
from rashomon.assess.contradictions import counter_accuses
from rashomon.model import Account, AccountStance, Incident, Range, Relation
from rashomon.store.base import Store

STANCE_VERBS = {
    AccountStance.ACCUSES: "accuses {perp}",
    AccountStance.DENIES: "denies that {perp} carried out the attack",
    AccountStance.CLAIMS_RESPONSIBILITY: "claims responsibility",
    AccountStance.ATTRIBUTES: "attributes it to {perp}",
    AccountStance.CONFIRMS: "confirms that it took place",
}
# A denial of something other than the attack is given in its own words when it is this short (characters):
# about one clause of wire copy; set by hand so that the brief quotes a clause, never a paragraph.
MAX_QUOTED_DENIAL = 160
RELATION_WORDS = {
    Relation.PART_OF: "part of",
    Relation.BACKED_BY: "backed by",
    Relation.AFFILIATED_WITH: "affiliated with",
    Relation.LED_BY: "led by",
}


def toll_text(r: Range, noun: str) -> str | None:
    if r.min is None and r.max is None:
        return None
    if r.min == r.max:
        return f"{r.min} {noun}"
    if r.max is None:
        return f"at least {r.min} {noun}"
    if r.min is None:
        return f"up to {r.max} {noun}"
    return f"{r.min}-{r.max} {noun}"


def _affiliation(account: Account) -> str:
    if not account.affiliation:
        return ""
    return "; ".join(f"{RELATION_WORDS.get(a.relation, a.relation.value)} {a.name}" for a in account.affiliation)


def _outlet_notes(account: Account, outlet_affiliations: dict[str, str]) -> str:
    parts = []
    for outlet in account.outlets:
        notes = [outlet_affiliations[outlet]] if outlet in outlet_affiliations else []
        if account.source_actor_id and related(account.source_actor_id, actor_key(outlet)):
            notes.append(f"not independent of {account.source}")
        parts.append(f"{outlet} ({'; '.join(notes)})" if notes else outlet)
    return ", ".join(parts)


def account_sentence(account: Account, outlet_affiliations: dict[str, str], accused: Sequence[str] = ()) -> str:
    perp = account.alleged_perpetrator or "an unnamed party"
    if account.stance is AccountStance.DENIES and perp == account.source:
        perp = "it"
    sentence = f"{account.source}"
    affiliation = _affiliation(account)
    if affiliation:
        sentence += f" ({affiliation})"
    verb = STANCE_VERBS[account.stance].format(perp=perp)
    denier = account.source_actor_id or actor_key(account.source)
    self_accused = any(name == account.source or related(denier, actor_key(name)) for name in accused)
    if account.stance is AccountStance.DENIES and (perp == "an unnamed party" or (perp == "it" and not self_accused)):
        verb = "denies that the event took place as alleged"  # not the accused: a denial of the event itself
        said = account.evidence[0].text if account.evidence else ""
        if said.startswith("that ") and len(said) <= MAX_QUOTED_DENIAL:
            verb = f"denies {said}"  # in its words: "that any of its fighters were in the school"
    if counter_accuses(account):
        verb = f"denies carrying out the attack and blames {perp}"  # "we did not fire ... army warplanes struck"
    if _plural(account.source):
        verb = _plural_verb(verb)
    sentence += " " + verb
    details = [t for t in (toll_text(account.killed, "killed"), toll_text(account.wounded, "wounded")) if t]
    if account.method:
        details.append(f"method: {account.method}")
    if account.place:
        details.append(f"at {account.place}")
    if details:
        sentence += " (" + ", ".join(details) + ")"
    if account.outlets:
        sentence += f", as carried by {_outlet_notes(account, outlet_affiliations)}"
    return sentence + "."


# Plural nouns that do not end in -s ("local media say", "police say").
PLURAL_NOUNS = frozenset({"media", "police", "people", "staff"})
_PREPOSITION = re.compile(r"\s(?:at|of|in|from|for|with|on|near)\s")


def _plural(source: str) -> bool:
    """Whether a descriptive source is plural ("medics at the Saudi hospital", "local media"); a name is not."""
    head = _PREPOSITION.split(source, maxsplit=1)[0].strip()
    last = head.split()[-1] if head.split() else ""
    if not last or last[:1].isupper() or any(w[:1].isupper() for w in head.split()[1:]):
        return False
    return last in PLURAL_NOUNS or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def _plural_verb(verb: str) -> str:
    """ "denies that ..." -> "deny that ...": the first word of the stance phrase agrees with a plural source."""
    first, _, rest = verb.partition(" ")
    plural = first[:-3] + "y" if first.endswith("ies") else first[:-1] if first.endswith("s") else first
    return f"{plural} {rest}".strip()


def _when_where(incident: Incident) -> str:
    parts = []
    if incident.place is not None:
        where = incident.place.name
        if incident.place.country_code:
            where += f" ({incident.place.country_code})"
        parts.append(where)
    if incident.time is not None and incident.time.start is not None:
        parts.append(f'{incident.time.start:%A %d %B %Y} ("{incident.time.expression}")')
    return ", ".join(parts)


def _outlet_affiliations(incident: Incident) -> dict[str, str]:
    """Outlet -> its affiliation, from the knowledge base when the extraction package provides one."""
    out: dict[str, str] = {}
    for outlet in {o for a in incident.accounts for o in a.outlets} | {r.outlet for r in incident.reports if r.outlet}:
        actor = kb_actor(actor_key(outlet))
        if actor is not None and actor.affiliations:
            out[outlet] = "; ".join(f"{RELATION_WORDS.get(e.relation, e.relation.value)} {e.name}" for e in actor.affiliations)
    return out


def brief_sections(incident: Incident, urls: dict[str, str | None] | None = None) -> list[tuple[str, list[str]]]:
    """The brief as (heading, paragraphs or list items) sections, shared by both renderings."""
    tolls = [t for t in (toll_text(incident.killed, "killed"), toll_text(incident.wounded, "wounded")) if t]
    happened = f"{incident.title}."
    where_when = _when_where(incident)
    if where_when:
        happened += f" Where and when: {where_when}"
    if tolls:
        happened += f". Reported toll (lowest credible figure first): {', '.join(tolls)}"
    n_reports = len(incident.reports)
    n_copies = sum(1 for r in incident.reports if not r.independent)
    happened += f". Built from {n_reports} report{'s' if n_reports != 1 else ''}"
    if n_copies:
        happened += f", {n_copies} of them syndicated cop{'y' if n_copies == 1 else 'ies'}"
    happened += "."
    outlets = _outlet_affiliations(incident)
    accused = [
        str(a.alleged_perpetrator)
        for a in incident.accounts
        if a.alleged_perpetrator and a.stance in (AccountStance.ACCUSES, AccountStance.ATTRIBUTES)
    ]
    accounts = [account_sentence(a, outlets, accused) for a in incident.accounts] or ["No source is quoted on this incident."]
    conflicts = [c.summary for c in incident.contradictions] or ["The accounts do not contradict each other."]
    grade = [f"Grade: {incident.grade.value}.", *incident.grade_reasons]
    sources = []
    for report in incident.reports:
        url = report.url or (urls or {}).get(report.id)
        line = f"{report.outlet or 'unknown outlet'}: {url or report.id}"
        if not report.independent:
            line += " (syndicated copy; not an independent source)"
        elif report.outlet in outlets:
            line += f" ({outlets[report.outlet]})"
        sources.append(line)
    return [
        ("What happened", [happened]),
        ("Who says what", accounts),
        ("Where the accounts conflict", conflicts),
        ("Grade", grade),
        ("Sources", sources),
    ]


def render_markdown(incident: Incident, urls: dict[str, str | None] | None = None) -> str:
    lines = [f"# Incident {incident.id}: {incident.title}", ""]
    for heading, items in brief_sections(incident, urls):
        lines.append(f"## {heading}")
        lines.append("")
        if heading in ("What happened",):
            lines.extend(items)
        else:
            lines.extend(f"- {item}" for item in items)
        lines.append("")
    return "\n".join(lines)


def render_html(incident: Incident, urls: dict[str, str | None] | None = None) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Incident {e(incident.id)}</title></head><body>",
        f"<h1>Incident {e(incident.id)}: {e(incident.title)}</h1>",
    ]
    for heading, items in brief_sections(incident, urls):
        parts.append(f"<h2>{e(heading)}</h2>")
        if heading == "What happened":
            parts.extend(f"<p>{e(item)}</p>" for item in items)
        else:
            parts.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def report_urls(store: Store, incident: Incident) -> dict[str, str | None]:
    urls: dict[str, str | None] = {}
    for ref in incident.reports:
        if ref.url:
            urls[ref.id] = ref.url
            continue
        try:
            urls[ref.id] = store.get_report(ref.id).url
        except Exception:  # noqa: BLE001 - a missing report only loses its URL in the brief
            urls[ref.id] = None
    return urls


def write_brief(store: Store, incident_id: str, fmt: str = "md") -> str:
    incident = store.get_incident(incident_id)
    urls = report_urls(store, incident)
    return render_html(incident, urls) if fmt == "html" else render_markdown(incident, urls)


__all__: Sequence[str] = ("render_html", "render_markdown", "write_brief")
