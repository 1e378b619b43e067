"""
Faults during play, on our game and on a stock Evennia game (a strict expected failure there).

- `evennia reload` while a client sends a numbered line every 100 ms: every line is answered
  once, in order (stock Evennia silently drops what arrives while the server is away).
- Five failed logins, a reload, and the sixth try (with the right password) is still refused,
  without the password being checked (stock Evennia forgets the failures on reload).

One reload serves both scenarios. Each scenario of the hardening tests uses its own loopback
address, so a throttle or creation limit reached by one never touches another.
"""

import re
import secrets
import threading

import pytest

from tests.hardening.players import LogWatch

pytestmark = pytest.mark.e2e

LINE_GAP = 0.1
# Lines sent before the reload starts and after it has finished: the stream runs through it.
LINES_BEFORE = LINES_AFTER = 10
LINE_ANSWER = re.compile(r'You say, "line-(\d+)"')
WRONG_PASSWORD = "Username and/or password is incorrect."
THROTTLED = "Too many login failures"


def credentials(prefix):
    return f"{prefix}{secrets.token_hex(3)}", f"pw-{secrets.token_hex(6)}"


@pytest.fixture(scope="module")
def reloaded(game):
    """
    Play through one `evennia reload`: five failed logins before it, numbered lines through it.

    Returns:
        dict: `game`, `sent` (lines sent), `answered` (line numbers answered, in order of
            arrival), `target` (credentials of the account whose logins failed), `attacker`
            (the loopback address that failed).
    """
    target = credentials("Tgt")
    owner = game.player(source="127.0.0.4")
    game.sign_up(owner, *target)
    owner.close()
    attacker = "127.0.0.2"
    for _ in range(5):
        client = game.player(source=attacker)
        client.command(f"connect {target[0]} wrong-{secrets.token_hex(3)}", WRONG_PASSWORD, timeout=20)
        client.close()

    player = game.new_player(*credentials("Lin"), source="127.0.0.3")
    logs = LogWatch(game.server)
    reloading = threading.Thread(target=game.server.reload)
    sent = 0

    def send_line():
        nonlocal sent
        player.send(f"say line-{sent}")
        sent += 1
        player.drain(LINE_GAP)

    try:
        for _ in range(LINES_BEFORE):
            send_line()
        reloading.start()
        while reloading.is_alive():
            send_line()
        for _ in range(LINES_AFTER):
            send_line()
        try:
            player.expect(f'"line-{sent - 1}"', timeout=30)
        except AssertionError:
            pass  # judged by the test: which lines were answered
        answered = [int(number) for number in LINE_ANSWER.findall(player.text)]
    finally:
        reloading.join()
        player.close()
    return {
        "game": game,
        "sent": sent,
        "answered": answered,
        "tracebacks": logs.tracebacks(),
        "target": target,
        "attacker": attacker,
    }


def test_every_line_sent_through_a_reload_is_answered_once_in_order(reloaded):
    answered, sent = reloaded["answered"], reloaded["sent"]
    missing = sorted(set(range(sent)) - set(answered))
    assert not missing, f"{len(missing)} of {sent} lines were never answered: {missing[:20]}"
    assert answered == list(range(sent)), "lines were answered twice or out of order"
    assert not reloaded["tracebacks"], "tracebacks logged during the reload"


def test_login_throttle_survives_a_reload(reloaded):
    """The sixth try gives the right password, and is refused anyway: nothing was checked."""
    game, (name, password) = reloaded["game"], reloaded["target"]
    client = game.player(source=reloaded["attacker"])
    try:
        client.send(f"connect {name} {password}")
        reply = client.expect(re.compile(f"{THROTTLED}|{re.escape(game.arrival)}"), timeout=20)
        assert THROTTLED in reply, "the sixth try after a reload was let in"
    finally:
        client.close()
