"""The village: Konoha's rooms and zones as declarative data, and the builder that makes them."""
