"""Authentication and authorization: actors, roles, scopes and tokens."""
