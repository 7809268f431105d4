"""Forms of the knowledge base: the admin's page form and the forms of My City."""

import html
import re

from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

from .documents import MultipleDocumentField
from .image_uploads import BoundedImageField
from .regions import Region


class TaxonomyPageForm(WagtailAdminPageForm):
    """Page form offering only the SDGs, targets and themes of the page's own language."""

    def __init__(self, *args, parent_page=None, **kwargs):
        # Imported here: the page models name this form as their base_form_class.
        # Here, not at the top: knowledge.models imports this module (the admin page form).
        from .models import SDGTarget, SustainableDevelopmentGoal, Theme

        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale_id = self.instance.locale_id or (parent_page.locale_id if parent_page else None)
        if locale_id is None:
            locale_id = Locale.get_default().pk
        self.locale_id = locale_id
        for name, model in (
            ("sdgs", SustainableDevelopmentGoal),
            ("targets", SDGTarget),
            ("themes", Theme),
        ):
            if name in self.fields:
                queryset = model.objects.filter(locale_id=locale_id)
                self.fields[name].queryset = queryset
                # Relations copied from the source language point at its rows: show the same
                # goals, targets and themes as this language's rows.
                if self.instance.pk and name in self.initial:
                    self.initial[name] = _same_keys_in_locale(model, self.initial[name], locale_id)

    # Fields a page may leave empty while it is a draft but not once it is published or submitted.
    required_to_publish = ("summary", "sdgs", "themes")

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" in self.data or "action-submit" in self.data:
            for name in self.required_to_publish:
                if name in self.fields and not cleaned_data.get(name):
                    self.add_error(name, _("This field is required to publish or submit."))
        goals = {goal.number for goal in cleaned_data.get("sdgs") or []}
        stray = [t.code for t in cleaned_data.get("targets") or [] if t.goal_number not in goals]
        if stray:
            self.add_error(
                "targets",
                _("These targets belong to goals that are not selected: %(targets)s")
                % {"targets": ", ".join(stray)},
            )
        return cleaned_data


def _same_keys_in_locale(model, selected, locale_id):
    key = "number" if model._meta.model_name == "sustainabledevelopmentgoal" else "code"
    values = [getattr(item, key) for item in selected] if selected else []
    return list(model.objects.filter(locale_id=locale_id, **{f"{key}__in": values}))


# Longest text our forms accept, checked before anything reaches the database: model text
# columns have no limit of their own. A section of an initiative or of an application; a note,
# message or reason; an e-mail address (Django's EmailField column); a password.
LONG_TEXT_MAX_LENGTH = 20_000
TEXT_MAX_LENGTH = 5_000
EMAIL_MAX_LENGTH = 254
PASSWORD_MAX_LENGTH = 1_024


# My City: forms city members fill in on the public site.


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def text_to_html(text):
    """Plain text with blank lines between paragraphs → <p> elements (line breaks kept)."""
    paragraphs = [part.strip() for part in PARAGRAPH_BREAK.split(text.strip()) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line, quote=False) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def html_to_text(value):
    """The reverse of text_to_html, for editing rich text in a plain text box."""
    text = re.sub(r"<br\s*/?>", "\n", str(value or ""))
    text = re.sub(r"</(p|h[1-6]|li)>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(re.sub(r"\n{3,}", "\n\n", text)).strip()


def goal_choices(taxonomy):
    return [(str(n), f"{n}. {goal.short_title}") for n, goal in sorted(taxonomy.goals.items())]


class InitiativeSubmissionForm(forms.Form):
    """Every section of an initiative, as a city writes it in My City.

    Saving a draft needs only a title; submitting for moderation needs the summary, at least one
    theme and one goal. Relations are chosen by number and code, the same in every language.
    """

    language = forms.ChoiceField(
        label=_("Language of the initiative"),
        choices=settings.LANGUAGES,
        help_text=_("The initiative is created in this language; translators add the others."),
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("An introductory overview of the policy or initiative."),
    )
    background = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Background, challenges and objectives"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "The context of the city and the main challenges that led to the policy or "
            "initiative, and what it set out to achieve. Leave a blank line between paragraphs."
        ),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), widget=forms.CheckboxSelectMultiple, required=False
    )
    sdgs = forms.MultipleChoiceField(
        label=_("Sustainable Development Goals"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    targets = forms.MultipleChoiceField(
        label=_("SDG targets"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Optional: the targets of the chosen goals it addresses."),
    )
    actions = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Actions and implementation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "How it was implemented: the key stages and steps, and any community engagement."
        ),
    )
    impacts = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Impacts and replication"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "Its results, the conditions and factors of its success, and the risks others "
            "should consider before replicating it."
        ),
    )
    budget = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Budget and resources"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "The financing, data, human, technical and other resources mobilised, internal and "
            "external, and any coordination across departments."
        ),
    )
    start_year = forms.IntegerField(
        label=_("Start year"), min_value=1950, max_value=2100, required=False
    )
    end_year = forms.IntegerField(
        label=_("End year"), min_value=1950, max_value=2100, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=[])
    implementing_agencies = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Implementing agencies"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line."),
    )
    partners = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Partners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line."),
    )
    policy_url = forms.URLField(
        label=_("Link to the policy or initiative"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=200, required=False)
    contact_role = forms.CharField(label=_("Contact role"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Contact e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        required=False,
        help_text=_("Shown only to signed-in members."),
    )
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=50, required=False)
    image = BoundedImageField(
        label=_("Main image"),
        required=False,
        help_text=_("A photograph or illustration (JPEG, PNG, GIF or WebP)."),
    )
    image_alt = forms.CharField(
        label=_("Description of the image"),
        max_length=255,
        required=False,
        help_text=_("For people who cannot see it."),
    )
    documents = MultipleDocumentField(
        label=_("Documents"),
        required=False,
        help_text=_("Background papers, reports, plans."),
    )

    def __init__(self, *args, taxonomy, submitting=False, editing=False, **kwargs):
        # Here, not at the top: knowledge.models imports this module (the admin page form).
        from .models import InitiativeStatus

        super().__init__(*args, **kwargs)
        self.submitting = submitting
        if editing:
            del self.fields["language"]
        self.fields["themes"].choices = sorted(
            ((code, theme.title) for code, theme in taxonomy.themes.items()),
            key=lambda choice: choice[1].casefold(),
        )
        self.fields["sdgs"].choices = goal_choices(taxonomy)
        self.fields["targets"].choices = [
            (code, f"{code} {target.text[:90]}")
            for code, target in sorted(taxonomy.targets.items(), key=lambda t: t[1].sort_order)
        ]
        self.fields["status"].choices = InitiativeStatus.choices
        limit = filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
        self.fields["documents"].help_text = _(
            "Background papers, reports, plans: %(types)s, at most %(limit)s each."
        ) % {"types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS), "limit": limit}

    def clean(self):
        cleaned_data = super().clean()
        if self.submitting:
            for name in ("summary", "themes", "sdgs"):
                if not cleaned_data.get(name):
                    self.add_error(name, _("This field is required to submit for moderation."))
        start, end = cleaned_data.get("start_year"), cleaned_data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        goals = set(cleaned_data.get("sdgs") or [])
        stray = [
            code for code in cleaned_data.get("targets") or [] if code.split(".")[0] not in goals
        ]
        if stray:
            self.add_error(
                "targets",
                _("These targets belong to goals that are not selected: %(targets)s")
                % {"targets": ", ".join(stray)},
            )
        if cleaned_data.get("image") and not cleaned_data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned_data


class ApproveRegistrationForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=None,
        required=False,
        help_text=_("The city the member joins. Leave empty to create the city they named."),
    )
    region = forms.ChoiceField(
        label=_("Region of the new city"),
        choices=[("", "—")] + list(Region.choices),
        required=False,
    )

    def __init__(self, *args, registration, **kwargs):
        # Here, not at the top: knowledge.models imports this module (the admin page form).
        from .models import CityPage

        super().__init__(*args, **kwargs)
        self.registration = registration
        # One row per city: its row in the default language, or any row of a city that has none.
        default = CityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        self.fields["city"].queryset = CityPage.objects.filter(
            Q(pk__in=default.values("pk"))
            | ~Q(translation_key__in=default.values("translation_key"))
        ).order_by("title")
        if registration.city_id:
            # A registration made on a French page names the French row: the list shows the
            # city's row of the same translation group.
            rows = dict(
                self.fields["city"]
                .queryset.filter(translation_key=registration.city.translation_key)
                .values_list("locale__language_code", "pk")
            )
            self.fields["city"].initial = rows.get(settings.LANGUAGE_CODE) or rows.get(
                registration.city.locale.language_code, next(iter(rows.values()), None)
            )
        if registration.requested_region:
            self.fields["region"].initial = registration.requested_region

    def clean_city(self):
        city = self.cleaned_data.get("city")
        registered = self.registration.city
        if city is not None and registered is not None:
            if city.translation_key == registered.translation_key:
                return registered  # the member's city in the language they registered in
        return city

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("city"):
            if not self.registration.requested_city:
                self.add_error("city", _("Choose the city the member joins."))
            elif not cleaned_data.get("region"):
                self.add_error("region", _("Choose the region of the new city."))
        return cleaned_data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the person who asked."),
    )


class HandoverForm(forms.Form):
    member = forms.ModelChoiceField(label=_("New focal point"), queryset=None)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: (
            f"{m.user.get_full_name() or m.user.email} <{m.user.email}>"
        )
