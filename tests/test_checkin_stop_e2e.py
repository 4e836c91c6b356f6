"""A check-in stopped at "are you safe?" says "Your mood and your answer are kept": `hiki history`
shows both (the mood lives only in the risk signal; history showed just "not safe / not sure").
New-user audit, item 4. The safety mechanism itself is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen import DOWN, ENTER, start

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "not safe / not sure, mood 1/10")],
)
def test_the_kept_mood_is_in_history(tmp_path: Path, lang: str, shown: str) -> None:
    home = tmp_path / "home"
    env = {"LANG": "en_US.UTF-8", "HIKI_LANG": lang}
    t = start(["checkin"], home, env)
    t.expect({"en": "How is your mood", "ja": "気分"}[lang])
    t.send("1" + ENTER)
    t.expect({"en": "Are you safe right now", "ja": "安全"}[lang])
    t.send(DOWN + ENTER)  # "No, or I'm not sure"
    t.expect({"en": "stop here", "ja": "？"}[lang])
    t.send(ENTER)  # "Stop here"
    t.expect({"en": "check in again", "ja": "チェックインできます"}[lang])
    t.expect({"en": "safety plan now", "ja": "いいえ"}[lang])
    t.send(ENTER)  # not now
    t.finish()
    t = start(["history"], home, env)
    assert t.finish() == 0
    assert shown in " ".join(t.screen().split())
