"""Query parameters shared by pages and API: the incident filter, read loosely from forms."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query

from rashomon.service.queries import IncidentFilter, StatementOptions, parse_filter, parse_statement_options


def incident_filter(
    start: Annotated[str | None, Query(description="Incidents on or after this day (YYYY-MM-DD).", max_length=40)] = None,
    end: Annotated[str | None, Query(description="Incidents on or before this day (YYYY-MM-DD).", max_length=40)] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 country code, e.g. IQ.", max_length=40)] = None,
    actor: Annotated[
        str | None, Query(description="Part of a source, perpetrator or affiliation name, or an actor id.", max_length=200)
    ] = None,
    grade: Annotated[str | None, Query(description="confirmed, fair, weak, contested or discounted.", max_length=40)] = None,
    q: Annotated[str | None, Query(description="Free text; every word must occur in the incident.", max_length=500)] = None,
) -> IncidentFilter:
    """Blank values mean "any"; a malformed value is a 400 that says what to write instead."""
    return parse_filter(start=start, end=end, country=country, actor=actor, grade=grade, q=q)


def statement_options(
    min_confidence: Annotated[
        str | None,
        Query(
            description="Leave out statements whose confidence (the statement filter's score) is under this, 0 to 1; "
            "unscored statements (cues the parse rules found) stay.",
            max_length=40,
        ),
    ] = None,
    order: Annotated[
        str | None,
        Query(description="Statement order: text (as in the reports, the default) or confidence (highest first).", max_length=40),
    ] = None,
) -> StatementOptions:
    """Blank values mean the defaults; a malformed value is a 400 that says what to write instead."""
    return parse_statement_options(min_confidence=min_confidence, order=order)


def filter_query(flt: IncidentFilter) -> dict[str, str]:
    """The filter as query parameters (for paging links and the map's data URL)."""
    return {k: str(v) for k, v in flt.model_dump(mode="json").items() if v is not None}


def query_string(params: dict[str, str]) -> str:
    return urlencode(params)
