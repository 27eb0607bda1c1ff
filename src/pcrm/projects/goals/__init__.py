"""SMART goals of a project (项目目标)."""
