"""LeadDesk's benchmark command: ``python -m benchmarks --leads 100000``."""
