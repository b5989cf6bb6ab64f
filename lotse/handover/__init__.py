"""Handover to the agency's staff: cases with a reference number, and their delivery."""
