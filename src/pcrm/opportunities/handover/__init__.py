"""The hand-over of a won opportunity to delivery (stage III, joint execution)."""
