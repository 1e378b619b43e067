"""The war's page and its JSON API (included at the site's root by web/urls.py)."""

from django.urls import path

from web.war.views import war_api, war_log_api, war_page

urlpatterns = [
    path("war/", war_page, name="war"),
    path("api/war/", war_api, name="war-api"),
    path("api/war/log/", war_log_api, name="war-log-api"),
]
