"""Competitors and their ties to customer people (竞争对手关系资源)."""
