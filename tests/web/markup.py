"""
Hostile text for the markup-safety tests: HTML that would run, Evennia colour codes, and an
MXP tag. Every page and client must show each of these as the text it is.
"""

from html.parser import HTMLParser

SCRIPT = "<script>alert(1)</script>"
COLOUR = "|rred|n"
MXP = '<send href="x">click</send>'
HOSTILE = f"{SCRIPT} {COLOUR} {MXP}"


def element_attrs(html, tag, attribute):
    """
    Args:
        html (str): A page.
        tag (str): An element name.
        attribute (str): An attribute the elements must have.

    Returns:
        list of dict: The attributes of every such element, in page order.
    """
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, name, attrs):
            attrs = dict(attrs)
            if name == tag and attribute in attrs:
                found.append(attrs)

    Parser().feed(html)
    return found


def text_of(html):
    """The page's text as a browser shows it (tags dropped, entities decoded)."""
    chunks = []

    class Parser(HTMLParser):
        def handle_data(self, data):
            chunks.append(data)

    Parser(convert_charrefs=True).feed(html)
    return "".join(chunks)


def assert_shown_as_text(html):
    """
    The hostile text appears in the page's text, and no element it holds was made.

    Args:
        html (str): A page that shows HOSTILE somewhere.
    """
    assert HOSTILE in text_of(html)
    assert SCRIPT not in html and "<send" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
