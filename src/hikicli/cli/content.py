"""`hiki content`: check content files and print the content format's JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hikicli.cli.app import app

content_app = typer.Typer(no_args_is_help=True)
app.add_typer(content_app, name="content")


@content_app.command("validate")
def validate(
    path: Annotated[Path, typer.Argument()],
) -> None:
    """Check content files; print every problem with file, line, column and field."""
    from hikicli.content.validate import validate_path_items
    from hikicli.errors import ContentError

    problems = validate_path_items(path)
    if problems:
        raise ContentError(problems)
    typer.echo(f"{path}: OK")


@content_app.command("schema")
def schema(
    kind: Annotated[str | None, typer.Argument()] = None,
) -> None:
    """Print the JSON Schema of the content format (for editor autocompletion)."""
    from hikicli.content.registry import KINDS
    from hikicli.content.schema import content_schema, kind_schema
    from hikicli.errors import UsageError

    if kind is not None:
        found = kind_schema(kind)
        if found is None:
            known = ", ".join(k.name for k in KINDS)
            raise UsageError("content.unknown_schema", kind=kind, known=known)
        doc = found
    else:
        doc = content_schema()
    typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
