"""Forms of the knowledge base's own views: My City's and the moderators' (the admin's page
form is knowledge.base.page_forms)."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField

from ..base.regions import Region
from ..models import CityPage, InitiativePage
from ..uploads.documents import MultipleDocumentField
from ..uploads.images import BoundedImageField
from .fields import MemberRichTextField, VideoURLField

# Longest text our forms accept, checked before anything reaches the database: model text
# columns have no limit of their own. A section of an initiative or of an application; a note,
# message or reason; an e-mail address (Django's EmailField column); a password.
LONG_TEXT_MAX_LENGTH = 20_000
TEXT_MAX_LENGTH = 5_000
EMAIL_MAX_LENGTH = 254
PASSWORD_MAX_LENGTH = 1_024


# My City: forms city members fill in on the public site.


def goal_choices(taxonomy):
    return [(str(n), f"{n}. {goal.short_title}") for n, goal in sorted(taxonomy.goals.items())]


def _model_label(name):
    return capfirst(InitiativePage._meta.get_field(name).verbose_name)


def _model_help(name):
    return InitiativePage._meta.get_field(name).help_text


RICH_TEXT_FIELDS = ("background", "actions", "impacts", "budget")


def _member_formfield(model_field, **kwargs):
    if isinstance(model_field, RichTextField):
        # Not RichTextField.formfield(): it makes the admin's editor, which needs Wagtail's hooks
        # loaded, and this module is imported while they load (knowledge.wagtail_hooks).
        return models.TextField.formfield(
            model_field, form_class=MemberRichTextField, features=model_field.features, **kwargs
        )
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


RICH_TEXT_HELP = _(
    "Bold (<b>), italic (<i>), links (<a href>), lists (<ul>, <ol>, <li>) and headings (<h3>) "
    "are kept; leave a blank line between paragraphs."
)


class InitiativeSubmissionForm(forms.ModelForm):
    """Every section of an initiative, as a city writes it in My City: made from the fields of
    InitiativePage (labels, help texts, lengths and validators are the model's, and its clean()
    checks the page).

    Saving a draft needs only a title; submitting for moderation needs the summary, at least one
    theme and one goal. Relations are chosen by number and code, the same in every language.
    The uploads and the video are not fields of the page: the view adds them to its media.
    """

    language = forms.ChoiceField(
        label=_("Language of the initiative"),
        choices=settings.LANGUAGES,
        help_text=_("The initiative is created in this language; translators add the others."),
    )
    themes = forms.MultipleChoiceField(
        label=_model_label("themes"),
        help_text=_model_help("themes"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdgs = forms.MultipleChoiceField(
        label=_model_label("sdgs"),
        help_text=_model_help("sdgs"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    targets = forms.MultipleChoiceField(
        label=_model_label("targets"),
        help_text=_model_help("targets"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    image = BoundedImageField(
        label=_model_label("image"),
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
    video = VideoURLField(
        label=_("Video"),
        required=False,
        help_text=_("The address of a video on YouTube, Vimeo or another video site."),
    )

    class Meta:
        model = InitiativePage
        fields = [
            "title",
            "summary",
            "background",
            "actions",
            "impacts",
            "budget",
            "start_year",
            "end_year",
            "status",
            "implementing_agencies",
            "partners",
            "policy_url",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
        ]
        formfield_callback = _member_formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "actions": forms.Textarea(attrs={"rows": 6}),
            "impacts": forms.Textarea(attrs={"rows": 6}),
            "budget": forms.Textarea(attrs={"rows": 4}),
            "implementing_agencies": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
        }

    # The page's own fields in their order, with the fields the view applies itself placed among
    # them: the language, the relations chosen by key, then the uploads and the video.
    field_order = [
        "language",
        *Meta.fields[:3],
        "themes",
        "sdgs",
        "targets",
        *Meta.fields[3:],
        "image",
        "image_alt",
        "documents",
        "video",
    ]

    def __init__(self, *args, taxonomy, submitting=False, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        if editing:
            del self.fields["language"]
        for name in RICH_TEXT_FIELDS:
            self.fields[name].help_text = format_lazy(
                "{} {}", self.fields[name].help_text, RICH_TEXT_HELP
            )
        self.fields["themes"].choices = sorted(
            ((code, theme.title) for code, theme in taxonomy.themes.items()),
            key=lambda choice: choice[1].casefold(),
        )
        self.fields["sdgs"].choices = goal_choices(taxonomy)
        self.fields["targets"].choices = [
            (code, f"{code} {target.text[:90]}")
            for code, target in sorted(taxonomy.targets.items(), key=lambda t: t[1].sort_order)
        ]
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

    def _get_validation_exclusions(self):
        # The page's own checks (InitiativePage.clean()) run on what was typed; its tree and
        # slug are set by the view once the form is valid.
        return super()._get_validation_exclusions() | {"slug", "path", "depth"}


class AttachedFilesForm(forms.Form):
    """The images and documents an initiative already has, each with a "Remove" box. A box of a
    file the draft no longer holds (a form sent twice) is ignored."""

    remove = forms.MultipleChoiceField(
        label=_("Remove"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, attached, **kwargs):
        super().__init__(*args, **kwargs)
        self.attached = attached
        self.fields["remove"].choices = [(item.key, item.title) for item in attached]

    def ticked(self):
        """The keys of the attached files whose box is ticked."""
        if not self.is_bound:
            return set()
        known = {item.key for item in self.attached}
        return set(self.data.getlist(self.add_prefix("remove"))) & known

    def rows(self):
        """(attached file, whether its box is ticked), for the template."""
        ticked = self.ticked()
        return [(item, item.key in ticked) for item in self.attached]


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
