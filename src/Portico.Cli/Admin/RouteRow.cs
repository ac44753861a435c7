using Portico.Routing.Actions;
using Portico.Routing.Matching;
using Portico.Routing.Table;

namespace Portico.Cli.Admin;

/// <summary>One served route entry of the compiled table: where it listens, the host and match, and what it does.</summary>
internal sealed record RouteRow(ListenerConfig Listener, string Host, string Match, RouteSource Source, RouteAction Action);
