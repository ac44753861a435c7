using Portico.Routing.Table;

namespace Portico.Proxy.Compilation;

/// <summary>
/// One Gateway listener on a socket. Virtual hosts are looked up exact hostname first (dictionary), then wildcards
/// longest first, then <c>*</c>, which is the spec's hostname precedence.
/// </summary>
internal sealed class CompiledListener
{
    private readonly Dictionary<string, CompiledVirtualHost> _exact = new(StringComparer.Ordinal);
    private readonly CompiledVirtualHost[] _wildcards;
    private readonly CompiledVirtualHost? _any;

    public CompiledListener(ListenerConfig config, IEnumerable<CompiledVirtualHost> hosts)
    {
        Config = config;
        var wildcards = new List<CompiledVirtualHost>();
        foreach (var h in hosts)
        {
            if (h.Hostname == "*")
            {
                _any = h;
            }
            else if (h.Hostname.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcards.Add(h);
            }
            else
            {
                _exact[h.Hostname] = h;
            }
        }

        wildcards.Sort(static (a, b) => b.Hostname.Length.CompareTo(a.Hostname.Length));
        _wildcards = [.. wildcards];
    }

    public ListenerConfig Config { get; }

    /// <summary>The <paramref name="index"/>-th virtual host matching <paramref name="host"/>, in precedence order; null past the end.</summary>
    public CompiledVirtualHost? HostAt(string host, ref int index)
    {
        // index walks: 0 = exact, 1..n = wildcards, n+1 = any.
        if (index == 0)
        {
            index = 1;
            if (_exact.TryGetValue(host, out var exact))
            {
                return exact;
            }
        }

        while (index <= _wildcards.Length)
        {
            var w = _wildcards[index - 1];
            index++;
            var suffix = w.Hostname.AsSpan(1); // ".example.com"
            if (host.Length > suffix.Length && host.AsSpan().EndsWith(suffix, StringComparison.Ordinal))
            {
                return w;
            }
        }

        if (index == _wildcards.Length + 1)
        {
            index++;
            return _any;
        }

        return null;
    }
}
