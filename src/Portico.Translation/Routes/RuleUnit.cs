using Portico.Routing.Actions;

namespace Portico.Translation.Routes;

/// <summary>A kept rule: its compiled matches (kind-specific) and its action.</summary>
internal sealed record RuleUnit<TMatch>(int Index, string? Name, IReadOnlyList<TMatch> Matches, RouteAction Action);
