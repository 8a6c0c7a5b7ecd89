"""The exported document: its writer, its HTML page and its word counts."""
