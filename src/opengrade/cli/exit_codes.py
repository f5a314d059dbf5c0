"""The exit codes of every command (the README's table).

0 done (nothing at or above ``--fail-on``), 1 findings at or above ``--fail-on``, 2 usage error,
3 the release could not be read, 4 an internal error (a bug: please report it). Commands import
them from here, not from the package, so the package never imports itself back.
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_INTERNAL = 4
