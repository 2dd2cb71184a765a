#!/usr/bin/env python3
"""Tiny static server for the Korea Visa Guide demo page (Python stdlib only).

Serves web/demo/ and web/dist/ from one origin:
  /                       -> web/demo/index.html
  /korea-visa-guide.js    -> web/dist/korea-visa-guide.js (build it with `make web-build`)

The page's `data-server-url` placeholder (__RASA_PUBLIC_URL__) is replaced at
request time by $RASA_PUBLIC_URL (default http://localhost:5005), the URL at
which the *browser* reaches Rasa's socket.io channel.

Environment: WEB_PORT (default 8080), WEB_HOST (default 127.0.0.1),
RASA_PUBLIC_URL (default http://localhost:5005). Command-line flags
--port/--host/--rasa-url override them.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import posixpath
import re
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

WEB_DIR = Path(__file__).resolve().parent
ROOTS = (WEB_DIR / "demo", WEB_DIR / "dist")
PLACEHOLDER = "__RASA_PUBLIC_URL__"
DEFAULT_RASA_URL = "http://localhost:5005"
HOST_PORT = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")
SAFE_PATH = re.compile(r"(?:/[A-Za-z0-9._~-]+)*")


def normalise_rasa_url(url: str) -> str:
    """Validate RASA_PUBLIC_URL: an absolute http(s) URL without trailing slash."""
    url = (url or DEFAULT_RASA_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not HOST_PORT.fullmatch(parts.netloc)
        or parts.query
        or parts.fragment
        or not SAFE_PATH.fullmatch(parts.path)
    ):
        raise ValueError(f"RASA_PUBLIC_URL must be an absolute http(s) URL like http://localhost:5005, got {url!r}")
    return url


def content_security_policy(rasa_url: str) -> str:
    """Only this origin and the Rasa server may be contacted by the page."""
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa_origin = f"{parts.scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src 'self' {rasa_origin} {ws_scheme}://{parts.netloc}",
            "img-src 'self' data:",
            "style-src 'self' 'unsafe-inline'",
            "script-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


class DemoHandler(SimpleHTTPRequestHandler):
    """Static files from web/demo then web/dist; placeholder substitution in HTML."""

    server_version = "KoreaVisaGuideDemo/1.0"

    def __init__(self, *args, rasa_url: str, **kwargs):
        self.rasa_url = rasa_url
        super().__init__(*args, directory=str(ROOTS[0]), **kwargs)

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        parts = [p for p in posixpath.normpath(path).split("/") if p not in ("", ".", "..")]
        if not parts:
            parts = ["index.html"]
        for root in ROOTS:
            candidate = root.joinpath(*parts)
            try:
                candidate.resolve().relative_to(root.resolve())
            except ValueError:
                continue
            if candidate.exists():
                return str(candidate)
        return str(ROOTS[0].joinpath(*parts))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", content_security_policy(self.rasa_url))
        super().end_headers()

    def list_directory(self, path):  # no directory listings
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_text(encoding="utf-8")
            body = body.replace(PLACEHOLDER, html.escape(self.rasa_url, quote=True))
            data = body.encode("utf-8")
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return _BytesFile(data)
        if path.name == "korea-visa-guide.js" and not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "Widget bundle not built: run `make web-build`")
            return None
        return super().send_head()

    def log_message(self, format: str, *args) -> None:  # quieter, to stderr
        sys.stderr.write(f"[serve.py] {self.address_string()} - {format % args}\n")


class _BytesFile:
    """File-like object for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self._data = data
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if self._done:
            return b""
        self._done = True
        return self._data

    def close(self) -> None:
        pass


DemoHandler.extensions_map = {
    **SimpleHTTPRequestHandler.extensions_map,
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_PUBLIC_URL", DEFAULT_RASA_URL))
    args = parser.parse_args(argv)
    rasa_url = normalise_rasa_url(args.rasa_url)
    if not (ROOTS[1] / "korea-visa-guide.js").is_file():
        print("warning: web/dist/korea-visa-guide.js is missing; run `make web-build`", file=sys.stderr)
    handler = partial(DemoHandler, rasa_url=rasa_url)
    with ThreadingHTTPServer((args.host, args.port), handler) as httpd:
        httpd.daemon_threads = True
        host, port = httpd.server_address[:2]
        shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
        print(f"Serving Korea Visa Guide demo on http://{shown}:{port}/ (Rasa: {rasa_url})", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
