"""Referrals pages, split by what people do: read (tables, trends), enter (grid, return),
manage (services, import)."""
