"""`make validate`: checks of the training data and knowledge with messages the editors can act
on (file, line, what to change), in German. `python -m lotse.cli check-data` runs them all."""
