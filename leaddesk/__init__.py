"""LeadDesk: an offline lead desk for small businesses."""

__version__ = "0.1.0"
APP_NAME = "LeadDesk"
