"""Per-report analysis: actors, times, places, statements and events. spaCy stays inside this package."""

from rashomon.extract.base import Component, ComponentOptions, Draft, ReportContext
from rashomon.extract.pipeline import Pipeline, build_pipeline

__all__ = ["Component", "ComponentOptions", "Draft", "Pipeline", "ReportContext", "build_pipeline"]
