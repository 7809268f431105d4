"""Demo saved search: the Dar es Salaam member (who reads French) follows transport in Africa."""

from django.contrib.auth import get_user_model
from django.http import QueryDict

from alerts.models import SavedSearch
from alerts.searches import normalise

SAVED_SEARCHES = [
    {
        "username": "daressalaam.member",
        "name": "Transports en Afrique",
        "language": "fr",
        "query": "region=africa&theme=transport",
    },
]


def load(log):
    """Returns how many saved searches were created (none on a second run)."""
    created = 0
    for spec in SAVED_SEARCHES:
        user = get_user_model().objects.get(username=spec["username"])
        _search, new = SavedSearch.objects.get_or_create(
            user=user,
            name=spec["name"],
            defaults={
                "language": spec["language"],
                "parameters": normalise(QueryDict(spec["query"])),
            },
        )
        if new:
            log(f"Saved search “{spec['name']}” of {spec['username']}")
            created += 1
    return created
