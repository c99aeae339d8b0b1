"""Tests for backrelief's storage."""
