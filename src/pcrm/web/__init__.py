"""The application shell: layout, navigation, shared components and static assets."""
