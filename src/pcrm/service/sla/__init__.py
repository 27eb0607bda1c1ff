"""SLA clocks (服务时限): the business calendar (working hours, China's official holidays and
adjusted working days, the workspace's own days) and the arithmetic of business time."""
