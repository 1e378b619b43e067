"""
TinTin++ plays the game with the shipped script (clients/tintin/secondchances.tin): Debian's
tt++ runs in a pseudo-terminal of a real size (120x40) against a test server, with a small
script of the test's own that reads the shipped one, opens a session, creates and connects an
account, walks three rooms (north, back south, east), sends `war`, and writes what the test
checks to files with TinTin++'s own commands: the session's text (#log), the status bar and
the zone map as drawn (#line log), and the mapper (#map write). The screen is never read.

Each step waits for the game's answer (an action on its text or its prompt), and the script
ends tt++ once the files are written; all of it is bounded by one deadline.
"""

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from pathlib import Path

import pytest

from harness.gameserver import REPO_ROOT
from harness.network import LOOPBACK

pytestmark = pytest.mark.e2e

TT = Path("/usr/games/tt++")
SCRIPT = REPO_ROOT / "clients" / "tintin" / "secondchances.tin"
ROWS, COLUMNS = 40, 120
DEADLINE = 60.0
# The rooms walked from the Briefing Room, where a new ninja wakes: north, back, east.
WALK = ("n", "s", "e")
ROOMS = {100: "Briefing Room", 102: "Hokage's Office", 101: "Infirmary"}


def _test_script(folder, port, name, password):
    """The test's own TinTin++ script: play, then write the files and end tt++."""
    steps = "".join(f"{{{number}}}{{{command}}}" for number, command in enumerate((*WALK, "war"), start=1))
    return f"""#read {{{SCRIPT}}}
#config {{log}} {{plain}}
#variable {{t_steps}} {{{steps}}}
#variable {{t_step}} {{0}}
#action {{Names or passwords with spaces}} {{#send {{create {name} {password}}}}}
#action {{Account {name} created}} {{#send {{connect {name} {password}}}}}
#action {{You become {name}.}} {{#variable {{t_step}} {{1}}}}
#alias {{t_finish}}
{{
    #line log {{{folder}/status.txt}} {{$sc[statusline]}};
    #list {{sc[maplines]}} {{size}} {{t_rows}};
    #loop {{1}} {{$t_rows}} {{t_i}} {{#line log {{{folder}/zonemap.txt}} {{$sc[maplines][$t_i]}}}};
    #map write {{{folder}/map.txt}};
    #end
}}
#action {{[CK %*] >}}
{{
    #if {{$t_step > 0 && &t_steps[$t_step]}} {{
        #send {{$t_steps[$t_step]}};
        #math {{t_step}} {{$t_step + 1}}
    }};
    #elseif {{$t_step > 0}} {{
        #variable {{t_step}} {{0}};
        #delay {{1}} {{t_finish}}
    }}
}}
#session {{sc}} {{{LOOPBACK}}} {{{port}}}
#log {{overwrite}} {{{folder}/session.txt}}
"""


def _run_in_terminal(argv, cwd, deadline):
    """
    Run `argv` in a pseudo-terminal of ROWS x COLUMNS until it exits or the deadline passes.

    Returns:
        tuple: (exit status or None if it was killed at the deadline, the terminal's bytes).
    """
    pid, master = pty.fork()
    if pid == 0:  # the child: its terminal gets its size before tt++ asks for it
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.chdir(cwd)
        os.execve(argv[0], argv, {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)})
    screen = bytearray()
    status = None
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    screen += os.read(master, 65536)
                except OSError:  # the child closed its terminal
                    pass
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
                break
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(master)
    return status, bytes(screen)


def _map_rooms(map_text):
    """{vnum: (name, {exit: vnum})} from a `#map write` file."""
    rooms, current = {}, None
    for line in map_text.splitlines():
        fields = re.findall(r"\{([^}]*)\}", line)
        if line.startswith("R ") and fields:
            current = int(fields[0])
            rooms[current] = (fields[3], {})
        elif line.startswith("E ") and current is not None:
            rooms[current][1][fields[1]] = int(fields[0])
    return rooms


def test_tintin_plays_with_the_shipped_script(game_server, credentials, tmp_path):
    if not TT.exists():
        pytest.skip(f"{TT} is missing: apt-get install tintin++ (scripts/test.sh does this as root)")
    name, password = credentials("Tin")
    script = tmp_path / "test.tin"
    script.write_text(_test_script(tmp_path, game_server.telnet_port, name, password))

    status, screen = _run_in_terminal([str(TT), "-G", str(script)], tmp_path, time.monotonic() + DEADLINE)

    session = (
        (tmp_path / "session.txt").read_text(errors="replace") if (tmp_path / "session.txt").exists() else ""
    )
    assert status is not None, (
        f"tt++ did not finish within {DEADLINE:.0f} s\nsession: {session[-1500:]!r}\nscreen: {screen[-1500:]!r}"
    )
    assert f"You become {name}." in session

    # the status bar: health and chakra (from GMCP Char.Vitals) and the room
    status_line = (tmp_path / "status.txt").read_text()
    assert re.search(r"Health \d+/\d+  Chakra \d+/\d+", status_line), status_line
    assert "Infirmary (The Last Headquarters)" in status_line

    # `war` answered
    assert re.search(r"Leaf ninja: \d+\.\s+Sound ninja: \d+\.", session), session[-1500:]

    # the zone map from War.Zones: the legend, the zones by holder, this ninja's zone marked
    zonemap = (tmp_path / "zonemap.txt").read_text().splitlines()
    assert zonemap[0].startswith("Konoha  L Leaf  S Sound")
    assert len(zonemap) >= 4
    assert "L*HQ" in "".join(zonemap)

    # the mapper has the rooms walked, by their numbers, linked by the exits taken
    rooms = _map_rooms((tmp_path / "map.txt").read_text())
    assert {vnum: rooms[vnum][0] for vnum in ROOMS} == ROOMS
    assert rooms[100][1]["n"] == 102 and rooms[102][1]["s"] == 100 and rooms[100][1]["e"] == 101
