"""Turns curated YAML records of claims, actors and sources into a static explainer site."""

__version__ = "0.1.0"
