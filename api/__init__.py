"""What every endpoint of the public API v2 shares, below the apps that offer endpoints: the
envelope, `limit`/`offset` and JSON errors (`api.base`), the checked tree filters of the pages
endpoint (`api.tree`) and the registry of page-type filters and bulk loaders (`api.registry`) that
each app fills for its own page types. The router and the site-wide pages endpoint are in `cms`
(`cms.api`, `cms.pages_api`). Imports none of the apps."""
