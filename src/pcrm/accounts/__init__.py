"""The customer line (客户线): accounts, contacts, activities, search, duplicates and merge."""
