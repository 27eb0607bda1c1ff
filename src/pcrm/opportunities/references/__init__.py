"""Opportunities' records named from their ids, for the history of any record that points to
one (`pcrm.core.history` resolvers)."""
