"""backrelief: is this serious, what do I do now, what do I tell my doctor, how do I stop it coming back."""

__version__ = "0.1.0"

REGULATORY_STATUS = (
    "Not a medical device approved for use: backrelief has no UKCA or CE marking. Triage software "
    "like this is treated as a medical device in the UK and EU, and this project has no such approval. "
    "No clinical safety officer has signed its safety case."
)
