"""Time zones, their names and marks, zone search, and dates and times as people write them."""
