"""The audit log: every game master's change, who made it, when, and the state before and after."""

from django.db import models


class AuditEntry(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=80)
    actor_id = models.IntegerField(null=True, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target = models.CharField(max_length=120, blank=True, default="")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor}: {self.action} {self.target}"
