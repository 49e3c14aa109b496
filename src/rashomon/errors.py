"""Rashomon's exception tree and its coded messages.

RashomonError
 +-- UsageError          (RSH-E1xx) bad arguments or settings; CLI exit code 2
 +-- InputRejected       (RSH-E2xx) one input could not be read; carries a Rejection
 +-- StoreError          (RSH-E3xx) the database could not be opened, migrated or written
 +-- PipelineError       (RSH-E4xx) the analysis pipeline could not be built or run
 +-- NotFound            (RSH-E5xx) a report, incident or actor id that does not exist
 +-- OptionalDependencyMissing (RSH-E6xx) an extra is not installed; says which pip extra to add
"""

from __future__ import annotations

from rashomon.model import Rejection, RejectionReason


class RashomonError(Exception):
    code = "RSH-E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"{self.code}: {message}")
        self.message = message


class UsageError(RashomonError):
    code = "RSH-E100"


class InputRejected(RashomonError):
    code = "RSH-E200"

    def __init__(self, input_name: str, reason: RejectionReason, message: str, stage: str = "ingest") -> None:
        super().__init__(f"{input_name}: {message}")
        self.rejection = Rejection(input=input_name, reason=reason, message=message, stage=stage)


class StoreError(RashomonError):
    code = "RSH-E300"


class PipelineError(RashomonError):
    code = "RSH-E400"


class NotFound(RashomonError):
    code = "RSH-E500"


class OptionalDependencyMissing(RashomonError):
    code = "RSH-E600"

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"{module} is not installed; install it with: pip install 'rashomon[{extra}]'")
        self.extra = extra
