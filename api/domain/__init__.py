"""Business rules: plain async functions over a session, an actor and inputs.

No GraphQL and no HTTP here; tenancy is enforced in these queries.
"""
