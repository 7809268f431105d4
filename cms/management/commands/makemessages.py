"""Django's makemessages, except that a new string starts untranslated instead of as a "fuzzy"
guess copied from a similar string (msgmerge's default), which translators could miss."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
