"""The chronicle of timelines on the website: `/chronicle/` and its JSON API (see `views`)."""
