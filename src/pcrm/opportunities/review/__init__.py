"""The win/loss review (经验总结) that closing an opportunity records."""
