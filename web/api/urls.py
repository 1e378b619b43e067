"""
The REST API (served at /api/ when `REST_API_ENABLED` is True): Evennia's endpoints, with the
OpenAPI schema view built by `web.api.schema` so that it, and the Redoc page that shows it,
work (see that module).

Redoc styles its page with <style> elements it writes at run time (styled-components, which
takes no nonce) and searches in a worker it makes from a blob: so its page, and only its page,
gets a policy that allows inline styles and blob: workers. Scripts stay the game's own.
"""

from django.conf import settings
from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from evennia.web.api.urls import urlpatterns as evennia_api_urlpatterns
from rest_framework.schemas import get_schema_view

from web.api.schema import GameSchemaGenerator

app_name = "api"

REDOC_CSP = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "worker-src": [CSP.SELF, "blob:"],
}


def _with_redoc_policy(pattern):
    """Evennia's URL pattern, its Redoc page's view under `REDOC_CSP`."""
    if getattr(pattern, "name", None) != "redoc":
        return pattern
    return path(str(pattern.pattern), csp_override(REDOC_CSP)(pattern.callback), name="redoc")


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
    *(
        _with_redoc_policy(pattern)
        for pattern in evennia_api_urlpatterns
        if getattr(pattern, "name", None) != "openapi"
    ),
]
