"""The raid reports' JSON mounted where web/urls.py mounts it (api/raids/)."""

from django.urls import include, path

urlpatterns = [path("api/raids/", include("world.raids.urls"))]
