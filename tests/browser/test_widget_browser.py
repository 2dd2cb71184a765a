"""Real-browser tests of the chat widget against the real assistant.

The `stack` fixture starts the action server and Rasa on free ports; this test
serves the demo page with web/serve.py on another free port (pointing the
widget at `stack.rasa_url`) and runs the node test suite web/tests/ with
PAGE_URL set. Those tests drive Debian's Chromium (/usr/bin/chromium) through
playwright-core. `make web-build chromium` prepares everything they need.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from runtime.stack import reserved_ports

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
BUNDLE = WEB / "dist" / "korea-visa-guide.js"
NODE_TIMEOUT = int(os.environ.get("WEB_BROWSER_TESTS_TIMEOUT", "600"))

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def _rasa_url(stack) -> str:
    url = getattr(stack, "rasa_url", None) or getattr(getattr(stack, "config", None), "rasa_url", None)
    assert url, "the stack fixture exposes no rasa_url"
    return str(url).rstrip("/")


def _require_tools() -> str:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed (Debian: apt-get install nodejs npm)")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`")
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        pytest.fail("web/node_modules is missing: run `make web-deps`")
    sources = list((WEB / "src").glob("*.js"))
    if not BUNDLE.exists() or BUNDLE.stat().st_mtime < max(p.stat().st_mtime for p in sources):
        pytest.fail("web/dist/korea-visa-guide.js is missing or stale: run `make web-build`")
    return node


@pytest.fixture
def demo_page(stack, tmp_path):
    """web/serve.py on a free port, with the widget pointed at the test Rasa."""
    with reserved_ports(1) as (port,):  # held while serve.py runs (it binds with SO_REUSEADDR)
        env = dict(os.environ, WEB_PORT=str(port), WEB_HOST="127.0.0.1", RASA_PUBLIC_URL=_rasa_url(stack))
        log_path = tmp_path / "serve.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [sys.executable, str(WEB / "serve.py")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            url = _wait_for_page(server, f"http://127.0.0.1:{port}/", log_path)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_for_page(server: subprocess.Popen, url: str, log_path: Path) -> str:
    deadline = time.monotonic() + 20
    while True:
        if server.poll() is not None:
            pytest.fail(f"serve.py exited with {server.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"serve.py did not answer at {url}:\n{log_path.read_text()}")
        time.sleep(0.2)


@pytest.mark.timeout(NODE_TIMEOUT + 300)  # the stack's start-up counts too
def test_widget_in_real_browser(stack, demo_page):
    node = _require_tools()
    screenshot = ROOT / "results" / "browser" / "widget-phone.png"
    screenshot.unlink(missing_ok=True)  # the assertion below sees this run's picture, not an older one
    env = dict(
        os.environ,
        PAGE_URL=demo_page,
        RASA_AUTH_TOKEN=stack.auth_token,  # the feedback test reads the conversation from Rasa's tracker
        CHROMIUM_PATH=str(CHROMIUM),
        SCREENSHOT_PATH=str(screenshot),
    )
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", "web/tests/"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"node --test web/tests/ exited with {result.returncode}:\n{output}"
    assert "# fail 0" in output or "ℹ fail 0" in output, output
    assert screenshot.is_file() and screenshot.read_bytes().startswith(b"\x89PNG")
