"""Telegram channel: a python-telegram-bot application inside the app (polling in development,
webhook with the secret-token header in production). Conversation id: ``tg-<chat_id>``."""
