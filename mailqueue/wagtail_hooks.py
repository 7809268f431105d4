from wagtail import hooks

from .viewsets import MailQueueViewSet


@hooks.register("register_admin_viewset")
def register_mail_queue_viewset():
    return MailQueueViewSet()
