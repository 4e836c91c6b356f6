"""The application context handed to every command; tests build their own and pass it as `obj`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from hikicli.errors import HikiError, Msg, NeedsTerminal, UsageError
from hikicli.storage.crypto import PASSPHRASE_ENV, KeyRing
from hikicli.storage.log import EventLog, now_local
from hikicli.storage.paths import Paths
from hikicli.storage.settings import Settings

if TYPE_CHECKING:
    from hikicli.content.catalog import Catalog
    from hikicli.content.risk_content import RiskContent
    from hikicli.domain.content_types import CatalogContent
    from hikicli.domain.crisis import CountryChoice
    from hikicli.domain.language import LanguageChoice
    from hikicli.prompting import Prompter
    from hikicli.services.risk import RiskSession


def tty_password(message: str) -> str | None:
    """The passphrase typed at the controlling terminal (/dev/tty), without echo; None when
    there is none (a cron job, a service). Ctrl-D is a cancel."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0)))
    except OSError:
        return None
    import getpass

    from hikicli.errors import Cancelled

    try:
        return getpass.getpass(message.rstrip() + " ")
    except EOFError:
        raise Cancelled("") from None


def check_profile(name: str) -> str:
    """A profile name is a folder name: refuse anything else (e.g. '../x') with a clear message."""
    from hikicli.errors import UsageError
    from hikicli.storage.paths import valid_profile

    if not valid_profile(name):
        raise UsageError("privacy.profile_name", name=name)
    return name


@dataclass
class AppContext:
    paths: Paths
    prompter: Prompter | None = None
    clock: Callable[[], dt.datetime] = now_local
    interactive: bool | None = None
    _catalog: Catalog | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)
    _keys: KeyRing | None = field(default=None, repr=False)
    _log: EventLog | None = field(default=None, repr=False)
    _risk: RiskSession | None = field(default=None, repr=False)
    _risk_content: RiskContent | None = field(default=None, repr=False)
    _language: LanguageChoice | None = field(default=None, repr=False)
    country_flag: str | None = None  # `--country` of this command, when it has one
    _household_country: str | None = field(default=None, repr=False)  # read once a command

    @classmethod
    def default(cls, profile: str | None = None) -> AppContext:
        name = profile or os.environ.get("HIKI_PROFILE") or "default"
        return cls(Paths.resolve(profile=check_profile(name)))

    @classmethod
    def without_private_data(cls) -> AppContext:
        """A context whose data folder cannot exist (it lies below /dev/null): for crisis help
        when the profile is unusable. Settings and the log then read as missing, never as
        someone else's."""
        paths = Paths.resolve(root=os.devnull)
        return cls(paths, _settings=Settings.none_read(paths.config_file))

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings(self.paths.config_file)
        return self._settings

    @property
    def keys(self) -> KeyRing:
        """Unlocks an encrypted log; the passphrase is asked at most once per command."""
        if self._keys is None:
            self._keys = KeyRing(self.ask_passphrase)
        return self._keys

    @property
    def log(self) -> EventLog:
        # One log object per command, so what it did (e.g. a quarantined line) can be reported.
        if self._log is None or self._log.paths != self.paths:
            self._log = EventLog(self.paths, self.keys)
        return self._log

    def can_read_log_without_asking(self) -> bool:
        """True when reading the log cannot stop at a passphrase prompt: it is plaintext,
        HIKI_PASSPHRASE is set, or it was unlocked already. `hiki crisis` reads the log (for the
        safety plan) only then: nothing may stand before the crisis lines."""
        header = self.log.header()
        return header is None or bool(os.environ.get(PASSPHRASE_ENV)) or self.keys.has(header)

    def ask_passphrase(
        self,
        key: str = "passphrase",
        message: str | None = None,
        again: str | None = None,
        no_terminal: Msg | None = None,
    ) -> str:
        """The passphrase from HIKI_PASSPHRASE, else asked through the Prompter (never echoed).

        The KeyRing calls this again after a wrong passphrase (up to three tries): a person gets
        a calm line and another try, asked as `passphrase.2`, `passphrase.3`; a wrong
        HIKI_PASSPHRASE stops at once, since nobody is there to type another. `message`,
        `again` (with {attempt} {tries}) and `no_terminal` word it for another file than this
        profile's data (ask_export_passphrase)."""
        from hikicli.storage.crypto import MAX_TRIES, WrongPassphrase

        wrong = self._keys.wrong_tries if self._keys is not None else 0
        env = os.environ.get(PASSPHRASE_ENV)
        if env:
            if wrong:
                raise WrongPassphrase("privacy.env_wrong", env=PASSPHRASE_ENV)
            try:
                env.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError("privacy.env_not_utf8", env=PASSPHRASE_ENV) from None
            return env
        if self.prompter is None and not self.is_interactive():
            # `hiki data export > file`, `hiki history | less`: stdout is not a terminal, but a
            # person is at one. The passphrase is asked there (never echoed), as ssh and gpg do.
            # Not when a test (or a caller) said there is no terminal (interactive=False).
            if self.interactive is None:
                texts = self.catalog["privacy"]
                said = (again or texts["passphrase_again"]).format(
                    attempt=wrong + 1, tries=MAX_TRIES
                )
                typed = tty_password(
                    (said + "\n" if wrong else "") + (message or texts["passphrase_prompt"])
                )
                if typed is not None:
                    return typed
            raise UsageError(
                no_terminal or Msg("privacy.encrypted_no_terminal", env=PASSPHRASE_ENV)
            )
        prompter = self.get_prompter(f"{PASSPHRASE_ENV}=...")
        texts = self.catalog["privacy"]
        if wrong:
            said = again or texts["passphrase_again"]
            prompter.say(said.format(attempt=wrong + 1, tries=MAX_TRIES))
            key = f"{key}.{wrong + 1}"
        return prompter.password(key, message or texts["passphrase_prompt"])

    def ask_export_passphrase(self, path: Path) -> str:
        """The passphrase of the sealed export at `path` (`hiki data import`), asked in words
        that name the export, so it is never mistaken for the profile's own passphrase."""
        texts = self.catalog["privacy"]
        shown = "".join(c if c.isprintable() else "?" for c in str(path))
        return self.ask_passphrase(
            "export_passphrase",
            texts["export_passphrase_prompt"].format(file=shown),
            again=texts["export_passphrase_again"],
            no_terminal=Msg("data.sealed_no_terminal", path=shown, env=PASSPHRASE_ENV),
        )

    def new_passphrase(
        self, env: str, intro: Literal["encrypt_intro", "export_intro"] | None = None
    ) -> str:
        """A new passphrase: from `env` for scripts, else asked twice without echo (through the
        Prompter, or at the terminal when only stdout is redirected: `export --encrypt > f`),
        after `intro` (a key of privacy.yaml)."""
        from hikicli.storage.crypto import check_new_passphrase

        from_env = os.environ.get(env)
        if from_env:
            return check_new_passphrase(from_env)
        texts = self.catalog["privacy"]
        if self.prompter is None and not self.is_interactive():
            if self.interactive is None:
                first = tty_password(
                    (texts[intro].rstrip() + "\n" if intro else "") + texts["new_passphrase"]
                )
                if first is not None:
                    check_new_passphrase(first)
                    if tty_password(texts["new_passphrase_again"]) != first:
                        raise UsageError(texts["passphrase_mismatch"])
                    return first
            raise UsageError("privacy.no_terminal", env=env)
        prompter = self.get_prompter(f"{env}=...")
        if intro:
            prompter.say(texts[intro])
        first = check_new_passphrase(prompter.password("new_passphrase", texts["new_passphrase"]))
        again = prompter.password("new_passphrase_again", texts["new_passphrase_again"])
        if first != again:
            raise UsageError(texts["passphrase_mismatch"])
        return first

    def language(self) -> str:
        return self.language_choice().code

    def language_choice(self) -> LanguageChoice:
        """HIKI_LANG, else the setting, else the locale, else English. Never raises."""
        from hikicli.domain.language import choose_language

        if self._language is None:
            try:
                # Only a language the person set counts; unset, HIKI_LANG or the locale decides.
                explicit = self.settings.explicit().get("language")
                setting = str(self.settings.get("language")) if explicit else ""
            except Exception:  # unreadable settings must never stop content (crisis help) loading
                setting = ""
            self._language = choose_language(setting)
            from hikicli.cli.render import use_language

            use_language(self._language.code)  # the chrome (bullets, boxes) follows the words
        return self._language

    @property
    def catalog(self) -> CatalogContent:
        """The content in this person's language, typed (hikicli.domain.content_types)."""
        if self._catalog is None:
            from hikicli.content.catalog import load_catalog

            self._catalog = load_catalog(self.language(), self.paths.cache_dir)
        return self._catalog.typed()

    @property
    def risk_content(self) -> RiskContent:
        """Crisis lines and the risk words, loaded apart from the catalog (never raises)."""
        if self._risk_content is None:
            from dataclasses import replace

            from hikicli.content.risk_content import load_risk_content
            from hikicli.domain.family import fill_hiki

            content = load_risk_content(self.language())
            # `{hiki}` in a hint names this profile ("hiki --profile mum"): its plan, its country
            self._risk_content = replace(content, risk=fill_hiki(content.risk, self.paths.profile))
        return self._risk_content

    def country_choice(self, flag: str | None = None) -> CountryChoice:
        """The flag, else the setting, else the locale's guess, else none. Never raises: a
        broken settings file is said on stderr and the locale is used."""
        from hikicli.domain.crisis import resolve_country

        setting = ""
        flag = flag or self.country_flag
        try:
            setting = str(self.settings.get("country") or "")
            if not setting and not flag and self.paths.profile != "default":
                # A family member's profile lives in the same home: the country set in the
                # person's profile (a setting, nothing private) is the household's.
                if self._household_country is None:
                    from dataclasses import replace

                    household = Settings(replace(self.paths, profile="default").config_file)
                    self._household_country = str(household.get("country") or "")
                setting = self._household_country
        except Exception as err:  # a broken settings file must never hide crisis help
            if not flag:
                from hikicli.content.messages import text

                lang = self.language()
                said = err.message(lang) if isinstance(err, HikiError) else str(err)
                sys.stderr.write(text(lang, "outcome.note_locale", problem=said) + "\n")
        return resolve_country(flag, setting, language=self.language())

    @property
    def risk_active(self) -> bool:
        """Was a risk moment shown in this command? (Never loads the risk words to find out.)"""
        return self._risk is not None and self._risk.active

    @property
    def risk(self) -> RiskSession:
        """This command's risk session: every risk moment goes through it (services/risk)."""
        if self._risk is None:
            from hikicli.services.risk import RiskSession

            self._risk = RiskSession(
                content=self.risk_content,
                country=self.country_choice(),
                clock=self.clock,
                save=lambda kind, data: self.log.append(kind, data, now=self.now()),
                plan_state=self._plan_state,
            )
        return self._risk

    def _plan_state(self) -> Any:
        from hikicli.services.safety_plan_state import plan_state

        state = plan_state(self)[0]
        return "unknown" if state == "locked" else state

    def is_interactive(self) -> bool:
        if self.interactive is not None:
            return self.interactive
        return sys.stdin.isatty() and sys.stdout.isatty()

    def get_prompter(self, flags_hint: str) -> Prompter:
        """The prompter, or a clear error naming the flags when there is no terminal."""
        if self.prompter is not None:
            return self.prompter
        if not self.is_interactive():
            raise NeedsTerminal("outcome.needs_terminal", flags=flags_hint)
        from hikicli.cli.plain import fit_question
        from hikicli.cli.plain_layout import show_text
        from hikicli.prompting import QuestionaryPrompter

        try:
            prompts = self.catalog["ui"]["prompts"]
            texts = {k: v for k, v in prompts.items() if isinstance(v, str)}  # None: English
        except Exception:  # the questions' machinery words must never stop a question
            texts = {}
        self.prompter = QuestionaryPrompter(show=show_text, texts=texts, fit=fit_question)
        return self.prompter
