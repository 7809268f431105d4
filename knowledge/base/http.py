"""Answers shared by the listings of every app (imports nothing of ours, so models may use it)."""


def refused_if_notice(response):
    """An HTML listing that could not use a parameter (knowledge.query.parameters) shows the message
    as a notice, with no results, and answers 400, as the API does."""
    if (getattr(response, "context_data", None) or {}).get("notice"):
        response.status_code = 400
    return response
