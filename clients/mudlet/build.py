"""
Build the Mudlet package from its Lua sources.

Mudlet installs a package as an XML file of scripts, or as an `.mpackage` (a zip holding
that XML and `config.lua`). The sources live in `src/` as plain Lua, one script per file,
run in file-name order; this script wraps them into `SecondChances.xml` (kept in the
repository, so a player can install it straight from a checkout) and, on request, zips the
`.mpackage`. Output is byte-for-byte reproducible.

    python clients/mudlet/build.py                   # rewrite SecondChances.xml
    python clients/mudlet/build.py --check           # fail if SecondChances.xml is stale
    python clients/mudlet/build.py --mpackage DIR    # also write DIR/SecondChances.mpackage
"""

import argparse
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
CONFIG = HERE / "config.lua"

# A fixed timestamp for every zip entry, so two builds of the same sources are identical.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def package_name(config_text):
    """
    Args:
        config_text (str): The contents of config.lua.

    Returns:
        str: The package name it declares (`mpackage = [[Name]]`).
    """
    match = re.search(r"^mpackage\s*=\s*\[\[(.+?)\]\]", config_text, re.MULTILINE)
    if not match:
        raise ValueError("config.lua does not declare mpackage = [[Name]]")
    return match.group(1)


def scripts(src=SRC):
    """
    Returns:
        list: (name, Lua source) for each script, in the order Mudlet runs them.
    """
    return [(path.stem.split("_", 1)[-1], path.read_text()) for path in sorted(src.glob("*.lua"))]


def package_xml(name, items):
    """
    Args:
        name (str): The package name (the script folder Mudlet shows).
        items (list): (script name, Lua source) pairs.

    Returns:
        str: A Mudlet package XML document with one script folder holding the scripts.
    """
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!DOCTYPE MudletPackage>",
        '<MudletPackage version="1.001">',
        "\t<ScriptPackage>",
        '\t\t<ScriptGroup isActive="yes" isFolder="yes">',
        f"\t\t\t<name>{escape(name)}</name>",
        "\t\t\t<packageName></packageName>",
        "\t\t\t<script></script>",
        "\t\t\t<eventHandlerList />",
    ]
    for script_name, source in items:
        parts += [
            '\t\t\t<Script isActive="yes" isFolder="no">',
            f"\t\t\t\t<name>{escape(script_name)}</name>",
            "\t\t\t\t<packageName></packageName>",
            f"\t\t\t\t<script>{escape(source)}</script>",
            "\t\t\t\t<eventHandlerList />",
            "\t\t\t</Script>",
        ]
    parts += ["\t\t</ScriptGroup>", "\t</ScriptPackage>", "</MudletPackage>", ""]
    return "\n".join(parts)


def render():
    """
    Returns:
        tuple: (package name, config.lua text, package XML) from the sources.
    """
    config_text = CONFIG.read_text()
    name = package_name(config_text)
    return name, config_text, package_xml(name, scripts())


def write_xml():
    """
    Write `<name>.xml` beside this script.

    Returns:
        Path: The XML file.
    """
    name, _config, xml = render()
    path = HERE / f"{name}.xml"
    path.write_text(xml)
    return path


def write_mpackage(folder):
    """
    Zip config.lua and the package XML (from the sources) into `<folder>/<name>.mpackage`.

    Args:
        folder (Path): Where to write it; made if missing.

    Returns:
        Path: The .mpackage file.
    """
    name, config_text, xml = render()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.mpackage"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, text in (("config.lua", config_text), (f"{name}.xml", xml)):
            info = zipfile.ZipInfo(entry, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return path


def is_current():
    """
    Returns:
        bool: Whether the XML in the repository matches the sources.
    """
    name, _config, xml = render()
    path = HERE / f"{name}.xml"
    return path.exists() and path.read_text() == xml


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the XML is stale; write nothing")
    parser.add_argument("--mpackage", metavar="DIR", help="also write DIR/<name>.mpackage")
    args = parser.parse_args(argv)
    if args.check:
        if is_current():
            return 0
        print("the package XML is stale: run python clients/mudlet/build.py", file=sys.stderr)
        return 1
    print(write_xml())
    if args.mpackage:
        print(write_mpackage(args.mpackage))
    return 0


if __name__ == "__main__":
    sys.exit(main())
