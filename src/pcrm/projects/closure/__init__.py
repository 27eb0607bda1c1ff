"""Closure (收尾) of a project: the gate, the customer's two evaluation forms, lessons learned,
improvement actions and the follow-up plan."""
