"""The people and their links: profiles, influence, dotted-line reporting, who of us knows
whom, and the account's relationship graph and org chart."""
