"""
Operations: `announce` reaches every session, is audited and shows markup as text; `dossier`
gives an admin a player's ninja, deaths, raids and timelines; and Evennia's own `boot`, `ban`,
`unban` and `channel/mute`, taken from our live command sets, still do their work, with a
banned account or address refused by our login path.
"""

import secrets
from unittest.mock import Mock, patch

import evennia
from django.conf import settings
from evennia.accounts import accounts as evennia_accounts
from evennia.server.serversession import ServerSession
from evennia.utils.create import create_channel, create_object
from evennia.utils.test_resources import EvenniaCommandTest
from evennia.utils.utils import class_from_module
from twisted.internet import defer

from commands.operations import MAX_ANNOUNCE, CmdAnnounce, CmdBan, CmdDossier
from server import passwords
from server.throttles import ExemptingThrottle
from world.gamemaster.models import AuditEntry
from world.ninja.death import kill
from world.raids.models import RaidReport
from world.timeline.models import ChronicleEntry

PLAYER_PASSWORD = "testpassword"  # Evennia's test accounts'
OUTSIDER = "203.0.113.9"


def live(cmdset_path, key):
    """A fresh instance of the command of that key in one of our live command sets."""
    command = class_from_module(cmdset_path)().get(key)
    assert command is not None, f"{key} is missing from {cmdset_path}"
    return type(command)()


def run_now(func, *args):
    return defer.succeed(func(*args))


def login(name, ip=OUTSIDER):
    """Our login path's answer: (account or None, errors)."""
    out = []
    passwords.authenticate(evennia_accounts.DefaultAccount, name, PLAYER_PASSWORD, ip=ip).addBoth(out.append)
    return out[0]


class OperationsTest(EvenniaCommandTest):
    def setUp(self):
        super().setUp()
        self.extra = []

    def tearDown(self):
        for session in self.extra:
            evennia.SESSION_HANDLER.pop(session.sessid, None)
        super().tearDown()

    def connect(self, protocol, account=None):
        """Another session, logged in to `account` if given, as the portal would open it."""
        handler = evennia.SESSION_HANDLER
        dummy = ServerSession()
        dummy.init_session(protocol, ("127.0.0.1", 0), handler)
        dummy.sessid = 100 + len(self.extra)
        handler.portal_connect(dummy.get_sync_data())
        session = handler.session_from_sessid(dummy.sessid)
        if account is not None:
            handler.login(session, account, testmode=True)
        self.extra.append(session)
        return session

    def sent_to(self, session):
        return [
            call.kwargs.get("text")
            for call in evennia.SESSION_HANDLER.data_out.call_args_list
            if call.args and call.args[0] is session and call.kwargs.get("text")
        ]


class TestAnnounce(OperationsTest):
    def test_reaches_every_session_and_is_audited(self):
        sessions = [self.session, self.connect("websocket", self.account2), self.connect("telnet")]
        evennia.SESSION_HANDLER.data_out.reset_mock()
        out = self.call(CmdAnnounce(), "The Sound is at the gate!", caller=self.account)
        assert out == f"Announced to {len(evennia.SESSION_HANDLER)} session(s)."
        for session in sessions:
            assert self.sent_to(session) == ["|y[Hokage's office]|n The Sound is at the gate!"], session
        entry = AuditEntry.objects.get(action="announce")
        assert entry.actor == self.account.key and entry.target == "everyone"
        assert entry.after["text"] == "The Sound is at the gate!"

    def test_markup_is_shown_as_text_and_control_codes_dropped(self):
        evennia.SESSION_HANDLER.data_out.reset_mock()
        self.call(CmdAnnounce(), "|rRed|n |lcquit|ltclick|le \x1b[2J{braces}", caller=self.account)
        (text,) = self.sent_to(self.session)
        assert text == "|y[Hokage's office]|n ||rRed||n ||lcquit||ltclick||le [2J{braces}"

    def test_empty_and_overlong_text_get_short_answers_and_nothing_is_sent(self):
        evennia.SESSION_HANDLER.data_out.reset_mock()
        assert self.call(CmdAnnounce(), "  ", caller=self.account) == "Usage: announce <text>"
        out = self.call(CmdAnnounce(), "x" * (MAX_ANNOUNCE + 1), caller=self.account)
        assert out == f"An announcement is at most {MAX_ANNOUNCE} characters; yours has {MAX_ANNOUNCE + 1}."
        assert not self.sent_to(self.session) and not AuditEntry.objects.filter(action="announce").exists()

    def test_builders_may_announce_and_only_admins_read_dossiers(self):
        self.account2.permissions.add("Builder")
        assert CmdAnnounce().access(self.account2, "cmd")
        assert not CmdDossier().access(self.account2, "cmd")
        self.account2.permissions.remove("Builder")
        assert not CmdAnnounce().access(self.account2, "cmd")
        self.account2.permissions.add("Admin")
        assert CmdDossier().access(self.account2, "cmd")


class TestDossier(OperationsTest):
    def setUp(self):
        super().setUp()
        self.char2.attributes.add("account_id", self.account2.id)
        self.fallen = create_object(settings.BASE_CHARACTER_TYPECLASS, key="Aki", location=self.room1)
        self.fallen.attributes.add("account_id", self.account2.id)
        self.fallen.attributes.add("rank", "chuunin")
        kill(self.fallen, "was cut down by Kabuto", 1, now=1_750_000_000.0)
        RaidReport.objects.create(
            raid_id=5,
            timeline=1,
            seed="t1/5",
            zone="flank_route",
            title="Ambush on the flank",
            result="failure",
            leader="Aki",
            team=["Aki", "Someone"],
            started_at=1_749_999_000.0,
            ended_at=1_750_000_000.0,
            data={
                "kills": [{"player": "Aki"}, {"player": "Aki"}, {"player": "Someone"}],
                "fallen": [{"player": "Aki"}],
            },
        )
        ChronicleEntry.objects.create(
            timeline=1,
            epoch="present",
            started_at=1_749_000_000.0,
            ended_at=self.account2.date_created.timestamp() + 60,
            cause="fall",
            ending="The Leaf fell.",
            start_year=9.0,
            end_year=10.0,
            fell=True,
        )

    def test_shows_the_ninja_the_death_the_raid_and_the_timelines(self):
        for name in ("TestAccount2", "aki", "Char2"):
            out = self.call(CmdDossier(), name, caller=self.account)
            assert out.startswith(f"Dossier of TestAccount2 (account #{self.account2.id})"), name
        assert "Ninja (2)" in out
        assert "Char2" in out and "alive" in out and "now in Room" in out
        assert "Aki" in out and "chuunin  dead" in out and "was cut down by Kabuto" in out
        assert "Deaths (1)\n  T1    Aki was cut down by Kabuto." in out
        assert "#5     T1    Ambush on the flank" in out and "2 kills  fell" in out
        assert "T1    the Leaf fell" in out and "raids   1  deaths  1" in out
        assert "Memories: 1 (1 death)" in out

    def test_unknown_and_absurd_names_get_short_answers(self):
        assert (
            self.call(CmdDossier(), "Nobody", caller=self.account)
            == "No account or ninja is called 'Nobody'."
        )
        assert self.call(CmdDossier(), "", caller=self.account) == "Usage: dossier <account or ninja name>"
        for absurd in ("x" * 5000, "Aki\x00\x1b[2J", "\x00" * 5000):
            out = self.call(CmdDossier(), absurd, caller=self.account)
            assert out.startswith("That is not a name"), absurd
        assert (
            self.call(CmdDossier(), "|rAki", caller=self.account) == "No account or ninja is called '|rAki'."
        )


class TestStockAdminCommands(OperationsTest):
    """
    Evennia's `boot`, `ban`, `unban` and `channel/mute`, from our command sets. Evennia keeps
    the first three in the character's set: a game master uses them in character.
    """

    def setUp(self):
        super().setUp()
        throttle = ExemptingThrottle(name=f"test-login-{secrets.token_hex(4)}", limit=50, timeout=60)
        for patcher in (
            patch.object(passwords, "in_pool", run_now),
            patch.object(evennia_accounts, "LOGIN_THROTTLE", throttle),
        ):
            patcher.start()
            self.addCleanup(patcher.stop)

    def test_boot_disconnects_the_target_session(self):
        target = self.connect("telnet", self.account2)
        evennia.SESSION_HANDLER.disconnect.reset_mock()
        self.call(live(settings.CMDSET_CHARACTER, "boot"), "TestAccount2 : spamming")
        evennia.SESSION_HANDLER.disconnect.assert_called_once()
        assert evennia.SESSION_HANDLER.disconnect.call_args.args[0] is target
        assert "Reason given: spamming" in self.sent_to(target)[-1]

    def test_a_banned_name_is_refused_at_login_until_unbanned(self):
        assert login("TestAccount2") == (self.account2, [])
        out = self.call(live(settings.CMDSET_CHARACTER, "ban"), "TestAccount2", inputs=["y"])
        assert "Name-ban 'testaccount2' was added" in out
        assert login("TestAccount2") == (None, [passwords.BANNED])
        out = self.call(live(settings.CMDSET_CHARACTER, "unban"), "1", inputs=["y"])
        assert "Cleared ban 1: 'testaccount2'" in out
        assert login("TestAccount2") == (self.account2, [])

    def test_a_ban_with_a_reason_holds_where_the_stock_one_does_nothing(self):
        stock = type(
            class_from_module("evennia.commands.default.cmdset_character.CharacterCmdSet")().get("ban")
        )
        self.call(stock(), "TestAccount2 : spam", inputs=["y"])
        assert login("TestAccount2") == (self.account2, []), "stock Evennia stored 'testaccount2 '"
        out = self.call(CmdBan(), "TestAccount2 : spam", inputs=["y"])
        assert "Name-ban 'testaccount2' was added" in out
        assert login("TestAccount2") == (None, [passwords.BANNED])

    def test_a_banned_address_is_refused_at_login(self):
        self.call(live(settings.CMDSET_CHARACTER, "ban"), "203.0.113.*", inputs=["y"])
        assert login("TestAccount2", ip=OUTSIDER) == (None, [passwords.BANNED])
        assert login("TestAccount2", ip="198.51.100.7") == (self.account2, [])

    def test_a_muted_channel_no_longer_reaches_the_account(self):
        channel = create_channel("Ops", locks="listen:all();send:all();control:perm(Admin)")
        channel.connect(self.account)
        channel.connect(self.account2)
        out = self.call(
            live(settings.CMDSET_ACCOUNT, "@channel"), "/mute Ops", caller=self.account2, cmdstring="channel"
        )
        assert out == "Muted channel Ops."
        with (
            patch.object(self.account, "msg", Mock()) as heard,
            patch.object(self.account2, "msg", Mock()) as muted,
        ):
            channel.msg("The gate holds.")
        assert any("The gate holds." in str(call) for call in heard.call_args_list)
        assert not muted.called
