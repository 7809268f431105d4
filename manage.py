#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # With no environment, manage.py runs the development settings on SQLite.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
