from wagtail import hooks

from .viewsets import DeliveryViewSet, EndpointViewSet


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return [EndpointViewSet(), DeliveryViewSet()]
