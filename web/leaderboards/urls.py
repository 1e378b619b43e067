"""The leaderboards' page and JSON (included at the site's root by web/urls.py)."""

from django.urls import path

from web.leaderboards.views import leaderboards_api, leaderboards_page

urlpatterns = [
    path("leaderboards/", leaderboards_page, name="leaderboards"),
    path("api/leaderboards/", leaderboards_api, name="leaderboards-api"),
]
