"""The project team: members, roles, responsibilities, allocation and workload."""
