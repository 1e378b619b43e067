"""
The war in a real browser (Debian's headless Chromium, driven by Playwright) against a real
game: the webclient's gauges and war map, the website's war page, and a game master's change
reaching both within seconds. The tests read the page (data attributes, computed colours,
text), never a picture; screenshots are kept in artifacts/screenshots/ for people.

Outside hosts are unresolvable to the browser, as in test_browser.py.
"""

import json
import re
import time
import urllib.request
from pathlib import Path

import pytest

from harness.gameserver import REPO_ROOT, GameServer
from tests.e2e.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.clients import TelnetClient, connect_account
from tests.web.markup import COLOUR, HOSTILE, MXP, SCRIPT

pytestmark = pytest.mark.e2e

SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
WAIT_MS = 8000
# A game master's change must show on the pages within this many seconds.
LIVE_SECONDS = 6


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does this as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser):
    """`open()` -> a fresh page (its own context: cookies, storage) that records page errors and dialogs."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.errors, page.dialogs = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        return page

    yield open_page
    for context in contexts:
        context.close()


def _screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _api(game_server, path="/api/war/"):
    with urllib.request.urlopen(f"{game_server.web_url}{path}", timeout=5) as response:
        return json.loads(response.read())


def _type(page, line):
    field = page.locator("textarea.inputfield, #inputfield").first
    field.click()
    field.fill(line)
    field.press("Enter")


def _wait_for_text(page, text):
    page.wait_for_function(
        "text => document.body.innerText.replace(/\\u00a0/g, ' ').includes(text)", arg=text, timeout=WAIT_MS
    )


def _record_frames(page):
    """Every websocket frame the page receives, decoded: [(cmdname, args, kwargs), ...]."""
    frames = []

    def on_socket(socket):
        socket.on("framereceived", lambda payload: frames.append(json.loads(payload)))

    page.on("websocket", on_socket)
    return frames


def _play_in_webclient(page, game_server, name, password):
    page.goto(f"{game_server.web_url}/webclient/", wait_until="load")
    _wait_for_text(page, "Konoha is rubble")
    _type(page, f"create {name} {password}")
    _wait_for_text(page, f"Account {name} created")
    _type(page, f"connect {name} {password}")
    # not a room name: after a Second Chance (the chronicle test) ninja start at the exams
    _wait_for_text(page, f"You become {name}")
    page.wait_for_selector("#sc-health[data-value]")
    page.wait_for_selector("#sc-warmap .sc-zone")


def _gauges(page):
    return page.evaluate(
        """() => Object.fromEntries(['sc-health', 'sc-chakra'].map(id => {
            const g = document.getElementById(id);
            return [id, [Number(g.dataset.value), Number(g.dataset.max)]];
        }))"""
    )


def _client_zones(page):
    """The webclient map: zone -> (holder, colour), and the legend's colour per holder."""
    return page.evaluate(
        """() => ({
            zones: Object.fromEntries([...document.querySelectorAll('#sc-warmap .sc-zone')].map(
                z => [z.dataset.zone, [z.dataset.holder, getComputedStyle(z).backgroundColor]])),
            legend: Object.fromEntries(['leaf', 'sound'].map(
                h => [h, getComputedStyle(document.querySelector('.sc-key.holder-' + h)).backgroundColor])),
        })"""
    )


def _site_zones(page):
    """The /war/ map: zone -> (holder, fill), and the legend's fill per holder."""
    return page.evaluate(
        """() => ({
            zones: Object.fromEntries([...document.querySelectorAll('#war-map g[data-zone]')].map(
                g => [g.dataset.zone, [g.dataset.holder, getComputedStyle(g.querySelector('rect')).fill]])),
            legend: Object.fromEntries(['leaf', 'sound'].map(
                h => [h, getComputedStyle(document.querySelector('.swatch.holder-' + h)).fill])),
        })"""
    )


def _assert_map_matches_api(drawn, api):
    zones, legend = drawn["zones"], drawn["legend"]
    assert legend["leaf"] != legend["sound"]
    assert sorted(zones) == sorted(zone["key"] for zone in api["zones"])
    for zone in api["zones"]:
        holder, colour = zones[zone["key"]]
        assert holder == zone["holder"], zone["key"]
        assert colour == legend[zone["holder"]], zone["key"]


def _game_master(telnet, game_server):
    gm_name, gm_password = game_server.superuser
    gm = telnet()
    gm.expect("S E C O N D")
    connect_account(gm, gm_name, gm_password, arrival=f"You become {gm_name}")
    return gm


def _wait_for_holder(page, selector, zone, holder):
    """Seconds until the element of `zone` under `selector` shows `holder`."""
    start = time.monotonic()
    page.wait_for_function(
        "([selector, zone, holder]) => { const z = document.querySelector(selector + '[data-zone=\"' + zone + '\"]');"
        " return z && z.dataset.holder === holder; }",
        arg=[selector, zone, holder],
        timeout=LIVE_SECONDS * 1000,
    )
    return time.monotonic() - start


def test_webclient_gauges_and_maps_follow_the_game(game_server, new_page, credentials, telnet):
    client, site = new_page(), new_page()
    frames = _record_frames(client)
    name, password = credentials("Gau")
    _play_in_webclient(client, game_server, name, password)
    for command, answer in (
        ("look", "Briefing Room"),
        ("score", f"{name}, Genin of the Leaf"),
        ("war", "The war"),
    ):
        _type(client, command)
        _wait_for_text(client, answer)

    # the gauges show exactly the last Char.Vitals the page received
    vitals = [kwargs for cmdname, _args, kwargs in frames if cmdname == "char_vitals"]
    assert vitals, [frame[0] for frame in frames]
    last = vitals[-1]
    assert _gauges(client) == {
        "sc-health": [last["hp"], last["maxhp"]],
        "sc-chakra": [last["cp"], last["maxcp"]],
    }
    assert last["maxhp"] > 0 and last["maxcp"] > 0

    # one element per zone of the JSON API, coloured by the holder the API reports
    api = _api(game_server)
    _assert_map_matches_api(_client_zones(client), api)
    site.goto(f"{game_server.web_url}/war/", wait_until="load")
    _assert_map_matches_api(_site_zones(site), api)
    assert site.locator("#war-table tbody tr").count() == len(api["zones"])
    assert site.inner_text("#war-date").startswith(api["story_date"].split(",")[0])

    # a game master hands the hospital to the other side: both maps follow within seconds
    hospital = next(zone for zone in api["zones"] if zone["key"] == "hospital")
    other = "leaf" if hospital["holder"] == "sound" else "sound"
    gm = _game_master(telnet, game_server)
    gm.command(f"zoneset hospital = {other}", "Konoha Hospital is now held by")
    try:
        client_delay = _wait_for_holder(client, "#sc-warmap .sc-zone", "hospital", other)
        site_delay = _wait_for_holder(site, "#war-map g", "hospital", other)
        assert (
            _api(game_server)["zones"][[z["key"] for z in api["zones"]].index("hospital")]["holder"] == other
        )
        print(f"hospital to {other}: webclient {client_delay:.1f} s, /war/ {site_delay:.1f} s")
        _assert_map_matches_api(_site_zones(site), _api(game_server))
    finally:
        _screenshot(client, "webclient-war.png")
        _screenshot(site, "war.png")
        gm.command(f"zoneset hospital = {hospital['holder']}", "Konoha Hospital is now held by")
    assert not client.errors and not site.errors, client.errors + site.errors


def test_markup_in_the_webclient_shows_as_text(game_server, new_page, credentials):
    page = new_page()
    name, password = credentials("Mrk")
    _play_in_webclient(page, game_server, name, password)
    # through the game: a player says it
    _type(page, f"say {SCRIPT} {MXP}")
    _wait_for_text(page, f"{SCRIPT} {MXP}")
    # into the panel, as the game's messages would bring it (names, reasons), and an unknown message
    page.evaluate(
        """hostile => {
            Evennia.emit('char_status', [], {name: hostile, rank: hostile, faction: 'leaf', area: hostile});
            Evennia.emit('war_zones', [], {zones: {hospital: {name: hostile, short: hostile, holder: 'leaf',
                contested: false, strength: 3, x: 1, y: 1, walls: true}}});
            Evennia.emit('timeline_countdown', [], {active: true, seconds: 30, reason: hostile});
            Evennia.emit('no_such_package', [hostile], {text: hostile});
        }""",
        HOSTILE,
    )
    panel = page.inner_text("#sc-panel")
    assert panel.count(HOSTILE) >= 3, panel
    assert page.locator("#sc-warmap .sc-zone").first.get_attribute("title").startswith(HOSTILE)
    # a package the panel does not draw never reaches the player's text
    assert "no_such_package" not in page.inner_text("#messagewindow")
    made = page.evaluate(
        """() => [...document.querySelectorAll('#clientwrapper script, #clientwrapper send, #sc-panel *')]
            .filter(e => ['SCRIPT', 'SEND'].includes(e.tagName)).length"""
    )
    assert made == 0 and not page.dialogs and not page.errors, (made, page.dialogs, page.errors)
    assert COLOUR in panel
    _screenshot(page, "webclient-markup.png")


def test_a_zone_changed_in_the_admin_is_changed_by_the_game_and_audited(game_server, new_page, telnet):
    gm_name, gm_password = game_server.superuser
    page = new_page()
    page.goto(f"{game_server.web_url}/admin/login/?next=/admin/war/zonecontrol/", wait_until="load")
    page.fill("#id_username", gm_name)
    page.fill("#id_password", gm_password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/war/zonecontrol/")
    before = next(zone for zone in _api(game_server)["zones"] if zone["key"] == "river")
    other = "leaf" if before["holder"] == "sound" else "sound"
    page.click("text=river")
    page.select_option("#id_holder", other)
    started = time.monotonic()
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/war/zonecontrol/")
    took = time.monotonic() - started
    _screenshot(page, "admin-zones.png")
    after = next(zone for zone in _api(game_server)["zones"] if zone["key"] == "river")
    assert after["holder"] == other and "was changed successfully" in page.inner_text("body")
    # the game thread made the change at once (a web-thread transaction would have held
    # SQLite's write lock against it for the 20 s timeout)
    assert took < 3, took
    gm = _game_master(telnet, game_server)
    entry = gm.command("audit 1", re.compile(r"zone holder river\s+before: .*\n\s+after: .*\n"))
    assert f"{gm_name} zone holder river" in entry and f"'holder': '{other}'" in entry.split("after:")[1]
    gm.command(f"zoneset river = {before['holder']}", "The River is now held by")


@pytest.fixture(scope="module")
def history_server():
    """A game of its own: the test below ends its timeline, which would reset the shared game."""
    with GameServer() as game:
        yield game


def _line_after(text, heading):
    """The first indented line under `heading` in a game's report text."""
    return re.search(re.escape(heading) + r"\s*\n\s+(.+)", text).group(1).strip()


def test_chronicle_raid_reports_and_leaderboards_show_the_games_history(history_server, new_page):
    game = history_server
    gm_name, gm_password = game.superuser
    gm = TelnetClient(game.telnet_port, timeout=15)
    try:
        gm.expect("S E C O N D")
        connect_account(gm, gm_name, gm_password, arrival=f"You become {gm_name}")
        gm.command("tel Briefing Room", "Teleported to Briefing Room")
        started = gm.command("raids/start hospital 42", re.compile(r"Raid (\d+) started: (.+), seed 42\."))
        raid_id, title = re.search(r"Raid (\d+) started: (.+), seed 42\.", started).groups()
        report = gm.command(f"raids/end {raid_id}", f"Raid {raid_id} ended: abandoned.")
        effect = _line_after(report, "Effect on the war:")
        # the Second Chance, as the game's own rollback makes it (its command is not in the game yet)
        gm.command(
            "py from world.timeline.service import SECOND_CHANCE as S; "
            "print('FIRED', S.fire_now(me, 'The test of the chronicle.').plan.ctx.new_timeline)",
            re.compile(r"FIRED\s+2"),
            timeout=60,
        )
        chronicle = gm.command(
            "py from world.timeline.chronicle import entries, entry_text; print(entry_text(entries()[0]))",
            re.compile(r"No player ninja fell\.|The fallen"),
        )
    finally:
        gm.close()
    held = re.search(r"The Leaf (?:had )?held .+\)\.", chronicle).group(0)

    page = new_page()
    page.goto(f"{game.web_url}/raids/", wait_until="load")
    row = page.locator(f"#raids-list tr[data-raid='{raid_id}']")
    assert row.get_attribute("data-result") == "abandoned" and title in row.inner_text()
    assert gm_name in row.inner_text()
    _screenshot(page, "raids.png")
    page.click(f"text={title}")
    page.wait_for_url(f"**/raids/{raid_id}/")
    text = page.inner_text("#raid-report-text")
    assert f"Raid report: {title}" in text and f"Team: {gm_name} (leader)" in text
    assert _line_after(text, "Effect on the war:") == effect
    assert page.locator(f"#raid-players tr[data-player='{gm_name}']").count() == 1
    _screenshot(page, "raid-report.png")

    page.goto(f"{game.web_url}/leaderboards/?timeline=1", wait_until="load")
    for section in ("timeline", "all-time"):
        raiders = page.locator(f"[data-section='{section}'] [data-board='raiders'] tr[data-name]")
        assert raiders.count() == 1 and raiders.get_attribute("data-name") == gm_name
        assert raiders.get_attribute("data-count") == "1"
    _screenshot(page, "leaderboards.png")

    page.goto(f"{game.web_url}/chronicle/", wait_until="load")
    assert page.get_attribute("#chronicle-current", "data-timeline") == "2"
    assert "from the exams epoch" in page.inner_text("#chronicle-current")
    ended = page.locator("#chronicle-list tr[data-timeline='1']")
    assert "The test of the chronicle." in ended.inner_text()
    _screenshot(page, "chronicle.png")
    page.goto(f"{game.web_url}/chronicle/1/", wait_until="load")
    assert page.inner_text("#chronicle-held") == held
    assert page.inner_text("#chronicle-ending") == "How it ended: The test of the chronicle."
    assert f"{gm_name}: 1 raid" in page.inner_text("#chronicle-raiders")
    assert not page.errors, page.errors


def test_countdown_bar_shows_only_while_a_second_chance_is_scheduled(history_server, new_page, credentials):
    game = history_server
    page = new_page()
    name, password = credentials("Cnt")
    _play_in_webclient(page, game, name, password)
    bar = page.locator("#sc-countdown")
    assert bar.is_hidden()
    gm_name, gm_password = game.superuser
    gm = TelnetClient(game.telnet_port, timeout=15)
    try:
        gm.expect("S E C O N D")
        connect_account(gm, gm_name, gm_password, arrival=f"You become {gm_name}")
        gm.command(
            "py from world.timeline.service import SECOND_CHANCE as S; "
            "print('SCHEDULED', S.schedule(600, reason='The Hokage orders it.', actor=me).timeline)",
            "SCHEDULED",
        )
        bar.wait_for(state="visible")
        seconds = int(bar.get_attribute("data-seconds"))
        assert 595 <= seconds <= 600 and bar.get_attribute("data-total") == "600"
        assert page.eval_on_selector("#sc-countdown progress", "p => p.max") == 600
        assert "The Hokage orders it." in bar.inner_text()
        _screenshot(page, "webclient-countdown.png")
        site = new_page()
        site.goto(f"{game.web_url}/chronicle/", wait_until="load")
        assert "A Second Chance is counting down: The Hokage orders it." in " ".join(
            site.inner_text("#chronicle-current").split()
        )
        gm.command(
            "py from world.timeline.service import SECOND_CHANCE as S; print('CANCELLED', S.cancel(me))",
            "CANCELLED",
        )
        bar.wait_for(state="hidden")
    finally:
        gm.close()
