"""Test support shared by every test folder: where the corpus lives, and its releases as
pytest parameters (a failure names the release)."""
