namespace Portico.Model.Status;

/// <summary>
/// The status of every object the controller owns, in a stable order: the document <c>portico check</c> prints
/// and the admin API serves (<c>{"items": [...]}</c>).
/// </summary>
public sealed class StatusReport
{
    public IReadOnlyList<StatusItem> Items { get; init; } = [];
}
