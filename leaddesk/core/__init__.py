"""LeadDesk's core: domain, storage, scoring, import/export. Never imports Qt."""
