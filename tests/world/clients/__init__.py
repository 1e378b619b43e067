"""Tests of GMCP payloads, their delivery, input functions and screen-reader helpers."""
