using Portico.Routing.Matching;

namespace Portico.Translation.Routes.Http;

/// <summary>One compiled HTTPRoute match.</summary>
internal sealed record HttpMatchSpec(int Index, PathMatch Path, string? Method, IReadOnlyList<HeaderMatch> Headers, IReadOnlyList<HeaderMatch> QueryParams);
