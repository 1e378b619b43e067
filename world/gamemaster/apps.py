"""Django app for the game masters' audit log."""

from django.apps import AppConfig


class GameMasterConfig(AppConfig):
    name = "world.gamemaster"
    label = "gamemaster"
    verbose_name = "Game masters"
    default_auto_field = "django.db.models.BigAutoField"
