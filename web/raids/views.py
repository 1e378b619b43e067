"""
Raid reports: the morgue files of finished raids, as the raids archive them
(`world.raids.models.RaidReport`, kept for good and never changed after the raid ends).

- `GET /raids/?timeline=<n>&page=<p>`: the reports, newest first, 25 a page.
- `GET /raids/<raid id>/`: one report: who went, what each did, and the report as the
  game's `raidlog` shows it (`world.raids.report.RaidReport.render`).

Their JSON is the raids' own API, `/api/raids/` (world/raids/views.py). Nothing here changes
anything.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from web.walltime import utc_text
from world.raids.models import RaidReport as ReportRow
from world.raids.report import RaidReport

PER_PAGE = 25


def _whole_number(text):
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def report_summary(row):
    """
    Args:
        row (world.raids.models.RaidReport): An archived report.

    Returns:
        dict: What the list shows of it.
    """
    data = row.data or {}
    return {
        "raid_id": row.raid_id,
        "timeline": row.timeline,
        "title": row.title,
        "zone": data.get("zone_name") or row.zone,
        "result": row.result,
        "leader": row.leader,
        "team": list(row.team),
        "kills": len(data.get("kills") or ()),
        "fallen": len(data.get("fallen") or ()),
        "ended": utc_text(row.ended_at),
    }


@never_cache
@require_safe
def raids_page(request):
    """Returns: HttpResponse: the reports, newest first (`timeline` and `page` in the query)."""
    rows = ReportRow.objects.order_by("-ended_at", "-raid_id")
    timeline = _whole_number(request.GET.get("timeline"))
    if timeline is not None:
        rows = rows.filter(timeline=timeline)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    timelines = sorted(set(ReportRow.objects.values_list("timeline", flat=True)), reverse=True)
    context = {
        "page_title": "Raid reports",
        "reports": [report_summary(row) for row in page.object_list],
        "reports_page": page,
        "timeline": timeline,
        "timelines": timelines,
    }
    return render(request, "website/raids.html", context)


def player_rows(report):
    """
    Args:
        report (world.raids.report.RaidReport): A report.

    Returns:
        list of dict: One per team member: `name`, `leader`, `kills`, `dealt`, `taken`, `fell`
            (how, or "").
    """
    fell = {entry["player"]: entry["cause"] for entry in report.fallen}
    return [
        {
            "name": name,
            "leader": name == report.leader,
            "kills": sum(1 for kill in report.kills if kill["player"] == name),
            "dealt": report.damage_dealt.get(name, 0),
            "taken": report.damage_taken.get(name, 0),
            "fell": fell.get(name, ""),
        }
        for name in report.team
    ]


@never_cache
@require_safe
def raid_report_page(request, raid_id):
    """Returns: HttpResponse: one report, or 404."""
    row = ReportRow.objects.filter(raid_id=raid_id).first()
    if row is None:
        raise Http404(f"No report of a raid {raid_id}.")
    report = RaidReport.from_dict(row.data)
    context = {
        "page_title": f"Raid {raid_id}: {row.title}",
        "summary": report_summary(row),
        "report": report,
        "players": player_rows(report),
        "started": utc_text(row.started_at),
        "text": report.render(),
    }
    return render(request, "website/raid_report.html", context)
