"""Every text input of our forms has a maximum length, checked before the database sees it, and
within the column the value goes to."""

import importlib

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator

from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from certification.models import Evidence
from knowledge.models import InitiativePage, Registration

APPS = ("cms", "pages", "knowledge", "certification", "search", "syndication")
FORM_MODULES = [
    "knowledge.members.forms",
    "knowledge.members.account_forms",
    "knowledge.community.forms",
    "knowledge.uploads.image_forms",
    "certification.forms",
    "pages.forms",
    "syndication.viewsets",
]


def our_forms():
    for name in FORM_MODULES:
        importlib.import_module(name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for subclass in cls.__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in APPS:
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def checked_length(field):
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return min(limits) if limits else None


def test_every_text_field_of_our_forms_has_a_checked_maximum_length():
    unbounded = []
    counted = 0
    for form in our_forms():
        for name, field in form.base_fields.items():
            if isinstance(field, forms.CharField):
                counted += 1
                if checked_length(field) is None:
                    unbounded.append(f"{form.__module__}.{form.__name__}.{name}")
    print(f"{counted} text fields in {len(our_forms())} forms")
    assert counted > 50
    assert unbounded == []


def test_fields_set_up_when_the_form_is_made_are_bounded_too(rf):
    from knowledge.members.account_forms import LoginForm, PasswordResetForm

    login = LoginForm(rf.get("/"))
    assert checked_length(login.fields["username"]) == 150
    assert checked_length(login.fields["password"]) == 1024
    assert checked_length(PasswordResetForm().fields["email"]) == 150


@pytest.mark.parametrize(
    "form_path, model",
    [
        ("knowledge.members.account_forms.RegistrationForm", Registration),
        ("knowledge.members.account_forms.RegistrationForm", get_user_model()),
        ("knowledge.members.account_forms.EmailChangeForm", get_user_model()),
        ("knowledge.members.forms.InitiativeSubmissionForm", InitiativePage),
        ("certification.forms.EvidenceForm", Evidence),
    ],
)
def test_form_lengths_fit_the_columns(form_path, model):
    module, name = form_path.rsplit(".", 1)
    form = getattr(importlib.import_module(module), name)
    for field_name, field in form.base_fields.items():
        column = next((f for f in model._meta.get_fields() if f.name == field_name), None)
        if isinstance(field.widget, forms.PasswordInput):
            continue  # stored as a hash of fixed length
        if getattr(column, "max_length", None) and isinstance(field, forms.CharField):
            assert checked_length(field) <= column.max_length, field_name


def test_user_names_and_image_descriptions_fit_their_columns():
    from knowledge.members.account_forms import RegistrationForm
    from knowledge.members.forms import InitiativeSubmissionForm

    username = get_user_model()._meta.get_field("username").max_length
    assert checked_length(RegistrationForm.base_fields["email"]) <= username
    title = Page._meta.get_field("title").max_length
    assert checked_length(InitiativeSubmissionForm.base_fields["title"]) <= title
    image_title = get_image_model()._meta.get_field("title").max_length
    assert checked_length(InitiativeSubmissionForm.base_fields["image_alt"]) <= image_title
