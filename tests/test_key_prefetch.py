"""The key derivation started ahead (issue #11): with HIKI_PASSPHRASE, entry.py starts scrypt for
the profile's header in a thread while the command loads (storage/crypto.prefetch_profile), and
the unlock awaits it. One derivation a command; a wrong passphrase, typed or from the variable,
fails as before; a prefetch whose header was replaced meanwhile is not used."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from hikicli import entry
from hikicli.storage import crypto
from hikicli.storage.crypto import read_header
from tests.durable import PASS, fast_kdf, files_containing
from tests.support import ScriptedPrompter, json_data, tree_snapshot

__all__ = ["fast_kdf"]
pytestmark = pytest.mark.usefixtures("fast_kdf")

FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()
WRONG_WORDS = "The passphrase in HIKI_PASSPHRASE does not open this data. Nothing was changed."
TYPED_WRONG_WORDS = "That passphrase does not open this data. Nothing was changed."


@pytest.fixture(autouse=True)
def no_pending():
    crypto._Ahead.pending = None
    yield
    ahead = crypto._Ahead.pending
    if ahead is not None:
        ahead.thread.join()
    crypto._Ahead.pending = None


@pytest.fixture
def derivations(monkeypatch):
    """Each scrypt run of the test: the name of the thread it ran in."""
    calls: list[str] = []
    real = crypto._scrypt

    def counted(*args):
        calls.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(crypto, "_scrypt", counted)
    return calls


def make_encrypted(hiki, make_ctx, note: str, profile: str = "default") -> None:
    assert hiki(["checkin", *FLAGS, "--note", note], ctx=make_ctx(profile=profile)).exit_code == 0
    prompter = ScriptedPrompter({"new_passphrase": PASS, "new_passphrase_again": PASS})
    ctx = make_ctx(prompter=prompter, interactive=True, profile=profile)
    result = hiki(["data", "encrypt"], ctx=ctx)
    assert result.exit_code == 0, result.output


def log_of(home: Path, profile: str = "default") -> Path:
    return home / "profiles" / profile / "log.jsonl"


def test_one_derivation_a_command_and_it_ran_ahead(hiki, make_ctx, home, monkeypatch, capsys,
                                                   derivations):  # fmt: skip
    make_encrypted(hiki, make_ctx, "my note 17")
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    capsys.readouterr()
    derivations.clear()
    assert entry.main(["history", "--json"]) == 0
    assert [e["note"] for e in json_data(capsys.readouterr().out)] == ["my note 17"]
    assert derivations == ["hiki-scrypt"]  # once, in the thread started by entry.main
    assert crypto._Ahead.pending is None  # used, not left waiting
    # the fast paths too: the dashboard and a check-in save
    for args in ([], ["checkin", *FLAGS, "--note", "zq note 42"]):
        derivations.clear()
        assert entry.main(args) == 0, capsys.readouterr()
        assert derivations == ["hiki-scrypt"], args
    assert files_containing(home, b"zq note 42") == []  # sealed as always


def test_no_derivation_is_started_for_hello_or_help(hiki, make_ctx, monkeypatch, capsys,
                                                    derivations):  # fmt: skip
    make_encrypted(hiki, make_ctx, "my note")
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    derivations.clear()
    for args in (["hello"], ["--help"], ["--version"]):
        assert entry.main(args) == 0
    assert derivations == [] and crypto._Ahead.pending is None


def test_a_wrong_hiki_passphrase_fails_as_before(hiki, make_ctx, home, monkeypatch, capsys,
                                                 derivations):  # fmt: skip
    make_encrypted(hiki, make_ctx, "my note")
    before = tree_snapshot(home)
    monkeypatch.setenv("HIKI_PASSPHRASE", "not it at all")
    capsys.readouterr()
    derivations.clear()
    for args in (["history"], [], ["checkin", *FLAGS], ["data", "export"]):
        assert entry.main(args) == 2, args
        said = capsys.readouterr()
        assert WRONG_WORDS in " ".join((said.out + said.err).split()), args
        assert "Traceback" not in said.out + said.err
        assert derivations == ["hiki-scrypt"], args  # the wrong one is not derived again
        derivations.clear()
    assert tree_snapshot(home) == before


def test_a_typed_passphrase_is_not_helped_by_a_prefetch_of_another(hiki, make_ctx, home,
                                                                   derivations):  # fmt: skip
    # A derivation started for the right passphrase is no use to a wrong one typed at the
    # prompt: the three tries fail with the usual words, nothing is written.
    make_encrypted(hiki, make_ctx, "my note")
    before = tree_snapshot(home)
    header = read_header(log_of(home))
    assert header is not None
    crypto.prefetch(header, PASS)
    wrong = {"passphrase": "wrong one", "passphrase.2": "wrong two", "passphrase.3": "wrong 3"}
    ctx = make_ctx(prompter=ScriptedPrompter(dict(wrong)), interactive=True)
    result = hiki(["history"], ctx=ctx)
    assert result.exit_code == 2
    assert TYPED_WRONG_WORDS in result.output
    assert ctx.prompter.asked == list(wrong)
    assert tree_snapshot(home) == before
    # then the right one typed: the derivation started ahead is used, not a second one
    derivations.clear()
    crypto._Ahead.pending = None
    crypto.prefetch(header, PASS)
    ctx = make_ctx(prompter=ScriptedPrompter({"passphrase": PASS}), interactive=True)
    result = hiki(["history", "--json"], ctx=ctx)
    assert result.exit_code == 0, result.output
    assert [e["note"] for e in json_data(result.stdout)] == ["my note"]
    assert derivations == ["hiki-scrypt"]


def test_a_prefetch_for_a_header_replaced_meanwhile_is_not_used(hiki, make_ctx, home, monkeypatch,
                                                                derivations):  # fmt: skip
    make_encrypted(hiki, make_ctx, "first data")
    # Another profile's folder: the same passphrase, its own salt and key.
    make_encrypted(hiki, make_ctx, "second data", profile="other")
    old, new = read_header(log_of(home)), read_header(log_of(home, "other"))
    assert old is not None and new is not None and old.salt != new.salt
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)

    def replace_the_folder() -> None:
        # the key file (and the data) replaced between the start and the unlock
        shutil.rmtree(home / "profiles" / "default")
        shutil.copytree(home / "profiles" / "other", home / "profiles" / "default")

    derivations.clear()
    crypto.prefetch_profile(["history"])  # as entry.main does
    ahead = crypto._Ahead.pending
    assert ahead is not None and ahead.known.wait(10) and ahead.wanted is not None
    replace_the_folder()
    result = hiki(["history", "--json"])
    assert result.exit_code == 0, result.output
    assert [e["note"] for e in json_data(result.stdout)] == ["second data"]
    # derived again for the header found, in the command itself; the stale one not taken
    assert sorted(derivations) == ["MainThread", "hiki-scrypt"]
    # the same with a wrong passphrase: the same words and exit as without a prefetch
    crypto._Ahead.pending.thread.join()
    crypto._Ahead.pending = None
    crypto.prefetch(old, "not it at all")
    monkeypatch.setenv("HIKI_PASSPHRASE", "not it at all")
    result = hiki(["history"])
    assert result.exit_code == 2
    assert WRONG_WORDS in " ".join(result.output.split())


def derived_ahead(args: list[str]) -> bool:
    """Whether prefetch_profile(args) found a header to derive for (the thread looks)."""
    crypto._Ahead.pending = None
    crypto.prefetch_profile(args)
    ahead = crypto._Ahead.pending
    assert ahead is not None
    ahead.thread.join()
    crypto._Ahead.pending = None
    return ahead.wanted is not None


def test_an_unusual_profile_derives_nothing(hiki, make_ctx, home, monkeypatch, derivations):
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    for args in (["--profile", "../x", "history"], ["--profile=NO", "history"], ["history"]):
        assert not derived_ahead(args), args  # a bad name, no such profile, no log yet
    assert hiki(["checkin", *FLAGS]).exit_code == 0
    assert not derived_ahead(["history"])  # a plaintext log
    (home / "profiles" / "default" / "log.jsonl").write_bytes(crypto.MAGIC + b',"v":"x"}\n')
    assert not derived_ahead(["history"])  # a damaged header: the command words it
    assert derivations == []
    monkeypatch.setenv("HIKI_PROFILE", "mum")
    make_encrypted(hiki, make_ctx, "mum's note", profile="mum")
    derivations.clear()
    assert not derived_ahead(["--profile", "default", "history"])  # the flag wins
    assert derived_ahead(["history"])  # HIKI_PROFILE's encrypted log
    assert derivations == ["hiki-scrypt"]


def test_the_command_never_waits_on_the_header_for_the_prefetch(home, monkeypatch):
    # The thread looks for the header: prefetch_profile returns before it is read.
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    release = threading.Event()
    real = crypto.read_header
    monkeypatch.setattr(crypto, "read_header", lambda path: release.wait(10) and real(path))
    crypto.prefetch_profile(["crisis"])
    ahead = crypto._Ahead.pending
    assert ahead is not None and not ahead.known.is_set()
    release.set()
    assert ahead.known.wait(10)


def test_the_variable_entry_looks_for_is_the_one_crypto_reads():
    assert entry.PASSPHRASE_ENV == crypto.PASSPHRASE_ENV


# Several settings within the caps (scrypt_problem), the one new data uses (2^17, 8, 1) among them.
SETTINGS = [(2**17, 8, 1), (2**10, 8, 1), (2**4, 1, 3), (2**14, 8, 1), (2**12, 3, 2), (2, 1, 1)]


@pytest.mark.parametrize(("n", "r", "p"), SETTINGS)
def test_libsodium_gives_the_key_openssl_and_cryptography_give(n, r, p, monkeypatch):
    # libsodium's scrypt (what hiki uses, PyNaCl being a dependency), OpenSSL's (hashlib, the
    # fallback) and `cryptography`'s (the snippet in docs/privacy.md): the same 32 bytes
    import hashlib

    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    # the fast one is the one that runs (a venv from before it was a dependency: pip install again)
    assert crypto._sodium() is not None, "pynacl missing: pip install -e '.[test]'"
    salt, secret = b"0123456789abcdef", "pässphrase ✓".encode()
    expected = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)
    assert crypto._scrypt(secret, salt, n, r, p) == expected
    assert hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=2**31 - 1, dklen=32) == expected
    monkeypatch.setattr(crypto, "_SODIUM", [None])
    assert crypto._scrypt(secret, salt, n, r, p) == expected


# RFC 7914 section 12, the first 32 bytes of each 64-byte result (PBKDF2's first block)
RFC_7914 = [
    (b"password", b"NaCl", 1024, 8, 16,
     "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"),
    (b"pleaseletmein", b"SodiumChloride", 16384, 8, 1,
     "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"),
]  # fmt: skip


@pytest.mark.parametrize("fallback", [False, True], ids=["libsodium", "hashlib"])
@pytest.mark.parametrize(("secret", "salt", "n", "r", "p", "key"), RFC_7914)
def test_the_derivation_matches_the_published_scrypt_vectors(secret, salt, n, r, p, key, fallback,
                                                             monkeypatch):  # fmt: skip
    if fallback:
        monkeypatch.setattr(crypto, "_SODIUM", [None])
    assert crypto._scrypt(secret, salt, n, r, p).hex() == key


def test_without_pynacl_the_fallback_derives_the_same_key(monkeypatch):
    import sys

    salt, secret = b"0123456789abcdef", b"passphrase"
    fast = crypto._scrypt(secret, salt, 2**10, 8, 1)
    monkeypatch.setattr(crypto, "_SODIUM", [])
    monkeypatch.setitem(sys.modules, "nacl._sodium", None)  # `import` raises ImportError
    assert crypto._sodium() is None
    assert crypto._scrypt(secret, salt, 2**10, 8, 1) == fast
    # a libsodium built without scrypt (its minimal build) is not used either
    monkeypatch.setattr(crypto, "_SODIUM", [])

    class Minimal:
        PYNACL_HAS_CRYPTO_PWHASH_SCRYPTSALSA208SHA256 = 0

    monkeypatch.setitem(sys.modules, "nacl._sodium", type(sys)("nacl._sodium"))
    sys.modules["nacl._sodium"].ffi, sys.modules["nacl._sodium"].lib = object(), Minimal()
    assert crypto._sodium() is None
    # nor hashlib without scrypt (a Python built without it): `cryptography`'s then
    monkeypatch.setattr(crypto, "_SODIUM", [None])
    import hashlib

    monkeypatch.delattr(hashlib, "scrypt")
    assert crypto._scrypt(secret, salt, 2**10, 8, 1) == fast


# Written by hiki before it derived with libsodium (main at 98d9b80, OpenSSL's scrypt): a header at
# n=2^10 and one record, sealed with the passphrase OLD_PASS.
OLD_PASS = "correct horse battery staple ✓"
OLD_HEADER = (
    b'{"hiki":"encrypted","v":2,"cipher":"AES-256-GCM","kdf":{"name":"scrypt","n":1024,"r":8,'
    b'"p":1,"salt":"YCGz1f/gIEok6RZT83hyYg=="},"key":{"nonce":"p3xI1HU4/NA9vMqs","wrapped":'
    b'"nDr+U5+MEOt9BFbJBQ32jWxy5gMNhI7vdWmM1ap0NcjY3kbixa0rkIaKlA49ieeU"},"key_id":'
    b'"e0c733cc355717c9","log_id":"118f7c5a0170c0ea"}'
)
OLD_RECORD = (
    b"2:KkFEd0xg/J0WzysyBt3gY3Zz6vUWa1hWBG0N/BkLOwPULD/qAgea1rd39GlnU62vOrMV8oYZRSJr1adbMZtU8uTK"
    b"0X2gxQfxo7TG/xTeI2Bs4PV5dsemW6q+alou0FEIOG834hOGgctXnq1PgP3aP/tmfBF9JE1ZQtF3LU1GaHIIz74UP"
    b"s/pnQiaBxZC95rO0wiL6esxwXWLcP+3"
)


@pytest.mark.parametrize("fallback", [False, True], ids=["libsodium", "hashlib"])
def test_data_sealed_before_libsodium_still_opens(fallback, monkeypatch):
    if fallback:
        monkeypatch.setattr(crypto, "_SODIUM", [None])
    cipher = crypto.unlock(crypto.Header.parse(OLD_HEADER, "old log"), OLD_PASS)
    assert cipher.open_at(OLD_RECORD, 2) == (
        b'{"kind":"checkin","note":"written by hiki before libsodium"}'
    )
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unlock(crypto.Header.parse(OLD_HEADER, "old log"), OLD_PASS + "!")


def test_data_encrypted_by_the_fallback_opens_with_libsodium_and_back(hiki, make_ctx, monkeypatch):
    monkeypatch.setattr(crypto, "_SODIUM", [None])
    make_encrypted(hiki, make_ctx, "sealed through hashlib")
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    monkeypatch.setattr(crypto, "_SODIUM", [])  # libsodium found again
    assert hiki(["checkin", *FLAGS, "--note", "and through libsodium"]).exit_code == 0
    assert crypto._SODIUM[0] is not None
    for sodium in ([], [None]):
        monkeypatch.setattr(crypto, "_SODIUM", sodium)
        result = hiki(["history", "--json"])
        assert result.exit_code == 0, result.output
        notes = [e["note"] for e in json_data(result.stdout)]
        assert sorted(notes) == ["and through libsodium", "sealed through hashlib"]
