"""Server-rendered pages. Each handler asks service.queries, then renders a template; no SQL here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from rashomon.service.queries import HIGHLIGHT_KINDS, IncidentFilter, StatementOptions
from rashomon.web.params import filter_query, incident_filter, query_string, statement_options
from rashomon.web.render import timeline_chart

router = APIRouter(include_in_schema=False)

FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]
StatementsDep = Annotated[StatementOptions, Depends(statement_options)]


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = request.app.state.env.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


@router.get("/", response_class=HTMLResponse)
@router.get("/incidents", response_class=HTMLResponse)
def incident_list(request: Request, flt: FilterDep, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> HTMLResponse:
    settings = request.app.state.settings
    with request.app.state.provider.queries(brief=False) as queries:
        result = queries.list_incidents(flt, page, settings.per_page)
        facets = queries.facets()
    params = filter_query(flt)

    def page_url(n: int) -> str:
        return "/incidents?" + query_string({**params, "page": str(n)})

    return _render(
        request,
        "incidents.html",
        nav="incidents",
        result=result,
        flt=flt,
        facets=facets,
        page_url=page_url,
        query=query_string(params),
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, statements: StatementsDep) -> HTMLResponse:
    with request.app.state.provider.queries(brief=request.app.state.settings.brief) as queries:
        detail = queries.incident(incident_id, statements)
    return _render(
        request,
        "incident.html",
        nav="incidents",
        d=detail,
        so=statements,
        inc=detail.incident,
        report_label={r.id: r.title or r.outlet or r.id for r in detail.reports},
    )


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str, statements: StatementsDep) -> HTMLResponse:
    with request.app.state.provider.queries(brief=False) as queries:
        detail = queries.report(report_id, statements)
    kinds = sorted({h.kind for h in detail.highlights}, key=HIGHLIGHT_KINDS.index)
    return _render(request, "report.html", nav="", d=detail, r=detail.report, kinds=kinds, so=statements)


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor_page(request: Request, key: str, statements: StatementsDep) -> HTMLResponse:
    with request.app.state.provider.queries(brief=False) as queries:
        detail = queries.actor(key, statements)
    return _render(request, "actor.html", nav="", a=detail, so=statements)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, flt: FilterDep) -> HTMLResponse:
    with request.app.state.provider.queries(brief=False) as queries:
        facets = queries.facets()
        n_points = len(queries.map_points(flt))
    query = query_string(filter_query(flt))
    return _render(
        request,
        "map.html",
        nav="map",
        flt=flt,
        facets=facets,
        data_url="/api/map" + (f"?{query}" if query else ""),
        n_points=n_points,
        query=query,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, flt: FilterDep) -> HTMLResponse:
    with request.app.state.provider.queries(brief=False) as queries:
        timeline = queries.timeline(flt)
        facets = queries.facets()
    params = filter_query(flt)
    return _render(
        request,
        "timeline.html",
        nav="timeline",
        flt=flt,
        facets=facets,
        timeline=timeline,
        chart=timeline_chart(timeline, params),
        query=query_string(params),
    )
