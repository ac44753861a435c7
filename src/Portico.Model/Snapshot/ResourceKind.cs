namespace Portico.Model.Snapshot;

/// <summary>One kind Portico reads: its API group, the versions it accepts, its CLR type and scope.</summary>
public sealed record ResourceKind(string Group, string Kind, IReadOnlyList<string> Versions, Type ClrType, bool Namespaced)
{
    /// <summary><c>group/version</c>, or <c>version</c> for the core group.</summary>
    public string ApiVersion(string version) => Group.Length == 0 ? version : $"{Group}/{version}";

    /// <summary>The version written out (the first of <see cref="Versions"/>).</summary>
    public string PreferredApiVersion => ApiVersion(Versions[0]);
}
