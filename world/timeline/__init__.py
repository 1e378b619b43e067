"""The Second Chance (see the package modules)."""
