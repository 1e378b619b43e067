"""
The benchmarks' own parts, without timing anything: the telnet handling of the bots, the
figures they compute, the report's tables and JSON, the profile summary, where bots stand,
the synthetic war worlds, the accounts made in the database, and the rollback's log line.
The war engine benchmark runs end to end at a tiny size (its JSON parses).
"""

import json
import subprocess
import sys
from pathlib import Path

from bench import goals, load
from bench.bots import GMCP, parse_telnet
from bench.driver import MIXES, Recorder, next_command
from bench.games import HQ_ZONE, link_drops, placements, stock_geometry, walk
from bench.profile import summarise
from bench.report import format_table, percentile
from bench.rollback import TIMINGS
from bench.war_engine import SQUADS_PER_ZONE, synthetic_world
from harness.network import DO, DONT, IAC, SB, SE, WILL, WONT
from world.village.layout import load_layout

REPO = Path(__file__).resolve().parents[2]
NAWS, TTYPE = 31, 24


def test_telnet_offers_are_refused_except_gmcp_and_text_passes_through():
    data = bytes([IAC, WILL, GMCP, IAC, DO, NAWS, IAC, WILL, TTYPE]) + b"Hello " + bytes([IAC, IAC]) + b"!"
    text, tail, replies = parse_telnet(data)
    assert text == b"Hello " + bytes([IAC]) + b"!"
    assert tail == b""
    assert replies == bytes([IAC, DO, GMCP, IAC, WONT, NAWS, IAC, DONT, TTYPE])


def test_telnet_subnegotiation_is_dropped_and_an_unfinished_one_waits_for_more():
    whole = bytes([IAC, SB, GMCP]) + b'Char.Vitals {"hp": 1}' + bytes([IAC, SE]) + b"after"
    assert parse_telnet(whole)[0] == b"after"
    text, tail, _ = parse_telnet(b"before" + bytes([IAC, SB, GMCP]) + b"Char.Vit")
    assert text == b"before" and tail.startswith(bytes([IAC, SB]))


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.99) == 99
    assert percentile([], 0.5) is None


def test_recorder_counts_lost_commands_and_finds_the_slowest_seconds():
    recorder = Recorder()
    for second in range(10):
        recorder.add("look", second + 0.1, 0.010)
    recorder.add("war", 4.5, 0.900)
    recorder.add("war", 7.2, None)
    summary = recorder.summary(10)
    assert (summary["sent"], summary["answered"], summary["lost"]) == (12, 11, 1)
    assert summary["per_second"] == 1.1
    assert summary["max_ms"] == 900
    assert summary["by_kind"]["war"] == {"answered": 1, "lost": 1, "p50_ms": 900, "p99_ms": 900}
    worst = {row[0]: row for row in summary["slowest_seconds"]}
    assert worst[7][3] == 1 and worst[4][1] == 900
    assert recorder.summary(10, window=(4, 5))["sent"] == 2


def test_table_right_aligns_figures_and_shows_missing_ones_as_a_dash():
    table = format_table("T", ["name", "ms"], [["look", 12.345], ["war", None], ["map", 1500.0]])
    lines = table.splitlines()
    assert lines[0] == "T"
    assert lines[3].startswith("look") and lines[3].endswith("12.35")
    assert lines[4].endswith("-") and lines[5].endswith("1,500")


def test_profile_summary_counts_own_and_total_samples_and_picks_out_the_games_code():
    stacks = [
        "main (twisted/app.py:1);cmd (commands/war.py:10);table (world/war/display.py:5) 3",
        "main (twisted/app.py:1);cmd (commands/war.py:10) 1",
        "main (twisted/app.py:1);poll (twisted/epoll.py:2) 4",
    ]
    result = summarise(stacks)
    assert result["samples"] == 8
    assert dict(result["total"])["main (twisted/app.py)"] == 1.0
    assert dict(result["self"])["table (war/display.py)"] == 3 / 8
    assert dict(result["ours_total"]) == {"cmd (commands/war.py)": 0.5, "table (war/display.py)": 3 / 8}


def test_a_third_of_the_bots_stand_at_headquarters_and_a_crowd_stands_together():
    layout = load_layout()
    rooms = placements(300)
    at_hq = sum(1 for room in rooms if room in layout.zones[HQ_ZONE].room_ids)
    assert len(rooms) == 300 and at_hq == 100
    assert set(placements(10, crowd=True)) == {layout.start_room}


def test_a_walk_leads_out_and_back_to_the_same_room():
    rooms = load_layout().rooms
    for room in rooms:
        out, back = walk(room)
        assert rooms[rooms[room].exits[out]].exits[back] == room


def test_the_stock_game_gets_the_villages_rooms_and_exits():
    geometry = stock_geometry()
    assert len(geometry) == len(load_layout().rooms)
    assert all(set(spec) == {"id", "key", "desc", "exits"} for spec in geometry)


def test_a_raider_follows_the_raid_loop_only_when_raids_are_played():
    from bench.driver import RAIDER_LOOP, make_bots

    bot = make_bots(0, 1, [100])[0]
    bot.extra["raider"] = True
    assert next_command(bot, {"look": 1}) == ("raid:launch", RAIDER_LOOP[0])
    assert next_command(bot, {"look": 1}, raids=False) == ("look", "look")


def test_synthetic_worlds_have_the_asked_zones_and_ten_squads_in_each():
    state, config = synthetic_world(50, 1_700_000_000.0)
    assert len(state.zones) == len(config.zones) == 50
    assert len(state.squads) == 50 * SQUADS_PER_ZONE
    assert config.hq.zone in state.zones and config.reinforcement.zone in state.zones
    assert any(zone.contested for zone in state.zones.values())


def test_the_rollback_log_line_is_read():
    line = (
        "Second Chance: timeline 1 -> 2 in 1.75s (plan 0.21s, backup 0.02s, transaction 0.07s, "
        "after commit 1.45s); backup /x.db3"
    )
    assert TIMINGS.findall(line) == [("1", "2", "1.75", "0.21", "0.02", "0.07", "1.45")]


def test_populate_makes_accounts_with_a_ninja_in_their_room(db):
    from evennia.accounts.models import AccountDB

    from bench.populate import populate

    spec = {
        "password": "bench-Pa55word",
        "room_tag": "bench_room",
        "build_rooms": [
            {"id": 1, "key": "Yard", "desc": "A yard.", "exits": {"north": 2}},
            {"id": 2, "key": "Shed", "desc": "A shed.", "exits": {"south": 1}},
        ],
        "accounts": [{"name": "botA", "room": 1, "permissions": ["Admin"]}, {"name": "botB", "room": 2}],
        "fill_to": 0,
    }
    made = populate(spec)
    assert made["accounts"] == 2 and made["rooms_built"] == 2
    account = AccountDB.objects.get(username="botB")
    assert account.check_password("bench-Pa55word")
    ninja = account.db._last_puppet
    assert ninja.key == "botB" and ninja.location.key == "Shed"
    assert [exit.key for exit in ninja.location.exits] == ["south"]
    assert AccountDB.objects.get(username="botA").permissions.check("Admin")  # the siege's game master
    assert not account.permissions.check("Admin")


def test_war_engine_benchmark_prints_its_figures_as_json():
    result = subprocess.run(
        [sys.executable, "-m", "bench.war_engine", "--sizes", "20,40", "--repeats", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert [size["zones"] for size in figures["sizes"]] == [20, 40]
    assert figures["growth"][0]["size_ratio"] == 2
    assert "War engine" in result.stdout


def test_a_phase_counts_the_amp_links_lost_in_the_logs():
    portal = "|Portal| [..] HTTP received (the AMP port should not receive http, only AMP!) b'\\x04_ask'\n"
    server = "[..] Server disconnected from the portal.\n[..] Evennia Server successfully restarted\n"
    assert link_drops(portal, server) == 2
    assert link_drops("[..] Logged in: bot0001\n") == 0


def test_the_siege_goal_is_the_crowd_fighting_the_siege():
    argv = goals.goal_argv("siege", scale=0.5)
    assert argv[:2] == ["--bots", "100"] and "--siege" in argv
    args = load.parse_args(argv)
    assert args.crowd and args.mix == "siege" and "attack" in MIXES["siege"]
    assert len(set(placements(3, crowd=args.crowd))) == 1  # one room, the briefing room
