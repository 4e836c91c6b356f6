"""The typer layer: parse arguments, build the context, call a flow or service, render, exit."""
