"""The public read side over HTTP: the contract queries, Relay pagination, nodes and filters."""

from __future__ import annotations

from tests.support import Api

AUTHORITIES = "{ authorities(first: 50) { totalCount edges { node { id code name role } } } }"
SYSTEMS = "{ purchasingSystems(first: 5) { edges { node { title regime status lots { code title weeksPerYear } } } } }"


def test_authorities_contract_query(api: Api) -> None:
    data = api.gql(AUTHORITIES)["authorities"]
    assert data["totalCount"] == 24
    nodes = [e["node"] for e in data["edges"]]
    assert len(nodes) == 24
    lead = [n for n in nodes if n["role"] == "LEAD"]
    assert [(n["code"], n["name"]) for n in lead] == [("E06000049", lead[0]["name"])]
    assert "Cheshire East" in lead[0]["name"]
    assert {n["code"] for n in nodes} >= {"E08000003", "E10000017", "E06000063", "E06000064"}


def test_purchasing_systems_contract_query(api: Api) -> None:
    edges = api.gql(SYSTEMS)["purchasingSystems"]["edges"]
    # the FPS under PCR 2015, and the dynamic market being set up to succeed it under the Procurement Act 2023
    assert [(e["node"]["regime"], e["node"]["status"]) for e in edges] == [
        ("PCR2015_LIGHT_TOUCH", "ACTIVE"),
        ("PA2023_DYNAMIC_MARKET", "DRAFT"),
    ]
    system = edges[0]["node"]
    assert "North West" in system["title"]
    lots = system["lots"]
    assert len(lots) == 7
    assert len({lot["code"] for lot in lots}) == 7
    assert {lot["weeksPerYear"] for lot in lots} <= {38, 39, 52}
    assert 52 in {lot["weeksPerYear"] for lot in lots}


def test_forward_and_backward_pages_cover_the_list_once(api: Api) -> None:
    query = """query($after: String, $before: String, $first: Int, $last: Int) {
      authorities(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { code } }
      }
    }"""
    seen: list[str] = []
    after = None
    while True:
        page = api.gql(query, {"first": 10, "after": after})["authorities"]
        assert page["totalCount"] == 24
        seen += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 24 == len(set(seen))

    backwards = api.gql(query, {"last": 5, "before": None})["authorities"]
    assert [e["node"]["code"] for e in backwards["edges"]] == seen[-5:]
    assert backwards["pageInfo"]["hasPreviousPage"] is True
    earlier = api.gql(query, {"last": 5, "before": backwards["pageInfo"]["startCursor"]})["authorities"]
    assert [e["node"]["code"] for e in earlier["edges"]] == seen[-10:-5]


def test_node_and_nodes_fetch_by_global_id(api: Api) -> None:
    nodes = [e["node"] for e in api.gql(AUTHORITIES)["authorities"]["edges"]]
    one = api.gql("query($id: ID!) { node(id: $id) { id ... on Authority { code } } }", {"id": nodes[3]["id"]})
    assert one["node"] == {"id": nodes[3]["id"], "code": nodes[3]["code"]}
    ids = [n["id"] for n in nodes[:5]]
    many = api.gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert [n["id"] for n in many["nodes"]] == ids


def test_establishment_filters(api: Api) -> None:
    query = """query($f: EstablishmentFilter) {
      establishments(first: 100, filter: $f) { totalCount edges { node { urn concern { since reason } needs } } }
    }"""
    everything = api.gql(query)["establishments"]
    assert everything["totalCount"] >= 60
    asd = api.gql(query, {"f": {"need": "ASD"}})["establishments"]
    assert 0 < asd["totalCount"] < everything["totalCount"]
    assert all("ASD" in e["node"]["needs"] for e in asd["edges"])
    flagged = api.gql(query, {"f": {"flagged": True}})["establishments"]
    assert flagged["totalCount"] >= 1 and all(e["node"]["concern"]["reason"] for e in flagged["edges"])
    clear = api.gql(query, {"f": {"flagged": False}})["establishments"]
    assert all(e["node"]["concern"] is None for e in clear["edges"])
    assert flagged["totalCount"] + clear["totalCount"] == everything["totalCount"]

    lot_id = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")["purchasingSystems"][
        "edges"
    ][0]["node"]["lots"][0]["id"]
    members = api.gql(query, {"f": {"lot": lot_id}})["establishments"]
    assert 0 < members["totalCount"] < everything["totalCount"]


def test_published_specification_and_outcome_measures_are_public(api: Api) -> None:
    data = api.gql(
        """{ purchasingSystems(first: 1) { edges { node {
              currentSpecification { versionNumber status }
              specifications { versionNumber status }
              outcomeMeasures { code domain } } } }
            outcomeMeasures(first: 100) { totalCount } }"""
    )
    system = data["purchasingSystems"]["edges"][0]["node"]
    assert system["currentSpecification"] == {"versionNumber": 1, "status": "PUBLISHED"}
    # drafts are not public
    assert [s["status"] for s in system["specifications"]] == ["PUBLISHED"]
    assert data["outcomeMeasures"]["totalCount"] >= 12
    assert len({m["domain"] for m in system["outcomeMeasures"]}) >= 7


def test_rate_cards_are_hidden_from_the_public(api: Api) -> None:
    query = "{ lotMemberships(first: 5) { totalCount edges { node { status rateCard { weeklyFee } } } } }"
    public = api.gql(query)["lotMemberships"]
    assert public["totalCount"] > 0
    assert all(e["node"]["rateCard"] == [] for e in public["edges"])
