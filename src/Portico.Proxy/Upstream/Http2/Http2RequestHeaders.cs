using System.Collections.Frozen;
using Portico.Proxy.Upstream.Http2.Hpack;

namespace Portico.Proxy.Upstream.Http2;

/// <summary>
/// A request's header list for <see cref="Http2Connection.SendHeaders"/>: the pseudo-headers and the fields in
/// order. Reusable (<see cref="Reset"/>): a forwarder keeps one per thread and encodes it before its first await.
/// Names compare ignoring case (ASCII).
/// </summary>
internal sealed class Http2RequestHeaders
{
    private string[] _names = new string[16];
    private string[] _values = new string[16];
    private int _count;

    public string Method { get; set; } = "POST";

    public string Scheme { get; set; } = "http";

    public string Authority { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public int Count => _count;

    public (string Name, string Value) this[int index] => (_names[index], _values[index]);

    public void Reset(string method, string scheme, string authority, string path)
    {
        Array.Clear(_names, 0, _count);
        Array.Clear(_values, 0, _count);
        _count = 0;
        Method = method;
        Scheme = scheme;
        Authority = authority;
        Path = path;
    }

    /// <summary>
    /// Adds a value; a header already present gets it appended to its one field, joined with ", " ("; " for
    /// cookie), as HttpClient sends a header with several values.
    /// </summary>
    public void Add(string name, string value)
    {
        name = LowerName(name);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                _values[i] = _values[i] + (string.Equals(name, "cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ") + value;
                return;
            }
        }

        AddNew(name, value);
    }

    /// <summary>Adds a field the caller knows is not in the list yet (a copy of a header dictionary).</summary>
    public void AddNew(string name, string value)
    {
        name = LowerName(name);
        if (_count == _names.Length)
        {
            Array.Resize(ref _names, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        _names[_count] = name;
        _values[_count] = value;
        _count++;
    }

    public void Remove(string name)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!string.Equals(_names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                _names[kept] = _names[i];
                _values[kept] = _values[i];
                kept++;
            }
        }

        Array.Clear(_names, kept, _count - kept);
        Array.Clear(_values, kept, _count - kept);
        _count = kept;
    }

    /// <summary>Values of <paramref name="name"/> joined with ", "; null when absent.</summary>
    public string? Get(string name)
    {
        string? found = null;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                found = found is null ? _values[i] : found + ", " + _values[i];
            }
        }

        return found;
    }

    /// <summary>HPACK-encodes the block into <paramref name="buffer"/> (pooled; grown as needed); returns its length.</summary>
    public int Encode(ref byte[] buffer)
    {
        var position = 0;
        switch (Method)
        {
            case "POST":
                HpackEncoder.WriteIndexed(ref buffer, ref position, 3);
                break;
            case "GET":
                HpackEncoder.WriteIndexed(ref buffer, ref position, 2);
                break;
            default:
                HpackEncoder.WriteLiteral(ref buffer, ref position, 2, Method);
                break;
        }

        HpackEncoder.WriteIndexed(ref buffer, ref position, Scheme == "https" ? 7 : 6);
        if (Path == "/")
        {
            HpackEncoder.WriteIndexed(ref buffer, ref position, 4);
        }
        else
        {
            HpackEncoder.WriteLiteral(ref buffer, ref position, 4, Path);
        }

        HpackEncoder.WriteLiteral(ref buffer, ref position, 1, Authority);
        for (var i = 0; i < _count; i++)
        {
            HpackEncoder.WriteLiteral(ref buffer, ref position, _names[i], _values[i]);
        }

        return position;
    }

    /// <summary>
    /// The name as sent (lower-case; RFC 9113 §8.2.1). Kestrel names known headers in their canonical case
    /// (<c>Content-Type</c>), so common names map to cached lower-case strings; others allocate only when they
    /// have upper-case letters.
    /// </summary>
    private static string LowerName(string name)
    {
        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return KnownNames.TryGetValue(name, out var known) ? known : name.ToLowerInvariant();
            }
        }

        return name;
    }

    private static readonly FrozenDictionary<string, string> KnownNames = BuildKnownNames();

    private static FrozenDictionary<string, string> BuildKnownNames()
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in HpackStaticTable.Entries)
        {
            d.TryAdd(name, name);
        }

        foreach (var name in (string[])["te", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "x-forwarded-for", "x-forwarded-proto",
            "x-request-id", "traceparent", "tracestate", "baggage", "origin", "x-forwarded-host", "x-real-ip", "grpc-trace-bin"])
        {
            d.TryAdd(name, name);
        }

        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
