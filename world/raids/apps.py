"""Django app for running raids, strike teams and raid reports (tables of our own)."""

from django.apps import AppConfig


class RaidsConfig(AppConfig):
    name = "world.raids"
    label = "raids"
    verbose_name = "Raids"
    default_auto_field = "django.db.models.BigAutoField"
