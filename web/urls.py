"""
This is the starting point when a user enters a url in their web browser.

The urls is matched (by regex) and mapped to a 'view' - a Python function or
callable class that in turn (usually) makes use of a 'template' (a html file
with slots that can be replaced by dynamic content) in order to render a HTML
page to show the user.

This file includes the urls in website, webclient and admin. To override you
should modify urls.py in those sub directories.

Search the Django documentation for "URL dispatcher" for more help.

"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

# default evennia patterns
from evennia.web.urls import urlpatterns as evennia_default_urlpatterns

from web.api.index import api_index
from web.website.views.health import health

# add patterns
urlpatterns = [
    # website
    path("", include("web.website.urls")),
    # webclient
    path("webclient/", include("web.webclient.urls")),
    # web admin
    path("admin/", include("web.admin.urls")),
    # the war, the chronicle of timelines, raid reports and leaderboards: pages and JSON
    path("", include("web.war.urls")),
    path("", include("web.chronicle.urls")),
    path("", include("web.raids.urls")),
    path("", include("web.leaderboards.urls")),
    path("api/raids/", include("world.raids.urls")),
    # the API's index of its endpoints (before Evennia's REST root, which it replaces)
    path("api/", api_index, name="api-index"),
    # operators' check: the server answers and its database connections are durable
    path("health", health, name="health"),
    # Evennia's own favicon.ico redirect points into /media/, which the game does not serve
    path(
        "favicon.ico", RedirectView.as_view(url=static("website/images/second-chances.svg"), permanent=False)
    ),
    # add any extra urls here:
    # path("mypath/", include("path.to.my.urls.file")),
]

if settings.REST_API_ENABLED:
    # our API urls (a working OpenAPI schema) replace Evennia's
    urlpatterns.append(path("api/", include("web.api.urls", namespace="api")))
    evennia_default_urlpatterns = [
        p for p in evennia_default_urlpatterns if getattr(p, "namespace", None) != "api"
    ]

# 'urlpatterns' must be named such for Django to find it.
urlpatterns = urlpatterns + evennia_default_urlpatterns
