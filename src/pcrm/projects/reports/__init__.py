"""Progress reports (项目进度报告): drafts, issued versions, HTML and PDF."""
