"""The decision chain (项目决策关系) of an opportunity: who decides, evaluates, uses,
influences or guards the door, and where they stand."""
