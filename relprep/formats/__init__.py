"""Records as JSON, in one place for everyone who reads or writes them.

`codec` turns domain records into JSON-ready dicts and back (the TinyDB backend stores
them so, the export writes them so); `shapes` builds the documented JSON output of the CLI
and the export from them. Both depend on the domain only, so the commands, the export and
the store can share them without depending on each other.
"""
