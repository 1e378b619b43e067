"""Django app for accounts' memories."""

from django.apps import AppConfig


class MemoriesConfig(AppConfig):
    name = "world.memories"
    label = "memories"
    verbose_name = "Memories"
    default_auto_field = "django.db.models.BigAutoField"
