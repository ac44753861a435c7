using Portico.Model.Meta;

namespace Portico.Translation.Common;

/// <summary>Kubernetes label selector semantics: <c>matchLabels</c> and every <c>matchExpressions</c> entry, ANDed.</summary>
internal static class LabelSelectors
{
    /// <summary>Null when the selector is well formed, else why not.</summary>
    public static string? Validate(LabelSelector selector)
    {
        foreach (var e in selector.MatchExpressions)
        {
            switch (e.Operator)
            {
                case "In" or "NotIn" when e.Values.Count == 0:
                    return $"matchExpressions key \"{e.Key}\": operator {e.Operator} needs values";
                case "Exists" or "DoesNotExist" when e.Values.Count > 0:
                    return $"matchExpressions key \"{e.Key}\": operator {e.Operator} takes no values";
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    return $"matchExpressions key \"{e.Key}\": unknown operator \"{e.Operator}\" (In, NotIn, Exists, DoesNotExist)";
            }
        }

        return null;
    }

    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var e in selector.MatchExpressions)
        {
            var has = labels.TryGetValue(e.Key, out var actual);
            var ok = e.Operator switch
            {
                "In" => has && e.Values.Contains(actual!, StringComparer.Ordinal),
                "NotIn" => !has || !e.Values.Contains(actual!, StringComparer.Ordinal),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
