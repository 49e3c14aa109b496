"""The JSON API under /api. Read-only; every error has the shape ``{"error": {"code", "message"}}``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel

from rashomon.service.queries import (
    MAX_PER_PAGE,
    ActorDetail,
    IncidentDetail,
    IncidentFilter,
    IncidentPage,
    IncidentSummary,
    ReportDetail,
    StatementOptions,
    Timeline,
)
from rashomon.web.params import incident_filter, statement_options


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float]


class MapFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: IncidentSummary


class MapCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[MapFeature]


class Facets(BaseModel):
    country: list[str]
    grade: list[str]


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text}
    for status, text in (
        (400, "A malformed parameter; the message says what to write instead."),
        (401, "An access token is required (servers bound beyond localhost)."),
        (404, "No such record."),
        (422, "A parameter failed validation."),
    )
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]
StatementsDep = Annotated[StatementOptions, Depends(statement_options)]
IdPath = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/incidents", response_model=IncidentPage, summary="List incidents, filtered and paged (newest first)")
def list_incidents(
    request: Request,
    flt: FilterDep,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 25,
) -> IncidentPage:
    with request.app.state.provider.queries(brief=False) as queries:
        return queries.list_incidents(flt, page, per_page)


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, summary="One incident with its accounts and brief")
def get_incident(request: Request, incident_id: IdPath, statements: StatementsDep) -> IncidentDetail:
    with request.app.state.provider.queries(brief=request.app.state.settings.brief) as queries:
        return queries.incident(incident_id, statements)


@router.get("/reports/{report_id}", response_model=ReportDetail, summary="One report with its analysis and highlight tokens")
def get_report(request: Request, report_id: IdPath, statements: StatementsDep) -> ReportDetail:
    with request.app.state.provider.queries(brief=False) as queries:
        return queries.report(report_id, statements)


@router.get("/actors/{key:path}", response_model=ActorDetail, summary="An actor by knowledge-base id or name")
def get_actor(request: Request, key: str, statements: StatementsDep) -> ActorDetail:
    with request.app.state.provider.queries(brief=False) as queries:
        return queries.actor(key, statements)


@router.get("/timeline", response_model=Timeline, summary="Incident counts per day or month, by grade")
def get_timeline(request: Request, flt: FilterDep) -> Timeline:
    with request.app.state.provider.queries(brief=False) as queries:
        return queries.timeline(flt)


@router.get("/map", response_model=MapCollection, summary="Incidents with coordinates, as GeoJSON points")
def get_map(request: Request, flt: FilterDep) -> MapCollection:
    with request.app.state.provider.queries(brief=False) as queries:
        points = queries.map_points(flt)
    return MapCollection(
        features=[
            MapFeature(id=p.id, geometry=PointGeometry(coordinates=(float(p.lon or 0.0), float(p.lat or 0.0))), properties=p)
            for p in points
        ]
    )


@router.get("/facets", response_model=Facets, summary="Values the incident filters can take")
def get_facets(request: Request) -> Facets:
    with request.app.state.provider.queries(brief=False) as queries:
        return Facets(**queries.facets())
