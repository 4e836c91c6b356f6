"""Sealed exports (`hiki data export --encrypt`): the export document, encrypted as a stream.

Line 1 is a header like the log's (crypto.Header, `"hiki": "sealed-export"`): the scrypt settings
and salt, and a random key for this export wrapped by the passphrase. Every other line is one
chunk of the export document (EXPORT_CHUNK bytes of it, the last one fewer), sealed with
AES-256-GCM (crypto.Cipher.seal_chunk): its number (the line it is at), its length, the bytes,
zero padding to EXPORT_CHUNK, bound to the export's id and to whether it is the last chunk. So,
as with age's STREAM, a chunk moved, repeated, taken from another export, or a file cut after
any chunk but the last, is refused; and the file's size tells only the document's size in
64 KiB steps. A reader gets the document back a chunk at a time (SealedReader), so an import of
a sealed export takes the same memory as one of a plain file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from hikicli.errors import UsageError
from hikicli.storage.crypto import (
    EXPORT_CHUNK,
    EXPORT_MAGIC,
    MAX_HEADER,
    Cipher,
    DamagedHeader,
    Header,
    KeyRing,
    WrongPassphrase,
)

# A sealed chunk's line: base64 of nonce, 12 bytes of head, the chunk, and the tag.
_LINE = 4 * -(-(12 + 12 + EXPORT_CHUNK + 16) // 3)


def sealed_header(path: Path) -> Header | None:
    """The header of a sealed export at `path`, or None when the file is not one (a plain
    export, or anything else: the import's own checks word that)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAX_HEADER)
    except OSError:
        return None
    if not head.startswith(EXPORT_MAGIC):
        return None
    end = head.find(b"\n")
    if end < 0:
        raise UsageError("data.sealed_damaged", path=path, line=1)
    try:
        return Header.parse(head[:end], str(path))
    except DamagedHeader:
        raise UsageError("data.sealed_damaged", path=path, line=1) from None


def unlock_export(
    keys: KeyRing, header: Header, path: Path, ask: Callable[[], str] | None = None
) -> Cipher:
    """The export's cipher, its passphrase asked by `ask` (in words naming the export); an
    export of this profile's unlocked data, or one sealed with the same passphrase, opens
    without a question. A wrong passphrase is worded for the file (exit 2)."""
    try:
        return keys.cipher(header, ask)
    except WrongPassphrase:
        raise UsageError("data.sealed_wrong_passphrase", path=path) from None


class SealedWriter:
    """Takes the export document's text piece by piece and writes it sealed to `out`; `close()`
    writes the last chunk (always one, perhaps empty), without which a reader refuses the file."""

    def __init__(self, out: Callable[[bytes], Any], cipher: Cipher) -> None:
        self.out = out
        self.cipher = cipher
        self.buf = bytearray()
        self.seq = 2  # the header is line 1
        out(cipher.header.raw + b"\n")

    def write(self, text: str) -> None:
        self.buf += text.encode("utf-8")
        if len(self.buf) > EXPORT_CHUNK:
            lines = []
            while len(self.buf) > EXPORT_CHUNK:  # one byte at least stays for the last chunk
                chunk = bytes(self.buf[:EXPORT_CHUNK])
                lines.append(self.cipher.seal_chunk(chunk, self.seq, False))
                del self.buf[:EXPORT_CHUNK]
                self.seq += 1
            self.out(b"".join(line + b"\n" for line in lines))

    def close(self) -> None:
        self.out(self.cipher.seal_chunk(bytes(self.buf), self.seq, True) + b"\n")
        self.buf = bytearray()


class SealedReader:
    """The plaintext document of a sealed export, read a chunk at a time (`read(n)`, as a
    binary file). A chunk that does not open, is out of its place, or a file that ends before
    its last chunk (or goes on after it) raises UsageError naming the file and the line: the
    import has written nothing by then."""

    def __init__(self, fh: BinaryIO, cipher: Cipher, path: Path) -> None:
        self.fh = fh
        self.cipher = cipher
        self.path = path
        self.line = 1
        self.done = False
        self.buf = b""
        fh.seek(0)
        fh.readline(MAX_HEADER + 1)  # the header, parsed already

    def _next(self) -> bytes:
        raw = self.fh.readline(_LINE + 2)
        self.line += 1
        if not raw or raw.strip() == b"":
            raise UsageError("data.sealed_cut", path=self.path)
        try:
            seq, final, plain = self.cipher.open_chunk(raw)
        except ValueError:
            raise UsageError("data.sealed_damaged", path=self.path, line=self.line) from None
        if seq != self.line or (not final and len(plain) != EXPORT_CHUNK):
            raise UsageError("data.sealed_damaged", path=self.path, line=self.line)
        if final:
            self.done = True
            if self.fh.read(64).strip():  # a newline an editor added is no harm
                raise UsageError("data.sealed_damaged", path=self.path, line=self.line + 1)
        return plain

    def read(self, n: int = -1) -> bytes:
        while not self.done and (n < 0 or len(self.buf) < n):
            self.buf += self._next()
        if n < 0:
            out, self.buf = self.buf, b""
        else:
            out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def close(self) -> None:
        self.fh.close()

    def __enter__(self) -> SealedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_sealed(path: Path, cipher: Cipher) -> SealedReader:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return SealedReader(os.fdopen(fd, "rb"), cipher, path)


def read_sealed(path: Path, cipher: Cipher) -> bytes:
    """The whole plaintext document (the import's careful path, which names a problem's line)."""
    with open_sealed(path, cipher) as reader:
        return reader.read()
