"""Executors: where per-report analysis runs (in-process or on Ray)."""

from rashomon.runner.base import Executor, PipelineSpec
from rashomon.runner.local import LocalExecutor

__all__ = ["Executor", "LocalExecutor", "PipelineSpec"]
