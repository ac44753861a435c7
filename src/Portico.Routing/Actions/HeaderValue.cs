namespace Portico.Routing.Actions;

public sealed record HeaderValue(string Name, string Value);
