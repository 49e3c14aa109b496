"""`rashomon eval geocode --data FILE.xml`: toponym resolution against gold toponym spans.

Reads the three XML shapes of the geoparsing corpora collected by Gritta et al. (LREV 2019) and tells
them apart itself:
- LGL / TR-News: ``article/text`` + ``toponyms/toponym`` with ``start``, ``end``, ``phrase`` and
  ``gaztag/lat``, ``gaztag/lon``;
- GeoWebNews: ``toponyms/toponym`` with ``extractedName``, ``start``, ``end``, ``latitude``, ``longitude``;
- GeoVirus: ``locations/location`` with ``name``, ``start``, ``end``, ``lat``, ``lon``.

Every gold span of an article is resolved together (the document is the context: each span's name and
the other spans), exactly as the places component resolves the mentions it finds. Only gold places with
coordinates are scored:
- ``acc_161km``: share within 161 km (100 miles);
- ``median_error_km`` and ``mean_error_km``;
- ``auc``: area under the curve of sorted log errors, ``ln(1 + km)`` scaled by ``ln(20039)`` (half the
  Earth's circumference), as in Gritta et al. 2018 ("What's missing in geographical parsing?"); lower is better;
- ``n`` scored places, ``unresolved`` of them with no reading (counted at the maximal error).
"""

from __future__ import annotations

import itertools
import math
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rashomon.errors import UsageError
from rashomon.extract.gazetteer import load_gazetteer
from rashomon.extract.geocode import (
    DocumentPrior,
    Geocoder,
    OutletTally,
    Resolution,
    haversine_km,
    host_prior,
    outlet_prior,
    scan_place_names,
)

ACC_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a place we could not resolve


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]
    outlet: str = ""  # the publishing site's host name, from the file's domain/link/source element


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    try:
        return float(node.text)
    except ValueError:
        return None


def _int(node: ET.Element | None) -> int | None:
    value = _float(node)
    return int(value) if value is not None else None


# Some corpora's offsets are shifted by a character or two (GeoVirus throughout, TR-News in places);
# a gold span whose text differs from its name is moved to the nearest occurrence within this many chars.
ALIGN_WINDOW = 8


def align(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """The gold span, moved onto ``name`` when the given offsets miss it by at most ALIGN_WINDOW chars."""
    if text[start:end] == name or not name:
        return start, end
    lo = max(0, start - ALIGN_WINDOW)
    hits = [lo + i for i in range(len(text[lo : end + ALIGN_WINDOW])) if text.startswith(name, lo + i)]
    if not hits:
        return start, end
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(name)


def detect_shape(root: ET.Element) -> str:
    """'lgl' (LGL/TR-News), 'gwn' (GeoWebNews) or 'geovirus', from the first article's gold elements."""
    for article in root.iter("article"):
        if article.find("locations") is not None:
            return "geovirus"
        toponym = article.find("toponyms/toponym")
        if toponym is None:
            continue
        if toponym.find("gaztag") is not None or toponym.find("phrase") is not None:
            return "lgl"
        if toponym.find("extractedName") is not None or toponym.find("latitude") is not None:
            return "gwn"
    raise UsageError(
        "unrecognised geocoding XML: expected <toponym> (LGL, TR-News, GeoWebNews) or <location> (GeoVirus) elements"
    )


def read_articles(path: Path) -> tuple[str, list[GoldArticle]]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise UsageError(f"{path} is not well-formed XML ({exc}); pass one of the geoparsing corpora's .xml files") from exc
    shape = detect_shape(root)
    articles: list[GoldArticle] = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold: list[GoldToponym] = []
        items = article.findall("locations/location") if shape == "geovirus" else article.findall("toponyms/toponym")
        for item in items:
            start, end = _int(item.find("start")), _int(item.find("end"))
            if start is None or end is None or end <= start or end > len(text):
                continue
            if shape == "lgl":
                name = item.findtext("phrase") or text[start:end]
                lat, lon = _float(item.find("gaztag/lat")), _float(item.find("gaztag/lon"))
            elif shape == "gwn":
                name = item.findtext("extractedName") or text[start:end]
                lat, lon = _float(item.find("latitude")), _float(item.find("longitude"))
            else:
                name = item.findtext("name") or text[start:end]
                lat, lon = _float(item.find("lat")), _float(item.find("lon"))
            start, end = align(text, name, start, end)
            gold.append(GoldToponym(start, end, name, lat, lon))
        articles.append(GoldArticle(text, tuple(gold), outlet_of(article)))
    return shape, articles


def outlet_of(article: ET.Element) -> str:
    """The article's publishing host ("thetowntalk.com"), from ``domain`` (LGL, TR-News), else the host of
    ``url``/``link``/``source`` (GeoWebNews, GeoVirus); "" when the file gives none."""
    domain = (article.findtext("domain") or "").strip().lower()
    if not domain:
        for tag in ("url", "link", "source"):
            address = (article.findtext(tag) or "").strip()
            if address:
                domain = urlsplit(address).hostname or ""
                break
    return domain.removeprefix("www.")


def auc_of(errors: list[float]) -> float:
    """Area under the sorted ln(1 + error) curve, scaled to [0, 1] (Gritta et al. 2018)."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(MAX_ERROR_KM) if errors else 0.0
    logs = [math.log1p(e) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def score(errors: list[float], unresolved: int) -> dict[str, float | int]:
    if not errors:
        return {"acc_161km": 0.0, "median_error_km": 0.0, "mean_error_km": 0.0, "auc": 0.0, "n": 0, "unresolved": unresolved}
    return {
        "acc_161km": round(sum(e <= ACC_KM for e in errors) / len(errors), 4),
        "median_error_km": round(statistics.median(errors), 1),
        "mean_error_km": round(statistics.fmean(errors), 1),
        "auc": round(auc_of(errors), 4),
        "n": len(errors),
        "unresolved": unresolved,
    }


def resolve_articles(articles: list[GoldArticle], geocoder: Geocoder) -> tuple[list[list[Resolution]], list[list[Resolution]]]:
    """Every article's gold spans resolved ``(alone, profiled)``.

    ``alone``: each article on its own (its domain's country still counts, ``host_prior``), what
    ``rashomon analyze`` does with one report, which has no other reports of its outlet to learn from.
    ``profiled``: with its outlet's profile (``outlet_prior``) built from the ``alone`` readings of the
    outlet's *other* articles in the file; an article without a profile keeps its ``alone`` reading.
    """
    alone: list[list[Resolution]] = []
    contexts: dict[int, list[tuple[int, int]]] = {}
    own: dict[int, OutletTally] = {}
    outlets: dict[str, OutletTally] = defaultdict(OutletTally)
    for i, article in enumerate(articles):
        if not article.toponyms:
            alone.append([])
            continue
        contexts[i] = scan_place_names(article.text, geocoder.gazetteer)
        alone.append(_resolve(geocoder, article, contexts[i], None))
        if article.outlet:
            own[i] = OutletTally.of(alone[i])
            outlets[article.outlet].add(own[i])
    profiled: list[list[Resolution]] = []
    for i, article in enumerate(articles):
        profile = outlet_prior(outlets[article.outlet], own[i]) if i in own else None
        profiled.append(alone[i] if profile is None else _resolve(geocoder, article, contexts[i], profile))
    return alone, profiled


def _resolve(
    geocoder: Geocoder, article: GoldArticle, context: list[tuple[int, int]], profile: DocumentPrior | None
) -> list[Resolution]:
    spans = [(t.start, t.end) for t in article.toponyms]
    priors = [p for p in (host_prior(article.outlet), profile) if p is not None]
    return geocoder.resolve(article.text, spans, fallback=True, context=context, priors=priors)


def evaluate(path: Path) -> dict[str, float | int | str]:
    """Scores with the outlet profile (the headline figures), plus ``per_report_acc_161km``: the same
    without it, as one report analysed on its own is resolved."""
    shape, articles = read_articles(Path(path))
    alone, profiled = resolve_articles(articles, Geocoder(load_gazetteer()))
    return {
        "shape": shape,
        "articles": len(articles),
        **score(*_errors(articles, profiled)),
        "per_report_acc_161km": score(*_errors(articles, alone))["acc_161km"],
    }


def _errors(articles: list[GoldArticle], resolved: list[list[Resolution]]) -> tuple[list[float], int]:
    errors: list[float] = []
    unresolved = 0
    for article, found_all in zip(articles, resolved, strict=True):
        for gold, found in zip(article.toponyms, found_all, strict=True):
            if gold.lat is None or gold.lon is None:
                continue
            if found.entry is None:
                unresolved += 1
                errors.append(MAX_ERROR_KM)
                continue
            errors.append(haversine_km(gold.lat, gold.lon, found.entry.lat, found.entry.lon))
    return errors, unresolved
