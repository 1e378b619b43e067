"""
Two players on telnet take the story's opening raid together: a strike team, the board, the
instance, a dropped connection that comes back into the raid, a fight with jutsu, a server
reload in the middle of it, and the end (a finish or a fall), after which both read the
report and the changed war (a fallen player through a new ninja).

The players decide as players would, from what the game tells them; to find their way and
their targets the test reads the raid's row in the running game's database (the plan's
rooms and exits, each fight's fighters), as a player would read the room and `fight`.
"""

import dataclasses
import json
import re
import sqlite3
import time

import pytest

from tests.support.clients import connect_account, create_account
from world.combat.actions import ActionKind
from world.combat.catalog import get_catalog
from world.combat.encounter import Encounter, Outcome
from world.combat.messages import MessageKind
from world.raids import policy
from world.raids.generator import RaidPlan
from world.raids.simulate import SimulatedRaid, load_settings, parse_team

pytestmark = pytest.mark.e2e

PROMPT = re.compile(r"\[HP \d+/\d+\] \[CK \d+/\d+\] >")
# What the game answers to a combat command: the choice, or a refusal in the rules' words.
CHOSEN = re.compile(
    r"You will .*? this round\.|There is [^\n]*|You have [^\n]*|You need [^\n]*|[^\n]* is ready in [^\n]*"
    r"|[^\n]*needs a target[^\n]*|[^\n]* is already [^\n]*|You are [^\n]*|This fight is over\."
)
MOVED = re.compile(r"Exits:|You are in a fight")
LEFT = re.compile(r"You slip away|You abandon the raid|You are not on a raid")
PLAY_SECONDS = 180


class Game:
    """Reads the running game's database (WAL: committed rows only)."""

    def __init__(self, server):
        self.path = server.database_path

    def query(self, sql, *args):
        with sqlite3.connect(self.path, timeout=10) as db:
            return db.execute(sql, args).fetchall()

    def character_id(self, name):
        rows = self.query(
            "SELECT id FROM objects_objectdb WHERE db_key = ? AND db_typeclass_path LIKE '%characters%'", name
        )
        return rows[-1][0]

    def raid(self, raid_id):
        (row,) = self.query(
            "SELECT status, plan, members, fights, report, result FROM raids_raid WHERE id = ?", raid_id
        )
        status, plan, members, fights, report, result = row
        return {
            "status": status,
            "plan": json.loads(plan),
            "members": json.loads(members),
            "fights": json.loads(fights),
            "report": json.loads(report),
            "result": result,
        }


def _next_step(plan, here, goal):
    """The direction of the first step from `here` towards `goal` in the plan's rooms."""
    exits = {room["id"]: room["exits"] for room in plan["rooms"]}
    previous = {here: None}
    queue = [here]
    for room in queue:
        for direction, target in sorted(exits[room].items()):
            if target not in previous:
                previous[target] = (room, direction)
                queue.append(target)
    step = goal
    while previous[step][0] != here:
        step = previous[step][0]
    return previous[step][1]


def _choose(fight, fid):
    """A sensible action for fighter `fid`: revive, heal, clones, kunai, or a strike."""
    fighters = {f["id"]: f for f in fight["encounter"]["fighters"]}
    me = fighters[fid]
    downed = [f for f in fighters.values() if f["side"] == "leaf" and f["status"] == "downed"]
    foes = [f for f in fighters.values() if f["side"] == "sound" and f["status"] == "active"]
    ready = lambda key: not me["cooldowns"].get(key)  # noqa: E731
    if downed and me["chakra"] >= 20:
        return f"revive {downed[0]['name']}"
    if me["health"] < 45 and me["pouch"].get("blood_pill") and ready("blood_pill"):
        return "use blood pill"
    if not me["clones"] and me["chakra"] >= 25 and ready("shadow_clone"):
        return "jutsu shadow clone"
    target = min(foes, key=lambda f: f["health"])["id"]
    if me["pouch"].get("kunai") and ready("throw_kunai"):
        return f"jutsu kunai {target}"
    return f"attack {target}"


def _play(game, raid_id, players, server):
    """Both players act until the raid ends; the server is reloaded once, mid-fight."""
    reloaded = False
    deadline = time.monotonic() + PLAY_SECONDS
    while time.monotonic() < deadline:
        raid = game.raid(raid_id)
        if raid["status"] == "ended":
            return raid, reloaded
        plan = raid["plan"]
        acted = False
        lead_room = raid["members"][str(next(iter(players.values()))[1])]["room"]
        for number, (client, char_id) in enumerate(players.values()):
            info = raid["members"][str(char_id)]
            if info["status"] != "in":
                continue
            fight = raid["fights"].get(str(info["room"]))
            fid = f"#{char_id}"
            fighters = {f["id"]: f for f in fight["encounter"]["fighters"]} if fight else {}
            foes = [f for f in fighters.values() if f["side"] == "sound" and f["status"] == "active"]
            if fight and foes and fid in fighters:
                if fighters[fid]["status"] != "active" or fid in fight["pending"]:
                    continue
                if not reloaded and fight["encounter"]["round"] >= 1:
                    server.reload()
                    reloaded = True
                    client.command("look", re.compile(r"Fight, round \d+|Sound ninja"))
                    client.command("raid", f"Raid {raid_id}: The Ambush on the Flank")
                    break
                client.command(_choose(fight, fid), CHOSEN)
            elif raid["report"]["objective_done"]:
                client.command("raid leave", LEFT)
            elif number == 0 or info["room"] != lead_room:  # teammates beside the leader follow
                direction = _next_step(plan, info["room"], plan["boss_room"])
                client.command(direction, MOVED)
                acted = True
                break
            else:
                continue
            acted = True
        if not acted:
            time.sleep(0.2)
    raise AssertionError(f"the raid did not end in {PLAY_SECONDS} s: {game.raid(raid_id)['members']}")


def _command_for(action, encounter, catalog):
    """The plain command a player types for a policy's action (as `help raids` teaches)."""
    target = encounter.get(action.target) if action.target else None
    aim = f" {target.id if target.side.value == 'sound' else target.name}" if target else ""
    if action.kind is ActionKind.WAIT:
        return "wait"
    if action.kind is ActionKind.FLEE:
        return "flee"
    if action.kind is ActionKind.ITEM:
        return f"use {catalog.items[action.key].name}{aim}"
    if action.key == "strike":
        return f"attack{aim}"
    if action.key in ("revive", "carry"):
        return f"{action.key}{aim}"
    ability = catalog.techniques[action.key]
    return f"jutsu {ability.aliases[0] if ability.aliases else ability.name}{aim}"


def test_two_fresh_genin_win_the_opening_as_the_simulator_says(second_world, telnet, credentials):
    """
    Two fresh genin take the opening raid with the commands `help raids` teaches (team,
    raid, raid launch, walking behind the leader, attack / jutsu / use / revive), each
    round choosing what the simulator's policy chooses: the raid ends as the simulator,
    playing the same plan with the same team, says it does (won), and one of them, downed,
    is revived by the other in the next round.
    """
    game = Game(second_world)
    names, clients = [], {}
    for prefix in ("Aki", "Bo"):
        name, password = credentials(prefix)
        client = telnet(second_world, timeout=15)
        client.expect("S E C O N D")
        create_account(client, name, password)
        connect_account(client, name, password)
        client.expect(PROMPT)
        names.append(name)
        clients[name] = client
    lead, mate = (clients[name] for name in names)
    lead.command("help raids", re.compile(r"Your first raid, step by step(.|\n)*raid launch <number>"))
    lead.command("team create", "You form a strike team and lead it.")
    lead.command(f"team invite {names[1]}", f"You invite {names[1]}")
    mate.command("team accept", f"You join {names[0]}'s strike team.")
    board = lead.command("raid", re.compile(r"1\. The Ambush on the Flank\n.*for your team \(won \d+%"))
    assert "fair for your team" in board or "easy for your team" in board
    briefing = lead.command("raid launch 1", re.compile(r"Raid \d+: The Ambush on the Flank"))
    raid_id = int(re.search(r"Raid (\d+):", briefing).group(1))
    ids = {name: game.character_id(name) for name in names}
    mate.expect("Hillside Blind")

    plan = RaidPlan.from_dict(game.raid(raid_id)["plan"])
    settings = dataclasses.replace(load_settings(), walk_seconds=0)
    rounds = []
    simulated = SimulatedRaid(plan, parse_team("genin,genin"), settings)
    fight = simulated.fight
    simulated.fight = lambda room: fight(room, on_round=lambda _, result: rounds.append(result))
    expected = simulated.play()
    assert expected.won, "this world's opening is one the simulator says two genin lose"
    downed = next(r.round for r in rounds if r.downed)
    assert any(r.round == downed + 1 and MessageKind.REVIVED in {m.kind for m in r.messages} for r in rounds)

    catalog = get_catalog()
    deadline = time.monotonic() + PLAY_SECONDS
    while time.monotonic() < deadline:
        raid = game.raid(raid_id)
        if raid["status"] == "ended" or raid["report"]["objective_done"]:
            break
        acted = False
        for name in names:
            info = raid["members"][str(ids[name])]
            fight = raid["fights"].get(str(info["room"]))
            fid = f"#{ids[name]}"
            if info["status"] != "in":
                continue
            if fight and fid in {f["id"] for f in fight["encounter"]["fighters"]}:
                encounter = Encounter.from_dict(fight["encounter"])
                me = encounter.get(fid)
                if encounter.outcome is Outcome.ONGOING and me.active and fid not in fight["pending"]:
                    action = policy.choose(encounter, me, catalog)
                    clients[name].command(_command_for(action, encounter, catalog), CHOSEN)
                    acted = True
            elif name == names[0]:  # the leader walks; the mate follows
                clients[name].command(
                    _next_step(raid["plan"], info["room"], raid["plan"]["boss_room"]), MOVED
                )
                acted = True
                break
        if not acted:
            time.sleep(0.2)
    raid = game.raid(raid_id)
    assert raid["report"]["objective_done"] is expected.won, (expected, raid["report"])
    mate_room = raid["members"][str(ids[names[1]])]["room"]
    assert "You follow" in mate.transcript and mate_room == raid["members"][str(ids[names[0]])]["room"]
    # one of them fell and the other brought them back in the next round, as simulated
    transcript = lead.transcript + mate.transcript
    fell = re.search(r"-- Round (\d+) --(?:(?!-- Round).)*?collapses!", transcript, re.S)
    assert fell, "nobody was downed"
    back = re.search(
        rf"-- Round {int(fell.group(1)) + 1} --(?:(?!-- Round).)*?gets up with", transcript, re.S
    )
    assert back, "the downed ninja was not revived in the next round"
    for name in names:
        clients[name].command("raid leave", LEFT)
    for name in names:
        clients[name].expect(f"Raid {raid_id} is over:", timeout=10)


def test_two_players_take_the_opening_raid_and_read_its_report_and_the_war(game_server, telnet, credentials):
    game = Game(game_server)
    names, passwords, players = [], [], {}
    for prefix in ("Lead", "Mate"):
        name, password = credentials(prefix)
        passwords.append(password)
        client = telnet(timeout=15)
        client.expect("S E C O N D")
        create_account(client, name, password)
        connect_account(client, name, password)
        client.expect(PROMPT)
        names.append(name)
        players[name] = (client, game.character_id(name))
    lead, mate = (players[name][0] for name in names)

    lead.command("team create", "You form a strike team and lead it.")
    lead.command(f"team invite {names[1]}", f"You invite {names[1]}")
    mate.expect(f"{names[0]} invites you to a strike team.")
    mate.command("team accept", f"You join {names[0]}'s strike team.")

    lead.command("raid", re.compile(r"1\. The Ambush on the Flank\n.*Seed \S+/opening\."))
    briefing = lead.command("raid launch 1", re.compile(r"Raid \d+: The Ambush on the Flank"))
    raid_id = int(re.search(r"Raid (\d+): The Ambush on the Flank", briefing).group(1))
    mate.expect("Hillside Blind")
    lead.command("attack ghost", "There is nothing to fight here.")
    mate.command("raid launch 7", "You are already on a raid")

    # The mate's connection drops and comes back: the ninja is where it was, in the raid.
    mate.command("quit", "Quitting")
    mate.expect_closed()
    mate = telnet(timeout=15)
    mate.expect("S E C O N D")
    connect_account(mate, names[1], passwords[1], arrival="Hillside Blind")
    mate.expect(f"You are on raid {raid_id}, The Ambush on the Flank")
    players[names[1]] = (mate, players[names[1]][1])

    raid, reloaded = _play(game, raid_id, players, game_server)
    assert reloaded, "the raid ended before a fight got under way"
    result = raid["result"]
    assert result in ("success", "failure", "abandoned")
    transcript = lead.transcript + mate.transcript
    assert "Shadow Clone Technique" in transcript or "flick two kunai" in transcript

    for name in names:
        client, char_id = players[name]
        client.expect(f"Raid {raid_id} is over: {result}.", timeout=10)
        if raid["members"][str(char_id)]["status"] == "dead":
            # Fallen for this timeline: a new ninja reads the report and the war.
            client.command(f"charcreate {name}x", "steps up from the Leaf's garrison")
        report = client.command(
            f"raidlog {raid_id}", re.compile(r"Raid report: The Ambush on the Flank(.|\n)*?Loot")
        )
        assert f"Result: {result}" in report and names[0] in report and names[1] in report
        client.command("warlog 50", f"Raid {raid_id}, The Ambush on the Flank in The Sound's Flanking Route")
        # `front` is the war table's alias (the channel is "Dispatches", so `war` works too).
        client.command("front", re.compile(r"The Sound's Flanking Route +(Sound|contested|Leaf)"))
