namespace Portico.Testing;

/// <summary>Who a ReferenceGrant admits, e.g. <c>new("GRPCRoute", "apps")</c>.</summary>
public sealed record GrantFrom(string Kind, string Namespace, string Group = "gateway.networking.k8s.io");
