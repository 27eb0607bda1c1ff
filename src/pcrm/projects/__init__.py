"""Projects (项目): delivery projects co-managed with the customer, from the won opportunity on:
phases and gates, the team and its workload, the stakeholder register and the customer's
constraints."""
