"""The agency's figures (/staff/zahlen): anonymous counts of conversations, kept after the
conversations themselves are deleted, beside figures read off the intakes and cases.

models     the counter table and the progress mark of the counting
visits     what one visit of a conversation counts as (pure, from Rasa's events)
aggregate  the worker's job: visits that ended since the last run into the counters
period     the days and ISO weeks asked for
queries    the sums per region (and district) a staff member's columns need
cases      cases per status and the time until staff took them
report     all of it as sections of a table; export  the same as CSV
"""
