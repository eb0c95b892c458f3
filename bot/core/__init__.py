"""The Discord-free core: facts, matching, quiz rules, storage."""
