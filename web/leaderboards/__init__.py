"""Leaderboards on the website: `/leaderboards/` and `/api/leaderboards/` (see `boards`, `views`)."""
