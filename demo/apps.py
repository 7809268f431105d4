from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content in six languages: `manage.py load_demo_content` (idempotent) and
    `manage.py demo_messages`, which keeps translations/<language>.po in step with the English
    texts of content/. It needs every app of the project and adds no models."""

    name = "demo"
    label = "demo"
