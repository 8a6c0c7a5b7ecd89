"""pmwizard: write an incident postmortem, section by section, in the terminal."""

__version__ = "0.1.0"
