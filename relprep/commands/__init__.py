"""One module per group of sub-commands; each adds its parsers and handlers to the CLI."""
