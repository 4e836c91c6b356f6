"""hikicli.quickline, the reader of the first typed question: its colours are prompt_toolkit's
own, its keys edit as prompt_toolkit's do, and the terminal's modes are the same after it,
however it ends (a real pseudo-terminal, in this process). What it draws is compared with
questionary's screen in tests/test_first_question_e2e.py."""

from __future__ import annotations

import os
import termios
import threading
from collections.abc import Iterator

import pytest

from hikicli import quickline

pyte = pytest.importorskip("pyte")


def test_the_colours_are_prompt_toolkits_for_questionarys_default_style() -> None:
    from prompt_toolkit.output.color_depth import ColorDepth
    from prompt_toolkit.output.vt100 import _EscapeCodeCache
    from prompt_toolkit.styles import default_pygments_style, default_ui_style, merge_styles
    from questionary.styles import merge_styles_default

    style = merge_styles([default_ui_style(), default_pygments_style(), merge_styles_default([])])
    for depth, codes in quickline.SGR.items():
        escape = _EscapeCodeCache(ColorDepth(depth))
        for key, code in codes.items():
            kind, _, grey = key.partition(" ")
            classes = (f"class:{kind}" if kind else "") + (" class:aborting" if grey else "")
            assert escape[style.get_attrs_for_style_str(classes)] == f"\x1b[{code}m", (depth, key)


def test_the_colour_depth_is_prompt_toolkits() -> None:
    pty_pair = os.openpty()
    tty = {"fds": (pty_pair[1], pty_pair[1])}
    try:
        assert quickline.depth({"TERM": "xterm"}, **tty) == "DEPTH_8_BIT"
        assert quickline.depth({}, **tty) == "DEPTH_8_BIT"
        assert quickline.depth({"TERM": "xterm", "NO_COLOR": "1"}, **tty) == "DEPTH_1_BIT"
        assert quickline.depth({"TERM": "dumb"}, **tty) == "DEPTH_1_BIT"
        assert quickline.depth({"TERM": "linux"}, **tty) is None  # 16 colours: questionary
        assert quickline.depth({"PROMPT_TOOLKIT_COLOR_DEPTH": "DEPTH_24_BIT"}, **tty) is None
        r, w = os.pipe()
        assert quickline.depth({"TERM": "xterm"}, fds=(r, w)) is None  # not a terminal
        for fd in (r, w):
            os.close(fd)
    finally:
        for fd in pty_pair:
            os.close(fd)


def test_a_long_answer_wraps_as_prompt_toolkit_wraps() -> None:
    rows, above, cursor = quickline.layout("Mood?", "123", 12)
    assert above == 0
    assert ["".join(c for _, c, _ in row) for row in rows] == ["? Mood? 123 "]
    assert cursor == (0, 11)
    rows, _, cursor = quickline.layout("Mood?", "1234", 12)  # the cursor's space wraps
    assert ["".join(c for _, c, _ in row) for row in rows] == ["? Mood? 1234", " "]
    assert cursor == (1, 0)
    rows, _, _ = quickline.layout("Mood?", "123あ", 12)  # a wide one never straddles the edge
    assert [[(x, c) for x, c, _ in row] for row in rows][1] == [(0, "あ"), (2, " ")]


def test_a_question_of_several_lines_has_them_above_the_answer() -> None:
    rows, above, cursor = quickline.layout("How is\nyour mood?", "", 20)
    assert above == 1
    assert ["".join(c for _, c, _ in row) for row in rows] == ["? How is", "your mood?  "]
    assert cursor == (1, 11)


def test_keys_edit_as_prompt_toolkits_emacs_keys() -> None:
    def at_end(answer: str, key: str) -> tuple[str, bool]:
        new, pos, bell = quickline.edit(answer, len(answer), key)
        return new, bell

    assert at_end("12", "\x7f") == ("1", False)
    assert at_end("", "\x7f") == ("", True)  # nothing to delete: the bell
    assert at_end("ab cd  ", "\x17") == ("ab ", False)  # Ctrl-W: a word and its spaces
    assert at_end("   ", "\x17") == ("", False)
    assert at_end("", "\x17") == ("", True)
    assert at_end("ab cd", "\x15") == ("", False)  # Ctrl-U
    assert at_end("1", "５") == ("1５", False)
    assert at_end("1", "\u3000") == ("1\u3000", False)  # the full-width space is typed
    assert at_end("1", "\x1b[3~") == ("1", True)  # Delete at the end: nothing to delete
    for ignored in ("\t", "\x1b[A", "\x1b[B", "\x1b"):
        assert at_end("1", ignored) == ("1", False)


def keys(typed: list[str]) -> tuple[str, int]:
    answer, pos = "", 0
    for key in typed:
        answer, pos, _ = quickline.edit(answer, pos, key)
    return answer, pos


def test_the_cursor_moves_and_edits_where_it_is() -> None:
    # the audit's keys, and what questionary made of them
    assert keys(["7", "\x7f", "5", "\x1b[D", "3"])[0] == "35"
    assert keys(["1", "2", "\x1b[H", "3", "\x1b[F", "4", "\x1b[3~", "\x01", "7"])[0] == "73124"
    assert keys([*"I feel tird", "\x1b[D", "\x1b[D", "e"]) == ("I feel tierd", 10)
    assert keys(["1", "2", "\x1bOD", "\x1bOD", "\x1bOD", "\x1b[3~"]) == ("2", 0)  # no wrap
    assert keys(["1", "2", "\x01", "\x05", "\x1b[C", "3"]) == ("123", 3)  # Ctrl-A, Ctrl-E
    assert keys(["a", "b", " ", "c", "\x1b[D", "\x17"]) == ("c", 0)  # Ctrl-W before the cursor
    assert keys(["a", "b", "\x1b[D", "\x15"]) == ("b", 0)  # Ctrl-U before the cursor
    assert keys(["1", "\x1b[D", "\x04"]) == ("", 0)  # Ctrl-D deletes the one under the cursor


def test_a_paste_is_typed_text_with_its_line_break() -> None:
    assert keys(["1", "\x1b[200~2\r\n3\r4"]) == ("12\n3\n4", 6)  # as prompt_toolkit's \n
    assert keys(["\x1b[200~a\nb", "\x1b[H", "x"]) == ("a\nxb", 3)  # Home: the line's start
    rows, _, cursor = quickline.layout("Q?", "a\nbc", 20, 3)
    assert ["".join(c for _, c, _ in row) for row in rows] == ["? Q? a", "bc "]
    assert cursor == (1, 1)


def test_the_cursor_is_drawn_on_its_character_wide_ones_too() -> None:
    assert quickline.layout("Mood?", "12", 20, 0)[2] == (0, 8)
    assert quickline.layout("Mood?", "あい", 20, 1)[2] == (0, 10)
    rows, _, cursor = quickline.layout("Mood?", "123あ", 12, 3)  # あ wrapped: the cursor with it
    assert cursor == (1, 0)


class Pty:
    """A pseudo-terminal pair: the reader on the slave side, keys typed and the screen read on
    the master side."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        os.set_blocking(self.master, False)
        self.screen = pyte.Screen(40, 10)
        self.stream = pyte.ByteStream(self.screen)

    def read(self) -> list[str]:
        while True:
            try:
                data = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                break
            if not data:
                break
            self.stream.feed(data)
        return [line.rstrip() for line in self.screen.display]

    def ask(self, keys: bytes, **kw: object) -> str:
        """Type the keys once the question is shown (typed before, a terminal's own line editing
        would take Backspace, Ctrl-C and Ctrl-D, as it does before any prompt)."""
        shown = kw.pop("shown", None)

        def type_keys() -> None:
            os.write(self.master, keys)
            if callable(shown):
                shown()

        return quickline.read_line(
            "Mood?",
            fd_in=self.slave,
            fd_out=self.slave,
            shown=type_keys,
            **kw,  # type: ignore[arg-type]
        )

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty() -> Iterator[Pty]:
    p = Pty()
    yield p
    p.close()


def test_an_answer_typed_edited_and_entered(pty: Pty) -> None:
    before = termios.tcgetattr(pty.slave)
    assert pty.ask(b"7\x7f5\r") == "5"
    assert termios.tcgetattr(pty.slave) == before
    assert pty.read()[:2] == ["? Mood? 5", ""]
    assert (pty.screen.cursor.y, pty.screen.cursor.x) == (1, 0)  # below, as questionary leaves it
    cell = pty.screen.buffer[0][8]
    assert (cell.data, cell.fg, cell.bold) == ("5", "ffaf00", True)


def test_ctrl_c_redraws_grey_and_restores_the_terminal(pty: Pty) -> None:
    before = termios.tcgetattr(pty.slave)
    with pytest.raises(KeyboardInterrupt):
        pty.ask(b"4\x03")
    assert termios.tcgetattr(pty.slave) == before
    assert pty.read()[0] == "? Mood? 4"
    assert {pty.screen.buffer[0][x].fg for x in range(40)} == {"878787"}


def test_ctrl_d_on_an_empty_answer_is_the_end_of_input(pty: Pty) -> None:
    before = termios.tcgetattr(pty.slave)
    with pytest.raises(EOFError):
        pty.ask(b"\x04")
    assert termios.tcgetattr(pty.slave) == before


def test_an_error_while_asking_restores_the_terminal(pty: Pty) -> None:
    before = termios.tcgetattr(pty.slave)

    def broken() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        pty.ask(b"", shown=broken)
    assert termios.tcgetattr(pty.slave) == before


def test_keys_after_enter_are_left_for_the_next_question(pty: Pty) -> None:
    waited = threading.Event()
    assert pty.ask(b"5\r3\r", before_return=waited.set) == "5"
    assert waited.is_set()  # the import is waited for while the terminal is still raw
    raw = termios.tcgetattr(pty.slave)
    raw[3] &= ~termios.ICANON
    termios.tcsetattr(pty.slave, termios.TCSANOW, raw)
    assert os.read(pty.slave, 16) == b"3\r"


def test_the_terminal_echoes_nothing_while_it_reads(pty: Pty) -> None:
    seen: list[int] = []

    def shown() -> None:
        seen.append(termios.tcgetattr(pty.slave)[3])

    pty.ask(b"\r", shown=shown)
    assert seen and not seen[0] & (termios.ECHO | termios.ICANON | termios.ISIG)


def test_a_terminal_left_non_blocking_still_reads_the_keys(pty: Pty) -> None:
    os.set_blocking(pty.slave, False)

    def type_later() -> None:  # the reader is already waiting for a key
        threading.Timer(0.1, os.write, (pty.master, b"8\r")).start()

    assert quickline.read_line("Mood?", fd_in=pty.slave, fd_out=pty.slave, shown=type_later) == "8"


def test_a_paste_with_a_line_break_stays_in_the_answer(pty: Pty) -> None:
    before = termios.tcgetattr(pty.slave)
    assert pty.ask(b"1\x1b[200~2\r3\x1b[201~\x1b[Dx\x1b[Hy\r") == "12\nyx3"
    assert termios.tcgetattr(pty.slave) == before
    assert pty.read()[:3] == ["? Mood? 12", "yx3", ""]


def test_bracketed_paste_is_on_while_reading_and_off_after(pty: Pty) -> None:
    raw: list[bytes] = []
    pty.stream.feed = raw.append  # type: ignore[method-assign]  (the bytes, not the screen)
    for keys, ending in ((b"5\r", None), (b"4\x03", KeyboardInterrupt), (b"\x04", EOFError)):
        if ending is None:
            pty.ask(keys)
        else:
            with pytest.raises(ending):
                pty.ask(keys)
        pty.read()
        out = b"".join(raw)
        raw.clear()
        assert out.startswith(b"\x1b[?2004h\x1b[?1l")  # as prompt_toolkit's first render
        # the cursor shown not blinking, then bracketed paste off, as prompt_toolkit ends
        assert out.endswith(b"\x1b[?12l\x1b[?25h\x1b[?2004l") and out.count(b"\x1b[?2004l") == 1


def test_a_resize_redraws_at_the_new_width_at_once(pty: Pty) -> None:
    import fcntl
    import signal
    import struct
    import time

    seen: list[list[str]] = []

    def resize_then_enter() -> None:  # while the reader waits for a key
        time.sleep(0.2)
        pty.read()
        fcntl.ioctl(pty.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 10, 8, 0, 0))
        pty.screen.resize(10, 8)
        os.kill(os.getpid(), signal.SIGWINCH)
        time.sleep(0.3)
        seen.append(pty.read()[:3])
        os.write(pty.master, b"\r")

    def later() -> None:
        threading.Thread(target=resize_then_enter, daemon=True).start()

    handler = signal.getsignal(signal.SIGWINCH)
    fcntl.ioctl(pty.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 10, 40, 0, 0))
    assert pty.ask(b"12", shown=later) == "12"
    # the answer wrapped at 8 columns as prompt_toolkit redraws it, before any other key
    assert seen == [["? Mood?", "12", ""]]
    assert signal.getsignal(signal.SIGWINCH) is handler
