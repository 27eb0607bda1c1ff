"""Accounts (客户单位): customer organisations, their groups, teams, duplicates and merges."""
