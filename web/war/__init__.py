"""
The war on the website: what the game's web pages and JSON API show of it.

Web views run in a thread pool beside the game, so they read the war from its tables (never
from the running war service's memory, which the game thread changes) and hand changes to
the game thread (`web.mainthread`). `snapshot` reads, `svgmap` lays the zones out for the
map, `views` serves the `/war/` page and `/api/war/`.
"""
