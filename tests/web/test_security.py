"""
The browser's side of the web's security: the webclient's websocket address (from
`WEBSOCKET_CLIENT_URL`, or derived from the page: wss:// on an HTTPS page, also behind a TLS
proxy that says so with X-Forwarded-Proto), the headers every page carries, a policy whose
connect-src is that address, pages without inline script, and the API's index.

Chromium checks that the policy breaks nothing in tests/e2e/test_browser.py.
"""

import json
from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import resolve
from evennia.web.utils import general_context

from tests.web.markup import element_attrs
from web.api.index import GAME_ENDPOINTS, REST_ENDPOINTS, endpoints
from web.security import websocket_url

pytestmark = pytest.mark.urls("tests.web.urls_with_api")

PAGES = ("/", "/war/", "/chronicle/", "/raids/", "/leaderboards/", "/help/", "/auth/login/", "/webclient/")
PORT = general_context.WEBSOCKET_PORT


def _policy(response):
    """The Content-Security-Policy header as {directive: [values]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {part[0]: part[1:] for part in parts if part}


def inline_code(html):
    """
    Args:
        html (str): A page.

    Returns:
        list of str: Every inline script (a <script> without src, JSON data aside) and <style>
            element of the page, as "<tag> text" (comments are not elements).
    """
    found = []

    class Parser(HTMLParser):
        open_tag = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            inline_script = tag == "script" and "src" not in attrs and attrs.get("type") != "application/json"
            if inline_script or tag == "style":
                self.open_tag = tag
                found.append(f"<{tag}> ")

        def handle_data(self, data):
            if self.open_tag:
                found[-1] += data.strip()

        def handle_endtag(self, tag):
            if tag == self.open_tag:
                self.open_tag = None

    Parser().feed(html)
    return found


def _webclient_wsurl(client, **extra):
    html = client.get("/webclient/", **extra).content.decode()
    (boot,) = [attrs for attrs in element_attrs(html, "script", "src") if attrs["src"].endswith("/boot.js")]
    return boot["data-wsurl"]


@pytest.mark.parametrize(
    ("configured", "secure", "host", "expected"),
    [
        (None, False, "example.org", "ws://example.org:4002"),
        (None, True, "example.org", "wss://example.org:4002"),
        (None, True, "example.org:8443", "wss://example.org:4002"),
        (None, True, "[2001:db8::1]:443", "wss://[2001:db8::1]:4002"),
        ("wss://play.example.org/ws", False, "example.org", "wss://play.example.org/ws"),
        ("wss://play.example.org", True, "example.org", "wss://play.example.org"),
    ],
)
def test_websocket_url_is_the_setting_or_the_pages_host_over_wss_on_https(configured, secure, host, expected):
    assert websocket_url(configured, secure, host, 4002) == expected


def test_webclient_page_hands_evennia_js_the_derived_address(client, db):
    assert _webclient_wsurl(client) == f"ws://testserver:{PORT}"
    assert _webclient_wsurl(client, secure=True) == f"wss://testserver:{PORT}"
    # a TLS proxy in front (README's nginx) forwards the page's scheme
    assert _webclient_wsurl(client, HTTP_X_FORWARDED_PROTO="https") == f"wss://testserver:{PORT}"
    with override_settings(WEBSOCKET_CLIENT_URL="wss://play.example.org/ws"):
        assert _webclient_wsurl(client) == "wss://play.example.org/ws"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]  # no nonce spent: the page has no <style>
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["connect-src"] == ["'self'", f"ws://testserver:{PORT}"]


def test_connect_src_follows_the_websocket_address(client, db):
    assert _policy(client.get("/", secure=True))["connect-src"] == ["'self'", f"wss://testserver:{PORT}"]
    with override_settings(WEBSOCKET_CLIENT_URL="wss://play.example.org/ws"):
        assert _policy(client.get("/webclient/"))["connect-src"] == ["'self'", "wss://play.example.org/ws"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_no_inline_script_or_style(client, db, path):
    assert inline_code(client.get(path).content.decode()) == []


def test_the_rest_pages_style_carries_the_nonce(admin_client):
    response = admin_client.get("/api/characters/", HTTP_ACCEPT="text/html")
    (style,) = element_attrs(response.content.decode(), "style", "nonce")
    assert f"'nonce-{style['nonce']}'" in _policy(response)["style-src"]


def test_redoc_page_alone_allows_inline_styles_and_blob_workers(client, db):
    policy = _policy(client.get("/api/redoc/"))
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["script-src"] == ["'self'"]


def test_api_index_lists_the_games_endpoints(client, db):
    response = client.get("/api/")
    assert response.status_code == 200
    index = json.loads(response.content)
    assert index["name"] == "Second Chances API"
    paths = [endpoint["path"] for endpoint in index["endpoints"]]
    assert paths[:3] == ["/api/war/", "/api/war/log/", "/api/chronicle/"]
    assert "/api/chronicle/{number}/" in paths and "/api/raids/{raid_id}/" in paths
    # REST_API_ENABLED is off: Evennia's resources and the schema are not served
    assert len(paths) == len(GAME_ENDPOINTS)
    assert index["schema"] is None and index["docs"] is None


def test_the_inline_code_finder_finds_scripts_and_styles_not_comments():
    page = '<!-- <script>a()</script> --><script src="/x.js"></script><script>b()</script><style>p{}</style>'
    assert inline_code(page) == ["<script> b()", "<style> p{}"]


def test_every_listed_endpoint_resolves(db):
    for endpoint in endpoints(rest_api_enabled=True):
        path = endpoint["path"].replace("{number}", "1").replace("{raid_id}", "1")
        assert resolve(path), path
        assert endpoint["about"]
    assert len(endpoints(rest_api_enabled=True)) == len(GAME_ENDPOINTS) + len(REST_ENDPOINTS)


@override_settings(REST_API_ENABLED=True)
def test_with_the_rest_api_the_index_links_the_schema_page(client, db):
    index = json.loads(client.get("/api/").content)
    assert index["schema"] == "/api/openapi" and index["docs"] == "/api/redoc/"
    assert "/api/characters" in [endpoint["path"] for endpoint in index["endpoints"]]


def test_logging_out_goes_home_without_script(admin_client):
    html = admin_client.post("/auth/logout/").content.decode()
    assert "You have been logged out." in html
    assert inline_code(html) == []
    assert element_attrs(html, "meta", "http-equiv")[-1] == {"http-equiv": "refresh", "content": "2; url=/"}
