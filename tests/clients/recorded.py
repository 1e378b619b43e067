"""
The recorded GMCP session the Mudlet package is tested against.

It is made with the game's own payload builders (`world.clients.gmcp`) and Evennia's
telnet encoder (`tests.clients.wire`), so the Lua side is tested against exactly what the
server sends. The village here is the agreed map (notes/map.md: keys, names, coordinates,
neighbours, holders at the present; short names from the zone files) with a few rooms, fixed so the recording does not
move while the real zone files are being written. The recording is kept in
`fixtures/session.json`; `test_mudlet.py` checks it is current. After changing a builder,
rewrite it (and read the diff: the Lua side must still understand it):

    REGEN_GMCP_FIXTURES=1 .venv/bin/pytest tests/clients/test_mudlet.py -k recording
"""

import json
from pathlib import Path

from tests.clients.wire import telnet_gmcp
from world.clients import gmcp
from world.clients.gmcp import Package
from world.clients.mapcoords import room_coords
from world.village.layout import Layout, RoomSpec, ZoneSpec

FIXTURE = Path(__file__).parent / "fixtures" / "session.json"

# key, name, short map name, (x, y), inside the walls, neighbours, holder at the present.
MAP = [
    ("hokage_monument", "Hokage Monument", "Monument", (3, 5), True, "nara_forest headquarters", "leaf"),
    (
        "headquarters",
        "The Last Headquarters",
        "HQ",
        (3, 4),
        True,
        "hokage_monument hokage_tower hyuuga_compound",
        "leaf",
    ),
    ("nara_forest", "Nara Forest", "Nara", (1, 4), True, "hokage_monument training_grounds", "leaf"),
    (
        "training_grounds",
        "Training Grounds",
        "Training",
        (1, 3),
        True,
        "nara_forest academy forest_of_death",
        "leaf",
    ),
    (
        "academy",
        "Ninja Academy",
        "Academy",
        (2, 3),
        True,
        "training_grounds hokage_tower inuzuka_kennels",
        "leaf",
    ),
    (
        "hokage_tower",
        "Hokage Tower",
        "Tower",
        (3, 3),
        True,
        "headquarters academy market_street hospital hyuuga_compound",
        "leaf",
    ),
    (
        "hyuuga_compound",
        "Hyuuga Compound",
        "Hyuuga",
        (4, 4),
        True,
        "headquarters hokage_tower hospital uchiha_district flank_route",
        "sound",
    ),
    (
        "hospital",
        "Konoha Hospital",
        "Hospital",
        (4, 3),
        True,
        "hokage_tower hyuuga_compound uchiha_district eastern_districts market_street",
        "sound",
    ),
    (
        "inuzuka_kennels",
        "Inuzuka Kennels",
        "Kennels",
        (2, 2),
        True,
        "academy market_street main_gate forest_of_death",
        "leaf",
    ),
    (
        "market_street",
        "Market Street",
        "Market",
        (3, 2),
        True,
        "hokage_tower hospital eastern_districts exam_arena main_gate inuzuka_kennels",
        "sound",
    ),
    (
        "uchiha_district",
        "Abandoned Uchiha District",
        "Uchiha",
        (5, 3),
        True,
        "hyuuga_compound hospital eastern_districts flank_route",
        "sound",
    ),
    (
        "eastern_districts",
        "Ruined Eastern Districts",
        "East",
        (5, 2),
        True,
        "hospital market_street uchiha_district the_breach river",
        "sound",
    ),
    ("exam_arena", "Chuunin Exam Arena", "Arena", (4, 1), True, "market_street river main_gate", "sound"),
    (
        "main_gate",
        "Main Gate and Walls",
        "Gate",
        (3, 0),
        True,
        "market_street exam_arena inuzuka_kennels forest_of_death",
        "leaf",
    ),
    (
        "forest_of_death",
        "Forest of Death",
        "Forest",
        (1, 1),
        False,
        "training_grounds inuzuka_kennels main_gate",
        "leaf",
    ),
    ("river", "The River", "River", (5, 1), True, "eastern_districts exam_arena the_breach", "sound"),
    (
        "the_breach",
        "The Breach in the Eastern Wall",
        "Breach",
        (6, 2),
        True,
        "eastern_districts river sound_camp",
        "sound",
    ),
    (
        "flank_route",
        "The Sound's Flanking Route",
        "Flank",
        (6, 4),
        False,
        "hyuuga_compound uchiha_district sound_camp",
        "sound",
    ),
    ("sound_camp", "Sound Camp beyond the Breach", "Camp", (7, 3), False, "the_breach flank_route", "sound"),
]

# The rooms the recorded ninja sees: the headquarters' five, and two on Market Street.
ROOMS = [
    RoomSpec(
        100, "Briefing Room", "", "headquarters", {"east": 101, "north": 102, "south": 104, "west": 103}
    ),
    RoomSpec(101, "Infirmary", "", "headquarters", {"west": 100}),
    RoomSpec(102, "Hokage's Office", "", "headquarters", {"south": 100}),
    RoomSpec(103, "Sleeping Quarters", "", "headquarters", {"east": 100}),
    RoomSpec(104, "Hidden Doorway", "", "headquarters", {"north": 100, "south": 1000}),
    RoomSpec(1000, "Burnt Stalls", "", "market_street", {"north": 104, "east": 1001}),
    RoomSpec(1001, "Sound Checkpoint", "", "market_street", {"west": 1000, "in": 1002}),
]


def village():
    """
    Returns:
        Layout: The agreed map with the recorded rooms.
    """
    zones = {}
    for key, name, short, coords, walls, neighbours, _holder in MAP:
        ids = tuple(room.id for room in ROOMS if room.zone == key)
        zones[key] = ZoneSpec(
            key=key,
            name=name,
            room_ids=ids,
            short=short,
            neighbours=tuple(neighbours.split()),
            coords=coords,
            inside_walls=walls,
        )
    rooms = {room.id: room for room in ROOMS}
    return Layout(zones=zones, rooms=rooms, start_room=100)


STRENGTH = {"leaf": 40, "sound": 55}


def present_war():
    """
    Returns:
        dict: Zone key -> {"holder", "strength"} at the present (year 9).
    """
    return {key: {"holder": holder, "strength": STRENGTH[holder]} for key, *_rest, holder in MAP}


KUNAI = gmcp.Item("pouch.kunai", "3 kunai", "g")


def steps():
    """
    Returns:
        list: (step name, list of GMCP lines) in the order a client receives them.
    """
    layout = village()
    coords = room_coords(layout)
    zones = layout.zones
    war = present_war()

    def room(room_id):
        spec = layout.rooms[room_id]
        return gmcp.room_info_for_spec(spec, zones[spec.zone], war[spec.zone]["holder"], coords.get(room_id))

    def wire(*messages):
        return [line for message in messages for line in telnet_gmcp(**message.msg_kwargs())]

    vitals = {"health": 100, "health_max": 100, "chakra": 80, "chakra_max": 80}
    hurt = {"health": 35, "health_max": 100, "chakra": 12, "chakra_max": 80}
    flipped = {
        **war,
        "hyuuga_compound": {"holder": "sound", "contested": True, "forces": {"sound": 18.4, "leaf": 9.2}},
    }
    return [
        (
            "login",
            wire(
                gmcp.char_vitals(vitals),
                gmcp.char_status("Ayame", "Genin", "leaf", "headquarters", "The Last Headquarters", 1),
                room(100),
                gmcp.war_zones(zones.values(), war),
                gmcp.timeline_countdown(None, now=0, timeline=1),
                gmcp.items_list("inv", [KUNAI, gmcp.Item("pouch.soldier_pill", "1 soldier pill", "g")]),
                gmcp.items_list("room", [gmcp.Item("7", "Shikamaru", "m")]),
                gmcp.room_players(
                    [("Ayame", "Ayame, Genin of the Leaf"), ("Kiba", "Kiba, Genin of the Leaf")]
                ),
            ),
        ),
        ("hurt", wire(gmcp.char_vitals(hurt))),
        (
            "people",
            wire(
                gmcp.room_addplayer("Neji", "Neji, Chuunin of the Leaf"),
                gmcp.room_removeplayer("Kiba"),
                gmcp.items_change(Package.CHAR_ITEMS_UPDATE, "inv", KUNAI._replace(name="2 kunai")),
                gmcp.items_change(
                    Package.CHAR_ITEMS_REMOVE, "inv", gmcp.Item("pouch.soldier_pill", "1 soldier pill")
                ),
                gmcp.items_change(
                    Package.CHAR_ITEMS_ADD, "inv", gmcp.Item("pouch.technique_scroll", "1 technique scroll")
                ),
                gmcp.items_change(Package.CHAR_ITEMS_ADD, "room", gmcp.Item("9", "a crate")),
            ),
        ),
        (
            "move",
            wire(
                room(104),
                room(1000),
                gmcp.char_status("Ayame", "Genin", "leaf", "market_street", "Market Street", 1),
                gmcp.comm_channel_text("public", "Shikamaru", "|wShikamaru|n: Fall back to the tower."),
            ),
        ),
        (
            "flip",
            wire(
                gmcp.war_zones(zones.values(), flipped),
                gmcp.raid_status(True, zone="hyuuga_compound", objective="Break the siege", party=["Ayame"]),
                gmcp.timeline_countdown(1_000_600, now=1_000_000, reason="The Leaf has fallen.", timeline=1),
            ),
        ),
    ]


def render():
    """
    Returns:
        str: The fixture file's contents.
    """
    recording = [{"step": name, "gmcp": lines} for name, lines in steps()]
    return json.dumps(recording, indent=1, ensure_ascii=False) + "\n"
