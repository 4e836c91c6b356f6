"""Everything that touches the user's files: paths, the event log, settings, atomic writes."""
