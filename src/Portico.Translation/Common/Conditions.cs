using Portico.Model.Meta;

namespace Portico.Translation.Common;

/// <summary>Builds conditions; every one carries the object's generation (observedGeneration rule, reference §3.5).</summary>
internal static class Conditions
{
    public static Condition Make(string type, bool status, string reason, string message, long generation) => new()
    {
        Type = type,
        Status = ConditionStatus.Of(status),
        Reason = reason,
        Message = message,
        ObservedGeneration = generation,
    };
}
