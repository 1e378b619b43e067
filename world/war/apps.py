"""Django app for the war's persistent state (tables of our own, so they roll back as one)."""

from django.apps import AppConfig


class WarConfig(AppConfig):
    name = "world.war"
    label = "war"
    verbose_name = "The war"
    default_auto_field = "django.db.models.BigAutoField"
