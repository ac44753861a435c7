namespace Portico.Testing;

/// <summary>An ordered YAML mapping; null values are skipped so optional fields simply disappear.</summary>
internal sealed class YamlMap : List<KeyValuePair<string, object>>
{
    public YamlMap Set(string key, object? value)
    {
        if (value is not null)
        {
            Add(new(key, value));
        }

        return this;
    }

    /// <summary>Adds a map of string pairs, skipping it when null or empty.</summary>
    public YamlMap SetPairs(string key, IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs is null)
        {
            return this;
        }

        var map = new YamlMap();
        foreach (var (k, v) in pairs)
        {
            map.Set(k, v);
        }

        return map.Count == 0 ? this : Set(key, map);
    }
}
