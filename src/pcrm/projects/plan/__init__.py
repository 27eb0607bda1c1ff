"""The plan (项目计划): WBS tasks, their finish-to-start links, buffers and deliverables, the
Gantt, and the plan baseline sent for the customer's approval."""
