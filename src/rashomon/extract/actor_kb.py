"""The actor knowledge base: loader, name normalisation, exact and fuzzy lookup, affiliation chains.

The data are the reviewable TSV files in ``rashomon/data/actors/`` (format in their README). ``load_kb()``
reads and validates them once per process (``functools.cache`` on packaged read-only data); ``load_kb(path)``
reads another directory afresh, which is how tests and reviewers check a changed file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from rashomon.errors import NotFound, PipelineError
from rashomon.model import Actor, Affiliation, Relation, Sector

COLUMNS = ("id", "name", "kind", "sector", "country", "aliases", "edges")
KINDS = frozenset({"ORG", "PERSON", "OUTLET", "GPE"})
AMBIGUOUS_MARK = "~"  # alias prefix: shared or too ambiguous to tag in running text; lookup-only
EMPTY = "-"

# Fuzzy matching (rapidfuzz ``fuzz.ratio`` on normalised names, 0-100). Calibrated on the spelling variants and
# distractor names in tests/extract/test_actor_kb.py (FUZZY_VARIANTS, FUZZY_DISTRACTORS): the 20 variants
# scored 93.3-100 against their actor (lowest: "Jabhat al-Nosra" -> Jabhat al-Nusra), the 40 distractors at
# most 84.8 ("Asaib Ahl al-Kahf", "United Nations Foundation"); 90 sits in that gap. Known limit: a different
# person with a near-identical name ("Abdullah Abdullahi" vs "Abdullah Abdullah", 97.1) still matches.
FUZZY_THRESHOLD = 90.0
# Names shorter than this (normalised characters) are never fuzzy-matched: one edit in "KSS" or "Amal"
# is another name, not a spelling variant.
FUZZY_MIN_LENGTH = 6

_YEARS = re.compile(r"\(\s*\d{4}\s*[-–]\s*(?:\d{4})?\s*\)")  # ACLED's "(2014-)", "(2000-2024)"
_APOSTROPHES = re.compile(r"['’‘ʼʻʿʾ`´]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^the ")


def normalize_name(text: str) -> str:
    """Key used for exact lookup: case, diacritics, apostrophes, dots and hyphens do not matter.

    ``I.R.G.C.`` and ``IRGC`` both give ``irgc``; ``Kata'ib Sayyid al-Shuhada`` and ``Kataib Sayyid al Shuhada``
    both give ``kataib sayyid al shuhada``; a leading "the" and ACLED's year ranges ("Military Forces of
    Afghanistan (2014-)") are dropped.
    """
    decomposed = unicodedata.normalize("NFKD", _YEARS.sub(" ", text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped).replace(".", "").casefold()
    key = _NON_ALNUM.sub(" ", stripped).strip()
    return _LEADING_THE.sub("", key)


@dataclass(frozen=True)
class AliasEntry:
    """One surface form of one actor, as the data files give it."""

    text: str
    actor_id: str
    ambiguous: bool


class ActorKB:
    """Read-only view of the actor knowledge base. Build it with ``load_kb``."""

    def __init__(self, actors: Mapping[str, Actor], aliases: Iterable[AliasEntry]) -> None:
        self._actors = dict(actors)
        self._aliases = tuple(aliases)
        index: dict[str, set[str]] = {}
        strict: dict[str, set[str]] = {}
        for entry in self._aliases:
            key = normalize_name(entry.text)
            index.setdefault(key, set()).add(entry.actor_id)
            if not entry.ambiguous:
                strict.setdefault(key, set()).add(entry.actor_id)
        self._index = {key: frozenset(ids) for key, ids in index.items() if key}
        self._strict_index = {key: frozenset(ids) for key, ids in strict.items() if key}
        # Fuzzy candidates: unambiguous keys long enough to have spelling variants.
        fuzzy: dict[str, str] = {}
        for entry in self._aliases:
            key = normalize_name(entry.text)
            if entry.ambiguous or len(key) < FUZZY_MIN_LENGTH or len(self._index.get(key, ())) != 1:
                continue
            fuzzy[key] = entry.actor_id
        self._fuzzy_keys = tuple(fuzzy)
        self._fuzzy_ids = tuple(fuzzy.values())
        # Affiliation chains, computed once (a few hundred short walks): the KB never changes after loading.
        self._closures = {actor_id: self._walk(actor_id) for actor_id in self._actors}

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def all(self) -> tuple[Actor, ...]:
        return tuple(self._actors.values())

    def get(self, actor_id: str) -> Actor:
        try:
            return self._actors[actor_id]
        except KeyError:
            raise NotFound(
                f"actor id {actor_id!r} is not in the knowledge base; see rashomon/data/actors/*.tsv for known ids"
            ) from None

    def alias_entries(self) -> tuple[AliasEntry, ...]:
        """Every surface form (canonical names included) with its actor and ambiguity mark."""
        return self._aliases

    # ------------------------------------------------------------------ lookup

    def candidates(self, text: str) -> tuple[Actor, ...]:
        """All actors one name can denote (several for an ambiguous alias), sorted by id."""
        ids = self._index.get(normalize_name(text), frozenset())
        return tuple(self._actors[i] for i in sorted(ids))

    def lookup(self, text: str, *, strict: bool = False) -> Actor | None:
        """The one actor this exact name (after normalisation) denotes, else None (unknown or ambiguous).

        ``strict`` ignores aliases marked ambiguous ('~'): "Coalition" then finds nothing, since it may be
        the Saudi-led coalition as well as CJTF-OIR.
        """
        index = self._strict_index if strict else self._index
        ids = index.get(normalize_name(text))
        if ids is None and ":" in text:  # ACLED's "NATO: North Atlantic Treaty Organization"
            parts = [index.get(normalize_name(part)) for part in text.split(":")]
            found = {frozenset(p) for p in parts if p}
            ids = next(iter(found)) if len(found) == 1 else None
        if ids is None or len(ids) != 1:
            return None
        return self._actors[next(iter(ids))]

    def led_coalition(self, word: str) -> Actor | None:
        """The coalition a "State-led" word stands for ("Saudi-led strike", "U.S.-led raids"), when the knowledge
        base names one "<State>-led coalition"; None for any other word."""
        return self.lookup(word + " coalition", strict=True) if word.endswith("-led") else None

    def national(self, country: str, noun: str) -> Actor | None:
        """The body a bare "the army" / "the military" / "the police" means in a report about ``country`` (ISO
        code): the actor the knowledge base names "<State>'s <noun>" ("Sudan's army": Sudanese Armed Forces)."""
        state = self.state(country)
        return self.lookup(f"{state.name}'s {noun}", strict=True) if state is not None else None

    def state(self, country: str) -> Actor | None:
        """The state (kind GPE) of an ISO country code, or None when the knowledge base has none."""
        return next((a for a in self._actors.values() if a.kind == "GPE" and str(a.country).upper() == country.upper()), None)

    def fuzzy(self, text: str, *, strict: bool = False) -> Actor | None:
        """Exact lookup first, then the closest unambiguous name at or above ``FUZZY_THRESHOLD``."""
        exact = self.lookup(text, strict=strict)
        if exact is not None:
            return exact
        key = normalize_name(text)
        if len(key) < FUZZY_MIN_LENGTH or not self._fuzzy_keys:
            return None
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if best is None:
            return None
        return self._actors[self._fuzzy_ids[best[2]]]

    # ------------------------------------------------------------------ affiliations

    def affiliations(self, actor_id: str) -> tuple[Affiliation, ...]:
        """The direct edges of one actor (part_of, backed_by, affiliated_with, led_by)."""
        return self.get(actor_id).affiliations

    def closure(self, actor_id: str) -> frozenset[str]:
        """The actor and everything reachable along its outgoing edges (all relations, transitively)."""
        self.get(actor_id)
        return self._closures[actor_id]

    def _walk(self, actor_id: str) -> frozenset[str]:
        seen = {actor_id}
        stack = [actor_id]
        while stack:
            for edge in self._actors[stack.pop()].affiliations:
                if edge.actor_id not in seen:
                    seen.add(edge.actor_id)
                    stack.append(edge.actor_id)
        return frozenset(seen)

    def related(self, a: str, b: str, siblings: bool = True) -> bool:
        """True when two actors share a part_of/backed_by/affiliated_with/led_by chain (or are one actor).

        K.S.S. and Tasnim are related (both lead to the IRGC); K.S.S. and CJTF-OIR are not. Used to judge
        whether two sources are independent. With ``siblings=False`` one must lie on the other's chain
        (K.S.S. and the IRGC), not only share an end of it: Hezbollah and the Houthis, both backed by the
        IRGC, are two perpetrators, not one.
        """
        if not siblings:
            return b in self.closure(a) or a in self.closure(b)
        return bool(self.closure(a) & self.closure(b))


# ---------------------------------------------------------------------- loading


def _parse_edges(field: str, where: str) -> list[tuple[Relation, str]]:
    if field == EMPTY:
        return []
    edges = []
    for item in field.split("|"):
        relation, _, target = item.partition(":")
        try:
            edges.append((Relation(relation.strip()), target.strip()))
        except ValueError:
            raise PipelineError(f"{where}: unknown relation {relation!r}; use one of {[r.value for r in Relation]}") from None
    return edges


@dataclass
class _Row:
    actor_id: str
    name: str
    kind: str
    sector: Sector
    country: str | None
    aliases: list[AliasEntry]
    edges: list[tuple[Relation, str]]
    where: str


def read_rows(directory: Path) -> Iterator[_Row]:
    files = sorted(directory.glob("*.tsv"))
    if not files:
        raise PipelineError(f"no actor files (*.tsv) in {directory}; the package data is incomplete, reinstall rashomon")
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#") or line.startswith("id\t"):
                continue
            where = f"{path.name}:{lineno}"
            fields = line.split("\t")
            if len(fields) != len(COLUMNS):
                raise PipelineError(f"{where}: expected {len(COLUMNS)} tab-separated columns {COLUMNS}, got {len(fields)}")
            actor_id, name, kind, sector, country, aliases, edges = (f.strip() for f in fields)
            if kind not in KINDS:
                raise PipelineError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
            try:
                sector_value = Sector(sector)
            except ValueError:
                raise PipelineError(f"{where}: sector {sector!r} is not one of {[s.value for s in Sector]}") from None
            entries: list[AliasEntry] = []
            if aliases != EMPTY:
                for alias in aliases.split("|"):
                    ambiguous = alias.startswith(AMBIGUOUS_MARK)
                    text = alias.removeprefix(AMBIGUOUS_MARK).strip()
                    if text:
                        entries.append(AliasEntry(text, actor_id, ambiguous))
            if "(" not in name and not any(e.text == name for e in entries):
                # The canonical name is an alias too, unless bracketed or listed with '~' ("~Reprieve").
                entries.insert(0, AliasEntry(name, actor_id, ambiguous=False))
            yield _Row(
                actor_id,
                name,
                kind,
                sector_value,
                None if country == EMPTY else country,
                entries,
                _parse_edges(edges, where),
                where,
            )


def validate(rows: list[_Row]) -> list[str]:
    """Problems that make the data unusable: duplicate ids, dangling edges, unmarked shared aliases."""
    problems: list[str] = []
    ids: dict[str, str] = {}
    for row in rows:
        if row.actor_id in ids:
            problems.append(f"{row.where}: id {row.actor_id!r} already defined at {ids[row.actor_id]}")
        ids.setdefault(row.actor_id, row.where)
    for row in rows:
        for relation, target in row.edges:
            if target not in ids:
                problems.append(f"{row.where}: {row.actor_id} {relation.value} {target!r}, which is not an id")
            if target == row.actor_id:
                problems.append(f"{row.where}: {row.actor_id} {relation.value} itself")
    for row in rows:
        marks: dict[str, set[bool]] = {}
        for entry in row.aliases:
            marks.setdefault(entry.text, set()).add(entry.ambiguous)
        problems.extend(
            f"{row.where}: alias {text!r} is listed both with and without '~'" for text, m in marks.items() if len(m) > 1
        )
    claims: dict[str, dict[str, AliasEntry]] = {}
    for row in rows:
        for entry in row.aliases:
            claims.setdefault(normalize_name(entry.text), {}).setdefault(row.actor_id, entry)
    for key, by_actor in claims.items():
        if len(by_actor) > 1:
            unmarked = [f"{e.text!r} ({a})" for a, e in by_actor.items() if not e.ambiguous]
            if unmarked:
                problems.append(
                    f"alias key {key!r} names {sorted(by_actor)}; mark it ambiguous with '~' in: {', '.join(unmarked)}"
                )
    return problems


def _build(directory: Path) -> ActorKB:
    rows = list(read_rows(directory))
    problems = validate(rows)
    if problems:
        shown = "\n  ".join(problems[:20])
        raise PipelineError(f"actor knowledge base in {directory} is invalid ({len(problems)} problems):\n  {shown}")
    names = {row.actor_id: row.name for row in rows}
    actors: dict[str, Actor] = {}
    aliases: list[AliasEntry] = []
    for row in rows:
        seen: set[str] = set()
        unique: list[str] = []
        for entry in row.aliases:
            if entry.text != row.name and entry.text not in seen:
                seen.add(entry.text)
                unique.append(entry.text)
        actors[row.actor_id] = Actor(
            id=row.actor_id,
            name=row.name,
            aliases=tuple(unique),
            kind=row.kind,
            sector=row.sector,
            country=row.country,
            affiliations=tuple(Affiliation(relation=r, actor_id=t, name=names[t]) for r, t in row.edges),
        )
        aliases.extend(row.aliases)
    return ActorKB(actors, aliases)


def packaged_data_dir() -> Path:
    return Path(str(resources.files("rashomon.data").joinpath("actors")))


@cache
def _packaged_kb() -> ActorKB:
    return _build(packaged_data_dir())


def load_kb(directory: Path | str | None = None) -> ActorKB:
    """The packaged knowledge base (read once per process), or the one in ``directory`` (read afresh)."""
    if directory is None:
        return _packaged_kb()
    return _build(Path(directory))
