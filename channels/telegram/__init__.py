"""Telegram channel: a python-telegram-bot application inside the app (polling in development,
webhook with the secret-token header in production). Conversation id: an opaque id derived from
the Telegram user id (``tools.identity.telegram_conversation_id``)."""
