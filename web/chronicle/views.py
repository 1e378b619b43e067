"""
The chronicle of timelines: every timeline that ended, as the Second Chance's rollback
archived it (`world.timeline.models.ChronicleEntry`), and the one running now (the war's
open `Timeline` row and any Second Chance counting down).

- `GET /chronicle/`: the running timeline, then every ended one, newest first.
- `GET /chronicle/<n>/`: one ended timeline: how it ended, how long the Leaf held, the zones
  the Sound took in order, the raids that mattered, the top raiders and the fallen.
- `GET /api/chronicle/` and `GET /api/chronicle/<n>/`: the same as JSON.

Texts come from `world.timeline.chronicle`, which also writes the `chronicle` command's, so
the site and the game say the same. Everything is read from the tables; nothing changes.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from web.walltime import utc, utc_text
from world.timeline.chronicle import duration_text, held_text, years_text
from world.timeline.models import ChronicleEntry, Schedule, ScheduleStatus
from world.war.clock import StoryClock, year_text
from world.war.models import Timeline
from world.war.service import WAR


def current_timeline(now):
    """
    Args:
        now (float): Wall time.

    Returns:
        dict or None: The running timeline: `number`, `epoch`, `started_at`, `story_year`,
            `story_date`, `fallen`, and `second_chance` (`fires_at`, `seconds`, `reason`) when
            one is counting down; None before the first timeline.
    """
    row = Timeline.objects.filter(ended_at__isnull=True).order_by("-number").first()
    if row is None:
        return None
    year = StoryClock.from_dict(row.state["clock"]).story_year(now) if "clock" in row.state else None
    schedule = Schedule.objects.filter(timeline=row.number, status=ScheduleStatus.PENDING).first()
    return {
        "number": row.number,
        "epoch": row.epoch,
        "started_at": row.started_at,
        "story_year": None if year is None else round(year, 4),
        "story_date": None if year is None else year_text(year),
        "fallen": bool(row.state.get("fallen", False)),
        "second_chance": None
        if schedule is None
        else {
            "fires_at": schedule.fires_at,
            "seconds": max(0, round(schedule.fires_at - now)),
            "reason": schedule.reason,
        },
    }


def entry_dict(entry):
    """
    Args:
        entry (ChronicleEntry): One ended timeline.

    Returns:
        dict: Everything the chronicle keeps of it, with its texts (`held`), as the API gives it.
    """
    return {
        "timeline": entry.timeline,
        "epoch": entry.epoch,
        "started_at": entry.started_at,
        "ended_at": entry.ended_at,
        "cause": entry.cause,
        "ending": entry.ending,
        "fell": entry.fell,
        "start_year": round(entry.start_year, 4),
        "end_year": round(entry.end_year, 4),
        "held": held_text(entry),
        "zones_fallen": list(entry.zones_fallen),
        "raids": list(entry.raids),
        "top_raiders": list(entry.top_raiders),
        "fallen": list(entry.fallen),
    }


def _entry_view(entry):
    """An entry with what its page shows beside the stored fields."""
    return {
        "entry": entry,
        "started": utc_text(entry.started_at),
        "ended": utc_text(entry.ended_at),
        "held": held_text(entry),
        "duration": duration_text(entry.ended_at - entry.started_at),
        "story_span": years_text(max(0.0, entry.end_year - entry.start_year)),
        "zones_fallen": [{**zone, "date": year_text(zone["year"])} for zone in entry.zones_fallen],
        "fallen": [{**ninja, "when": utc(ninja.get("at"))} for ninja in entry.fallen],
    }


@never_cache
@require_safe
def chronicle_page(request):
    """Returns: HttpResponse: the running timeline and every ended one, newest first."""
    current = current_timeline(WAR.clock())
    context = {
        "page_title": "The chronicle",
        "current": current,
        "current_started": utc_text(current["started_at"]) if current else "",
        "entries": [_entry_view(entry) for entry in ChronicleEntry.objects.order_by("-timeline")],
    }
    return render(request, "website/chronicle.html", context)


def _entry_or_404(number):
    entry = ChronicleEntry.objects.filter(timeline=number).first()
    if entry is None:
        raise Http404(f"No chronicle of a timeline {number}: it has not ended, or never was.")
    return entry


@never_cache
@require_safe
def chronicle_entry_page(request, number):
    """Returns: HttpResponse: one ended timeline, or 404."""
    view = _entry_view(_entry_or_404(number))
    return render(request, "website/chronicle_entry.html", {"page_title": f"Timeline {number}", **view})


@never_cache
@require_safe
def chronicle_api(request):
    """Returns: JsonResponse: `{"current": {...} or null, "timelines": [...]}`, ended ones oldest first."""
    return JsonResponse(
        {
            "current": current_timeline(WAR.clock()),
            "timelines": [entry_dict(entry) for entry in ChronicleEntry.objects.order_by("timeline")],
        }
    )


@never_cache
@require_safe
def chronicle_entry_api(request, number):
    """Returns: JsonResponse: one ended timeline, or 404 with `{"error": ...}`."""
    entry = ChronicleEntry.objects.filter(timeline=number).first()
    if entry is None:
        return JsonResponse({"error": f"no chronicle of a timeline {number}"}, status=404)
    return JsonResponse(entry_dict(entry))
