"""What the demo holds, planned as plain values before anything is written: no database, only
the tables of `pcrm.demo.data` and seeded random numbers, so the same seed gives the same plan
(and the plans are tested without a database). One plan per area: `accounts` (with the
history of `activities` and the `made_up` details of people), `relationships`, `opportunities`
(with their `bids`)."""
