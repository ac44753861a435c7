namespace Portico.Translation.Common;

/// <summary>How references are named in messages: <c>group/Kind</c>, or just <c>Kind</c> for the core group.</summary>
internal static class Refs
{
    public static string Describe(string group, string kind) => group.Length == 0 ? kind : $"{group}/{kind}";
}
