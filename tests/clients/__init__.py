"""Tests of the Mudlet package and what it is fed."""
