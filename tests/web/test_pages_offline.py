"""
Every page the game serves works without internet and refers to no other site.

The URL resolver of the game (`web.urls`, plus the REST API, see `urls_with_api`) is walked for
every page that takes no argument; each is fetched as a visitor and as a logged-in game master
(who sees the admin, the API and the account menus), as a browser asks for it (HTML first).
Then detail pages of objects made here. For every HTML page:

- no `src`/`href`/`action`, inline style or quoted URL in an inline script names another host;
- every static file it refers to exists (Django's staticfiles finders: web/static, vendor
  copies included, then Evennia's and the apps' own);
- every page link resolves to one of the game's URLs;
- the stylesheets it loads (and those they `@import`) have no outside `url()`/`@import` and
  their local `url()`s exist; the non-vendored scripts it loads quote no outside URL.
"""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from evennia.utils import create

from tests.web.pagescan import css_references, is_outside, scan_page, script_references
from tests.web.pagescan import resolve as resolve_url

URLCONF = "tests.web.urls_with_api"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HOST = "testserver"

# Pages a visitor must get (200), and more that only a logged-in game master gets.
PUBLIC_PAGES = {
    "/",
    "/webclient/",
    "/health",
    "/help/",
    "/channels/",
    "/auth/login/",
    "/auth/register",
    "/auth/password_reset/",
    "/admin/login/",
    "/api/",
    "/api/redoc/",
    "/war/",
    "/api/war/",
    "/api/war/log/",
    "/chronicle/",
    "/api/chronicle/",
    "/raids/",
    "/api/raids/",
    "/leaderboards/",
    "/api/leaderboards/",
}
MEMBER_PAGES = {
    "/admin/war/zonecontrol/",
    "/admin/war/squad/",
    "/admin/war/squad/add/",
    "/characters/",
    "/characters/create/",
    "/characters/manage/",
    "/auth/password_change/",
    "/admin/",
    "/admin/objects/objectdb/",
    "/admin/doc/",
    "/api/openapi",
    "/api/characters/",
}
# Views that answer GET with something other than a page, by design.
POST_ONLY = {"/auth/logout/", "/admin/logout/"}  # 405
NEEDS_QUERY = {"/admin/autocomplete/"}  # 403 without its app/model/field parameters
REFUSED = {"/admin/war/zonecontrol/add/"}  # 403: zones come from the village data


def served_paths(patterns, prefix=""):
    """
    Args:
        patterns (list): URL patterns and resolvers.
        prefix (str): The path of the resolver they sit in.

    Yields:
        str: The path of every URL that takes no argument.
    """
    for pattern in patterns:
        if isinstance(pattern.pattern, RoutePattern):
            part = str(pattern.pattern)
            if "<" in part:
                continue
        else:
            # regex routes (the REST API's router): keep those without groups or wildcards
            if pattern.pattern.regex.groups:
                continue
            part = (
                pattern.pattern.regex.pattern.lstrip("^").rstrip("$").replace("/?", "/").replace(r"\.", ".")
            )
            if re.search(r"[\\()\[\]*+?{}|^$]", part):
                continue
        if isinstance(pattern, URLResolver):
            yield from served_paths(pattern.url_patterns, prefix + part)
        else:
            yield "/" + prefix + part


def static_path(url):
    """The path under STATIC_URL of a local URL, or None if it is not a static file."""
    if url.startswith(settings.STATIC_URL):
        return url[len(settings.STATIC_URL) :]
    return None


def is_page(path):
    """True if `path` is one of the game's URLs (or becomes one with the slash Django appends)."""
    for candidate in (path, path + "/") if settings.APPEND_SLASH and not path.endswith("/") else (path,):
        try:
            resolve(candidate, urlconf=URLCONF)
        except Resolver404:
            continue
        return True
    return False


class Checker:
    """Collects every problem of every page checked, to report them all at once."""

    def __init__(self):
        self.problems = []
        self._checked_files = set()

    def page(self, path, html):
        page = scan_page(html)
        for ref in page.references:
            self.reference(path, ref.url, ref.where)
        for href in page.stylesheets:
            if not is_outside(href, HOST):
                self.stylesheet(path, resolve_url(path, href))
        for src in page.scripts:
            url = resolve_url(path, src)
            if not is_outside(src, HOST) and "vendor/" not in url:
                self.script(path, url)

    def reference(self, where_path, url, where):
        if is_outside(url, HOST):
            self.problems.append(f"{where_path}: {where} refers to another site: {url}")
            return
        target = resolve_url(where_path, url)
        if not url.strip() or url.strip().startswith(("#", "data:", "blob:", "javascript:", "about:")):
            return
        rel = static_path(target)
        if rel is not None:
            if not finders.find(rel):
                self.problems.append(f"{where_path}: {where} names a missing static file: {url}")
        elif where_path.startswith(settings.STATIC_URL):
            self.problems.append(f"{where_path}: {where} points outside the static files: {url}")
        elif not is_page(target):
            self.problems.append(f"{where_path}: {where} links to no page of the game: {url}")

    def stylesheet(self, page_path, url):
        rel = static_path(url)
        found = finders.find(rel) if rel else None
        if not found:
            self.problems.append(f"{page_path}: stylesheet {url} is not a static file of the game")
            return
        if url in self._checked_files:
            return
        self._checked_files.add(url)
        with open(found, encoding="utf-8") as fh:
            css = fh.read()
        for ref in css_references(css, url):
            self.reference(url, ref.url, "url() or @import")
            if ref.url.rsplit("?", 1)[0].endswith(".css") and not is_outside(ref.url, HOST):
                self.stylesheet(url, resolve_url(url, ref.url))

    def script(self, page_path, url):
        rel = static_path(url)
        if rel is None:
            # a script made by a view, such as the admin's translations (/admin/jsi18n/)
            if not is_page(url):
                self.problems.append(f"{page_path}: script {url} is neither a static file nor a page")
            return
        found = finders.find(rel)
        if not found:
            self.problems.append(f"{page_path}: script {url} is not a static file of the game")
            return
        if url in self._checked_files:
            return
        self._checked_files.add(url)
        with open(found, encoding="utf-8") as fh:
            for ref in script_references(fh.read(), url):
                if is_outside(ref.url, HOST):
                    self.problems.append(f"{url}: quotes an outside URL: {ref.url}")

    def response(self, path, response):
        location = response.get("Location", "")
        if response.status_code in (301, 302) and is_outside(location, HOST):
            self.problems.append(f"{path}: redirects to another site: {location}")
        if response.status_code >= 500:
            self.problems.append(f"{path}: server error {response.status_code}")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            self.page(path, response.content.decode(response.charset or "utf-8"))


@pytest.fixture
def game_master(db):
    """A superuser account with a character in the village (the world is built first)."""
    from world.village.builder import build_world

    build_world()
    account = create.create_account(
        "Hiruzen", "hiruzen@leaf.invalid", "a-long-test-password", typeclass=settings.BASE_ACCOUNT_TYPECLASS
    )
    account.is_superuser = account.is_staff = True
    account.save()
    # as Evennia's own first account has: its locks (the API's examine check) look at this
    account.permissions.add("Developer")
    character, errors = account.create_character(key="Sarutobi")
    assert not errors
    return account


def fetch_all(client, paths):
    checker, statuses = Checker(), {}
    for path in sorted(paths):
        response = client.get(path, HTTP_ACCEPT=BROWSER_ACCEPT)
        statuses[path] = response.status_code
        checker.response(path, response)
    return checker, statuses


@pytest.fixture
def paths():
    return set(served_paths(get_resolver(URLCONF).url_patterns))


def test_the_walk_finds_the_pages_people_use(paths):
    assert PUBLIC_PAGES | MEMBER_PAGES | POST_ONLY <= paths
    assert len(paths) > 40


@pytest.mark.urls(URLCONF)
def test_every_page_as_a_visitor_stays_on_the_game(db, client, paths):
    checker, statuses = fetch_all(client, paths)
    assert not checker.problems, "\n".join(checker.problems)
    assert {path: statuses[path] for path in PUBLIC_PAGES} == dict.fromkeys(PUBLIC_PAGES, 200)
    # pages for members send a visitor to a login page of the game (or refuse, for the API)
    for path in MEMBER_PAGES:
        assert statuses[path] in (302, 401, 403), path


@pytest.mark.urls(URLCONF)
def test_every_page_as_the_game_master_stays_on_the_game(client, game_master, paths):
    client.force_login(game_master)
    checker, statuses = fetch_all(client, paths)
    assert not checker.problems, "\n".join(checker.problems)
    expected = {path: 200 for path in PUBLIC_PAGES | MEMBER_PAGES} | {"/admin/login/": 302}
    assert {path: statuses[path] for path in expected} == expected
    assert {statuses[path] for path in POST_ONLY} == {405}
    assert {statuses[path] for path in NEEDS_QUERY | REFUSED} == {403}
    others = paths - PUBLIC_PAGES - MEMBER_PAGES - POST_ONLY - NEEDS_QUERY - REFUSED
    assert {path: statuses[path] for path in others if statuses[path] != 200} == {"/favicon.ico": 302}


@pytest.mark.urls(URLCONF)
def test_detail_pages_stay_on_the_game(client, game_master):
    character = game_master.characters.all()[0]
    channel = create.create_channel("War Council", desc="Orders from the Hokage's office.")
    entry = create.create_help_entry("Raids", "How a raid into Sound-held ground goes.", category="war")
    client.force_login(game_master)
    pages = [
        character.web_get_detail_url(),
        character.web_get_update_url(),
        character.web_get_delete_url(),
        channel.web_get_detail_url(),
        entry.web_get_detail_url(),
        f"/api/characters/{character.pk}/",
        reverse("admin:objects_objectdb_change", args=[character.pk], urlconf=URLCONF),
        reverse("admin:accounts_accountdb_change", args=[game_master.pk], urlconf=URLCONF),
        reverse("admin:comms_channeldb_change", args=[channel.pk], urlconf=URLCONF),
        reverse("admin:help_helpentry_change", args=[entry.pk], urlconf=URLCONF),
    ]
    checker = Checker()
    for path in pages:
        response = client.get(path, HTTP_ACCEPT=BROWSER_ACCEPT)
        assert response.status_code == 200, path
        checker.response(path, response)
    # the page for a missing URL is a page of the site too
    missing = client.get("/no-such-page/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert missing.status_code == 404
    checker.page("/no-such-page/", missing.content.decode())
    assert not checker.problems, "\n".join(checker.problems)
    # our own portrait replaces placehold.jp's image
    detail = client.get(character.web_get_detail_url()).content.decode()
    assert "website/images/ninja-portrait.svg" in detail


@pytest.mark.urls(URLCONF)
def test_homepage_tells_what_the_game_is_and_how_to_connect(db, client):
    html = client.get("/").content.decode()
    assert "<title>Second Chances - Home</title>" in html
    assert "roguelike MUD" in html and "Chuunin exams" in html
    assert "Telnet or a MUD client" in html and f"<strong>{settings.TELNET_PORTS[0]}</strong>" in html
    assert 'href="/webclient/"' in html


def test_vendored_redoc_neither_fetches_nor_links_redocly():
    bundle = finders.find("vendor/redoc/redoc.standalone.js")
    assert bundle, "node_modules/.vendor is missing: run scripts/vendor-assets.sh"
    with open(bundle, encoding="utf-8") as fh:
        source = fh.read()
    assert "cdn.redoc.ly" not in source and '"https://redocly.com/redoc/"' not in source
    assert finders.find("vendor/redoc/LICENSE.txt")


@pytest.mark.urls(URLCONF)
def test_api_schema_documents_every_endpoint_with_local_examples(client, game_master):
    client.force_login(game_master)
    response = client.get("/api/openapi", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "Second Chances API"
    for endpoint in ("accounts", "objects", "characters", "exits", "rooms", "scripts", "helpentries"):
        assert f"/api/{endpoint}/" in schema["paths"] and f"/api/{endpoint}/{{id}}/" in schema["paths"]
    listing = schema["paths"]["/api/characters/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert listing["schema"]["properties"]["next"]["example"] == "/api/characters/?offset=400&limit=100"
    assert "example.org" not in response.content.decode()
