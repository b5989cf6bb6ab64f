"""Rasa 3.6 checks every response of the action server with `jsonschema.validate`
(`RemoteAction._validate_action_result`). That call first checks the schema itself against
its meta-schema and builds a new validator with a new reference resolver, on every call: in
the Weiterbildungslotse about half of Rasa's CPU time per turn (docs/figures.md, "Answer time"), for a
schema that never changes.

`apply()` replaces the method with one that checks each response against a validator built
once. What is refused stays the same: the same schema, the same best-matching error, the same
message Rasa adds to it. `rasa_addons/serve.py` applies it before Rasa starts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

# Rasa's own words for a refused response (rasa/core/actions/action.py).
REFUSAL_NOTE = (
    ". Failed to validate Action server response from API, make sure your response from the "
    f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
)


@lru_cache(maxsize=1)
def response_validator() -> jsonschema.protocols.Validator:
    """The validator for Rasa's response schema, with the schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """What `RemoteAction._validate_action_result` does, without rebuilding the validator."""
    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += REFUSAL_NOTE
        raise error
    return True


def apply() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
