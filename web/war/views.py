"""
The war's page and JSON API.

- `GET /war/`: the SVG map of the zones coloured by holder with their strengths (a legend in
  words too), the war table beside it and the war log; a small script of the game's own
  (`website/js/war.js`) polls the API and redraws them in place.
- `GET /api/war/`: the war now (see `snapshot.WarSnapshot.to_dict`).
- `GET /api/war/log/?n=20`: the newest events of the open timeline, newest first.

All of it is read from the war's tables in the web thread; nothing here changes the war. The
time is the war service's clock (the wall clock in the game, a fake one in tests).
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from web.war import svgmap
from web.war.snapshot import DEFAULT_LOG, MAX_LOG, cached_snapshot, war_log
from world.war.service import WAR

# How often the page asks for the war again, in milliseconds.
POLL_MS = 3000


@never_cache
@require_safe
def war_page(request):
    """
    Returns:
        HttpResponse: The war page.
    """
    war = cached_snapshot(WAR.clock())
    context = {
        "page_title": "The war",
        "war": war,
        "geometry": svgmap.build(war.zones),
        "events": war_log(DEFAULT_LOG, timeline=war.timeline),
        "poll_ms": POLL_MS,
        "log_count": DEFAULT_LOG,
    }
    return render(request, "website/war.html", context)


@never_cache
@require_safe
def war_api(request):
    """
    Returns:
        JsonResponse: The war now: timeline, story date, totals, the village's share, and
            every zone with its name, coords, holder, contested and both sides' strength.
    """
    return JsonResponse(cached_snapshot(WAR.clock()).to_dict())


def _count(request):
    raw = request.GET.get("n", "").strip() or str(DEFAULT_LOG)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LOG:
        return None
    return int(raw)


@never_cache
@require_safe
def war_log_api(request):
    """
    Returns:
        JsonResponse: `{"events": [...]}`, the `n` newest events of the open timeline
            (newest first); 400 with `{"error": ...}` if `n` is not a number from 1 to 200.
    """
    count = _count(request)
    if count is None:
        return JsonResponse({"error": f"n must be a whole number from 1 to {MAX_LOG}."}, status=400)
    return JsonResponse({"events": war_log(count)})
