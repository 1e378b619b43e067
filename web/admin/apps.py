"""
The game's pages in Django's admin, as an app of their own so that Django registers them at
start-up with every other app's admin (the war's zones and squads: `web.admin.war`).
"""

from django.apps import AppConfig


class GameAdminConfig(AppConfig):
    name = "web.admin"
    label = "game_admin"
    verbose_name = "Second Chances admin"

    def ready(self):
        from web.admin import war  # noqa: F401  # late: app registry (models load after ready)
