"""backrelief's tests (a package, so that tests.fixtures_postgres can be a pytest plugin)."""
