"""times of one report. PLACEHOLDER: assigns nothing yet; see the open issue that builds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rashomon.extract.base import Draft

if TYPE_CHECKING:
    from spacy.language import Language


class TimeComponent:
    name = "rashomon.times.v1"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("times",)

    def configure_nlp(self, nlp: Language) -> None:
        return None

    def __call__(self, draft: Draft) -> None:
        return None
