"""The embeddable widget: which recommendation kind shows where (a YAML rules file), person tokens
that an organisation's page carries, and the recommendations a frame may show under consent."""
