"""Change requests (变更请求) with options the customer chooses between."""
