"""After-sales and the support line (售后与支撑线): the workspace's service calendar and SLA
targets, maintenance plans, service requests with SLA clocks, complaints."""
