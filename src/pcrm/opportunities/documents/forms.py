"""From the documents tab's upload form to what the service takes."""

from __future__ import annotations

from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.opportunities.vocab import DocumentKind

KINDS = frozenset(k.value for k in DocumentKind)


def kind(value: str) -> DocumentKind:
    """The posted kind, or a message on the kind field."""
    if value not in KINDS:
        raise field_error("kind", N_("Choose one of the allowed values."), "enum")
    return DocumentKind(value)
