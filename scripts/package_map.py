"""Package the map boundaries the web UI draws (no tile server): countries and admin-1 provinces.

Reads ../shared/gazetteer (given by path; never at run time) and writes
src/rashomon/web/static/map/:
  countries.topo.json  world-atlas countries-50m TopoJSON (Natural Earth 1:50m), copied as is
  admin1.geo.json      Natural Earth 10m admin-1 polygons, simplified further (Douglas-Peucker)
                       and rounded, keeping name, ISO 3166-2 code and country code

Usage: python scripts/package_map.py --gazetteer ../shared/gazetteer [--tolerance 0.03] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Degrees. 0.05 deg (~5 km, about 2 px at zoom 6) keeps province shapes recognisable at country
# zoom and brings the 13.6 MB source to about 2.3 MB (0.6 MB gzipped, as served); 0.03 gave
# 3.5 MB with no visible gain at zoom 6.
DEFAULT_TOLERANCE = 0.05
DECIMALS = 2  # ~1 km: below the simplification error
Point = tuple[float, float]


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(line: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings can have thousands of points)."""
    if len(line) < 3:
        return line
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(line[i], line[first], line[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]] | None:
    points = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y, *_ in ring]
    deduped = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(deduped) < 4:
        return None
    # Split the closed ring at its far point so both halves are proper polylines.
    far = max(range(len(deduped)), key=lambda i: (deduped[i][0] - deduped[0][0]) ** 2 + (deduped[i][1] - deduped[0][1]) ** 2)
    half = simplify(deduped[: far + 1], tolerance)[:-1] + simplify(deduped[far:], tolerance)
    if len(half) < 4:
        return None
    return [[x, y] for x, y in half]


def simplify_geometry(geometry: dict[str, object], tolerance: float) -> dict[str, object] | None:
    kind = geometry["type"]
    polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
    assert isinstance(polygons, list)
    out = []
    for polygon in polygons:
        rings = [simplify_ring(ring, tolerance) for ring in polygon]
        if rings and rings[0] is not None:
            out.append([r for r in rings if r is not None])
    if not out:
        return None
    return {"type": "MultiPolygon", "coordinates": out} if len(out) > 1 else {"type": "Polygon", "coordinates": out[0]}


def package(gazetteer: Path, out: Path, tolerance: float) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(gazetteer / "world_atlas" / "countries-50m.json", out / "countries.topo.json")
    source = json.loads((gazetteer / "naturalearth_admin1" / "ne_10m_admin1_simplified.geojson").read_text())
    features = []
    for feature in source["features"]:
        if not feature.get("geometry"):
            continue
        # Provinces smaller than the tolerance keep their (rounded) outline rather than vanish.
        geometry = simplify_geometry(feature["geometry"], tolerance) or simplify_geometry(feature["geometry"], 0.0)
        if geometry is None:
            continue
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("name"), "iso_3166_2": props.get("iso_3166_2"), "country": props.get("iso_a2")},
                "geometry": geometry,
            }
        )
    collection = {
        "type": "FeatureCollection",
        "attribution": f"Natural Earth 10m admin-1 (public domain), simplified {tolerance} deg",
        "features": features,
    }
    (out / "admin1.geo.json").write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False))
    return {"admin1_features": len(features), "admin1_bytes": (out / "admin1.geo.json").stat().st_size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, default=ROOT.parent / "shared" / "gazetteer")
    parser.add_argument("--out", type=Path, default=ROOT / "src/rashomon/web/static/map")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    args = parser.parse_args(argv)
    if not (args.gazetteer / "world_atlas").is_dir():
        print(f"{args.gazetteer} has no world_atlas/; pass --gazetteer with the gazetteer folder", file=sys.stderr)
        return 2
    print(json.dumps(package(args.gazetteer, args.out, args.tolerance)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
