using Portico.Model.Meta;

namespace Portico.Model.Core;

/// <summary>core/v1 Secret. <c>data</c> is base64; <c>stringData</c> is plain text and wins on conflicts.</summary>
public sealed class Secret : KubeObject
{
    public const string TlsType = "kubernetes.io/tls";
    public const string TlsCertKey = "tls.crt";
    public const string TlsPrivateKeyKey = "tls.key";

    public string Type { get; set; } = "Opaque";

    public IReadOnlyDictionary<string, string> Data { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> StringData { get; set; } = new Dictionary<string, string>();

    public bool? Immutable { get; init; }

    /// <summary>The value of <paramref name="key"/>, decoded; null when absent or not valid base64.</summary>
    public byte[]? GetValue(string key)
    {
        if (StringData.TryGetValue(key, out var text))
        {
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        if (Data.TryGetValue(key, out var encoded))
        {
            try
            {
                return Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}
