"""
`GET /health`: a small JSON answer for operators and monitors.

    {"status": "ok", "server": "Second Chances",
     "sqlite": {"journal_mode": "wal", "synchronous": 1}}

Evennia serves web pages from a thread pool, and every thread has its own database
connection. The SQLite pragmas are read on the connection of the thread serving this request,
so the answer shows that web threads' connections are durable too (WAL, synchronous=NORMAL),
not only the game thread's. The answer holds the server's name and those pragmas only: no
paths, versions, settings or error details. A database that cannot be queried gives status
"error" and HTTP 503.
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def sqlite_pragmas(conn):
    """
    Args:
        conn (django.db.backends.base.base.BaseDatabaseWrapper): A database connection.

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


@never_cache
@require_safe
def health(request):
    """
    Args:
        request (HttpRequest): A GET or HEAD request.

    Returns:
        JsonResponse: 200 with status "ok" when the database answers, else 503 with "error".
    """
    body = {"status": "ok", "server": settings.SERVERNAME}
    try:
        if connection.vendor == "sqlite":
            body["sqlite"] = sqlite_pragmas(connection)
        else:
            connection.ensure_connection()
    except DatabaseError:
        return JsonResponse({"status": "error", "server": settings.SERVERNAME}, status=503)
    return JsonResponse(body)
