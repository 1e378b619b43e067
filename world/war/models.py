"""
The war's tables.

The engine works on plain dataclasses (`world.war.state`); these models are where that
state rests between server runs. They are plain Django models rather than typeclassed
objects: there are many squads, they change every tick, and the Second Chance must replace
them all in one database transaction. `world.war.store` converts between the two.

- `Timeline`: one row per timeline; the open one (no `ended_at`) holds the war's scalars
  (story clock, tick, headquarters search, pauses and rate scales).
- `ZoneControl`: who holds each zone now.
- `Squad`: the NPC squads, keyed by the engine's squad id.
- `WarEvent`: the war log, in the order the engine reported it.
"""

from django.db import models


class Timeline(models.Model):
    number = models.PositiveIntegerField(unique=True)
    seed = models.CharField(max_length=64)
    epoch = models.CharField(max_length=32)
    started_at = models.FloatField(help_text="Wall time (Unix seconds) the timeline began.")
    ended_at = models.FloatField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True, default="")
    state = models.JSONField(default=dict, help_text="The engine's scalars (clock, tick, HQ search, ...).")

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Timeline {self.number}"


class ZoneControl(models.Model):
    key = models.CharField(max_length=64, unique=True)
    holder = models.CharField(max_length=16)
    contested = models.BooleanField(default=False)
    inside_walls = models.BooleanField(default=True)

    class Meta:
        ordering = ["key"]
        verbose_name = "zone"

    def __str__(self):
        return self.key


class Squad(models.Model):
    squad_id = models.PositiveIntegerField(primary_key=True)
    zone = models.CharField(max_length=64, db_index=True)
    faction = models.CharField(max_length=16)
    rank = models.CharField(max_length=32)
    strength = models.FloatField(help_text="Ninja at wall time `as_of`.")
    as_of = models.FloatField()
    rate = models.FloatField(default=0.0, help_text="Exponential change per wall second after `as_of`.")

    class Meta:
        ordering = ["squad_id"]

    def __str__(self):
        return f"Squad {self.squad_id} ({self.faction} {self.rank}, {self.zone})"


class WarEvent(models.Model):
    timeline = models.PositiveIntegerField(db_index=True)
    tick = models.IntegerField()
    story_year = models.FloatField()
    wall_time = models.FloatField()
    kind = models.CharField(max_length=32)
    zone = models.CharField(max_length=64, blank=True, default="")
    faction = models.CharField(max_length=16, blank=True, default="")
    text = models.TextField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"[{self.timeline}:{self.story_year:.2f}] {self.text}"
