"""The stakeholder register (项目干系人) with its power/interest grid."""
