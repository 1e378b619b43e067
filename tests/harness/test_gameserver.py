"""The test server's parts that need no server: ports, settings, the copy, telnet parsing."""

import pytest

from harness.gameserver import _copy_ignore, _settings_source
from harness.network import (
    DEVELOPER_PORTS,
    DO,
    DONT,
    IAC,
    SB,
    SE,
    WILL,
    WONT,
    Ports,
    free_ports,
    split_telnet,
)

NAWS, TTYPE = 31, 24


def test_free_ports_are_distinct_and_never_the_developers():
    ports = free_ports(5)
    assert len(set(ports)) == 5
    assert not set(ports) & set(DEVELOPER_PORTS)


def test_settings_put_every_port_on_loopback_and_add_extra_settings():
    source = _settings_source(Ports(5001, 5002, 5003, 5004, 5005), {"THROTTLE_EXEMPT_ADDRESSES": []})
    namespace = {}
    exec(source, namespace)
    assert namespace["TELNET_PORTS"] == [5001]
    assert namespace["WEBSERVER_PORTS"] == [(5002, 5003)]
    assert namespace["WEBSOCKET_CLIENT_PORT"] == 5004
    assert namespace["AMP_PORT"] == 5005
    assert namespace["TELNET_INTERFACES"] == namespace["WEBSERVER_INTERFACES"] == ["127.0.0.1"]
    assert namespace["WEBSOCKET_CLIENT_INTERFACE"] == namespace["AMP_INTERFACE"] == "127.0.0.1"
    assert namespace["THROTTLE_EXEMPT_ADDRESSES"] == []
    assert "DATABASES" not in namespace  # the project's own database options are under test


@pytest.mark.parametrize("extra", [{"lower_case": 1}, {"X; import os": 1}, {"OBJ": object()}])
def test_settings_refuse_odd_names_and_values_that_are_not_literals(extra):
    with pytest.raises(ValueError):
        _settings_source(Ports(1, 2, 3, 4, 5), extra)


def test_the_copy_leaves_out_state_and_environments_but_keeps_the_vendored_web_files(tmp_path):
    ignore = _copy_ignore(tmp_path)
    root = [
        ".git",
        ".venv",
        "node_modules",
        "artifacts",
        ".postgres",
        "web",
        "world",
        "__pycache__",
        "README.md",
    ]
    assert ignore(str(tmp_path), root) == {
        ".git",
        ".venv",
        "node_modules",
        "artifacts",
        ".postgres",
        "__pycache__",
    }
    server = [
        "evennia.db3",
        "evennia.db3-wal",
        "server.pid",
        "portal.pid",
        ".static",
        "logs",
        "conf",
        "throttles.py",
    ]
    assert ignore(str(tmp_path / "server"), server) == {
        "evennia.db3",
        "evennia.db3-wal",
        "server.pid",
        "portal.pid",
        ".static",
    }
    assert ignore(str(tmp_path / "server" / "logs"), ["server.log", "portal.log"]) == {
        "server.log",
        "portal.log",
    }
    assert ignore(str(tmp_path / "server" / "conf"), ["settings.py", "secret_settings.py"]) == {
        "secret_settings.py"
    }
    assert ignore(str(tmp_path / "web" / "static"), ["vendor", "webclient"]) == set()


def test_split_telnet_answers_offers_and_keeps_the_text():
    data = b"Hi" + bytes((IAC, DO, NAWS, IAC, DO, TTYPE, IAC, WILL, 201)) + b" there"
    text, tail, answers = split_telnet(data, agree={NAWS})
    assert text == b"Hi there"
    assert tail == b""
    assert answers == bytes((IAC, WILL, NAWS, IAC, WONT, TTYPE, IAC, DONT, 201))


def test_split_telnet_skips_subnegotiation_and_keeps_an_unfinished_tail():
    data = b"a" + bytes((IAC, SB, TTYPE, 1, IAC, SE)) + b"b" + bytes((IAC, SB, TTYPE))
    text, tail, answers = split_telnet(data)
    assert (text, answers) == (b"ab", b"")
    assert tail == bytes((IAC, SB, TTYPE))
