"""The pain diary: episodes, entries, insights, and export/import."""
