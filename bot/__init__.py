"""Us and Them trivia bot."""
