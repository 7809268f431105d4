"""Forms of accounts: sign-in, registration, confirmation, password reset, e-mail change.

User names are e-mail addresses, so an address is at most as long as a user name may be. The
public forms that send e-mail carry the honeypot and the signed time stamp of every public form
(knowledge.base.spam); their views also limit how often they send (spam.mail_flood).
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField as CountryModelField

from ..base.regions import Region
from ..base.spam import BotTrapForm
from .forms import EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, TEXT_MAX_LENGTH

# A user name is an e-mail address: the shorter of the two columns bounds both.
USERNAME_MAX_LENGTH = min(get_user_model()._meta.get_field("username").max_length, EMAIL_MAX_LENGTH)
BOT_TRAP_FIELDS = ["website", "stamp"]


class LoginForm(auth_forms.AuthenticationForm):
    """Django's sign-in form with the lengths checked before authenticating.

    Django only sets the input's maxlength attribute; a longer name went on to authenticate()
    and to django-axes, whose column refuses it on PostgreSQL.
    """

    username = auth_forms.UsernameField(
        max_length=USERNAME_MAX_LENGTH, widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RegistrationForm(BotTrapForm):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=USERNAME_MAX_LENGTH)
    password = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(render_value=False),
        strip=False,
    )
    city = forms.ChoiceField(
        label=_("City"),
        required=False,
        help_text=_("Choose your city, or name it below if it is not on the platform yet."),
    )
    requested_city = forms.CharField(
        label=_("City not on the platform yet"), max_length=200, required=False
    )
    requested_country = CountryModelField(blank=True).formfield(
        label=_("Country of that city"), required=False
    )
    requested_region = forms.ChoiceField(
        label=_("Region of that city"),
        choices=[("", "—")] + list(Region.choices),
        required=False,
    )
    position = forms.CharField(label=_("Position"), max_length=200)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The city government or agency you work for."),
    )
    motivation = forms.CharField(
        label=_("Why you join"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Recorded with the version of the notice (Registration.privacy_notice_version).
    privacy = forms.BooleanField(
        label=_(
            "I agree that the platform keeps the details above to review my request and run my "
            "account, as its privacy notice describes."
        ),
        error_messages={"required": _("Agree to the privacy notice to join.")},
    )

    field_order = [
        "name",
        "email",
        "password",
        "city",
        "requested_city",
        "requested_country",
        "requested_region",
        "position",
        "organisation",
        "motivation",
        "privacy",
        *BOT_TRAP_FIELDS,
    ]

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", "—")] + [(str(c.pk), c.title) for c in cities]
        self.cities = {str(c.pk): c for c in cities}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This e-mail address has an account already: sign in or reset the password.")
            )
        return email

    def clean(self):
        cleaned_data = super().clean()
        city = cleaned_data.get("city")
        requested = cleaned_data.get("requested_city")
        if not city and not requested:
            self.add_error("city", _("Choose your city or name a city that is not listed."))
        if requested and not city:
            if not cleaned_data.get("requested_country"):
                self.add_error("requested_country", _("Give the country of the new city."))
        password = cleaned_data.get("password")
        if password:
            user = get_user_model()(
                username=cleaned_data.get("email", ""), email=cleaned_data.get("email", "")
            )
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        cleaned_data["city_page"] = self.cities.get(city) if city else None
        return cleaned_data


class ResendConfirmationForm(BotTrapForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=USERNAME_MAX_LENGTH,
        help_text=_("The address you registered with."),
    )

    field_order = ["email", *BOT_TRAP_FIELDS]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PasswordResetForm(BotTrapForm, auth_forms.PasswordResetForm):
    field_order = ["email", *BOT_TRAP_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].max_length = USERNAME_MAX_LENGTH
        self.fields["email"].validators.append(MaxLengthValidator(USERNAME_MAX_LENGTH))


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New e-mail address"), max_length=USERNAME_MAX_LENGTH)
    password = forms.CharField(
        label=_("Your password"),
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput,
        strip=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("Another account uses this e-mail address."))
        return email
