"""The player's ninja: factions, ranks and the stats each rank brings."""
