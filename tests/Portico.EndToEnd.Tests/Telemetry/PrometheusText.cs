using System.Globalization;
using System.Text;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>One sample of the Prometheus text format: <c>name{labels} value</c>.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string this[string label] => Labels.TryGetValue(label, out var v) ? v : string.Empty;

    public bool Has(params (string Label, string Value)[] labels) => labels.All(l => this[l.Label] == l.Value);
}

/// <summary>
/// A parsed scrape (text exposition format 0.0.4), with the bits of PromQL the tests need: sums over label
/// subsets, and deltas between two scrapes (what <c>rate()</c> divides by the window).
/// </summary>
internal sealed class Scrape
{
    private Scrape(string text, IReadOnlyList<Sample> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static async Task<Scrape> FromAsync(HttpClient admin)
    {
        var text = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return Parse(text);
    }

    public static Scrape Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            string name;
            int rest;
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                rest = ParseLabels(line, brace + 1, labels);
            }
            else
            {
                name = line[..space];
                rest = space;
            }

            var value = line[rest..].Trim().Split(' ')[0];
            samples.Add(new Sample(name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            }));
        }

        return new Scrape(text, samples);
    }

    /// <summary>Sum of the samples of <paramref name="name"/> that carry all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && s.Has(labels)).Sum(s => s.Value);

    public IEnumerable<Sample> Series(string name) => Samples.Where(s => s.Name == name);

    /// <summary>
    /// <c>after - before</c> for each series of <paramref name="name"/> in <paramref name="after"/> (a series absent
    /// before counts from 0).
    /// </summary>
    public static IEnumerable<Sample> Delta(Scrape before, Scrape after, string name)
    {
        var old = before.Series(name).ToDictionary(s => Key(s.Labels), s => s.Value, StringComparer.Ordinal);
        foreach (var s in after.Series(name))
        {
            yield return s with { Value = s.Value - old.GetValueOrDefault(Key(s.Labels)) };
        }
    }

    public static double DeltaSum(Scrape before, Scrape after, string name, params (string Label, string Value)[] labels) =>
        Delta(before, after, name).Where(s => s.Has(labels)).Sum(s => s.Value);

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static int ParseLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (line[i] != '}')
        {
            var eq = line.IndexOf('=', i);
            var label = line[i..eq].Trim(',', ' ');
            i = eq + 2; // past ="
            var value = new StringBuilder();
            while (line[i] != '"')
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }

                i++;
            }

            labels[label] = value.ToString();
            i++; // closing quote
            if (line[i] == ',')
            {
                i++;
            }
        }

        return i + 1;
    }
}
