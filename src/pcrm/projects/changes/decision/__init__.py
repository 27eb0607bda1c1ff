"""The steps of a change request and the customer's decision."""
