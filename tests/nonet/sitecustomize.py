"""Loaded by child processes the tests start (via PYTHONPATH): no network there either.

pytest-socket blocks sockets inside the test process only; hiki run as a child process gets the
same rule from here. Unix sockets (local pipes) stay allowed.
"""

import socket

_real_socket = socket.socket


class _NoNetworkSocket(_real_socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002
        if family in (socket.AF_INET, socket.AF_INET6) or (family == -1 and fileno is None):
            raise RuntimeError("network sockets are blocked in hiki's tests")
        super().__init__(family, type, proto, fileno)


socket.socket = _NoNetworkSocket  # type: ignore[misc]
