"""Clinic mode: accounts, server-side sessions, login throttling, sharing with a clinician,
the audit log of who looked at a patient's data, and the clinician's dashboard.

Everything lives in the database (PostgreSQL in a clinic), never in process memory, so
any number of app processes can serve the same people. A patient's diary rows use the
storage tables with `person_id = users.id`.
"""
