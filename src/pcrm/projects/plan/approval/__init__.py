"""The plan baseline sent for the customer's approval, checked against the hard constraints."""
