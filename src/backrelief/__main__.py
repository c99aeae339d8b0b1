"""`python -m backrelief` runs the command line."""

from backrelief.command import main

main()
