"""
The webclient in a real browser (Debian's headless Chromium, driven by Playwright): a new
player creates an account, connects and plays, and the page never loads anything from
outside the game (on a network without internet an outside script means a blank page).

Outside hosts are made unresolvable, so a stray request fails fast instead of hanging; it is
still recorded, and the test fails naming it.

The pages' security: each main page and the webclient carry the frame, nosniff and
Content-Security-Policy headers, and the browser's console shows no violation of that policy
(Chromium logs every blocked script, style or connection there). Behind a TLS proxy
(tests/support/tlsproxy.py, as README's nginx) the webclient page is HTTPS and connects over
wss:// to the address the game derives for it.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from harness.gameserver import REPO_ROOT
from tests.support.tlsproxy import PROXY_HOST, TLSProxy

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2",
]
SCREENSHOT = REPO_ROOT / "artifacts" / "screenshots" / "webclient.png"
WAIT_MS = 8000
# Schemes that never leave the page (inline images and fonts).
_INLINE_SCHEMES = ("data", "blob")
# The main pages (a visitor's), each checked for its headers and a console free of CSP errors.
PAGES = (
    "/",
    "/war/",
    "/chronicle/",
    "/raids/",
    "/leaderboards/",
    "/help/",
    "/channels/",
    "/auth/login/",
    "/api/",
)


def _type(page, line):
    field = page.locator("textarea.inputfield, #inputfield").first
    field.click()
    field.fill(line)
    field.press("Enter")


def _wait_for_text(page, text, times=1):
    """Wait until `text` shows `times` times in the page."""
    page.wait_for_function(
        "([text, times]) => document.body.innerText.replace(/\\u00a0/g, ' ').split(text).length > times",
        arg=[text, times],
        timeout=WAIT_MS,
    )


@pytest.fixture
def browser_page():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does this as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            # the TLS proxy's certificate is self-signed
            page = browser.new_page(viewport={"width": 1200, "height": 800}, ignore_https_errors=True)
            page.set_default_timeout(WAIT_MS)
            yield page
        finally:
            browser.close()


def _watch_policy(page):
    """
    Returns:
        list of str: Filled, as the page runs, with every Content-Security-Policy violation
            Chromium reports on the console ("... violates the following Content Security
            Policy directive ...", "Refused to ...").
    """
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(f"{page.url}: {message.text}")
        ),
    )
    return violations


def _check_headers(response):
    """The frame, nosniff and policy headers of a page's response, as the browser got them."""
    headers = response.headers
    assert headers.get("x-frame-options") == "SAMEORIGIN", response.url
    assert headers.get("x-content-type-options") == "nosniff", response.url
    policy = headers.get("content-security-policy", "")
    assert "script-src 'self';" in policy and "frame-ancestors 'self'" in policy, (response.url, policy)


def _outside(urls, scheme, port):
    """The URLs that went anywhere but 127.0.0.1:port (inline data: and blob: URLs aside)."""
    parts = [(url, urlsplit(url)) for url in urls]
    return [
        url
        for url, part in parts
        if part.scheme not in _INLINE_SCHEMES
        and (part.scheme, part.hostname, part.port) != (scheme, "127.0.0.1", port)
    ]


def test_webclient_plays_in_a_browser_from_the_games_own_files(game_server, browser_page, credentials):
    from playwright.sync_api import Error as PlaywrightError

    page = browser_page
    requests, sockets, page_errors = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda socket: sockets.append(socket.url))
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    violations = _watch_policy(page)
    name, password = credentials("Brw")
    try:
        _check_headers(page.goto(f"{game_server.web_url}/webclient/", wait_until="load"))
        _wait_for_text(page, "Konoha is rubble")

        _type(page, f"create {name} {password}")
        _wait_for_text(page, f"Account {name} created")
        _type(page, f"connect {name} {password}")
        _wait_for_text(page, "Briefing Room")
        _wait_for_text(page, "Shikamaru usually sits here")

        _type(page, "look")
        _wait_for_text(page, "Shikamaru usually sits here", times=2)
        _type(page, "score")
        _wait_for_text(page, f"{name}, Genin of the Leaf")
        _wait_for_text(page, "[HP ")
        _type(page, "path nara")
        # The panel shows the path and its role from Char.Status (the page allows no eval).
        page.locator("#sc-status [data-field=path]", has_text="Nara path, control").wait_for()
        # the packages drawn by MUD clients' panes (Char.Items, Room.Players, ...) are no text here
        assert "Unhandled event" not in page.inner_text("#messagewindow")
    except PlaywrightError as err:
        pytest.fail(
            f"the webclient did not play: {err.message.splitlines()[0]}\n"
            f"page text: {page.inner_text('body')[:400]!r}\n"
            f"requests outside the game: {_outside(requests, 'http', game_server.web_port)}\n"
            f"page errors: {page_errors}"
        )
    finally:
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

    outside = _outside(requests, "http", game_server.web_port)
    assert not outside, "the webclient page asked for files from outside the game:\n" + "\n".join(outside)
    assert sockets and not _outside(sockets, "ws", game_server.websocket_port), sockets
    assert not page_errors, page_errors
    assert not violations, "\n".join(violations)


def test_main_pages_carry_the_headers_and_break_no_policy(game_server, browser_page):
    page = browser_page
    violations = _watch_policy(page)
    for path in PAGES:
        response = page.goto(f"{game_server.web_url}{path}", wait_until="load")
        assert response.status == 200, path
        _check_headers(response)
    # the policy's 'self' files: served by Twisted, outside Django, and still not sniffed
    static = page.request.get(f"{game_server.web_url}/static/webclient/js/boot.js")
    assert static.ok and static.headers.get("x-content-type-options") == "nosniff"
    page.goto(f"{game_server.web_url}/war/", wait_until="load")
    page.wait_for_timeout(500)  # the war page's first poll of its JSON
    assert not violations, "\n".join(violations)


def test_webclient_on_an_https_page_plays_over_wss(game_server, browser_page, credentials):
    page = browser_page
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    violations = _watch_policy(page)
    name, password = credentials("Tls")
    with TLSProxy(game_server.web_port, game_server.websocket_port) as proxy:
        _check_headers(page.goto(f"{proxy.web_url}/webclient/", wait_until="load"))
        _wait_for_text(page, "Konoha is rubble")
        _type(page, f"create {name} {password}")
        _wait_for_text(page, f"Account {name} created")
        _type(page, f"connect {name} {password}")
        _wait_for_text(page, "Briefing Room")
    assert [urlsplit(url)[:2] for url in sockets] == [("wss", f"{PROXY_HOST}:{game_server.websocket_port}")]
    assert not violations, "\n".join(violations)
