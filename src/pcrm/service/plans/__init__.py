"""Maintenance plans (售后维护计划): an account's after-sales terms, with their SLA targets."""
