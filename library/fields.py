"""The languages a work is available in: language codes of Django's language list (the six UN
languages first), stored as ",en,fr," so that "available in French" is one indexed LIKE."""

from django import forms
from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

UN_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")


def language_choices():
    """The six UN languages, then every other language Django knows, by name."""
    names = dict(global_settings.LANGUAGES)
    others = sorted(
        (
            (code, name)
            for code, name in names.items()
            if code not in UN_LANGUAGES and "-" not in code
        ),
        key=lambda choice: str(choice[1]),
    )
    return [(code, names[code]) for code in UN_LANGUAGES] + others


def language_codes():
    return {code for code, _name in language_choices()}


def language_name(code):
    return dict(language_choices()).get(code, code)


class LanguageCodesField(models.CharField):
    """A list of language codes in a CharField. Filter with `contains=marker(code)`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("max_length", 255), ("blank", True), ("default", list)):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return [code for code in value if code]
        return [code for code in str(value).split(",") if code]

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return "," + ",".join(codes) + "," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = set(self.to_python(value)) - language_codes()
        if unknown:
            raise ValidationError(
                _("Unknown language codes: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
            )

    def run_validators(self, value):
        """The stored text's length, not the list's."""
        if len(self.get_prep_value(value)) > self.max_length:
            raise ValidationError(_("Too many languages."))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=language_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )


def marker(code):
    """The text a stored list contains when it has `code`."""
    return f",{code},"
