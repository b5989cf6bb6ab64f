"""The subcommands of `python -m lotse.cli`, by topic: the top of the house, like the worker,
so that they may use every package (and create the schema) without a package reaching upwards."""
