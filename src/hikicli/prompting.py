"""The Prompter interface that flows ask through, and its questionary implementation.

This is the only module that imports questionary / prompt_toolkit. Flows ask by a stable key and get
plain values back, so tests can answer with a scripted prompter keyed by the same keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from hikicli.errors import Cancelled


class Prompter(Protocol):
    def say(self, text: str) -> None:
        """Show text (markdown) between questions, e.g. crisis resources in the middle of a flow."""

    def scale(
        self, key: str, message: str, lo: int, hi: int, default: int | None = None
    ) -> int: ...

    def number(
        self, key: str, message: str, lo: float, hi: float, default: float | None = None
    ) -> float: ...

    def select(
        self, key: str, message: str, choices: Sequence[tuple[str, str]], default: str | None = None
    ) -> str: ...

    def checkbox(
        self,
        key: str,
        message: str,
        choices: Sequence[tuple[str, str]],
        exclusive: str | None = None,
        checked: Sequence[str] = (),
    ) -> list[str]:
        """Tick any (`checked` start ticked, e.g. when the question is asked again); `exclusive`
        (e.g. "No one today") cannot be ticked with another choice:
        the refusal is said and the question asked again with the ticks kept, so no answer
        given later is lost."""
        ...

    def text(self, key: str, message: str, default: str = "", max_len: int = 4000) -> str: ...

    def confirm(self, key: str, message: str, default: bool = False) -> bool: ...

    def password(self, key: str, message: str) -> str:
        """Hidden input (a passphrase): never echoed, never logged."""
        ...


# The words of the questions' own machinery, in English when no catalog is given (tests); the
# person's language comes from content/<lang>/ui.yaml `prompts` (AppContext.get_prompter).
ENGLISH = {
    "whole_number": "Please type a whole number from {lo} to {hi}.",
    "number": "Please type a number from {lo} to {hi}.",
    "too_long": "Please keep it under {max} characters.",
    "exclusive": "\u201c{label}\u201d can't be ticked together with others: untick one.",
    "select_instruction": "(arrow keys, then Enter)",
    "checkbox_instruction": "(arrow keys, Space to tick, Enter when done)",
    "scale_range": " ({lo}–{hi})",  # with the space before it where the language has one
}


def _number_validator(lo: float, hi: float, whole: bool, texts: dict[str, str] = ENGLISH) -> Any:
    def check(raw: str) -> bool | str:
        key = "whole_number" if whole else "number"
        try:
            value = int(raw) if whole else float(raw)
        except ValueError:
            return texts[key].format(lo=f"{lo:g}", hi=f"{hi:g}")
        if not lo <= value <= hi:
            return texts[key].format(lo=f"{lo:g}", hi=f"{hi:g}")
        return True

    return check


class Loading:
    """questionary imported in a thread while the first question is read (quickline). A failed
    import is left for the next question to raise, where it is asked."""

    def __init__(self) -> None:
        self.thread: Any = None

    def start(self) -> None:
        import threading

        def load() -> None:
            try:
                import questionary  # noqa: F401
            except BaseException:  # noqa: BLE001 (the next question imports it and says why)
                pass

        thread = threading.Thread(target=load, name="hiki-questionary", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no thread to be had: the next question imports it itself
            return
        self.thread = thread

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()


class QuestionaryPrompter:
    """Asks in the terminal. Ctrl-C raises Cancelled at once, so nothing half-done is saved.

    `input`/`output` let tests drive it with prompt_toolkit's pipe input. `show` puts a flow's
    words between questions on the screen: the cli passes `cli.plain_layout.show_text`
    (Markdown when there is markup); without it they are printed as they are.
    """

    def __init__(
        self,
        input: Any = None,
        output: Any = None,
        show: Callable[[str], None] | None = None,
        texts: dict[str, str] | None = None,
        fit: Callable[[str, str], str] | None = None,
    ) -> None:
        self.texts = {**ENGLISH, **(texts or {})}
        # the question wrapped between words to the terminal (the cli passes cli.plain's, by
        # cells); the second argument is what questionary puts after it on its last line
        self.fit = fit or (lambda message, after: message)
        self.kw: dict[str, Any] = {}
        if input is not None:
            self.kw["input"] = input
        if output is not None:
            self.kw["output"] = output
        self.show = show
        self.first = True  # nothing asked yet: a first number question may be read by quickline

    def _ask(self, question: Any) -> Any:
        try:
            answer = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Cancelled("") from None
        if answer is None:
            raise Cancelled("")
        return answer

    def _typed(
        self, message: str, default: str, check: Callable[[str], bool | str], quick: bool = False
    ) -> str:
        """A typed answer, checked after Enter. A problem is said on the line right under the
        question, which is then asked again with what was typed (prompt_toolkit would put it on
        the terminal's bottom row, far from the question).

        The session's first question, when it is a number (`quick`: scale, number), is read by
        hikicli.quickline (drawn as questionary draws it) while questionary loads in a thread;
        the rest, and every text question, are questionary's (its editing keys, its paste)."""
        first, self.first = self.first and quick, False
        while True:
            raw = self._quick(message, default) if first else None
            first = False
            if raw is None:
                import questionary

                question = questionary.text(self.fit(message, ""), default=default, **self.kw)
                raw = str(self._ask(question))
            problem = check(raw)
            if problem is True:
                return raw
            self.say(str(problem))
            default = raw

    def _quick(self, message: str, default: str) -> str | None:
        """The answer read by quickline, or None where it does not read (no terminal, input or
        output given, questionary already loaded, colours it does not draw)."""
        import sys

        if self.kw or "questionary" in sys.modules:
            return None
        from hikicli import quickline

        color_depth = quickline.depth()
        if color_depth is None:
            return None
        loading = Loading()
        try:
            return quickline.read_line(
                self.fit(message, ""), default, color_depth, loading.start, loading.wait
            )
        except (KeyboardInterrupt, EOFError):
            raise Cancelled("") from None

    def say(self, text: str) -> None:
        if self.show is None:
            print(text)
        else:
            self.show(text)

    def scale(self, key: str, message: str, lo: int, hi: int, default: int | None = None) -> int:

        raw = self._typed(
            message + self.texts.get("scale_range", " ({lo}–{hi})").format(lo=lo, hi=hi),
            "" if default is None else str(default),
            _number_validator(lo, hi, whole=True, texts=self.texts),
            quick=True,
        )
        return int(raw)

    def number(
        self, key: str, message: str, lo: float, hi: float, default: float | None = None
    ) -> float:

        raw = self._typed(
            message,
            "" if default is None else f"{default:g}",
            _number_validator(lo, hi, whole=False, texts=self.texts),
            quick=True,
        )
        return float(raw)

    def select(
        self, key: str, message: str, choices: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        import questionary

        items = [questionary.Choice(title=label, value=value) for value, label in choices]
        question = questionary.select(
            self.fit(message, self.texts["select_instruction"]),
            choices=items,
            default=default,
            instruction=self.texts["select_instruction"],
            **self.kw,
        )
        return str(self._ask(question))

    def checkbox(
        self,
        key: str,
        message: str,
        choices: Sequence[tuple[str, str]],
        exclusive: str | None = None,
        checked: Sequence[str] = (),
    ) -> list[str]:
        import questionary

        labels = dict(choices)
        ticks = list(checked)
        while True:
            items = [
                questionary.Choice(title=label, value=value, checked=value in ticks)
                for value, label in choices
            ]
            question = questionary.checkbox(
                self.fit(message, self.texts["checkbox_instruction"]),
                choices=items,
                instruction=self.texts["checkbox_instruction"],
                **self.kw,
            )
            ticks = list(self._ask(question))
            if exclusive is None or exclusive not in ticks or len(ticks) == 1:
                return ticks
            # questionary's own validation line is never drawn: said above, asked again, ticks kept
            self.say(self.texts["exclusive"].format(label=labels[exclusive]))

    def text(self, key: str, message: str, default: str = "", max_len: int = 4000) -> str:

        def check(raw: str) -> bool | str:
            return True if len(raw) <= max_len else self.texts["too_long"].format(max=max_len)

        return self._typed(message, default, check)

    def confirm(self, key: str, message: str, default: bool = False) -> bool:
        import questionary

        yes, no = self.texts.get("yes"), self.texts.get("no")
        if yes and no:  # the language's own words, as a choice of two (see PromptTexts)
            items = [questionary.Choice(yes, value="yes"), questionary.Choice(no, value="no")]
            question = questionary.select(
                self.fit(message, self.texts["select_instruction"]),
                choices=items,
                default="yes" if default else "no",
                instruction=self.texts["select_instruction"],
                **self.kw,
            )
            return bool(self._ask(question) == "yes")
        question = questionary.confirm(self.fit(message, "(y/N)"), default=default, **self.kw)
        return bool(self._ask(question))

    def password(self, key: str, message: str) -> str:
        import questionary

        return str(self._ask(questionary.password(self.fit(message, ""), **self.kw)))
