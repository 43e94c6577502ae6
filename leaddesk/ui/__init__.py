"""LeadDesk's Qt user interface. Calls core services; never builds SQL."""
