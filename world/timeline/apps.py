"""Django app for the Second Chance: its schedule and the chronicle of ended timelines."""

from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "world.timeline"
    label = "timeline"
    verbose_name = "The Second Chance"
    default_auto_field = "django.db.models.BigAutoField"
