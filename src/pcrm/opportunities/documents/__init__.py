"""Project documents (项目文档): the kinds and versions of an opportunity's files."""
