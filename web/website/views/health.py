"""
`GET /health`: a small JSON answer for operators and monitors.

    {"status": "ok", "server": "Second Chances",
     "sqlite": {"journal_mode": "wal", "synchronous": 1}}

or, on PostgreSQL (`DATABASE_URL`),

    {"status": "ok", "server": "Second Chances",
     "postgresql": {"fsync": "on", "synchronous_commit": "on"}}

Evennia serves web pages from a thread pool, and every thread has its own database
connection. The durability settings are read on the connection of the thread serving this
request, so the answer shows that web threads' connections are durable too, not only the game
thread's: for SQLite the pragmas the settings give every connection (WAL, synchronous=NORMAL),
for PostgreSQL the server's own settings that decide whether a commit survives a crash (fsync
and synchronous_commit, which a session could turn off for itself). The answer holds the
server's name and those settings only: no paths, versions, hosts or error details. A database
that cannot be queried gives status "error" and HTTP 503.
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def sqlite_pragmas(conn):
    """
    Args:
        conn (django.db.backends.base.base.BaseDatabaseWrapper): An SQLite connection.

    Returns:
        dict: `journal_mode` (str) and `synchronous` (int: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA)
            as that connection has them.
    """
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    return {"journal_mode": str(journal_mode).lower(), "synchronous": int(synchronous)}


def postgresql_settings(conn):
    """
    Args:
        conn (django.db.backends.base.base.BaseDatabaseWrapper): A PostgreSQL connection.

    Returns:
        dict: `fsync` and `synchronous_commit` ("on", "off", "local", ...) as that
            connection has them.
    """
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_setting('fsync'), current_setting('synchronous_commit')")
        fsync, synchronous_commit = cursor.fetchone()
    return {"fsync": fsync, "synchronous_commit": synchronous_commit}


# What each database reports, under its vendor's name; another database only has to answer.
DURABILITY = {"sqlite": sqlite_pragmas, "postgresql": postgresql_settings}


def durability(conn):
    """
    Args:
        conn (django.db.backends.base.base.BaseDatabaseWrapper): A database connection.

    Returns:
        dict: {vendor: its durability settings} for SQLite and PostgreSQL, else {}.

    Raises:
        DatabaseError: If the database does not answer.
    """
    report = DURABILITY.get(conn.vendor)
    if report is None:
        conn.ensure_connection()
        return {}
    return {conn.vendor: report(conn)}


@never_cache
@require_safe
def health(request):
    """
    Args:
        request (HttpRequest): A GET or HEAD request.

    Returns:
        JsonResponse: 200 with status "ok" when the database answers, else 503 with "error".
    """
    try:
        report = durability(connection)
    except DatabaseError:
        return JsonResponse({"status": "error", "server": settings.SERVERNAME}, status=503)
    return JsonResponse({"status": "ok", "server": settings.SERVERNAME, **report})
