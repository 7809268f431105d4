"""Forms of the exchanges: opening one, writing a message, moving it on, notification settings."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.models import CityPage, InitiativePage
from knowledge.query.parameters import YEARS

from .models import Exchange, NotificationSettings


class OpenExchangeForm(forms.Form):
    city = forms.TypedChoiceField(label=_("City to exchange with"), coerce=int)
    initiative = forms.TypedChoiceField(
        label=_("About the initiative (optional)"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Kind of exchange"), choices=Exchange.Kind.choices)
    message = forms.CharField(
        label=_("Your first message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, membership, locale, **kwargs):
        super().__init__(*args, **kwargs)
        cities = (
            CityPage.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(translation_key=membership.city_key)
            .order_by("title")
        )
        self.cities = {city.pk: city for city in cities}
        self.fields["city"].choices = [("", "—")] + [
            (city.pk, city.title) for city in self.cities.values()
        ]
        # Initiatives of the member's city, or of any other city: what the exchange is about.
        initiatives = (
            InitiativePage.objects.live()
            .public()
            .filter(locale=locale)
            .select_related("city")
            .order_by("title")
        )
        self.initiatives = {page.pk: page for page in initiatives}
        self.fields["initiative"].choices = [("", "—")] + [
            (page.pk, f"{page.title} ({page.city.title})" if page.city else page.title)
            for page in self.initiatives.values()
        ]

    def clean(self):
        data = super().clean()
        city = self.cities.get(data.get("city"))
        initiative = (
            self.initiatives.get(data.get("initiative")) if data.get("initiative") else None
        )
        data["city_page"], data["initiative_page"] = city, initiative
        return data


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    language = forms.ChoiceField(label=_("Language you write in"), choices=settings.LANGUAGES)


class MoveForm(forms.Form):
    state = forms.ChoiceField(choices=Exchange.State.choices, widget=forms.HiddenInput)
    outcome = forms.CharField(
        label=_("What came of it"),
        help_text=_(
            "Shown on the initiative's page and in the API, in the language you write it in."
        ),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outcome_year = forms.IntegerField(
        label=_("Year of the outcome"), min_value=YEARS[0], max_value=YEARS[1], required=False
    )

    def __init__(self, *args, closing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if closing:
            self.fields["outcome"].required = True
            self.fields["outcome_year"].required = True
            self.fields["outcome_year"].initial = timezone.now().year
        else:
            del self.fields["outcome"]
            del self.fields["outcome_year"]


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = NotificationSettings.FIELDS


class OpenPartnerExchangeForm(forms.Form):
    """A city member writes to a partner organisation (the partner comes from the page)."""

    kind = forms.ChoiceField(label=_("Kind of exchange"), choices=Exchange.Kind.choices)
    message = forms.CharField(
        label=_("Your first message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class FollowCityForm(forms.Form):
    """A partner asks a city for consent to follow its exchanges."""

    city = forms.TypedChoiceField(label=_("City your organisation works with"), coerce=int)

    def __init__(self, *args, locale, exclude_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        cities = (
            CityPage.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(translation_key__in=list(exclude_keys))
            .order_by("title")
        )
        self.cities = {city.pk: city for city in cities}
        self.fields["city"].choices = [("", "—")] + [
            (city.pk, city.title) for city in self.cities.values()
        ]

    def clean(self):
        data = super().clean()
        data["city_page"] = self.cities.get(data.get("city"))
        return data
