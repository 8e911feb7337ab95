"""The web chat page, the counsellor console page and the widget's assets (served by the app; no CDN, no build step)."""
