"""What a service needs from the running command: the profile's paths, log and settings, the
catalog, the risk words and the clock. `cli.context.AppContext` is one; a test can pass its own.

A Protocol, so services depend on these few members and never on the cli package.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from hikicli.content.risk_content import RiskContent
    from hikicli.domain.content_types import CatalogContent
    from hikicli.domain.crisis import CountryChoice
    from hikicli.storage.log import EventLog
    from hikicli.storage.paths import Paths
    from hikicli.storage.settings import Settings


class Workspace(Protocol):
    paths: Paths

    @property
    def log(self) -> EventLog: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def catalog(self) -> CatalogContent: ...

    @property
    def risk_content(self) -> RiskContent: ...

    def now(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...

    def can_read_log_without_asking(self) -> bool: ...

    def country_choice(self, flag: str | None = None) -> CountryChoice: ...
