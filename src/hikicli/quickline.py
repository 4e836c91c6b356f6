"""The first number question of a session, read before questionary is loaded.

questionary and prompt_toolkit take about 130 ms to import, and the first check-in question
would wait for them. So the prompter (prompting.QuestionaryPrompter) asks its first question,
when it is a number (scale, number: short answers), with this small reader, in raw mode on the
terminal, and imports questionary in a thread meanwhile: the person reads the question while the
import finishes, and every later question, and every text question, is questionary's own.

The screen is drawn exactly as prompt_toolkit draws `questionary.text` with questionary's
default style (the same characters, colours and cursor, seen in a pty through pyte): the `?`
mark, the question (its lines above the input; the last one followed by the answer, wrapped at
the terminal's width), the answer in the answer style while it is typed and after Enter; after
Ctrl-C (or Ctrl-D on an empty answer) it is redrawn grey, as prompt_toolkit does when a prompt is
aborted. Keys are prompt_toolkit's emacs keys (`edit`): printable characters (wide ones too)
typed where the cursor is, Left/Right (Ctrl-B/Ctrl-F), Home/End (Ctrl-A/Ctrl-E), Backspace,
Delete and Ctrl-D, Ctrl-U, Ctrl-W, Enter; Ctrl-C raises KeyboardInterrupt and Ctrl-D on an empty
answer EOFError, as prompt_toolkit does. Bracketed paste is on while it reads (the same
sequences as prompt_toolkit's renderer): a paste is typed text, a line break in it kept in the
answer (drawn on a row of its own), never an Enter. Any other key, and other escape sequences
(read whole), are ignored, never echoed. The width is read again at every redraw, and a resize
(SIGWINCH) redraws it all at the new size at once, as prompt_toolkit does. Bytes typed after
Enter stay unread for the next question. The terminal's modes (and the SIGWINCH handler) are
restored however the reading ends.

Used only on a real terminal whose colours prompt_toolkit would draw in 256 colours or none
(`NO_COLOR`, `TERM=dumb`); anything else asks with questionary as before (`depth()` says).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterator

# prompt_toolkit's SGR codes for questionary's default style (questionary.constants
# DEFAULT_STYLE: qmark fg:#5f819d, question bold, answer fg:#FF9D00 bold) and for its
# "aborting"/"exiting" style (#888888, appended to every cell when a prompt is cancelled), by
# colour depth. tests/test_quickline.py computes them with prompt_toolkit itself.
SGR = {
    "DEPTH_8_BIT": {
        "qmark": "0;38;5;67", "question": "0;1", "answer": "0;38;5;214;1", "": "0",
        "qmark grey": "0;38;5;102", "question grey": "0;38;5;102;1",
        "answer grey": "0;38;5;102;1", " grey": "0;38;5;102",
    },
    "DEPTH_1_BIT": {
        "qmark": "0", "question": "0;1", "answer": "0;1", "": "0",
        "qmark grey": "0", "question grey": "0;1", "answer grey": "0;1", " grey": "0",
    },
}  # fmt: skip
ESC = "\x1b"
ENTER = ("\r", "\n")
BACKSPACE = ("\x7f", "\x08")
CTRL_C, CTRL_D, CTRL_U, CTRL_W, BELL = "\x03", "\x04", "\x15", "\x17", "\x07"
NOT_TYPED = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))

Cell = tuple[int, str, str]  # column, character, style
Layout = tuple[list[list[Cell]], int, tuple[int, int]]  # rows, rows above the input, cursor


def depth(
    environ: os._Environ[str] | dict[str, str] = os.environ, fds: tuple[int, int] = (0, 1)
) -> str | None:
    """The colour depth prompt_toolkit would draw with here, when the reader can draw it the
    same (256 colours, or none); None: ask with questionary. Needs a terminal on both sides
    (`fds`: stdin and stdout)."""
    try:
        if not all(os.isatty(fd) for fd in fds):
            return None
        import termios  # noqa: F401  (none on Windows: questionary asks there)
    except (ImportError, OSError, ValueError):
        return None
    if environ.get("NO_COLOR"):  # prompt_toolkit ColorDepth.from_env
        return "DEPTH_1_BIT"
    forced = environ.get("PROMPT_TOOLKIT_COLOR_DEPTH")
    if forced in ("DEPTH_1_BIT", "DEPTH_4_BIT", "DEPTH_8_BIT", "DEPTH_24_BIT"):
        return forced if forced in SGR else None
    term = environ.get("TERM")
    if term is not None and term.lower() in ("dumb", "unknown"):
        return "DEPTH_1_BIT"
    if term in ("linux", "eterm-color"):  # 16 colours: left to questionary
        return None
    return "DEPTH_8_BIT"


def cells(char: str) -> int:
    """Columns a character takes, as prompt_toolkit counts them (wcwidth) for the text a
    question holds: wide and full-width characters two, combining marks none."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def layout(message: str, answer: str, width: int, pos: int | None = None) -> Layout:
    """Where prompt_toolkit puts questionary.text's prompt and the answer: the message's lines
    before the last in a window of their own (cut at the width), then one window holding the
    last line, the answer and a space for the cursor, wrapped at the width (a pasted newline
    starts a row of its own at the left edge). The cursor is on the cell of the answer's
    character at `pos` (its end when None)."""
    pos = len(answer) if pos is None else pos
    prompt = [("qmark", "?")] + [("question", c) for c in f" {message} "]
    cut = max((i for i, (_, c) in enumerate(prompt) if c == "\n"), default=-1)
    rows: list[list[Cell]] = []
    if cut >= 0:
        rows.append([])
        x = 0
        for style, char in prompt[:cut]:
            if char == "\n":
                rows.append([])
                x = 0
                continue
            w = cells(char)
            if x + w <= width:
                rows[-1].append((x, char, style))
            x += w
    above = len(rows)
    start = len(prompt) - cut - 1  # the answer's first character in the window's line
    line = prompt[cut + 1 :] + [("answer", c) for c in answer] + [("", " ")]
    rows.append([])
    x = 0
    cursor = (0, 0)
    for i, (style, char) in enumerate(line):
        if i >= start and char == "\n":  # a pasted line break: the next row, no prompt before
            if i - start == pos:
                cursor = (len(rows) - 1, x)
            rows.append([])
            x = 0
            continue
        w = cells(char)
        if x + w > width:
            rows.append([])
            x = 0
        if w == 0 and rows[-1]:  # merged into the cell before, as prompt_toolkit does
            col, before, was = rows[-1][-1]
            rows[-1][-1] = (col, before + char, was)
            if i - start == pos:
                cursor = (len(rows) - 1, col)
            continue
        if i - start == pos:
            cursor = (len(rows) - 1, x)
        rows[-1].append((x, char, style))
        x += w
    return rows, above, cursor


# Styles with a colour: prompt_toolkit writes a space in them (bold alone does not count).
COLOURED = {"qmark": True, "question": False, "answer": True, "": False}
Screen = dict[int, dict[int, tuple[str, str]]]  # row -> column -> (character, style)


def screen(shape: Layout, width: int, grey: bool = False) -> Screen:
    """prompt_toolkit's screen for a layout: every cell written, a wide character's second cell
    held by an empty one. The last row of each window is filled with spaces whose style holds
    its `last-line` class (so a row that stops being the last is redrawn whole); cancelled
    (`grey`), every cell gets the grey "aborting" style appended."""
    rows, above, _ = shape
    out: Screen = {}
    for y, row in enumerate(rows):
        last = " last" if y in (above - 1, len(rows) - 1) else ""
        line = out.setdefault(y, {})
        for col, char, style in row:
            line[col] = (char, style + last)
            for extra in range(1, cells(char[0])):
                line[col + extra] = ("", "")
        if last:
            for col in range(width):
                line.setdefault(col, (" ", last))
    if grey:
        out = {y: {x: (c, f"{s} grey") for x, (c, s) in line.items()} for y, line in out.items()}
    return out


def _kind(style: str) -> str:
    """The style's SGR key: the class (qmark, question, answer or none), grey when cancelled."""
    parts = style.split()
    kind = next((p for p in parts if p in COLOURED), "")
    return f"{kind} grey" if "grey" in parts else kind


def _last_shown(line: dict[int, tuple[str, str]], width: int) -> int:
    """The last column prompt_toolkit draws in a row: a character, or a space with colour."""
    seen = (x for x, (c, s) in line.items() if c != " " or "grey" in s or COLOURED[_kind(s)])
    return min(width - 1, max(seen, default=0))


class Terminal:
    """What prompt_toolkit's renderer leaves on the terminal, cell by cell. It redraws only the
    cells that changed since its last render, up to each row's last drawn column (so the
    question's trailing bold space is not drawn while the answer is empty, nor while typing),
    clears a row's end when it got shorter, and redraws everything on its first render and when
    the prompt is done. Drawing that state from scratch each time gives the same screen."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.previous: Screen | None = None
        self.shown: Screen = {}

    def render(self, new: Screen, full: bool = False) -> None:
        previous = self.previous
        if full or previous is None:
            self.shown, previous = {}, {}
        for y in range(max(len(new), len(previous))):
            row, old = new.get(y, {}), previous.get(y, {})
            shown = self.shown.setdefault(y, {})
            last, old_last = _last_shown(row, self.width), _last_shown(old, self.width)
            col = 0
            while col <= last:
                cell = row.get(col, (" ", ""))
                if cell != old.get(col, (" ", "")):
                    shown[col] = cell
                    for extra in range(1, cells(cell[0][0]) if cell[0] else 1):
                        shown[col + extra] = ("", "")  # a wide one covers the next cell
                col += max(1, cells(cell[0][0])) if cell[0] else 1  # prompt_toolkit: width or 1
            if previous and last < old_last:
                for x in [x for x in shown if x > last]:
                    del shown[x]
        self.previous = new

    def draw(
        self, sgr: dict[str, str], at_row: int, rows: int, cursor: tuple[int, int] | None
    ) -> str:
        """The bytes that show this state from the layout's start (the cursor is on row `at_row`
        of it): erase below, the rows, then the cursor at `cursor`, or below the layout's
        `rows` at the start of a line (done)."""
        out = ["\x1b[?25l\r", f"\x1b[{at_row}A" if at_row else "", "\x1b[0m\x1b[J\x1b[?7l"]
        style = None
        last_row = max([rows - 1, *(y for y, line in self.shown.items() if line)])
        for y in range(last_row + 1):
            if y:
                out.append("\x1b[0m\r\n")
                style = None
            x = 0
            for col, (char, kind) in sorted(self.shown.get(y, {}).items()):
                if not char:
                    continue  # the second half of a wide character
                if col > x:
                    out.append(f"\x1b[{col - x}C")
                if sgr[_kind(kind)] != style:
                    style = sgr[_kind(kind)]
                    out.append(f"\x1b[{style}m")
                out.append(char)
                x = col + cells(char[0])
        out.append("\x1b[0m\r")
        if cursor is None:
            out.append("\n" * (rows - last_row) + "\x1b[J")
        else:
            if last_row > cursor[0]:
                out.append(f"\x1b[{last_row - cursor[0]}A")
            if cursor[1]:
                out.append(f"\x1b[{cursor[1]}C")
        out.append("\x1b[?7h\x1b[0m\x1b[?12l\x1b[?25h")  # shown, not blinking: prompt_toolkit's
        return "".join(out)


LEFT = ("\x1b[D", "\x1bOD", "\x02")  # and Ctrl-B
RIGHT = ("\x1b[C", "\x1bOC", "\x06")  # and Ctrl-F
HOME = ("\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~", "\x01")  # and Ctrl-A
END = ("\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", "\x05")  # and Ctrl-E
DELETE = ("\x1b[3~", CTRL_D)  # Ctrl-D on an empty answer ends the input (read_line)
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# prompt_toolkit's renderer: bracketed paste on and the cursor keys' normal mode at its first
# render, bracketed paste off when it is reset (the prompt done or cancelled)
PASTE_ON, PASTE_OFF = "\x1b[?2004h\x1b[?1l", "\x1b[?2004l"


def edit(answer: str, pos: int, key: str) -> tuple[str, int, bool]:
    """The answer and the cursor's place in it after one key (a character, a control key, an
    escape sequence), and whether the terminal rings its bell (prompt_toolkit's, when there was
    nothing to delete). The keys are prompt_toolkit's emacs keys for a line; the moves stay in
    the line the cursor is on (an answer holds more than one only after a paste)."""
    line_start = answer.rfind("\n", 0, pos) + 1
    line_end = answer.find("\n", pos)
    line_end = len(answer) if line_end < 0 else line_end
    if key in BACKSPACE:
        if not pos:
            return answer, pos, True
        return answer[: pos - 1] + answer[pos:], pos - 1, False
    if key in DELETE:
        if pos >= len(answer):
            return answer, pos, True
        return answer[:pos] + answer[pos + 1 :], pos, False
    if key in LEFT:
        return answer, max(line_start, pos - 1), False
    if key in RIGHT:
        return answer, min(line_end, pos + 1), False
    if key in HOME:
        return answer, line_start, False
    if key in END:
        return answer, line_end, False
    if key == CTRL_U:  # the line before the cursor; at its start, the line break before it
        cut = line_start if pos > line_start else max(0, pos - 1)
        return answer[:cut] + answer[pos:], cut, False
    if key == CTRL_W:  # the word before the cursor, and the spaces after it
        kept = answer[:pos].rstrip()
        while kept and not kept[-1].isspace():
            kept = kept[:-1]
        return kept + answer[pos:], len(kept), not pos
    if key.startswith(PASTE_START):  # pasted text: typed as it is, a line break kept in it
        text = key[len(PASTE_START) :].replace("\r\n", "\n").replace("\r", "\n")
        text = "".join(c for c in text if c == "\n" or unicodedata.category(c) not in NOT_TYPED)
        return answer[:pos] + text + answer[pos:], pos + len(text), False
    if len(key) == 1 and unicodedata.category(key) not in NOT_TYPED:
        return answer[:pos] + key + answer[pos:], pos + 1, False
    return answer, pos, False


def read_line(
    message: str,
    default: str = "",
    color_depth: str = "DEPTH_8_BIT",
    shown: Callable[[], None] | None = None,
    before_return: Callable[[], None] | None = None,
    fd_in: int = 0,
    fd_out: int = 1,
) -> str:
    """Ask `message` (already wrapped) and return what was typed when Enter is pressed.

    `shown` runs once the question is on the screen (the prompter starts loading questionary);
    `before_return` after Enter, while the terminal is still raw (the prompter waits there for
    the import, so keys typed meanwhile are neither echoed nor lost). Ctrl-C raises
    KeyboardInterrupt, Ctrl-D on an empty answer EOFError."""
    import sys
    import termios

    for stream in (sys.stdout, sys.stderr):  # what was printed before comes before the question
        if stream is not None:
            stream.flush()
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    sgr = SGR[color_depth]

    def columns() -> int:
        try:
            return os.get_terminal_size(fd_out).columns or 80
        except OSError:
            return 80

    before = termios.tcgetattr(fd_in)
    raw = termios.tcgetattr(fd_in)
    raw[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
    raw[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
    raw[6][termios.VMIN] = 1
    answer = default
    pos = len(answer)
    at_row = 0
    term = Terminal(columns())
    paste = [False]  # bracketed paste is on
    state = {"live": False, "busy": False, "resized": False}

    def show(done: str = "", bell: bool = False) -> None:
        nonlocal at_row
        state["busy"] = True
        width = columns()  # read again at each redraw: after a resize, all redrawn at the new one
        if width != term.width:
            term.width, term.previous = width, None
        shape = layout(message, answer, width, pos)
        term.render(screen(shape, width, grey=done == "grey"), full=bool(done))
        cursor = None if done else shape[2]
        text = term.draw(sgr, at_row, len(shape[0]), cursor) + (BELL if bell else "")
        if not paste[0] and not done:
            text, paste[0] = PASTE_ON + text, True
        elif paste[0] and done:
            text, paste[0] = text + PASTE_OFF, False
        _write(fd_out, text.encode(encoding, "replace"))
        at_row = len(shape[0]) if done else shape[2][0]
        state.update(busy=False, live=not done)
        if state["resized"] and not done:  # a resize while drawing: drawn again after it
            state["resized"] = False
            term.previous = None
            show()

    def resized(signum: int, frame: object) -> None:
        """SIGWINCH: all drawn again at the new size at once, as prompt_toolkit does (it erases
        the prompt and draws it whole). Python runs this between two steps of the reader."""
        if not state["live"]:
            return
        if state["busy"]:
            state["resized"] = True
            return
        term.previous = None
        try:
            show()
        except OSError:  # the terminal went away: the next read says so
            pass

    import signal
    import threading

    winch = getattr(signal, "SIGWINCH", None)
    was: object = None
    if winch is not None and threading.current_thread() is threading.main_thread():
        was = signal.getsignal(winch)  # None: set outside Python, left alone
        if was is not None:
            signal.signal(winch, resized)

    termios.tcsetattr(fd_in, termios.TCSANOW, raw)
    try:
        show()
        if shown is not None:
            shown()
        keys = _keys(fd_in)
        try:
            for key in keys:
                if key in ENTER:
                    show("end")
                    if before_return is not None:
                        before_return()
                    return answer
                if key == CTRL_C:
                    raise KeyboardInterrupt
                if key == CTRL_D and not answer:
                    show("grey")
                    raise EOFError
                answer, pos, bell = edit(answer, pos, key)
                show(bell=bell)
            show("grey")  # the terminal closed
            raise EOFError
        except KeyboardInterrupt:
            show("grey")
            raise
    finally:
        if paste[0]:  # ended by an error: bracketed paste off all the same
            try:
                _write(fd_out, PASTE_OFF.encode())
            except OSError:
                pass
        termios.tcsetattr(fd_in, termios.TCSANOW, before)
        if was is not None:
            signal.signal(winch, was)  # type: ignore[arg-type]


def _write(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


def _keys(fd: int) -> Iterator[str]:
    """The keys typed: one character, a control character, or a whole escape sequence. One
    byte is read at a time, so whatever follows Enter stays for the next question."""
    import codecs
    import select

    decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")

    def byte(wait: float | None = None) -> str | None:
        while True:
            if not select.select([fd], [], [], wait)[0]:
                return None
            try:
                data = os.read(fd, 1)
            except BlockingIOError:  # a terminal left non-blocking: wait for the key again
                continue
            except OSError:  # the terminal went away
                data = b""
            if not data:
                raise EOFError
            return data.decode("latin-1")

    while True:
        first = byte()
        assert first is not None
        if first == ESC:
            sequence = first
            nxt = byte(0.05)
            if nxt == "[":
                sequence += nxt
                while len(sequence) < 32:  # parameters and intermediates, then one final byte
                    part = byte(0.05)
                    if part is None:
                        break
                    sequence += part
                    if "\x40" <= part <= "\x7e":
                        break
                if sequence == PASTE_START:  # the pasted text, whole, up to the paste's end
                    pasted, end = bytearray(), PASTE_END.encode()
                    while not pasted.endswith(end):  # a bytearray: a long paste stays linear
                        pasted += (byte() or "").encode("latin-1")
                    text = bytes(pasted[: -len(end)]).decode("utf-8", "ignore")
                    yield PASTE_START + text
                    continue
            elif nxt is not None:
                sequence += nxt
                if nxt == "O":  # SS3: the arrows in application cursor mode
                    sequence += byte(0.05) or ""
            yield sequence
            continue
        char = decoder.decode(first.encode("latin-1"))
        if char:
            yield char
