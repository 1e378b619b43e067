"""GMCP payload builders, checked against Evennia's own encoder and decoder."""

import json

import pytest
from evennia.server.portal.gmcp_utils import decode_gmcp

from tests.clients.wire import telnet_gmcp
from world.clients import gmcp
from world.clients.gmcp import Package
from world.clients.mapcoords import Coords
from world.combat.catalog import get_catalog
from world.ninja.ranks import Faction, Rank
from world.village.layout import RoomSpec, ZoneSpec

VITALS = {"health": 64, "health_max": 130, "chakra": 7, "chakra_max": 110}


def _wire(message):
    [line] = telnet_gmcp(**message.msg_kwargs())
    name, body = line.split(" ", 1)
    return name, json.loads(body)


@pytest.mark.parametrize("package", list(Package))
def test_every_package_name_survives_evennias_naming(package):
    # msg(<cmdname>=...) goes out under the package's own name...
    [line] = telnet_gmcp(**{package.cmdname: {"x": 1}})
    assert line == f'{package.value} {{"x": 1}}'
    # ...and the same name coming in reaches the input function Evennia derives from it.
    [(inbound, _)] = decode_gmcp(f"{package.value} {{}}").items()
    assert inbound == package.cmdname.removeprefix("core_")


def test_evennia_sends_a_dict_as_the_json_body_and_a_list_as_args():
    assert telnet_gmcp(war_zones={"zones": {}}) == ['War.Zones {"zones": {}}']
    # Why builders never hand Evennia a bare list: a trailing dict is split off as kwargs,
    # so a list of three zones arrives as a list of two and a separate object.
    zones = [{"a": 1}, {"b": 2}, {"c": 3}]
    assert telnet_gmcp(war_zones=zones) == ['War.Zones [[{"a": 1}, {"b": 2}], {"c": 3}]']
    assert telnet_gmcp(war_zones={}) == ["War.Zones"]


def test_char_vitals_uses_ire_names():
    message = gmcp.char_vitals(VITALS)
    assert _wire(message) == (
        "Char.Vitals",
        {"hp": 64, "maxhp": 130, "cp": 7, "maxcp": 110, "mp": 7, "maxmp": 110, "string": "H:64/130 C:7/110"},
    )


def test_char_name_and_statusvars():
    assert _wire(gmcp.char_name("|wKiba|n", "Kiba, Genin of the Leaf")) == (
        "Char.Name",
        {"name": "Kiba", "fullname": "Kiba, Genin of the Leaf"},
    )
    name, body = _wire(gmcp.char_statusvars())
    assert name == "Char.StatusVars"
    nara = get_catalog().paths.paths["nara"]
    status = gmcp.char_status("Kiba", Rank.GENIN, Faction.LEAF, "headquarters", "HQ", timeline=1, path=nara)
    assert set(status.payload) == set(body) and body["timeline"] == "Timeline" and body["path"] == "Path"
    assert (status.payload["path"], status.payload["role"]) == ("Nara path", "control")


def test_item_lists_and_changes_in_ire_shapes():
    kunai = gmcp.Item("pouch.kunai", "|w3 kunai|n", "g")
    assert _wire(gmcp.items_list("inv", [kunai, gmcp.Item("12", "a scroll")])) == (
        "Char.Items.List",
        {
            "location": "inv",
            "items": [
                {"id": "pouch.kunai", "name": "3 kunai", "attrib": "g"},
                {"id": "12", "name": "a scroll"},
            ],
        },
    )
    assert _wire(gmcp.items_list("room", [])) == ("Char.Items.List", {"location": "room", "items": []})
    for package in (Package.CHAR_ITEMS_ADD, Package.CHAR_ITEMS_REMOVE, Package.CHAR_ITEMS_UPDATE):
        assert _wire(gmcp.items_change(package, "inv", kunai)) == (
            package.value,
            {"location": "inv", "item": {"id": "pouch.kunai", "name": "3 kunai", "attrib": "g"}},
        )


def test_room_players_in_ire_shapes_even_with_one_or_no_player():
    one = [("Kiba", "Kiba, Genin of the Leaf")]
    assert _wire(gmcp.room_players(one)) == (
        "Room.Players",
        [{"name": "Kiba", "fullname": "Kiba, Genin of the Leaf"}],
    )
    assert telnet_gmcp(**gmcp.room_players([]).msg_kwargs()) == ["Room.Players []"]
    assert _wire(gmcp.room_addplayer("Kiba", "Kiba, Genin")) == (
        "Room.AddPlayer",
        {"name": "Kiba", "fullname": "Kiba, Genin"},
    )
    assert telnet_gmcp(**gmcp.room_removeplayer("|wKiba|n").msg_kwargs()) == ['Room.RemovePlayer "Kiba"']


def test_channel_list_and_players_in_ire_shapes():
    assert _wire(gmcp.comm_channel_list([("Dispatches", "Dispatches", "dispatches")])) == (
        "Comm.Channel.List",
        [{"name": "dispatches", "caption": "Dispatches", "command": "dispatches"}],
    )
    assert _wire(gmcp.comm_channel_players([("Kiba", {"Public", "Dispatches"})])) == (
        "Comm.Channel.Players",
        [{"name": "Kiba", "channels": ["dispatches", "public"]}],
    )


def test_char_vitals_never_sends_negative_or_fractional_numbers():
    payload = gmcp.char_vitals({"health": -3.7, "health_max": 100.9, "chakra": 0, "chakra_max": 80}).payload
    assert (payload["hp"], payload["maxhp"]) == (0, 100)


def test_char_status_with_enums_and_optional_fields():
    full = gmcp.char_status(
        "|rAyame|n", Rank.ANBU, Faction.LEAF, "market_street", "Market Street", timeline=3
    ).payload
    assert full == {
        "name": "Ayame",
        "rank": "Anbu",
        "faction": "leaf",
        "zone": "market_street",
        "area": "Market Street",
        "timeline": 3,
    }
    assert gmcp.char_status("Ayame", "Genin", "leaf").payload == {
        "name": "Ayame",
        "rank": "Genin",
        "faction": "leaf",
    }


def test_room_info_has_short_exits_environment_and_coords():
    message = gmcp.room_info(
        1000,
        "Burnt Stalls",
        "market_street",
        "Market Street",
        {"north": 104, "east": 1001, "in": 1002, "up": 1003},
        holder=Faction.SOUND,
        coords=Coords(10, 0, -1, 0),
    )
    assert _wire(message) == (
        "Room.Info",
        {
            "num": 1000,
            "name": "Burnt Stalls",
            "area": "Market Street",
            "zone": "market_street",
            "exits": {"n": 104, "e": 1001, "in": 1002, "u": 1003},
            "environment": "sound",
            "coords": "10,0,-1,0",
        },
    )


def test_room_info_leaves_out_what_is_not_known():
    payload = gmcp.room_info(5, "Cell", None, "", {}).payload
    assert "environment" not in payload and "coords" not in payload
    assert payload["exits"] == {} and payload["zone"] is None


def test_room_info_for_spec():
    room = RoomSpec(100, "Briefing Room", "", "headquarters", {"east": 101})
    zone = ZoneSpec(key="headquarters", name="The Last Headquarters", room_ids=(100, 101))
    payload = gmcp.room_info_for_spec(room, zone, "leaf").payload
    assert (payload["num"], payload["area"], payload["exits"], payload["environment"]) == (
        100,
        "The Last Headquarters",
        {"e": 101},
        "leaf",
    )


def _zones():
    return [
        ZoneSpec(
            key="hyuuga_compound",
            name="Hyuuga Compound",
            room_ids=(700,),
            short="Hyuuga",
            neighbours=("hospital",),
            coords=(4, 4),
        ),
        ZoneSpec(
            key="hospital",
            name="Konoha Hospital",
            room_ids=(800,),
            short="Hospital",
            neighbours=("hyuuga_compound",),
            coords=(4, 3),
        ),
        ZoneSpec(
            key="sound_camp",
            name="Sound Camp beyond the Breach",
            room_ids=(1900,),
            coords=(7, 3),
            inside_walls=False,
        ),
    ]


def test_war_zones_sends_every_zone_with_its_place():
    states = {
        "hyuuga_compound": {
            "holder": Faction.SOUND,
            "contested": True,
            "forces": {Faction.SOUND: 18.4, "leaf": 9.6},
        },
        "hospital": {"holder": "sound", "strength": 30.5},
    }
    name, body = _wire(gmcp.war_zones(_zones(), states))
    assert name == "War.Zones"
    assert body["zones"]["hyuuga_compound"] == {
        "name": "Hyuuga Compound",
        "short": "Hyuuga",
        "holder": "sound",
        "contested": True,
        "strength": 18,
        "forces": {"sound": 18, "leaf": 10},
        "x": 4,
        "y": 4,
        "walls": True,
        "neighbours": ["hospital"],
    }
    hospital = body["zones"]["hospital"]
    assert (hospital["holder"], hospital["contested"], hospital["strength"]) == ("sound", False, 30)
    assert "forces" not in hospital
    camp = body["zones"]["sound_camp"]
    assert (camp["holder"], camp["strength"], camp["walls"]) == (None, 0, False)
    assert camp["short"] == "Sound Ca"  # no map name in the data: the name, cut to eight letters
    assert list(body["zones"]) == ["hyuuga_compound", "hospital", "sound_camp"]


def test_war_zones_marks_a_zone_the_sound_prepares_an_offensive_on():
    states = {
        "hospital": {
            "holder": "leaf",
            "strength": 20,
            "offensive": {"id": 3, "kind": "assault", "force": 81.6, "lands_at": 1780000123.4},
        }
    }
    body = gmcp.war_zones(_zones(), states).payload["zones"]
    assert body["hospital"]["offensive"] == {"id": 3, "kind": "assault", "force": 82, "lands_at": 1780000123}
    assert "offensive" not in body["hyuuga_compound"]


def test_war_zones_reads_state_objects():
    class ZoneState:
        holder, contested, strength = Faction.LEAF, False, 12

    zone = _zones()[1]
    body = gmcp.war_zones([zone], {"hospital": ZoneState()}).payload
    assert (body["zones"]["hospital"]["holder"], body["zones"]["hospital"]["strength"]) == ("leaf", 12)


def test_raid_status():
    assert gmcp.raid_status(False).payload == {"active": False}
    payload = gmcp.raid_status(
        True,
        zone="hyuuga_compound",
        objective="Kill |rKabuto|n",
        party=["Ayame", "Neji"],
        done=2,
        total=5,
        boss="Kabuto",
    ).payload
    assert payload == {
        "active": True,
        "zone": "hyuuga_compound",
        "objective": "Kill Kabuto",
        "party": ["Ayame", "Neji"],
        "progress": {"done": 2, "total": 5},
        "boss": "Kabuto",
    }
    assert _wire(gmcp.raid_status(True, party=[]))[1] == {"active": True, "party": []}


def test_timeline_countdown_counts_whole_seconds_up_and_never_below_zero():
    assert gmcp.timeline_countdown(None, now=50.0, timeline=2).payload == {"active": False, "timeline": 2}
    payload = gmcp.timeline_countdown(1000.0, now=399.2, reason="The Leaf has fallen.", timeline=2).payload
    assert payload == {
        "active": True,
        "seconds": 601,
        "fires_at": 1000,
        "reason": "The Leaf has fallen.",
        "timeline": 2,
    }
    assert gmcp.timeline_countdown(1000.0, now=1005.0).payload["seconds"] == 0


def test_comm_channel_text_is_plain():
    message = gmcp.comm_channel_text("Public", "|wNeji|n", "|w[Public]|n Neji: |rRun!|n")
    assert _wire(message) == (
        "Comm.Channel.Text",
        {"channel": "public", "talker": "Neji", "text": "[Public] Neji: Run!"},
    )


def test_ping_reply_is_the_bare_package_name():
    assert telnet_gmcp(**gmcp.ping_reply(Package.CORE_PING)) == ["Core.Ping"]
    assert telnet_gmcp(**gmcp.ping_reply(Package.CHAR_PING)) == ["Char.Ping"]


def test_a_payload_never_uses_evennias_reserved_key():
    # Evennia would swallow an "options" key, and send an empty dict without a body.
    with pytest.raises(ValueError):
        gmcp._message(Package.RAID_STATUS, {"options": 1})
    with pytest.raises(ValueError):
        gmcp._message(Package.RAID_STATUS, {})
