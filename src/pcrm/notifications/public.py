"""What other areas may use from notifications: the reminders a record keeps for its people.
Returns schemas, never ORM objects."""

from pcrm.notifications.schemas import ReminderPlan, ReminderRead
from pcrm.notifications.service import keep_reminder, my_open_reminders, replace_reminders

__all__ = [
    "ReminderPlan",
    "ReminderRead",
    "keep_reminder",
    "my_open_reminders",
    "replace_reminders",
]
