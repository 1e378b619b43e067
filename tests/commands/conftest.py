"""Command tests compare what a command sends; the prompt that follows every command is
tested on its own (marker `with_prompt`) and kept out of the others' output."""

import pytest


@pytest.fixture(autouse=True)
def _no_prompt(request, monkeypatch):
    if request.node.get_closest_marker("with_prompt") is None:
        monkeypatch.setattr("commands.command.MuxCommand.at_post_cmd", lambda self: None)
