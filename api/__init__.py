"""The North West SEND purchasing system API."""
