"""
GMCP over real telnet: a telnetlib3 client negotiates GMCP with a running game, says hello,
declares its packages as Mudlet does, and receives its ninja's state with true values.
"""

import json
import threading
from functools import partial

import pytest
from telnetlib3.client import TelnetClient
from telnetlib3.sync import TelnetConnection
from telnetlib3.telopt import GMCP

from tests.clients.recorded import FIXTURE
from tests.support.clients import telnet_text

pytestmark = pytest.mark.e2e

# What the Mudlet package declares (see clients/mudlet/src/01_core.lua).
MUDLET_SUPPORTS = ["Char 1", "Char.Items 1", "Room 1", "War 1", "Raid 1", "Timeline 1", "Comm 1"]
PLAYER = {"name", "fullname"}
ITEM_FIELDS = {"id", "name"}


class GmcpPlayer:
    """
    A telnet player that records every GMCP message as (package, data).

    telnetlib3's sync reads are futures on its event loop thread: one that times out can
    still take the next text and drop it, so a thread of ours reads without a timeout and
    the test waits on a condition that both text and GMCP signal.
    """

    def __init__(self, port, supports, timeout=8.0):
        self.timeout = timeout
        self.messages = []
        self.text = ""
        self._arrived = threading.Condition()
        factory = partial(TelnetClient, gmcp_modules=supports)
        self.conn = TelnetConnection(
            "127.0.0.1", port, timeout=timeout, connect_maxwait=0.5, client_factory=factory
        )
        self.conn.connect()
        self.conn.writer.set_ext_callback(GMCP, self._on_gmcp)
        threading.Thread(target=self._read, daemon=True).start()

    def _on_gmcp(self, package, data):
        with self._arrived:
            self.messages.append((package, data))
            self._arrived.notify_all()

    def _read(self):
        while True:
            try:
                chunk = telnet_text(self.conn.read_some(timeout=3600))
            except (EOFError, OSError, TimeoutError):
                return
            with self._arrived:
                self.text += chunk
                self._arrived.notify_all()

    def send(self, line):
        self.conn.write(line + "\r\n")

    def send_gmcp(self, package, data=None):
        """Send a GMCP message; returns a mark for `expect_gmcp`."""
        mark = len(self.messages)
        # The writer belongs to telnetlib3's event loop thread; writing from here may leave the
        # bytes in its buffer with nothing to wake the loop (what `conn.write` avoids the same way).
        self.conn._loop.call_soon_threadsafe(self.conn.writer.send_gmcp, package, data)
        return mark

    def _pump(self, until):
        """Wait until `until()` holds."""
        with self._arrived:
            if not self._arrived.wait_for(until, timeout=self.timeout):
                raise AssertionError(f"timed out; GMCP so far: {self.messages}\ntext:\n{self.text[-2000:]}")

    def expect_text(self, needle):
        start = len(self.text)
        self._pump(lambda: needle in self.text[start:])

    def expect_gmcp(self, package, since):
        """Wait for a message of the package after the mark `since`; return its data."""

        def found():
            return [data for name, data in self.messages[since:] if name == package]

        self._pump(found)
        return found()[0]

    def close(self):
        self.conn.close()


@pytest.fixture
def player(game_server):
    players = []

    def connect(supports=MUDLET_SUPPORTS):
        client = GmcpPlayer(game_server.telnet_port, supports)
        players.append(client)
        return client

    yield connect
    for client in players:
        client.close()


def _log_in(client, name, password):
    client.expect_text("create <name> <password>")
    client.send(f"create {name} {password}")
    client.expect_text(f"Account {name} created")
    client.send(f"connect {name} {password}")
    client.expect_text("Briefing Room")


def test_gmcp_client_gets_its_ninjas_state_when_it_declares_packages(player, credentials):
    name, password = credentials("Gmcp")
    client = player()
    _log_in(client, name, password)
    assert client.conn.writer.remote_option.enabled(GMCP)

    mark = client.send_gmcp("Core.Supports.Set", MUDLET_SUPPORTS)
    vitals = client.expect_gmcp("Char.Vitals", mark)
    status = client.expect_gmcp("Char.Status", mark)
    room = client.expect_gmcp("Room.Info", mark)
    war = client.expect_gmcp("War.Zones", mark)
    assert vitals == {
        "hp": 100,
        "maxhp": 100,
        "cp": 80,
        "maxcp": 80,
        "mp": 80,
        "maxmp": 80,
        "string": "H:100/100 C:80/80",
    }
    assert status == {
        "name": name,
        "rank": "Genin",
        "faction": "leaf",
        "zone": "headquarters",
        "area": "The Last Headquarters",
        "timeline": 1,
        "path": "Ninja path",  # the default until the player chooses
        "role": "striker",
    }
    mark = len(client.messages)
    client.send("path hyuuga")
    client.expect_text("You take the Hyuuga path")
    assert client.expect_gmcp("Char.Status", mark)["path"] == "Hyuuga path"
    assert room["num"] == 100 and room["name"] == "Briefing Room" and room["coords"] == "1,0,0,0"
    assert room["exits"] == {"n": 102, "s": 104, "e": 101, "w": 103}
    assert room["environment"] == "leaf"
    # The present: the Sound holds eight of the village's zones (notes/map.md).
    zones = war["zones"]
    assert len(zones) == 19
    assert sorted(k for k, z in zones.items() if z["holder"] == "sound" and z["walls"]) == [
        "eastern_districts",
        "exam_arena",
        "hospital",
        "hyuuga_compound",
        "market_street",
        "river",
        "the_breach",
        "uchiha_district",
    ]
    assert all(z["strength"] == z["forces"][z["holder"]] for z in zones.values())

    # The payloads have the shape the Mudlet package is tested against.
    recorded = {
        line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1])
        for step in json.loads(FIXTURE.read_text())
        for line in step["gmcp"]
    }
    assert set(vitals) == set(recorded["Char.Vitals"]) | {"mp", "maxmp"}
    assert set(room) == set(recorded["Room.Info"])
    assert set(zones["hospital"]) == set(recorded["War.Zones"]["zones"]["hospital"]) | {"forces"}

    client.send("south")
    client.expect_text("Hidden Doorway")
    room = client.expect_gmcp("Room.Info", client.send_gmcp("Core.Supports.Set", ["Room 1"]))
    assert room["num"] == 104 and room["exits"]["n"] == 100

    client.expect_gmcp("Core.Ping", client.send_gmcp("Core.Ping"))


def test_a_client_that_declares_only_room_gets_no_vitals(player, credentials):
    name, password = credentials("Room")
    client = player(["Room 1"])
    _log_in(client, name, password)
    mark = client.send_gmcp("Core.Supports.Set", ["Room 1"])
    client.expect_gmcp("Room.Info", mark)
    client.expect_gmcp("Core.Ping", client.send_gmcp("Core.Ping"))  # all sent before it has arrived
    assert [package for package, _data in client.messages[mark:]] == [
        "Room.Info",
        "Room.Players",
        "Core.Ping",
    ]


def test_every_ire_package_and_every_request_in_ires_shapes(player, credentials):
    name, password = credentials("Ire")
    client = player()
    mark = len(client.messages)
    _log_in(client, name, password)
    # At login: the name, the status fields, the lists, the channels.
    assert client.expect_gmcp("Char.Name", mark) == {"name": name, "fullname": f"{name}, Genin of the Leaf"}
    status_vars = client.expect_gmcp("Char.StatusVars", mark)
    assert set(client.expect_gmcp("Char.Status", mark)) <= set(status_vars)
    channels = client.expect_gmcp("Comm.Channel.List", mark)
    assert {"name": "dispatches", "caption": "Dispatches", "command": "dispatches"} in channels
    inv = client.expect_gmcp("Char.Items.List", mark)
    assert inv["location"] in ("inv", "room")
    [players] = [d for p, d in client.messages[mark:] if p == "Room.Players"][-1:]
    assert {"name": name, "fullname": f"{name}, Genin of the Leaf"} in players

    # Each request is answered.
    inv = client.expect_gmcp("Char.Items.List", client.send_gmcp("Char.Items.Inv"))
    assert inv["location"] == "inv" and inv["items"]
    assert all(set(item) >= ITEM_FIELDS for item in inv["items"])
    kunai = next(item for item in inv["items"] if item["id"] == "pouch.kunai")
    assert kunai["attrib"] == "g" and kunai["name"].endswith("kunai") and kunai["icon"] == "weapon"
    room = client.expect_gmcp("Char.Items.List", client.send_gmcp("Char.Items.Room"))
    assert room["location"] == "room" and all(set(item) >= ITEM_FIELDS for item in room["items"])
    contents = client.expect_gmcp("Char.Items.List", client.send_gmcp("Char.Items.Contents", "1"))
    assert contents == {"location": "rep1", "items": []}
    info = client.expect_gmcp("Room.Info", client.send_gmcp("Room.Info"))
    assert info["num"] == 100 and info["name"] == "Briefing Room"
    players = client.expect_gmcp("Room.Players", client.send_gmcp("Room.Players"))
    assert all(set(p) == PLAYER for p in players) and name in {p["name"] for p in players}
    who = client.expect_gmcp("Comm.Channel.Players", client.send_gmcp("Comm.Channel.Players"))
    assert {"name": name, "channels": ["dispatches"]} in [
        {**entry, "channels": [c for c in entry["channels"] if c == "dispatches"]} for entry in who
    ]
    assert client.expect_gmcp("Comm.Channel.List", client.send_gmcp("Comm.Channel.List")) == channels
    assert client.expect_gmcp("Char.Name", client.send_gmcp("Char.Name"))["name"] == name
    assert set(client.expect_gmcp("Char.StatusVars", client.send_gmcp("Char.StatusVars"))) == set(status_vars)

    # Supports.Add answers with the state of what is now declared; Remove stops a package.
    mark = client.send_gmcp("Core.Supports.Remove", ["Char.Items 1"])
    client.expect_gmcp("Core.Ping", client.send_gmcp("Core.Ping"))
    mark = client.send_gmcp("Core.Supports.Add", ["Char.Items 1"])
    assert client.expect_gmcp("Char.Items.List", mark)["location"] in ("inv", "room")

    # Another ninja comes in and goes: Room.AddPlayer, then Room.RemovePlayer.
    other_name, other_password = credentials("Ire")
    other = player()
    mark = len(client.messages)
    _log_in(other, other_name, other_password)
    added = client.expect_gmcp("Room.AddPlayer", mark)
    assert added == {"name": other_name, "fullname": f"{other_name}, Genin of the Leaf"}
    other.send("south")
    other.expect_text("Hidden Doorway")
    assert client.expect_gmcp("Room.RemovePlayer", mark) == other_name

    # Following: the new room's players (both) and a new list of its items.
    mark = len(client.messages)
    client.send("south")
    client.expect_text("Hidden Doorway")
    arrived = client.expect_gmcp("Room.Players", mark)
    assert {p["name"] for p in arrived} == {name, other_name}
    assert client.expect_gmcp("Char.Items.List", mark)["location"] == "room"
