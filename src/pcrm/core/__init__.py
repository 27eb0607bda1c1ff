"""Shared platform pieces: database, tenancy, errors, audit, i18n, templating, security."""
