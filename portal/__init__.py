"""The provider portal: a generator that reads ``schema.graphql``, and the small server that serves what it produced."""
