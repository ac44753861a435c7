using System.Text.Json.Nodes;
using Portico.Model.Meta;

namespace Portico.Cli.Admin;

/// <summary>One object from <c>/api/v1/objects</c>: typed for tables, and as served for <c>-o yaml|json</c>.</summary>
internal sealed record AdminObject(KubeObject Object, JsonObject Document);
