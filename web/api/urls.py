"""
The REST API (served at /api/ when `REST_API_ENABLED` is True): Evennia's endpoints, with the
OpenAPI schema view built by `web.api.schema` so that it, and the Redoc page that shows it,
work (see that module).
"""

from django.conf import settings
from django.urls import path
from evennia.web.api.urls import urlpatterns as evennia_api_urlpatterns
from rest_framework.schemas import get_schema_view

from web.api.schema import GameSchemaGenerator

app_name = "api"

urlpatterns = [
    path(
        "openapi",
        get_schema_view(
            title=f"{settings.SERVERNAME} API",
            description=f"{settings.SERVERNAME} OpenAPI schema",
            version="1.0",
            generator_class=GameSchemaGenerator,
        ),
        name="openapi",
    ),
    *(pattern for pattern in evennia_api_urlpatterns if getattr(pattern, "name", None) != "openapi"),
]
