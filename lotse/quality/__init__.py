"""Model quality over time: the dated reports `make eval` writes into reports/ (the figures of
the held-out NLU files, the journeys and the test stories), their differences to the report
before, and the trend the staff console shows. Reads the files Rasa's tests write; no Rasa
import."""
