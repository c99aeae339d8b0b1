"""`python -m backrelief` runs the command line."""

from backrelief.cli import main

main()
