"""What the account, contact and activity lists share: filters, sorting, saved views, columns."""
