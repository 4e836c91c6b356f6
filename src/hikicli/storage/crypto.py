"""Encryption at rest: a passphrase-wrapped data key, and AES-256-GCM on each line on its own.

File format (docs/privacy.md shows how to read it without hiki):

- line 1, the header: JSON `{"hiki": "encrypted", "v": 1, "kdf": {scrypt params, salt}, "key":
  {nonce, wrapped}, "key_id": ...}`. The data key is random; the passphrase only wraps it, so a
  passphrase change rewrites this one line and nothing else.
- every other line: base64(nonce[12] + AES-256-GCM ciphertext and tag) of one plaintext line.

Sealing each line on its own keeps appends appends: one os.write per record, and the same
lock / torn-tail repair / fsync discipline as the plaintext log. `cryptography` is imported only
when a file is actually encrypted, so plaintext use pays nothing at start-up.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hikicli.errors import Msg, StorageError, UsageError

MAGIC = b'{"hiki":"encrypted"'
FORMAT_VERSION = 1
# scrypt n=2^15, r=8, p=1: about 0.1 s here, paid once per command. Stored in each header, so a
# later hiki can raise it without breaking older files.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
RECORD_AAD = b"hiki-record-v1"
KEY_AAD = b"hiki-key-v1"
NONCE_BYTES = 12
MIN_PASSPHRASE = 8
PASSPHRASE_ENV = "HIKI_PASSPHRASE"
NEW_PASSPHRASE_ENV = "HIKI_NEW_PASSPHRASE"
MAX_HEADER = 4096
# The most scrypt work hiki accepts from a header: memory 128·n·r bytes (here at most 256 MiB) and
# n·r·p at most 2^22 (about 2 s on the development machine; age's default, n=2^18 r=8 p=1, is
# 2^21). A header asking for more was not written by hiki: deriving for it could take minutes
# and gigabytes (a header tampered to n=2^22 r=64 asked for 32 GiB), so it is refused unread.
MAX_SCRYPT_MEMORY = 256 * 2**20
MAX_SCRYPT_WORK = 2**22


class WrongPassphrase(StorageError):
    """The passphrase does not unwrap the data key."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError(Msg("storage.not_base64"))
    return base64.b64decode(text, validate=True)


@dataclass(frozen=True)
class Header:
    """The parsed first line of an encrypted file."""

    raw: bytes  # the line exactly as stored, without its newline
    key_id: str
    salt: bytes
    n: int
    r: int
    p: int
    wrap_nonce: bytes
    wrapped: bytes

    @classmethod
    def parse(cls, line: bytes, where: str) -> Header:
        try:
            obj = json.loads(line)
            if obj.get("v") != FORMAT_VERSION:
                if isinstance(obj.get("v"), int) and obj["v"] > FORMAT_VERSION:
                    raise StorageError("storage.newer_hiki", where=where)
                raise ValueError(Msg("storage.unknown_version"))
            kdf, key = obj["kdf"], obj["key"]
            if kdf["name"] != "scrypt" or obj.get("cipher") != "AES-256-GCM":
                raise ValueError(Msg("storage.unknown_algorithm"))
            header = cls(
                raw=line,
                key_id=str(obj["key_id"]),
                salt=_unb64(kdf["salt"]),
                n=int(kdf["n"]),
                r=int(kdf["r"]),
                p=int(kdf["p"]),
                wrap_nonce=_unb64(key["nonce"]),
                wrapped=_unb64(key["wrapped"]),
            )
        except StorageError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise DamagedHeader(where) from None
        problem = scrypt_problem(header.n, header.r, header.p)
        if problem is None and len(header.salt) < 8:
            problem = Msg("storage.salt_short")
        if problem is None and (len(header.wrap_nonce) != NONCE_BYTES or len(header.wrapped) != 48):
            problem = Msg("storage.wrapped_size")
        if problem is not None:
            raise DamagedHeader(where, problem)
        return header


def scrypt_problem(n: int, r: int, p: int) -> Msg | None:
    """Why hiki refuses these scrypt settings, or None: n a power of two from 2, r and p from 1,
    and at most MAX_SCRYPT_MEMORY / MAX_SCRYPT_WORK (checked before any work is done)."""
    if n < 2 or n & (n - 1) or r < 1 or p < 1:
        return Msg("storage.scrypt_invalid", n=n, r=r, p=p)
    if 128 * n * r > MAX_SCRYPT_MEMORY or n * r * p > MAX_SCRYPT_WORK:
        return Msg("storage.scrypt_too_much", n=n, r=r, p=p)
    return None


class DamagedHeader(StorageError):
    """Line 1 of an encrypted file cannot be used. `hiki data restore-header` can bring back a
    copy of the same header from encryption.json or a backup."""

    def __init__(self, where: str, why: Msg | None = None) -> None:
        self.where = where
        if why is None:
            super().__init__("storage.header_damaged", where=where)
        else:
            super().__init__("storage.header_damaged_why", where=where, why=why)


def split_header(data: bytes) -> tuple[bytes | None, int]:
    """(header line, offset of the first record) if `data` starts with a header, else (None, 0)."""
    if not data.startswith(MAGIC):
        return None, 0
    end = data.find(b"\n", 0, MAX_HEADER)
    if end < 0:
        return None, 0  # a header is always written whole; this is not one
    return data[:end], end + 1


def read_header(path: os.PathLike[str] | str) -> Header | None:
    """The header of the file at `path`, or None if it is plaintext or missing."""
    from hikicli.storage.files import read_regular

    try:
        head = read_regular(path, MAX_HEADER)
    except FileNotFoundError:
        return None
    line, _ = split_header(head)
    return Header.parse(line, str(path)) if line is not None else None


def header_only(path: os.PathLike[str] | str) -> bool:
    """True when the file is an encryption header and nothing else: an encrypted log that holds
    no records at all. Needs no passphrase and tells nothing the file's size does not already
    show. False whenever there is anything after the header, even a torn piece of a record."""
    from hikicli.storage.files import read_regular

    try:
        head = read_regular(path, MAX_HEADER + 2)
    except (OSError, StorageError):
        return False
    line, start = split_header(head)
    return line is not None and start == len(head)


def header_from_fd(fd: int, where: str) -> Header | None:
    line, _ = split_header(os.pread(fd, MAX_HEADER, 0))
    return Header.parse(line, where) if line is not None else None


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    problem = scrypt_problem(n, r, p)
    if problem is not None:  # Header.parse refuses these already; never derive for them
        raise StorageError("storage.header_unusable", problem=problem)
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            "storage.passphrase_utf8", env=PASSPHRASE_ENV, new_env=NEW_PASSPHRASE_ENV
        ) from None
    try:
        return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)
    except (ValueError, MemoryError):
        raise StorageError("storage.key_settings_here") from None


class Cipher:
    """Seals and opens single lines with one data key."""

    def __init__(self, data_key: bytes, header: Header) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.header = header
        self.key_id = header.key_id
        self._aead = AESGCM(data_key)
        self._data_key = data_key

    def seal(self, plain: bytes) -> bytes:
        """One stored line (without newline) holding `plain`."""
        nonce = os.urandom(NONCE_BYTES)
        return base64.b64encode(nonce + self._aead.encrypt(nonce, plain, RECORD_AAD))

    def open(self, line: bytes) -> bytes:
        """The plaintext of one stored line; ValueError if it is damaged or not ours."""
        from cryptography.exceptions import InvalidTag

        try:
            raw = base64.b64decode(line.strip(), validate=True)
        except binascii.Error:
            raise ValueError(Msg("storage.not_encrypted_line")) from None
        if len(raw) < NONCE_BYTES + 16:
            raise ValueError(Msg("storage.line_short"))
        try:
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], RECORD_AAD)
        except InvalidTag:
            raise ValueError(Msg("storage.line_not_decrypt")) from None

    def rewrap(self, passphrase: str) -> Cipher:
        """The same data key under a new passphrase (a new header; records stay as they are)."""
        return Cipher(self._data_key, make_header(self._data_key, passphrase, self.key_id))


def make_header(data_key: bytes, passphrase: str, key_id: str, n: int | None = None) -> Header:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n = n or SCRYPT_N
    salt = os.urandom(16)
    kek = _derive(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, KEY_AAD + key_id.encode())
    obj = {
        "hiki": "encrypted",
        "v": FORMAT_VERSION,
        "cipher": "AES-256-GCM",
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "key": {"nonce": _b64(nonce), "wrapped": _b64(wrapped)},
        "key_id": key_id,
    }
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return Header.parse(raw, "new header")


def new_cipher(passphrase: str, n: int | None = None) -> Cipher:
    """A fresh random data key wrapped by `passphrase`."""
    data_key = os.urandom(32)
    header = make_header(data_key, passphrase, os.urandom(8).hex(), n)
    return Cipher(data_key, header)


def unlock(header: Header, passphrase: str) -> Cipher:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _derive(passphrase, header.salt, header.n, header.r, header.p)
    try:
        data_key = AESGCM(kek).decrypt(
            header.wrap_nonce, header.wrapped, KEY_AAD + header.key_id.encode()
        )
    except InvalidTag:
        raise WrongPassphrase("storage.wrong_passphrase") from None
    return Cipher(data_key, header)


def check_new_passphrase(passphrase: str) -> str:
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("storage.new_passphrase_utf8") from None
    if len(passphrase) < MIN_PASSPHRASE:
        raise UsageError("storage.passphrase_short", least=MIN_PASSPHRASE)
    return passphrase


MAX_TRIES = 3


class KeyRing:
    """Unlocks headers for one command: keys are cached, so the passphrase is asked at most once
    when it is right.

    `ask` returns the passphrase (from HIKI_PASSPHRASE or the Prompter); it is called only when an
    encrypted file is actually met, so plaintext users and `hiki crisis` are never asked. After a
    wrong passphrase it is called again, up to MAX_TRIES in all; `wrong_tries` then tells it how
    many were wrong, so it can say so calmly, or raise at once when nobody could type another
    (HIKI_PASSPHRASE).
    """

    def __init__(self, ask: Callable[[], str] | None = None) -> None:
        self._ask = ask
        self._passphrase: str | None = None
        self._ciphers: dict[str, Cipher] = {}
        self.wrong_tries = 0  # wrong passphrases in the unlock under way

    def passphrase(self) -> str:
        if self._passphrase is None:
            if self._ask is None:
                raise UsageError("storage.no_passphrase", env=PASSPHRASE_ENV)
            self._passphrase = self._ask()
        return self._passphrase

    def has(self, header: Header) -> bool:
        """Whether this header's key is already unlocked (no question needed)."""
        return header.key_id in self._ciphers

    def add(self, cipher: Cipher) -> None:
        self._ciphers[cipher.key_id] = cipher

    def cipher(self, header: Header) -> Cipher:
        known = self._ciphers.get(header.key_id)
        if known is not None:
            return known
        self.wrong_tries = 0
        while True:
            try:
                cipher = unlock(header, self.passphrase())
            except WrongPassphrase:
                self._passphrase = None  # never keep a wrong one for the next file
                self.wrong_tries += 1
                if self._ask is None or self.wrong_tries >= MAX_TRIES:
                    raise
                continue
            self.wrong_tries = 0
            self._ciphers[header.key_id] = cipher
            return cipher


def seal_lines(cipher: Cipher, plain: bytes) -> bytes:
    """A whole encrypted file: the header, then one sealed line per plaintext line."""
    out = [cipher.header.raw]
    out += [cipher.seal(line) for line in split_lines(plain)]
    return b"\n".join(out) + b"\n"


def split_lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def open_lines(
    keys: KeyRing, data: bytes, where: str, keep_damaged: bool = False
) -> tuple[Cipher | None, list[bytes]]:
    """(cipher or None, plaintext lines) of a whole file.

    A line that does not decrypt (a crash cut it) raises StorageError naming it, or with
    `keep_damaged` is returned as it is stored: conversions keep it rather than drop it, and it is
    ciphertext, so nothing private comes out."""
    line, start = split_header(data)
    if line is None:
        return None, split_lines(data)
    cipher = keys.cipher(Header.parse(line, where))
    plain = []
    for number, raw in enumerate(split_lines(data[start:]), start=2):
        try:
            plain.append(cipher.open(raw))
        except ValueError:
            if keep_damaged:
                plain.append(raw)
                continue
            raise StorageError("storage.line_damaged", where=f"{where}:{number}") from None
    return cipher, plain
