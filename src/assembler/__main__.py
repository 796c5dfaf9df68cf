"""`python -m assembler` runs the command-line interface."""

from assembler.cli import main

main()
