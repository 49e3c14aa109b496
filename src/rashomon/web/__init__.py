"""The web UI and JSON API: ``create_app(WebSettings(...))``, served by `rashomon serve`."""

from rashomon.web.app import create_app
from rashomon.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
