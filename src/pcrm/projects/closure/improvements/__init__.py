"""Improvement actions (改进事项) born of a project's closure."""
