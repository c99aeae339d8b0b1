"""Tests for backrelief's diary."""
