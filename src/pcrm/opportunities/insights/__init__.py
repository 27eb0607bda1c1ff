"""The analytical views of the project-history line (项目历史线), built from past
opportunities: tender rhythm, competitor record and project history."""
