"""Staff of the agency: accounts, console sessions and who is available for live chats."""
