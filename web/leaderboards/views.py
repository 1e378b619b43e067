"""
The leaderboards: raiders, kills and raids completed, for one timeline and for all time.

- `GET /leaderboards/?timeline=<n>`: both; the running timeline by default.
- `GET /api/leaderboards/?timeline=<n>`: the same as JSON.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from web.leaderboards.boards import Board, boards
from world.raids.models import RaidReport as ReportRow
from world.war.models import Timeline


def chosen_timeline(request):
    """
    Returns:
        tuple: (timeline or None, error or None): the `timeline` asked for, else the running
            one (None before the first); an error message if the query is not a number.
    """
    raw = request.GET.get("timeline", "").strip()
    if raw:
        return (int(raw), None) if raw.isdigit() else (None, "timeline must be a whole number")
    return Timeline.objects.filter(ended_at__isnull=True).order_by("-number").values_list(
        "number", flat=True
    ).first(), None


def _as_dict(tables):
    return {board.value: [standing.to_dict() for standing in tables[board]] for board in Board}


@never_cache
@require_safe
def leaderboards_page(request):
    """Returns: HttpResponse: the boards of a timeline beside those of all time."""
    timeline, error = chosen_timeline(request)
    timelines = set(ReportRow.objects.values_list("timeline", flat=True))
    if timeline is not None:
        timelines.add(timeline)
    per_timeline = boards(timeline) if timeline is not None else None
    all_time = boards()
    context = {
        "page_title": "Leaderboards",
        "error": error,
        "timeline": timeline,
        "timelines": sorted(timelines, reverse=True),
        "sections": [
            {"key": key, "title": title, "boards": [(board, tables[board]) for board in Board]}
            for key, title, tables in (
                ("timeline", f"Timeline {timeline}", per_timeline),
                ("all-time", "All time", all_time),
            )
            if tables is not None
        ],
    }
    return render(request, "website/leaderboards.html", context, status=400 if error else 200)


@never_cache
@require_safe
def leaderboards_api(request):
    """
    Returns:
        JsonResponse: `{"timeline": n, "boards": {...}, "all_time": {...}}`, each board a list of
            `{"rank", "name", "count"}`; 400 with `{"error": ...}` for a bad `timeline`.
    """
    timeline, error = chosen_timeline(request)
    if error:
        return JsonResponse({"error": error}, status=400)
    return JsonResponse(
        {
            "timeline": timeline,
            "boards": _as_dict(boards(timeline)) if timeline is not None else None,
            "all_time": _as_dict(boards()),
        }
    )
