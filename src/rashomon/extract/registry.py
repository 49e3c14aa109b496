"""Versioned component names. Old versions stay registered when a new one is added."""

from __future__ import annotations

from collections.abc import Callable

from rashomon.extract.base import Component, ComponentOptions

# A factory builds one component from the caller's options (most components have none to read).
ComponentFactory = Callable[[ComponentOptions], Component]


def _actors(options: ComponentOptions) -> Component:
    from rashomon.extract.actors import ActorComponent

    return ActorComponent()


def _times(options: ComponentOptions) -> Component:
    from rashomon.extract.times import TimeComponent

    return TimeComponent()


def _places(options: ComponentOptions) -> Component:
    from rashomon.extract.places import PlaceComponent

    return PlaceComponent()


def _statements(options: ComponentOptions) -> Component:
    from rashomon.extract.statements import StatementComponent

    return StatementComponent(options.statements_tagger, drop_unlikely=options.drop_unlikely_statements)


def _events(options: ComponentOptions) -> Component:
    from rashomon.extract.events import EventComponent

    return EventComponent()


COMPONENT_FACTORIES: dict[str, ComponentFactory] = {
    "rashomon.actors.v1": _actors,
    "rashomon.times.v1": _times,
    "rashomon.places.v1": _places,
    "rashomon.statements.v1": _statements,
    "rashomon.events.v1": _events,
}

DEFAULT_COMPONENTS: tuple[str, ...] = (
    "rashomon.actors.v1",
    "rashomon.times.v1",
    "rashomon.places.v1",
    "rashomon.statements.v1",
    "rashomon.events.v1",
)
