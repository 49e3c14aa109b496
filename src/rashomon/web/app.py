"""``create_app(settings)``: the FastAPI application behind `rashomon serve`.

The store is injected (or opened from ``settings.db``, one connection per worker thread,
since SQLite connections stay on the thread that opened them). Nothing is global: two apps
on two databases can live in one process.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles

from rashomon import __version__
from rashomon.service.queries import Queries
from rashomon.store.base import Store
from rashomon.store.factory import open_store
from rashomon.web.api import router as api_router
from rashomon.web.errors import ErrorPages, install_error_handlers
from rashomon.web.pages import router as pages_router
from rashomon.web.render import template_environment
from rashomon.web.security import Guard
from rashomon.web.settings import WebSettings

# Responses above this many bytes are gzipped. Level 1: the 2.4 MB admin-1 boundaries shrink 3.3x in
# about 0.1 s, where Starlette's default level 9 took 1.3 s for a 3.9x ratio (measured on this machine).
GZIP_MINIMUM_BYTES = 1024
GZIP_LEVEL = 1


class StoreProvider:
    """Hands each request a store: the injected one under a lock, or this thread's own connection."""

    def __init__(self, url: str, store: Store | None = None) -> None:
        self.url = url
        self._shared = store
        self._lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[Store] = []

    @contextmanager
    def queries(self, *, brief: bool = True) -> Iterator[Queries]:
        if self._shared is not None:
            with self._lock:
                yield Queries(self._shared, brief=brief)
            return
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        yield Queries(store, brief=brief)

    def close(self) -> None:
        """Close the connections this provider opened (not an injected store: its owner closes it)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - a connection owned by a finished thread may refuse; it dies with it
                continue


def static_dir() -> Path:
    return Path(str(files("rashomon.web") / "static"))


def create_app(settings: WebSettings | None = None, store: Store | None = None) -> FastAPI:
    """Build the web application. Raises UsageError for unsafe settings (see WebSettings.check)."""
    settings = settings or WebSettings()
    settings.check()
    env = template_environment()
    provider = StoreProvider(settings.db, store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        provider.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Rashomon",
        version=__version__,
        description="Read-only access to incidents, their accounts and contradictions, reports and actors.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads scripts from a CDN and runs inline script: neither fits offline + CSP
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.provider = provider
    app.state.env = env
    errors = ErrorPages(env)
    app.state.errors = errors
    install_error_handlers(app, errors)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(Guard, settings=settings, render_error=errors.response)
    return app
