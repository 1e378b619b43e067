"""Raid reports on the website: `/raids/` and one page per report (see `views`)."""
