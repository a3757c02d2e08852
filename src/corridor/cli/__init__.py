"""The command line: parses arguments, calls services, prints with Rich."""
