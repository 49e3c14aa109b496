"""One place that builds rejections, so every message has the same shape: ``INPUT: problem; fix``."""

from __future__ import annotations

import re

from rashomon.errors import InputRejected
from rashomon.model import Rejection, RejectionReason

STAGE = "ingest"
MAX_MESSAGE_CHARS = 400  # one readable line on a terminal; longer details are cut with an ellipsis

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str) -> str:
    """Flatten control characters (newlines in a file name, a hostile title) so a message stays on one line."""
    return _CONTROL.sub(" ", text)


def rejection(source: str, reason: RejectionReason, detail: str) -> Rejection:
    """A Rejection whose message names the input and says what to do about it."""
    message = one_line(f"{source}: {detail}")
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    return Rejection(input=source, reason=reason, message=message, stage=STAGE)


def rejected(source: str, reason: RejectionReason, detail: str) -> InputRejected:
    """The exception form, for helpers deep in a reader; read_inputs turns it back into its Rejection."""
    error = InputRejected(source, reason, detail)
    error.rejection = rejection(source, reason, detail)
    return error
