"""Default thresholds of `make validate` (each can be changed on the command line)."""

from __future__ import annotations

# Fewest example sentences per intent (--min-examples). tests/data/test_training_data.py asks
# 30 of this project's intents; 10 is the floor below which an intent is hardly learnt.
DEFAULT_MIN_EXAMPLES = 10

# Similarity in percent (RapidFuzz ratio of the normalised sentences) from which two examples of
# different intents are reported as too close (--similarity). On this project's ~6,000
# examples 95 and 90 report nothing, 85 four pairs worth a look ("no danke" deny / "jo danke"
# thank), 82 fourteen and 80 about forty, mostly deliberate contrasts ("auf jeden fall" affirm /
# "auf keinen fall" deny).
DEFAULT_SIMILARITY = 85.0
