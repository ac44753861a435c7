namespace Portico.Translation.Common;

/// <summary>A condition reason with its message: what went wrong and where.</summary>
internal sealed record Problem(string Reason, string Message);
