"""Licenses: identify a text against the fingerprint index (``identify``), resolve what a card
declares (``declarations``), know each license's terms with their clauses (``catalog``), and
conclude which licenses cover each part of a release (``conclude``)."""
