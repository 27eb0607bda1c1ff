"""Contacts (联系人): people at customers, their reporting lines and employment history."""
