"""
The website on a real server (a temporary copy of the game, REST API on): `/health` answered by
the web threads of the running server, and the website's pages in Debian's headless Chromium
with every outside host unresolvable, recording each request the pages make. Screenshots of
the homepage and the API docs go to artifacts/screenshots/ (git-ignored). No page, the API's
Redoc page and the admin included, breaks its Content-Security-Policy (the console shows no
violation).

The webclient itself is played in a browser by tests/e2e/test_browser.py.
"""

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from harness.gameserver import REPO_ROOT, GameServer

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
GAME_MASTER = ("gamemaster", "a-long-test-password")


@pytest.fixture(scope="module")
def game():
    with GameServer(extra_settings={"REST_API_ENABLED": True}, superuser=GAME_MASTER) as server:
        yield server


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_health_from_the_running_servers_web_threads(game):
    # concurrent requests land on several threads of the web pool, each with its connection
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(get_json, [f"{game.web_url}/health"] * 16))
    expected = {
        "status": "ok",
        "server": "Second Chances",
        "sqlite": {"journal_mode": "wal", "synchronous": 1},
    }
    assert answers == [(200, expected)] * 16


def test_website_pages_load_nothing_from_outside(game):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does this as root)")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    requests, failures, errors, violations = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            # a favicon still loading when the test moves to the next page is aborted, not failed
            page.on(
                "requestfailed",
                lambda request: request.failure != "net::ERR_ABORTED" and failures.append(request.url),
            )
            page.on("response", lambda response: response.status >= 400 and errors.append(response.url))
            page.on(
                "console",
                lambda message: "Content Security Policy" in message.text and violations.append(message.text),
            )

            page.goto(f"{game.web_url}/")
            assert page.title() == "Second Chances - Home"
            # Bootstrap's stylesheet applied: the navbar is laid out as a flex row
            assert page.eval_on_selector("nav.navbar", "el => getComputedStyle(el).display") == "flex"
            page.screenshot(path=str(SCREENSHOTS / "homepage.png"), full_page=True)

            page.goto(f"{game.web_url}/auth/login/")
            page.fill("input[name=username]", GAME_MASTER[0])
            page.fill("input[name=password]", GAME_MASTER[1])
            page.locator("#main-copy form [type=submit]").click()
            page.wait_for_load_state()
            for path in ("/characters/", "/characters/manage/", "/channels/", "/help/", "/admin/"):
                page.goto(f"{game.web_url}{path}")
                assert page.locator("body").inner_text(), path

            page.goto(f"{game.web_url}/api/redoc/")
            page.wait_for_selector("text=Second Chances API", timeout=20000)
            page.wait_for_selector("text=/api/characters/", timeout=20000)
            page.screenshot(path=str(SCREENSHOTS / "api-redoc.png"))
        finally:
            browser.close()

    hosts = {urlsplit(url).hostname for url in requests if urlsplit(url).scheme not in ("data", "blob")}
    assert hosts == {"127.0.0.1"}
    assert not failures
    assert not errors
    assert not violations, violations
    assert f"{game.web_url}/static/vendor/redoc/redoc.standalone.js" in requests
