"""The demo's data tables, apart from the code that plans and writes them: the customers and
their organisation charts (`accounts`), made-up people (`people`), what happens over time
(`activities`), the people-relationship line (`relationships`) and how the customers buy
(`opportunities`). Plain values only: nothing here draws random numbers or touches a database."""
