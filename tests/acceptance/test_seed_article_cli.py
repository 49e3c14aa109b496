"""Acceptance (issues 2, 3, 4): the seed article through the installed `rashomon analyze` executable.

One real subprocess per module (no in-process runner, no monkeypatched pipeline): what a user types is
what is checked. The unit tests in tests/extract and tests/cli check the same components in-process; this
module adds the end-to-end view plus what they do not check: JSON-Schema validity of the printed object,
coordinates against independent reference positions, and that the seed's bombardment is never told in the
author's voice.
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import REPO_ROOT, shared_path
from rashomon.model import Analysis

RASHOMON = Path(sys.executable).with_name("rashomon")
ARGS = ("--published", "2017-08-09", "--outlet", "Middle East Institute", "--format", "json")
MAX_ERROR_KM = 25.0  # issue 4, "Done when": each place within 25 km of its true position

# At Tanf: read from ../shared/gazetteer/wof/wof_sy.tsv (wof_id 1293283047, GeoNames 172344), not from our own table.
TANF_WOF_ID = "1293283047"
# al-Akashat is absent from GeoNames cities500, WOF and Natural Earth (../shared/gazetteer/SOURCE.txt). Reference:
# 33 deg 40' N 39 deg 58' E (ru.wikipedia "Акашат" infobox), consistent with Al-Arabiya 2017-08-09 ("about 50 km
# east of the Syrian-Iraqi border": the border crosses 33.67 N near 39.4 E). This is the same source the curated
# table cites, so this check guards the lookup and the disambiguation, not the source itself.
AKASHAT = (33.6667, 39.9667)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _tanf_reference() -> tuple[float, float]:
    path = shared_path("gazetteer", "wof", "wof_sy.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["wof_id"] == TANF_WOF_ID:
                return float(row["lat"]), float(row["lon"])
    raise AssertionError(f"wof_id {TANF_WOF_ID} (At Tanf) not found in {path}")


@pytest.fixture(scope="module")
def run() -> subprocess.CompletedProcess[str]:
    if not RASHOMON.exists():
        pytest.skip(f"{RASHOMON} is not installed (run `make demo` or pip install -e .)")
    seed = shared_path("seed", "000_c092c067313caf18.txt")
    return subprocess.run(
        [str(RASHOMON), "analyze", str(seed), *ARGS], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def data(run: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _statement(data: dict[str, Any], words: str) -> dict[str, Any]:
    found = [s for s in data["statements"] if any(words in c["text"] for c in s["content"])]
    assert len(found) == 1, f"{len(found)} statements hold {words!r}"
    return found[0]


def _strike(data: dict[str, Any]) -> dict[str, Any]:
    found = [e for e in data["events"] if (e["plover_type"], e["plover_mode"], e["modality"]) == ("ASSAULT", "aerial", "alleged")]
    assert len(found) == 1, [(e["trigger"]["text"], e["plover_type"], e["modality"]) for e in data["events"]]
    return found[0]


# ---- issue 2: one JSON object following the documented schema ----------------------------------------------


def test_stdout_is_exactly_one_json_object_and_stderr_stays_out(run: subprocess.CompletedProcess[str]) -> None:
    assert run.returncode == 0, run.stderr
    decoder = json.JSONDecoder()
    text = run.stdout.strip()
    obj, end = decoder.raw_decode(text)
    assert isinstance(obj, dict)
    assert end == len(text), f"trailing output after the JSON object: {text[end : end + 80]!r}"


def test_json_validates_against_the_analysis_json_schema(data: dict[str, Any]) -> None:
    schema = Analysis.model_json_schema(mode="serialization")
    jsonschema.validate(data, schema)
    for key in ("statements", "events", "actors", "places", "times"):
        assert isinstance(data[key], list) and data[key], f"{key} is empty or not a list"
    report = data["report"]
    assert (report["outlet"], report["published"]) == ("Middle East Institute", "2017-08-09T00:00:00Z")
    assert report["source"].endswith("000_c092c067313caf18.txt")
    # Every span the output cites is a real slice of the report text.
    text = report["text"]
    spans = [c for s in data["statements"] for c in s["content"]] + [e["trigger"] for e in data["events"]]
    spans += [p["span"] for p in data["places"]] + [a["span"] for a in data["actors"]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


# ---- issue 3: the three statements --------------------------------------------------------------------------


def test_welayi_accuses_us_forces_in_an_interview_with_tasnim(data: dict[str, Any]) -> None:
    statement = _statement(data, "heavily bombarded by the Americans")
    assert statement["speaker_name"] == "Abu Ala al-Welayi"
    assert (statement["stance"], statement["attributed"]) == ("accuse", True)
    assert (statement["channel"]["kind"], statement["channel"]["outlet"]) == ("interview", "Tasnim News Agency")
    # "against US forces": the accused party of this statement's event is the KB actor us_forces.
    accused = {e["actor"]["actor_id"] for e in data["events"] if e["statement_id"] == statement["id"] and e["actor"]}
    assert accused == {"us_forces"}


def test_dillon_denies_in_a_tweet(data: dict[str, Any]) -> None:
    statement = _statement(data, "No Coalition strikes there")
    assert statement["speaker_name"] == "Ryan Dillon"
    assert "spokesman" in (statement["speaker_role"] or "")
    assert (statement["stance"], statement["channel"]["kind"]) == ("deny", "tweet")


def test_islamic_state_supporters_claim_responsibility_in_a_statement(data: dict[str, Any]) -> None:
    statement = _statement(data, "carried out the attack")
    assert statement["speaker_name"] == "Islamic State supporters"
    assert (statement["stance"], statement["channel"]["kind"]) == ("claim_responsibility", "statement")


def test_the_bombardment_is_attributed_to_welayi_not_told_as_fact(data: dict[str, Any]) -> None:
    text = data["report"]["text"]
    at = text.index("heavily bombarded by the Americans")
    holders = [s for s in data["statements"] if any(c["start"] <= at < c["end"] for c in s["content"])]
    assert [(s["speaker_name"], s["attributed"]) for s in holders] == [("Abu Ala al-Welayi", True)]
    # No event inside the quote is in the author's voice, and each points to Welayi's statement.
    inside = [e for e in data["events"] if any(c["start"] <= e["trigger"]["start"] < c["end"] for c in holders[0]["content"])]
    assert inside, "no event extracted from the bombardment quote"
    assert all(e["modality"] != "author" and e["statement_id"] == holders[0]["id"] for e in inside)
    # Nor anywhere else: the article itself never asserts an American strike.
    told = [e["trigger"]["text"] for e in data["events"] if e["plover_type"] == "ASSAULT" and e["modality"] == "author"]
    assert told == []


# ---- issue 4: the alleged strike -------------------------------------------------------------------------


def test_strike_is_an_alleged_aerial_assault_by_us_forces_on_kss(data: dict[str, Any]) -> None:
    strike = _strike(data)
    assert (strike["actor"]["actor_id"], strike["target"]["actor_id"]) == ("us_forces", "kss")
    speaker = next(s["speaker_name"] for s in data["statements"] if s["id"] == strike["statement_id"])
    assert speaker == "Abu Ala al-Welayi"


def test_akashat_in_anbar_iraq_and_tanf_in_syria_within_25_km(data: dict[str, Any]) -> None:
    places = _strike(data)["places"]
    akashat = [p for p in places if "Akashat" in p["span"]["text"]]
    tanf = [p for p in places if "Tanf" in p["span"]["text"]]
    assert akashat and tanf, [p["span"]["text"] for p in places]
    tanf_true = _tanf_reference()
    for place in akashat:
        assert (place["country_code"], place["admin1"]) == ("IQ", "Al Anbar")
        assert _km(place["lat"], place["lon"], *AKASHAT) <= MAX_ERROR_KM, place
    for place in tanf:
        assert place["country_code"] == "SY"
        assert _km(place["lat"], place["lon"], *tanf_true) <= MAX_ERROR_KM, place


def test_killed_at_least_24_with_hossein_qomi_named(data: dict[str, Any]) -> None:
    strike = _strike(data)
    assert strike["killed"]["min"] >= 24
    assert strike["killed"]["max"] is None or strike["killed"]["max"] >= strike["killed"]["min"]
    assert [v["name"] for v in strike["named_victims"]] == ["Hossein Qomi"]


def test_time_is_the_night_before_publication(data: dict[str, Any]) -> None:
    time = _strike(data)["time"]
    assert time["expression"].lower() == "last night"
    assert time["precision"] == "part_of_day"
    # Published 2017-08-09 (no clock time): the night that ends on the publication day.
    assert time["start"].startswith("2017-08-08T") and time["end"].startswith("2017-08-09T")
    assert time["start"] < time["end"] <= "2017-08-09T12:00:00Z"
