"""
The Mudlet package, run for real: its Lua (as the built XML holds it) runs under lua5.4
against a stand-in for Mudlet's API (`mudlet_stub.lua`), is fed the GMCP the server sends
(`recorded.py`, made with the game's own builders and Evennia's encoder), and the gauges,
map labels and mapper rooms it sets are checked. Where Debian's lua5.1 is installed (Mudlet
embeds Lua 5.1), the whole session is also replayed there and must end in the same state.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from evennia.server.portal.gmcp_utils import decode_gmcp

from server.conf import inputfuncs
from tests.clients import recorded
from tests.world.clients.sessions import make_session
from world.clients import notify
from world.clients.gmcp import Package

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
PACKAGE_DIR = ROOT / "clients" / "mudlet"
LUA = shutil.which("lua5.4")
MUDLETS_LUA = shutil.which("lua5.1")

LEAF, SOUND, CONTESTED = "#2e7d32", "#6a1b9a", "#ef6c00"

needs_lua = pytest.mark.skipif(LUA is None, reason="lua5.4 is not installed (apt-get install lua5.4)")


def _build_module():
    spec = importlib.util.spec_from_file_location("mudlet_build", PACKAGE_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_module()


def _package_scripts(tmp_path):
    """Write the scripts the built XML holds to files, in order, and return their paths."""
    tree = ET.parse(PACKAGE_DIR / "SecondChances.xml")
    paths = []
    for index, script in enumerate(tree.getroot().iter("Script")):
        path = tmp_path / f"{index:02d}_{script.findtext('name')}.lua"
        path.write_text(script.findtext("script"))
        paths.append(path)
    return paths


def _recording():
    return {entry["step"]: entry["gmcp"] for entry in json.loads(recorded.FIXTURE.read_text())}


class Mudlet:
    """Runs the package in lua5.4 with the stub; each `dump()` step yields one state."""

    def __init__(self, tmp_path, lua=LUA):
        self.lua = lua
        self.steps = [f"load {path}" for path in _package_scripts(tmp_path)]

    def connect(self):
        self.steps.append("event sysProtocolEnabled GMCP")

    def feed(self, *steps):
        recording = _recording()
        self.steps += [f"gmcp {line}" for step in steps for line in recording[step]]

    def step(self, line):
        self.steps.append(line)

    def dump(self):
        self.steps.append("dump")

    def run(self):
        result = subprocess.run(
            [self.lua, str(HERE / "drive.lua"), str(HERE / "mudlet_stub.lua")],
            input="\n".join(self.steps) + "\n",
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def mudlet(tmp_path):
    return Mudlet(tmp_path)


def _label(state, zone):
    return state["widgets"][f"SecondChances.zone.{zone}"]


def _background(label):
    return label["stylesheet"].split("background-color: ")[1].split(";")[0]


# The package as files -----------------------------------------------------------------


def test_built_xml_matches_the_sources():
    assert build.is_current(), "run: .venv/bin/python clients/mudlet/build.py"
    tree = ET.parse(PACKAGE_DIR / "SecondChances.xml")
    assert tree.getroot().tag == "MudletPackage"
    names = [script.findtext("name") for script in tree.getroot().iter("Script")]
    assert names == ["core", "vitals", "zonemap", "mapper", "people", "uninstall"]


def test_mpackage_is_a_reproducible_zip_of_config_and_xml(tmp_path):
    first, second = build.write_mpackage(tmp_path / "a"), build.write_mpackage(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert sorted(archive.namelist()) == ["SecondChances.xml", "config.lua"]
        assert "mpackage = [[SecondChances]]" in archive.read("config.lua").decode()
        assert archive.read("SecondChances.xml").decode() == (PACKAGE_DIR / "SecondChances.xml").read_text()


@pytest.mark.django_db
def test_recording_is_what_the_builders_make_now():
    """The fixture is the builders' output; REGEN_GMCP_FIXTURES=1 rewrites it."""
    fresh = recorded.render()
    if os.environ.get("REGEN_GMCP_FIXTURES"):
        recorded.FIXTURE.write_text(fresh)
    assert recorded.FIXTURE.read_text() == fresh


# The package running against recorded GMCP --------------------------------------------


@needs_lua
def test_connect_declares_packages_the_server_understands(mudlet):
    mudlet.dump()
    mudlet.connect()
    mudlet.dump()
    before, after = mudlet.run()
    assert before["sentGMCP"] == []
    [line] = after["sentGMCP"]
    assert (
        line
        == 'Core.Supports.Set ["Char 1", "Char.Items 1", "Room 1", "War 1", "Raid 1", "Timeline 1", "Comm 1"]'
    )

    # The same line, decoded by Evennia and handled by the game's input function.
    session = make_session()
    [(cmdname, (args, kwargs))] = decode_gmcp(line.encode()).items()
    getattr(inputfuncs, cmdname)(session, *args, **kwargs)
    assert session.protocol_flags[notify.SUPPORTS_FLAG] == {
        "char": 1,
        "char.items": 1,
        "room": 1,
        "war": 1,
        "raid": 1,
        "timeline": 1,
        "comm": 1,
    }
    assert all(notify.wants(session, package) for package in Package)


@needs_lua
def test_gauges_follow_char_vitals(mudlet):
    mudlet.feed("login")
    mudlet.dump()
    mudlet.feed("hurt")
    mudlet.dump()
    login, hurt = mudlet.run()
    health, chakra = login["widgets"]["SecondChances.health"], login["widgets"]["SecondChances.chakra"]
    assert (health["value"], health["max"], health["text"]) == (100, 100, "Health 100 / 100")
    assert (chakra["value"], chakra["max"], chakra["text"]) == (80, 80, "Chakra 80 / 80")
    health, chakra = hurt["widgets"]["SecondChances.health"], hurt["widgets"]["SecondChances.chakra"]
    assert (health["value"], health["max"]) == (35, 100)
    assert (chakra["value"], chakra["max"]) == (12, 80)
    assert login["borderRight"] == 360


@needs_lua
def test_the_people_window_follows_room_players_and_items(mudlet):
    mudlet.feed("login")
    mudlet.dump()
    mudlet.feed("people")
    mudlet.dump()
    login, later = mudlet.run()
    window = login["widgets"]["SecondChances.people"]
    assert window["parent"] == "SecondChances.panel"
    assert window["text"] == "<b>Here:</b> Ayame, Kiba<br><b>Carrying:</b> 1 soldier pill, 3 kunai"
    # Neji came, Kiba left; a kunai thrown, the pill eaten, a scroll found; the room's crate is not carried.
    assert later["widgets"]["SecondChances.people"]["text"] == (
        "<b>Here:</b> Ayame, Neji<br><b>Carrying:</b> 1 technique scroll, 2 kunai"
    )


@needs_lua
def test_zone_map_is_coloured_by_holder_and_marks_the_player(mudlet):
    mudlet.feed("login")
    mudlet.dump()
    [state] = mudlet.run()
    expected = {key: holder for key, *_rest, holder in recorded.MAP}
    colours = {key: _background(_label(state, key)) for key in expected}
    assert colours == {key: {"leaf": LEAF, "sound": SOUND}[holder] for key, holder in expected.items()}

    here = _label(state, "headquarters")
    assert "3px solid #ffffff" in here["stylesheet"] and "you" in here["text"]
    assert "(you are here)" in here["tooltip"] and "Leaf" in here["tooltip"]
    market = _label(state, "market_street")
    assert "1px solid" in market["stylesheet"] and "you" not in market["text"]
    assert market["text"] == "<center><b>Market</b><br>55</center>"
    assert market["tooltip"] == "Market Street: Sound, strength 55"


@needs_lua
def test_map_places_zones_by_their_coordinates(mudlet):
    mudlet.feed("login")
    mudlet.dump()
    [state] = mudlet.run()
    # The zones span x 1..7 (sevenths of the width) and y 0..5 (sixths, north at the top).
    gate, monument, camp = (_label(state, k) for k in ("main_gate", "hokage_monument", "sound_camp"))
    assert (gate["x"], gate["y"]) == ("28.57%", "83.33%")
    assert (monument["x"], monument["y"]) == ("28.57%", "0.00%")
    assert (camp["x"], camp["y"]) == ("85.71%", "33.33%")
    assert (gate["width"], gate["height"]) == ("13.29%", "15.67%")


@needs_lua
def test_moving_and_a_flip_redraw_the_map(mudlet):
    mudlet.feed("login", "hurt", "move")
    mudlet.dump()
    mudlet.feed("flip")
    mudlet.dump()
    moved, flipped = mudlet.run()
    assert "you" in _label(moved, "market_street")["text"]
    assert "you" not in _label(moved, "headquarters")["text"]
    assert _background(_label(moved, "hyuuga_compound")) == SOUND
    assert _background(_label(flipped, "hyuuga_compound")) == CONTESTED
    assert _label(flipped, "hyuuga_compound")["tooltip"] == "Hyuuga Compound: Sound (contested), strength 18"
    assert _background(_label(flipped, "market_street")) == SOUND


@needs_lua
def test_room_info_feeds_mudlets_mapper(mudlet):
    mudlet.feed("login", "hurt", "move")
    mudlet.dump()
    [state] = mudlet.run()
    rooms, areas = state["rooms"], state["areas"]
    assert state["mapperScript"] is True
    briefing = rooms["100"]
    assert briefing["name"] == "Briefing Room"
    assert briefing["area"] == areas["The Last Headquarters"]
    assert briefing["coords"] == [0, 0, 0]
    assert briefing["exits"] == {"e": 101, "n": 102, "s": 104, "w": 103}
    assert rooms["104"]["coords"] == [0, -1, 0]
    stalls = rooms["1000"]
    assert stalls["area"] == areas["Market Street"] and stalls["coords"] == [0, 0, 0]
    assert stalls["exits"] == {"n": 104, "e": 1001}
    assert rooms["1001"]["exits"] == {}  # seen as an exit, not visited yet
    assert state["centered"] == 1000
    # Holder as environment, and each environment's colour is the holder's.
    assert briefing["env"] == 300 and stalls["env"] == 301
    assert state["envColours"]["300"] == [0x2E, 0x7D, 0x32, 255]
    assert state["envColours"]["301"] == [0x6A, 0x1B, 0x9A, 255]


@needs_lua
def test_speedwalk_sends_the_mapper_path(mudlet):
    mudlet.step('set speedWalkDir ["s", "s", "e"]')
    mudlet.step("call doSpeedWalk")
    mudlet.dump()
    [state] = mudlet.run()
    assert state["sent"] == ["s", "s", "e"]


@needs_lua
def test_reinstalling_does_not_double_handlers_and_uninstall_cleans_up(mudlet):
    mudlet.dump()
    mudlet.steps += [step for step in mudlet.steps if step.startswith("load ")]
    mudlet.feed("login")
    mudlet.dump()
    mudlet.step("event sysUninstallPackage SomethingElse")
    mudlet.dump()
    mudlet.step("event sysUninstallPackage SecondChances")
    mudlet.dump()
    once, twice, other, removed = mudlet.run()
    assert once["handlers"] == twice["handlers"] == other["handlers"] == 13
    assert removed["handlers"] == 0
    assert removed["packageLoaded"] is False
    assert removed["borderRight"] == 0
    assert removed["widgets"]["SecondChances.panel"]["visible"] is False


@needs_lua
def test_odd_gmcp_does_not_break_the_package(mudlet):
    mudlet.feed("login")
    for line in (
        "Char.Vitals",
        'Char.Vitals {"hp": "50", "maxhp": 0, "cp": 90.7, "maxcp": 80}',
        'War.Zones {"zones": {}}',
        'War.Zones {"zones": "none"}',
        'War.Zones {"zones": {"ruins": {"name": "Ruined Eastern Districts", "holder": "leaf", "x": 1, "y": 1}}}',
        'Room.Info {"name": "no number"}',
        'Room.Info {"num": 5, "exits": {"n": "x"}, "coords": "bad"}',
        'Room.Players {"name": "not a list"}',
        "Room.AddPlayer [1, 2]",
        "Room.RemovePlayer 7",
        'Char.Items.List {"location": "inv", "items": "none"}',
        'Char.Items.Add {"location": "inv", "item": {"name": "no id"}}',
        "Char.Items.Remove",
    ):
        mudlet.step(f"gmcp {line}")
    mudlet.dump()
    [state] = mudlet.run()
    health, chakra = state["widgets"]["SecondChances.health"], state["widgets"]["SecondChances.chakra"]
    assert (health["value"], health["max"], health["text"]) == (1, 1, "Health 50 / 0")
    assert (chakra["value"], chakra["max"]) == (80, 80)
    assert state["rooms"]["5"]["exits"] == {} and "coords" not in state["rooms"]["5"]
    assert _background(_label(state, "market_street")) == SOUND
    assert _label(state, "ruins")["text"] == "<center><b>RED</b><br>0</center>"  # no short name: initials
    assert "Here:</b> Ayame, Kiba" in state["widgets"]["SecondChances.people"]["text"]


@needs_lua
@pytest.mark.skipif(MUDLETS_LUA is None, reason="lua5.1 is not installed (apt-get install lua5.1)")
def test_the_whole_session_ends_the_same_in_mudlets_lua_5_1(tmp_path):
    states = []
    for lua in (LUA, MUDLETS_LUA):
        mudlet = Mudlet(tmp_path, lua)
        mudlet.connect()
        mudlet.feed("login", "hurt", "people", "move", "flip")
        mudlet.step('set speedWalkDir ["n"]')
        mudlet.step("call doSpeedWalk")
        mudlet.dump()
        states += mudlet.run()
    assert states[0] == states[1]
    assert states[0]["widgets"]["SecondChances.health"]["value"] == 35
