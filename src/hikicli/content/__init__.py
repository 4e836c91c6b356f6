"""Loading and validating the YAML content catalog (the YAML itself ships as package data)."""
