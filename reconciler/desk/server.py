"""`reconcile serve`: the live desk, a local web server (Starlette on uvicorn) for one corpus.

The page is the report with controls on every finding (confirm, dismiss, correct, undo);
decisions go to the same ``reconcile-decisions.toml`` that ``reconcile review`` writes. The
folder is watched: an article saved into it re-runs the corpus, and the open page follows.

Safe by default. The server listens on 127.0.0.1 only. Every request must carry the secret
token (the ``?token=`` of the printed address, then a cookie the page gets, or a header):
without it, 403. The ``Host`` header must name the loopback address and the server's port,
so a page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) is refused. A request
that changes anything must come from the page's own origin (``Origin``), carry the token in
a header (which another origin's page cannot set without a preflight this server never
grants) and send JSON. Nothing on disk is served: the only file written besides the
decisions is a dropped article, by its bare name, inside the corpus folder. The page keeps
the report's Content-Security-Policy, with the desk's own script and style added by hash
and requests allowed to its own origin only; the HTTP header repeats it and forbids framing.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import socket
import threading
from collections.abc import Callable, Mapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reconciler.desk.decisions import DecisionError
from reconciler.desk.live import Desk
from reconciler.read.listing import ARTICLE_EXTENSIONS

MAX_BODY = 8_000_000  # bytes of one request (a dropped article)
SAFE_METHODS = ("GET", "HEAD")


class ServeError(Exception):
    """The server cannot start (the port is taken, the corpus cannot be run)."""


def cookie_name(port: int) -> str:
    """Cookies are not kept apart by port: each server's has its own name."""
    return f"reconcile-desk-{port}"


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


class Guard:
    """Refuses, with 403, any request that has not the token, names another Host, or changes
    something from another origin (see the module's docstring)."""

    def __init__(self, app: ASGIApp, *, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})

    def refusal(self, scope: Scope) -> str:
        """Why this request is refused ("" when it is not)."""
        h = _headers(scope)
        host = h.get("host", "")
        if host not in self.hosts:
            return "wrong Host: this server answers only to 127.0.0.1"
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        cookie = SimpleCookie()
        try:
            cookie.load(h.get("cookie", ""))
        except Exception:  # a malformed cookie header is no token
            cookie = SimpleCookie()
        given = [*query.get("token", []), h.get("x-reconcile-token", "")]
        morsel = cookie.get(cookie_name(self.port))
        if morsel is not None:
            given.append(morsel.value)
        if not any(t and hmac.compare_digest(t.encode(), self.token.encode()) for t in given):
            return "this page needs the address with its token, as `reconcile serve` printed it"
        fetch_site = h.get("sec-fetch-site", "")
        path = scope.get("path", "")
        if scope.get("method", "GET") in SAFE_METHODS:
            if path.startswith("/api/") and fetch_site not in ("", "same-origin"):
                return "cross-origin request refused"
            return ""
        if h.get("origin", "") != f"http://{host}" or fetch_site not in ("", "same-origin"):
            return "cross-origin request refused"
        if not hmac.compare_digest(h.get("x-reconcile-token", "").encode(), self.token.encode()):
            return "a change needs the token in its X-Reconcile-Token header"
        if not h.get("content-type", "").startswith("application/json"):
            return "a change is sent as JSON"
        return ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        why = self.refusal(scope)
        if why:
            await PlainTextResponse(why + "\n", status_code=403, headers=_plain_headers())(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if not query.get("token"):
            await self.app(scope, receive, send)
            return
        # the address with the token: give the page its cookie (it then drops the token from the URL)

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                value = f"{cookie_name(self.port)}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"set-cookie", value.encode("latin-1"))]}
            await send(message)

        await self.app(scope, receive, with_cookie)


def _plain_headers() -> dict[str, str]:
    return {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _page_headers(html: str) -> dict[str, str]:
    """The page's CSP (the one in its <meta>, so the two agree), plus what a header alone can say."""
    start = html.find('http-equiv="Content-Security-Policy" content="')
    csp = html[start:].split('content="', 1)[1].split('"', 1)[0] if start >= 0 else "default-src 'none'"
    csp = csp.replace("&#39;", "'").replace("&amp;", "&")
    return {**_plain_headers(), "Content-Security-Policy": csp + "; frame-ancestors 'none'", "X-Frame-Options": "DENY"}


async def _json_body(request: Request) -> dict[str, Any]:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise _BadRequest(413, "too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise _BadRequest(400, f"not JSON: {e}") from e
    if not isinstance(data, dict):
        raise _BadRequest(400, "expected a JSON object")
    return data


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _text(data: Mapping[str, Any], key: str, limit: int = 2000) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise _BadRequest(400, f"{key} must be text")
    if len(value) > limit:
        raise _BadRequest(400, f"{key} is too long")
    return value.strip()


def safe_article_name(name: str) -> str:
    """The bare file name a dropped article is saved under, or ValueError: no folder part, no
    hidden or reserved name, an article extension.

    >>> safe_article_name("new report.html")
    'new report.html'
    >>> safe_article_name("../outside.txt")
    Traceback (most recent call last):
    ...
    ValueError: a bare file name, without a folder
    """
    if not name or name != os.path.basename(name) or "/" in name or "\\" in name or name in (".", ".."):
        raise ValueError("a bare file name, without a folder")
    if name.startswith(".") or any(ord(ch) < 0x20 or ch in "\x7f:" for ch in name) or len(name) > 200:
        raise ValueError("not a usable file name")
    if os.path.splitext(name)[1].lower() not in ARTICLE_EXTENSIONS:
        raise ValueError("an article is a .txt, .md or .html file")
    return name


def make_app(desk: Desk, port: int) -> ASGIApp:
    """The desk's web application, behind its :class:`Guard`."""

    async def page(request: Request) -> Response:
        if desk.run is None:
            return PlainTextResponse(f"no report yet: {desk.error or 'the first run is not done'}\n", status_code=503,
                                     headers=_plain_headers())
        html = await run_in_threadpool(desk.page)
        return Response(html, media_type="text/html; charset=utf-8", headers=_page_headers(html))

    async def status(request: Request) -> Response:
        return JSONResponse(desk.status(), headers=_plain_headers())

    async def change(request: Request, how: Callable[[dict[str, Any]], Any]) -> Response:
        try:
            data = await _json_body(request)
            d = await run_in_threadpool(how, data)
        except _BadRequest as e:
            return JSONResponse({"error": str(e)}, status_code=e.status, headers=_plain_headers())
        except DecisionError as e:
            return JSONResponse({"error": str(e)}, status_code=400, headers=_plain_headers())
        return JSONResponse({"ok": True, **d, **desk.status()}, headers=_plain_headers())

    def _decide(data: dict[str, Any]) -> dict[str, Any]:
        status_ = _text(data, "status")
        note, value = _text(data, "note"), _text(data, "value", 200)
        if status_ == "dismissed" and not note:
            raise _BadRequest(400, "a dismissal needs a note")
        if status_ == "corrected" and not value:
            raise _BadRequest(400, "a correction needs the correct value")
        d = desk.decide(_text(data, "finding", 200), status_, note=note, corrected=value, by=_text(data, "by", 200))
        return {"finding": d.finding, "status": d.status, "note": d.note, "corrected": d.corrected}

    def _undo(data: dict[str, Any]) -> dict[str, Any]:
        d = desk.undo(_text(data, "finding", 200))
        return {"finding": d.finding, "status": "open", "was": d.status}

    def _article(data: dict[str, Any]) -> dict[str, Any]:
        try:
            name = safe_article_name(_text(data, "name", 300))
        except ValueError as e:
            raise _BadRequest(400, f"cannot save the article: {e}") from e
        text = data.get("text", "")
        if not isinstance(text, str) or not text.strip():
            raise _BadRequest(400, "cannot save the article: it is empty")
        target = desk.corpus / name
        if target.resolve().parent != desk.corpus.resolve():
            raise _BadRequest(400, "cannot save the article outside the corpus")
        try:
            with open(target, "x", encoding="utf-8") as fh:  # never replaces a file
                fh.write(text)
        except FileExistsError as e:
            raise _BadRequest(409, f"cannot save the article: {name} already exists") from e
        except OSError as e:
            raise _BadRequest(500, f"cannot save the article: {e.strerror or e}") from e
        return {"saved": name}

    async def decision(request: Request) -> Response:
        return await change(request, _decide)

    async def undo(request: Request) -> Response:
        return await change(request, _undo)

    async def article(request: Request) -> Response:
        return await change(request, _article)

    app = Starlette(routes=[
        Route("/", page, methods=["GET"]),
        Route("/api/status", status, methods=["GET"]),
        Route("/api/decision", decision, methods=["POST"]),
        Route("/api/undo", undo, methods=["POST"]),
        Route("/api/article", article, methods=["POST"]),
    ])
    return Guard(app, token=desk.token, port=port)


def bind(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 (a free port when ``port`` is 0)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(128)
    except OSError as e:
        sock.close()
        raise ServeError(f"cannot listen on 127.0.0.1:{port}: {e.strerror or e}") from e
    sock.set_inheritable(True)
    return sock


def serve(desk: Desk, *, port: int = 0, open_browser: bool = True, interval: float = 1.0,
          echo: Callable[[str], None] = print) -> None:
    """Run the corpus once, then serve it until interrupted, re-running on new articles."""
    import uvicorn

    if desk.run is None and not desk.rerun():
        raise ServeError(desk.error)
    sock = bind(port)
    port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/?token={desk.token}"
    config = uvicorn.Config(make_app(desk, port), log_level="warning", lifespan="off", access_log=False,
                            proxy_headers=False, server_header=False, date_header=False)
    server = uvicorn.Server(config)
    stop = threading.Event()
    watcher = threading.Thread(target=desk.watch, args=(stop, interval), name="reconcile-watch", daemon=True)
    watcher.start()
    echo(f"serving {desk.corpus} at {url}")
    echo("watching the folder for new or saved articles; press Ctrl+C to stop")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.run(sockets=[sock])
    finally:
        stop.set()
        watcher.join(timeout=5)
        sock.close()


def new_token() -> str:
    return secrets.token_urlsafe(24)


__all__ = ["Guard", "ServeError", "cookie_name", "make_app", "new_token", "safe_article_name", "serve"]
