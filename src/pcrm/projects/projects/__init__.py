"""The project itself: code, manager, liaison, baselines, status and phase."""
