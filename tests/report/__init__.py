"""Tests for backrelief's report."""
