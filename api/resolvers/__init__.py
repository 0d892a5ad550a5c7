"""Thin resolvers: map GraphQL arguments to domain calls; per-request DataLoaders."""
