using Portico.Model.GatewayApi;
using Portico.Routing.Actions;
using Portico.Translation.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// The filters both route kinds share: header modifiers, mirrors and ExtensionRef (reference §1.5). Each method
/// returns null when the filter is usable, or the message of why the rule must be dropped; reference problems
/// (a mirror's missing backend) are collected without dropping the rule. One per route kind and translation.
/// </summary>
internal sealed class FilterTranslator(BackendResolver backends, string routeKind, bool grpc)
{
    public static string? HeaderModifier(FilterSet set, bool request, HttpHeaderFilter? filter, FieldPath field)
    {
        var name = request ? FilterType.RequestHeaderModifier : FilterType.ResponseHeaderModifier;
        if (filter is null)
        {
            return $"{field}: type {name} needs the {char.ToLowerInvariant(name[0])}{name[1..]} field";
        }

        if ((request ? set.RequestHeaders : set.ResponseHeaders) is not null)
        {
            return $"{field}: {name} may appear only once in a filter list";
        }

        var error = Check(filter.Set, static h => h.Name, field, name, ".set")
            ?? Check(filter.Add, static h => h.Name, field, name, ".add")
            ?? Check(filter.Remove, static n => n, field, name, ".remove");
        if (error is not null)
        {
            return error;
        }

        var modifier = new HeaderModifier
        {
            Set = Lowered(filter.Set),
            Add = Lowered(filter.Add),
            Remove = filter.Remove.Count == 0 ? [] : [.. filter.Remove.Select(n => n.ToLowerInvariant())],
        };
        if (request)
        {
            set.RequestHeaders = modifier;
        }
        else
        {
            set.ResponseHeaders = modifier;
        }

        return null;
    }

    public string? Mirror(FilterSet set, HttpRequestMirrorFilter? filter, string routeNamespace, FieldPath field, List<Problem> refProblems)
    {
        if (filter is null)
        {
            return $"{field}: type RequestMirror needs the requestMirror field";
        }

        int numerator = 100, denominator = 100;
        if (filter.Percent is not null && filter.Fraction is not null)
        {
            return $"{field}.requestMirror: set percent or fraction, not both";
        }

        if (filter.Percent is { } percent)
        {
            if (percent is < 0 or > 100)
            {
                return $"{field}.requestMirror.percent {percent} is outside 0-100";
            }

            numerator = percent;
        }
        else if (filter.Fraction is { } f)
        {
            if (f.Denominator < 1 || f.Numerator < 0 || f.Numerator > f.Denominator)
            {
                return $"{field}.requestMirror.fraction {f.Numerator}/{f.Denominator} must satisfy 0 <= numerator <= denominator, denominator >= 1";
            }

            (numerator, denominator) = (f.Numerator, f.Denominator);
        }

        var resolved = backends.Resolve(filter.BackendRef, routeKind, routeNamespace, grpc, field.Then(".requestMirror.backendRef"));
        if (resolved.Problem is not null)
        {
            refProblems.Add(resolved.Problem); // the mirror is not configured; the rule still serves.
            return null;
        }

        set.AddMirror(new MirrorPolicy { BackendId = resolved.Backend!.Id, Numerator = numerator, Denominator = denominator });
        return null;
    }

    public static string? ExtensionRef(FilterSet set, LocalObjectReference? r, FieldPath field, List<Problem> refProblems)
    {
        if (r is null)
        {
            return $"{field}: type ExtensionRef needs the extensionRef field";
        }

        // The spec forbids skipping an unresolvable custom filter: matching requests get an error instead.
        var message = $"{field}: ExtensionRef {(r.Group.Length == 0 ? string.Empty : r.Group + "/")}{r.Kind} {r.Name} is not supported by Portico; matching requests are answered with an error";
        refProblems.Add(new Problem(ConditionReason.InvalidKind, message));
        set.Error ??= DirectResponse.Internal($"filter {r.Kind} {r.Name} is not supported by this gateway");
        return null;
    }

    private static string? Check<T>(IReadOnlyList<T> items, Func<T, string> nameOf, FieldPath field, string filterName, string list)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var n = nameOf(item);
            if (HeaderNames.Validate(n) is { } e)
            {
                return $"{field}.{Camel(filterName)}{list}: {e}";
            }

            if (!seen.Add(n))
            {
                return $"{field}.{Camel(filterName)}{list}: header \"{n}\" appears more than once";
            }
        }

        return null;
    }

    private static IReadOnlyList<HeaderValue> Lowered(IReadOnlyList<HttpHeader> headers)
    {
        if (headers.Count == 0)
        {
            return [];
        }

        var result = new HeaderValue[headers.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new HeaderValue(headers[i].Name.ToLowerInvariant(), headers[i].Value);
        }

        return result;
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
