"""Application services: the steps that join the core to storage and the renderers.

They sit above `diary`, `storage`, `plan`, `triage` and `render`, and below the ways in
(`cli`, `web`, `clinic` pages): saving an assessment, building a report from what is
stored, exporting and importing a whole diary. Nothing clinical is decided here.
"""
