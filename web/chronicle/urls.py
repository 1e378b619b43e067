"""The chronicle's pages and JSON API (included at the site's root by web/urls.py)."""

from django.urls import path

from web.chronicle.views import chronicle_api, chronicle_entry_api, chronicle_entry_page, chronicle_page

urlpatterns = [
    path("chronicle/", chronicle_page, name="chronicle"),
    path("chronicle/<int:number>/", chronicle_entry_page, name="chronicle-entry"),
    path("api/chronicle/", chronicle_api, name="chronicle-api"),
    path("api/chronicle/<int:number>/", chronicle_entry_api, name="chronicle-entry-api"),
]
