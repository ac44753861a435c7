using System.Globalization;

namespace Portico.Bench.Loader;

/// <summary><c>--name value</c> pairs after the subcommand; every option has a default, so scripts stay short.</summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var a in args)
        {
            if (name is null)
            {
                if (!a.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"expected an option, got '{a}'");
                }

                name = a[2..];
            }
            else
            {
                _values[name] = a;
                name = null;
            }
        }

        if (name is not null)
        {
            throw new ArgumentException($"option --{name} has no value");
        }
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string Required(string name) => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
