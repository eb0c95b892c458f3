"""The Discord front end: the bot class, one cog per feature, views, rendering, error handling.

Everything here is thin: parse the interaction, call `bot.core`, render the result.
"""
