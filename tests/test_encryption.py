"""Encryption at rest: the commands, the format, wrong passphrases, and no plaintext anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hikicli.errors import StorageError
from hikicli.storage import convert
from hikicli.storage.backup import list_backups
from hikicli.storage.crypto import MAGIC, KeyRing, read_header
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.durable import PASS, fast_kdf, files_containing
from tests.support import ScriptedPrompter, json_data, tree_snapshot

__all__ = ["fast_kdf"]
pytestmark = pytest.mark.usefixtures("fast_kdf")

NOTE = "my secret note 42"
FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()


def checkin(hiki, note: str, **kw):
    result = hiki(["checkin", *FLAGS, "--note", note], **kw)
    assert result.exit_code == 0, result.output
    return result


def encrypt(hiki, make_ctx, passphrase: str = PASS):
    prompter = ScriptedPrompter({"new_passphrase": passphrase, "new_passphrase_again": passphrase})
    result = hiki(["data", "encrypt"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert prompter.said, "the warning about a lost passphrase is shown first"
    return result


def with_pass(make_ctx, passphrase: str = PASS):
    return make_ctx(prompter=ScriptedPrompter({"passphrase": passphrase}), interactive=True)


WRONG_THRICE = {"passphrase": "wrong one", "passphrase.2": "wrong two", "passphrase.3": "wrong 3"}


def with_wrong(make_ctx):
    """A person who types a wrong passphrase at each of the three tries."""
    return make_ctx(prompter=ScriptedPrompter(dict(WRONG_THRICE)), interactive=True)


@pytest.fixture
def encrypted(hiki, make_ctx, home):
    """A profile with two notes, a dashboard cache and a backup, then encrypted."""
    checkin(hiki, NOTE)
    checkin(hiki, NOTE + " again")
    assert hiki(["data", "backup"]).exit_code == 0
    assert hiki([]).exit_code == 0  # writes the dashboard cache and state.json
    assert (home / "profiles/default/cache/dashboard.marshal").exists()
    assert files_containing(home, NOTE.encode())
    encrypt(hiki, make_ctx)
    return home


def test_encrypt_leaves_no_plaintext_anywhere(encrypted):
    home = encrypted
    assert files_containing(home, NOTE.encode()) == []
    assert files_containing(home, b"secret note") == []  # the shipped texts say "secret" too
    data = home / "profiles/default"
    assert (data / "log.jsonl").read_bytes().startswith(MAGIC)
    assert (data / "state.json").read_bytes().startswith(MAGIC)
    assert not (data / "cache").exists()
    backups = list_backups(Paths.resolve(home))
    assert len(backups) == 2  # the automatic one of the day and `hiki data backup`
    assert all((b.path / "log.jsonl").read_bytes().startswith(MAGIC) for b in backups)
    # The safety backup made for the conversion was removed once the result verified.
    assert len(list((data / "backups").iterdir())) == 2


def test_reading_asks_once_and_shows_the_notes(encrypted, hiki, make_ctx):
    ctx = with_pass(make_ctx)
    result = hiki(["history", "--json"], ctx=ctx)
    assert result.exit_code == 0, result.output
    assert [e["note"] for e in json_data(result.output)] == [NOTE, NOTE + " again"]
    # The dashboard reads state.json and the log: still one question (a second would raise).
    prompter = ScriptedPrompter({"passphrase": PASS})
    result = hiki([], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    assert prompter.asked == ["passphrase"]
    assert not (encrypted / "profiles/default/cache").exists(), "no plaintext cache"


def test_appending_while_encrypted_seals_the_line(encrypted, hiki, make_ctx, monkeypatch):
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    checkin(hiki, "third note")
    assert files_containing(encrypted, b"third note") == []
    result = hiki(["history", "--json"])
    assert [e["note"] for e in json_data(result.output)][-1] == "third note"


def test_wrong_passphrase_exits_2_and_writes_nothing(encrypted, hiki, make_ctx, monkeypatch):
    before = tree_snapshot(encrypted)
    for args in (["history"], ["checkin", *FLAGS], ["data", "decrypt"], ["data", "export"]):
        result = hiki(args, ctx=with_wrong(make_ctx))
        assert result.exit_code == 2, (args, result.output)
        assert "That passphrase does not open this data. Nothing was changed." in result.output
        assert "Traceback" not in result.output
    monkeypatch.setenv("HIKI_PASSPHRASE", "also wrong")
    assert hiki(["data", "passphrase"]).exit_code == 2
    assert tree_snapshot(encrypted) == before


def test_no_terminal_and_no_env_names_the_variable(encrypted, hiki, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    before = tree_snapshot(encrypted)
    for args in (["history"], [], ["checkin", *FLAGS], ["data", "export"]):
        result = hiki(args, interactive=False)
        assert result.exit_code == 2, (args, result.output)
        assert "HIKI_PASSPHRASE" in result.output
        # an installed hiki has no docs folder: it points to what it can show itself
        flat = " ".join(result.output.split())
        assert "(more: `hiki data --help`)" in flat and "docs/privacy.md" not in flat
    assert tree_snapshot(encrypted) == before


def test_crisis_never_needs_the_passphrase(encrypted, hiki, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    for args in (["crisis"], ["sos", "--json"], ["crisis", "--country", "JP"]):
        result = hiki(args, interactive=False)
        assert result.exit_code == 0, result.output


def test_passphrase_change_rewraps_without_reencrypting(encrypted, hiki, monkeypatch):
    log = encrypted / "profiles/default/log.jsonl"
    records_before = log.read_bytes().split(b"\n", 1)[1]
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    monkeypatch.setenv("HIKI_NEW_PASSPHRASE", "a brand new one")
    result = hiki(["data", "passphrase"])
    assert result.exit_code == 0, result.output
    assert log.read_bytes().split(b"\n", 1)[1] == records_before
    assert hiki(["history"]).exit_code == 2  # the old passphrase no longer opens it
    monkeypatch.setenv("HIKI_PASSPHRASE", "a brand new one")
    assert NOTE in hiki(["history", "--json"]).output
    # Backups follow the passphrase, so one passphrase opens everything.
    for backup in list_backups(Paths.resolve(encrypted)):
        assert read_header(backup.path / "log.jsonl") == read_header(log)


def test_decrypt_restores_the_exact_plaintext(hiki, make_ctx, home, monkeypatch):
    checkin(hiki, NOTE)
    hiki(["data", "backup"])
    log = home / "profiles/default/log.jsonl"
    original = log.read_bytes()
    encrypt(hiki, make_ctx)
    assert log.read_bytes() != original
    result = hiki(["data", "decrypt"], ctx=with_pass(make_ctx))
    assert result.exit_code == 0, result.output
    assert log.read_bytes() == original
    [backup] = list_backups(Paths.resolve(home))
    assert not (backup.path / "log.jsonl").read_bytes().startswith(MAGIC)
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    assert hiki(["history"], interactive=False).exit_code == 0
    assert hiki(["data", "decrypt"]).exit_code == 2  # not encrypted


@pytest.mark.parametrize(
    "answers, fragment",
    [
        ({"new_passphrase": "short"}, "at least 8 characters"),
        ({"new_passphrase": PASS, "new_passphrase_again": PASS + "x"}, "were not the same"),
    ],
)
def test_bad_new_passphrase_changes_nothing(hiki, make_ctx, home, answers, fragment):
    checkin(hiki, NOTE)
    before = tree_snapshot(home)
    ctx = make_ctx(prompter=ScriptedPrompter(answers), interactive=True)
    result = hiki(["data", "encrypt"], ctx=ctx)
    assert result.exit_code == 2 and fragment in result.output
    assert tree_snapshot(home) == before


def test_encrypt_without_terminal_needs_the_variable(hiki, home, monkeypatch):
    checkin(hiki, NOTE)
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    result = hiki(["data", "encrypt"], interactive=False)
    assert result.exit_code == 2 and "HIKI_PASSPHRASE" in result.output
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    assert hiki(["data", "encrypt"], interactive=False).exit_code == 0
    assert files_containing(home, NOTE.encode()) == []
    again = hiki(["data", "encrypt"], interactive=False)
    assert again.exit_code == 0 and "already encrypted" in again.output


def test_encrypting_an_empty_profile_then_saving(hiki, home, monkeypatch):
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    assert hiki(["data", "encrypt"]).exit_code == 0
    checkin(hiki, NOTE)
    assert files_containing(home, NOTE.encode()) == []
    assert NOTE in hiki(["history", "--json"]).output


def test_an_interrupted_encrypt_is_finished_by_running_it_again(hiki, home, monkeypatch):
    checkin(hiki, NOTE)
    hiki(["data", "backup"])
    assert hiki([]).exit_code == 0  # state.json exists too
    real = convert.atomic_write
    calls = []

    def fail_on_second(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise StorageError("simulated: the disk is full")
        real(path, data)

    monkeypatch.setattr(convert, "atomic_write", fail_on_second)
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    assert hiki(["data", "encrypt"]).exit_code == 2
    paths = Paths.resolve(home)
    assert read_header(paths.log_file) is not None  # the log went first
    monkeypatch.setattr(convert, "atomic_write", real)
    assert hiki(["data", "encrypt"]).exit_code == 0
    safety_left = [b for b in list_backups(paths) if not b.path.joinpath("log.jsonl").exists()]
    assert not safety_left
    # The safety backup of the failed run is converted too: no plaintext remains anywhere.
    assert files_containing(home, NOTE.encode()) == []
    assert NOTE in hiki(["history", "--json"]).output


def test_torn_encrypted_tail_is_quarantined_sealed(encrypted, hiki, monkeypatch):
    log = encrypted / "profiles/default/log.jsonl"
    whole = log.read_bytes()
    last_start = whole.rstrip(b"\n").rfind(b"\n") + 1
    with open(log, "ab") as fh:
        fh.write(whole[last_start : last_start + 40])  # half a record, as a crash leaves it
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    result = hiki(["history"])
    assert "the last line is incomplete" in result.output
    checkin(hiki, "after the crash")
    quarantine = encrypted / "profiles/default/log.quarantine"
    assert quarantine.read_bytes().startswith(MAGIC)
    keys = KeyRing(lambda: PASS)
    from hikicli.storage.crypto import open_lines

    _, lines = open_lines(keys, quarantine.read_bytes(), "q")
    assert b"torn line moved from log.jsonl" in lines[0]
    notes = [e["note"] for e in json_data(hiki(["history", "--json"]).output)]
    assert notes == [NOTE, NOTE + " again", "after the crash"]


def test_the_hand_decryption_snippet_in_the_docs_works(encrypted):
    doc = (Path(__file__).resolve().parents[1] / "docs/privacy.md").read_text()
    snippet = re.findall(r"```python\n(.*?)```", doc, flags=re.S)[0]  # the sealed export's: 2nd
    namespace: dict = {"__name__": "snippet"}
    exec(compile(snippet, "privacy.md", "exec"), namespace)
    lines = namespace["decrypt_file"](encrypted / "profiles/default/log.jsonl", PASS)
    events = [json_data(line) for line in lines]
    assert [e["data"]["note"] for e in events] == [NOTE, NOTE + " again"]
    assert all(e["v"] == 1 and e["kind"] == "checkin" for e in events)


def test_a_changed_header_under_an_open_command_is_refused(encrypted, monkeypatch):
    """A writer unlocked with one key must not append after another process decrypted the log."""
    paths = Paths.resolve(encrypted)
    log = EventLog(paths, KeyRing(lambda: PASS))
    log.read()  # unlocked
    expected = log.header()
    # Another hiki decrypts the log meanwhile.
    convert.decrypt_profile(paths, KeyRing(lambda: PASS))
    before = paths.log_file.read_bytes()
    monkeypatch.setattr(log, "header", lambda: expected)  # what this writer saw before the lock
    with pytest.raises(StorageError, match="encrypted or decrypted by another hiki"):
        log.append("test.record", {"note": "late"})
    assert paths.log_file.read_bytes() == before


def test_interactive_checkin_asks_the_passphrase_before_the_questions(encrypted, hiki, make_ctx):
    answers = {
        "passphrase": PASS,
        "mood": 5,
        "anxiety": 8,
        "energy": 1,
        "sleep": 4,
        "outside": 0,
        "contact": ["none"],
        "note": "asked first",
    }
    prompter = ScriptedPrompter(answers)
    result = hiki(["checkin"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    assert prompter.asked[0] == "passphrase" and prompter.asked.count("passphrase") == 1
    wrong = ScriptedPrompter(dict(WRONG_THRICE))
    result = hiki(["checkin"], ctx=make_ctx(prompter=wrong, interactive=True))
    assert result.exit_code == 2 and wrong.asked == list(WRONG_THRICE)  # no check-in question


def test_a_conversion_that_does_not_verify_keeps_the_safety_backup(hiki, home, monkeypatch):
    checkin(hiki, NOTE)
    hiki(["data", "backup"])
    original = (home / "profiles/default/log.jsonl").read_bytes()
    real = convert.atomic_write
    calls = []

    def corrupting_write(path, data):
        calls.append(path)
        real(path, data + b"junk" if len(calls) == 2 else data)  # the disk garbles file two

    monkeypatch.setattr(convert, "atomic_write", corrupting_write)
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    result = hiki(["data", "encrypt"])
    assert result.exit_code == 2
    assert "read back differs" in result.output and "kept in backup" in result.output
    safety_id = result.output.split("kept in backup ")[1].split()[0]
    safety = home / "profiles/default/backups" / safety_id / "log.jsonl"
    assert safety.read_bytes() == original
    monkeypatch.setattr(convert, "atomic_write", real)
    assert hiki(["data", "encrypt"]).exit_code == 0  # running it again finishes the change
    assert files_containing(home, NOTE.encode()) == []
    assert NOTE in hiki(["history", "--json"]).output


def test_an_unreadable_backup_header_stops_before_any_change(hiki, home, monkeypatch):
    checkin(hiki, NOTE)
    hiki(["data", "backup"])
    [b] = list_backups(Paths.resolve(home))
    (b.path / "state.json").write_bytes(b'{"hiki":"encrypted","v":1,"broken":true}\nxx\n')
    before = tree_snapshot(home)
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    result = hiki(["data", "encrypt"])
    assert result.exit_code == 2 and "encryption header (line 1) is damaged" in result.output
    assert tree_snapshot(home) == before


def test_crisis_never_asks_for_the_passphrase_even_in_a_terminal(encrypted, hiki, make_ctx):
    """In a hard moment nothing stands before the crisis lines: no passphrase prompt, even with a
    safety plan stored in the encrypted log."""
    prompter = ScriptedPrompter({})
    for args in (["crisis"], ["sos"], ["crisis", "--json"]):
        result = hiki(args, ctx=make_ctx(prompter=prompter, interactive=True))
        assert result.exit_code == 0, result.output
    assert prompter.asked == []


def test_an_encrypted_plan_is_never_called_missing_in_a_risk_answer(hiki, make_ctx, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    assert hiki(["safety-plan", "add", "people", "my sister"]).exit_code == 0
    encrypt(hiki, make_ctx)
    # No passphrase available: the risk response must not say "you don't have a safety plan",
    # nor that one exists.
    result = hiki(["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,2"])
    out = " ".join(result.output.split())
    assert "If you have a safety plan, hiki safety-plan shows it" in out
    assert "don't have a safety plan" not in out and "is saved" not in out
    crisis = " ".join(hiki(["crisis", "-c", "GB"]).output.split())
    assert "If you have a safety plan, hiki safety-plan shows it" in crisis and "116 123" in crisis


# ---- case 9: "no plan yet" and "cannot open it now" told apart honestly -----------------------


def plan_state_of(ctx):
    from hikicli.services.safety_plan_state import plan_state

    return plan_state(ctx)[0]


def test_an_encrypted_log_with_no_entries_has_no_plan(hiki, make_ctx, home, monkeypatch):
    """Encrypted before anything was saved: only the header is there, so hiki knows (without
    the passphrase) that there is no plan, and says neither "saved" nor "if you have one"."""
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    encrypt(hiki, make_ctx)
    assert (home / "profiles/default/log.jsonl").read_bytes().startswith(MAGIC)
    assert plan_state_of(make_ctx()) == "none"
    out = " ".join(hiki(["crisis", "-c", "GB"]).output.split())
    assert "116 123" in out
    assert "could not be opened" not in out and "If you have a safety plan" not in out
    assert "is saved" not in out


def test_an_encrypted_log_with_entries_cannot_know_without_the_passphrase(
    hiki, make_ctx, monkeypatch
):
    checkin(hiki, NOTE)  # entries, but no plan: hiki cannot tell which without the passphrase
    encrypt(hiki, make_ctx)
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    assert plan_state_of(make_ctx()) == "locked"
    out = " ".join(hiki(["crisis", "-c", "GB"]).output.split())
    assert "If you have a safety plan, hiki safety-plan shows it" in out
    assert "is saved" not in out and "could not be opened" not in out
    assert "don't have a safety plan" not in out
    # With the passphrase it knows: no plan.
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    assert plan_state_of(make_ctx()) == "none"


def test_a_plaintext_log_with_damaged_lines_and_no_plan_is_not_called_empty(hiki, make_ctx):
    checkin(hiki, NOTE)
    log = make_ctx().paths.log_file
    with open(log, "ab") as fh:
        fh.write(b"{not json}\n")  # might have been a plan item
    assert plan_state_of(make_ctx()) == "locked"
    log.write_bytes(log.read_bytes().replace(b"{not json}\n", b""))
    assert plan_state_of(make_ctx()) == "none"
    assert plan_state_of(make_ctx(profile="nobody")) == "none"  # no log at all


def test_once_unlocked_in_this_command_the_plan_is_shown(hiki, make_ctx, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    assert hiki(["safety-plan", "add", "people", "my sister, on LINE"]).exit_code == 0
    encrypt(hiki, make_ctx)
    ctx = with_pass(make_ctx)
    assert not ctx.can_read_log_without_asking()
    ctx.log.unlock()
    assert ctx.can_read_log_without_asking()
    assert plan_state_of(ctx) == "plan"
    # The check-in asks for the passphrase first; its risk response then shows the plan itself.
    answers = {"passphrase": PASS, "mood": 1, "safe": "no", "go_on": "stop"}
    prompter = ScriptedPrompter(answers)
    result = hiki(["checkin"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    said = " ".join(" ".join(prompter.said).split())
    assert "my sister, on LINE" in said
    assert "If you have a safety plan" not in said


# ---- a wrong passphrase gets a retry ----------------------------------------------------------


def test_a_wrong_passphrase_gets_a_calm_retry(encrypted, hiki, make_ctx, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    prompter = ScriptedPrompter({"passphrase": "a typo here", "passphrase.2": PASS})
    result = hiki(["history", "--json"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    assert [e["note"] for e in json_data(result.stdout)] == [NOTE, NOTE + " again"]
    assert prompter.asked == ["passphrase", "passphrase.2"]
    assert any("did not open your data" in s and "try 2 of 3" in s for s in prompter.said)


def test_a_retry_lets_the_check_in_be_saved(encrypted, hiki, make_ctx, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    answers = {"passphrase": "wrong", "passphrase.2": "still wrong", "passphrase.3": PASS}
    answers |= {"mood": 6, "anxiety": 3, "energy": 5, "sleep": 7, "outside": 10}
    answers |= {"contact": ["family"], "note": "third time"}
    prompter = ScriptedPrompter(answers)
    result = hiki(["checkin"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert any("try 3 of 3" in s for s in prompter.said)
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    assert "third time" in hiki(["history", "--json"]).stdout


def test_three_wrong_passphrases_stop_and_change_nothing(encrypted, hiki, make_ctx, monkeypatch):
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    before = tree_snapshot(encrypted)
    ctx = with_wrong(make_ctx)
    result = hiki(["safety-plan", "add", "coping", "tea"], ctx=ctx)
    assert result.exit_code == 2
    assert "That passphrase does not open this data. Nothing was changed." in result.output
    assert ctx.prompter.asked == list(WRONG_THRICE)
    assert tree_snapshot(encrypted) == before


def test_a_wrong_hiki_passphrase_gets_no_retry(encrypted, hiki, make_ctx, monkeypatch):
    monkeypatch.setenv("HIKI_PASSPHRASE", "not it at all")
    before = tree_snapshot(encrypted)
    prompter = ScriptedPrompter({})  # even with a terminal: the variable is the answer
    result = hiki(["history"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "The passphrase in HIKI_PASSPHRASE does not open this data. Nothing was changed." in out
    assert prompter.asked == [] and prompter.said == []
    assert tree_snapshot(encrypted) == before
    # and `hiki crisis` still shows the lines, without the plan, never a question
    crisis = hiki(["crisis", "-c", "GB"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert crisis.exit_code == 0 and "116 123" in crisis.output and prompter.asked == []


def test_header_only_is_false_for_anything_after_the_header(tmp_path):
    from hikicli.storage.crypto import header_only, new_cipher

    cipher = new_cipher(PASS)
    path = tmp_path / "log.jsonl"
    path.write_bytes(cipher.header.raw + b"\n")
    assert header_only(path)
    for tail in (b"x", cipher.seal(b"{}") + b"\n", b"\n"):
        path.write_bytes(cipher.header.raw + b"\n" + tail)
        assert not header_only(path), tail
    path.write_bytes(b'{"v": 1}\n')
    assert not header_only(path)  # plaintext
    assert not header_only(tmp_path / "missing")
