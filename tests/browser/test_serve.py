"""web/serve.py: the demo page's static server (no browser, no Rasa needed)."""

from __future__ import annotations

import importlib.util
import threading
import urllib.error
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("kvg_web_serve", ROOT / "web" / "serve.py")
serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serve)

RASA = "http://127.0.0.1:5999"


@pytest.fixture(scope="module")
def base_url():
    handler = partial(serve.DemoHandler, rasa_url=RASA)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def test_index_has_the_rasa_url_and_one_script_tag(base_url):
    status, headers, body = get(base_url + "/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert serve.PLACEHOLDER not in body
    assert f'data-server-url="{RASA}"' in body
    assert body.count('src="korea-visa-guide.js"') == 1
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert f"connect-src 'self' {RASA} ws://127.0.0.1:5999" in csp


@pytest.fixture
def dist(tmp_path, monkeypatch) -> Path:
    """An empty dist folder in place of web/dist (whether or not the widget was built)."""
    folder = tmp_path / "dist"
    folder.mkdir()
    monkeypatch.setattr(serve, "ROOTS", (serve.ROOTS[0], folder))
    return folder


def test_the_bundle_is_served_from_dist(base_url, dist):
    (dist / "korea-visa-guide.js").write_text("window.kvgTest = 1;\n", encoding="utf-8")
    status, headers, body = get(base_url + "/korea-visa-guide.js")
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert body == "window.kvgTest = 1;\n"


def test_a_missing_bundle_is_a_404(base_url, dist):
    status, _, body = get(base_url + "/korea-visa-guide.js")
    assert status == 404
    assert "kvgTest" not in body


@pytest.mark.parametrize(
    "path", ["/../serve.py", "/%2e%2e/serve.py", "/..%2fserve.py", "/src/", "/../../etc/passwd", "/nope.html"]
)
def test_nothing_outside_demo_and_dist(base_url, path):
    status, _, body = get(base_url + path)
    assert status == 404
    assert "RASA_PUBLIC_URL" not in body


def test_rasa_url_validation():
    assert serve.normalise_rasa_url("http://localhost:5005/") == "http://localhost:5005"
    assert serve.normalise_rasa_url("") == serve.DEFAULT_RASA_URL
    assert serve.normalise_rasa_url("https://chat.example.org/rasa") == "https://chat.example.org/rasa"
    assert serve.normalise_rasa_url("http://[::1]:5005") == "http://[::1]:5005"
    for bad in (
        "javascript:alert(1)",
        "localhost:5005",
        'http://x" onload="y',
        "http://x y",
        "http://h/?q=1",
        "ftp://h",
    ):
        with pytest.raises(ValueError):
            serve.normalise_rasa_url(bad)
