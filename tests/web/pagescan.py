"""
Find what a served page refers to, and which of those references point to another site.

A page "refers to another site" when an attribute that makes the browser fetch or navigate
(`src`, `href`, `action`, ...), a CSS `url()` or `@import` (in a `style` attribute, a
`<style>` element or a stylesheet the page loads), or a quoted URL in a script names a host
other than the page's own or the loopback. Everything else (relative paths, `#anchors`,
`data:` and `blob:` URIs) stays on the game's own server.

Pure functions over text, so the scanner itself is tested on Evennia's stock templates.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Schemes that name no host: the browser fetches nothing from anywhere for them.
HOSTLESS_SCHEMES = frozenset({"data", "blob", "javascript", "about"})
# Attributes whose value is a URL the browser fetches or navigates to.
URL_ATTRIBUTES = frozenset(
    {"src", "href", "action", "formaction", "poster", "data", "background", "xlink:href"}
)

_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>.*?)(?P=q)\s*\)""", re.IGNORECASE | re.DOTALL)
# `@import "x.css"`; the `@import url(x.css)` form is found as a url().
_CSS_IMPORT = re.compile(r"""@import\s+(?P<q>["'])(?P<url>.*?)(?P=q)""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# A URL with a host, right after a quote: a string literal in a script (not a comment).
_SCRIPT_URL = re.compile(r"""["'`](?P<url>(?:[a-z][a-z0-9+.-]*:)?//[^/"'`\s]+)""", re.IGNORECASE)
# A URL with a scheme in an HTML comment (a commented-out tag still names its site).
_COMMENT_URL = re.compile(r"""[a-z][a-z0-9+.-]*://[^\s"'<>]+""", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One URL a page or stylesheet refers to, and where it was found (for messages)."""

    url: str
    where: str


def is_outside(url, own_host=None):
    """
    Args:
        url (str): A URL as written in a page or stylesheet.
        own_host (str, optional): The host the page was served from (its links to itself,
            such as the REST API's absolute links, are local).

    Returns:
        bool: True if following or fetching the URL would reach another host.
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in HOSTLESS_SCHEMES:
        return False
    if not parts.netloc and not url.startswith("//"):
        # a path, a query, an #anchor; or a scheme like mailto: that names a host anyway
        return bool(scheme)
    host = (parts.hostname or "").lower()
    return host not in LOCAL_HOSTS and host != (own_host or "").lower()


def css_references(css, where):
    """
    Args:
        css (str): A stylesheet, or the value of a `style` attribute.
        where (str): What it is (a file name, "style attribute of <div>").

    Returns:
        list of Reference: Every `url()` and `@import` in it, comments left out.
    """
    css = _CSS_COMMENT.sub("", css)
    found = [Reference(m.group("url"), where) for m in _CSS_URL.finditer(css)]
    found += [Reference(m.group("url"), where) for m in _CSS_IMPORT.finditer(css)]
    return found


def script_references(js, where):
    """
    Args:
        js (str): A script's source.
        where (str): What it is.

    Returns:
        list of Reference: URLs with a host written as string literals (comments that merely
            mention a URL are not quoted, so they are left out).
    """
    return [Reference(m.group("url"), where) for m in _SCRIPT_URL.finditer(js)]


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references = []
        self.stylesheets = []
        self.scripts = []
        self._in = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), value or "") for name, value in attrs]
        for name, value in attrs:
            where = f"{name} of <{tag}>"
            if name in URL_ATTRIBUTES:
                self.references.append(Reference(value, where))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.references.append(Reference(candidate.split()[0], where))
            elif name == "style":
                self.references += css_references(value, where)
        values = dict(attrs)
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split() and values.get("href"):
            self.stylesheets.append(values["href"])
        if tag == "script" and values.get("src"):
            self.scripts.append(values["src"])
        if tag in ("style", "script"):
            self._in, self._text = tag, []

    def handle_comment(self, data):
        self.references += [Reference(m.group(0), "HTML comment") for m in _COMMENT_URL.finditer(data)]

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._in:
            text = "".join(self._text)
            if tag == "style":
                self.references += css_references(text, "<style> element")
            else:
                self.references += script_references(text, "inline <script>")
            self._in = None


@dataclass
class Page:
    """What one HTML page refers to."""

    references: list
    stylesheets: list
    scripts: list


def scan_page(html):
    """
    Args:
        html (str): A served HTML page.

    Returns:
        Page: Its URL references (attributes, inline CSS, quoted URLs in inline scripts, URLs
            in comments) and the URLs of the stylesheets and scripts it loads.
    """
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return Page(parser.references, parser.stylesheets, parser.scripts)


def resolve(base_url, url):
    """
    Args:
        base_url (str): The URL (path) of the page or stylesheet the reference is in.
        url (str): The reference.

    Returns:
        str: The reference as an absolute path on the same server, without query or anchor.
    """
    return urlsplit(urljoin(base_url, url.strip())).path
