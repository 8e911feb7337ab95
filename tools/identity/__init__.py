"""Who the person is to Orient: the secret that proves it (a bearer token, a resume code), and the
pseudonymous references organisations and counsellors get instead of the conversation id."""

from tools.identity.credentials import PersonCredentials, normalise_resume_code
from tools.identity.keys import load_key
from tools.identity.pseudonyms import Pseudonyms
from tools.identity.telegram_ids import telegram_conversation_id

__all__ = ["PersonCredentials", "Pseudonyms", "load_key", "normalise_resume_code", "telegram_conversation_id"]
