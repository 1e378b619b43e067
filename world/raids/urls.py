"""URLs of the raid reports' JSON (include under "api/raids/"; see views.py)."""

from django.urls import path

from world.raids import views

app_name = "raids"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:raid_id>/", views.report_detail, name="detail"),
]
