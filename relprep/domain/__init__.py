"""Pure model and rules of relprep.

Nothing in this package touches files, TinyDB or Textual, so every rule here can be
tested with plain values and an injected clock.
"""
