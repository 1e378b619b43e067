"""
The Second Chance's tables.

- `Schedule`: the Second Chance of one timeline: when it fires, why, who asked, and the
  forbidden jutsu's attempts in progress. A row, not a timer, so a countdown survives a
  reload or a crash; the timers that announce it are armed again from it at start-up. One row
  per timeline: cancelling keeps the row (so a fallen world a game master chose to keep is
  not rescheduled at the next start), and the rollback marks it fired in its own transaction.
- `ChronicleEntry`: one ended timeline, archived by the rollback in the same transaction
  that ends it.
"""

from django.db import models


class ScheduleStatus(models.TextChoices):
    PENDING = "pending", "counting down"
    CANCELLED = "cancelled", "cancelled"
    FIRED = "fired", "fired"


class Cause(models.TextChoices):
    """Why a timeline ended (or will end)."""

    FALL = "fall", "the Leaf fell"
    GAMEMASTER = "gamemaster", "a game master called it"
    RITUAL = "ritual", "the forbidden jutsu"


class Schedule(models.Model):
    timeline = models.PositiveIntegerField(unique=True, help_text="The timeline it ends.")
    status = models.CharField(max_length=16, choices=ScheduleStatus.choices, default=ScheduleStatus.PENDING)
    fires_at = models.FloatField(help_text="Wall time (Unix seconds) it fires.")
    cause = models.CharField(max_length=16, choices=Cause.choices)
    reason = models.CharField(max_length=200, help_text="Why, as players read it.")
    requested_by = models.CharField(max_length=80, blank=True, default="")
    requested_by_id = models.IntegerField(null=True, blank=True)
    created_at = models.FloatField()
    ritual = models.JSONField(
        default=dict, help_text="Character id -> the attempt in progress: step reached, deadline, owner."
    )

    class Meta:
        ordering = ["timeline"]

    def __str__(self):
        return f"Second Chance of timeline {self.timeline} ({self.status})"


class ChronicleEntry(models.Model):
    timeline = models.PositiveIntegerField(unique=True)
    epoch = models.CharField(max_length=32, help_text="The epoch it started from.")
    started_at = models.FloatField()
    ended_at = models.FloatField()
    cause = models.CharField(max_length=16, choices=Cause.choices)
    ending = models.TextField(help_text="How it ended, as players read it.")
    start_year = models.FloatField(help_text="Story year it started at.")
    end_year = models.FloatField(help_text="Story year it ended at (the fall, or the Second Chance).")
    fell = models.BooleanField(help_text="The Leaf had fallen when it ended.")
    zones_fallen = models.JSONField(
        default=list, help_text="Zones the Sound took, in order: key, name, year."
    )
    raids = models.JSONField(default=list, help_text="The raids that mattered.")
    fallen = models.JSONField(default=list, help_text="Player ninja who died in it.")
    top_raiders = models.JSONField(default=list)
    backup = models.CharField(
        max_length=300, blank=True, default="", help_text="Database backup taken before."
    )

    class Meta:
        ordering = ["timeline"]
        verbose_name_plural = "chronicle entries"

    def __str__(self):
        return f"Chronicle of timeline {self.timeline}"
