"""
The running server's SQLite connections are durable: WAL journal and synchronous=NORMAL.

Evennia applies its SQLITE3_PRAGMAS once, to the game thread's connection only; the project
sets them per connection (`init_command`), so every thread's connection must have them. They
are read inside the server itself: on the game thread through the game master's `py`
command, on a connection opened by a new thread, and on the web threads through `/health`.
"""

import json
import re
import urllib.error
import urllib.request

import pytest

from tests.support.clients import connect_account

pytestmark = pytest.mark.e2e

WAL, NORMAL = "wal", 1
# One line of Python for `py`: the pragmas of the game thread's connection, then those of a
# connection opened in a new thread (Django gives each thread its own). Everything the
# thread uses is passed in: `py` runs the line with separate globals and locals.
PRAGMA_PROBE = (
    "import threading; from django.db import connection as c; "
    "S = ('PRAGMA journal_mode', 'PRAGMA synchronous'); "
    "q = lambda c, S: [c.cursor().execute(s).fetchone()[0] for s in S]; r = {}; "
    "t = threading.Thread(target=lambda r, c, S, q: (r.update(v=q(c, S)), c.close()), args=(r, c, S, q)); "
    "t.start(); t.join(); "
    "print('PRAGMAS main=%s/%s thread=%s/%s' % (*q(c, S), *r['v']))"
)
PRAGMA_REPLY = re.compile(r"PRAGMAS main=(\w+)/(\d+) thread=(\w+)/(\d+)")


def test_game_and_new_thread_connections_use_wal_and_synchronous_normal(game_server, telnet):
    gm_name, gm_password = game_server.superuser
    gm = telnet()
    gm.expect("S E C O N D")
    connect_account(gm, gm_name, gm_password, arrival=f"You become {gm_name}")

    reply = gm.command(f"py {PRAGMA_PROBE}", PRAGMA_REPLY)
    main_mode, main_sync, thread_mode, thread_sync = PRAGMA_REPLY.search(reply).groups()
    assert (main_mode.lower(), int(main_sync)) == (WAL, NORMAL), reply
    assert (thread_mode.lower(), int(thread_sync)) == (WAL, NORMAL), reply


def test_web_threads_report_wal_and_synchronous_normal_on_health(game_server):
    answers = []
    # Several requests, so more than one thread of the web pool is likely to answer.
    for _ in range(5):
        try:
            with urllib.request.urlopen(f"{game_server.web_url}/health", timeout=5) as response:
                answers.append((response.status, json.loads(response.read())))
        except urllib.error.HTTPError as err:
            if err.code == 404:
                pytest.skip("GET /health is not served yet (web/urls.py has no health endpoint)")
            raise
    for status, body in answers:
        assert status == 200 and body["status"] == "ok", body
        assert body["sqlite"] == {"journal_mode": WAL, "synchronous": NORMAL}, body
