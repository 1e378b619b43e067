"""
The raids' tables: strike teams, running raids and the reports of finished ones.

They are plain Django models rather than typeclassed objects. A running raid's row is the
source of truth for everything about it (the plan, the fights room by room, who stands
where, the report so far): the instance's rooms are built from it and can be rebuilt from
it, and every change is saved at once, so a reload or a crash loses nothing. Enemies are
plain data inside the fights' JSON, not objects: a raid fields dozens of them, they live for
minutes, and a fight must be stored and restored as one value.

- `Team`: a strike team, as `world.raids.teams.Team` data keyed by character names, with
  the characters' ids beside the names.
- `Raid`: one raid, running or ended (ended rows are kept; their instance rooms are not).
- `RaidReport`: the morgue file of a finished raid, kept for good and served as JSON.
"""

from django.db import models


class Team(models.Model):
    data = models.JSONField(default=dict, help_text="teams.Team.to_dict(): leader, members, invites (names).")
    ids = models.JSONField(
        default=dict, help_text="Character name -> character id, for members and invitees."
    )
    created_at = models.FloatField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Team {self.id} led by {self.data.get('leader')}"


class RaidStatus(models.TextChoices):
    RUNNING = "running", "running"
    ENDED = "ended", "ended"


class Raid(models.Model):
    timeline = models.PositiveIntegerField(db_index=True)
    seed = models.CharField(max_length=200)
    zone = models.CharField(max_length=64, db_index=True)
    source_zone = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    story = models.CharField(max_length=32, blank=True, default="")
    status = models.CharField(max_length=16, choices=RaidStatus.choices, default=RaidStatus.RUNNING)
    team_id = models.IntegerField(null=True, blank=True)
    offer = models.JSONField(default=dict, help_text="The board's offer (RaidOffer.to_dict()).")
    plan = models.JSONField(default=dict, help_text="The generated instance (RaidPlan.to_dict()).")
    members = models.JSONField(
        default=dict, help_text="Character id -> {name, room (plan room id), came_from, status}."
    )
    rooms = models.JSONField(default=dict, help_text="Plan room id -> id of its instance room.")
    fights = models.JSONField(default=dict, help_text="Plan room id -> {encounter, pending, deadline}.")
    progress = models.JSONField(default=dict, help_text="Cleared rooms, loot left, objective steps, blame.")
    report = models.JSONField(default=dict, help_text="The report so far (report.RaidReport.to_dict()).")
    watchers = models.JSONField(default=list, help_text="Ids of game masters' accounts watching.")
    started_at = models.FloatField()
    ended_at = models.FloatField(null=True, blank=True)
    result = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Raid {self.id}: {self.title} ({self.status})"


class RaidReport(models.Model):
    raid_id = models.IntegerField(unique=True)
    timeline = models.PositiveIntegerField(db_index=True)
    seed = models.CharField(max_length=200)
    zone = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    story = models.CharField(max_length=32, blank=True, default="")
    result = models.CharField(max_length=16)
    leader = models.CharField(max_length=80)
    team = models.JSONField(default=list)
    started_at = models.FloatField()
    ended_at = models.FloatField()
    data = models.JSONField(default=dict, help_text="The whole report (report.RaidReport.to_dict()).")

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"Report of raid {self.raid_id}: {self.title} ({self.result})"
