"""The OpenAPI 3 document of the public API (/api/v2/schema/) and its human-readable page
(/api/v2/docs/).

Written from the endpoints' contracts (DESIGN.md, "Public contract"): the shared nested shapes
(common), a typed schema per page type and per StreamField block (pages), every endpoint and
parameter (paths). Tests validate real responses against it, fuzz every endpoint from it and
generate a client from it.
"""

from .paths import PATHS
from .views import docs_view, document, schema_view

__all__ = ["PATHS", "docs_view", "document", "schema_view"]
