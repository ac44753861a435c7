using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Portico.Proxy.Listeners;

/// <summary>A bound socket: the spec it was bound for and the Kestrel server that owns it.</summary>
internal sealed record RunningSocket(SocketSpec Spec, KestrelServer Server);
