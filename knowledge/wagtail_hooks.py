from wagtail.snippets.models import register_snippet

from .viewsets import KnowledgeViewSetGroup

register_snippet(KnowledgeViewSetGroup)
