"""
The data-file kit: how every pillar reads its content files.

Game content (the village, the war's tunables, techniques and foes, raid objectives, the
Second Chance's ritual) lives in YAML beside the rules that use it. Every loader reads its
files through this kit, so they all check fields the same way and all report a bad file the
same way: one `ContentError` that names the file and the key path of the first problem
("enemies.yaml: enemies.kabuto.health must be a whole number of at least 1 (got 'lots')").

- `errors.ContentError` is the one error class of bad content.
- `reader.read_file(path)` parses a YAML file into an `Entry`; `Entry` reads typed fields
  (numbers with bounds, texts, choices from an enum, flags, lists, counts) out of one
  mapping, and `sub()` / `each()` step into nested mappings while keeping the key path.

The kit is the lowest layer of the game: it knows YAML and nothing of ninja or wars.
"""
