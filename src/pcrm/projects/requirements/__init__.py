"""Requirements (需求) of a project with their Kano class, and clarifications (需求澄清)."""
