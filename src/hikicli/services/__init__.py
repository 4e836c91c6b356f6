"""Use cases shared by commands: below `cli/` (which parses and renders), above flows, content and
storage."""
