"""The page scanner finds outside references: it flags what Evennia's stock files load from CDNs."""

from pathlib import Path
from urllib.parse import urlsplit

import evennia

from tests.web.pagescan import css_references, is_outside, scan_page, script_references

EVENNIA_WEB = Path(evennia.__file__).parent / "web"


def outside_hosts(references):
    return {urlsplit(ref.url).hostname for ref in references if is_outside(ref.url)}


def test_local_and_hostless_urls_are_not_outside():
    for url in (
        "/static/x.css",
        "x.css",
        "../fonts/a.woff",
        "#top",
        "?page=2",
        "",
        "data:image/png;base64,AA",
    ):
        assert not is_outside(url), url
    assert not is_outside("http://127.0.0.1:4001/webclient/")
    assert not is_outside("http://localhost/")
    assert not is_outside("http://testserver/api/", own_host="testserver")


def test_urls_naming_another_host_are_outside():
    for url in (
        "https://cdn.jsdelivr.net/x.css",
        "//code.jquery.com/jquery.js",
        "mailto:someone@example.org",
    ):
        assert is_outside(url), url
    assert is_outside("http://testserver/api/")


def test_css_urls_and_imports_are_found_outside_comments():
    css = """
    /* url(https://in.a.comment/x.png) */
    @import "https://fonts.example/a.css";
    @import url('//cdn.example/b.css');
    .a { background: url( "data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'/%3e" ) }
    .b { background: url(../images/c.png) }
    """
    urls = [ref.url for ref in css_references(css, "test")]
    assert urls == [
        "//cdn.example/b.css",
        "data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'/%3e",
        "../images/c.png",
        "https://fonts.example/a.css",
    ]


def test_stock_webclient_template_loads_from_five_outside_sites():
    page = scan_page((EVENNIA_WEB / "templates" / "webclient" / "base.html").read_text())
    assert outside_hosts(page.references) >= {
        "maxcdn.bootstrapcdn.com",
        "code.jquery.com",
        "golden-layout.com",
        "cdn.rawgit.com",
        "cdnjs.cloudflare.com",
    }


def test_stock_website_template_loads_bootstrap_from_jsdelivr():
    page = scan_page((EVENNIA_WEB / "templates" / "website" / "base.html").read_text())
    assert "cdn.jsdelivr.net" in outside_hosts(page.references)
    assert any("jsdelivr" in href for href in page.stylesheets)


def test_inline_styles_and_scripts_are_scanned():
    page = scan_page(
        """<div style="background: url('https://img.example/a.png')"></div>
        <style>@import "//fonts.example/f.css";</style>
        <script>// see https://docs.example/ for why
        var font = 'https://fonts.example/css';</script>"""
    )
    assert outside_hosts(page.references) == {"img.example", "fonts.example"}


def test_stock_font_plugin_fetches_google_fonts():
    js = (EVENNIA_WEB / "static" / "webclient" / "js" / "plugins" / "font.js").read_text()
    assert "fonts.googleapis.com" in outside_hosts(script_references(js, "font.js"))
