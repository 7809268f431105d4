"""Nothing that is not live and public reaches anyone without the right, in any language, on any
surface: read directly, and through the application cache right after the purges that follow
each change (Varnish: tests/cms/test_varnish.py). See tests/cms/leak_matrix.py."""

from django.test import Client

import pytest

from . import leak_matrix

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def anonymous_get(path, query):
    response = Client().get(path, query)
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response.status_code, body.decode("utf-8", errors="replace")


def test_nothing_hidden_reaches_any_surface_in_any_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        matrix = leak_matrix.build()
        leak_matrix.hide(matrix)

    assert leak_matrix.leaks(matrix, anonymous_get) == []


def test_nor_through_the_application_cache_right_after_the_purges(
    redis_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        matrix = leak_matrix.build()
    leak_matrix.warm(matrix, anonymous_get)
    assert redis_cache.keys("*usdg-response:*")

    # Comments first, alone: nothing else purges the pages that show them.
    with django_capture_on_commit_callbacks(execute=True):
        leak_matrix.hide_comments(matrix)
    assert leak_matrix.comment_leaks(matrix, anonymous_get) == []

    with django_capture_on_commit_callbacks(execute=True):
        leak_matrix.hide_pages(matrix)
    assert leak_matrix.leaks(matrix, anonymous_get) == []
