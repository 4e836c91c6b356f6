"""Encryption at rest: a passphrase-wrapped data key, and AES-256-GCM on each line on its own.

File format (docs/privacy.md shows how to read it without hiki):

- line 1, the header: JSON `{"hiki": "encrypted", "v": 1, "kdf": {scrypt params, salt}, "key":
  {nonce, wrapped}, "key_id": ...}`. The data key is random; the passphrase only wraps it, so a
  passphrase change rewrites this one line and nothing else.
- every other line, a sealed record. Version 2 (written since issue 12): `2:` + base64(nonce[12]
  + AES-256-GCM ciphertext and tag) of: the record's sequence number (8 bytes, big-endian: the
  line it was written at, the header being line 1), the line's length (4 bytes), the line, and
  zero bytes up to one of a few sizes (padded_size), with the associated data
  `hiki-record-v2\0` + the log's id (header field `log_id`; `key_id` in a version-1 header). A
  record moved to another line or another log no longer matches where it is, so a gap, a reorder
  or a repeat is reported at its line (RecordOrder), and a record's length tells only its size
  class. Version 1 (still read): base64(nonce + ciphertext) of the line, associated data
  `hiki-record-v1`, unbound and unpadded.

Header version 2 adds `log_id` (kept when the passphrase changes, new with a new key); hiki reads
version 1 headers as before. Passphrases are NFC-normalised before scrypt (macOS may type NFD);
data sealed before that opens with the passphrase as typed when the NFC form does not.

Sealing each line on its own keeps appends appends: one os.write per record, and the same
lock / torn-tail repair / fsync discipline as the plaintext log. `cryptography` is imported only
when a file is actually encrypted, so plaintext use pays nothing at start-up.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import struct
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

from hikicli.errors import Msg, StorageError, UsageError

MAGIC = b'{"hiki":"encrypted"'
FORMAT_VERSION = 2  # of the headers this hiki writes; READ_VERSIONS are read
READ_VERSIONS = (1, 2)
# scrypt n=2^17, r=8, p=1 (128 MiB): about 0.3 s here (libsodium's, _scrypt), paid once per
# command that opens the data (benchmarks/bench_cli.py states it). Stored in each header, so older
# files (n=2^15) still open and a later hiki can raise it again. age's default is n=2^18.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
RECORD_AAD = b"hiki-record-v1"
RECORD_AAD_V2 = b"hiki-record-v2\0"
RECORD_V2 = b"2:"
_RECORD_HEAD = struct.Struct(">QI")  # sequence number, length
PAD_FIRST = 128  # padded sizes: 128, 256, ... 65536 bytes, then whole multiples of 65536
PAD_LAST = 65536
KEY_AAD = b"hiki-key-v1"
# Sealed exports (`hiki data export --encrypt`): a header like the log's with this "hiki" kind,
# then the export document in chunks of EXPORT_CHUNK bytes, each padded to that size, numbered
# and bound to the export's id; the last one is sealed as the last, so a cut file is refused.
EXPORT_KIND = "sealed-export"
EXPORT_MAGIC = b'{"hiki":"sealed-export"'
EXPORT_AAD = b"hiki-export-v1\0"
EXPORT_CHUNK = 65536
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


class Header(NamedTuple):
    """The parsed first line of an encrypted file. (A NamedTuple, not a dataclass: `dataclasses`
    costs ~8 ms to import, paid before a derivation started ahead can start scrypt.)"""

    raw: bytes  # the line exactly as stored, without its newline
    key_id: str
    log_id: str  # what sealed records are bound to (a version-1 header: its key_id)
    version: int
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
            version = obj.get("v")
            if isinstance(version, bool) or version not in READ_VERSIONS:
                if isinstance(version, int) and version > FORMAT_VERSION:
                    raise StorageError("storage.newer_hiki", where=where)
                raise ValueError(Msg("storage.unknown_version"))
            log_id = obj["log_id"] if version >= 2 else obj["key_id"]
            if not isinstance(log_id, str) or not 0 < len(log_id) <= 64:
                raise ValueError(Msg("storage.unknown_version"))
            kdf, key = obj["kdf"], obj["key"]
            if kdf["name"] != "scrypt" or obj.get("cipher") != "AES-256-GCM":
                raise ValueError(Msg("storage.unknown_algorithm"))
            header = cls(
                raw=line,
                key_id=str(obj["key_id"]),
                log_id=str(log_id),
                version=version,
                salt=_unb64(kdf["salt"]),
                n=_whole(kdf["n"]),
                r=_whole(kdf["r"]),
                p=_whole(kdf["p"]),
                wrap_nonce=_unb64(key["nonce"]),
                wrapped=_unb64(key["wrapped"]),
            )
        except StorageError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, binascii.Error):
            raise DamagedHeader(where) from None
        problem = scrypt_problem(header.n, header.r, header.p)
        if problem is None and len(header.salt) < 8:
            problem = Msg("storage.salt_short")
        if problem is None and (len(header.wrap_nonce) != NONCE_BYTES or len(header.wrapped) != 48):
            problem = Msg("storage.wrapped_size")
        if problem is not None:
            raise DamagedHeader(where, problem)
        return header


def _whole(value: Any) -> int:
    """A header's number: a JSON whole number only (not 2.5, true, "8" or 1e400)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(Msg("storage.unknown_algorithm"))
    return value


def padded_size(length: int) -> int:
    """The size a record's plaintext is padded to: 128, 256, 512, ... 65536 bytes, then a whole
    number of 64 KiB, so a sealed record shows only which of a few sizes its entry falls in."""
    size = PAD_FIRST
    while size < length and size < PAD_LAST:
        size *= 2
    if length <= size:
        return size
    return -(-length // PAD_LAST) * PAD_LAST


def nfc(passphrase: str) -> str:
    return unicodedata.normalize("NFC", passphrase)


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
    """The passphrase key: the derivation started ahead for exactly these settings (prefetch),
    awaited, else one derived now."""
    ahead = _Ahead.take(passphrase, salt, n, r, p)
    if ahead is not None:
        return ahead.result()
    return _derive_now(passphrase, salt, n, r, p)


def _derive_now(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    problem = scrypt_problem(n, r, p)
    if problem is not None:  # Header.parse refuses these already; never derive for them
        raise StorageError("storage.header_unusable", problem=problem)
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            "storage.passphrase_utf8", env=PASSPHRASE_ENV, new_env=NEW_PASSPHRASE_ENV
        ) from None
    return _scrypt(secret, salt, n, r, p)


def _scrypt(secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    """scrypt itself: the one call that derives a key (tests count them). libsodium's (through
    PyNaCl), else OpenSSL's (hashlib), else `cryptography`'s: the same function, the same 32
    bytes for the same inputs (tests/test_key_prefetch.py holds them to each other and to the
    `cryptography` snippet in docs/privacy.md), so which one ran never changes a key. libsodium's
    SSE2 code is about 1.5x faster here (n=2^17: ~280 ms against ~420 ms), and every encrypted
    command waits for it; the others are kept for a PyNaCl that cannot load or was built without
    scrypt (libsodium's minimal build), so data always opens. The settings were checked
    (scrypt_problem), so no library's own memory limit is needed."""
    sodium = _sodium()
    try:
        if sodium is not None:
            ffi, lib = sodium
            out = ffi.new("uint8_t[]", 32)
            # releases the GIL (cffi does for every call not marked otherwise), so a derivation
            # started ahead runs beside the command's own imports (_Ahead)
            if lib.crypto_pwhash_scryptsalsa208sha256_ll(
                secret, len(secret), salt, len(salt), n, r, p, out, 32
            ):
                raise MemoryError  # libsodium returns -1 only when it cannot map the memory
            return bytes(ffi.buffer(out, 32))
        import hashlib

        if hasattr(hashlib, "scrypt"):
            return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=2**31 - 1, dklen=32)
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)
    except (ValueError, MemoryError):
        raise StorageError("storage.key_settings_here") from None


_SODIUM: list[tuple[Any, Any] | None] = []  # filled once: (ffi, lib), or None without it


def scrypt_by() -> str:
    """Which library derives keys in this process (the benchmark's scrypt row names it)."""
    if _sodium() is not None:
        return "libsodium"
    import hashlib

    return "OpenSSL" if hasattr(hashlib, "scrypt") else "cryptography"


def _sodium() -> tuple[Any, Any] | None:
    """PyNaCl's compiled libsodium module, initialised, if it has scrypt; else None. Only
    `nacl._sodium` is imported (~1 ms; `nacl.bindings` wraps all of libsodium in Python and
    takes ~20 ms, paid in the thread that should be deriving already). `sodium_init` picks the
    CPU's fastest code: without it scrypt runs the portable code, as slow as OpenSSL's."""
    if not _SODIUM:
        found: tuple[Any, Any] | None = None
        try:
            from nacl._sodium import ffi, lib

            if lib.PYNACL_HAS_CRYPTO_PWHASH_SCRYPTSALSA208SHA256 and lib.sodium_init() >= 0:
                found = (ffi, lib)
        except (ImportError, AttributeError):  # no PyNaCl, or one laid out otherwise
            pass
        _SODIUM.append(found)
    return _SODIUM[0]


class _Ahead:
    """One key derivation started before a command needs it (`prefetch`): scrypt (_scrypt)
    releases the GIL, so it runs in a daemon thread while the command imports its modules and
    reads what needs no key. The thread finds the header itself (`header_of`), so the command
    never waits on a file for it: `hiki crisis` says its lines first as always. The derived key
    stays in this process's memory, as any unlocked key does; nothing is written anywhere. It
    is used once, by the derivation asked for with the same passphrase, salt and settings
    (`_derive`); any other is derived as before (a key file replaced meanwhile has another
    salt), so a wrong passphrase fails as it always did."""

    pending: _Ahead | None = None  # the one started in this process and not used yet

    def __init__(self, passphrase: str, header_of: Callable[[], Header | None]) -> None:
        import threading

        self.passphrase = passphrase
        self.header_of = header_of
        self.wanted: tuple[str, bytes, int, int, int] | None = None  # None: nothing derived
        self.known = threading.Event()  # set once the header was looked for
        self.key: bytes | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="hiki-scrypt", daemon=True)

    def _run(self) -> None:
        try:
            header = self.header_of()
            if header is not None:
                self.wanted = (self.passphrase, header.salt, header.n, header.r, header.p)
        except BaseException:  # nothing derived: the command meets it and words it as always
            pass
        finally:
            self.known.set()
        if self.wanted is None:
            return
        try:
            self.key = _derive_now(*self.wanted)
        except BaseException as err:  # raised where the key is awaited, as if derived there
            self.error = err

    def result(self) -> bytes:
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.key is not None
        return self.key

    @classmethod
    def take(cls, passphrase: str, salt: bytes, n: int, r: int, p: int) -> _Ahead | None:
        ahead = cls.pending
        if ahead is None:
            return None
        ahead.known.wait()
        if ahead.wanted != (passphrase, salt, n, r, p):
            return None
        cls.pending = None
        return ahead


def prefetch(header: Header | Callable[[], Header | None], passphrase: str) -> None:
    """Start deriving the passphrase key of `header` (or of the header `header()` finds, in the
    thread) for `passphrase` (NFC, as unlock tries it first) in a daemon thread; unlock awaits
    it instead of deriving. At most one at a time: a second call while one is pending does
    nothing."""
    if _Ahead.pending is not None:
        return
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        return  # worded by the command itself, as before
    found = header if callable(header) else (lambda: header)
    ahead = _Ahead(nfc(passphrase), found)
    _Ahead.pending = ahead
    ahead.thread.start()


def prefetch_profile(args: list[str]) -> None:
    """For a command run with HIKI_PASSPHRASE: start the key derivation of the profile's
    encrypted log at once (prefetch), before typer and the command's modules are imported.
    The profile is `--profile NAME` before the command's name, else HIKI_PROFILE, else the
    default one. Anything unusual (no such profile, a plaintext log, an unreadable header)
    derives nothing: the command then meets it and words it as always."""
    secret = os.environ.get(PASSPHRASE_ENV)
    if not secret:
        return
    from hikicli.storage.roots import DEFAULT_PROFILE, typed_profile

    profile = typed_profile(args)[0] or os.environ.get("HIKI_PROFILE") or DEFAULT_PROFILE

    def header_of() -> Header | None:
        # the log Paths.resolve(profile=profile).log_file names, found with `os` only: pathlib
        # and the rest come later, in the command, while scrypt runs
        from hikicli.storage.roots import data_dir, roots, valid_profile

        if not valid_profile(profile):
            return None
        return read_header(os.path.join(data_dir(roots()[0], profile), "log.jsonl"))

    prefetch(header_of, secret)


class Cipher:
    """Seals and opens single lines with one data key."""

    def __init__(self, data_key: bytes, header: Header, kek: bytes | None = None) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.header = header
        self.key_id = header.key_id
        self._aead = AESGCM(data_key)
        self._data_key = data_key
        self._aad2 = RECORD_AAD_V2 + header.log_id.encode()
        # The key scrypt gave for the header's salt and settings: another file wrapped under the
        # same salt (a sealed export of this data) opens or is made without a second scrypt.
        self._kek = kek

    def sibling(self, kind: str) -> Cipher:
        """A new random data key wrapped by the same passphrase (the same scrypt salt and
        settings, so no second key derivation): a sealed export of this data, which shares
        nothing else with the log (its own key, key id and stream id)."""
        if self._kek is None:
            raise StorageError("storage.key_settings_here")
        data_key = os.urandom(32)
        header = _header(
            data_key, self._kek, self.header, os.urandom(8).hex(), os.urandom(8).hex(), kind
        )
        return Cipher(data_key, header, self._kek)

    def try_kek(self, header: Header) -> Cipher | None:
        """`header`'s cipher if it was wrapped under the same salt and settings as this one's
        and this cipher's passphrase key opens it (no key derivation), else None."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        mine = self.header
        if self._kek is None or (header.salt, header.n, header.r, header.p) != (
            mine.salt, mine.n, mine.r, mine.p,
        ):  # fmt: skip
            return None
        try:
            data_key = AESGCM(self._kek).decrypt(
                header.wrap_nonce, header.wrapped, KEY_AAD + header.key_id.encode()
            )
        except InvalidTag:
            return None
        return Cipher(data_key, header, self._kek)

    def seal_chunk(self, plain: bytes, seq: int, final: bool) -> bytes:
        """One line of a sealed export (without newline): chunk number `seq` (its line, the
        header being line 1) holding `plain` (at most EXPORT_CHUNK bytes), padded to
        EXPORT_CHUNK, bound to the export's id and to whether it is the last chunk."""
        if len(plain) > EXPORT_CHUNK:
            raise ValueError(Msg("storage.line_short"))
        body = _RECORD_HEAD.pack(seq, len(plain)) + plain + bytes(EXPORT_CHUNK - len(plain))
        nonce = os.urandom(NONCE_BYTES)
        aad = EXPORT_AAD + self.header.log_id.encode() + (b"\1" if final else b"\0")
        return base64.b64encode(nonce + self._aead.encrypt(nonce, body, aad))

    def open_chunk(self, line: bytes) -> tuple[int, bool, bytes]:
        """(number, is the last, plaintext) of one sealed export line; ValueError when it is
        damaged or belongs to another export."""
        from cryptography.exceptions import InvalidTag

        try:
            raw = base64.b64decode(line.strip(), validate=True)
        except binascii.Error:
            raise ValueError(Msg("storage.not_encrypted_line")) from None
        if len(raw) < NONCE_BYTES + 16 + _RECORD_HEAD.size:
            raise ValueError(Msg("storage.line_short"))
        bound = EXPORT_AAD + self.header.log_id.encode()
        for final in (False, True):
            try:
                body = self._aead.decrypt(
                    raw[:NONCE_BYTES], raw[NONCE_BYTES:], bound + (b"\1" if final else b"\0")
                )
            except InvalidTag:
                continue
            seq, length = _RECORD_HEAD.unpack_from(body)
            end = _RECORD_HEAD.size + length
            if end > len(body):
                raise ValueError(Msg("storage.line_short"))
            return seq, final, body[_RECORD_HEAD.size : end]
        raise ValueError(Msg("storage.line_not_decrypt"))

    def seal_record(self, plain: bytes, seq: int) -> bytes:
        """One stored line (without newline) holding `plain` as record number `seq` (the line it
        is written at) of this log, padded (format version 2, see the module)."""
        body = _RECORD_HEAD.pack(seq, len(plain)) + plain
        body += bytes(padded_size(len(body)) - len(body))
        nonce = os.urandom(NONCE_BYTES)
        return RECORD_V2 + base64.b64encode(nonce + self._aead.encrypt(nonce, body, self._aad2))

    def open_at(self, line: bytes, position: int) -> bytes:
        """The plaintext of the record stored at line `position` (the header is line 1), for a
        reader that knows where it is, forwards or backwards: ValueError if it is damaged, not
        this log's, or was written at another line (moved, repeated, or records removed before
        it). A version-1 record carries no number and is accepted anywhere."""
        seq, plain = self.open_record(line)
        if seq is not None and seq != position:
            raise ValueError(Msg("storage.record_out_of_order", seq=seq))
        return plain

    def open_record(self, line: bytes) -> tuple[int | None, bytes]:
        """(sequence number, plaintext) of one stored line, version 2 or 1 (which has no number:
        None). ValueError if it is damaged, not ours, or another log's. A reader going either
        way can call it on any one line: the number says where the record was written, and
        RecordOrder compares it with where it is."""
        from cryptography.exceptions import InvalidTag

        line = line.strip()
        if not line.startswith(RECORD_V2):
            return None, self.open(line)
        try:
            raw = base64.b64decode(line[2:], validate=True)
        except binascii.Error:
            raise ValueError(Msg("storage.not_encrypted_line")) from None
        if len(raw) < NONCE_BYTES + 16 + _RECORD_HEAD.size:
            raise ValueError(Msg("storage.line_short"))
        try:
            body = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._aad2)
        except InvalidTag:
            raise ValueError(Msg("storage.line_not_decrypt")) from None
        seq, length = _RECORD_HEAD.unpack_from(body)
        end = _RECORD_HEAD.size + length
        if end > len(body):
            raise ValueError(Msg("storage.line_short"))
        return seq, body[_RECORD_HEAD.size : end]

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
        """The same data key under a new passphrase (a new header, the same log id; records
        stay as they are)."""
        header, kek = _new_header(
            self._data_key, passphrase, self.key_id, log_id=self.header.log_id
        )
        return Cipher(self._data_key, header, kek)


def make_header(
    data_key: bytes,
    passphrase: str,
    key_id: str,
    n: int | None = None,
    log_id: str | None = None,
    kind: str = "encrypted",
) -> Header:
    """A header wrapping `data_key` under `passphrase` (a new salt: one scrypt). `kind` is the
    header's "hiki" field: "encrypted" for hiki's files, EXPORT_KIND for a sealed export."""
    return _new_header(data_key, passphrase, key_id, n, log_id, kind)[0]


def _new_header(
    data_key: bytes,
    passphrase: str,
    key_id: str,
    n: int | None = None,
    log_id: str | None = None,
    kind: str = "encrypted",
) -> tuple[Header, bytes]:
    """make_header, and the passphrase key it derived."""
    n = n or SCRYPT_N
    salt = os.urandom(16)
    kek = _derive(nfc(passphrase), salt, n, SCRYPT_R, SCRYPT_P)
    settings = _Settings(salt, n, SCRYPT_R, SCRYPT_P)
    return _header(data_key, kek, settings, key_id, log_id or os.urandom(8).hex(), kind), kek


class _Settings(NamedTuple):
    salt: bytes
    n: int
    r: int
    p: int


def _header(
    data_key: bytes, kek: bytes, kdf: _Settings | Header, key_id: str, log_id: str, kind: str
) -> Header:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, KEY_AAD + key_id.encode())
    obj = {
        "hiki": kind,
        "v": FORMAT_VERSION,
        "cipher": "AES-256-GCM",
        "kdf": {"name": "scrypt", "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(kdf.salt)},
        "key": {"nonce": _b64(nonce), "wrapped": _b64(wrapped)},
        "key_id": key_id,
        "log_id": log_id,
    }
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return Header.parse(raw, "new header")


def new_cipher(passphrase: str, n: int | None = None, kind: str = "encrypted") -> Cipher:
    """A fresh random data key wrapped by `passphrase`."""
    data_key = os.urandom(32)
    header, kek = _new_header(data_key, passphrase, os.urandom(8).hex(), n, kind=kind)
    return Cipher(data_key, header, kek)


def unlock(header: Header, passphrase: str) -> Cipher:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    tries = [nfc(passphrase)]
    if tries[0] != passphrase:
        tries.append(passphrase)  # data sealed before passphrases were normalised
    for secret in tries:
        kek = _derive(secret, header.salt, header.n, header.r, header.p)
        try:
            data_key = AESGCM(kek).decrypt(
                header.wrap_nonce, header.wrapped, KEY_AAD + header.key_id.encode()
            )
        except InvalidTag:
            continue
        return Cipher(data_key, header, kek)
    raise WrongPassphrase("storage.wrong_passphrase")


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

    def cipher(self, header: Header, ask: Callable[[], str] | None = None) -> Cipher:
        """The cipher of `header`, asking for its passphrase when no key known opens it.

        `ask` is for a file that is not this profile's (a sealed export being imported): it is
        asked with that file's own words, and what it returns is never kept as the profile's
        passphrase. The profile's passphrase, when it was typed already in this command, is
        tried on such a file first, without a question: one passphrase often opens both."""
        known = self._ciphers.get(header.key_id)
        if known is not None:
            return known
        for other in list(self._ciphers.values()):
            # Wrapped under a salt already derived (an export of this data): no second scrypt.
            sibling = other.try_kek(header)
            if sibling is not None:
                self._ciphers[header.key_id] = sibling
                return sibling
        own = ask is None
        asker = self._ask if own else ask
        tried: set[str] = set()  # a passphrase that did not open it is not derived again
        if not own and self._passphrase is not None:
            tried.add(self._passphrase)
            try:
                return self._keep(unlock(header, self._passphrase))
            except WrongPassphrase:
                pass  # not counted: nobody was asked yet
        self.wrong_tries = 0
        while True:
            try:
                secret = self.passphrase() if ask is None else ask()
                if secret in tried:
                    raise WrongPassphrase("storage.wrong_passphrase")
                tried.add(secret)
                cipher = unlock(header, secret)
            except WrongPassphrase:
                if own:
                    self._passphrase = None  # never keep a wrong one for the next file
                self.wrong_tries += 1
                if asker is None or self.wrong_tries >= MAX_TRIES:
                    raise
                continue
            self.wrong_tries = 0
            return self._keep(cipher)

    def _keep(self, cipher: Cipher) -> Cipher:
        self._ciphers[cipher.key_id] = cipher
        return cipher


def seal_lines(cipher: Cipher, plain: bytes) -> bytes:
    """A whole encrypted file: the header, then one sealed line per plaintext line."""
    out = [cipher.header.raw]
    out += [cipher.seal_record(line, seq) for seq, line in enumerate(split_lines(plain), 2)]
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
            plain.append(cipher.open_record(raw)[1])
        except ValueError:
            if keep_damaged:
                plain.append(raw)
                continue
            raise StorageError("storage.line_damaged", where=f"{where}:{number}") from None
    return cipher, plain


class RecordOrder:
    """Compares each version-2 record's sequence number with the line it is at, in one read.

    A record hiki wrote at line N says N. Reading from the log's start (`from_start`, the header
    being record 1), the order is reported once where it breaks: records missing before a line
    (it says more than the line after the highest number so far), a record out of order (less
    than that number), or repeated (a number already read: the copy is skipped; the others are
    kept, their content is genuine). Lines that did not open (damaged) count as records read.
    Reading from the middle (an incremental read), the first record sets the expectation.
    Version-1 records carry no number and are not compared. A reader going backwards can compare
    neighbours' numbers the same way (each number is the line it was written at)."""

    SEEN_LIMIT = 1 << 27  # numbers remembered for repeats (a 16 MiB bitmap at most)

    def __init__(self, from_start: bool = True) -> None:
        self.top: int | None = 1 if from_start else None  # the highest number read
        self.line = 1  # the line of the last record compared
        self.seen: bytearray | None = bytearray() if from_start else None

    def check(self, seq: int | None, line: int) -> tuple[Msg | None, bool]:
        """(the problem at `line` or None, whether to skip the record as a repeat)."""
        if seq is None:
            return None, False
        repeat = self._mark(seq)
        if self.top is None:
            self.top, self.line = seq, line
            return None, False
        expected = self.top + (line - self.line)
        self.line = line
        if repeat:
            return Msg("storage.record_repeated", seq=seq), True
        if seq < self.top:
            return Msg("storage.record_out_of_order", seq=seq), False
        self.top = seq
        if seq > expected:
            return Msg("storage.records_missing", count=seq - expected), False
        return None, False

    def _mark(self, seq: int) -> bool:
        if self.seen is None or seq >= self.SEEN_LIMIT:
            return False
        index, bit = divmod(seq, 8)
        if index >= len(self.seen):
            self.seen.extend(bytes(index + 1 - len(self.seen) + 4096))
        if self.seen[index] & (1 << bit):
            return True
        self.seen[index] |= 1 << bit
        return False
