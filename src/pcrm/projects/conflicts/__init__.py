"""Issues and conflicts (问题与冲突) of a project with the customer."""
