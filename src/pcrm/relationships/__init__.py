"""The people-relationship line (人脉线): profiles, influence, our and competitors' relationship
resources, the relationship graph, closeness analysis and the path to a decision maker."""
