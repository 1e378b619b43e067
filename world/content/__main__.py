"""`python -m world.content [--json]`: the content report (world/content/report.py)."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.conf.settings")
django.setup()  # some pillars' loaders sit beside their Django models

from world.content.report import main  # noqa: E402 - after Django is set up

sys.exit(main())
