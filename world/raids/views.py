"""
Raid reports as JSON for the web pages: `/api/raids/` lists them (newest first) and
`/api/raids/<raid id>/` gives one whole report.

The views only read the `RaidReport` table (kept for good, never changed after a raid ends),
so they are safe in the web server's threads without touching the game thread's memory.

Query parameters of the list: `timeline` (only that timeline's raids), `limit` (1 to 200,
default 50).
"""

from django.http import JsonResponse

from world.raids.models import RaidReport

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def _summary(row):
    return {
        "id": row.raid_id,
        "timeline": row.timeline,
        "title": row.title,
        "zone": row.zone,
        "seed": row.seed,
        "story": row.story or None,
        "result": row.result,
        "leader": row.leader,
        "team": list(row.team),
        "started_at": row.started_at,
        "ended_at": row.ended_at,
        "url": f"/api/raids/{row.raid_id}/",
    }


def _error(status, message):
    return JsonResponse({"error": message}, status=status)


def report_list(request):
    """GET /api/raids/: the latest reports, summarised."""
    rows = RaidReport.objects.all()
    timeline = request.GET.get("timeline")
    if timeline is not None:
        if not timeline.isdigit():
            return _error(400, "timeline must be a whole number")
        rows = rows.filter(timeline=int(timeline))
    limit = request.GET.get("limit", str(DEFAULT_LIMIT))
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_LIMIT:
        return _error(400, f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return JsonResponse({"raids": [_summary(row) for row in rows[: int(limit)]]})


def report_detail(request, raid_id):
    """GET /api/raids/<id>/: one raid's whole report."""
    row = RaidReport.objects.filter(raid_id=raid_id).first()
    if row is None:
        return _error(404, f"no report of a raid {raid_id}")
    return JsonResponse({**_summary(row), "report": row.data})
