"""hiki: a private, gentle terminal companion for people in social withdrawal."""

__version__ = "0.1.0"
