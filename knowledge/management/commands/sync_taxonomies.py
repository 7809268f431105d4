"""Bring the SDGs and targets in line with knowledge/data, and add missing seed themes."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale

from knowledge.models import SDGTarget, SustainableDevelopmentGoal, Theme
from knowledge.taxonomy.data import sync_taxonomies


class Command(BaseCommand):
    help = "Load the official SDG and target texts and the seed themes in every language."

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        with transaction.atomic():
            created = sync_taxonomies(
                Locale, SustainableDevelopmentGoal, SDGTarget, Theme, languages
            )
        self.stdout.write(f"Taxonomies are up to date ({created} rows created).")
