"""The `hiki data` group, which three command modules add to: `cli/data` (path, export, wipe),
`cli/data_import` (import) and `cli/privacy` (encrypt, decrypt, passphrase, backup). Declared
here, below them, so none of them imports another."""

from __future__ import annotations

import typer

from hikicli.cli.app import app

data_app = typer.Typer(no_args_is_help=True)  # its help: content/<lang>/help.yaml
app.add_typer(data_app, name="data")
