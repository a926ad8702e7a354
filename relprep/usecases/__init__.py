"""What a user does with their data, as plain functions over the Repository.

Each use case takes the repository (and `now` where a rule needs the time), applies the
domain's rules and saves the outcome in one transaction. The TUI and the CLI both call
these, so every backend gets the same behaviour without repeating a rule.
"""
