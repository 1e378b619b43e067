"""The dossier's text, from plain data: every section, markup shown as text, long lists cut."""

from world.gamemaster.dossier import (
    MAX_LISTED,
    AccountFacts,
    DeathFacts,
    Dossier,
    NinjaFacts,
    RaidFacts,
    TimelineFacts,
    render,
    safe,
    valid_name,
)

DAY = 86400.0
T0 = 1_750_000_000.0  # 2025-06-15 15:06 UTC
HOSTILE = "|rRed|n |lcquit|ltclick|le"


def _account(**changes):
    facts = {"id": 7, "name": "Ren", "created": T0, "last_login": T0 + DAY, "permissions": ("player",)}
    return AccountFacts(**(facts | changes))


def test_an_account_with_its_history_shows_every_section():
    dossier = Dossier(
        account=_account(online=1),
        ninja=(
            NinjaFacts(
                11, "Aki", "chuunin", False, 1, "Flanking Route", "was cut down by Kabuto", T0, T0 + DAY
            ),
            NinjaFacts(42, "Kaito", "genin", True, 2, "Briefing Room"),
        ),
        deaths=(DeathFacts(1, "Aki", "Aki was cut down by Kabuto.", "Flanking Route", T0 + DAY),),
        raids=(RaidFacts(3, 1, "Ambush on the flank", "success", "Aki", kills=4),),
        timelines=(
            TimelineFacts(1, "the Leaf fell (2025-06-20 00:00 UTC)", raids=1, deaths=1),
            TimelineFacts(2, current=True),
        ),
        memories={"death": 1, "raid": 1, "timeline": 1},
    )
    text = render(dossier)
    assert text.startswith("|wDossier of Ren|n (account #7)")
    assert "Created 2025-06-15 15:06 UTC   last login 2025-06-16 15:06 UTC" in text
    assert "Banned: no   Online: 1 session(s)" in text
    assert "Memories: 3 (1 death, 1 raid, 1 timeline)" in text
    lines = text.splitlines()
    kaito, aki = (next(i for i, line in enumerate(lines) if f" {name} " in line) for name in ("Kaito", "Aki"))
    assert kaito < aki, "the newest ninja comes first"
    assert "alive T2   now in Briefing Room" in lines[kaito]
    assert "dead" in lines[aki] and "T1   fell in Flanking Route" in lines[aki]
    assert "was cut down by Kabuto (2025-06-16 15:06 UTC)" in lines[aki + 1]
    assert "T1    Aki was cut down by Kabuto. [Flanking Route]" in text
    assert "#3     T1    Ambush on the flank" in text and "success   Aki" in text and "4 kills" in text
    assert "T1    the Leaf fell (2025-06-20 00:00 UTC)" in text
    assert "T2    running now" in text


def test_an_account_with_nothing_says_none_and_a_banned_one_says_so():
    text = render(Dossier(account=_account(last_login=None, permissions=(), superuser=True, banned=True)))
    assert "last login never" in text and "Permissions: none (superuser)" in text
    assert "Banned: |rYES|n   Online: no" in text
    assert text.count("  none") == 3  # ninja, deaths, raids
    assert "Memories: 0" in text


def test_markup_and_control_codes_from_players_are_shown_as_text():
    dossier = Dossier(
        account=_account(name=HOSTILE),
        ninja=(NinjaFacts(1, HOSTILE, "genin", False, 1, HOSTILE, HOSTILE),),
        deaths=(DeathFacts(1, HOSTILE, f"{HOSTILE}\x1b[31m fell."),),
        raids=(RaidFacts(1, 1, HOSTILE, "failure", HOSTILE, fell=True),),
    )
    text = render(dossier)
    for line in text.splitlines():
        # every '|' that came from a player is doubled: only our own |w, |n and |r remain single
        stripped = line.replace("||", "")
        for code in ("|w", "|n", "|r"):
            stripped = stripped.replace(code, "")
        assert "|" not in stripped, line
    assert "\x1b" not in text
    assert "||rRed||n" in text


def test_long_lists_are_cut_and_counted():
    ninja = tuple(NinjaFacts(i, f"N{i}", "genin", False, 1, "Gate", "fell") for i in range(MAX_LISTED + 5))
    text = render(Dossier(account=_account(), ninja=ninja))
    assert f"|wNinja|n ({MAX_LISTED + 5})" in text
    assert "... and 5 more" in text
    assert f" N{MAX_LISTED + 4} " in text and " N0 " not in text


def test_names_worth_looking_up():
    assert valid_name("Ren") and valid_name("a" * 80)
    assert not valid_name("") and not valid_name("a" * 81)
    assert not valid_name("Ren\x00") and not valid_name("\x1b[2J")
    assert safe("Kabuto|the|snake", width=8) == "Kabuto||~"
