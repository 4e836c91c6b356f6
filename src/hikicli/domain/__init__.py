"""Pure rules: no files, no terminal, no clock (today is passed in)."""
