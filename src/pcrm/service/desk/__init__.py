"""The service desk (服务台): service requests with their SLA clocks, and complaints."""
