"""The memory record: one thing an account learned, in one timeline."""

from django.db import models


class MemoryKind(models.TextChoices):
    DEATH = "death", "a death"
    RAID = "raid", "a raid"
    TIMELINE = "timeline", "a timeline's end"
    RITUAL = "ritual", "the forbidden jutsu"


class Memory(models.Model):
    account_id = models.IntegerField(db_index=True)
    account_name = models.CharField(max_length=80)
    timeline = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=MemoryKind.choices)
    details = models.JSONField(default=dict, help_text="The facts behind it (zone, raid seed, killer, ...).")
    text = models.TextField(help_text="What the player reads.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.account_name} (timeline {self.timeline}): {self.text[:60]}"
