"""The committed front-end build outputs match their sources: npm packages and packaged boundaries."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from rashomon.web.app import static_dir

REPO = Path(__file__).resolve().parents[2]
STATIC = static_dir()
VENDOR = STATIC / "vendor"


def test_vendor_files_match_manifest_and_lock() -> None:
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    lock = json.loads((REPO / "package-lock.json").read_text())["packages"]
    wanted = json.loads((REPO / "package.json").read_text())["dependencies"]
    assert set(manifest) == set(wanted)
    for name, entry in manifest.items():
        assert entry["version"] == wanted[name] == lock[f"node_modules/{name}"]["version"]
        assert entry["integrity"] == lock[f"node_modules/{name}"]["integrity"]
        for rel, digest in entry["files"].items():
            assert hashlib.sha256((VENDOR / rel).read_bytes()).hexdigest() == digest, f"{rel} differs from `make assets` output"
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"MANIFEST.json"}
    assert on_disk == {rel for entry in manifest.values() for rel in entry["files"]}


def test_vendor_files_equal_node_modules_when_installed() -> None:
    modules = REPO / "node_modules"
    if not modules.is_dir():
        pytest.skip("node_modules is absent; run `make assets` to compare against npm")
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    assert (VENDOR / "leaflet/leaflet.js").read_bytes() == (modules / "leaflet/dist/leaflet.js").read_bytes()
    assert (
        manifest["topojson-client"]["files"]["topojson-client/topojson-client.min.js"]
        == hashlib.sha256((modules / "topojson-client/dist/topojson-client.min.js").read_bytes()).hexdigest()
    )


def test_map_boundaries_are_packaged() -> None:
    topo = json.loads((STATIC / "map/countries.topo.json").read_text())
    assert topo["type"] == "Topology" and "countries" in topo["objects"]
    assert len(topo["objects"]["countries"]["geometries"]) > 200
    admin1 = json.loads((STATIC / "map/admin1.geo.json").read_text())
    names = {f["properties"]["iso_3166_2"] for f in admin1["features"]}
    assert len(admin1["features"]) > 4500
    assert {"IQ-AN", "SY-DY", "UA-30", "YE-AD"} <= names  # Anbar, Deir ez-Zor, Kyiv city, Aden
    assert (STATIC / "map/admin1.geo.json").stat().st_size < 3_000_000


def test_templates_reference_existing_static_files() -> None:
    templates = Path(static_dir()).parent / "templates"
    for template in templates.glob("*.html"):
        for ref in re.findall(r'(?:src|href|data-[a-z0-9]+)="/static/([^"]+)"', template.read_text()):
            assert (STATIC / ref).is_file(), f"{template.name} links /static/{ref}, which is not packaged"
