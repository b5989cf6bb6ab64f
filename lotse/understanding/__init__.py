"""Understanding a whole message: the facts a visitor tells and the questions they ask.

No Rasa here: DIET's intent and entities come in as plain values, and what this package reads
goes back out as plain values for the actions to put into slots.
"""
