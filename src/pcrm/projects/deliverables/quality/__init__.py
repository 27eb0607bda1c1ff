"""Quality standards (质量标准) and inspections (质量检查) of deliverables."""
