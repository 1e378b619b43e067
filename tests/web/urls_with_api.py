"""
The game's URLs with the REST API included even when `REST_API_ENABLED` leaves it out, so the
API's pages (root, schema, Redoc) are checked as they will be served once it is enabled.
"""

from django.urls import include, path

from web.urls import urlpatterns as game_urlpatterns

urlpatterns = list(game_urlpatterns)
if not any(getattr(p, "namespace", None) == "api" for p in urlpatterns):
    urlpatterns.append(path("api/", include("web.api.urls", namespace="api")))
