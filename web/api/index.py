"""
`GET /api/`: the API's front door, a JSON index of every endpoint under `/api/` and where the
schema is.

The game's own JSON (the war, the chronicle, leaderboards, raid reports) is always served;
Evennia's REST resources (accounts, objects, ...) and their OpenAPI schema with its Redoc page
only when `REST_API_ENABLED` is on (web/urls.py), so the index lists those, and links the
schema, only then: `schema` and `docs` are null otherwise. Paths come from the URL
configuration by name, so the index cannot point at an endpoint that moved; a detail
endpoint shows its parameter in braces ("/api/chronicle/{number}/").

    {"name": "Second Chances API",
     "endpoints": [{"path": "/api/war/", "about": "The war now: ..."}, ...],
     "schema": "/api/openapi", "docs": "/api/redoc/"}
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from web.war.snapshot import DEFAULT_LOG, MAX_LOG

# (URL name, detail parameter or None, what it answers), always served. A detail endpoint is
# named by its list: its path is the list's plus "{parameter}/".
GAME_ENDPOINTS = (
    ("war-api", None, "The war now: timeline, story date, totals, and every zone's holder and strengths."),
    (
        "war-log-api",
        None,
        f"The newest war reports of the open timeline; ?n=1..{MAX_LOG} (default {DEFAULT_LOG}).",
    ),
    ("chronicle-api", None, "The running timeline and every ended one, newest first."),
    ("chronicle-api", "number", "One ended timeline's chronicle."),
    ("leaderboards-api", None, "The leaderboards."),
    ("raids:list", None, "Raid reports, newest first."),
    ("raids:list", "raid_id", "One raid's report, round by round."),
)
# Evennia's REST resources, served when REST_API_ENABLED is on (read on login; see its schema).
REST_ENDPOINTS = (
    ("api:account-list", "Accounts."),
    ("api:object-list", "Every object."),
    ("api:character-list", "Characters."),
    ("api:room-list", "Rooms."),
    ("api:exit-list", "Exits."),
    ("api:script-list", "Scripts."),
    ("api:helpentry-list", "Help entries."),
)


def _path(name, parameter):
    """The endpoint's path; a detail endpoint's is its list's plus "{parameter}/"."""
    return reverse(name) if parameter is None else f"{reverse(name)}{{{parameter}}}/"


def endpoints(rest_api_enabled):
    """
    Args:
        rest_api_enabled (bool): Whether Evennia's REST resources are served.

    Returns:
        list of dict: {"path": str, "about": str}, the game's own endpoints first.
    """
    listed = [{"path": _path(name, parameter), "about": about} for name, parameter, about in GAME_ENDPOINTS]
    if rest_api_enabled:
        listed += [{"path": reverse(name), "about": about} for name, about in REST_ENDPOINTS]
    return listed


@require_safe
def api_index(request):
    """
    Returns:
        JsonResponse: The index (see the module's docstring).
    """
    rest = settings.REST_API_ENABLED
    return JsonResponse(
        {
            "name": f"{settings.SERVERNAME} API",
            "endpoints": endpoints(rest),
            "schema": reverse("api:openapi") if rest else None,
            "docs": reverse("api:redoc") if rest else None,
        }
    )
