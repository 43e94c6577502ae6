"""Scoring UI: the rule editor window and the score breakdown widget for the lead editor."""
