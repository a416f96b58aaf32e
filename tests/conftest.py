"""Shared fixtures: the repository, a strict build of the real site, a fixture site to inject faults into,
and a loopback HTTP server for the browser tests."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def mkdocs_build(config: Path, site_dir: Path, *extra: str, tool: str = "mkdocs") -> subprocess.CompletedProcess:
    exe = BIN / tool
    return subprocess.run([str(exe), "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
                          capture_output=True, text=True, env=ENV, cwd=config.parent, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict (any warning fails the whole session's build tests)."""
    site = tmp_path_factory.mktemp("site")
    t0 = time.perf_counter()
    proc = mkdocs_build(ROOT / "mkdocs.yml", site)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        pytest.fail("strict build of the real site failed:\n" + proc.stdout[-4000:] + proc.stderr[-8000:])
    (site / ".build-log").write_text(proc.stderr)
    (site / ".build-seconds").write_text(f"{elapsed:.2f}\n")
    return site


BASE_PATH = "/llm-knowledge-base/"  # the path of site_url in mkdocs.yml: served under it, as on the host


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if path.startswith(BASE_PATH):
            path = "/" + path[len(BASE_PATH):]
        else:
            path = "/__outside_base_path__"
        return super().translate_path(path)


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on 127.0.0.1 (random port); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{BASE_PATH}"
    httpd.shutdown()


def chromium_path() -> str | None:
    # Not chromium-browser: on Ubuntu it is a snap shim that cannot run headless in CI.
    for cand in (os.environ.get("KB_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                 shutil.which("google-chrome"), shutil.which("google-chrome-stable")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.fixture(scope="session")
def browser():
    exe = chromium_path()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (scripts/install_browser.sh installs Debian's package)")
        pytest.skip("chromium not installed (see scripts/install_browser.sh)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()
