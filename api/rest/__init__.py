"""REST endpoints beside the GraphQL API, described by ``openapi/openapi.yaml``."""
