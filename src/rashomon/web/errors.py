"""One error shape: ``{"error": {"code", "message"}}`` under /api, the same facts as a page elsewhere."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from jinja2 import Environment
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from rashomon.errors import NotFound, RashomonError, StoreError, UsageError

# Codes of errors raised by the web layer itself (the rest come from rashomon.errors).
HTTP_CODES = {
    400: "RSH-E100",
    401: "RSH-E102",
    404: "RSH-E500",
    405: "RSH-E103",
    422: "RSH-E104",
    500: "RSH-E000",
}


def wants_json(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


class ErrorPages:
    """Renders an error as the JSON envelope (API paths) or as an HTML page (everything else)."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def response(self, path: str, status: int, code: str, message: str) -> Response:
        if wants_json(path):
            return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
        html = self.env.get_template("error.html").render(status=status, code=code, message=message, nav="")
        return HTMLResponse(html, status_code=status)


def install_error_handlers(app: FastAPI, pages: ErrorPages) -> None:
    async def rashomon_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RashomonError)
        if isinstance(exc, NotFound):
            status = 404
        elif isinstance(exc, UsageError):
            status = 400
        elif isinstance(exc, StoreError):
            status = 503
        else:
            status = 500
        return pages.response(request.url.path, status, exc.code, exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = HTTP_CODES.get(exc.status_code, f"HTTP-{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; start from /incidents or /api/incidents"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed: this server is read-only; use GET"
        response = pages.response(request.url.path, exc.status_code, code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()))
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return pages.response(request.url.path, 422, HTTP_CODES[422], "invalid request: " + "; ".join(problems))

    app.add_exception_handler(RashomonError, rashomon_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
