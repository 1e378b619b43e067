"""The webclient page carries the side panel and loads its plugin where it must be."""

import pytest

from tests.web.markup import element_attrs

pytestmark = pytest.mark.urls("web.urls")


def test_webclient_page_has_the_gauges_countdown_and_war_map(client, db):
    html = client.get("/webclient/").content.decode()
    gauges = element_attrs(html, "div", "data-gauge")
    assert [(g["id"], g["data-gauge"]) for g in gauges] == [("sc-health", "hp"), ("sc-chakra", "cp")]
    countdown = element_attrs(html, "section", "hidden")
    assert [section["id"] for section in countdown] == ["sc-countdown"]
    assert 'id="sc-warmap"' in html and "webclient/css/warpanel.css" in html


def test_panel_plugin_loads_before_evennias_default_output(client, db):
    # Evennia's default output plugin writes unknown OOB messages into the page as HTML; the
    # panel's plugin must see them first to show them as text.
    scripts = [
        attrs["src"] for attrs in element_attrs(client.get("/webclient/").content.decode(), "script", "src")
    ]
    panel = scripts.index("/static/webclient/js/plugins/warpanel.js")
    assert panel < scripts.index("/static/webclient/js/plugins/default_out.js")
    assert scripts.index("/static/webclient/js/webclient_gui.js") < panel
