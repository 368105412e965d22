"""`python -m tally` runs the CLI."""

from tally.cli import main

main()
