"""One module per CLI subcommand: argument parsing and output, nothing else."""
