"""API shapes of library items: the document, the languages, the criteria."""

from rest_framework.fields import Field

from .fields import language_name


class _PageField(Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class DocumentField(_PageField):
    """{"id": 3, "title": "…", "url": "https://…"} or null."""

    def to_representation(self, page):
        document = page.document
        if document is None:
            return None
        url = document.url
        request = self.context.get("request")
        if request is not None and url.startswith("/"):
            url = request.build_absolute_uri(url)
        return {"id": document.pk, "title": document.title, "url": url}


class LanguagesField(_PageField):
    """[{"code": "fr", "name": "French"}]: names in the language of the response."""

    def to_representation(self, page):
        return [{"code": code, "name": str(language_name(code))} for code in page.languages]


class CriteriaField(_PageField):
    """["Q1", "P2"]: the certification criteria the item helps with."""

    def to_representation(self, page):
        return page.criteria
