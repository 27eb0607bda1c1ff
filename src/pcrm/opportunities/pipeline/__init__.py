"""The pipeline (当前项目线): opportunities, their stages and gates, team and relations, the
board, closing with the win/loss review."""
