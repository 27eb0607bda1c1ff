"""Activities (跟进记录): calls, visits, meetings and their next steps."""
