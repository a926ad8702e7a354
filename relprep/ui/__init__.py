"""The Textual app. It reaches data only through a Repository handed to it."""
