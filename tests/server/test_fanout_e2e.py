"""
A `say` fanned out by the portal, on a real game: the speaker reads "You say", each listener
the speaker's name, every client in its own form (telnet as it is, telnet in screen-reader
mode without drawings, the webclient as HTML with the message type), and a listener who
dropped its connection just before costs nobody anything.
"""

import pytest

from tests.e2e.conftest import _servers, credentials, game_server, telnet, websocket  # noqa: F401 - fixtures
from tests.support.clients import connect_account, create_account

pytestmark = pytest.mark.e2e

SPEECH = "Hold the line ===== until dawn"


def _player(open_client, credentials, prefix):  # noqa: F811 - the fixture, passed on
    name, password = credentials(prefix)
    client = open_client()
    create_account(client, name, password)
    connect_account(client, name, password)
    return name, client


def test_a_say_reaches_each_listener_in_its_own_form(telnet, websocket, credentials):  # noqa: F811
    speaker_name, speaker = _player(telnet, credentials, "Speaker")
    _, listener = _player(telnet, credentials, "Ear")
    _, listener2 = _player(telnet, credentials, "Ear")
    _, reader = _player(telnet, credentials, "Reader")
    reader.command("screenreader on", "Screen-reader mode is now on.")
    _, web = _player(websocket, credentials, "Web")
    _, leaver = _player(telnet, credentials, "Gone")
    leaver.close()  # no quit: the game learns of it as it may, mid-send or after

    speaker.command(f"say {SPEECH}", f'You say, "{SPEECH}"')
    heard = f'{speaker_name} says, "{SPEECH}"'
    listener.expect(heard)
    listener2.expect(heard)
    # Screen-reader mode strips drawings such as ===== in the portal, for this session only.
    reader.expect(f'{speaker_name} says, "Hold the line  until dawn"')
    web.expect(heard)
    said = [kwargs for cmdname, args, kwargs in web.frames if cmdname == "text" and speaker_name in args[0]]
    assert said and said[-1].get("type") == "say"

    # Everyone is still served after the send to a closed connection.
    listener.command("look", "Briefing Room")
    speaker.command("say still here", 'You say, "still here"')
    web.expect(f'{speaker_name} says, "still here"')
