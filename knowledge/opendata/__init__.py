"""Open data: every live, public initiative in every language as JSON and CSV files (`files`), and
their downloads at /opendata/ (`urls`, `views`)."""
