"""Deliverables and their acceptance (交付物 / 交付验收), quality standards (质量标准) and
inspections (质量检查)."""
