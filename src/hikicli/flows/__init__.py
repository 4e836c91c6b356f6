"""Interactive use cases: they ask through a Prompter and return domain values; no file I/O."""
