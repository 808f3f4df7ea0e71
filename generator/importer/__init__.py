"""A document received as Word, PDF, a web page or plain text, turned into a campaign file."""
