"""The search box across accounts and contacts, and the search index behind it."""
