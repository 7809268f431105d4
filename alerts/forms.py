"""Forms of saved searches: the listing's parameters are checked by knowledge.query.parameters."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from knowledge.query.parameters import FilterError

from .models import SavedSearch
from .searches import normalise

# The query string of a listing, with its keywords and every filter, is never longer.
MAX_QUERY_STRING = 4000


class RenameForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name"]
        labels = {"name": _("Name of the search")}


class SaveSearchForm(RenameForm):
    """A name, and the listing's query string (`query`), read as the listing reads it."""

    query = forms.CharField(required=False, max_length=MAX_QUERY_STRING, widget=forms.HiddenInput)

    def clean_query(self):
        try:
            return normalise(QueryDict(self.cleaned_data["query"]))
        except FilterError as error:
            raise forms.ValidationError(str(error), code="bad_parameter") from error
