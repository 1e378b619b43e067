"""
The REST API's OpenAPI schema, working with the django-filter that Evennia 6.1 installs.

DRF's `AutoSchema` asks every filter backend for `get_schema_operation_parameters`, which
django-filter removed in 25.1 (it points to drf-spectacular instead); Evennia's stock
`/api/openapi` view therefore fails with a server error, and `/api/redoc/`, which renders that
schema, shows nothing. Here a backend without the method simply contributes no parameters:
the schema lists every endpoint, without the filter query parameters.

DRF's paginators also give their `next`/`previous` links examples on a made-up outside host
(`http://api.example.org/accounts/?offset=400&limit=100`), which the browsable schema page
shows as links to that site. Those examples are rewritten to the endpoint's own path.
"""

from urllib.parse import urlsplit, urlunsplit

from rest_framework.schemas.openapi import AutoSchema, SchemaGenerator


def local_examples(node, path):
    """
    Args:
        node (dict, list or other): A piece of an OpenAPI schema.
        path (str): The endpoint's path, e.g. "/api/accounts/".

    Returns:
        The same piece, with every `example` URL that names a host changed to `path` with the
        example's query (the values are copies; `node` is not changed).
    """
    if isinstance(node, list):
        return [local_examples(item, path) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == "example" and isinstance(value, str) and urlsplit(value).netloc:
            value = urlunsplit(("", "", path, urlsplit(value).query, ""))
        result[key] = local_examples(value, path)
    return result


class GameAutoSchema(AutoSchema):
    """`AutoSchema` that skips filter backends which cannot describe themselves."""

    def get_responses(self, path, method):
        """
        Args:
            path (str): The endpoint's path.
            method (str): The HTTP method.

        Returns:
            dict: DRF's responses, with example links on the endpoint's own path.
        """
        return local_examples(super().get_responses(path, method), path)

    def get_filter_parameters(self, path, method):
        """
        Args:
            path (str): The endpoint's path.
            method (str): The HTTP method.

        Returns:
            list of dict: The parameters of the view's filter backends that describe them.
        """
        if not self.allows_filters(path, method):
            return []
        parameters = []
        for backend in self.view.filter_backends:
            describe = getattr(backend(), "get_schema_operation_parameters", None)
            if describe is not None:
                parameters += describe(self.view)
        return parameters


class GameSchemaGenerator(SchemaGenerator):
    """Schema generator that inspects every API view with `GameAutoSchema`."""

    def create_view(self, callback, method, request=None):
        """
        Args:
            callback (callable): The URL pattern's view function.
            method (str): The HTTP method.
            request (Request, optional): The request asking for the schema.

        Returns:
            APIView: The view instance, with `GameAutoSchema` as its schema inspector.
        """
        view = super().create_view(callback, method, request)
        view.schema = GameAutoSchema()
        return view
