"""The raid reports' pages (included at the site's root by web/urls.py); their JSON is /api/raids/."""

from django.urls import path

from web.raids.views import raid_report_page, raids_page

urlpatterns = [
    path("raids/", raids_page, name="raid-reports"),
    path("raids/<int:raid_id>/", raid_report_page, name="raid-report"),
]
