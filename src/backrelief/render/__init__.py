"""Renderers only present; they decide nothing clinical."""
