"""A won opportunity becomes a project in one step (商机转项目)."""
